import '../guard.js';
// Which link clicks are the app's (SPEC §11 The app's navigations): same-origin links under the
// base, in open shadow roots too, except with a modifier key, another button, a target, a
// download, rel="external" or data-phial-ignore; outside base or on another origin a page load.
// A custom root: clicks outside it are not the app's.
import { expect } from '@esm-bundle/chai';
import {
  clicks, dispatches, fixture, forEachEngine, here, link, makeApp, mountOutlet, pageLoads, sleep, start, waitFor, historyLength } from './helpers.js';

forEachEngine('links', () => {
  function linkApp(options = {}) {
    const app = makeApp(options);
    app.route('/', function index() { return 'home'; });
    app.route('/a', function a() { return 'A'; });
    app.route('/b', function b() { return 'B'; });
    const seen = dispatches(app);
    const outlet = mountOutlet(app);
    return { app, seen, outlet };
  }

  function click(el: Element, init: MouseEventInit = {}): boolean {
    return el.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true, composed: true, button: 0, ...init }));
  }

  it('a link under the base is intercepted: one entry, the page rendered', async () => {
    const { app, outlet } = linkApp();
    await start(app);
    const length = historyLength();
    link('/app/a?q=1#frag').click();
    await waitFor(() => outlet.rendered.at(-1) === '/app/a?q=1#frag', 'the click to render');
    expect(here()).to.equal('/app/a?q=1#frag');
    expect(historyLength()).to.equal(length + 1);
    expect(pageLoads).to.deep.equal([]);
  });

  it('relative links and target="_self" are the app\'s too', async () => {
    const { app, outlet } = linkApp();
    await start(app);
    link('b', { target: '_self' }).click(); // relative to /app/
    await waitFor(() => outlet.rendered.at(-1) === '/app/b', 'the click to render /app/b');
    link('./a').click();
    await waitFor(() => outlet.rendered.at(-1) === '/app/a', 'the click to render /app/a');
  });

  it('a link in an open shadow root is intercepted', async () => {
    const { app, outlet } = linkApp();
    await start(app);
    const host = fixture('div');
    const shadow = host.attachShadow({ mode: 'open' });
    const a = link('/app/a', {}, shadow);
    a.click();
    await waitFor(() => outlet.rendered.at(-1) === '/app/a', 'the shadow link to render /app/a');
    expect(pageLoads).to.deep.equal([]);
  });

  it('an SVG link and an <area> are the app\'s', async () => {
    const { app, outlet } = linkApp();
    await start(app);
    const box = fixture('div', `<svg width="10" height="10"><a href="/app/a"><rect width="10" height="10"/></a></svg>
      <map name="m"><area href="/app/b" shape="rect" coords="0,0,5,5" alt="b"></map>`);
    box.querySelector('svg a')!.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true, composed: true }));
    await waitFor(() => outlet.rendered.at(-1) === '/app/a', 'the SVG link to render /app/a');
    (box.querySelector('area') as HTMLAreaElement).click();
    await waitFor(() => outlet.rendered.at(-1) === '/app/b', 'the area to render /app/b');
  });

  const ignored: Array<[string, () => HTMLAnchorElement, MouseEventInit?]> = [
    ['with the Ctrl key', () => link('/app/a'), { ctrlKey: true }],
    ['with the Meta key', () => link('/app/a'), { metaKey: true }],
    ['with the Shift key', () => link('/app/a'), { shiftKey: true }],
    ['with the Alt key', () => link('/app/a'), { altKey: true }],
    ['with another button', () => link('/app/a'), { button: 1 }],
    ['with target="_blank"', () => link('/app/a', { target: '_blank' })],
    ['with target="frame"', () => link('/app/a', { target: 'frame' })],
    ['with download', () => link('/app/a', { download: '' })],
    ['with rel="external"', () => link('/app/a', { rel: 'noopener external' })],
    ['with data-phial-ignore', () => link('/app/a', { 'data-phial-ignore': '' })],
    ['inside data-phial-ignore', () => link('/app/a', {}, fixture('div', '<span data-phial-ignore></span>').firstElementChild!)],
    ['outside the base', () => link('/other/a')],
    ['beside the base (/application)', () => link('/application')],
    ['on another origin', () => link('http://example.com/app/a')],
  ];
  for (const [title, make, init] of ignored) {
    it(`a link ${title} is not the app's`, async () => {
      const { app, seen } = linkApp();
      await start(app);
      const a = make();
      click(a, init);
      await sleep(50);
      expect(seen).to.deep.equal(['GET /app/']);
      expect(here()).to.equal('/app/');
      // The app left the click alone: the browser's own behaviour (stopped by the test) follows.
      expect(clicks.at(-1)?.defaultPrevented).to.equal(false);
    });
  }

  it('a link outside the base or on another origin is a page load', async () => {
    const { app } = linkApp();
    await start(app);
    link('/other/a').click();
    link('http://example.com/app/a').click();
    await sleep(50);
    expect(pageLoads).to.deep.equal([`${location.origin}/other/a`, 'http://example.com/app/a']);
  });

  it('a click the page already default-prevented is not the app\'s', async () => {
    const { app, seen } = linkApp();
    await start(app);
    const a = link('/app/a');
    a.addEventListener('click', (e) => e.preventDefault());
    a.click();
    await sleep(50);
    expect(seen).to.deep.equal(['GET /app/']);
    expect(pageLoads).to.deep.equal([]);
  });

  it('a link to the current URL dispatches it again in the same entry', async () => {
    const { app, seen } = linkApp();
    await start(app);
    await app.navigate('/app/a');
    const length = historyLength();
    link('/app/a').click();
    await waitFor(() => seen.length === 3, 'the click to dispatch');
    await sleep(20);
    expect(seen).to.deep.equal(['GET /app/', 'GET /app/a', 'GET /app/a']);
    expect(historyLength()).to.equal(length);
  });

  it('with a custom root, clicks outside it are not the app\'s', async () => {
    const root = fixture('div');
    const { app, seen, outlet } = linkApp({ root });
    await start(app);
    link('/app/a').click(); // in the body, outside root
    await sleep(50);
    expect(seen).to.deep.equal(['GET /app/']);
    expect(pageLoads.map((u) => new URL(u).pathname)).to.deep.equal(['/app/a']);
    link('/app/b', {}, root).click();
    await waitFor(() => outlet.rendered.at(-1) === '/app/b', 'the click inside root to render');
    expect(here()).to.equal('/app/b');
    // In an open shadow root inside root: inside.
    const host = document.createElement('span');
    root.append(host);
    link('/app/a', {}, host.attachShadow({ mode: 'open' })).click();
    await waitFor(() => outlet.rendered.at(-1) === '/app/a', 'the shadow click inside root to render');
  });
});
