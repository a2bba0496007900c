// Edges of the engine contract: Back onto a page that now redirects, leaving the app (blocked or
// not), external redirects, stop() during a navigation, forms to the URL shown, view transitions.
import { expect } from '@esm-bundle/chai';
import { isNavigationFailure, redirect, Response } from '../../src/index.js';
import { clearGuardRecords } from './guard.js';
import {
  dispatches, fixture, forEachEngine, go, here, link, makeApp, mountOutlet, pageLoads, realNavigation, sleep, start, stubConfirm, waitFor, historyLength } from './helpers.js';

forEachEngine('edges', (engine) => {
  function edgeApp(options = {}) {
    const app = makeApp(options);
    let guarded = false;
    app.route('/', function index() { return 'home'; });
    app.route('/a', function a() { return 'A'; });
    app.route('/b', function b() { return 'B'; });
    app.route('/login', function login() { return 'login'; });
    app.route('/slow', async function slow() { await sleep(60); return 'slow'; });
    app.route('/away', function away() { return redirect('http://example.com/elsewhere', { external: true }); });
    app.route('/form', function form(req) { return `form ${req.method}`; }, { methods: ['GET', 'POST'] });
    app.beforeRequest((req) => (guarded && req.path === '/a' ? redirect('/app/login') : undefined));
    const seen = dispatches(app);
    const outlet = mountOutlet(app);
    return { app, seen, outlet, guard: () => { guarded = true; } };
  }

  it('Back onto a page that now redirects: the entry is replaced by the final URL, the entries kept', async () => {
    const { app, outlet, guard } = edgeApp();
    await start(app);
    await app.navigate('/app/a');
    await app.navigate('/app/b');
    const length = historyLength();
    guard();
    await go(-1);
    await waitFor(() => outlet.rendered.at(-1) === '/app/login', 'Back to render /app/login');
    expect(here()).to.equal('/app/login');
    expect(historyLength()).to.equal(length);
    await go(1);
    await waitFor(() => outlet.rendered.at(-1) === '/app/b', 'Forward to render /app/b');
    await go(-2);
    await waitFor(() => outlet.rendered.at(-1) === '/app/', 'Back twice to render /app/');
  });

  it('leaving the app with a message block asks confirm(); refused, no page load', async () => {
    const { app, seen } = edgeApp();
    await start(app);
    const asked = stubConfirm(false);
    app.block('Leave?');
    link('/elsewhere').click();
    await sleep(30);
    expect(asked).to.deep.equal(['Leave?']);
    expect(pageLoads).to.deep.equal([]);
    expect(here()).to.equal('/app/');
    expect(seen).to.deep.equal(['GET /app/']);
  });

  it('leaving the app with a message block accepted is a page load', async () => {
    const { app } = edgeApp();
    await start(app);
    stubConfirm(true);
    app.block('Leave?');
    link('/elsewhere').click();
    await sleep(30);
    expect(pageLoads.map((u) => new URL(u).pathname)).to.deep.equal(['/elsewhere']);
  });

  it('navigate() outside the base is a page load', async () => {
    const { app, seen } = edgeApp();
    await start(app);
    void app.navigate('/elsewhere');
    await waitFor(() => pageLoads.length === 1, 'the page load');
    expect(new URL(pageLoads[0]!).pathname).to.equal('/elsewhere');
    expect(seen).to.deep.equal(['GET /app/']);
  });

  it('navigate() outside the base with a refusing message block is cancelled', async () => {
    const { app } = edgeApp();
    await start(app);
    const asked = stubConfirm(false);
    app.block('Leave?');
    const result = await app.navigate('/elsewhere');
    expect(isNavigationFailure(result, 'cancelled')).to.equal(true);
    expect(asked).to.deep.equal(['Leave?']);
    await sleep(20);
    expect(pageLoads).to.deep.equal([]);
    expect(here()).to.equal('/app/');
  });

  it('an external redirect is a page load, and nothing is committed or rendered', async () => {
    const { app, outlet } = edgeApp();
    await start(app);
    const result = await app.navigate('/app/away');
    await waitFor(() => pageLoads.length === 1, 'the page load');
    expect(pageLoads).to.deep.equal(['http://example.com/elsewhere']);
    expect((result as Response).external).to.equal(true);
    expect(outlet.rendered).to.deep.equal(['/app/']);
    expect(app.current?.request.fullPath).to.equal('/app/');
  });

  it('a hand-made location that leaves the site without external is never followed: a 500 page instead', async () => {
    const { app, outlet } = edgeApp();
    for (const [path, location] of [['/evil', '//evil.example/x'], ['/out', '/elsewhere'], ['/js', 'javascript:alert(1)']] as const) {
      app.route(path, function hand() {
        const res = new Response(null, { status: 302 });
        res.location = location;
        return res;
      }, { endpoint: path.slice(1) });
    }
    app.route('/jsext', function jsext() {
      const res = new Response(null, { status: 302 });
      res.location = 'javascript:alert(1)';
      res.external = true;
      return res;
    });
    await start(app);
    const reports: unknown[][] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => { reports.push(args); };
    try {
      for (const path of ['/app/evil', '/app/out', '/app/js', '/app/jsext']) {
        const result = await app.navigate(path) as Response;
        expect(result.status, path).to.equal(500);
        expect(here(), path).to.equal(path);
      }
    } finally {
      console.error = original;
    }
    expect(pageLoads).to.deep.equal([]);
    expect(reports.map((r) => String(r[0]))).to.satisfy((texts: string[]) => texts.length === 4 && texts.every((t) => t.includes('refused to follow the redirect')));
    expect(outlet.rendered.length).to.equal(5);
  });

  it('stop() during a navigation aborts it: no entry, nothing rendered', async () => {
    const { app, outlet } = edgeApp();
    await start(app);
    const length = historyLength();
    const slow = app.navigate('/app/slow');
    await sleep(10);
    app.stop();
    expect(isNavigationFailure(await slow, 'aborted')).to.equal(true);
    await sleep(80);
    expect(outlet.rendered).to.deep.equal(['/app/']);
    expect(historyLength()).to.equal(length);
    expect(here()).to.equal('/app/');
  });

  it('a GET form sent to the URL shown pushes an entry, as Chromium does (a link replaces)', async () => {
    const { app, outlet } = edgeApp();
    await start(app);
    await app.navigate('/app/form?x=1');
    const length = historyLength();
    const box = fixture('div', '<form action="/app/form"><input name="x" value="1"></form>');
    box.querySelector('form')!.requestSubmit();
    await waitFor(() => outlet.rendered.length === 3, 'the GET to render');
    expect(here()).to.equal('/app/form?x=1');
    expect(historyLength()).to.equal(length + 1);
  });

  it('a POST form sent to the URL shown pushes an entry, as Chromium does', async () => {
    const { app, outlet } = edgeApp();
    await start(app);
    await app.navigate('/app/form');
    const length = historyLength();
    const box = fixture('div', '<form method="post" action="/app/form"><input name="x" value="1"></form>');
    box.querySelector('form')!.requestSubmit();
    await waitFor(() => outlet.rendered.length === 3, 'the POST to render');
    expect(outlet.pages[2]!.response.body).to.equal('form POST');
    expect(historyLength()).to.equal(length + 1);
  });

  it('viewTransitions: true renders inside document.startViewTransition', async () => {
    const { app, outlet } = edgeApp({ viewTransitions: true });
    const original = document.startViewTransition;
    let calls = 0;
    document.startViewTransition = function (this: Document, update?: any) {
      calls++;
      return original.call(this, update);
    } as typeof document.startViewTransition;
    try {
      await start(app);
      const res = await app.navigate('/app/b');
      expect((res as Response).body).to.equal('B');
      expect(outlet.element.textContent).to.equal('B');
      expect(calls).to.equal(2);
    } finally {
      document.startViewTransition = original;
    }
  });

  it('navigate() before start() starts the app first', async () => {
    const { app, outlet } = edgeApp();
    const res = await app.navigate('/app/a');
    expect((res as Response).body).to.equal('A');
    expect(outlet.rendered).to.deep.equal(['/app/', '/app/a']);
    expect(realNavigation).to.not.equal(undefined);
  });

  it('testing: true: navigate() rejects with a view\'s error; a click reports it as uncaught', async () => {
    const app = makeApp({ testing: true });
    app.route('/', function index() { return 'home'; });
    app.route('/boom', function boom() { throw new Error('boom'); });
    const outlet = mountOutlet(app);
    await start(app);
    let rejected: unknown = null;
    await app.navigate('/app/boom').catch((e: unknown) => { rejected = e; });
    expect((rejected as Error).message).to.equal('boom');
    const uncaught: unknown[] = [];
    const previous = window.onerror;
    window.onerror = (_message, _source, _line, _column, error) => { uncaught.push(error); return true; };
    try {
      link('/app/boom').click();
      await waitFor(() => uncaught.length === 1, 'the error to be reported');
    } finally {
      window.onerror = previous;
    }
    expect((uncaught[0] as Error).message).to.equal('boom');
    clearGuardRecords(); // the guard saw the uncaught error too, as it should
    expect(outlet.rendered).to.deep.equal(['/app/']);
    expect(here()).to.equal('/app/');
  });

  it('history.pushState/replaceState by other code are not the app\'s navigations', async () => {
    const { app, seen } = edgeApp();
    await start(app);
    history.pushState({ widget: 1 }, '', '/app/b');
    history.replaceState(null, '', '/app/b?tab=2');
    history.pushState(null, '', '/elsewhere');
    await sleep(30);
    expect(here()).to.equal('/elsewhere');
    expect(seen).to.deep.equal(['GET /app/']);
    expect(pageLoads).to.deep.equal([]);
  });

  it('navigate() resolves to a failure when other code cancels the navigation first', async function () {
    // Only the Navigation API lets a page's own listener cancel the app's navigation.
    if (engine !== 'navigation') this.skip();
    const { app, outlet } = edgeApp();
    const cancel = (e: NavigateEvent) => { if (new URL(e.destination.url).pathname === '/app/b') e.preventDefault(); };
    realNavigation.addEventListener('navigate', cancel);
    try {
      await start(app);
      const result = await app.navigate('/app/b');
      expect(isNavigationFailure(result)).to.equal(true);
      expect(outlet.rendered).to.deep.equal(['/app/']);
    } finally {
      realNavigation.removeEventListener('navigate', cancel);
    }
  });
});
