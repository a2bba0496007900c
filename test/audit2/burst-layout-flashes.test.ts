import '../guard.js';
// Audit 2 of SPEC §11 races (a burst of 500 navigate() calls with a real <phial-outlet>: the last
// URL, rendered once) and §12 (a <phial-flashes> that a layout renders, once it is on the page,
// shows what a redirected request flashed on the page the redirect leads to).
import { expect } from '@esm-bundle/chai';
import { html } from 'lit';
import { isNavigationFailure, redirect, signals } from '../../src/index.js';
import '../../src/lit/index.js';
import { fixture, forEachEngine, makeApp, start } from '../browser/helpers.js';

function shownIn(root: ParentNode): string[] {
  const el = root.querySelector('phial-flashes');
  if (!el) return ['no element'];
  return [...el.shadowRoot!.querySelectorAll('[part="message"] span')].map((s) => s.textContent!);
}

forEachEngine('audit2: bursts and flashes in a layout', () => {
  it('a burst of 500 navigate() calls with a <phial-outlet>: one Response, the last URL, rendered once', async function () {
    this.timeout(60000);
    const app = makeApp();
    app.route('/', function index() { return 'home'; });
    app.route('/n/<int:i>', async function n(req) { await Promise.resolve(); return html`<h1>${req.params.i}</h1>`; });
    const outlet = fixture('phial-outlet');
    await start(app);
    const rendered: string[] = [];
    const off = signals.templateRendered.connect((_s, { request }) => { rendered.push(request.path); }, { sender: app });
    const all = [];
    for (let i = 0; i < 500; i++) all.push(app.navigate(`/app/n/${i}`));
    const results = await Promise.all(all);
    off();
    expect(results.filter((r) => isNavigationFailure(r, 'aborted')).length).to.equal(499);
    expect(results.findIndex((r) => !isNavigationFailure(r))).to.equal(499);
    expect(rendered).to.deep.equal(['/n/499']);
    expect(location.pathname).to.equal('/app/n/499');
    expect(outlet.querySelector('h1')!.textContent).to.equal('499');
  });

  it('a <phial-flashes> in the app layout shows what a redirected request flashed, on the page it leads to', async () => {
    const app = makeApp();
    app.layout((body) => html`<phial-flashes></phial-flashes><main>${body}</main>`);
    app.route('/', function index() { return 'home'; });
    app.route('/go', function go(req) { req.flash('Saved'); return redirect('/app/'); });
    const outlet = fixture('phial-outlet');
    await start(app);
    await app.navigate('/app/go');
    expect(shownIn(outlet)).to.deep.equal(['Saved']);
    expect(outlet.querySelector('main')!.textContent).to.equal('home');
  });
});
