import '../guard.js';
// SPEC §2/§11: `history` may be a History object of the `history` package; the app then lives in
// that history (memory here, so the address bar is left alone). Also navigate() in 'memory' mode.
import { expect } from '@esm-bundle/chai';
import { createMemoryHistory } from 'history/history.production.min.js';
import { isNavigationFailure, redirect, type Response } from '../../src/index.js';
import { dispatches, forEachEngine, makeApp, mountOutlet, pageLoads, sleep, start, stubConfirm, waitFor } from '../browser/helpers.js';

forEachEngine('audit2: a History object of the history package', () => {
  function objectApp(initial = ['/app/a']) {
    const h = createMemoryHistory({ initialEntries: initial });
    const app = makeApp({ history: h });
    app.route('/', function index() { return 'home'; });
    app.route('/a', function a() { return 'A'; });
    app.route('/b', function b(req) { return `B ${req.query.toString()}`; });
    app.route('/c', function c() { return 'C'; });
    app.route('/to-c', function toC() { return redirect('/app/c'); });
    const outlet = mountOutlet(app);
    return { app, h, outlet };
  }

  it('start() dispatches the history\'s location, and navigate() pushes onto that history', async () => {
    const { app, h, outlet } = objectApp();
    const before = location.href;
    await start(app);
    expect(outlet.rendered).to.deep.equal(['/app/a']);
    const res = await app.navigate('/app/b?x=1');
    expect((res as Response).body).to.equal('B x=1');
    expect(h.location.pathname + h.location.search).to.equal('/app/b?x=1');
    expect(h.index).to.equal(1);
    expect(location.href).to.equal(before);
    expect(app.current?.request.fullPath).to.equal('/app/b?x=1');
  });

  it('a redirect leaves one entry in that history, the final URL', async () => {
    const { app, h } = objectApp();
    await start(app);
    await app.navigate('/app/to-c');
    expect(h.index).to.equal(1);
    expect(h.location.pathname).to.equal('/app/c');
  });

  it('back() on that history dispatches the entry it goes to; replace keeps the index', async () => {
    const { app, h, outlet } = objectApp();
    await start(app);
    await app.navigate('/app/b');
    await app.navigate('/app/c', { replace: true });
    expect(h.index).to.equal(1);
    h.back();
    await waitFor(() => outlet.rendered.at(-1) === '/app/a', 'back() to render /app/a');
    expect(h.location.pathname).to.equal('/app/a');
    h.forward();
    await waitFor(() => outlet.rendered.at(-1) === '/app/c', 'forward() to render /app/c');
  });

  it('a push by other code on that history is dispatched', async () => {
    const { app, h, outlet } = objectApp();
    await start(app);
    h.push('/app/b?by=other');
    await waitFor(() => outlet.rendered.at(-1) === '/app/b?by=other', 'the push to render');
    expect(app.current?.response.body).to.equal('B by=other');
  });

  it('a link under root is the app\'s and goes into that history', async () => {
    const { app, h, outlet } = objectApp();
    await start(app);
    const a = document.createElement('a');
    a.href = '/app/b';
    document.body.append(a);
    try {
      a.click();
      await waitFor(() => outlet.rendered.at(-1) === '/app/b', 'the click to render');
    } finally {
      a.remove();
    }
    expect(h.location.pathname).to.equal('/app/b');
    expect(pageLoads).to.deep.equal([]);
  });

  it('a block refusing back() leaves that history as it was', async () => {
    const { app, h, outlet } = objectApp();
    await start(app);
    await app.navigate('/app/b');
    const asked = stubConfirm(false);
    app.block('Leave?');
    h.back();
    await waitFor(() => asked.length === 1, 'confirm to be asked');
    await sleep(20);
    expect(h.index).to.equal(1);
    expect(h.location.pathname).to.equal('/app/b');
    expect(outlet.rendered).to.deep.equal(['/app/a', '/app/b']);
  });

  it('a refused navigate() is a cancelled failure', async () => {
    const { app, h } = objectApp();
    const seen = dispatches(app);
    await start(app);
    app.block(() => false);
    const res = await app.navigate('/app/b');
    expect(isNavigationFailure(res, 'cancelled')).to.equal(true);
    expect(h.index).to.equal(0);
    expect(seen).to.deep.equal(['GET /app/a']);
  });
});
