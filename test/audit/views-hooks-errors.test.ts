import '../guard.js';
import { expect } from '@esm-bundle/chai';
import {
  abort, Blueprint, BuildError, Forbidden, HTTPException, InternalServerError, NotFound, Phial, PhialError,
  Response, redirect, urlFor, flash, getFlashedMessages, memorySession, memoryStore, signals, Signal,
  isNavigationFailure, NavigationFailure, RedirectLoopError, exceptionForCode, ImATeapot, wraps,
} from '../../src/index.js';
import { captureErrors } from '../app/helpers.js';

function mk(opts = {}) { return new Phial({ flashStore: memoryStore(), session: memorySession(), ...opts }); }

describe('audit: ', () => {
  it('urlFor anchor quoting', () => {
    const app = mk();
    app.route('/', function index() { return 'i'; });
    app.route('/u/<int:id>', function user() { return 'u'; });
    expect(app.urlFor('index', {}, { anchor: 'x y' })).to.equal('/#x%20y');
    expect(app.urlFor('index', {}, { anchor: 'a#b/c?d' })).to.equal('/#a#b/c?d');
    expect(app.urlFor('user', { id: 3, q: '1' }, { anchor: 'top' })).to.equal('/u/3?q=1#top');
  });
  it('urlFor query values', () => {
    const app = mk();
    app.route('/', function index() { return 'i'; });
    expect(app.urlFor('index', { a: [1, 2], b: null, c: 'x y' })).to.equal('/?a=1&a=2&c=x+y');
    expect(app.urlFor('index', { b: undefined })).to.equal('/');
  });
  it('HTTPException strings', () => {
    const e = new NotFound();
    expect(String(e)).to.equal('404 Not Found: The requested URL was not found on the server. If you entered the URL manually please check your spelling and try again.');
    expect(String(new Forbidden('nope'))).to.equal('403 Forbidden: nope');
    expect(e.name).to.equal('Not Found');
    expect(e.code).to.equal(404);
    expect(e).to.be.instanceOf(HTTPException);
    expect(e).to.be.instanceOf(PhialError);
    expect(new InternalServerError().description).to.equal('The server encountered an internal error and was unable to complete your request. Either the server is overloaded or there is an error in the application.');
  });
  it('abort unknown code', () => {
    let err: unknown;
    try { abort(999); } catch (e) { err = e; }
    expect(err).to.be.instanceOf(PhialError);
    expect(err).not.to.be.instanceOf(HTTPException);
  });
  it('abort with description and in view', async () => {
    const app = mk();
    app.route('/', function index() { abort(403, 'nope'); });
    const res = await app.test.get('/');
    expect(res.status).to.equal(403);
    expect(res.html).to.contain('nope');
  });
  it('abort(response)', async () => {
    const app = mk();
    app.route('/', function index() { abort(new Response('custom', { status: 418 })); });
    const res = await app.test.get('/');
    expect(res.status).to.equal(418);
    expect(res.html).to.equal('custom');
  });
  it('abort 418', () => {
    expect(() => abort(418)).to.throw(ImATeapot);
    expect(exceptionForCode(418)).to.equal(ImATeapot);
  });
  it('view returns tuple and error tuple forms', async () => {
    const app = mk();
    app.route('/a', function a() { return ['x', 201]; });
    app.route('/b', function b() { return ['x', 'y'] as never; });
    app.route('/c', function c() { return ['x', 201, 3] as never; });
    expect((await app.test.get('/a')).status).to.equal(201);
    const { result: rb } = await captureErrors(() => app.test.get('/b'));
    expect(rb.status).to.equal(500);
    const { result: rc } = await captureErrors(() => app.test.get('/c'));
    expect(rc.status).to.equal(500);
  });
  it('view returning undefined is an error (Flask: TypeError)', async () => {
    const app = mk();
    app.route('/', function index() { return undefined as never; });
    const { result } = await captureErrors(() => app.test.get('/'));
    expect(result.status).to.equal(500);
  });
  it('view returning fetch Response refused', async () => {
    const app = mk({ testing: true });
    app.route('/', function index() { return new window.Response('x') as never; });
    let err: unknown;
    try { await app.test.get('/'); } catch (e) { err = e; }
    expect(String(err)).to.match(/import/i);
  });
  it('redirect basics', () => {
    const r = redirect('/x');
    expect(r.status).to.equal(302);
    expect(r.location).to.equal('/x');
    expect(r.html).to.equal('');
    expect(redirect('/x', { code: 301 }).status).to.equal(301);
    expect(() => redirect('https://example.com/')).to.throw(PhialError);
    expect(() => redirect('javascript:alert(1)')).to.throw(PhialError);
    expect(() => redirect('data:text/html,x')).to.throw(PhialError);
    expect(redirect('https://example.com/', { external: true }).location).to.equal('https://example.com/');
    expect(() => redirect('/x', { code: 200 })).to.throw(PhialError);
  });
  it('redirect protocol-relative refused', () => {
    expect(() => redirect('//example.com/x')).to.throw(PhialError);
    expect(() => redirect('/\\example.com/x')).to.throw(PhialError);
  });
  it('Response fields', () => {
    const r = new Response('b', { status: 404, title: 'T' });
    expect(r.status).to.equal(404); expect(r.title).to.equal('T'); expect(r.body).to.equal('b');
    expect(new Response('<b>').html).to.equal('&lt;b&gt;');
    expect(new Response().status).to.equal(200);
  });
  it('before_request short-circuit and after order', async () => {
    const app = mk();
    const log: string[] = [];
    app.beforeRequest(() => { log.push('b1'); });
    app.beforeRequest(() => { log.push('b2'); return 'short'; });
    app.beforeRequest(() => { log.push('b3'); });
    app.afterRequest((r) => { log.push('a1'); return r; });
    app.afterRequest((r) => { log.push('a2'); return r; });
    app.teardownRequest(() => { log.push('t1'); });
    app.teardownRequest(() => { log.push('t2'); });
    app.route('/', function index() { log.push('view'); return 'v'; });
    const res = await app.test.get('/');
    expect(res.html).to.equal('short');
    expect(log).to.deep.equal(['b1', 'b2', 'a2', 'a1', 't2', 't1']);
  });
  it('before hook false is error', async () => {
    const app = mk({ testing: true });
    app.beforeRequest(function guardHook() { return false as never; });
    app.route('/', function index() { return 'v'; });
    let err: unknown;
    try { await app.test.get('/'); } catch (e) { err = e; }
    expect(String(err)).to.contain('guardHook');
  });
  it('before hooks run on 404 with endpoint null', async () => {
    const app = mk();
    let seen: unknown = 'unset';
    app.beforeRequest((req) => { seen = req.endpoint; });
    app.route('/', function index() { return 'v'; });
    const res = await app.test.get('/nope');
    expect(res.status).to.equal(404);
    expect(seen).to.equal(null);
  });
  it('after hooks on error pages', async () => {
    const app = mk();
    const seen: number[] = [];
    app.afterRequest((r) => { seen.push(r.status); });
    app.route('/', function index() { abort(404); });
    await app.test.get('/');
    await app.test.get('/zzz');
    expect(seen).to.deep.equal([404, 404]);
  });
  it('after hook that throws goes to 500 handler with originalError, after hooks again', async () => {
    const app = mk();
    class Boom extends Error {}
    let calls = 0;
    let orig: unknown;
    app.afterRequest((r) => { calls++; if (calls === 1) throw new Boom('x'); return r; });
    app.errorHandler(500, (e) => { orig = e.originalError; return ['five', 500]; });
    app.route('/', function index() { return 'v'; });
    const { result } = await captureErrors(() => app.test.get('/'));
    expect(result.status).to.equal(500);
    expect(result.html).to.equal('five');
    expect(orig).to.be.instanceOf(Boom);
    expect(calls).to.equal(2);
  });
  it('teardown gets unhandled error; null for handled', async () => {
    const app = mk();
    class Boom extends Error {}
    const seen: unknown[] = [];
    app.teardownRequest((e) => { seen.push(e); });
    app.route('/a', function a() { throw new Boom(); });
    app.route('/b', function b() { abort(404); });
    app.route('/c', function c() { throw new TypeError('h'); });
    app.errorHandler(TypeError, () => 'handled');
    await captureErrors(() => app.test.get('/a'));
    await app.test.get('/b');
    await app.test.get('/c');
    expect(seen[0]).to.be.instanceOf(Boom);
    expect(seen[1]).to.equal(null);
    expect(seen[2]).to.equal(null);
  });
  it('error handler resolution by class hierarchy', async () => {
    const app = mk();
    class ForbiddenSub extends Forbidden {}
    app.errorHandler(403, () => 'by code');
    app.errorHandler(ForbiddenSub, () => 'by sub');
    app.errorHandler(HTTPException, () => 'by http');
    app.route('/a', function a() { throw new ForbiddenSub(); });
    app.route('/b', function b() { abort(403); });
    app.route('/c', function c() { abort(404); });
    expect((await app.test.get('/a')).html).to.equal('by sub');
    expect((await app.test.get('/b')).html).to.equal('by code');
    expect((await app.test.get('/c')).html).to.equal('by http');
  });
  it('handler returns HTTPException → its default page? and plain value 200', async () => {
    const app = mk();
    app.errorHandler(404, (e) => 'missing');
    app.route('/', function index() { abort(404); });
    const r = await app.test.get('/');
    expect(r.status).to.equal(200);
    expect(r.html).to.equal('missing');
  });
  it('500 handler gets InternalServerError with originalError', async () => {
    const app = mk();
    class Boom extends Error {}
    let got: unknown;
    app.errorHandler(500, (e) => { got = e; return ['x', 500]; });
    app.route('/', function index() { throw new Boom(); });
    await captureErrors(() => app.test.get('/'));
    expect(got).to.be.instanceOf(InternalServerError);
    expect((got as InternalServerError).originalError).to.be.instanceOf(Boom);
  });
  it('500 handler for abort(500) gets the InternalServerError itself, originalError undefined/null', async () => {
    const app = mk();
    let got: any;
    app.errorHandler(500, (e) => { got = e; return ['x', 500]; });
    app.route('/', function index() { abort(500); });
    await app.test.get('/');
    expect(got).to.be.instanceOf(InternalServerError);
    expect(got.originalError ?? null).to.equal(null);
  });
  it('registering error handler for bad things', () => {
    const app = mk();
    expect(() => app.errorHandler(new Error() as never, () => '')).to.throw(PhialError);
    expect(() => app.errorHandler(999, () => '')).to.throw(PhialError);
    expect(() => app.errorHandler(class X {} as never, () => '')).to.throw(PhialError);
    expect(() => app.errorHandler(200, () => '')).to.throw(PhialError);
  });
  it('error handler throws -> 500 handler gets originalError', async () => {
    const app = mk();
    class A extends Error {}
    class B extends Error {}
    let got: any;
    app.errorHandler(A, () => { throw new B(); });
    app.errorHandler(500, (e) => { got = e; return ['500h', 500]; });
    app.route('/', function index() { throw new A(); });
    const { result } = await captureErrors(() => app.test.get('/'));
    expect(result.html).to.equal('500h');
    expect(got.originalError).to.be.instanceOf(B);
  });
  it('wraps keeps endpoint', async () => {
    const app = mk();
    const guard = (v: (r: any) => any) => wraps(v, (req: any) => v(req));
    app.route('/', guard(function home() { return 'h'; }));
    expect(app.urlFor('home')).to.equal('/');
  });
  it('anonymous view without endpoint is an error', () => {
    const app = mk();
    expect(() => app.route('/', (() => 'x') as never)).to.throw(PhialError);
  });
  it('endpoint rebound to another function errors', () => {
    const app = mk();
    app.route('/a', function same() { return 'a'; });
    expect(() => app.route('/b', function same() { return 'b'; })).to.throw(PhialError);
  });
  it('same function on two rules is fine', async () => {
    const app = mk();
    function idx() { return 'i'; }
    app.route('/a', idx); app.route('/b', idx);
    expect((await app.test.get('/b')).html).to.equal('i');
    expect(app.urlFor('idx')).to.equal('/a');
  });
  it('isNavigationFailure', () => {
    const f = new NavigationFailure('aborted', '/a', '/b');
    expect(isNavigationFailure(f)).to.equal(true);
    expect(isNavigationFailure(f, 'aborted')).to.equal(true);
    expect(isNavigationFailure(f, 'cancelled')).to.equal(false);
    expect(isNavigationFailure(new Error())).to.equal(false);
    expect(f).to.be.instanceOf(PhialError);
    expect(f.type).to.equal('aborted'); expect(f.from).to.equal('/a'); expect(f.to).to.equal('/b');
  });
  it('redirect loop -> 500 RedirectLoopError', async () => {
    const app = mk();
    let got: any;
    app.route('/a', function a() { return redirect('/b'); });
    app.route('/b', function b() { return redirect('/a'); });
    app.errorHandler(500, (e) => { got = e; return ['loop', 500]; });
    const { result } = await captureErrors(() => app.test.get('/a', { followRedirects: true }));
    expect(result.status).to.equal(500);
    expect(got.originalError).to.be.instanceOf(RedirectLoopError);
  });
  it('signals order', async () => {
    const app = mk();
    const log: string[] = [];
    const d1 = signals.requestStarted.connect((s, d: any) => { log.push('started'); }, { sender: app });
    const d2 = signals.requestFinished.connect((s, d: any) => { log.push('finished'); }, { sender: app });
    const d3 = signals.requestTearingDown.connect((s, d: any) => { log.push('tearingdown'); }, { sender: app });
    app.urlValuePreprocessor(() => { log.push('vp'); });
    app.beforeRequest(() => { log.push('before'); });
    app.afterRequest(() => { log.push('after'); });
    app.teardownRequest(() => { log.push('teardown'); });
    app.route('/', function index() { log.push('view'); return 'x'; });
    await app.test.get('/');
    d1(); d2(); d3();
    expect(log).to.deep.equal(['started', 'vp', 'before', 'view', 'after', 'finished', 'teardown', 'tearingdown']);
  });
  it('Signal connect sender filter and disconnect', () => {
    const s = new Signal('x');
    const a = {}; const b = {};
    const got: unknown[] = [];
    const fn = (snd: unknown, d: unknown) => { got.push(d); };
    s.connect(fn, { sender: a });
    s.send(b, 1); s.send(a, 2);
    s.disconnect(fn);
    s.send(a, 3);
    expect(got).to.deep.equal([2]);
  });
  it('gotRequestException data', async () => {
    const app = mk();
    class Boom extends Error {}
    let data: any;
    const d = signals.gotRequestException.connect((s, dt: any) => { data = dt; }, { sender: app });
    app.route('/', function index() { throw new Boom(); });
    await captureErrors(() => app.test.get('/'));
    d();
    expect(data.error).to.be.instanceOf(Boom);
    expect(data.request.path).to.equal('/');
  });
  it('flash categories', async () => {
    const app = mk();
    app.route('/set', function set() {
      flash('Hello World'); flash('Hello World', 'error'); flash({ a: 1 }, 'warning');
      return '';
    });
    let out: any[] = [];
    app.route('/get', function get(req) {
      out = [req.getFlashedMessages(), req.getFlashedMessages({ withCategories: true })];
      return '';
    });
    await app.test.get('/set');
    await app.test.get('/get');
    expect(out[0]).to.deep.equal(['Hello World', 'Hello World', { a: 1 }]);
    expect(out[1]).to.deep.equal([['message', 'Hello World'], ['error', 'Hello World'], ['warning', { a: 1 }]]);
  });
  it('flash categoryFilter', async () => {
    const app = mk();
    app.route('/set', function set() {
      flash('u1', 'message'); flash('e1', 'error'); flash('w1', 'warning');
      return '';
    });
    let out: any[] = [];
    app.route('/get', function get(req) {
      out = [req.getFlashedMessages({ categoryFilter: ['error', 'warning'] }), req.getFlashedMessages({ withCategories: true, categoryFilter: ['error'] })];
      return '';
    });
    await app.test.get('/set');
    await app.test.get('/get');
    expect(out[0]).to.deep.equal(['e1', 'w1']);
    expect(out[1]).to.deep.equal([['error', 'e1']]);
  });
  it('flash non-JSON throws at call', async () => {
    const app = mk({ testing: true });
    app.route('/', function index() { flash(() => 1); return ''; });
    let err: unknown;
    try { await app.test.get('/'); } catch (e) { err = e; }
    expect(err).to.be.instanceOf(Error);
  });
  it('module-level getFlashedMessages in view, repeated reads same', async () => {
    const app = mk();
    app.route('/set', function set() { flash('a'); return ''; });
    let r: any[] = [];
    app.route('/get', function get() { r = [getFlashedMessages(), getFlashedMessages()]; return ''; });
    await app.test.get('/set');
    await app.test.get('/get');
    expect(r).to.deep.equal([['a'], ['a']]);
    await app.test.get('/get');
    expect(r).to.deep.equal([[], []]);
  });
  it('session API', async () => {
    const app = mk();
    app.route('/set', async function set(req) { await req.app.session.set('k', { d: new Date(0) }); return ''; });
    let got: any;
    app.route('/get', function get(req) { got = [req.app.session.get('k'), req.app.session.has('k'), req.app.session.get('nope')]; return ''; });
    await app.test.get('/set');
    await app.test.get('/get');
    expect(got).to.deep.equal([{ d: '1970-01-01T00:00:00.000Z' }, true, undefined]);
    await app.session.delete('k');
    expect(app.session.has('k')).to.equal(false);
    expect(() => app.session.set('x', () => 1)).to.throw();
  });
  it('g fresh per request', async () => {
    const app = mk();
    const gs: any[] = [];
    app.route('/', function index(req) { gs.push(req.g); req.g.x = 1; return ''; });
    await app.test.get('/'); await app.test.get('/');
    expect(gs[0]).not.to.equal(gs[1]);
    expect(gs[1]).to.deep.equal({ x: 1 });
  });
  it('middleware order', async () => {
    const app = mk();
    const log: string[] = [];
    app.wrap((next) => async (req) => { log.push('m1 in'); const r = await next(req); log.push('m1 out'); return r; });
    app.wrap((next) => async (req) => { log.push('m2 in'); const r = await next(req); log.push('m2 out'); return r; });
    app.teardownRequest(() => { log.push('teardown'); });
    app.route('/', function index() { log.push('view'); return 'x'; });
    await app.test.get('/');
    expect(log).to.deep.equal(['m2 in', 'm1 in', 'view', 'teardown', 'm1 out', 'm2 out']);
  });
  it('middleware assign dispatch', async () => {
    const app = mk();
    const inner = app.dispatch;
    app.dispatch = async (req) => { const r = await inner(req); r.title = 'wrapped'; return r; };
    app.route('/', function index() { return 'x'; });
    expect((await app.test.get('/')).title).to.equal('wrapped');
  });
  it('middleware error -> default 500 and gotRequestException', async () => {
    const app = mk();
    let got: unknown;
    const d = signals.gotRequestException.connect((s, dt: any) => { got = dt.error; }, { sender: app });
    app.wrap(() => async () => { throw new RangeError('mw'); });
    app.route('/', function index() { return 'x'; });
    const { result } = await captureErrors(() => app.test.get('/'));
    d();
    expect(result.status).to.equal(500);
    expect(got).to.be.instanceOf(RangeError);
  });
});
