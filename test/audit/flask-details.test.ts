import '../guard.js';
import { expect } from '@esm-bundle/chai';
import {
  abort, Blueprint, Forbidden, HTTPException, isNavigationFailure, memorySession, memoryStore, Phial, PhialError, redirect, RedirectLoopError,
  Request, Response, flash, getFlashedMessages, urlFor,
} from '../../src/index.js';
import { captureErrors } from '../app/helpers.js';

function mk(opts = {}) { return new Phial({ flashStore: memoryStore(), session: memorySession(), ...opts }); }

describe('audit: details checked against Flask 3.1 / Werkzeug 3.1', () => {
  it('value preprocessors run on 404 and 405 with a null endpoint (Flask)', async () => {
    const app = mk();
    const log: unknown[] = [];
    app.urlValuePreprocessor((ep, values) => { log.push([ep, values]); });
    app.route('/x', function x() { return 'x'; });
    await app.test.get('/nope'); await app.test.post('/x'); await app.test.get('/x');
    expect(log).to.deep.equal([[null, {}], [null, {}], ['x', {}]]);
  });
  it('abort(response) still runs the after hooks (Flask)', async () => {
    const app = mk();
    const log: string[] = [];
    app.afterRequest(() => { log.push('after'); });
    app.route('/', function i() { abort(new Response('custom', { status: 418 })); });
    const r = await app.test.get('/');
    expect([r.status, r.body, log]).to.deep.equal([418, 'custom', ['after']]);
  });
  it('strictSlashes: false on the app accepts both forms (Werkzeug)', async () => {
    const app = mk({ strictSlashes: false });
    app.route('/a/', function a() { return 'a'; });
    app.route('/b', function b() { return 'b'; });
    expect([(await app.test.get('/a')).status, (await app.test.get('/a/')).status, (await app.test.get('/b/')).status]).to.deep.equal([200, 200, 200]);
  });
  it('session set, delete and clear are visible to get before they settle', async () => {
    const app = mk();
    const p = app.session.set('a', 1);
    expect(app.session.get('a')).to.equal(1);
    await p;
    const p2 = app.session.delete('a');
    expect(app.session.has('a')).to.equal(false);
    await p2;
    await app.session.set('b', 2);
    const p3 = app.session.clear();
    expect(app.session.get('b')).to.equal(undefined);
    await p3;
  });
  it('a blueprint refuses an endpoint or a view name with a dot (Flask)', () => {
    const bp = new Blueprint('bp');
    const view = () => '';
    Object.defineProperty(view, 'name', { value: 'a.b' });
    expect(() => bp.route('/', view)).to.throw(PhialError);
    expect(() => bp.addUrlRule('/', 'a.b', () => '')).to.throw(PhialError);
    expect(() => new Blueprint('')).to.throw(PhialError);
  });
  it('app.dispatch called with a Request of its own is a full dispatch (flashes included)', async () => {
    const app = mk();
    let shown: unknown[] = [];
    app.route('/a', function a() { flash('x'); return 'A'; });
    app.route('/b', function b() { shown = getFlashedMessages(); return 'B'; });
    expect((await app.dispatch(new Request(app, '/a'))).body).to.equal('A');
    await app.dispatch(new Request(app, '/b'));
    expect(shown).to.deep.equal(['x']);
  });
  it('HTTPException itself (Werkzeug test_exception_repr)', () => {
    const e = new HTTPException('An error message');
    expect(String(e)).to.equal('??? Unknown Error: An error message');
    expect(e.code).to.equal(null);
    expect(e.name).to.equal('Unknown Error');
    expect(new HTTPException().description).to.equal('');
  });
  it('module-level urlFor in a navigation while an aborted one still runs is not ambiguous', async () => {
    const app = mk({ history: 'memory' });
    let release!: () => void;
    const gate = new Promise<void>((r) => { release = r; });
    let fastUrl = '';
    app.route('/', function index() { return 'home'; });
    app.route('/slow', async function slow() { await gate; return 'slow'; });
    app.route('/fast', async function fast() { await new Promise((r) => setTimeout(r, 5)); fastUrl = urlFor('index'); return 'fast'; });
    await app.start();
    try {
      const p1 = app.navigate('/slow');
      await new Promise((r) => setTimeout(r, 5));
      const r2 = await app.navigate('/fast');
      release();
      expect(isNavigationFailure(await p1, 'aborted')).to.equal(true);
      expect((r2 as Response).body).to.equal('fast');
      expect(fastUrl).to.equal('/');
    } finally { app.stop(); }
  });
  it('module-level calls act on the app of the dispatch in flight', async () => {
    const a = mk({ base: '/a' });
    const b = mk({ base: '/b' });
    a.route('/', function index() { return redirect(urlFor('index')); });
    b.route('/', function index() { return 'b'; });
    await b.test.get('/b/');
    expect((await a.test.get('/a/')).location).to.equal('/a/');
  });
  it('non-ASCII rules and values (Flask test_nonascii_pathinfo, test_url_generation)', async () => {
    const app = mk();
    app.route('/киртест', function index() { return 'Hello World!'; });
    app.route('/hello/<name>', function hello(req) { return req.params.name; });
    expect([(await app.test.get('/киртест')).body, (await app.test.get('/hello/a%20b')).body, (await app.test.get('/hello/ü')).body,
      app.urlFor('index'), app.urlFor('hello', { name: 'test x' })])
      .to.deep.equal(['Hello World!', 'a b', 'ü', '/%D0%BA%D0%B8%D1%80%D1%82%D0%B5%D1%81%D1%82', '/hello/test%20x']);
  });
  it('ten redirects are followed; the eleventh hop is a RedirectLoopError listing the chain', async () => {
    const out: string[] = [];
    for (const n of [10, 11]) {
      const app = mk();
      let chain: string[] = [];
      app.route('/r/<int:i>', function r(req) { return req.params.i < n ? redirect(`/r/${req.params.i + 1}`) : 'done'; });
      app.errorHandler(500, (e) => { chain = (e.originalError as RedirectLoopError).chain; return ['loop', 500]; });
      const { result } = await captureErrors(() => app.test.get('/r/0', { followRedirects: true }));
      out.push(`${result.status} ${result.html} ${chain.length}`);
    }
    expect(out).to.deep.equal(['200 done 0', '500 loop 12']);
  });
  it('testing: an abort() inside an error handler rejects the call with that error (Flask PROPAGATE_EXCEPTIONS)', async () => {
    const app = mk({ testing: true });
    app.errorHandler(404, () => { abort(403); });
    let err: unknown;
    let res: Response | undefined;
    try { res = await app.test.get('/nope'); } catch (e) { err = e; }
    expect([err instanceof Forbidden, res]).to.deep.equal([true, undefined]);
  });
});
