import '../guard.js';
import { expect } from '@esm-bundle/chai';
import { Blueprint, redirect, signals } from '../../src/index.js';
import { makeApp, mount, root, settle, tableRows, toolbarOn, useCleanup } from './helpers.js';

/** The text a response's markup shows. */
function textOf(markup: string): string {
  const page = document.createElement('div');
  page.innerHTML = markup;
  return page.textContent!.replace(/\s+/g, ' ');
}

describe('<phial-debug-toolbar> redirects', () => {
  useCleanup();

  it('with "intercept redirects" on, a redirect stops on a page saying who redirected where, and its link goes on', async () => {
    const app = makeApp();
    app.route('/', function index() { return 'Home'; });
    app.route('/new', function fresh(req) { return `New page, ${String(req.getFlashedMessages())}`; });
    app.route('/old', function old(req) { req.flash('Moved'); return redirect('/app/new'); });
    const outlet = mount('phial-outlet');
    const toolbar = await toolbarOn(app, 'redirects');
    const checkbox = root(toolbar).querySelector<HTMLInputElement>('input[type="checkbox"]')!;
    expect(checkbox.labels![0].textContent!.trim()).to.equal('Intercept redirects');
    checkbox.click();
    expect(toolbar.interceptRedirects).to.equal(true);
    await app.start();

    const res = await app.navigate('/app/old');

    expect(app.current!.request.fullPath).to.equal('/app/old');
    expect((res as { title: string }).title).to.equal('Redirect intercepted: 302 Found');
    expect(outlet.querySelector('h1')!.textContent).to.equal('Redirect intercepted');
    expect(outlet.textContent!.replace(/\s+/g, ' ')).to.contain("The view old (endpoint 'old') answered GET /app/old with 302 Found to /app/new.");
    const link = outlet.querySelector<HTMLAnchorElement>('a')!;
    expect(link.getAttribute('href')).to.equal('/app/new');
    await settle(toolbar);
    expect(tableRows(root(toolbar), 'Redirects of the last navigations')[0])
      .to.deep.equal(['GET /app/old', '302 Found', '/app/new', "The view old (endpoint 'old') (intercepted)"]);

    const committed = new Promise<string>((resolve) => {
      const off = signals.navigationCommitted.connect((_app, { request }) => { off(); resolve(request.fullPath); }, { sender: app });
    });
    link.click();
    expect(await committed).to.equal('/app/new');
    await new Promise((r) => setTimeout(r, 0));
    // The flash of the intercepted hop waited for the page the user went on to.
    expect(outlet.textContent).to.equal('New page, Moved');
  });

  it('says which before hook redirected, and turned off lets redirects through again', async () => {
    const app = makeApp();
    app.route('/', function index() { return 'Home'; });
    app.route('/login', function login() { return 'Sign in'; });
    const admin = new Blueprint('admin', { urlPrefix: '/admin' });
    admin.beforeRequest(function loginRequired() { return redirect('/app/login'); });
    admin.route('/', function dashboard() { return 'Admin'; });
    app.registerBlueprint(admin);
    const toolbar = await toolbarOn(app, 'redirects');
    toolbar.interceptRedirects = true;
    await toolbar.updateComplete;

    const stopped = await app.test.get('/app/admin/', { followRedirects: true });
    expect(textOf(stopped.html)).to.contain("The before hook loginRequired of blueprint 'admin' answered GET /app/admin/ with 302 Found to /app/login.");

    toolbar.interceptRedirects = false;
    await toolbar.updateComplete;
    const through = await app.test.get('/app/admin/', { followRedirects: true });
    expect(through.html).to.equal('Sign in');
  });

  it("names the URL map for a routing redirect, and replays a 307's form with a form", async () => {
    const app = makeApp();
    app.route('/docs/', function docs() { return 'Docs'; });
    app.route('/send', function send() { return redirect('/app/sent', { code: 307 }); }, { methods: ['POST'] });
    const toolbar = await toolbarOn(app);
    toolbar.interceptRedirects = true;
    await toolbar.updateComplete;

    const slash = await app.test.get('/app/docs');
    expect(textOf(slash.html)).to.contain('The URL map (the URL is not the canonical URL of its rule) answered GET /app/docs with 308 Permanent Redirect to /app/docs/.');

    const posted = await app.test.post('/app/send', { name: '<b>ada</b>' });
    const page = document.createElement('div');
    page.innerHTML = posted.html;
    const form = page.querySelector('form')!;
    expect(form.getAttribute('method')).to.equal('post');
    expect(form.getAttribute('action')).to.equal('/app/sent');
    const field = form.querySelector('input')!;
    expect([field.name, field.value]).to.deep.equal(['name', '<b>ada</b>']);
  });

  it('remembers the intercept option across reloads', async () => {
    const app = makeApp();
    const first = await toolbarOn(app, 'redirects');
    first.interceptRedirects = true;
    await first.updateComplete;
    first.remove();

    const second = mount('phial-debug-toolbar', (el) => { el.app = app; });
    await second.updateComplete;
    expect(second.interceptRedirects).to.equal(true);
    expect(second.panel).to.equal('redirects');
  });
});
