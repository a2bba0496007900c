import '../guard.js';
import { expect } from '@esm-bundle/chai';
import { html } from 'lit';
import { redirect, type Phial } from '../../src/index.js';
import { makeApp } from '../app/helpers.js';
import { mount, useCleanup } from './helpers.js';

/** Waits (a few frames at most) until `check` holds. */
async function until(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 50 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
  expect(check(), what).to.equal(true);
}

/** The messages a flash list shows, as text. */
function texts(el: Element): string[] {
  return [...el.shadowRoot!.querySelectorAll('[part="message"] span')].map((m) => m.textContent!);
}

describe('the elements under the navigator', () => {
  useCleanup();
  let app: Phial;

  beforeEach(() => {
    app = makeApp({ history: 'memory' });
    app.route('/', function index() { return html`<h1>Home</h1>`; });
    app.route('/other', function other() { return html`<h1>Other</h1>`; });
    app.route('/save', function save(req) { req.flash('Saved', 'success'); return redirect('/other'); });
  });
  afterEach(() => app.stop());

  it('show the first page once the app starts, then each page by the time navigate() resolves', async () => {
    const outlet = mount('phial-outlet');
    const flashes = mount('phial-flashes');

    await app.start();
    expect(outlet.querySelector('h1')?.textContent).to.equal('Home');

    await app.navigate('/save');
    expect(outlet.querySelector('h1')?.textContent).to.equal('Other');
    expect(texts(flashes)).to.deep.equal(['Saved']);

    await app.navigate('/');
    expect(outlet.querySelector('h1')?.textContent).to.equal('Home');
    expect(texts(flashes)).to.deep.equal([]);
  });

  it('a flash list that the page itself renders (a layout, a view) shows that page\'s messages, once', async () => {
    app.layout((body) => html`<phial-flashes></phial-flashes><main>${body}</main>`);
    const outlet = mount('phial-outlet');
    await app.flash('Pending');
    await app.start();
    const list = () => outlet.querySelector('phial-flashes')!;
    await until(() => texts(list()).join() === 'Pending', 'the first page to show the pending message');

    await app.navigate('/save');
    await until(() => texts(list()).join() === 'Saved', 'the page the POST redirected to to show Saved');
    await app.navigate('/');
    await new Promise((r) => setTimeout(r, 50));
    expect(texts(list())).to.deep.equal([]);
  });

  it('a flash list in a view\'s own template shows the messages flashed before the redirect to it', async () => {
    app.route('/done', function done() { return html`<phial-flashes></phial-flashes><h1>Done</h1>`; });
    app.route('/go', function go(req) { req.flash('Saved'); return redirect('/done'); });
    const outlet = mount('phial-outlet');
    await app.start();
    await app.navigate('/go');
    const list = outlet.querySelector('phial-flashes')!;
    await until(() => texts(list).join() === 'Saved', 'the view\'s own list to show Saved');
  });
});
