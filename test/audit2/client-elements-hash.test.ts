import '../guard.js';
// Audit 2 of SPEC §11 (the test client's Response: status, html of each body kind, location,
// title; forms; testing: true; beforeFirstRequest), §11 hash mode, and §12 (<phial-flashes>
// categories and live under the navigator, <phial-outlet>'s render signals, the debug toolbar's
// toggle), plus scroll restored by start() after a reload.
import { expect } from '@esm-bundle/chai';
import { html, nothing } from 'lit';
import { memorySession, memoryStore, Phial, redirect, Response, signals } from '../../src/index.js';
import '../../src/lit/index.js';
import '../../src/debug/index.js';
import { dispatches, fixture, forEachEngine, frames, go, link, makeApp, onCleanup, sleep, start, stubConfirm, waitFor } from '../browser/helpers.js';

function app0(opts = {}) {
  return new Phial({ flashStore: memoryStore(), session: memorySession(), ...opts });
}

describe('audit2: the test client', () => {
  it('html: a string escaped, a Node\'s outer HTML, a template\'s strings with its values escaped; status, location, title', async () => {
    const app = app0();
    app.route('/s', function s() { return 'a<b>&"\''; });
    app.route('/n', function n() { const p = document.createElement('p'); p.className = 'x'; p.textContent = '<i>'; return p; });
    app.route('/t', function t() { return html`<p class="c">${'<x>&'}</p>`; });
    app.route('/nested', function nested() { return html`<ul>${['a', 'b'].map((i) => html`<li>${i}</li>`)}</ul>`; });
    app.route('/num', function num() { return html`<b>${42}</b><i>${null}</i><u>${undefined}</u><s>${nothing}</s>`; });
    app.route('/tuple', function tuple() { return ['gone', 410]; });
    app.route('/r', function r() { return redirect('/s'); });
    app.route('/title', function title() { return new Response('x', { title: 'Hi' }); });
    app.route('/frag', function frag() { const f = document.createDocumentFragment(); f.append('a', document.createElement('br')); return f; });
    app.route('/attr', function attr() { return html`<a href="${'/x?a=1&b="2"'}" title="${'t'}">x</a>`; });
    const out: Record<string, unknown> = {};
    for (const p of ['/s', '/n', '/t', '/nested', '/num', '/tuple', '/r', '/title', '/frag', '/attr', '/missing']) {
      const r = await app.test.get(p);
      out[p] = [r.status, r.html, r.location, r.title];
    }
    expect(out).to.deep.equal({
      '/s': [200, 'a&lt;b&gt;&amp;"\'', null, null],
      '/n': [200, '<p class="x">&lt;i&gt;</p>', null, null],
      '/t': [200, '<p class="c">&lt;x&gt;&amp;</p>', null, null],
      '/nested': [200, '<ul><li>a</li><li>b</li></ul>', null, null],
      '/num': [200, '<b>42</b><i></i><u></u><s></s>', null, null],
      '/tuple': [410, 'gone', null, null],
      '/r': [302, '', '/s', null],
      '/title': [200, 'x', null, 'Hi'],
      '/frag': [200, 'a<br>', null, null],
      '/attr': [200, '<a href="/x?a=1&amp;b=&quot;2&quot;" title="t">x</a>', null, null],
      '/missing': [404, (out['/missing'] as unknown[])[1], null, '404 Not Found'],
    });
    expect((out['/missing'] as string[])[1]).to.contain('<h1>Not Found</h1>');
  });

  it('post with a plain object and a FormData; followRedirects', async () => {
    const app = app0();
    app.route('/f', function f(req) { return `${req.method} ${req.form?.get('a')} ${req.form?.getAll('m').join(',')}`; }, { methods: ['POST'] });
    app.route('/p', function p(req) { req.flash(`got ${req.form!.get('a')}`); return redirect(req.urlFor('show')); }, { methods: ['POST'] });
    app.route('/show', function show(req) { return JSON.stringify(req.getFlashedMessages()); });
    expect((await app.test.post('/f', { a: '1', m: ['x', 'y'] })).html).to.equal('POST 1 x,y');
    const fd = new FormData(); fd.append('a', '2');
    expect((await app.test.post('/f', fd)).html).to.equal('POST 2 ');
    const r = await app.test.post('/p', { a: '3' }, { followRedirects: true });
    expect([r.status, r.body]).to.deep.equal([200, '["got 3"]']);
    expect((await app.test.get('/f')).status).to.equal(405);
  });

  it('testing: true rejects with the original error; beforeFirstRequest counts', async () => {
    const app = app0({ testing: true });
    let first = 0;
    app.beforeFirstRequest(() => { first++; });
    class Boom extends Error {}
    app.route('/x', function x() { throw new Boom('b'); });
    app.route('/ok', function ok() { return 'ok'; });
    let err: unknown = null;
    await app.test.get('/x').catch((e) => { err = e; });
    expect(err).to.be.instanceOf(Boom);
    await app.test.get('/ok');
    expect(first).to.equal(1);
  });
});

describe('audit2: the debug toolbar', () => {
  const added: Element[] = [];
  afterEach(() => { for (const e of added.splice(0)) e.remove(); });

  it('has a toggle button that says whether it is expanded', async () => {
    const tb = document.createElement('phial-debug-toolbar');
    document.body.append(tb); added.push(tb);
    await tb.updateComplete;
    const root = tb.shadowRoot!;
    const buttons = [...root.querySelectorAll('button')];
    expect(buttons.length).to.be.greaterThan(0);
    const toggle = buttons.find((b) => b.hasAttribute('aria-expanded'));
    expect(toggle, 'a toggle with aria-expanded').to.exist;
  });
});

forEachEngine('audit2: elements under the navigator', () => {
  it('flashes under the navigator with spaced categories', async () => {
    const app = makeApp();
    app.route('/', function index() { return 'home'; });
    app.route('/go', function go(req) { req.flash('E', 'error'); req.flash('W', 'warning'); req.flash('I', 'info'); return redirect('/app/show'); });
    app.route('/show', function show() { return 'show'; });
    app.route('/rest', function rest(req) { return JSON.stringify(req.getFlashedMessages({ withCategories: true })); });
    const el = fixture('phial-flashes');
    el.setAttribute('categories', ' error ,  warning');
    const outlet = fixture('phial-outlet');
    await start(app);
    await app.navigate('/app/go');
    await el.updateComplete;
    const shown = [...el.shadowRoot!.querySelectorAll('[part="message"]')].map((m) => `${m.getAttribute('category')}:${m.querySelector('span')!.textContent}:${m.getAttribute('role')}`);
    expect(shown).to.deep.equal(['error:E:alert', 'warning:W:status']);
    await app.navigate('/app/rest');
    expect(outlet.textContent).to.equal('[["info","I"]]');
  });

  it('live flashes appear at once and count as read', async () => {
    const app = makeApp();
    app.route('/', function index() { return 'home'; });
    app.route('/rest', function rest(req) { return JSON.stringify(req.getFlashedMessages()); });
    const el = fixture('phial-flashes');
    el.setAttribute('live', '');
    const outlet = fixture('phial-outlet');
    await start(app);
    await app.flash('now', 'info');
    await el.updateComplete;
    expect(el.shadowRoot!.querySelectorAll('[part="message"]').length).to.equal(1);
    await app.navigate('/app/rest');
    expect(outlet.textContent).to.equal('[]');
  });

  it('scroll is restored on start() after a reload (pagehide persisted)', async () => {
    const app = makeApp({ name: 'scrolltest' }, '/app/long');
    app.route('/long', function long() { return html`<div style="height: 5000px">tall</div>`; });
    fixture('phial-outlet');
    await start(app);
    window.scrollTo(0, 700);
    await frames();
    window.dispatchEvent(new PageTransitionEvent('pagehide', { persisted: false }));
    app.stop();
    window.scrollTo(0, 0);
    const app2 = new Phial({ base: '/app', name: 'scrolltest', flashStore: memoryStore(), session: memorySession() });
    onCleanup(() => app2.stop());
    app2.route('/long', function long() { return html`<div style="height: 5000px">tall</div>`; });
    await start(app2);
    await waitFor(() => window.scrollY === 700, 'the position saved at pagehide to come back', 1000);
    expect(window.scrollY).to.equal(700);
  });

  it('outlet: templateRendered sent around each render from the navigator', async () => {
    const app = makeApp();
    app.route('/', function index() { return 'home'; });
    app.route('/a', function a() { return html`<h1>A</h1>`; });
    const order: string[] = [];
    const off1 = signals.beforeRenderTemplate.connect((_s, { request }) => order.push(`before ${request.fullPath}`), { sender: app });
    const off2 = signals.templateRendered.connect((_s, { request }) => order.push(`rendered ${request.fullPath}`), { sender: app });
    const off3 = signals.navigationCommitted.connect((_s, { request }) => order.push(`committed ${request.fullPath}`), { sender: app });
    onCleanup(() => { off1(); off2(); off3(); });
    const outlet = fixture('phial-outlet');
    await start(app);
    await app.navigate('/app/a');
    expect(outlet.querySelector('h1')?.textContent).to.equal('A');
    expect(order).to.deep.equal(['committed /app/', 'before /app/', 'rendered /app/', 'committed /app/a', 'before /app/a', 'rendered /app/a']);
    await sleep(1);
  });
});

forEachEngine('audit2: hash mode', () => {
  function hashApp(startAt = '/hashdoc#/') {
    const app = makeApp({ history: 'hash', base: '/' }, startAt);
    app.route('/', function index() { return html`<h1>home</h1>`; });
    app.route('/a', function a(req) { return html`<h1>A</h1><p>${JSON.stringify(req.state ?? null)}</p><div style="height:4000px"></div><h2 id="sec">S</h2><div style="height:4000px"></div>`; });
    app.route('/b', function b() { return 'B'; });
    app.route('/to-b', function toB() { return redirect('/b'); });
    return app;
  }

  it('state and Back in hash mode', async () => {
    const app = hashApp();
    const outlet = fixture('phial-outlet');
    await start(app);
    await app.navigate('#/a', { state: { n: 1 } });
    expect(outlet.querySelector('p')!.textContent).to.equal('{"n":1}');
    await app.navigate('/b');
    await go(-1);
    await waitFor(() => outlet.querySelector('p')?.textContent === '{"n":1}', 'state back');
  });

  it('urlFor with anchor in hash mode, navigate scrolls to it', async () => {
    const app = hashApp();
    fixture('phial-outlet');
    await start(app);
    const href = app.urlFor('a', {}, { anchor: 'sec' });
    expect(href).to.equal('#/a#sec');
    await app.navigate(href);
    expect(window.scrollY).to.be.greaterThan(3000);
    expect(document.activeElement?.id).to.equal('sec');
  });

  it('test client redirect location in hash mode is a location navigate() takes', async () => {
    const app = hashApp();
    const r = await app.test.get('#/to-b');
    expect(r.status).to.equal(302);
    // The location as redirect() was given it (a plain path), which navigate() takes too.
    expect(r.location).to.equal('/b');
    const followed = await app.test.get('#/to-b', { followRedirects: true });
    expect(followed.body).to.equal('B');
  });

  it('block refuses a #/x link in hash mode', async () => {
    const app = hashApp();
    const seen = dispatches(app);
    await start(app);
    const asked = stubConfirm(false);
    app.block('Leave?');
    link('#/b').click();
    await waitFor(() => asked.length === 1, 'confirm');
    await sleep(30);
    expect(seen).to.deep.equal(['GET /']);
    expect(location.hash).to.equal('#/');
  });

  it('a refused Back in hash mode leaves the URL', async () => {
    const app = hashApp();
    const seen = dispatches(app);
    await start(app);
    await app.navigate('#/b');
    const asked = stubConfirm(false);
    app.block('Leave?');
    history.back();
    await waitFor(() => asked.length === 1, 'confirm');
    await sleep(60);
    expect(location.hash).to.equal('#/b');
    expect(seen).to.deep.equal(['GET /', 'GET /b']);
  });
});

describe('audit2: the entries export what SPEC names', () => {
  it('phial, phial/idb, phial/lit and phial/debug', async () => {
    const core = await import('../../src/index.js');
    const names = [
      'Phial', 'Blueprint', 'Request', 'Response', 'wraps', 'redirect', 'abort', 'urlFor', 'flash', 'getFlashedMessages', 'session',
      'Signal', 'signals', 'sessionStorageStore', 'memoryStore', 'sessionStorageSession', 'memorySession', 'TestClient',
      'PhialError', 'BuildError', 'RuleError', 'RequestRedirect', 'HTTPException', 'RedirectLoopError', 'NavigationFailure', 'isNavigationFailure',
      'BadRequest', 'Unauthorized', 'Forbidden', 'NotFound', 'MethodNotAllowed', 'NotAcceptable', 'RequestTimeout', 'Conflict', 'Gone',
      'LengthRequired', 'PreconditionFailed', 'RequestEntityTooLarge', 'RequestURITooLarge', 'UnsupportedMediaType',
      'RequestedRangeNotSatisfiable', 'ExpectationFailed', 'ImATeapot', 'MisdirectedRequest', 'UnprocessableEntity', 'Locked',
      'FailedDependency', 'PreconditionRequired', 'TooManyRequests', 'RequestHeaderFieldsTooLarge', 'UnavailableForLegalReasons',
      'InternalServerError', 'NotImplemented', 'BadGateway', 'ServiceUnavailable', 'GatewayTimeout', 'HTTPVersionNotSupported',
    ];
    expect(names.filter((n) => (core as Record<string, unknown>)[n] === undefined)).to.deep.equal([]);
    const idb = await import('../../src/idb/index.js');
    expect([typeof idb.indexedDBStore, typeof idb.indexedDBSession]).to.deep.equal(['function', 'function']);
    const lit = await import('../../src/lit/index.js');
    expect(customElements.get('phial-outlet')).to.equal(lit.PhialOutlet);
    expect(customElements.get('phial-flashes')).to.equal(lit.PhialFlashes);
    const debug = await import('../../src/debug/index.js');
    expect(customElements.get('phial-debug-toolbar')).to.equal(debug.PhialDebugToolbar);
    expect(new core.NavigationFailure('aborted', '/a', '/b')).to.be.instanceOf(core.PhialError);
    expect(new core.RedirectLoopError(['/a', '/b'])).to.be.instanceOf(core.PhialError);
  });
});
