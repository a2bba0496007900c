import '../guard.js';
// Lazy (code-split) blueprints in the browser (SPEC §6): loaded on the first URL under their
// prefix, once for dispatches that start together, tried again after a failure, ahead of time
// with loadBlueprint or a hovered link; urlFor before the load names loadBlueprint.
import { expect } from '@esm-bundle/chai';
import { Blueprint, BuildError, PhialError, type Response } from '../../src/index.js';
import { captureErrors, fixture, forEachEngine, here, link, makeApp, mountOutlet, sleep, start, waitFor } from './helpers.js';

forEachEngine('lazy blueprints', () => {
  function lazyApp(options: { fail?: number; startAt?: string } = {}) {
    const app = makeApp({}, options.startAt ?? '/app/');
    app.route('/', function index() { return 'home'; });
    const state = { calls: 0, failuresLeft: options.fail ?? 0 };
    app.registerBlueprint(async () => {
      state.calls++;
      await sleep(20);
      if (state.failuresLeft > 0) {
        state.failuresLeft--;
        throw new Error('chunk failed to load');
      }
      const admin = new Blueprint('admin');
      admin.route('/', function dashboard() { return 'dashboard'; });
      admin.route('/users/<int:id>', function user(req) { return `user ${req.params.id}`; });
      return { default: admin };
    }, { name: 'admin', urlPrefix: '/admin' });
    const outlet = mountOutlet(app);
    return { app, state, outlet };
  }

  it('the loader runs on the first URL under its prefix, once for two dispatches at once', async () => {
    const { app, state, outlet } = lazyApp();
    await start(app);
    expect(state.calls).to.equal(0);
    const viaClient = app.test.get('/app/admin/users/1');
    const viaNavigate = app.navigate('/app/admin/users/7');
    const [a, b] = await Promise.all([viaClient, viaNavigate]);
    expect(state.calls).to.equal(1);
    expect(a.body).to.equal('user 1');
    expect((b as Response).body).to.equal('user 7');
    expect(outlet.rendered.at(-1)).to.equal('/app/admin/users/7');
    await app.navigate('/app/admin/');
    expect(state.calls).to.equal(1);
  });

  it('start() on a deep URL under the prefix (a reload) loads it, no 404', async () => {
    const { app, state, outlet } = lazyApp({ startAt: '/app/admin/users/3' });
    await start(app);
    expect(state.calls).to.equal(1);
    expect(outlet.pages[0]!.response.status).to.equal(200);
    expect(outlet.pages[0]!.response.body).to.equal('user 3');
  });

  it('a failing loader gives a 500 page and is tried again next time', async () => {
    const { app, state, outlet } = lazyApp({ fail: 1 });
    await start(app);
    const { result, reports } = await captureErrors(() => app.navigate('/app/admin/'));
    expect((result as Response).status).to.equal(500);
    expect(outlet.pages.at(-1)!.response.status).to.equal(500);
    expect(reports.length).to.be.greaterThan(0);
    expect(String(reports[0]![0])).to.contain('lazy blueprint');
    const again = await app.navigate('/app/admin/users/2');
    expect((again as Response).body).to.equal('user 2');
    expect(state.calls).to.equal(2);
  });

  it('app.loadBlueprint loads it ahead of time; urlFor works then', async () => {
    const { app, state } = lazyApp();
    await start(app);
    let error: unknown = null;
    try {
      app.urlFor('admin.user', { id: 4 });
    } catch (e) {
      error = e;
    }
    expect(error).to.be.instanceOf(BuildError);
    expect((error as Error).message).to.contain('loadBlueprint');
    await app.loadBlueprint('admin');
    expect(state.calls).to.equal(1);
    expect(app.urlFor('admin.user', { id: 4 })).to.equal('/app/admin/users/4');
    await app.loadBlueprint('admin'); // loaded: at once
    expect(state.calls).to.equal(1);
    let unknown: unknown = null;
    await app.loadBlueprint('nope').catch((e: unknown) => { unknown = e; });
    expect(unknown).to.be.instanceOf(PhialError);
  });

  it('hovering or focusing a link under the prefix starts the load', async () => {
    const { app, state, outlet } = lazyApp();
    await start(app);
    const other = link('/app/');
    other.dispatchEvent(new MouseEvent('mouseover', { bubbles: true, composed: true }));
    await sleep(5);
    expect(state.calls).to.equal(0);
    const a = link('/app/admin/users/9');
    a.dispatchEvent(new MouseEvent('mouseover', { bubbles: true, composed: true }));
    expect(state.calls).to.equal(1);
    a.dispatchEvent(new MouseEvent('mouseover', { bubbles: true, composed: true }));
    expect(state.calls).to.equal(1);
    a.click();
    await waitFor(() => outlet.rendered.at(-1) === '/app/admin/users/9', 'the click to render');
    expect(state.calls).to.equal(1);
    expect(here()).to.equal('/app/admin/users/9');
  });

  it('focusing a link in an open shadow root starts the load', async () => {
    const { app, state } = lazyApp();
    await start(app);
    const host = fixture('div');
    const a = link('/app/admin/', {}, host.attachShadow({ mode: 'open' }));
    a.focus();
    expect(state.calls).to.equal(1);
  });

  it('after stop(), hovering loads nothing', async () => {
    const { app, state } = lazyApp();
    await start(app);
    app.stop();
    link('/app/admin/').dispatchEvent(new MouseEvent('mouseover', { bubbles: true, composed: true }));
    await sleep(5);
    expect(state.calls).to.equal(0);
  });
});
