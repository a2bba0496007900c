import '../guard.js';
import { expect } from '@esm-bundle/chai';
import { sendKeys } from '@web/test-runner-commands';
import { signals } from '../../src/index.js';
import { STORAGE_KEY } from '../../src/debug/index.js';
import { listenToSteps, stepListenerOf, type StepRecord } from '../../src/steps.js';
import { makeApp, mount, panelText, root, settle, tableRows, toolbarOn, type, useCleanup } from './helpers.js';

function shadowFocus(host: Element): string | null {
  return host.shadowRoot?.activeElement?.id ?? null;
}

describe('<phial-debug-toolbar>', () => {
  useCleanup();

  it('costs an app nothing until it is connected, and listens only while it is', async () => {
    const app = makeApp();
    app.route('/', function index() { return 'Home'; });
    const dispatch = app.dispatch;
    await app.test.get('/app/');
    expect(app.dispatch).to.equal(dispatch);
    expect(stepListenerOf(app)).to.equal(undefined);
    expect(signals.requestStarted.hasReceiversFor(app)).to.equal(false);

    const toolbar = mount('phial-debug-toolbar', (el) => { el.app = app; });
    expect(stepListenerOf(app)).to.be.a('function');
    expect(signals.requestStarted.hasReceiversFor(app)).to.equal(true);

    toolbar.remove();
    expect(stepListenerOf(app)).to.equal(undefined);
    expect(signals.requestStarted.hasReceiversFor(app)).to.equal(false);
    expect((await app.test.get('/app/')).html).to.equal('Home');
  });

  it("keeps the app's own step listener hearing every step, and puts it back", async () => {
    const app = makeApp();
    app.route('/', function index() { return 'Home'; });
    const heard: string[] = [];
    const own = (step: StepRecord) => { heard.push(step.kind); };
    listenToSteps(app, own);
    const toolbar = mount('phial-debug-toolbar', (el) => { el.app = app; });
    await app.test.get('/app/');
    toolbar.remove();
    expect(heard).to.include('view');
    expect(stepListenerOf(app)).to.equal(own);
    listenToSteps(app, null);
  });

  it('without an app set, shows the current app: the one that starts, and the next one that does', async () => {
    const toolbar = await toolbarOn(null, 'timeline');
    expect(panelText(toolbar)).to.contain('No app');
    const first = makeApp();
    first.route('/', function index() { return 'Home'; });
    first.route('/one', function one() { return 'One'; });
    mount('phial-outlet');
    await first.start();
    await first.navigate('/app/one');
    await settle(toolbar);
    expect(panelText(toolbar)).to.contain('GET /app/one → 200');

    first.stop();
    const second = makeApp();
    second.route('/', function home() { return 'Second'; });
    await second.test.get('/app/');
    await second.test.get('/app/');
    await settle(toolbar);
    expect(tableRows(root(toolbar), 'Steps of GET /app/').map(([kind, name]) => `${kind} ${name}`))
      .to.include.members(["URL match endpoint 'home'", 'view home']);
  });

  it('starts as a small tab, and remembers open or collapsed, and the panel, across reloads', async () => {
    const app = makeApp();
    const first = mount('phial-debug-toolbar', (el) => { el.app = app; });
    await first.updateComplete;
    const toggle = root(first).getElementById('toggle')!;
    expect(toggle.getAttribute('aria-expanded')).to.equal('false');
    expect(root(first).querySelector('[role="tablist"]')).to.equal(null);

    toggle.click();
    await first.updateComplete;
    expect(toggle.getAttribute('aria-expanded')).to.equal('true');
    root(first).querySelector<HTMLButtonElement>('#tab-session')!.click();
    first.remove();
    expect(JSON.parse(localStorage.getItem(STORAGE_KEY)!)).to.deep.equal({ open: true, panel: 'session', intercept: false });

    const second = mount('phial-debug-toolbar', (el) => { el.app = app; });
    await second.updateComplete;
    expect(second.open).to.equal(true);
    expect(root(second).querySelector('[role="tab"][aria-selected="true"]')!.id).to.equal('tab-session');
  });

  it('falls back to its defaults when localStorage holds garbage or refuses access', async () => {
    localStorage.setItem(STORAGE_KEY, '{"open": "yes", "panel": "<b>"');
    const a = mount('phial-debug-toolbar');
    expect([a.open, a.panel, a.interceptRedirects]).to.deep.equal([false, 'request', false]);

    const getItem = Storage.prototype.getItem;
    const setItem = Storage.prototype.setItem;
    Storage.prototype.getItem = () => { throw new DOMException('denied', 'SecurityError'); };
    Storage.prototype.setItem = () => { throw new DOMException('full', 'QuotaExceededError'); };
    try {
      const b = mount('phial-debug-toolbar');
      b.open = true;
      await b.updateComplete;
      expect(b.open).to.equal(true);
    } finally {
      Storage.prototype.getItem = getItem;
      Storage.prototype.setItem = setItem;
    }
  });

  it('is operable from the keyboard with visible focus: Tab, Enter, arrow keys between panels, Escape', async () => {
    const app = makeApp();
    const before = mount('button', (el) => { el.textContent = 'page button'; });
    const toolbar = mount('phial-debug-toolbar', (el) => { el.app = app; });
    await toolbar.updateComplete;
    before.focus();

    await sendKeys({ press: 'Tab' });
    expect(document.activeElement).to.equal(toolbar);
    expect(shadowFocus(toolbar)).to.equal('toggle');
    const toggle = root(toolbar).getElementById('toggle')!;
    expect(getComputedStyle(toggle).outlineStyle).to.not.equal('none');

    await sendKeys({ press: 'Enter' });
    await toolbar.updateComplete;
    expect(toolbar.open).to.equal(true);
    await sendKeys({ press: 'Tab' });
    expect(shadowFocus(toolbar)).to.equal('tab-request');
    await sendKeys({ press: 'ArrowRight' });
    await toolbar.updateComplete;
    expect(shadowFocus(toolbar)).to.equal('tab-timeline');
    expect(root(toolbar).querySelector('[role="tabpanel"]')!.getAttribute('aria-labelledby')).to.equal('tab-timeline');
    await sendKeys({ press: 'End' });
    await toolbar.updateComplete;
    expect(shadowFocus(toolbar)).to.equal('tab-signals');
    await sendKeys({ press: 'ArrowRight' });
    await toolbar.updateComplete;
    expect(shadowFocus(toolbar)).to.equal('tab-request');
    await sendKeys({ press: 'ArrowLeft' });
    await toolbar.updateComplete;
    expect(toolbar.panel).to.equal('signals');
    await sendKeys({ press: 'Tab' });
    expect(shadowFocus(toolbar)).to.equal('panel-signals');
    expect(getComputedStyle(root(toolbar).getElementById('panel-signals')!).outlineStyle).to.not.equal('none');

    await sendKeys({ press: 'Escape' });
    await toolbar.updateComplete;
    expect(toolbar.open).to.equal(false);
    expect(shadowFocus(toolbar)).to.equal('toggle');
  });

  it('gives a screen reader names and roles: the toggle, the tabs, the panel, the tables', async () => {
    const app = makeApp();
    app.route('/users/<int:id>', function user() { return 'User'; });
    const toolbar = await toolbarOn(app, 'request');
    await app.test.get('/app/users/7');
    await settle(toolbar);
    const $ = (selector: string) => root(toolbar).querySelector(selector)!;

    expect($('#toggle').localName).to.equal('button');
    expect($('#toggle').textContent).to.match(/^Phial debug200 user \d/);
    expect($('#toggle').getAttribute('aria-controls')).to.equal('body');
    expect($('#body').getAttribute('aria-label')).to.equal('Phial debug toolbar');
    expect($('[role="tablist"]').getAttribute('aria-label')).to.equal('Panels');
    const tabs = [...root(toolbar).querySelectorAll('[role="tab"]')];
    expect(tabs.map((t) => t.textContent!.trim())).to.deep.equal(['Request', 'Timeline', 'Redirects', 'URL map', 'Flashes', 'Session', 'Signals']);
    for (const tab of tabs) expect(tab.localName).to.equal('button');
    const panel = $('[role="tabpanel"]');
    expect(root(toolbar).getElementById(panel.getAttribute('aria-labelledby')!)!.textContent!.trim()).to.equal('Request');
    expect(panel.id).to.equal($('[aria-selected="true"]').getAttribute('aria-controls'));
    const captions = [...panel.querySelectorAll('table caption')].map((c) => c.textContent);
    expect(captions).to.include('Params');
    for (const th of panel.querySelectorAll('th')) expect(th.getAttribute('scope')).to.equal('col');

    toolbar.panel = 'urlmap';
    await toolbar.updateComplete;
    for (const control of root(toolbar).querySelectorAll<HTMLInputElement>('input, select')) {
      expect(control.labels!.length, control.id).to.equal(1);
    }
    expect($('output').getAttribute('aria-live')).to.equal('polite');
  });

  it('never takes the focus from the page after a navigation', async () => {
    const app = makeApp();
    app.route('/', function index() { return 'Home'; });
    app.route('/next', function next() { return document.createRange().createContextualFragment('<h1>Next</h1>'); });
    const outlet = mount('phial-outlet');
    const toolbar = await toolbarOn(app, 'timeline');
    await app.start();

    await app.navigate('/app/next');
    await settle(toolbar);
    expect(document.activeElement).to.equal(outlet.querySelector('h1'));
    expect(panelText(toolbar)).to.contain('/app/next');

    const filter = () => root(toolbar).querySelector<HTMLInputElement>('#try-url');
    toolbar.panel = 'urlmap';
    await toolbar.updateComplete;
    filter()!.focus();
    await app.test.get('/app/'); // activity while the user types in the toolbar
    await settle(toolbar);
    expect(shadowFocus(toolbar)).to.equal('try-url');
  });

  it('shows every value from the URL, forms, the session, flashes and signals as text, never as markup', async () => {
    const evil = '<img src=x onerror="window.__phialPwned = 1">';
    const app = makeApp();
    app.route('/u/<name>', function user(req) { req.g[evil] = evil; return 'User'; }, { methods: ['GET', 'POST'] });
    await app.session.set(evil, evil);
    const toolbar = await toolbarOn(app, 'request');
    await app.flash(evil, '<b>category</b>');
    await app.test.post(`/app/u/${encodeURIComponent(evil)}?q=${encodeURIComponent(evil)}`, { [evil]: evil });
    const ours = new Set(['img', 'b']);
    const markupIn = () => [...root(toolbar).querySelectorAll('*')].filter((el) => ours.has(el.localName));

    for (const panel of ['request', 'timeline', 'redirects', 'urlmap', 'flashes', 'session', 'signals'] as const) {
      toolbar.panel = panel;
      await settle(toolbar);
      if (panel === 'urlmap') {
        type(root(toolbar).querySelector<HTMLInputElement>('#try-url')!, `/app/u/${evil}`);
        await toolbar.updateComplete;
      }
      if (panel === 'flashes') {
        const end = performance.now() + 2000;
        while (!panelText(toolbar).includes('category') && performance.now() < end) await settle(toolbar);
      }
      expect(markupIn(), panel).to.deep.equal([]);
      if (panel !== 'urlmap' && panel !== 'redirects' && panel !== 'timeline') expect(panelText(toolbar), panel).to.contain('<img src=x');
    }
    expect((window as { __phialPwned?: number }).__phialPwned).to.equal(undefined);
  });

  it('keeps its styles in its shadow root: the page cannot restyle it', async () => {
    const style = mount('style', (el) => { el.textContent = 'button { background: rgb(255, 0, 0) !important; } body { font-size: 40px; color: rgb(0, 255, 0); }'; });
    const toolbar = await toolbarOn(makeApp());
    const toggle = root(toolbar).getElementById('toggle')!;
    expect(getComputedStyle(toggle).backgroundColor).to.not.equal('rgb(255, 0, 0)');
    expect(getComputedStyle(toggle).fontSize).to.equal('12px');
    expect(getComputedStyle(root(toolbar).querySelector('[role="tabpanel"]')!).color).to.not.equal('rgb(0, 255, 0)');
    style.remove();
  });
});
