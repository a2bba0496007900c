import '../guard.js';
// history: 'hash' and 'memory' (SPEC §11 Hash and memory). Both use the history package engine
// whatever the browser has; run with and without the Navigation API present.
import { expect } from '@esm-bundle/chai';
import { redirect, type Response } from '../../src/index.js';
import { dispatches, forEachEngine, go, here, link, makeApp, mountOutlet, pageLoads, sleep, start, waitFor, historyLength } from './helpers.js';

forEachEngine('hash mode', () => {
  function hashApp(startAt = '/hashdoc#/') {
    const app = makeApp({ history: 'hash', base: '/' }, startAt);
    app.route('/', function index() { return 'home'; });
    app.route('/a', function a(req) { return `A ${req.query.toString()}`; });
    app.route('/b', function b() { return 'B'; });
    app.route('/to-b', function toB() { return redirect('#/b'); });
    app.route('/to-a', function toA() { return redirect('/a?via=plain'); });
    const outlet = mountOutlet(app);
    return { app, outlet };
  }

  it('urlFor gives #/x hrefs', () => {
    const { app } = hashApp();
    expect(app.urlFor('a', { q: 1 })).to.equal('#/a?q=1');
    expect(app.urlFor('index')).to.equal('#/');
  });

  it('start() dispatches the path after #', async () => {
    const { app, outlet } = hashApp('/hashdoc#/a?x=1');
    await start(app);
    expect(outlet.rendered).to.deep.equal(['/a?x=1']);
  });

  it('navigate() takes #/x and /x; the address bar shows #/x', async () => {
    const { app, outlet } = hashApp();
    await start(app);
    const length = historyLength();
    const r1 = await app.navigate('#/a?n=1');
    expect((r1 as Response).body).to.equal('A n=1');
    expect(location.pathname).to.equal('/hashdoc');
    expect(location.hash).to.equal('#/a?n=1');
    const r2 = await app.navigate('/b');
    expect((r2 as Response).body).to.equal('B');
    expect(location.hash).to.equal('#/b');
    expect(historyLength()).to.equal(length + 2);
    expect(outlet.rendered).to.deep.equal(['/', '/a?n=1', '/b']);
    await go(-1);
    await waitFor(() => outlet.rendered.at(-1) === '/a?n=1', 'Back to render /a');
  });

  it('redirect() takes #/x and /x', async () => {
    const { app } = hashApp();
    await start(app);
    await app.navigate('#/to-b');
    expect(location.hash).to.equal('#/b');
    await app.navigate('#/to-a');
    expect(location.hash).to.equal('#/a?via=plain');
  });

  it('the test client takes #/x and /x', async () => {
    const { app } = hashApp();
    expect((await app.test.get('#/a?t=1')).body).to.equal('A t=1');
    expect((await app.test.get('/a?t=2')).body).to.equal('A t=2');
    const followed = await app.test.get('#/to-b', { followRedirects: true });
    expect(followed.body).to.equal('B');
  });

  it('a #/x link is the app\'s', async () => {
    const { app, outlet } = hashApp();
    await start(app);
    const length = historyLength();
    link(app.urlFor('b')).click();
    await waitFor(() => outlet.rendered.at(-1) === '/b', 'the click to render /b');
    expect(location.hash).to.equal('#/b');
    expect(historyLength()).to.equal(length + 1);
    expect(pageLoads).to.deep.equal([]);
  });

  it('a plain #section link scrolls to and focuses its anchor; the route stays', async () => {
    const { app, outlet } = hashApp();
    app.route('/long', function long() { return '<div style="height: 4000px"></div><h2 id="section">S</h2><div style="height: 4000px"></div>'; });
    const seen = dispatches(app);
    await start(app);
    await app.navigate('#/long');
    const length = historyLength();
    link('#section').click();
    await sleep(30);
    expect(location.hash).to.equal('#/long');
    expect(historyLength()).to.equal(length);
    expect(seen).to.deep.equal(['GET /', 'GET /long']);
    expect(document.activeElement).to.equal(outlet.element.querySelector('#section'));
    expect(window.scrollY).to.be.greaterThan(3000);
  });
});

forEachEngine('memory mode', () => {
  function memoryApp(startAt = '/app/a') {
    const app = makeApp({ history: 'memory' }, startAt);
    app.route('/', function index() { return 'home'; });
    app.route('/a', function a() { return 'A'; });
    app.route('/b', function b() { return 'B'; });
    const outlet = mountOutlet(app);
    return { app, outlet };
  }

  it('starts at the address bar\'s path when it is the app\'s, and never changes the address bar', async () => {
    const { app, outlet } = memoryApp();
    const before = location.href;
    const length = historyLength();
    await start(app);
    expect(outlet.rendered).to.deep.equal(['/app/a']);
    const res = await app.navigate('/app/b');
    expect((res as Response).body).to.equal('B');
    expect(location.href).to.equal(before);
    expect(historyLength()).to.equal(length);
    expect(app.current?.request.fullPath).to.equal('/app/b');
  });

  it('navigate() outside the base is a real page load, as a link there is', async () => {
    const { app } = memoryApp();
    const seen = dispatches(app);
    await start(app);
    void app.navigate('/elsewhere');
    await sleep(30);
    expect(pageLoads.map((u) => new URL(u).pathname)).to.deep.equal(['/elsewhere']);
    expect(seen).to.deep.equal(['GET /app/a']);
  });

  it('starts at the base when the address bar is not the app\'s', async () => {
    const { app, outlet } = memoryApp('/elsewhere');
    await start(app);
    expect(outlet.rendered).to.deep.equal(['/app/']);
  });

  it('links under root are still the app\'s', async () => {
    const { app, outlet } = memoryApp();
    const before = location.href;
    await start(app);
    link('/app/b').click();
    await waitFor(() => outlet.rendered.at(-1) === '/app/b', 'the click to render /app/b');
    expect(location.href).to.equal(before);
    expect(pageLoads).to.deep.equal([]);
    link('/other').click();
    await sleep(30);
    expect(pageLoads.map((u) => new URL(u).pathname)).to.deep.equal(['/other']);
    expect(here()).to.equal('/app/a');
  });
});
