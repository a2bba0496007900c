import '../guard.js';
import { expect } from '@esm-bundle/chai';
import { Blueprint, PhialError, Request, Response, redirect, signals } from '../../src/index.js';
import { listenToSteps, type StepRecord } from '../../src/steps.js';
import { captureErrors, makeApp, reportTexts, sleep } from './helpers.js';

/** Connects a logger to every pipeline signal of `app`; returns the disconnect. */
function logSignals(app: ReturnType<typeof makeApp>, log: string[]): () => void {
  const offs = [
    signals.requestStarted.connect(() => log.push('requestStarted'), { sender: app }),
    signals.requestFinished.connect((_, { response }) => log.push(`requestFinished ${response.status}`), { sender: app }),
    signals.gotRequestException.connect((_, { error }) => log.push(`gotRequestException ${(error as Error).message}`), { sender: app }),
    signals.requestTearingDown.connect((_, { error }) => log.push(`requestTearingDown ${error === null ? 'null' : (error as Error).message}`), { sender: app }),
    signals.navigationAborted.connect(() => log.push('navigationAborted'), { sender: app }),
  ];
  return () => offs.forEach((off) => off());
}

describe('the dispatch pipeline', () => {
  let off: () => void = () => {};
  afterEach(() => off());

  it('runs signals, preprocessors, hooks, the view and teardown in Flask\'s order', async () => {
    const app = makeApp();
    const log: string[] = [];
    off = logSignals(app, log);
    const parent = new Blueprint('parent');
    const child = new Blueprint('child');
    app.urlValuePreprocessor(() => { log.push('app preprocess'); });
    parent.urlValuePreprocessor(() => { log.push('parent preprocess'); });
    child.urlValuePreprocessor(() => { log.push('child preprocess'); });
    app.beforeRequest(() => { log.push('app before 1'); });
    app.beforeRequest(() => { log.push('app before 2'); });
    parent.beforeRequest(() => { log.push('parent before'); });
    child.beforeRequest(() => { log.push('child before 1'); });
    child.beforeRequest(() => { log.push('child before 2'); });
    app.afterRequest(() => { log.push('app after 1'); });
    app.afterRequest(() => { log.push('app after 2'); });
    parent.afterRequest(() => { log.push('parent after'); });
    child.afterRequest(() => { log.push('child after 1'); });
    child.afterRequest(() => { log.push('child after 2'); });
    app.teardownRequest(() => { log.push('app teardown 1'); });
    app.teardownRequest(() => { log.push('app teardown 2'); });
    parent.teardownRequest(() => { log.push('parent teardown'); });
    child.teardownRequest(() => { log.push('child teardown 1'); });
    child.teardownRequest(() => { log.push('child teardown 2'); });
    child.route('/a', function a() { log.push('view'); return 'A'; });
    parent.registerBlueprint(child);
    app.registerBlueprint(parent);

    const res = await app.test.get('/a');

    expect(res.html).to.equal('A');
    expect(log).to.deep.equal([
      'requestStarted',
      'app preprocess', 'parent preprocess', 'child preprocess',
      'app before 1', 'app before 2', 'parent before', 'child before 1', 'child before 2',
      'view',
      'child after 2', 'child after 1', 'parent after', 'app after 2', 'app after 1',
      'requestFinished 200',
      'child teardown 2', 'child teardown 1', 'parent teardown', 'app teardown 2', 'app teardown 1',
      'requestTearingDown null',
    ]);
  });

  it('lets the first before hook that returns a value answer instead of the view', async () => {
    const app = makeApp();
    const log: string[] = [];
    app.beforeRequest(() => { log.push('first'); return undefined; });
    app.beforeRequest(() => { log.push('second'); return null; });
    app.beforeRequest(() => { log.push('third'); return ['Stopped here', 403]; });
    app.beforeRequest(() => { log.push('fourth'); });
    app.afterRequest((res) => { log.push(`after ${res.status}`); });
    app.route('/', function index() { log.push('view'); return 'view'; });

    const res = await app.test.get('/');

    expect(res.status).to.equal(403);
    expect(res.html).to.equal('Stopped here');
    expect(log).to.deep.equal(['first', 'second', 'third', 'after 403']);
  });

  it('treats false from a before hook as an error that names the hook', async () => {
    const app = makeApp({ testing: true });
    app.beforeRequest(function requireLogin() { return false as never; });
    app.route('/', function index() { return 'home'; });

    let caught: unknown = null;
    await app.test.get('/').catch((error) => { caught = error; });

    expect(caught).to.be.instanceOf(PhialError);
    expect((caught as Error).message).to.contain("The before hook 'requireLogin' returned false");
    expect((caught as Error).message).to.contain('if (!ok) return redirect(...)');
  });

  it('runs before hooks for URLs that match no rule, with req.endpoint null', async () => {
    const app = makeApp();
    const seen: Array<string | null> = [];
    app.beforeRequest((req) => { seen.push(req.endpoint); });
    app.route('/', function index() { return 'home'; });
    app.route('/login', function login() { return 'login'; });

    const res = await app.test.get('/mistyped');
    expect(res.status).to.equal(404);
    expect(seen).to.deep.equal([null]);

    // So a login guard guards a mistyped URL too.
    app.beforeRequest((req) => (req.endpoint === 'login' ? undefined : redirect(req.urlFor('login'))));
    const guarded = await app.test.get('/mistyped');
    expect(guarded.status).to.equal(302);
    expect(guarded.location).to.equal('/login');
  });

  it('awaits async preprocessors, hooks, views and teardown in order', async () => {
    const app = makeApp();
    const log: string[] = [];
    app.urlValuePreprocessor(async () => { await sleep(2); log.push('preprocess'); });
    app.beforeRequest(async () => { await sleep(2); log.push('before'); });
    app.afterRequest(async () => { await sleep(2); log.push('after'); });
    app.teardownRequest(async () => { await sleep(2); log.push('teardown'); });
    app.route('/', async function index() { await sleep(2); log.push('view'); return 'done'; });

    const res = await app.test.get('/');

    expect(res.html).to.equal('done');
    expect(log).to.deep.equal(['preprocess', 'before', 'view', 'after', 'teardown']);
  });

  it('runs beforeFirstRequest once, before the before hooks, even for dispatches that start together', async () => {
    const app = makeApp();
    let runs = 0;
    let ready = false;
    const log: string[] = [];
    app.beforeFirstRequest(async () => { runs++; await sleep(10); ready = true; log.push('first'); });
    app.beforeRequest(() => { log.push(`before ready=${ready}`); });
    app.route('/', function index() { return String(ready); });

    expect(app.gotFirstRequest).to.equal(false);
    const [a, b] = await Promise.all([app.test.get('/'), app.test.get('/')]);
    const c = await app.test.get('/');
    expect(app.gotFirstRequest).to.equal(true);

    expect(runs).to.equal(1);
    expect([a.html, b.html, c.html]).to.deep.equal(['true', 'true', 'true']);
    expect(log).to.deep.equal(['first', 'before ready=true', 'before ready=true', 'before ready=true']);
  });

  it('changes the params the hooks and the view see with URL value preprocessors', async () => {
    const app = makeApp();
    app.urlValuePreprocessor((endpoint, params, req) => {
      req.g.lang = params.lang;
      delete params.lang;
    });
    app.beforeRequest((req) => { req.g.seenByHook = JSON.stringify(req.params); });
    app.route('/<lang>/<int:id>', function page(req) {
      return `${req.g.lang} ${req.g.seenByHook} ${JSON.stringify(req.params)}`;
    });

    const res = await app.test.get('/de/7');

    expect(res.html).to.equal(escape(`de {"id":7} {"id":7}`));
  });

  it('gives each request a fresh g', async () => {
    const app = makeApp();
    app.beforeRequest((req) => { req.g.count = (req.g.count ?? 0) + 1; });
    app.route('/', function index(req) { return String(req.g.count); });

    expect((await app.test.get('/')).html).to.equal('1');
    expect((await app.test.get('/')).html).to.equal('1');
  });

  it('answers a routing redirect with a 308 before any hook or signal runs, keeping query and hash', async () => {
    const app = makeApp();
    const log: string[] = [];
    off = logSignals(app, log);
    app.beforeRequest(() => { log.push('before'); });
    app.teardownRequest(() => { log.push('teardown'); });
    app.route('/dir/', function dir() { return 'dir'; });

    const res = await app.test.get('/dir?x=1#part');

    expect(res.status).to.equal(308);
    expect(res.location).to.equal('/dir/?x=1#part');
    expect(res.body).to.equal(''); // SPEC §4: a redirect's body is empty
    expect(log).to.deep.equal([]);

    const followed = await app.test.get('/dir?x=1', { followRedirects: true });
    expect(followed.html).to.equal('dir');
    expect(log).to.deep.equal(['requestStarted', 'before', 'requestFinished 200', 'teardown', 'requestTearingDown null']);
  });

  it('lets after hooks change the response or replace it; undefined keeps it', async () => {
    const app = makeApp();
    app.afterRequest((res) => new Response(`${String(res.body)} replaced`, { status: 201 }));
    app.afterRequest((res) => { res.title = 'Changed'; });
    app.route('/', function index() { return 'view'; });

    const res = await app.test.get('/');

    expect(res.status).to.equal(201);
    expect(res.html).to.equal('view replaced');
    expect(res.title).to.equal(null);
  });

  it('reports teardown errors without throwing them and still runs the other teardown functions', async () => {
    const app = makeApp();
    const log: string[] = [];
    app.teardownRequest(() => { log.push('runs anyway'); });
    app.teardownRequest(function closeDb() { throw new Error('db gone'); });
    app.route('/', function index() { return 'ok'; });

    const { result, reports } = await captureErrors(() => app.test.get('/'));

    expect(result.status).to.equal(200);
    expect(log).to.deep.equal(['runs anyway']);
    expect(reportTexts(reports)).to.deep.equal(["Phial: the teardown function 'closeDb' failed; the others still run."]);
    expect((reports[0][1] as Error).message).to.equal('db gone');
  });
});

describe('an aborted dispatch', () => {
  let off: () => void = () => {};
  afterEach(() => off());

  it('is not an error: no report, no after hooks, teardown with null, navigationAborted, then rejects with the AbortError', async () => {
    const app = makeApp();
    const log: string[] = [];
    off = logSignals(app, log);
    app.afterRequest(() => { log.push('after'); });
    app.teardownRequest((error) => { log.push(`teardown ${String(error)}`); });
    app.route('/slow', function slow(req) {
      // What a fetch(url, { signal: req.signal }) does when the navigation is aborted.
      return new Promise<string>((_, reject) => req.signal.addEventListener('abort', () => reject(req.signal.reason)));
    });
    const controller = new AbortController();
    const req = new Request(app, '/slow', { signal: controller.signal });

    const { result, reports } = await captureErrors(async () => {
      const pending = app.dispatch(req).then(() => 'resolved', (error: Error) => error.name);
      await sleep(5);
      controller.abort();
      return pending;
    });

    expect(result).to.equal('AbortError');
    expect(reports).to.deep.equal([]);
    expect(log).to.deep.equal(['requestStarted', 'navigationAborted', 'teardown null', 'requestTearingDown null']);
  });

  it('drops the response of a view that finished after the abort, without after hooks', async () => {
    const app = makeApp();
    const log: string[] = [];
    app.afterRequest(() => { log.push('after'); });
    app.route('/late', async function late() { await sleep(10); log.push('view done'); return 'late'; });
    const controller = new AbortController();

    const pending = app.dispatch(new Request(app, '/late', { signal: controller.signal })).then(() => 'resolved', (e: Error) => e.name);
    await sleep(2);
    controller.abort();

    expect(await pending).to.equal('AbortError');
    expect(log).to.deep.equal(['view done']);
  });

  it('never happens between two test-client calls in flight together', async () => {
    const app = makeApp();
    app.route('/<int:n>', async function n(req) {
      await sleep(5);
      return `${req.params.n} aborted=${req.signal.aborted}`;
    });

    const [a, b] = await Promise.all([app.test.get('/1'), app.test.get('/2')]);

    expect([a.html, b.html]).to.deep.equal(['1 aborted=false', '2 aborted=false']);
  });
});

describe('the step listener (the debug toolbar\'s seam)', () => {
  it('hears every function of the app the dispatch runs, with its kind, name, scope and timing', async () => {
    const app = makeApp();
    const admin = new Blueprint('admin');
    app.beforeFirstRequest(function warmUp() {});
    app.urlValuePreprocessor(function pull() {});
    admin.beforeRequest(function guard() {});
    admin.route('/', function index() { return 'Admin'; });
    app.layout(function frame(body) { return body ?? ''; });
    app.afterRequest(function stamp() {});
    admin.teardownRequest(function close() {});
    app.registerBlueprint(admin, { urlPrefix: '/admin' });
    const steps: StepRecord[] = [];
    listenToSteps(app, (step) => steps.push(step));

    const res = await app.test.get('/admin/');

    expect(res.html).to.equal('Admin');
    expect(steps.map((s) => `${s.kind} ${s.name} ${s.scope}`)).to.deep.equal([
      'beforeFirstRequest runBeforeFirstRequest null',
      'urlValuePreprocessor pull null',
      'beforeRequest guard admin',
      'view index admin',
      'layout frame null',
      'afterRequest stamp null',
      'teardownRequest close admin',
    ]);
    for (const step of steps) {
      expect(step.request.path).to.equal('/admin/');
      expect(step.end).to.be.at.least(step.start);
    }
  });

  it('hears a step that throws, and an error page\'s handler', async () => {
    const app = makeApp();
    app.route('/', function broken() { throw new Error('boom'); });
    app.errorHandler(500, function oops() { return ['Sorry', 500]; });
    const kinds: string[] = [];
    listenToSteps(app, (step) => kinds.push(`${step.kind} ${step.name}`));

    const { result, reports } = await captureErrors(() => app.test.get('/'));

    expect(result.status).to.equal(500);
    expect(reportTexts(reports)).to.deep.equal(['Phial: unhandled error on GET /.']);
    expect(kinds.slice(1)).to.deep.equal(['view broken', 'errorHandler oops']);
  });

  it('is reported when it fails, and the dispatch goes on; null removes it', async () => {
    const app = makeApp();
    app.route('/', function index() { return 'Home'; });
    listenToSteps(app, () => { throw new Error('listener bug'); });

    const { result, reports } = await captureErrors(() => app.test.get('/'));

    expect(result.html).to.equal('Home');
    expect(reportTexts(reports)).to.deep.equal(['Phial: a step listener failed; the dispatch goes on.', 'Phial: a step listener failed; the dispatch goes on.']);
    listenToSteps(app, null);
    const again = await captureErrors(() => app.test.get('/'));
    expect(again.reports).to.deep.equal([]);
  });
});

function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
