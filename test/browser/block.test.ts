import '../guard.js';
// app.block() (SPEC §11 Blocking, §14): asked before every navigation of the app, in order; a
// refused push is a 'cancelled' failure that leaves no entry; a refused Back or Forward leaves
// the history exactly as it was.
import { expect } from '@esm-bundle/chai';
import { isNavigationFailure, NavigationFailure, Response } from '../../src/index.js';
import {
  captureErrors, dispatches, forEachEngine, go, here, link, makeApp, mountOutlet, realNavigation, sleep, start, stubConfirm, waitFor, historyLength } from './helpers.js';

forEachEngine('block', (engine) => {
  function blockApp() {
    const app = makeApp();
    app.route('/', function index() { return 'home'; });
    app.route('/a', function a() { return 'A'; });
    app.route('/b', function b() { return 'B'; });
    app.route('/c', function c() { return 'C'; });
    const seen = dispatches(app);
    const outlet = mountOutlet(app);
    return { app, seen, outlet };
  }

  it('a message block asks confirm(); refused, the push is cancelled: no entry, URL unchanged', async () => {
    const { app, seen, outlet } = blockApp();
    await start(app);
    const asked = stubConfirm(false);
    app.block('Leave?');
    const length = historyLength();
    const res = await app.navigate('/app/a');
    expect(asked).to.deep.equal(['Leave?']);
    expect(isNavigationFailure(res, 'cancelled')).to.equal(true);
    expect((res as NavigationFailure).from).to.equal('/app/');
    expect((res as NavigationFailure).to).to.equal('/app/a');
    expect(historyLength()).to.equal(length);
    expect(here()).to.equal('/app/');
    expect(seen).to.deep.equal(['GET /app/']);
    expect(outlet.rendered).to.deep.equal(['/app/']);
  });

  it('a message block accepted lets the navigation go', async () => {
    const { app, outlet } = blockApp();
    await start(app);
    const asked = stubConfirm(true);
    app.block('Leave?');
    const res = await app.navigate('/app/a');
    expect(asked).to.deep.equal(['Leave?']);
    expect((res as Response).body).to.equal('A');
    expect(outlet.rendered).to.deep.equal(['/app/', '/app/a']);
  });

  it('start() is not blocked', async () => {
    const { app, outlet } = blockApp();
    const asked = stubConfirm(false);
    app.block('Leave?');
    await start(app);
    expect(asked).to.deep.equal([]);
    expect(outlet.rendered).to.deep.equal(['/app/']);
  });

  it('a function block: async false refuses, async true allows; it gets the destination', async () => {
    const { app, outlet } = blockApp();
    await start(app);
    let answer = false;
    const asked: string[] = [];
    app.block(async (to) => {
      asked.push(to.pathname + to.search);
      await sleep(5);
      return answer;
    });
    const length = historyLength();
    expect(isNavigationFailure(await app.navigate('/app/a?x=1'), 'cancelled')).to.equal(true);
    expect(historyLength()).to.equal(length);
    expect(here()).to.equal('/app/');
    answer = true;
    expect(((await app.navigate('/app/b')) as Response).body).to.equal('B');
    expect(asked).to.deep.equal(['/app/a?x=1', '/app/b']);
    expect(historyLength()).to.equal(length + 1);
    expect(outlet.rendered).to.deep.equal(['/app/', '/app/b']);
  });

  it('several blocks are asked in the order they were added; the first refusal ends it', async () => {
    const { app } = blockApp();
    await start(app);
    const order: string[] = [];
    let second = true;
    app.block(() => { order.push('first'); return true; });
    app.block(async () => { order.push('second'); return second; });
    app.block(() => { order.push('third'); return true; });
    await app.navigate('/app/a');
    expect(order).to.deep.equal(['first', 'second', 'third']);
    order.length = 0;
    second = false;
    expect(isNavigationFailure(await app.navigate('/app/b'), 'cancelled')).to.equal(true);
    expect(order).to.deep.equal(['first', 'second']);
  });

  it('unblock removes the block (twice is harmless)', async () => {
    const { app } = blockApp();
    await start(app);
    const asked = stubConfirm(false);
    const unblock = app.block('Stay?');
    expect(isNavigationFailure(await app.navigate('/app/a'), 'cancelled')).to.equal(true);
    unblock();
    unblock();
    expect(((await app.navigate('/app/a')) as Response).body).to.equal('A');
    expect(asked).to.deep.equal(['Stay?']);
    expect(app.blocks).to.deep.equal([]);
  });

  it('a block that throws cancels the navigation and is reported', async () => {
    const { app } = blockApp();
    await start(app);
    app.block(() => { throw new Error('broken block'); });
    const { result, reports } = await captureErrors(() => app.navigate('/app/a'));
    expect(isNavigationFailure(result, 'cancelled')).to.equal(true);
    expect(reports).to.have.length(1);
    expect(String(reports[0]![0])).to.contain('block');
  });

  it('a refused link click is not dispatched and leaves the URL', async () => {
    const { app, seen } = blockApp();
    await start(app);
    const asked = stubConfirm(false);
    app.block('Leave?');
    const length = historyLength();
    link('/app/a').click();
    await waitFor(() => asked.length === 1, 'confirm to be asked');
    await sleep(30);
    expect(seen).to.deep.equal(['GET /app/']);
    expect(here()).to.equal('/app/');
    expect(historyLength()).to.equal(length);
  });

  it('a refused Back leaves the URL and the entries as they were; Forward still leads where it did', async () => {
    const { app, seen, outlet } = blockApp();
    await start(app);
    await app.navigate('/app/a');
    await app.navigate('/app/b');
    await go(-1);
    await waitFor(() => outlet.rendered.at(-1) === '/app/a', 'Back to render /app/a');
    const length = historyLength();
    const dispatched = seen.length;
    const rendered = outlet.rendered.length;
    const asked = stubConfirm(false);
    const unblock = app.block('Leave?');
    history.back();
    await waitFor(() => asked.length === 1, 'confirm to be asked');
    await waitFor(() => here() === '/app/a', 'the URL to be /app/a again');
    await sleep(80);
    expect(here()).to.equal('/app/a');
    expect(historyLength()).to.equal(length);
    expect(seen.length).to.equal(dispatched);
    expect(outlet.rendered.length).to.equal(rendered);
    expect(asked).to.deep.equal(['Leave?']);

    // A refused Forward too.
    history.forward();
    await waitFor(() => asked.length === 2, 'confirm to be asked for Forward');
    await sleep(80);
    expect(here()).to.equal('/app/a');
    expect(historyLength()).to.equal(length);
    expect(seen.length).to.equal(dispatched);

    unblock();
    // The entries are as they were: /app/b is still the next one.
    const index = realNavigation.currentEntry!.index;
    expect(new URL(realNavigation.entries()[index + 1]!.url!).pathname).to.equal('/app/b');
    if (engine === 'navigation') {
      // Chromium drops a history.forward() that follows a cancelled Forward traversal (its
      // own quirk: navigation.forward() and history.back() still work), so go with the
      // Navigation API's own call here.
      const before = location.href;
      void realNavigation.forward().finished?.catch(() => {});
      await waitFor(() => location.href !== before, 'navigation.forward() to move');
    } else {
      await go(1);
    }
    await waitFor(() => outlet.rendered.at(-1) === '/app/b', 'Forward to render /app/b');
    await go(-2);
    await waitFor(() => outlet.rendered.at(-1) === '/app/', 'Back twice to render /app/');
    expect(historyLength()).to.equal(length);
  });

  it('an allowed Back proceeds', async () => {
    const { app, outlet } = blockApp();
    await start(app);
    await app.navigate('/app/a');
    const asked = stubConfirm(true);
    app.block('Leave?');
    history.back();
    await waitFor(() => outlet.rendered.at(-1) === '/app/', 'Back to render /app/');
    expect(here()).to.equal('/app/');
    expect(asked).to.deep.equal(['Leave?']);
    await sleep(30);
    expect(outlet.rendered).to.deep.equal(['/app/', '/app/a', '/app/']);
  });

  it('an async function block can allow Back later', async () => {
    const { app, outlet } = blockApp();
    await start(app);
    await app.navigate('/app/a');
    await app.navigate('/app/b');
    app.block(async (to) => { await sleep(20); return to.pathname === '/app/a'; });
    history.back();
    await waitFor(() => outlet.rendered.at(-1) === '/app/a', 'Back to render /app/a');
    history.back();
    await sleep(100);
    expect(here()).to.equal('/app/a');
    expect(outlet.rendered).to.deep.equal(['/app/', '/app/a', '/app/b', '/app/a']);
  });
});
