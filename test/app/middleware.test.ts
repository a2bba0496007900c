import '../guard.js';
import { expect } from '@esm-bundle/chai';
import { PhialError, Response, signals, type Dispatch } from '../../src/index.js';
import { captureErrors, makeApp } from './helpers.js';

describe('middleware', () => {
  let off: Array<() => void> = [];
  afterEach(() => { off.forEach((f) => f()); off = []; });

  it('wraps the dispatch; the last wrapped runs outermost; after next() the after hooks and teardown have run', async () => {
    const app = makeApp();
    const log: string[] = [];
    app.afterRequest(() => { log.push('after hook'); });
    app.teardownRequest(() => { log.push('teardown'); });
    app.route('/', function index() { log.push('view'); return 'page'; });
    app.wrap((next) => async (req) => {
      log.push('first in');
      const res = await next(req);
      log.push('first out');
      return res;
    });
    app.wrap((next) => async (req) => {
      log.push('second in');
      const res = await next(req);
      log.push('second out');
      return res;
    });

    expect((await app.test.get('/')).html).to.equal('page');
    expect(log).to.deep.equal(['second in', 'first in', 'view', 'after hook', 'teardown', 'first out', 'second out']);
  });

  it('works by assignment to app.dispatch too, and sees test-client dispatches', async () => {
    const app = makeApp();
    app.route('/', function index() { return 'page'; });
    const inner: Dispatch = app.dispatch;
    let seen = '';
    app.dispatch = async (req) => {
      seen = req.path;
      const res = await inner(req);
      res.title = 'From middleware';
      return res;
    };
    const res = await app.test.get('/');
    expect([seen, res.title]).to.deep.equal(['/', 'From middleware']);
  });

  it('may send the request elsewhere, set state and fill g: the app sees what it changed', async () => {
    const app = makeApp();
    app.route('/new/<int:id>', function fresh(req) { return `${req.path} ${String(req.state)} ${String(req.g.user)} ${req.query.get('q')}`; });
    app.wrap((next) => (req) => {
      if (req.path.startsWith('/old/')) req.url = req.url.href.replace('/old/', '/new/');
      req.state = 'restored';
      req.g.user = 'ada';
      return next(req);
    });
    expect((await app.test.get('/old/7?q=x')).html).to.equal('/new/7 restored ada x');
  });

  it('may answer by itself, without the app', async () => {
    const app = makeApp();
    let viewed = false;
    app.route('/', function index() { viewed = true; return 'page'; });
    app.wrap(() => async () => new Response('maintenance', { status: 503 }));
    const res = await app.test.get('/');
    expect([res.status, res.html, viewed]).to.deep.equal([503, 'maintenance', false]);
  });

  it('turns its errors into the default 500 page, through gotRequestException, with no hook run again', async () => {
    const app = makeApp();
    const log: unknown[] = [];
    off.push(signals.gotRequestException.connect((_, { error }) => log.push(['got', (error as Error).message]), { sender: app }));
    app.errorHandler(500, () => { log.push('500 handler'); return 'handled'; });
    app.afterRequest(() => { log.push('after'); });
    app.route('/', function index() { return 'page'; });
    app.wrap((next) => async (req) => {
      await next(req);
      throw new Error('middleware broke');
    });

    const { result, reports } = await captureErrors(() => app.test.get('/'));

    expect(result.status).to.equal(500);
    expect(result.html).to.contain('<h1>Internal Server Error</h1>');
    expect(log).to.deep.equal(['after', ['got', 'middleware broke']]);
    expect(String(reports[0][0])).to.equal('Phial: a middleware failed on GET /; showing the default 500 page.');
  });

  it('must resolve with a Phial Response', async () => {
    const app = makeApp({ testing: true });
    app.wrap(() => async () => 'oops' as never);
    let caught: unknown = null;
    await app.test.get('/').catch((e) => { caught = e; });
    expect(caught).to.be.instanceOf(PhialError);
    expect((caught as Error).message).to.contain('app.dispatch resolved with a string ("oops"): a middleware must resolve with a Phial Response');
  });

  it('rejects the test-client call with a middleware error when testing, reporting it once', async () => {
    const app = makeApp({ testing: true });
    const got: unknown[] = [];
    off.push(signals.gotRequestException.connect((_, { error }) => got.push(error), { sender: app }));
    const boom = new Error('boom');
    app.route('/', function index() { throw boom; });
    app.wrap((next) => (req) => next(req));
    let caught: unknown = null;
    await app.test.get('/').catch((e) => { caught = e; });
    expect(caught).to.equal(boom);
    expect(got).to.deep.equal([boom]);
  });

  it('refuses a middleware that does not return a dispatch function', () => {
    const app = makeApp();
    expect(() => app.wrap((() => undefined) as never)).to.throw(PhialError, 'a middleware is (next) => (req) => Promise<Response>, but it returned undefined');
  });
});
