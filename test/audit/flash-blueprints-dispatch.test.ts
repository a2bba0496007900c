import '../guard.js';
import { expect } from '@esm-bundle/chai';
import {
  abort, Blueprint, BuildError, Forbidden, HTTPException, InternalServerError, NotFound, Phial, PhialError,
  Response, redirect, urlFor, flash, getFlashedMessages, memorySession, memoryStore, signals, session,
  RedirectLoopError, MethodNotAllowed, BadRequest,
} from '../../src/index.js';
import { captureErrors } from '../app/helpers.js';

function mk(opts = {}) { return new Phial({ flashStore: memoryStore(), session: memorySession(), ...opts }); }

describe('audit: ', () => {
  it('flash then read in same request returns it (Flask)', async () => {
    const app = mk();
    const out: any = {};
    app.route('/a', function a() { flash('x'); out.a = getFlashedMessages(); return ''; });
    app.route('/b', function b() { out.b1 = getFlashedMessages(); flash('y'); out.b2 = getFlashedMessages(); return ''; });
    app.route('/c', function c() { out.c = getFlashedMessages(); return ''; });
    await app.test.get('/a'); await app.test.get('/c');
    expect(out.a).to.deep.equal(['x']); expect(out.c).to.deep.equal([]);
    await app.test.get('/b'); await app.test.get('/c');
    expect(out.b1).to.deep.equal([]); expect(out.b2).to.deep.equal([]); expect(out.c).to.deep.equal(['y']);
  });
  it('POST flash redirect shows on next page (followRedirects)', async () => {
    const app = mk();
    let shown: unknown[] = [];
    app.route('/save', function save(req) { req.getFlashedMessages(); req.flash('Saved'); return redirect(req.urlFor('show')); }, { methods: ['POST'] });
    app.route('/show', function show(req) { shown = req.getFlashedMessages(); return 'shown'; });
    const r = await app.test.post('/save', { a: '1' }, { followRedirects: true });
    expect(r.html).to.equal('shown');
    expect(shown).to.deep.equal(['Saved']);
  });
  it('a hop that reads and redirects leaves its messages for the next', async () => {
    const app = mk();
    let shown: unknown[] = [];
    app.route('/set', function set() { flash('m'); return ''; });
    app.route('/hop', function hop(req) { req.getFlashedMessages(); return redirect('/show'); });
    app.route('/show', function show(req) { shown = req.getFlashedMessages(); return ''; });
    await app.test.get('/set');
    await app.test.get('/hop', { followRedirects: true });
    expect(shown).to.deep.equal(['m']);
  });
  it('categoryFilter keeps the others for another reader', async () => {
    const app = mk();
    let shown: unknown[] = [];
    app.route('/set', function set() { flash('a', 'error'); flash('b', 'info'); return ''; });
    app.route('/err', function err(req) { shown = req.getFlashedMessages({ categoryFilter: ['error'] }); return ''; });
    app.route('/all', function all(req) { shown = req.getFlashedMessages({ withCategories: true }); return ''; });
    await app.test.get('/set');
    await app.test.get('/err');
    expect(shown).to.deep.equal(['a']);
    await app.test.get('/all');
    expect(shown).to.deep.equal([['info', 'b']]);
  });
  it('messageFlashed signal', async () => {
    const app = mk();
    const got: any[] = [];
    const d = signals.messageFlashed.connect((s, dt: any) => { got.push([s === app, dt.message, dt.category]); });
    app.route('/', function index() { flash('hi', 'info'); return ''; });
    await app.test.get('/');
    d();
    expect(got).to.deep.equal([[true, 'hi', 'info']]);
  });
  it('session.clear leaves flashes', async () => {
    const app = mk();
    let shown: unknown[] = [];
    app.route('/set', async function set(req) { flash('m'); await req.app.session.set('a', 1); await req.app.session.clear(); return ''; });
    app.route('/show', function show(req) { shown = req.getFlashedMessages(); return ''; });
    await app.test.get('/set'); await app.test.get('/show');
    expect(shown).to.deep.equal(['m']);
    expect(app.session.get('a')).to.equal(undefined);
  });
  it('module-level session is the app one', async () => {
    const app = mk();
    let v: unknown;
    app.route('/', async function index() { await session.set('k', 5); v = session.get('k'); return ''; });
    await app.test.get('/');
    expect(v).to.equal(5);
    expect(app.session.get('k')).to.equal(5);
  });
  it('module-level call ambiguous with two dispatches in flight', async () => {
    const app = mk();
    let release!: () => void;
    const gate = new Promise<void>((r) => { release = r; });
    const errs: unknown[] = [];
    app.route('/', function index() { return 'i'; });
    app.route('/w', async function w() { await gate; try { urlFor('index'); } catch (e) { errs.push(e); } return ''; });
    const p1 = app.test.get('/w'); const p2 = app.test.get('/w');
    await new Promise((r) => setTimeout(r, 10));
    release();
    await Promise.all([p1, p2]);
    expect(errs.length).to.equal(2);
    expect(errs[0]).to.be.instanceOf(PhialError);
    expect(String(errs[0])).to.match(/req\.urlFor/);
  });
  it('module-level urlFor across await in single dispatch', async () => {
    const app = mk();
    let u = '';
    app.route('/', function index() { return 'i'; });
    app.route('/w', async function w() { await new Promise((r) => setTimeout(r, 5)); u = urlFor('index'); return ''; });
    await app.test.get('/w');
    expect(u).to.equal('/');
  });
  it('base handling', async () => {
    for (const base of ['/app', '/app/']) {
      const app = mk({ base });
      app.route('/', function index(req) { return req.path; });
      app.route('/u/<int:id>', function user(req) { return `${req.path} ${req.params.id}`; });
      expect(app.urlFor('index')).to.equal('/app/');
      expect(app.urlFor('user', { id: 3 })).to.equal('/app/u/3');
      expect(app.urlMap.build('user', { id: 3 })).to.equal('/u/3');
      expect((await app.test.get('/app/u/3')).html).to.equal('/u/3 3');
      expect((await app.test.get('/app/')).html).to.equal('/');
      const m = app.urlMap.match('/u/3');
      expect([m.endpoint, m.params]).to.deep.equal(['user', { id: 3 }]);
    }
  });
  it('beforeFirstRequest once', async () => {
    const app = mk();
    const log: string[] = [];
    app.beforeFirstRequest(() => { log.push('first'); });
    app.beforeRequest(() => { log.push('before'); });
    app.route('/', function index() { return ''; });
    await app.test.get('/'); await app.test.get('/');
    expect(log).to.deep.equal(['first', 'before', 'before']);
  });
  it('blueprint hook order', async () => {
    const app = mk();
    const log: string[] = [];
    const parent = new Blueprint('parent', { urlPrefix: '/p' });
    const child = new Blueprint('child', { urlPrefix: '/c' });
    app.beforeRequest(() => { log.push('app-b1'); });
    app.beforeRequest(() => { log.push('app-b2'); });
    parent.beforeRequest(() => { log.push('parent-b'); });
    child.beforeRequest(() => { log.push('child-b'); });
    app.afterRequest(() => { log.push('app-a1'); });
    app.afterRequest(() => { log.push('app-a2'); });
    parent.afterRequest(() => { log.push('parent-a'); });
    child.afterRequest(() => { log.push('child-a'); });
    app.teardownRequest(() => { log.push('app-t'); });
    parent.teardownRequest(() => { log.push('parent-t'); });
    child.teardownRequest(() => { log.push('child-t'); });
    parent.urlValuePreprocessor(() => { log.push('parent-vp'); });
    child.urlValuePreprocessor(() => { log.push('child-vp'); });
    app.urlValuePreprocessor(() => { log.push('app-vp'); });
    child.route('/', function index(req) { log.push('view ' + req.endpoint + ' ' + req.blueprint + ' ' + req.blueprints.join(',')); return ''; });
    parent.registerBlueprint(child);
    app.registerBlueprint(parent);
    await app.test.get('/p/c/');
    expect(log).to.deep.equal(['app-vp', 'parent-vp', 'child-vp', 'app-b1', 'app-b2', 'parent-b', 'child-b',
      'view parent.child.index parent.child parent.child,parent', 'child-a', 'parent-a', 'app-a2', 'app-a1', 'child-t', 'parent-t', 'app-t']);
    expect(app.urlFor('parent.child.index')).to.equal('/p/c/');
  });
  it('app-wide variants from blueprint', async () => {
    const app = mk();
    const log: string[] = [];
    const bp = new Blueprint('bp');
    bp.beforeAppRequest(() => { log.push('bar'); });
    bp.afterAppRequest(() => { log.push('aar'); });
    bp.teardownAppRequest(() => { log.push('tar'); });
    bp.appErrorHandler(404, () => 'app404');
    bp.appUrlValuePreprocessor(() => { log.push('auvp'); });
    bp.appUrlDefaults((ep, values) => { if (app.urlMap.isEndpointExpecting(ep, 'lang')) values.lang ??= 'en'; });
    app.registerBlueprint(bp);
    app.route('/<lang>/x', function x() { return 'x'; });
    expect(app.urlFor('x')).to.equal('/en/x');
    await app.test.get('/en/x');
    expect(log).to.deep.equal(['auvp', 'bar', 'aar', 'tar']);
    expect((await app.test.get('/nope')).html).to.equal('app404');
  });
  it('blueprint name with dot is an error; registering twice', () => {
    expect(() => new Blueprint('a.b')).to.throw(PhialError);
    const app = mk();
    const bp = new Blueprint('bp');
    bp.route('/', function index() { return ''; });
    app.registerBlueprint(bp, { urlPrefix: '/a' });
    expect(() => app.registerBlueprint(bp, { urlPrefix: '/b' })).to.throw(PhialError);
    app.registerBlueprint(bp, { urlPrefix: '/b', name: 'bp2' });
    expect(app.urlFor('bp.index')).to.equal('/a/');
    expect(app.urlFor('bp2.index')).to.equal('/b/');
  });
  it('blueprint on two apps', async () => {
    const bp = new Blueprint('bp', { urlPrefix: '/x' });
    bp.route('/', function index() { return 'bpx'; });
    const a1 = mk(); const a2 = mk();
    a1.registerBlueprint(bp); a2.registerBlueprint(bp, { urlPrefix: '/y' });
    expect((await a1.test.get('/x/')).html).to.equal('bpx');
    expect((await a2.test.get('/y/')).html).to.equal('bpx');
  });
  it('prefix joins with exactly one slash', () => {
    const app = mk();
    const p = new Blueprint('p', { urlPrefix: '/parent/' });
    const c = new Blueprint('c', { urlPrefix: '/child/' });
    c.route('/x', function x() { return ''; });
    c.route('', function root() { return ''; });
    p.registerBlueprint(c);
    app.registerBlueprint(p);
    expect(app.urlFor('p.c.x')).to.equal('/parent/child/x');
    expect(app.urlFor('p.c.root')).to.equal('/parent/child/');
  });
  it('relative endpoint resolution', async () => {
    const app = mk();
    const bp = new Blueprint('bp', { urlPrefix: '/bp' });
    let u: string[] = [];
    bp.route('/', function index(req) { u = [req.urlFor('.other'), urlFor('.other'), req.urlFor('index')]; return ''; });
    bp.route('/other', function other() { return ''; });
    app.route('/', function index(req) { u = [req.urlFor('.index')]; return ''; });
    app.registerBlueprint(bp);
    await app.test.get('/bp/');
    expect(u).to.deep.equal(['/bp/other', '/bp/other', '/']);
    await app.test.get('/');
    expect(u).to.deep.equal(['/']);
  });
  it('HTTPException handler does not catch strict-slash redirect', async () => {
    const app = mk();
    app.route('/slash/', function slash() { return 'slash'; });
    app.errorHandler(HTTPException, () => 'default');
    const r = await app.test.get('/slash');
    expect(r.status).to.equal(308);
    expect(r.location).to.equal('/slash/');
    expect((await app.test.get('/slash', { followRedirects: true })).html).to.equal('slash');
  });
  it('generic HTTPException handler gets 500 wrapper; Error handler gets direct', async () => {
    const app = mk();
    class KeyErr extends Error {}
    app.route('/error', function error() { throw new KeyErr(); });
    app.route('/abort', function ab() { abort(404); });
    app.errorHandler(HTTPException, (e) => String(e.code));
    expect((await captureErrors(() => app.test.get('/error'))).result.html).to.equal('500');
    expect((await app.test.get('/abort')).html).to.equal('404');
    expect((await app.test.get('/not-found')).html).to.equal('404');
    const app2 = mk();
    app2.route('/error', function error() { throw new KeyErr(); });
    app2.route('/abort', function ab() { abort(404); });
    app2.errorHandler(Error, (e) => `direct ${e.constructor.name}`);
    expect((await captureErrors(() => app2.test.get('/error'))).result.html).to.equal('direct KeyErr');
    expect((await app2.test.get('/abort')).html).to.equal('direct NotFound');
    expect((await app2.test.get('/not-found')).html).to.equal('direct NotFound');
  });
  it('InternalServerError class handler equals 500', async () => {
    const app = mk();
    class KeyErr extends Error {}
    app.route('/error', function error() { throw new KeyErr(); });
    app.errorHandler(InternalServerError, (e: any) => `wrapped ${e.originalError?.constructor.name}`);
    expect((await captureErrors(() => app.test.get('/error'))).result.html).to.equal('wrapped KeyErr');
  });
  it('blueprint error handlers precedence', async () => {
    const app = mk();
    const bp = new Blueprint('bp');
    bp.errorHandler(HTTPException, () => 'bp-default');
    bp.errorHandler(Forbidden, () => 'bp-forbidden');
    bp.route('/undefined', function undef() { abort(404); });
    bp.route('/forbidden', function forb() { abort(403); });
    app.registerBlueprint(bp, { urlPrefix: '/bp' });
    app.errorHandler(HTTPException, () => 'default');
    app.errorHandler(Forbidden, () => 'forbidden');
    app.route('/forbidden', function forbidden() { abort(403); });
    expect((await app.test.get('/bp/undefined')).html).to.equal('bp-default');
    expect((await app.test.get('/bp/forbidden')).html).to.equal('bp-forbidden');
    expect((await app.test.get('/undefined')).html).to.equal('default');
    expect((await app.test.get('/forbidden')).html).to.equal('forbidden');
    const app2 = mk();
    const bp2 = new Blueprint('bp');
    bp2.errorHandler(HTTPException, () => 'bp-http');
    bp2.route('/x', function x() { abort(404); });
    app2.errorHandler(404, () => 'app-404');
    app2.registerBlueprint(bp2, { urlPrefix: '/bp' });
    expect((await app2.test.get('/bp/x')).html).to.equal('app-404');
    // unmatched URL under prefix handled by app's handlers
    expect((await app2.test.get('/bp/nope')).html).to.equal('app-404');
  });
  it('testing true propagation', async () => {
    const app = mk({ testing: true });
    class Boom extends Error {}
    const log: string[] = [];
    let got: unknown; let td: unknown;
    const d = signals.gotRequestException.connect((s, dt: any) => { got = dt.error; }, { sender: app });
    app.errorHandler(500, () => { log.push('500h'); return 'x'; });
    app.afterRequest(() => { log.push('after'); });
    app.teardownRequest((e) => { td = e; });
    app.route('/', function index() { throw new Boom(); });
    let err: unknown;
    try { await app.test.get('/'); } catch (e) { err = e; }
    d();
    expect(err).to.be.instanceOf(Boom);
    expect(got).to.be.instanceOf(Boom);
    expect(td).to.be.instanceOf(Boom);
    expect(log).to.deep.equal([]);
  });
  it('testing true: abort still handled', async () => {
    const app = mk({ testing: true });
    app.route('/', function index() { abort(404); });
    expect((await app.test.get('/')).status).to.equal(404);
  });
  it('redirect method semantics', async () => {
    const app = mk();
    const seen: string[] = [];
    for (const code of [301, 302, 303, 307, 308]) {
      app.route(`/r${code}`, function rr() { return redirect('/t', { code }); }, { methods: ['POST'], endpoint: `r${code}` });
    }
    app.route('/t', function t(req) { seen.push(`${req.method}:${req.form?.get('a') ?? ''}`); return ''; }, { methods: ['GET', 'POST'] });
    for (const code of [301, 302, 303, 307, 308]) await app.test.post(`/r${code}`, { a: '1' }, { followRedirects: true });
    expect(seen).to.deep.equal(['GET:', 'GET:', 'GET:', 'POST:1', 'POST:1']);
  });
  it('request fields', async () => {
    const app = mk();
    let r: any;
    app.route('/u/<int:id>', function user(req) { r = { url: req.url.href, path: req.path, method: req.method, params: req.params, q: req.query.get('a'), form: req.form, hash: req.hash, ep: req.endpoint, bp: req.blueprint, bps: req.blueprints, g: req.g, sig: req.signal instanceof AbortSignal, app: req.app === app }; return ''; });
    await app.test.get('/u/3?a=b#frag');
    expect(r.path).to.equal('/u/3'); expect(r.method).to.equal('GET'); expect(r.params).to.deep.equal({ id: 3 });
    expect(r.q).to.equal('b'); expect(r.form).to.equal(null); expect(r.hash).to.equal('#frag'); expect(r.ep).to.equal('user');
    expect(r.bp).to.equal(null); expect(r.bps).to.deep.equal([]); expect(r.g).to.deep.equal({}); expect(r.sig).to.equal(true); expect(r.app).to.equal(true);
  });
  it('middleware rewrites url, state, g', async () => {
    const app = mk();
    app.wrap((next) => (req) => { if (req.path === '/old') req.url = '/new?x=1'; req.state = { s: 1 }; req.g.fromMw = true; return next(req); });
    app.route('/new', function newView(req) { return `${req.path} ${req.query.get('x')} ${JSON.stringify(req.state)} ${req.g.fromMw}`; });
    expect((await app.test.get('/old')).body).to.equal('/new 1 {"s":1} true');
  });
  it('middleware answers by itself', async () => {
    const app = mk();
    const log: string[] = [];
    app.beforeRequest(() => { log.push('before'); });
    app.wrap(() => async () => new Response('mw', { status: 203 }));
    app.route('/', function index() { return ''; });
    const r = await app.test.get('/');
    expect(r.html).to.equal('mw'); expect(r.status).to.equal(203); expect(log).to.deep.equal([]);
  });
  it('abort(redirect(urlFor))', async () => {
    const app = mk({ testing: true });
    class Foo extends Error { whatever = 42; }
    app.errorHandler(Foo, (e) => String(e.whatever));
    app.route('/', function index() { abort(redirect(urlFor('test'))); });
    app.route('/test', function test() { throw new Foo(); });
    const r = await app.test.get('/');
    expect(r.location).to.equal('/test');
    expect((await app.test.get('/test')).html).to.equal('42');
  });
  it('default 500 page mentions Internal Server Error', async () => {
    const app = mk();
    app.route('/', function index() { throw new Error('test'); });
    const { result } = await captureErrors(() => app.test.get('/'));
    expect(result.status).to.equal(500);
    expect(result.html).to.contain('Internal Server Error');
  });
  it('405 handler, 400 for malformed escape', async () => {
    const app = mk();
    app.route('/x', function x() { return ''; });
    app.route('/s/<v>', function s() { return ''; });
    const r = await app.test.post('/x');
    expect(r.status).to.equal(405);
    expect((await app.test.get('/s/%zz')).status).to.equal(400);
    expect((await app.test.get('/s/%ff')).status).to.equal(400);
  });
});
