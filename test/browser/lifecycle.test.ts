import '../guard.js';
// start, stop, navigate, replace, state, redirects, app.current, navigationCommitted, title:
// SPEC §2 and §11, once per engine.
import { expect } from '@esm-bundle/chai';
import { PhialError, Phial, memoryStore, memorySession, redirect, Response, isNavigationFailure, signals, urlFor } from '../../src/index.js';
import { connectView } from '../../src/browser/render.js';
import {
  clicks, commits, dispatches, forEachEngine, go, here, interceptCount, link, makeApp, mountOutlet, pageLoads, onCleanup, sleep, start, waitFor, historyLength } from './helpers.js';

function routes(app: ReturnType<typeof makeApp>): void {
  app.route('/', function index() { return new Response('<h1>Home</h1>', { title: 'Home' }); });
  app.route('/a', function a() { return new Response('<h1>A</h1>', { title: 'A' }); });
  app.route('/b', function b() { return '<h1>B</h1>'; });
  app.route('/state', function state(req) { return JSON.stringify(req.state ?? null); });
}

forEachEngine('lifecycle', (engine) => {
  it('uses the engine asked for', async () => {
    const app = makeApp();
    routes(app);
    await start(app);
    await app.navigate('/app/a');
    if (engine === 'navigation') expect(interceptCount).to.be.greaterThan(0);
    else expect(interceptCount).to.equal(0);
  });

  it('start() dispatches the current URL without a new entry and renders it once', async () => {
    const app = makeApp({}, '/app/a?x=1#top');
    routes(app);
    const seen = dispatches(app);
    const outlet = mountOutlet(app);
    const committed = commits(app);
    const length = historyLength();
    await start(app);
    expect(seen).to.deep.equal(['GET /app/a?x=1#top']);
    expect(outlet.rendered).to.deep.equal(['/app/a?x=1#top']);
    expect(committed).to.deep.equal(['/app/a?x=1#top']);
    expect(historyLength()).to.equal(length);
    expect(here()).to.equal('/app/a?x=1#top');
    expect(app.current?.request.fullPath).to.equal('/app/a?x=1#top');
  });

  it('start() is idempotent', async () => {
    const app = makeApp();
    routes(app);
    const seen = dispatches(app);
    const outlet = mountOutlet(app);
    await Promise.all([app.start(), app.start()]);
    await start(app);
    expect(seen).to.deep.equal(['GET /app/']);
    expect(outlet.rendered).to.deep.equal(['/app/']);
  });

  it('start() follows a redirect of the first page in place', async () => {
    const app = makeApp({}, '/app/old');
    routes(app);
    app.route('/old', function old() { return redirect('/app/a'); });
    const outlet = mountOutlet(app);
    const length = historyLength();
    await start(app);
    expect(here()).to.equal('/app/a');
    expect(historyLength()).to.equal(length);
    expect(outlet.rendered).to.deep.equal(['/app/a']);
  });

  it('stop() removes the listeners; start() again works', async () => {
    const app = makeApp();
    routes(app);
    const seen = dispatches(app);
    const outlet = mountOutlet(app);
    await start(app);
    const a = link('/app/a');
    app.stop();
    app.stop(); // twice is fine
    a.click();
    await sleep(50);
    expect(seen).to.deep.equal(['GET /app/']);
    expect(clicks.at(-1)).to.deep.equal({ href: '/app/a', defaultPrevented: false });
    // A page load, which the test stopped.
    expect(pageLoads.map((u) => new URL(u).pathname)).to.deep.equal(['/app/a']);
    expect(here()).to.equal('/app/');

    await start(app);
    expect(seen).to.deep.equal(['GET /app/', 'GET /app/']);
    a.click();
    await waitFor(() => outlet.rendered.at(-1) === '/app/a', 'the click to render /app/a');
    expect(here()).to.equal('/app/a');
    expect(pageLoads).to.have.length(1);
  });

  it('navigate() resolves with the Response once the address bar shows the final URL and the outlet rendered', async () => {
    const app = makeApp();
    routes(app);
    app.route('/go', function go() { return redirect('/app/a'); });
    const outlet = mountOutlet(app);
    await start(app);
    const seenAtRender: string[] = [];
    let renderDone = false;
    outlet.onRender = async () => {
      seenAtRender.push(here());
      await sleep(30);
      renderDone = true;
    };
    const res = await app.navigate('/app/go');
    expect(res).to.be.instanceOf(Response);
    expect((res as Response).body).to.equal('<h1>A</h1>');
    expect(renderDone).to.equal(true);
    expect(seenAtRender).to.deep.equal(['/app/a']);
    expect(here()).to.equal('/app/a');
    expect(outlet.element.textContent).to.equal('A');
  });

  it('navigate() resolves at once when no outlet is connected', async () => {
    const app = makeApp();
    routes(app);
    await start(app);
    const res = await app.navigate('/app/b');
    expect((res as Response).body).to.equal('<h1>B</h1>');
    expect(here()).to.equal('/app/b');
  });

  it('another app\'s test client does not take the started app\'s place as the current app', async () => {
    const app = makeApp();
    routes(app);
    // A view with no app of its own follows the current app, as a bare <phial-outlet> does.
    const rendered: string[] = [];
    onCleanup(connectView({ app: null, render(page) { rendered.push(page.request.fullPath); } }));
    await start(app);
    const other = new Phial({ flashStore: memoryStore(), session: memorySession() });
    other.route('/', function index() { return 'other'; });
    expect((await other.test.get('/')).body).to.equal('other');
    await app.navigate('/app/a');
    expect(rendered.at(-1)).to.equal('/app/a');
    expect(urlFor('a')).to.equal('/app/a');
  });

  it('a view that follows the current app shows the page of the app current again after a stop()', async () => {
    const one = makeApp({ history: 'memory' });
    one.route('/', function index() { return 'one'; });
    const two = makeApp({ history: 'memory' });
    two.route('/', function index() { return 'two'; });
    const shown: string[] = [];
    onCleanup(connectView({ app: null, render(page) { shown.push(String(page.response.body)); } }));
    await start(one);
    await start(two);
    expect(shown.at(-1)).to.equal('two');
    two.stop();
    await sleep(0);
    expect(shown.at(-1)).to.equal('one');
  });

  it('navigate() rejects for a bad argument only', async () => {
    const app = makeApp();
    routes(app);
    await start(app);
    let error: unknown = null;
    try {
      await app.navigate('');
    } catch (e) {
      error = e;
    }
    expect(error).to.be.instanceOf(PhialError);
    // A URL the browser cannot read is a bad argument too, on both engines alike.
    error = null;
    try {
      await app.navigate('http://[bad');
    } catch (e) {
      error = e;
    }
    expect(error).to.be.instanceOf(PhialError);
    // A URL that matches no rule is a page (404), not a failure.
    const res = await app.navigate('/app/nothing-here');
    expect((res as Response).status).to.equal(404);
  });

  it('a before-hook redirect during a push leaves exactly one new entry, the final URL', async () => {
    const app = makeApp();
    routes(app);
    app.route('/private', function priv() { return 'secret'; });
    app.route('/login', function login() { return 'login'; });
    app.beforeRequest((req) => (req.path === '/private' ? redirect('/app/login') : undefined));
    const outlet = mountOutlet(app);
    const committed = commits(app);
    await start(app);
    const length = historyLength();
    const res = await app.navigate('/app/private');
    expect((res as Response).body).to.equal('login');
    expect(here()).to.equal('/app/login');
    expect(historyLength()).to.equal(length + 1);
    expect(outlet.rendered).to.deep.equal(['/app/', '/app/login']);
    expect(committed).to.deep.equal(['/app/', '/app/login']);
    await go(-1);
    await waitFor(() => outlet.rendered.at(-1) === '/app/', 'Back to render /app/');
    expect(here()).to.equal('/app/');
  });

  it('a redirect chain of several hops still leaves one entry', async () => {
    const app = makeApp();
    routes(app);
    app.route('/r1', function r1() { return redirect('/app/r2'); });
    app.route('/r2', function r2() { return redirect('/app/r3?q=1'); });
    app.route('/r3', function r3(req) { return `r3 ${req.redirectChain.join(',')}`; });
    await start(app);
    const length = historyLength();
    const res = await app.navigate('/app/r1');
    expect((res as Response).body).to.equal('r3 /app/r1,/app/r2');
    expect(here()).to.equal('/app/r3?q=1');
    expect(historyLength()).to.equal(length + 1);
  });

  it('replace: no new entry, Back goes to the entry before', async () => {
    const app = makeApp();
    routes(app);
    const outlet = mountOutlet(app);
    await start(app);
    await app.navigate('/app/a');
    const length = historyLength();
    const res = await app.navigate('/app/b', { replace: true });
    expect((res as Response).body).to.equal('<h1>B</h1>');
    expect(historyLength()).to.equal(length);
    expect(here()).to.equal('/app/b');
    await go(-1);
    await waitFor(() => outlet.rendered.at(-1) === '/app/', 'Back to render /app/');
  });

  it('state is req.state, and comes back with its entry', async () => {
    const app = makeApp();
    routes(app);
    const outlet = mountOutlet(app);
    await start(app);
    const res = await app.navigate('/app/state', { state: { n: 7 } });
    expect((res as Response).body).to.equal('{"n":7}');
    await app.navigate('/app/a');
    await go(-1);
    await waitFor(() => outlet.rendered.at(-1) === '/app/state', 'Back to render /app/state');
    expect(outlet.pages.at(-1)!.response.body).to.equal('{"n":7}');
    const replaced = await app.navigate('/app/state', { replace: true, state: 'two' });
    expect((replaced as Response).body).to.equal('"two"');
  });

  it('app.current is the committed page; navigationCommitted is sent before the outlet renders', async () => {
    const app = makeApp();
    routes(app);
    const outlet = mountOutlet(app);
    const order: string[] = [];
    const off = signals.navigationCommitted.connect((_s, { request }) => {
      order.push(`committed ${request.fullPath}`);
      expect(app.current?.request).to.equal(request);
    }, { sender: app });
    outlet.onRender = (page) => { order.push(`render ${page.request.fullPath}`); };
    try {
      expect(app.current).to.equal(null);
      await start(app);
      expect(app.current?.request.fullPath).to.equal('/app/');
      const res = await app.navigate('/app/a');
      expect(app.current?.response).to.equal(res);
      expect(order).to.deep.equal(['committed /app/', 'render /app/', 'committed /app/a', 'render /app/a']);
    } finally {
      off();
    }
  });

  it('the title is the Response title, else the title the document had at start()', async () => {
    const app = makeApp();
    routes(app);
    const original = document.title;
    document.title = 'Start title';
    try {
      await start(app);
      expect(document.title).to.equal('Home');
      await app.navigate('/app/b');
      expect(document.title).to.equal('Start title');
      await app.navigate('/app/a');
      expect(document.title).to.equal('A');
    } finally {
      document.title = original;
    }
  });

  it('isNavigationFailure tells a Response from a failure', async () => {
    const app = makeApp();
    routes(app);
    await start(app);
    const res = await app.navigate('/app/a');
    expect(isNavigationFailure(res)).to.equal(false);
  });
});
