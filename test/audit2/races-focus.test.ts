import '../guard.js';
// Audit 2 of SPEC §11 races and focus: the test client never aborts a navigation, the Navigation
// API's own signal (window.stop()) aborts one, a fetch with req.signal of an overtaken navigation
// reports nothing, and a heading that gets focus is made focusable.
import { expect } from '@esm-bundle/chai';
import { html } from 'lit';
import { isNavigationFailure, type Response } from '../../src/index.js';
import '../../src/lit/index.js';
import { fixture, forEachEngine, here, historyLength, makeApp, sleep, start, waitFor } from '../browser/helpers.js';

forEachEngine('audit2: races and focus', (engine) => {
  it('a test-client call during a navigation does not abort it', async () => {
    const app = makeApp();
    app.route('/', function index() { return 'home'; });
    app.route('/slow', async function slow() { await sleep(60); return 'slow'; });
    app.route('/x', function x() { return 'x'; });
    await start(app);
    const p = app.navigate('/app/slow');
    await sleep(10);
    expect((await app.test.get('/app/x')).body).to.equal('x');
    const r = await p;
    expect(isNavigationFailure(r)).to.equal(false);
    expect((r as Response).body).to.equal('slow');
    expect(here()).to.equal('/app/slow');
  });

  if (engine === 'navigation') it('window.stop() during a navigation aborts it through the Navigation API\'s signal: an aborted failure, no entry', async () => {
    const app = makeApp();
    app.route('/', function index() { return 'home'; });
    app.route('/slow', async function slow() { await sleep(60); return 'slow'; });
    await start(app);
    const length = historyLength();
    const p = app.navigate('/app/slow');
    await sleep(10);
    window.stop();
    const r = await p;
    expect(isNavigationFailure(r, 'aborted')).to.equal(true);
    expect(historyLength()).to.equal(length);
  });

  it('a view awaiting fetch with req.signal of an overtaken navigation: an aborted failure, nothing reported', async () => {
    const app = makeApp();
    app.route('/', function index() { return 'home'; });
    let release = () => {};
    const gate = new Promise<void>((r) => { release = r; });
    let entered = false;
    app.route('/f', async function f(req) { entered = true; await gate; await fetch('/app/', { signal: req.signal }); return 'f'; });
    app.route('/b', function b() { return 'b'; });
    await start(app);
    const p = app.navigate('/app/f');
    await waitFor(() => entered, 'the view');
    const q = app.navigate('/app/b');
    release();
    await q;
    expect(isNavigationFailure(await p, 'aborted')).to.equal(true);
    await sleep(50);
  });

  it('the h1 of <phial-outlet> gets focus after a navigation, with tabindex -1', async () => {
    const app = makeApp();
    app.route('/', function index() { return 'home'; });
    app.route('/a', function a() { return html`<h1>A</h1>`; });
    const outlet = fixture('phial-outlet');
    await start(app);
    await app.navigate('/app/a');
    const h1 = outlet.querySelector('h1')!;
    expect(document.activeElement).to.equal(h1);
    expect(h1.getAttribute('tabindex')).to.equal('-1');
  });
});
