import '../guard.js';
import { expect } from '@esm-bundle/chai';
import { render } from 'lit';
import {
  abort,
  Blueprint,
  Forbidden,
  HTTPException,
  InternalServerError,
  NotFound,
  PhialError,
  Response,
  signals,
} from '../../src/index.js';
import { captureErrors, makeApp } from './helpers.js';

class ForbiddenSubclass extends Forbidden {}
class MyError extends Error {}
class MyChildError extends MyError {}

describe('error handlers', () => {
  let off: Array<() => void> = [];
  afterEach(() => { off.forEach((f) => f()); off = []; });

  it('turn an abort into a page; a plain return value is a 200 unless it gives a status', async () => {
    const app = makeApp();
    app.errorHandler(403, (err) => `${err.name}: ${err.description}`);
    app.errorHandler(404, (err) => [`missing: ${err.description}`, 404]);
    app.route('/secret', function secret() { abort(403, 'not you'); });
    app.route('/gone', function gone() { abort(404, 'nothing here'); });

    const forbidden = await app.test.get('/secret');
    expect(forbidden.status).to.equal(200);
    expect(forbidden.html).to.equal('Forbidden: not you');
    const missing = await app.test.get('/gone');
    expect(missing.status).to.equal(404);
    expect(missing.html).to.equal('missing: nothing here');
  });

  it('show a default page for every status when no handler exists', async () => {
    const app = makeApp();
    app.route('/teapot', function teapot() { abort(418); });

    const res = await app.test.get('/teapot');
    expect(res.status).to.equal(418);
    expect(res.title).to.equal("418 I'm a teapot");
    expect(res.html).to.equal('<h1>I&#39;m a teapot</h1>\n<p>This server is a teapot, not a coffee machine</p>');
    const missing = await app.test.get('/nowhere');
    expect(missing.status).to.equal(404);
    expect(missing.html).to.contain('<h1>Not Found</h1>');
  });

  it('make default pages lit renders as it renders its own templates, with the description as text', async () => {
    const app = makeApp();
    app.route('/', function index() { abort(403, '<img src=x onerror=alert(1)>'); });
    const res = await app.test.get('/');
    const container = document.createElement('div');
    render(res.body, container);
    expect(container.querySelector('h1')?.textContent).to.equal('Forbidden');
    expect(container.querySelector('p')?.textContent).to.equal('<img src=x onerror=alert(1)>');
    expect(container.querySelector('img')).to.equal(null);
  });

  it('look up code handlers before class handlers: an app 404 handler beats a blueprint HTTPException handler', async () => {
    const app = makeApp();
    const bp = new Blueprint('bp');
    bp.errorHandler(HTTPException, () => 'blueprint HTTPException');
    app.errorHandler(404, () => 'app 404');
    bp.route('/x', function x() { abort(404); });
    bp.route('/y', function y() { abort(403); });
    app.registerBlueprint(bp);

    expect((await app.test.get('/x')).html).to.equal('app 404');
    expect((await app.test.get('/y')).html).to.equal('blueprint HTTPException');
  });

  it('pick the nearest class of the error within one map', async () => {
    const app = makeApp();
    app.errorHandler(403, () => 'the 403 handler');
    app.errorHandler(ForbiddenSubclass, () => 'the subclass handler');
    app.errorHandler(Error, () => 'the Error handler');
    app.errorHandler(MyError, () => 'the MyError handler');
    app.route('/sub', function sub() { throw new ForbiddenSubclass(); });
    app.route('/plain', function plain() { abort(403); });
    app.route('/child', function child() { throw new MyChildError('x'); });
    app.route('/type', function type() { throw new TypeError('x'); });

    expect((await app.test.get('/sub')).html).to.equal('the subclass handler');
    expect((await app.test.get('/plain')).html).to.equal('the 403 handler');
    expect((await app.test.get('/child')).html).to.equal('the MyError handler');
    expect((await app.test.get('/type')).html).to.equal('the Error handler');
  });

  it('go from the innermost blueprint out to the app; a URL that matches no rule is the app\'s', async () => {
    const app = makeApp();
    const parent = new Blueprint('parent');
    const child = new Blueprint('child');
    const grandchild = new Blueprint('grandchild');
    parent.errorHandler(403, () => ['Parent no', 403]);
    grandchild.errorHandler(403, () => ['Grandchild no', 403]);
    parent.route('/no', function parentNo() { abort(403); });
    child.route('/no', function childNo() { abort(403); });
    grandchild.route('/no', function grandchildNo() { abort(403); });
    parent.errorHandler(404, () => 'parent 404');
    app.errorHandler(404, () => 'app 404');
    child.registerBlueprint(grandchild, { urlPrefix: '/grandchild' });
    parent.registerBlueprint(child, { urlPrefix: '/child' });
    app.registerBlueprint(parent, { urlPrefix: '/parent' });

    expect((await app.test.get('/parent/no')).html).to.equal('Parent no');
    expect((await app.test.get('/parent/child/no')).html).to.equal('Parent no');
    expect((await app.test.get('/parent/child/grandchild/no')).html).to.equal('Grandchild no');
    expect((await app.test.get('/parent/nothing')).html).to.equal('app 404');
  });

  it('give the 500 handler an InternalServerError whose originalError is the cause; teardown gets the original error', async () => {
    const app = makeApp();
    const log: unknown[] = [];
    off.push(signals.gotRequestException.connect((_, { error }) => log.push(['got', error]), { sender: app }));
    app.errorHandler(500, (err) => {
      log.push(['handler', err.constructor.name, err.originalError]);
      return ['Sorry', 500];
    });
    app.afterRequest((res) => { log.push(['after', res.status]); });
    app.teardownRequest((error) => { log.push(['teardown', error]); });
    const boom = new RangeError('boom');
    app.route('/', function index() { throw boom; });

    const { result, reports } = await captureErrors(() => app.test.get('/'));

    expect(result.status).to.equal(500);
    expect(result.html).to.equal('Sorry');
    expect(log).to.deep.equal([['got', boom], ['handler', 'InternalServerError', boom], ['after', 500], ['teardown', boom]]);
    expect(String(reports[0][0])).to.equal('Phial: unhandled error on GET /.');
  });

  it('count an error a class handler took as handled: teardown gets null', async () => {
    const app = makeApp();
    const log: unknown[] = [];
    off.push(signals.gotRequestException.connect(() => log.push('got'), { sender: app }));
    app.errorHandler(MyError, () => ['handled', 409]);
    app.teardownRequest((error) => { log.push(['teardown', error]); });
    app.route('/', function index() { throw new MyError('x'); });
    app.route('/404', function nf() { abort(404); });

    expect((await app.test.get('/')).status).to.equal(409);
    expect((await app.test.get('/404')).status).to.equal(404);
    expect(log).to.deep.equal([['teardown', null], ['teardown', null]]);
  });

  it('send an error thrown by an error handler to the 500 handler, not back to that handler', async () => {
    const app = makeApp();
    const log: unknown[] = [];
    const failure = new Error('handler failed');
    app.errorHandler(MyError, () => { log.push('MyError handler'); throw failure; });
    app.errorHandler(500, (err) => { log.push(['500', err.originalError]); return ['five', 500]; });
    app.teardownRequest((error) => { log.push(['teardown', error]); });
    app.route('/', function index() { throw new MyError('first'); });

    const { result } = await captureErrors(() => app.test.get('/'));

    expect(result.html).to.equal('five');
    expect(log).to.deep.equal(['MyError handler', ['500', failure], ['teardown', failure]]);
  });

  it('show the default 500 page when the 500 handler throws too', async () => {
    const app = makeApp();
    app.errorHandler(500, function fiveHundred() { throw new Error('again'); });
    app.route('/', function index() { throw new Error('first'); });

    const { result, reports } = await captureErrors(() => app.test.get('/'));

    expect(result.status).to.equal(500);
    expect(result.title).to.equal('500 Internal Server Error');
    expect(result.html).to.contain('<h1>Internal Server Error</h1>');
    expect(reports.map((r) => (r[1] as Error).message)).to.deep.equal(['first', 'again']);
  });

  it('run after hooks on error pages; a throwing after hook goes to the 500 handler and after hooks run again, their errors only reported', async () => {
    const app = makeApp();
    const log: unknown[] = [];
    off.push(signals.requestFinished.connect((_, { response }) => log.push(['finished', response.status]), { sender: app }));
    const afterError = new TypeError('after failed');
    app.afterRequest((res, req) => {
      log.push(['after', res.status]);
      if (req.path === '/fails') throw afterError;
    });
    app.errorHandler(500, (err) => { log.push(['500', err.originalError]); return ['five', 500]; });
    app.teardownRequest((error) => { log.push(['teardown', error]); });
    app.route('/fails', function fails() { return 'fine'; });
    app.route('/404', function nf() { abort(404); });

    const notFound = await app.test.get('/404');
    expect(notFound.status).to.equal(404);
    expect(log).to.deep.equal([['after', 404], ['finished', 404], ['teardown', null]]);

    log.length = 0;
    const { result, reports } = await captureErrors(() => app.test.get('/fails'));
    expect(result.html).to.equal('five');
    // As in Flask: the second run of the after hook fails again and is only reported, so
    // requestFinished is not sent for the 500 page.
    expect(log).to.deep.equal([['after', 200], ['500', afterError], ['after', 500], ['teardown', afterError]]);
    expect(reports.map((r) => String(r[0]))).to.deep.equal([
      'Phial: unhandled error on GET /fails.',
      'Phial: an after hook failed on the 500 page; it is shown as it was before that hook.',
    ]);
  });

  it('with testing: true, skip the 500 handler and after hooks, send gotRequestException, run teardown and reject the call', async () => {
    const app = makeApp({ testing: true });
    const log: unknown[] = [];
    off.push(signals.gotRequestException.connect((_, { error }) => log.push(['got', error]), { sender: app }));
    off.push(signals.requestTearingDown.connect((_, { error }) => log.push(['tearingDown', error]), { sender: app }));
    app.errorHandler(500, () => { log.push('500 handler'); return 'five'; });
    app.afterRequest(() => { log.push('after'); });
    app.teardownRequest((error) => { log.push(['teardown', error]); });
    const boom = new Error('boom');
    app.route('/', function index() { throw boom; });

    let caught: unknown = null;
    await app.test.get('/').catch((error) => { caught = error; });

    expect(caught).to.equal(boom);
    expect(log).to.deep.equal([['got', boom], ['teardown', boom], ['tearingDown', boom]]);
  });

  it('with testing: true, still turn HTTP errors into pages', async () => {
    const app = makeApp({ testing: true });
    app.route('/', function index() { abort(403); });
    expect((await app.test.get('/')).status).to.equal(403);
  });

  it('end the dispatch with the response of abort(response), without handler or layout', async () => {
    const app = makeApp();
    app.errorHandler(HTTPException, () => 'handler');
    app.layout((body) => `[${String(body)}]`);
    app.route('/', function index() { abort(new Response('custom', { status: 402 })); });

    const res = await app.test.get('/');
    expect(res.status).to.equal(402);
    expect(res.html).to.equal('custom');
  });

  it('let a handler return the error itself for its default page, as Flask handlers return e', async () => {
    const app = makeApp();
    app.errorHandler(HTTPException, (err) => err);
    app.route('/', function index() { abort(410); });

    const res = await app.test.get('/');
    expect(res.status).to.equal(410);
    expect(res.html).to.contain('<h1>Gone</h1>');
  });

  it('turn a thrown InternalServerError into the 500 handler directly, as a handled HTTP error', async () => {
    const app = makeApp();
    const log: unknown[] = [];
    app.errorHandler(InternalServerError, (err) => { log.push(err.originalError); return ['five', 500]; });
    app.teardownRequest((error) => { log.push(['teardown', error]); });
    app.route('/', function index() { abort(500); });

    expect((await app.test.get('/')).html).to.equal('five');
    expect(log).to.deep.equal([null, ['teardown', null]]);
  });
});

describe('generic handlers (Flask\'s TestGenericHandlers)', () => {
  class Custom extends Error {}
  function genericApp() {
    const app = makeApp();
    app.route('/custom', function doCustom() { throw new Custom(); });
    app.route('/error', function doError() { throw new RangeError(); });
    app.route('/abort', function doAbort() { abort(500); });
    app.route('/raise', function doRaise() { throw new InternalServerError(); });
    return app;
  }
  function reportError(e: Error & { originalError?: unknown }): string {
    const original = e.originalError;
    if (original !== undefined && original !== null) return `wrapped ${(original as Error).constructor.name}`;
    return `direct ${e.constructor.name}`;
  }
  async function bodies(app: ReturnType<typeof makeApp>, paths: string[]): Promise<string[]> {
    const { result } = await captureErrors(() => Promise.all(paths.map(async (p) => String((await app.test.get(p)).body))));
    return result;
  }

  for (const toHandle of [InternalServerError, 500] as const) {
    it(`give a handler for ${typeof toHandle === 'number' ? 500 : 'InternalServerError'} only InternalServerErrors, wrapping other errors`, async () => {
      const app = genericApp();
      app.errorHandler(toHandle as typeof InternalServerError, (e) => {
        expect(e).to.be.instanceOf(InternalServerError);
        return reportError(e);
      });
      expect(await bodies(app, ['/custom', '/error', '/abort', '/raise']))
        .to.deep.equal(['wrapped Custom', 'wrapped RangeError', 'direct InternalServerError', 'direct InternalServerError']);
    });
  }

  it('give an HTTPException handler only HTTPExceptions, routing 404s included', async () => {
    const app = genericApp();
    app.errorHandler(HTTPException, (e) => String(e.code));
    expect(await bodies(app, ['/error', '/abort', '/not-found'])).to.deep.equal(['500', '500', '404']);
  });

  it('give an Error handler every error directly, HTTPExceptions included', async () => {
    const app = genericApp();
    app.errorHandler(Error, (e) => reportError(e));
    expect(await bodies(app, ['/custom', '/error', '/abort', '/not-found']))
      .to.deep.equal(['direct Custom', 'direct RangeError', 'direct InternalServerError', 'direct NotFound']);
  });
});

describe('registering error handlers', () => {
  it('refuses an instance, a class that is not an Error, and an unknown code', () => {
    const app = makeApp();
    expect(() => app.errorHandler(new NotFound() as never, () => ''))
      .to.throw(PhialError, 'that is an instance, not a class. Handlers can only be registered for Error classes or HTTP error codes');
    class NotAnError {}
    expect(() => app.errorHandler(NotAnError as never, () => ''))
      .to.throw(PhialError, "'NotAnError' is not a subclass of Error");
    expect(() => app.errorHandler(999, () => ''))
      .to.throw(PhialError, "'999' is not a recognized HTTP error code");
    expect(() => app.errorHandler(200, () => '')).to.throw(PhialError, "'200' is not a recognized HTTP error code");
    // Flask's test_user_error_handler.py looks for these words.
    expect(() => app.errorHandler(999, () => '')).to.throw(PhialError, 'Use a subclass of HTTPException');
    const bp = new Blueprint('bp');
    expect(() => bp.appErrorHandler(999, () => '')).to.throw(PhialError, "appErrorHandler(999): '999' is not a recognized HTTP error code");
  });

  it('files a handler for an HTTPException class under its code, as Flask does', async () => {
    const app = makeApp();
    app.registerErrorHandler(NotFound, () => 'by class');
    app.registerErrorHandler(404, () => 'by code');
    app.route('/', function index() { abort(404); });
    // Both name NotFound under 404: the later registration replaced the earlier.
    expect((await app.test.get('/')).html).to.equal('by code');
  });
});
