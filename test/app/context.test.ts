import '../guard.js';
import { expect } from '@esm-bundle/chai';
import {
  abort,
  Blueprint,
  flash,
  getFlashedMessages,
  PhialError,
  redirect,
  Request,
  session,
  urlFor,
} from '../../src/index.js';
import { makeApp, sleep } from './helpers.js';

describe('module-level urlFor, redirect, abort, flash, getFlashedMessages and session', () => {
  it('act on the one dispatch in flight, across the awaits of its hooks and view', async () => {
    const app = makeApp();
    const bp = new Blueprint('admin', { urlPrefix: '/admin' });
    bp.beforeRequest(async () => { await sleep(2); flash('from hook'); });
    bp.route('/<int:id>', async function edit() {
      await sleep(2);
      await session.set('seen', true);
      await sleep(2);
      flash('from view', 'info');
      return `${urlFor('.edit', { id: 2 })} ${urlFor('index')} ${String(session.get('seen'))}`;
    });
    bp.route('/go', async function go() { await sleep(1); return redirect(urlFor('.edit', { id: 1 })); });
    bp.route('/no', async function no() { await sleep(1); abort(403); });
    app.route('/', function index() { return JSON.stringify(getFlashedMessages({ withCategories: true })); });
    app.registerBlueprint(bp);

    expect((await app.test.get('/admin/1')).html).to.equal('/admin/2 / true');
    expect((await app.test.get('/')).html).to.equal(JSON.stringify([['message', 'from hook'], ['info', 'from view']]));
    expect((await app.test.get('/admin/go')).location).to.equal('/admin/1');
    expect((await app.test.get('/admin/no')).status).to.equal(403);
  });

  it('throw when several dispatches are in flight, telling to use the request\'s own methods', async () => {
    const app = makeApp();
    const errors: string[] = [];
    // Both views resume from one promise, so each makes its calls while the other is in flight.
    let started = 0;
    let bothStarted: () => void = () => {};
    const gate = new Promise<void>((resolve) => { bothStarted = resolve; });
    app.route('/<int:n>', async function n(req) {
      if (++started === 2) bothStarted();
      await gate;
      for (const call of [() => urlFor('n', { n: 1 }), () => flash('x'), () => getFlashedMessages(), () => session.get('k')]) {
        try {
          call();
        } catch (error) {
          expect(error).to.be.instanceOf(PhialError);
          errors.push((error as Error).message);
        }
      }
      // The request's own methods are never ambiguous.
      req.flash('fine');
      return req.urlFor('n', { n: req.params.n });
    });

    const [a, b] = await Promise.all([app.test.get('/1'), app.test.get('/2')]);

    expect([a.html, b.html]).to.deep.equal(['/1', '/2']);
    expect(errors).to.have.length(8);
    expect(errors[0]).to.match(/^urlFor\(\) cannot tell which request it belongs to: 2 dispatches are in flight \(\/[12], \/[12]\)\. Use the request's own methods, which are never ambiguous: req\.urlFor, req\.flash, req\.getFlashedMessages, req\.app\.session/);
    expect(errors[1]).to.contain('flash() cannot tell which request');
    expect(errors[2]).to.contain('getFlashedMessages() cannot tell which request');
    expect(errors[3]).to.contain('session.get() cannot tell which request');
  });

  it('no longer count an aborted dispatch', async () => {
    const app = makeApp();
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => { release = resolve; });
    app.route('/slow', async function slow() { await gate; return 'slow'; });
    app.route('/fast', function fast() { return urlFor('slow'); });
    const controller = new AbortController();
    // Not named like the view: esbuild would rename the view's function to keep names apart.
    const pending = app.dispatch(new Request(app, '/slow', { signal: controller.signal })).catch((e: Error) => e.name);
    await sleep(2);
    controller.abort();

    expect((await app.test.get('/fast')).html).to.equal('/slow');
    release();
    expect(await pending).to.equal('AbortError');
  });

  it('count a test-client call as in flight from the call on, once the client has been used', async () => {
    const app = makeApp();
    const bp = new Blueprint('admin', { urlPrefix: '/admin' });
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    bp.route('/', function index() { return 'index'; });
    bp.route('/<int:id>', async function edit() { await gate; return 'edited'; });
    app.registerBlueprint(bp);
    await app.test.get('/admin/');

    const pending = app.test.get('/admin/7');
    // Matched and in flight before the call returned: '.index' is relative to its blueprint.
    expect(urlFor('.index')).to.equal('/admin/');
    release();
    expect((await pending).body).to.equal('edited');
  });

  it('use the last app that dispatched through its test client when none is in flight', async () => {
    const first = makeApp({ base: '/first' });
    const second = makeApp({ base: '/second' });
    first.route('/', function index() { return 'first'; });
    second.route('/', function index() { return 'second'; });
    await first.test.get('/first/');
    await second.test.get('/second/');

    expect(urlFor('index')).to.equal('/second/');
    await session.set('who', 'second');
    expect(second.session.get('who')).to.equal('second');
    expect(first.session.get('who')).to.equal(undefined);
    expect(() => redirect('/first/')).to.throw(PhialError, "outside the app's base '/second'");

    await first.test.get('/first/');
    expect(urlFor('index')).to.equal('/first/');
  });

  it('flash for the next page view of the current app when no dispatch is in flight', async () => {
    const app = makeApp();
    app.route('/', function index(req) { return JSON.stringify(req.getFlashedMessages()); });
    await app.test.get('/');

    await flash('Welcome back');
    expect(() => flash(() => 'not JSON')).to.throw(PhialError, 'must be JSON-serialisable');
    expect((await app.test.get('/')).body).to.equal('["Welcome back"]');
    expect((await app.test.get('/')).body).to.equal('[]');
    expect(() => getFlashedMessages()).to.throw(PhialError, 'getFlashedMessages() was called with no dispatch in flight');
  });

  it('leave app.flash and app.urlFor unambiguous when dispatches of two apps are in flight', async () => {
    const one = makeApp({ name: 'one' });
    const two = makeApp({ name: 'two', base: '/two' });
    for (const app of [one, two]) {
      app.route('/', async function index(req) {
        await sleep(5);
        await req.app.flash(`for ${req.app.name}`);
        return req.app.urlFor('read');
      });
      app.route('/read', function read(req) { return JSON.stringify(req.getFlashedMessages()); });
    }
    const [a, b] = await Promise.all([one.test.get('/'), two.test.get('/two/')]);
    expect([a.html, b.html]).to.deep.equal(['/read', '/two/read']);
    expect((await one.test.get('/read')).body).to.equal('["for one"]');
    expect((await two.test.get('/two/read')).body).to.equal('["for two"]');
  });

  it('refuse req.flash before the request reached the app', () => {
    const app = makeApp();
    const req = new Request(app, '/');
    expect(() => req.flash('x')).to.throw(PhialError, 'req.flash() was called before the request reached the app');
  });
});
