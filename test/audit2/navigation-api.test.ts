import '../guard.js';
// Audit 2 of SPEC §11 on the Navigation API engine only: navigation.navigate() by other code is
// one of the app's navigations (one entry, dispatched), and a reload (navigation.reload(),
// location.reload()) is a real page load, never a dispatch.
import { expect } from '@esm-bundle/chai';
import { dispatches, forEachEngine, here, historyLength, makeApp, mountOutlet, pageLoads, realNavigation, sleep, start, waitFor } from '../browser/helpers.js';

forEachEngine('audit2: the Navigation API\'s own navigations', (engine) => {
  if (engine !== 'navigation') return;
  it('navigation.navigate() by other code is the app\'s', async () => {
    const app = makeApp();
    app.route('/', function index() { return 'home'; });
    app.route('/a', function a() { return 'A'; });
    const outlet = mountOutlet(app);
    await start(app);
    const length = historyLength();
    await realNavigation.navigate('/app/a').finished;
    await waitFor(() => outlet.rendered.at(-1) === '/app/a', 'render');
    expect(historyLength()).to.equal(length + 1);
    expect(pageLoads).to.deep.equal([]);
  });

  it('navigation.reload() / location.reload() is a real page load, not a dispatch', async () => {
    const app = makeApp();
    app.route('/', function index() { return 'home'; });
    const seen = dispatches(app);
    await start(app);
    const r = realNavigation.reload();
    r.committed?.catch(() => {});
    r.finished?.catch(() => {});
    await sleep(30);
    location.reload();
    await sleep(30);
    expect(seen).to.deep.equal(['GET /app/']);
    expect(pageLoads.length).to.equal(2);
    expect(here()).to.equal('/app/');
  });
});
