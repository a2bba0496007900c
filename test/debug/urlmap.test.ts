import '../guard.js';
import { expect } from '@esm-bundle/chai';
import { Blueprint } from '../../src/index.js';
import { makeApp, mount, root, settle, tableRows, toolbarOn, type, useCleanup } from './helpers.js';

describe('<phial-debug-toolbar> URL map', () => {
  useCleanup();

  function shopApp() {
    const app = makeApp();
    const seen: string[] = [];
    app.beforeRequest((req) => { seen.push(req.fullPath); });
    app.route('/', function index() { return 'Home'; });
    app.route('/users/<int:id>', function user() { return 'User'; });
    app.route('/files/<path:name>', function file() { return 'File'; }, { methods: ['GET', 'POST'] });
    app.route('/docs/', function docs() { return 'Docs'; });
    const admin = new Blueprint('admin', { urlPrefix: '/admin' });
    admin.route('/posts/<int(min=1):page>', function posts() { return 'Posts'; });
    app.registerBlueprint(admin);
    app.registerBlueprint(async () => new Blueprint('later'), { name: 'later', urlPrefix: '/later' });
    return { app, seen };
  }

  it('lists every rule with its endpoint, methods, converters and view, filterable', async () => {
    const { app } = shopApp();
    const toolbar = await toolbarOn(app, 'urlmap');

    const rows = tableRows(root(toolbar), 'Rules (paths after the base /app)');
    expect(rows).to.deep.include(['/users/<int:id>', 'user', 'GET, HEAD', 'id: int', 'user']);
    expect(rows).to.deep.include(['/files/<path:name>', 'file', 'GET, HEAD, POST', 'name: path', 'file']);
    expect(rows).to.deep.include(['/admin/posts/<int(min=1):page>', 'admin.posts', 'GET, HEAD', 'page: int(min=1)', 'posts']);
    expect(tableRows(root(toolbar), 'Lazy blueprints not loaded yet')).to.deep.equal([['/later', 'later']]);

    type(root(toolbar).querySelector<HTMLInputElement>('#rule-filter')!, 'ADMIN');
    await toolbar.updateComplete;
    expect(tableRows(root(toolbar), /^Rules/).map((r) => r[1])).to.deep.equal(['admin.posts']);
  });

  it('answers a typed URL from the map, without navigating: endpoint and typed params, 404, 405, redirect', async () => {
    const { app, seen } = shopApp();
    mount('phial-outlet');
    await app.start();
    const committed = app.current;
    const toolbar = await toolbarOn(app, 'urlmap');
    const box = root(toolbar).querySelector<HTMLInputElement>('#try-url')!;
    expect(box.labels![0].textContent).to.contain('Try a URL');
    const answer = () => root(toolbar).querySelector('output')!.textContent!.replace(/\s+/g, ' ').trim();

    type(box, '/app/users/7?tab=posts');
    await toolbar.updateComplete;
    expect(answer()).to.contain("200 Endpoint 'user' (rule /users/<int:id>, view user).");
    expect(tableRows(root(toolbar), 'Values')).to.deep.equal([['id', '7', 'number']]);

    type(box, '/app/users/7/more');
    await toolbar.updateComplete;
    expect(answer()).to.match(/^404 Not Found: /);

    type(box, '/app/docs');
    await toolbar.updateComplete;
    expect(answer()).to.contain('308 Permanent Redirect to /app/docs/');

    const method = root(toolbar).querySelector<HTMLSelectElement>('#try-method')!;
    method.value = 'DELETE';
    method.dispatchEvent(new Event('change'));
    type(box, '/app/files/a/b.txt');
    await toolbar.updateComplete;
    expect(answer()).to.contain('405 Method Not Allowed: the URL answers GET, HEAD, POST.');

    type(box, '/app/later/x');
    await toolbar.updateComplete;
    expect(answer()).to.contain("The lazy blueprint 'later' (under /later) is loaded first");
    type(box, '/elsewhere');
    await toolbar.updateComplete;
    expect(answer()).to.contain("Outside the app's base \"/app\"");

    await settle(toolbar);
    expect(app.current).to.equal(committed);
    expect(seen).to.deep.equal(['/app/']);
    expect(app.lazyBlueprints.isPending('later')).to.equal(true);
  });
});
