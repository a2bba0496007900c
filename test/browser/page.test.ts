import '../guard.js';
// What a navigation does to the page after it renders (SPEC §11 Scroll, Focus and announcement):
// focus to the outlet's heading (not after start()), the title announced in a polite live region
// (not the first page), #anchors scrolled to and focused, fragment-only moves without a
// dispatch, scroll positions restored on Back.
import { expect } from '@esm-bundle/chai';
import { Response } from '../../src/index.js';
import {
  dispatches, fixture, forEachEngine, frames, go, here, link, makeApp, mountOutlet, sleep, start, waitFor, historyLength } from './helpers.js';

function announcer(): HTMLElement | null {
  return document.querySelector('[data-phial-announcer]');
}

forEachEngine('page', () => {
  function pageApp() {
    const app = makeApp();
    const tall = '<div style="height: 3000px">tall</div>';
    app.route('/', function index() { return new Response('<h1>Home</h1><p>home</p>', { title: 'Home page' }); });
    app.route('/a', function a() { return new Response(`<h1 id="top-a">A</h1>${tall}<h2 id="anchor">Anchor</h2>${tall}<a name="named">named</a>${tall}`, { title: 'Page A' }); });
    app.route('/b', function b() { return new Response(`<p>no h1</p><h3>Third</h3>${tall}`, { title: 'Page B' }); });
    app.route('/c', function c() { return `<p>no heading</p>${tall}`; });
    const seen = dispatches(app);
    const outlet = mountOutlet(app);
    return { app, seen, outlet };
  }

  beforeEach(() => {
    // The announcer is Phial's, added once to the page: start each test without one.
    announcer()?.remove();
  });

  it('focus goes to the outlet\'s h1 after a navigation, not after start()', async () => {
    const { app, outlet } = pageApp();
    const button = fixture('button', 'before');
    button.focus();
    await start(app);
    expect(document.activeElement).to.equal(button);
    await app.navigate('/app/a');
    const h1 = outlet.element.querySelector('h1')!;
    expect(document.activeElement).to.equal(h1);
    expect(h1.getAttribute('tabindex')).to.equal('-1');
  });

  it('without an h1 focus goes to the first heading, else to the outlet', async () => {
    const { app, outlet } = pageApp();
    await start(app);
    await app.navigate('/app/b');
    expect(document.activeElement).to.equal(outlet.element.querySelector('h3'));
    await app.navigate('/app/c');
    expect(document.activeElement).to.equal(outlet.element);
    expect(outlet.element.getAttribute('tabindex')).to.equal('-1');
  });

  it('an anchor that takes focus keeps its tab order; one that does not gets tabindex -1', async () => {
    const { app, outlet } = pageApp();
    app.route('/d', function d() { return '<p>d</p><button id="go">Go</button><a name="mark">mark</a>'; });
    await start(app);
    await app.navigate('/app/d#go');
    const button = outlet.element.querySelector('#go')!;
    expect(document.activeElement).to.equal(button);
    expect(button.hasAttribute('tabindex')).to.equal(false);
    await app.navigate('/app/a#named');
    const named = outlet.element.querySelector('a[name="named"]')!;
    expect(document.activeElement).to.equal(named);
    expect(named.getAttribute('tabindex')).to.equal('-1');
  });

  it('the polite live region gets the new title, not on the first page', async () => {
    const { app } = pageApp();
    await start(app);
    await frames();
    expect(announcer()?.textContent ?? '').to.equal('');
    await app.navigate('/app/a');
    await frames();
    const region = announcer()!;
    expect(region).to.not.equal(null);
    expect(region.getAttribute('aria-live')).to.equal('polite');
    expect(region.textContent).to.equal('Page A');
    await app.navigate('/app/b');
    // Already when navigate() resolves, as document.title is.
    expect(announcer()!.textContent).to.equal('Page B');
    expect(document.querySelectorAll('[data-phial-announcer]')).to.have.length(1);
    // The same title again is said again: cleared, then said a frame later.
    await app.navigate('/app/b?again');
    expect(announcer()!.textContent).to.equal('');
    await frames();
    expect(announcer()!.textContent).to.equal('Page B');
  });

  it('a push to #anchor scrolls to the anchor and focuses it', async () => {
    const { app, outlet } = pageApp();
    await start(app);
    await app.navigate('/app/a#anchor');
    const anchor = outlet.element.querySelector('#anchor')!;
    expect(document.activeElement).to.equal(anchor);
    expect(window.scrollY).to.be.greaterThan(2000);
    expect(Math.abs(anchor.getBoundingClientRect().top)).to.be.lessThan(2);
  });

  it('an anchor is found by name too', async () => {
    const { app, outlet } = pageApp();
    await start(app);
    await app.navigate('/app/a#named');
    expect(document.activeElement).to.equal(outlet.element.querySelector('a[name="named"]'));
    expect(window.scrollY).to.be.greaterThan(5000);
  });

  it('a push without a hash goes to the top', async () => {
    const { app } = pageApp();
    await start(app);
    await app.navigate('/app/a');
    window.scrollTo(0, 1500);
    await app.navigate('/app/c');
    expect(window.scrollY).to.equal(0);
  });

  it('a hash-only change does not dispatch; it scrolls to and focuses the anchor', async () => {
    const { app, seen, outlet } = pageApp();
    await start(app);
    await app.navigate('/app/a');
    const length = historyLength();
    link('#anchor').click();
    await waitFor(() => here() === '/app/a#anchor', 'the fragment in the address bar');
    await waitFor(() => window.scrollY > 2000, 'the scroll to the anchor');
    expect(document.activeElement).to.equal(outlet.element.querySelector('#anchor'));
    expect(historyLength()).to.equal(length + 1);
    // navigate() to a fragment of the page shown: no dispatch either; it resolves to the page shown.
    const res = await app.navigate('/app/a#named');
    expect(res).to.equal(app.current!.response);
    expect(here()).to.equal('/app/a#named');
    await waitFor(() => window.scrollY > 5000, 'the scroll to the named anchor');
    expect(document.activeElement).to.equal(outlet.element.querySelector('a[name="named"]'));
    expect(seen).to.deep.equal(['GET /app/', 'GET /app/a']);
    expect(outlet.rendered).to.deep.equal(['/app/', '/app/a']);
    // Back between two fragments of one page: no dispatch.
    await go(-1);
    await sleep(30);
    expect(here()).to.equal('/app/a#anchor');
    await go(-1);
    await sleep(30);
    expect(here()).to.equal('/app/a');
    expect(seen).to.deep.equal(['GET /app/', 'GET /app/a']);
  });

  it('the scroll position is restored on Back and Forward', async () => {
    const { app, outlet } = pageApp();
    await start(app);
    await app.navigate('/app/a');
    window.scrollTo(0, 1234);
    await app.navigate('/app/c');
    expect(window.scrollY).to.equal(0);
    window.scrollTo(0, 321);
    await go(-1);
    await waitFor(() => outlet.rendered.at(-1) === '/app/a', 'Back to render /app/a');
    await waitFor(() => window.scrollY === 1234, 'the position on /app/a to come back', 1000);
    await go(1);
    await waitFor(() => outlet.rendered.at(-1) === '/app/c', 'Forward to render /app/c');
    await waitFor(() => window.scrollY === 321, 'the position on /app/c to come back', 1000);
  });

  it('Back does not move focus to the anchor, and announces the title', async () => {
    const { app, outlet } = pageApp();
    await start(app);
    await app.navigate('/app/a');
    await app.navigate('/app/b');
    await go(-1);
    await waitFor(() => outlet.rendered.at(-1) === '/app/a', 'Back to render /app/a');
    expect(document.activeElement).to.equal(outlet.element.querySelector('h1'));
    await frames();
    expect(announcer()!.textContent).to.equal('Page A');
  });

  it('Back to the entry the app started on restores its position', async () => {
    const { app, outlet } = pageApp();
    history.replaceState(null, '', '/app/a');
    await start(app);
    window.scrollTo(0, 777);
    await app.navigate('/app/c');
    await go(-1);
    await waitFor(() => outlet.rendered.at(-1) === '/app/a', 'Back to render /app/a');
    await waitFor(() => window.scrollY === 777, 'the position on /app/a to come back', 1000);
  });

  it('Back between fragments of one page restores each one\'s position', async () => {
    const { app, seen } = pageApp();
    await start(app);
    await app.navigate('/app/a');
    await app.navigate('/app/a#anchor');
    window.scrollTo(0, 2500);
    await app.navigate('/app/a#named');
    await go(-1);
    await waitFor(() => window.scrollY === 2500, 'the position of #anchor to come back', 1000);
    await go(-1);
    await waitFor(() => window.scrollY === 0, 'the position of /app/a to come back', 1000);
    expect(seen).to.deep.equal(['GET /app/', 'GET /app/a']);
  });

  it('a position is restored on a page whose content arrives late', async () => {
    const { app, outlet } = pageApp();
    app.route('/grow', function grow() { return '<div id="grow" style="height: 10px"></div>'; });
    await start(app);
    await app.navigate('/app/a');
    window.scrollTo(0, 2222);
    await app.navigate('/app/grow');
    await go(-1);
    // Back on /app/a, rendered short this time; its content comes 100 ms later.
    outlet.onRender = (page) => {
      if (page.request.path !== '/a') return;
      setTimeout(() => { outlet.element.insertAdjacentHTML('beforeend', '<div style="height: 9000px"></div>'); }, 100);
    };
    await waitFor(() => outlet.rendered.at(-1) === '/app/a', 'Back to render /app/a');
    await waitFor(() => window.scrollY === 2222, 'the position to be reached once the content came', 1500);
  });

  it('a restore still waiting for content gives up when the next navigation scrolls', async () => {
    const { app, outlet } = pageApp();
    app.route('/grow', function grow() { return '<p>short</p>'; });
    await start(app);
    await app.navigate('/app/a');
    window.scrollTo(0, 5000);
    await app.navigate('/app/grow');
    await app.navigate('/app/c');
    // Back twice to /app/a, whose outlet shows something short (the saved position waits).
    outlet.onRender = (page) => {
      if (page.request.path === '/a') page.response.body = '<p>short for now</p>';
    };
    await go(-2);
    await waitFor(() => outlet.rendered.at(-1) === '/app/a', 'Back to render /app/a');
    outlet.onRender = undefined;
    await app.navigate('/app/a?again#anchor');
    const y = window.scrollY;
    expect(y).to.be.greaterThan(2000);
    await frames();
    await frames();
    expect(window.scrollY).to.equal(y);
  });

  it('a restore still waiting for content gives up when the user scrolls', async () => {
    const { app, outlet } = pageApp();
    await start(app);
    await app.navigate('/app/a');
    window.scrollTo(0, 8000);
    await app.navigate('/app/b');
    outlet.onRender = (page) => {
      if (page.request.path !== '/a') return;
      // Shorter than the saved position; the rest comes late.
      page.response.body = '<div style="height: 4000px"></div>';
      setTimeout(() => { outlet.element.insertAdjacentHTML('beforeend', '<div style="height: 9000px"></div>'); }, 150);
    };
    await go(-1);
    await waitFor(() => outlet.rendered.at(-1) === '/app/a', 'Back to render /app/a');
    await frames();
    window.scrollTo(0, 100); // the user
    await sleep(250);
    expect(window.scrollY).to.equal(100);
  });
});
