import '../guard.js';
import { expect } from '@esm-bundle/chai';
import {
  abort, Blueprint, Forbidden, InternalServerError, Phial, PhialError, Response, redirect, urlFor, memorySession, memoryStore, signals,
} from '../../src/index.js';
import { captureErrors } from '../app/helpers.js';

function mk(opts = {}) { return new Phial({ flashStore: memoryStore(), session: memorySession(), ...opts }); }

describe('audit: ', () => {
  it('app-wide hooks from a blueprint are filed at registration, among the app hooks (Flask)', async () => {
    const app = mk();
    const log: string[] = [];
    app.afterRequest(() => { log.push('a1'); });
    const bp = new Blueprint('bp');
    bp.afterAppRequest(() => { log.push('b'); });
    bp.beforeAppRequest(() => { log.push('bb'); });
    app.beforeRequest(() => { log.push('ab1'); });
    app.registerBlueprint(bp);
    app.afterRequest(() => { log.push('a2'); });
    app.beforeRequest(() => { log.push('ab2'); });
    app.route('/', function index() { return 'x'; });
    await app.test.get('/');
    expect(log).to.deep.equal(['ab1', 'bb', 'ab2', 'a2', 'b', 'a1']);
  });
  it('urlDefaults: app first, then blueprint', () => {
    const app = mk();
    app.urlDefaults((ep, values) => { values.x = 'app'; });
    const bp = new Blueprint('bp');
    bp.urlDefaults((ep, values) => { values.x = 'bp'; });
    bp.route('/<x>', function v() { return ''; });
    app.registerBlueprint(bp);
    app.route('/a/<x>', function a() { return ''; });
    expect(app.urlFor('bp.v')).to.equal('/bp');
    expect(app.urlFor('a')).to.equal('/a/app');
  });
  it('abort in an error handler goes to the 500 handler', async () => {
    const app = mk();
    app.errorHandler(404, () => { abort(403); });
    app.errorHandler(500, (e) => [`500 got ${e.originalError?.constructor.name}`, 500]);
    const { result } = await captureErrors(() => app.test.get('/nope'));
    expect(result.status).to.equal(500);
    expect(result.html).to.equal('500 got Forbidden');
  });
  it('testing: handled error is not rejected; error in handler rejected', async () => {
    const app = mk({ testing: true });
    class A extends Error {}
    class B extends Error {}
    app.errorHandler(A, () => 'handled A');
    app.errorHandler(B, () => { throw new RangeError('inner'); });
    app.route('/a', function a() { throw new A(); });
    app.route('/b', function b() { throw new B(); });
    expect((await app.test.get('/a')).html).to.equal('handled A');
    let err: unknown;
    try { await app.test.get('/b'); } catch (e) { err = e; }
    expect(err).to.be.instanceOf(RangeError);
  });
  it('testing: after hook error rejects', async () => {
    const app = mk({ testing: true });
    app.afterRequest(() => { throw new RangeError('after'); });
    app.route('/', function index() { return 'x'; });
    let err: unknown;
    try { await app.test.get('/'); } catch (e) { err = e; }
    expect(err).to.be.instanceOf(RangeError);
  });
  it('blueprint error handler handles errors from its before hook', async () => {
    const app = mk();
    const bp = new Blueprint('bp', { urlPrefix: '/bp' });
    class E extends Error {}
    bp.beforeRequest(() => { throw new E(); });
    bp.errorHandler(E, () => 'bp handled');
    bp.route('/', function idx() { return 'view'; });
    app.registerBlueprint(bp);
    expect((await app.test.get('/bp/')).html).to.equal('bp handled');
  });
  it('405 under blueprint prefix handled by app handler, not bp', async () => {
    const app = mk();
    const bp = new Blueprint('bp', { urlPrefix: '/bp' });
    bp.errorHandler(405, () => 'bp405');
    bp.route('/', function idx() { return 'view'; });
    app.errorHandler(405, () => 'app405');
    app.registerBlueprint(bp);
    expect((await app.test.post('/bp/')).html).to.equal('app405');
  });
  it('requestFinished after after hooks with final response', async () => {
    const app = mk();
    let fin: any;
    const d = signals.requestFinished.connect((s, dt: any) => { fin = dt; }, { sender: app });
    app.afterRequest(() => new Response('replaced'));
    app.route('/', function index() { return 'x'; });
    await app.test.get('/');
    d();
    expect(fin.response.body).to.equal('replaced');
    expect(fin.request.path).to.equal('/');
  });
  it('requestTearingDown error data', async () => {
    const app = mk();
    const got: unknown[] = [];
    const d = signals.requestTearingDown.connect((s, dt: any) => { got.push(dt.error); }, { sender: app });
    class Boom extends Error {}
    app.route('/a', function a() { throw new Boom(); });
    app.route('/b', function b() { return ''; });
    await captureErrors(() => app.test.get('/a'));
    await app.test.get('/b');
    d();
    expect(got[0]).to.be.instanceOf(Boom);
    expect(got[1]).to.equal(null);
  });
  it('error from handler with 500 handler absent → default 500', async () => {
    const app = mk();
    class A extends Error {}
    app.errorHandler(A, () => { throw new Error('x'); });
    app.route('/', function index() { throw new A(); });
    const { result } = await captureErrors(() => app.test.get('/'));
    expect(result.status).to.equal(500);
    expect(result.html).to.contain('Internal Server Error');
  });
  it('500 handler throwing → default 500', async () => {
    const app = mk();
    app.errorHandler(500, () => { throw new Error('y'); });
    app.route('/', function index() { throw new Error('x'); });
    const { result } = await captureErrors(() => app.test.get('/'));
    expect(result.status).to.equal(500);
    expect(result.html).to.contain('Internal Server Error');
  });
  it('default 404 page text', async () => {
    const app = mk();
    const r = await app.test.get('/missing');
    expect(r.status).to.equal(404);
    expect(r.html).to.contain('Not Found');
    expect(r.title).to.be.a('string');
  });
  it('view params typed & endpoint from addUrlRule', async () => {
    const app = mk();
    app.addUrlRule('/x/<int:n>', 'xx', (req: any) => `n=${req.params.n + 1}`);
    expect((await app.test.get('/x/4')).html).to.equal('n=5');
    expect(app.urlFor('xx', { n: 2 })).to.equal('/x/2');
  });
  it('addUrlRule with endpoint null uses view name', async () => {
    const app = mk();
    app.addUrlRule('/y', null, function yv() { return 'y'; });
    expect(app.urlFor('yv')).to.equal('/y');
  });
  it('nested blueprint error handler inner beats outer, code beats class across levels', async () => {
    const app = mk();
    const parent = new Blueprint('parent', { urlPrefix: '/p' });
    const child = new Blueprint('child', { urlPrefix: '/c' });
    parent.errorHandler(403, () => 'parent403');
    child.errorHandler(Forbidden, () => 'childForbidden');
    child.route('/', function idx() { abort(403); });
    parent.registerBlueprint(child);
    app.registerBlueprint(parent);
    expect((await app.test.get('/p/c/')).html).to.equal('childForbidden');
    const app2 = mk();
    const p2 = new Blueprint('parent', { urlPrefix: '/p' });
    const c2 = new Blueprint('child', { urlPrefix: '/c' });
    p2.errorHandler(403, () => 'parent403');
    c2.errorHandler(Error, () => 'childError');
    c2.route('/', function idx() { abort(403); });
    p2.registerBlueprint(c2);
    app2.registerBlueprint(p2);
    expect((await app2.test.get('/p/c/')).html).to.equal('parent403');
  });
  it('urlFor of relative endpoint with no blueprint via module-level', async () => {
    const app = mk();
    let u = '';
    app.route('/', function index() { u = urlFor('.index'); return ''; });
    await app.test.get('/');
    expect(u).to.equal('/');
  });
});
