import '../guard.js';
import { expect } from '@esm-bundle/chai';
import { Blueprint, HTTPException, NotFound, Phial, memoryStore, memorySession, signals } from '../../src/index.js';
import { captureErrors } from '../app/helpers.js';
function mk(opts = {}) { return new Phial({ flashStore: memoryStore(), session: memorySession(), ...opts }); }
describe('audit: error handlers and hooks, further cases', () => {
  it('a blueprint layout that throws goes to the error handlers', async () => {
    const app = mk();
    const bp = new Blueprint('bp', { urlPrefix: '/bp' });
    bp.layout(() => { throw new RangeError('layout'); });
    bp.route('/', function idx() { return 'x'; });
    app.registerBlueprint(bp);
    app.errorHandler(RangeError, (e) => `caught ${e.message}`);
    expect((await app.test.get('/bp/')).body).to.equal('caught layout');
  });
  it('custom HTTPException subclass with its own code', async () => {
    class Custom extends HTTPException { static override code: number | null = 499; static override defaultName = 'Custom Thing'; }
    const app = mk();
    app.route('/a', function a() { throw new Custom(); });
    let r = await app.test.get('/a');
    expect([r.status, r.title]).to.deep.equal([499, '499 Custom Thing']);
    app.errorHandler(Custom, (e) => [`handled ${e.code}`, 499]);
    r = await app.test.get('/a');
    expect([r.status, r.body]).to.deep.equal([499, 'handled 499']);
  });
  it('throwing a non-Error', async () => {
    const app = mk();
    let got: unknown = 'unset'; let td: unknown = 'unset';
    const d = signals.gotRequestException.connect((s, dt) => { got = dt.error; }, { sender: app });
    app.teardownRequest((e) => { td = e; });
    app.route('/', function idx() { throw 'plain string'; });
    const { result } = await captureErrors(() => app.test.get('/'));
    d();
    expect([result.status, got, td]).to.deep.equal([500, 'plain string', 'plain string']);
  });
  it('NotFound subclass handled by NotFound class handler and by 404', async () => {
    class MyNF extends NotFound {}
    const app = mk();
    app.route('/', function idx() { throw new MyNF(); });
    app.errorHandler(NotFound, () => 'nf class');
    expect((await app.test.get('/')).body).to.equal('nf class');
    app.errorHandler(404, () => 'nf code');
    expect((await app.test.get('/')).body).to.equal('nf code');
  });
  it('bp Error handler beats more specific app handler (Flask scope order)', async () => {
    class A extends Error {}
    class B extends A {}
    const app = mk();
    const bp = new Blueprint('bp', { urlPrefix: '/bp' });
    bp.errorHandler(Error, () => 'bp Error');
    bp.route('/', function idx() { throw new B(); });
    app.registerBlueprint(bp);
    app.errorHandler(B, () => 'app B');
    expect((await app.test.get('/bp/')).body).to.equal('bp Error');
  });
});
describe('audit: routing errors and signals', () => {
  it('before hooks on a 400; no gotRequestException for handled errors', async () => {
    const app = mk();
    const log: string[] = [];
    const d = signals.gotRequestException.connect(() => { log.push('gre'); }, { sender: app });
    app.beforeRequest((req) => { log.push(`before ${req.endpoint}`); });
    app.route('/s/<v>', function s() { return ''; });
    app.route('/nf', function nf() { throw new NotFound(); });
    expect((await app.test.get('/s/%zz')).status).to.equal(400);
    await app.test.get('/nf');
    d();
    expect(log).to.deep.equal(['before null', 'before nf']);
  });
});
