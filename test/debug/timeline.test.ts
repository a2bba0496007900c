import '../guard.js';
import { expect } from '@esm-bundle/chai';
import { Blueprint, redirect } from '../../src/index.js';
import { makeApp, mount, root, settle, tableRows, toolbarOn, useCleanup } from './helpers.js';

describe('<phial-debug-toolbar> timeline', () => {
  useCleanup();

  it("lists every step of the last navigation in Flask's order, one block per redirect hop, each with its time", async () => {
    const app = makeApp();
    app.beforeFirstRequest(function warmUp() {});
    app.urlValuePreprocessor(function pullLang() {});
    app.beforeRequest(function appBefore() {});
    app.afterRequest(function appAfter() {});
    app.teardownRequest(function appTeardown() {});
    app.layout(function appLayout(body) { return body ?? ''; });
    const shop = new Blueprint('shop', { urlPrefix: '/shop' });
    shop.beforeRequest(function shopBefore() {});
    shop.afterRequest(function shopAfter() {});
    shop.teardownRequest(function shopTeardown() {});
    shop.route('/item/<int:id>', function item(req) { return `Item ${req.params.id}`; });
    app.registerBlueprint(shop);
    app.route('/old', function old() { return redirect('/app/shop/item/3'); });
    mount('phial-outlet');
    const toolbar = await toolbarOn(app, 'timeline');
    await app.start();

    await app.navigate('/app/old');
    await settle(toolbar);

    const chain = [...root(toolbar).querySelectorAll('.chain li')].map((li) => li.textContent);
    expect(chain).to.deep.equal(['/app/old', '/app/shop/item/3']);
    const hops = [...root(toolbar).querySelectorAll('section.hop')];
    expect(hops.map((h) => h.querySelector('h3')!.textContent)).to.have.length(2);
    expect(hops[0].querySelector('h3')!.textContent).to.match(/^Hop 1: GET \/app\/old → 302 → \/app\/shop\/item\/3 · /);
    expect(hops[1].querySelector('h3')!.textContent).to.match(/^Hop 2: GET \/app\/shop\/item\/3 → 200/);

    const steps = tableRows(hops[1], 'Steps of GET /app/shop/item/3');
    expect(steps.map(([kind, name, scope]) => `${kind} ${name} (${scope})`)).to.deep.equal([
      "URL match endpoint 'shop.item' (the URL map (timed again))",
      'beforeFirstRequest warmUp (the app)',
      'urlValuePreprocessor pullLang (the app)',
      'beforeRequest appBefore (the app)',
      "beforeRequest shopBefore (blueprint 'shop')",
      "view item (blueprint 'shop')",
      'layout appLayout (the app)',
      "afterRequest shopAfter (blueprint 'shop')",
      'afterRequest appAfter (the app)',
      "teardownRequest shopTeardown (blueprint 'shop')",
      'teardownRequest appTeardown (the app)',
    ]);
    for (const row of steps) expect(row[3]).to.match(/^\d+(\.\d+)? (µs|ms)$/);
    const first = tableRows(hops[0], 'Steps of GET /app/old').map(([kind, name]) => `${kind} ${name}`);
    expect(first).to.include('view old');
    expect(first).to.not.include('layout appLayout'); // a layout never wraps a redirect
  });

  it('names an anonymous function after where it was registered, and shows an error handler', async () => {
    const app = makeApp();
    const admin = new Blueprint('admin', { urlPrefix: '/admin' });
    admin.beforeRequest(() => {});
    admin.route('/', function dashboard() { return 'Admin'; });
    app.registerBlueprint(admin);
    app.errorHandler(404, function notFound() { return ['Nothing here', 404]; });
    const toolbar = await toolbarOn(app, 'timeline');

    await app.test.get('/app/admin/');
    await settle(toolbar);
    expect(tableRows(root(toolbar), /^Steps of/).map(([kind, name]) => `${kind} ${name}`))
      .to.include("beforeRequest (anonymous, on blueprint 'admin')");

    await app.test.get('/app/nowhere');
    await settle(toolbar);
    const rows = tableRows(root(toolbar), /^Steps of/).map(([kind, name]) => `${kind} ${name}`);
    expect(rows[0]).to.equal('URL match 404 Not Found: The requested URL was not found on the server. If you entered the URL manually please check your spelling and try again.');
    expect(rows).to.include('errorHandler notFound');
    expect(rows.some((r) => r.startsWith('view'))).to.equal(false);
  });

  it('shows the last navigation in the collapsed tab: status, endpoint and time', async () => {
    const app = makeApp();
    app.route('/', function index() { return 'Home'; });
    const toolbar = await toolbarOn(app);
    toolbar.open = false;

    await app.test.get('/app/');
    await settle(toolbar);

    const toggle = root(toolbar).getElementById('toggle')!;
    expect(toggle.textContent).to.match(/^Phial debug200 index \d/);
    expect(root(toolbar).getElementById('body')!.hidden).to.equal(true);
  });
});
