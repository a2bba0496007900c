import '../guard.js';
import { expect } from '@esm-bundle/chai';
import { html } from 'lit';
import { redirect, type Phial } from '../../src/index.js';
import { makeApp } from '../app/helpers.js';
import { mount, useCleanup } from './helpers.js';

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
});
