import '../guard.js';
// Audit 2 of SPEC §2, §11 and §14 against both engines: blocks (forms, beforeunload, Forward,
// what a function block is given), navigation failures (from, to, types; a redirect loop is a
// page), view transitions, links at the base, races and req.signal, focus, title, the live
// region, hash-only pushes, commits, replace, Back/Forward to a POST's entry, several outlets.
import { expect } from '@esm-bundle/chai';
import { html } from 'lit';
import { isNavigationFailure, memorySession, memoryStore, NavigationFailure, Phial, PhialError, RedirectLoopError, redirect, Response } from '../../src/index.js';
import '../../src/lit/index.js';
import {
  captureErrors, dispatches, fixture, forEachEngine, frames, go, here, historyLength, link, makeApp, mountOutlet, onCleanup, pageLoads, sleep, start, stubConfirm, waitFor,
} from '../browser/helpers.js';

forEachEngine('audit2: navigation contract', () => {
  function app3() {
    const app = makeApp();
    app.route('/', function index() { return 'home'; });
    app.route('/a', function a() { return 'A'; });
    app.route('/b', function b() { return 'B'; });
    app.route('/s', function s(req) { return `${req.method} ${req.query.toString()} ${req.form ? [...req.form].join('|') : ''}`; }, { methods: ['GET', 'POST'] });
    return app;
  }

  it('a block refuses a form submission', async () => {
    const app = makeApp();
    app.route('/', function index() { return 'home'; });
    app.route('/s', function s() { return 'sent'; }, { methods: ['GET', 'POST'] });
    const seen = dispatches(app);
    await start(app);
    const asked = stubConfirm(false);
    app.block('Leave?');
    const form = fixture('form', '<input name="q" value="1"><button>Go</button>');
    form.setAttribute('action', '/app/s');
    form.setAttribute('method', 'post');
    const length = historyLength();
    form.querySelector('button')!.click();
    await waitFor(() => asked.length === 1, 'confirm');
    await sleep(30);
    expect(seen).to.deep.equal(['GET /app/']);
    expect(here()).to.equal('/app/');
    expect(historyLength()).to.equal(length);
  });

  it('beforeunload is prevented only while a block exists and the app runs', async () => {
    const app = makeApp();
    app.route('/', function index() { return 'home'; });
    await start(app);
    const fire = () => { const e = new Event('beforeunload', { cancelable: true }); window.dispatchEvent(e); return e.defaultPrevented; };
    expect(fire()).to.equal(false);
    const off = app.block('x');
    expect(fire()).to.equal(true);
    off();
    expect(fire()).to.equal(false);
    app.block(() => true);
    expect(fire()).to.equal(true);
    app.stop();
    expect(fire()).to.equal(false);
  });

  it('failure from/to are the full paths; a failure is a PhialError', async () => {
    const app = makeApp({}, '/app/?q=1');
    app.route('/', function index() { return 'home'; });
    app.route('/slow', async function slow() { await sleep(100); return 'slow'; });
    app.route('/b', function b() { return 'b'; });
    await start(app);
    const p = app.navigate('/app/slow?x=2#h');
    await sleep(10);
    await app.navigate('/app/b');
    const f = await p;
    expect(isNavigationFailure(f)).to.equal(true);
    expect(isNavigationFailure(f, 'aborted')).to.equal(true);
    expect(isNavigationFailure(f, 'cancelled')).to.equal(false);
    expect(f).to.be.instanceOf(PhialError);
    expect(f).to.be.instanceOf(Error);
    expect((f as NavigationFailure).from).to.equal('/app/?q=1');
    expect((f as NavigationFailure).to).to.equal('/app/slow?x=2#h');
    app.block(() => false);
    const c = await app.navigate('/app/slow');
    expect(isNavigationFailure(c, 'cancelled')).to.equal(true);
    expect((c as NavigationFailure).from).to.equal('/app/b');
    expect((c as NavigationFailure).to).to.equal('/app/slow');
    expect(isNavigationFailure(new Error('x'))).to.equal(false);
    expect(isNavigationFailure(null)).to.equal(false);
    expect(isNavigationFailure(new Response('x'))).to.equal(false);
  });

  it('a redirect loop through navigate() resolves to a 500 page, not a failure', async () => {
    const app = makeApp();
    app.route('/', function index() { return 'home'; });
    app.route('/loop', function loop() { return redirect('/app/loop'); });
    let caught: unknown = null;
    app.errorHandler(500, (e) => { caught = (e as { originalError?: unknown }).originalError; return ['loop page', 500]; });
    const outlet = mountOutlet(app);
    await start(app);
    const length = historyLength();
    const { result } = await captureErrors(() => app.navigate('/app/loop'));
    expect(isNavigationFailure(result)).to.equal(false);
    expect((result as Response).status).to.equal(500);
    expect(caught).to.be.instanceOf(RedirectLoopError);
    expect(outlet.rendered.length).to.equal(2);
    expect(historyLength()).to.equal(length + 1);
  });

  it('reduced motion: no view transition', async () => {
    const app = makeApp({ viewTransitions: true });
    app.route('/', function index() { return 'home'; });
    app.route('/a', function a() { return 'a'; });
    const orig = window.matchMedia;
    window.matchMedia = ((q: string) => ({ matches: /reduce/.test(q), media: q, addEventListener() {}, removeEventListener() {} })) as never;
    onCleanup(() => { window.matchMedia = orig; });
    const origVT = document.startViewTransition;
    let used = 0;
    document.startViewTransition = function (this: Document, cb: unknown) { used++; return origVT.call(this, cb as never); } as never;
    onCleanup(() => { document.startViewTransition = origVT; });
    mountOutlet(app);
    await start(app);
    await app.navigate('/app/a');
    expect(used).to.equal(0);
  });

  it('no startViewTransition: renders plainly', async () => {
    const app = makeApp({ viewTransitions: true });
    app.route('/', function index() { return 'home'; });
    app.route('/a', function a() { return 'a'; });
    const desc = Object.getOwnPropertyDescriptor(Document.prototype, 'startViewTransition');
    Object.defineProperty(Document.prototype, 'startViewTransition', { value: undefined, configurable: true, writable: true });
    onCleanup(() => { if (desc) Object.defineProperty(Document.prototype, 'startViewTransition', desc); });
    const outlet = mountOutlet(app);
    await start(app);
    await app.navigate('/app/a');
    expect(outlet.rendered).to.deep.equal(['/app/', '/app/a']);
  });

  it('a link to the base itself (/app) is the app\'s; /application is not', async () => {
    const app = makeApp();
    app.route('/', function index() { return 'home'; });
    const outlet = mountOutlet(app);
    await start(app);
    await app.navigate('/app/');
    link('/application').click();
    await sleep(30);
    expect(pageLoads.map((u) => new URL(u).pathname)).to.deep.equal(['/application']);
    link('/app').click();
    await waitFor(() => outlet.rendered.length === 3, 'the click on /app to render');
    expect(pageLoads.map((u) => new URL(u).pathname)).to.deep.equal(['/application']);
  });

  it('the overtaken navigation sees req.signal aborted and stops at its next step', async () => {
    const app = makeApp();
    app.route('/', function index() { return 'home'; });
    let sig: AbortSignal | null = null;
    let viewRan = false;
    app.route('/slow', function slow() { viewRan = true; return 'slow'; });
    app.beforeRequest(async (req) => { if (req.endpoint === 'slow') { sig = req.signal; await sleep(60); } });
    app.route('/b', function b() { return 'b'; });
    await start(app);
    const p = app.navigate('/app/slow');
    await sleep(10);
    await app.navigate('/app/b');
    await p;
    await sleep(80);
    expect(sig!.aborted).to.equal(true);
    expect(viewRan).to.equal(false);
  });

  it('<phial-outlet>: focus goes to its h1 after a navigation; without a heading to the outlet with tabindex -1', async () => {
    const app = makeApp();
    app.route('/', function index() { return html`<h1>Home</h1>`; });
    app.route('/a', function a() { return html`<p>x</p><h2>Two</h2><h1>One</h1>`; });
    app.route('/b', function b() { return html`<p>plain</p>`; });
    const outlet = document.createElement('phial-outlet');
    outlet.app = app;
    document.body.append(outlet);
    onCleanup(() => outlet.remove());
    await start(app);
    expect(document.activeElement).to.not.equal(outlet.querySelector('h1'));
    await app.navigate('/app/a');
    expect(document.activeElement?.textContent).to.equal('One');
    await app.navigate('/app/b');
    expect(document.activeElement).to.equal(outlet);
    expect(outlet.getAttribute('tabindex')).to.equal('-1');
  });

  it('title: Response title, else the start() title', async () => {
    const app = makeApp();
    const original = document.title;
    onCleanup(() => { document.title = original; });
    document.title = 'Start title';
    app.route('/', function index() { return 'home'; });
    app.route('/t', function t() { return new Response('x', { title: 'T' }); });
    app.route('/e', function e() { return ['nope', 404]; });
    await start(app);
    expect(document.title).to.equal('Start title');
    await app.navigate('/app/t');
    expect(document.title).to.equal('T');
    await app.navigate('/app/e');
    expect(document.title).to.equal('Start title');
    await app.navigate('/app/missing');
    expect(document.title).to.equal('404 Not Found');
  });

  it('live region: polite, visually hidden, gets the title', async () => {
    const app = makeApp();
    app.route('/', function index() { return 'home'; });
    app.route('/t', function t() { return new Response('x', { title: 'Tee' }); });
    mountOutlet(app);
    await start(app);
    await app.navigate('/app/t');
    await frames();
    await sleep(50);
    const region = [...document.querySelectorAll('[aria-live="polite"]')].find((e) => e.textContent?.includes('Tee'));
    expect(region, 'a polite region with the title').to.exist;
    const r = region!.getBoundingClientRect();
    expect(r.width <= 1 && r.height <= 1).to.equal(true);
  });

  it('navigate() to a hash-only change resolves to the page shown, without dispatch', async () => {
    const app = makeApp();
    app.route('/', function index() { return '<h2 id="x">X</h2>'; });
    const seen = dispatches(app);
    mountOutlet(app);
    await start(app);
    const length = historyLength();
    const res = await app.navigate('/app/#x');
    expect(seen).to.deep.equal(['GET /app/']);
    expect(res).to.equal(app.current?.response);
    expect(here()).to.equal('/app/#x');
    expect(historyLength()).to.equal(length + 1);
  });

  it('navigate(url) of another origin is a page load', async () => {
    const app = makeApp();
    app.route('/', function index() { return 'home'; });
    await start(app);
    void app.navigate('https://example.com/x');
    await sleep(50);
    expect(pageLoads).to.deep.equal(['https://example.com/x']);
  });

  it('a link click on the current URL with only a different query is a push', async () => {
    const app = makeApp();
    app.route('/', function index() { return 'home'; });
    const outlet = mountOutlet(app);
    await start(app);
    const length = historyLength();
    link('/app/?x=1').click();
    await waitFor(() => outlet.rendered.at(-1) === '/app/?x=1', 'render');
    expect(historyLength()).to.equal(length + 1);
  });

  it('during a push\'s dispatch the address bar still shows the old URL', async () => {
    const app = app3();
    let during = '';
    app.route('/w', function w() { during = here(); return 'w'; });
    await start(app);
    await app.navigate('/app/w');
    expect(during).to.equal('/app/');
    expect(here()).to.equal('/app/w');
  });

  it('app.current is null before start()', () => {
    const app = app3();
    expect(app.current).to.equal(null);
  });

  it('replace with a redirect: the current entry holds the final URL, no new entry', async () => {
    const app = app3();
    app.route('/to-b', function toB() { return redirect('/app/b'); });
    await start(app);
    await app.navigate('/app/a');
    const length = historyLength();
    await app.navigate('/app/to-b', { replace: true });
    expect(here()).to.equal('/app/b');
    expect(historyLength()).to.equal(length);
    await go(-1);
    expect(here()).to.equal('/app/');
  });

  it('Forward to an entry a POST rendered dispatches a GET', async () => {
    const app = app3();
    const seen = dispatches(app);
    const outlet = mountOutlet(app);
    await start(app);
    const form = fixture('form', '<input name="q" value="1"><button>Go</button>');
    form.setAttribute('action', '/app/s');
    form.setAttribute('method', 'post');
    form.querySelector('button')!.click();
    await waitFor(() => outlet.rendered.at(-1) === '/app/s', 'the POST');
    await go(-1);
    await waitFor(() => outlet.rendered.at(-1) === '/app/', 'Back');
    await go(1);
    await waitFor(() => outlet.rendered.at(-1) === '/app/s' && outlet.rendered.length === 4, 'Forward');
    expect(seen).to.deep.equal(['GET /app/', 'POST /app/s', 'GET /app/', 'GET /app/s']);
  });

  it('a block refused on Forward leaves the entries; Back still works', async () => {
    const app = app3();
    const outlet = mountOutlet(app);
    await start(app);
    await app.navigate('/app/a');
    await go(-1);
    await waitFor(() => outlet.rendered.at(-1) === '/app/', 'Back');
    const asked = stubConfirm(false);
    app.block('Stay?');
    history.forward();
    await waitFor(() => asked.length === 1, 'confirm');
    await sleep(60);
    expect(here()).to.equal('/app/');
    expect(outlet.rendered).to.deep.equal(['/app/', '/app/a', '/app/']);
  });

  it('a block function is asked with a URL for navigate(), links and forms', async () => {
    const app = app3();
    const outlet = mountOutlet(app);
    await start(app);
    const seen: string[] = [];
    app.block((to) => { seen.push(`${to instanceof URL} ${to.pathname}${to.search}`); return true; });
    await app.navigate('/app/a?x=1');
    link('/app/b').click();
    await waitFor(() => outlet.rendered.at(-1) === '/app/b', 'link');
    const form = fixture('form', '<input name="q" value="2"><button>Go</button>');
    form.setAttribute('action', '/app/s');
    form.querySelector('button')!.click();
    await waitFor(() => outlet.rendered.at(-1) === '/app/s?q=2', 'form');
    expect(seen).to.deep.equal(['true /app/a?x=1', 'true /app/b', 'true /app/s?q=2']);
  });

  it('navigate() to a non-app URL with a function block only: the block is asked?', async () => {
    const app = app3();
    await start(app);
    let asked = 0;
    app.block(() => { asked++; return false; });
    void app.navigate('/other');
    await sleep(50);
    // SPEC: leaving the app asks through beforeunload (best effort); a function block cannot answer synchronously
    expect(pageLoads.map((u) => new URL(u).pathname)).to.deep.equal(['/other']);
    expect(asked).to.equal(0);
  });

  it('several message blocks each ask, in order', async () => {
    const app = app3();
    await start(app);
    const asked = stubConfirm(true);
    app.block('one');
    app.block('two');
    const r = await app.navigate('/app/a');
    expect((r as Response).body).to.equal('A');
    expect(asked).to.deep.equal(['one', 'two']);
    expect(isNavigationFailure(r)).to.equal(false);
  });

  it('a push to a missing #anchor focuses the heading', async () => {
    const app = makeApp();
    app.route('/', function index() { return 'home'; });
    app.route('/a', function a() { return html`<h1>A</h1>`; });
    const outlet = fixture('phial-outlet');
    await start(app);
    await app.navigate('/app/a#nope');
    expect(document.activeElement).to.equal(outlet.querySelector('h1'));
  });

  it('navigate to a URL on a 404: resolves to the 404 response, committed', async () => {
    const app = makeApp();
    app.route('/', function index() { return 'home'; });
    await start(app);
    const r = await app.navigate('/app/nope');
    expect(isNavigationFailure(r)).to.equal(false);
    expect((r as Response).status).to.equal(404);
    expect(here()).to.equal('/app/nope');
  });

  it('two outlets both render before navigate() resolves', async () => {
    const app = makeApp();
    app.route('/', function index() { return 'home'; });
    app.route('/a', async function a() { return html`<b>A</b>`; });
    const o1 = fixture('phial-outlet');
    const o2 = fixture('phial-outlet');
    o2.app = app;
    await start(app);
    await app.navigate('/app/a');
    expect([o1.textContent, o2.textContent]).to.deep.equal(['A', 'A']);
  });

  it('focus: an h1 not first still wins over an earlier h2', async () => {
    const app = makeApp();
    app.route('/', function index() { return 'home'; });
    app.route('/a', function a() { return html`<h2>two</h2><h1>one</h1>`; });
    fixture('phial-outlet');
    await start(app);
    await app.navigate('/app/a');
    expect(document.activeElement?.textContent).to.equal('one');
  });

  it('base with a trailing slash', async () => {
    const app = new Phial({ base: '/app/', flashStore: memoryStore(), session: memorySession() });
    history.pushState(null, '', '/app/');
    onCleanup(() => app.stop());
    app.route('/', function index() { return 'home'; });
    app.route('/x', function x() { return 'x'; });
    expect(app.urlFor('x')).to.equal('/app/x');
    const outlet = fixture('phial-outlet');
    await start(app);
    expect(outlet.textContent).to.equal('home');
    link('/app/x').click();
    await waitFor(() => outlet.textContent === 'x', 'click');
  });

  it('start() at /app (the base without its slash)', async () => {
    const app = makeApp({}, '/app');
    app.route('/', function index() { return 'home'; });
    const outlet = fixture('phial-outlet');
    await start(app);
    expect(outlet.textContent).to.equal('home');
    expect(here()).to.equal('/app/');
  });

  it('the navigate() response is the one rendered (Response identity)', async () => {
    const app = makeApp();
    app.route('/', function index() { return 'home'; });
    app.route('/a', function a() { return 'A'; });
    await start(app);
    const r = await app.navigate('/app/a');
    expect(r).to.equal(app.current!.response);
    expect((r as Response).body).to.equal('A');
  });

  it('memory mode: forms under root are the app\'s, and the address bar stays', async () => {
    const app = makeApp({ history: 'memory' }, '/app/');
    app.route('/', function index() { return 'home'; });
    app.route('/s', function s(req) { return `${req.method} ${req.query.toString()} ${req.form ? [...req.form].join('|') : ''}`; }, { methods: ['GET', 'POST'] });
    const outlet = mountOutlet(app);
    await start(app);
    const before = location.href;
    const length = historyLength();
    const form = fixture('form', '<input name="q" value="1"><button name="go" value="y">Go</button>');
    form.setAttribute('action', '/app/s');
    form.setAttribute('method', 'post');
    form.querySelector('button')!.click();
    await waitFor(() => outlet.rendered.at(-1) === '/app/s', 'the POST to render');
    expect(app.current?.response.body).to.equal('POST  q,1|go,y');
    form.setAttribute('method', 'get');
    form.querySelector('button')!.click();
    await waitFor(() => outlet.rendered.at(-1) === '/app/s?q=1&go=y', 'the GET to render');
    expect(location.href).to.equal(before);
    expect(historyLength()).to.equal(length);
    expect(pageLoads).to.deep.equal([]);
  });
});
