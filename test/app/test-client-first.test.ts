import '../guard.js';
// The test client, which loads its request building on first use (SPEC §11, §13): the
// first test below holds the page's very first test-client calls, made concurrently, some of
// which reject. Then: error handlers for every known code, by code and by class, reach both
// abort(code) and a thrown instance, subclasses of a table-made class included.
import { expect } from '@esm-bundle/chai';
import { abort, exceptionForCode, HTTPException, knownErrorCodes, Phial, PhialError, type Request } from '../../src/index.js';

function makeApp(): Phial {
  return new Phial({ testing: true });
}

describe('the test client on first use', () => {
  it('the first calls, made together, all dispatch in call order and settle as before', async () => {
    const app = makeApp();
    const order: string[] = [];
    app.beforeRequest((req: Request) => { order.push(`${req.method} ${req.fullPath}`); });
    app.route('/a', function a() { return 'A'; });
    app.route('/b', function b() { return 'B'; });
    app.route('/boom', function boom() { throw new TypeError('boom'); });
    app.route('/f', function f(req: Request) { return req.form ? [...req.form].map(([k, v]) => `${k}=${String(v)}`).join('&') : 'none'; }, { methods: ['GET', 'POST'] });
    const results = await Promise.allSettled([
      app.test.get('/a'),
      app.test.get('/boom'),
      app.test.post('/f', 5 as never),
      app.test.post('/f', { x: '1', y: ['2', '3'] }),
      app.test.get('/f', { followRedirects: true }),
      app.test.get('/b'),
    ]);
    const [a, boom, badForm, post, get, b] = results;
    expect(a.status === 'fulfilled' && a.value.html).to.equal('A');
    expect(boom.status).to.equal('rejected');
    // testing: true rejects with the original error, not a PhialError wrapping it.
    expect((boom as PromiseRejectedResult).reason).to.be.instanceOf(TypeError);
    expect((boom as PromiseRejectedResult).reason.message).to.equal('boom');
    expect(badForm.status).to.equal('rejected');
    expect((badForm as PromiseRejectedResult).reason).to.be.instanceOf(PhialError);
    expect(post.status === 'fulfilled' && post.value.html).to.equal('x=1&amp;y=2&amp;y=3');
    expect(get.status === 'fulfilled' && get.value.html).to.equal('none');
    expect(b.status === 'fulfilled' && b.value.html).to.equal('B');
    expect(order).to.deep.equal(['GET /a', 'GET /boom', 'POST /f', 'GET /f', 'GET /b']);
  });

  it('two fresh apps called together each answer their own', async () => {
    const one = makeApp();
    const two = makeApp();
    one.route('/', function index() { return 'one'; });
    two.route('/', function index() { return 'two'; });
    const [r1, r2] = await Promise.all([one.test.get('/'), two.test.get('/')]);
    expect([r1.html, r2.html]).to.deep.equal(['one', 'two']);
  });
});

describe('review: rare errors and their handlers', () => {
  it('a handler registered by code reaches abort(code) and a thrown instance, for every known code', async () => {
    for (const code of knownErrorCodes()) {
      const app = makeApp();
      app.errorHandler(code, (e: HTTPException) => [`${e.code} ${e.name} ${e.constructor === exceptionForCode(code)}`, 200]);
      app.route('/abort', function viaAbort() { abort(code); });
      app.route('/throw', function viaThrow() { const Cls = exceptionForCode(code)!; throw new Cls(); });
      const Cls = exceptionForCode(code)!;
      const expected = `${code} ${Cls.defaultName} true`;
      expect((await app.test.get('/abort')).html, `abort(${code})`).to.equal(expected);
      expect((await app.test.get('/throw')).html, `throw new ${Cls.name}()`).to.equal(expected);
      expect(Cls.defaultDescription, `${code}'s description`).to.not.equal('');
    }
  });

  it('a handler registered by class reaches abort(code); a subclass handler beats the code handler for the subclass only', async () => {
    for (const code of knownErrorCodes()) {
      const Cls = exceptionForCode(code)!;
      class Mine extends Cls {}
      const app = makeApp();
      app.errorHandler(Cls, () => ['by class', 200]);
      app.errorHandler(Mine, () => ['by subclass', 200]);
      app.route('/abort', function viaAbort() { abort(code); });
      app.route('/mine', function viaMine() { throw new Mine(); });
      expect((await app.test.get('/abort')).html, `abort(${code})`).to.equal('by class');
      expect((await app.test.get('/mine')).html, `a subclass of ${Cls.name}`).to.equal('by subclass');
      const mine = new Mine('why');
      expect(mine.code).to.equal(code);
      expect(mine.name).to.equal(Cls.defaultName);
      expect(mine).to.be.instanceOf(Cls).and.instanceOf(HTTPException).and.instanceOf(PhialError);
      expect(String(mine)).to.equal(`${code} ${Cls.defaultName}: why`);
    }
  });
});
