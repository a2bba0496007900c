import '../guard.js';
// The last navigation wins (SPEC §11 Races, §14): an overtaken navigation resolves to an
// 'aborted' NavigationFailure, leaves no entry and renders nothing; a storm ends on its last URL.
import { expect } from '@esm-bundle/chai';
import { isNavigationFailure, NavigationFailure, PhialError, Response } from '../../src/index.js';
import { commits, forEachEngine, go, here, link, makeApp, mountOutlet, sleep, start, waitFor, historyLength } from './helpers.js';

forEachEngine('races', () => {
  function slowApp() {
    const app = makeApp();
    const signals: AbortSignal[] = [];
    const after: string[] = [];
    app.route('/', function index() { return 'home'; });
    app.route('/a', function a() { return 'A'; });
    app.route('/n/<int:i>', function n(req) { return `n${req.params.i}`; });
    app.route('/slow', async function slow(req) {
      signals.push(req.signal);
      await sleep(80);
      return 'slow';
    });
    app.afterRequest((res, req) => { after.push(req.fullPath); return res; });
    return { app, signals, after };
  }

  it('a slow navigation overtaken resolves to an aborted failure, leaves no entry, renders nothing', async () => {
    const { app, signals, after } = slowApp();
    const outlet = mountOutlet(app);
    const committed = commits(app);
    await start(app);
    const length = historyLength();
    const slow = app.navigate('/app/slow');
    await sleep(10);
    const fast = app.navigate('/app/a');
    const [r1, r2] = await Promise.all([slow, fast]);
    expect(isNavigationFailure(r1)).to.equal(true);
    expect(isNavigationFailure(r1, 'aborted')).to.equal(true);
    expect(isNavigationFailure(r1, 'cancelled')).to.equal(false);
    const failure = r1 as NavigationFailure;
    expect(failure).to.be.instanceOf(PhialError);
    expect(failure.from).to.equal('/app/');
    expect(failure.to).to.equal('/app/slow');
    expect((r2 as Response).body).to.equal('A');
    expect(signals[0]!.aborted).to.equal(true);
    await sleep(120); // the slow view has returned by now
    expect(outlet.rendered).to.deep.equal(['/app/', '/app/a']);
    expect(committed).to.deep.equal(['/app/', '/app/a']);
    expect(after).to.deep.equal(['/app/', '/app/a']); // no after hooks for the aborted one
    expect(historyLength()).to.equal(length + 1);
    expect(here()).to.equal('/app/a');
    await go(-1);
    await waitFor(() => outlet.rendered.at(-1) === '/app/', 'Back to render /app/');
  });

  it('a link click overtakes navigate()', async () => {
    const { app } = slowApp();
    const outlet = mountOutlet(app);
    await start(app);
    const slow = app.navigate('/app/slow');
    await sleep(10);
    link('/app/a').click();
    expect(isNavigationFailure(await slow, 'aborted')).to.equal(true);
    await waitFor(() => outlet.rendered.at(-1) === '/app/a', 'the click to render /app/a');
    await sleep(100);
    expect(outlet.rendered).to.deep.equal(['/app/', '/app/a']);
    expect(here()).to.equal('/app/a');
  });

  it('Back overtakes a navigation in flight', async () => {
    const { app } = slowApp();
    const outlet = mountOutlet(app);
    await start(app);
    await app.navigate('/app/a');
    const slow = app.navigate('/app/slow');
    await sleep(10);
    history.back();
    expect(isNavigationFailure(await slow, 'aborted')).to.equal(true);
    await waitFor(() => outlet.rendered.at(-1) === '/app/', 'Back to render /app/');
    await sleep(100);
    expect(outlet.rendered).to.deep.equal(['/app/', '/app/a', '/app/']);
    expect(here()).to.equal('/app/');
  });

  it('a storm of 200 navigate() calls ends on the last URL, rendered once', async () => {
    const { app } = slowApp();
    const outlet = mountOutlet(app);
    const committed = commits(app);
    await start(app);
    const length = historyLength();
    const all: Array<Promise<Response | NavigationFailure>> = [];
    for (let i = 0; i < 200; i++) all.push(app.navigate(`/app/n/${i}`));
    const results = await Promise.all(all);
    expect((results[199] as Response).body).to.equal('n199');
    for (const r of results.slice(0, 199)) expect(isNavigationFailure(r, 'aborted')).to.equal(true);
    await sleep(20);
    expect(outlet.rendered).to.deep.equal(['/app/', '/app/n/199']);
    expect(committed).to.deep.equal(['/app/', '/app/n/199']);
    expect(here()).to.equal('/app/n/199');
    expect(historyLength()).to.equal(length + 1);
  });

  it('a storm of link clicks ends on the last link', async () => {
    const { app } = slowApp();
    const outlet = mountOutlet(app);
    await start(app);
    const links = Array.from({ length: 50 }, (_, i) => link(`/app/n/${i}`));
    for (const a of links) a.click();
    await waitFor(() => outlet.rendered.at(-1) === '/app/n/49', 'the last click to render');
    await sleep(30);
    expect(outlet.rendered).to.deep.equal(['/app/', '/app/n/49']);
    expect(here()).to.equal('/app/n/49');
  });
});
