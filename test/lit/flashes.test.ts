import '../guard.js';
import { expect } from '@esm-bundle/chai';
import { redirect, Request, type Phial } from '../../src/index.js';
import { serve } from '../../src/serve.js';
import type { PhialFlashes } from '../../src/lit/index.js';
import { makeApp, mount, start, useCleanup, visit } from './helpers.js';

/** What a user sees: [category, text, role] of each message. */
function shown(el: PhialFlashes): Array<[string | null, string, string | null]> {
  return [...el.shadowRoot!.querySelectorAll('[part="message"]')].map((m) => [
    m.getAttribute('category'),
    m.querySelector('span')!.textContent!,
    m.getAttribute('role'),
  ]);
}

/** A user clicks the dismiss button of the first message. */
async function dismissFirst(el: PhialFlashes): Promise<void> {
  el.shadowRoot!.querySelector<HTMLButtonElement>('[part="dismiss"]')!.click();
  await el.updateComplete;
}

/** An app with 'One' and 'Two' pending, and a flash list that showed them. */
async function twoMessagesShown(): Promise<PhialFlashes> {
  const app = flashApp();
  await app.flash('One');
  await app.flash('Two');
  const el = mount('phial-flashes');
  await visit(app, '/');
  return el;
}

/** An app whose '/' shows nothing of its own and whose '/read' lists what its view reads. */
function flashApp(): Phial {
  const app = start(makeApp());
  app.route('/', function index() { return 'Home'; });
  app.route('/read', function read(req) { return JSON.stringify(req.getFlashedMessages({ withCategories: true })); });
  return app;
}

async function pageReads(app: Phial): Promise<unknown> {
  const page = await visit(app, '/read');
  return JSON.parse(page.response.body as string);
}

describe('<phial-flashes>', () => {
  useCleanup();

  it("shows the messages of the page view, each with its category, role and parts", async () => {
    const app = flashApp();
    await app.flash('Saved', 'success');
    await app.flash('Failed', 'error');
    await app.flash('Careful', 'danger');
    const el = mount('phial-flashes');

    await visit(app, '/');

    expect(shown(el)).to.deep.equal([
      ['success', 'Saved', 'status'],
      ['error', 'Failed', 'alert'],
      ['danger', 'Careful', 'alert'],
    ]);
    const button = el.shadowRoot!.querySelector('[part="message"] button')!;
    expect(button.getAttribute('part')).to.equal('dismiss');
    expect(button.getAttribute('aria-label')).to.equal('Dismiss');
  });

  it('consumes what it shows: the next page view does not get it', async () => {
    const app = flashApp();
    await app.flash('Once');
    const el = mount('phial-flashes');

    await visit(app, '/');
    expect(shown(el).map(([, text]) => text)).to.deep.equal(['Once']);

    expect(await pageReads(app)).to.deep.equal([]);
    expect(shown(el)).to.deep.equal([]);
  });

  it("replaces one page's messages with the next page's", async () => {
    const app = flashApp();
    await app.flash('First');
    const el = mount('phial-flashes');
    await visit(app, '/');

    await app.flash('Second');
    await visit(app, '/');

    expect(shown(el).map(([, text]) => text)).to.deep.equal(['Second']);
  });

  it('shows only its categories and leaves the others for the next page view', async () => {
    const app = flashApp();
    await app.flash('Note', 'info');
    await app.flash('Failed', 'error');
    await app.flash('Careful', 'danger');
    const el = mount('phial-flashes', (e) => { e.setAttribute('categories', ' error ,danger '); });

    await visit(app, '/');

    expect(shown(el).map(([, text]) => text)).to.deep.equal(['Failed', 'Careful']);
    expect(await pageReads(app)).to.deep.equal([['info', 'Note']]);
  });

  it('removes a message when its dismiss button is clicked', async () => {
    const el = await twoMessagesShown();

    await dismissFirst(el);

    expect(shown(el).map(([, text]) => text)).to.deep.equal(['Two']);
  });

  it('keeps a dismissed message dismissed when the element moves', async () => {
    const el = await twoMessagesShown();
    await dismissFirst(el);

    el.remove();
    document.body.prepend(el);
    await el.updateComplete;

    expect(shown(el).map(([, text]) => text)).to.deep.equal(['Two']);
  });

  it('shows markup in a message as text, and any JSON value as its text', async () => {
    const app = flashApp();
    await app.flash('<img src=x onerror="window.pwned = 1">', 'error');
    await app.flash({ html: '<b>bold</b>' });
    await app.flash(42);
    await app.flash(null);
    const el = mount('phial-flashes');

    await visit(app, '/');

    expect(shown(el).map(([, text]) => text)).to.deep.equal([
      '<img src=x onerror="window.pwned = 1">',
      '{"html":"<b>bold</b>"}',
      '42',
      'null',
    ]);
    expect(el.shadowRoot!.querySelector('img, b')).to.equal(null);
  });

  it('reads nothing for a hop that redirects: the page it leads to shows the message', async () => {
    const app = flashApp();
    app.route('/save', function save(req) { req.flash('Saved', 'success'); return redirect('/'); });
    const el = mount('phial-flashes');

    await serve(app, new Request(app, '/save'));
    await visit(app, '/');

    expect(shown(el)).to.deep.equal([['success', 'Saved', 'status']]);
  });

  it('without live, leaves a message flashed after the page rendered for the next page view', async () => {
    const app = flashApp();
    const el = mount('phial-flashes');
    await visit(app, '/');

    await app.flash('Later');
    await el.updateComplete;

    expect(shown(el)).to.deep.equal([]);
    expect(await pageReads(app)).to.deep.equal([['message', 'Later']]);
  });

  describe('live', () => {
    it('shows a message flashed while the page is shown, and the next page view does not get it', async () => {
      const app = flashApp();
      const el = mount('phial-flashes', (e) => { e.toggleAttribute('live', true); });
      await visit(app, '/');

      await app.flash('Synced', 'success');
      await el.updateComplete;

      expect(shown(el)).to.deep.equal([['success', 'Synced', 'status']]);
      expect(await pageReads(app)).to.deep.equal([]);
      expect(shown(el)).to.deep.equal([]);
    });

    it('takes only its categories: the others stay for the next page view', async () => {
      const app = flashApp();
      const el = mount('phial-flashes', (e) => { e.live = true; e.categories = 'error'; });
      await visit(app, '/');

      await app.flash('Note', 'info');
      await app.flash('Lost connection', 'error');
      await el.updateComplete;

      expect(shown(el)).to.deep.equal([['error', 'Lost connection', 'alert']]);
      expect(await pageReads(app)).to.deep.equal([['info', 'Note']]);
    });

    it('leaves what a dispatch flashes to the page that dispatch leads to', async () => {
      const app = flashApp();
      app.route('/save', function save(req) { req.flash('Saved', 'success'); return redirect('/'); });
      const el = mount('phial-flashes', (e) => { e.live = true; });
      await visit(app, '/');

      await serve(app, new Request(app, '/save'));
      await el.updateComplete;
      expect(shown(el)).to.deep.equal([]);

      await visit(app, '/');
      expect(shown(el)).to.deep.equal([['success', 'Saved', 'status']]);
    });

    it('stops listening once disconnected', async () => {
      const app = flashApp();
      const el = mount('phial-flashes', (e) => { e.live = true; });
      await visit(app, '/');

      el.remove();
      await app.flash('After');
      await el.updateComplete;

      expect(shown(el)).to.deep.equal([]);
      expect(await pageReads(app)).to.deep.equal([['message', 'After']]);
    });

    it('stops listening when live is turned off', async () => {
      const app = flashApp();
      const el = mount('phial-flashes', (e) => { e.live = true; });
      await visit(app, '/');

      el.live = false;
      await el.updateComplete;
      await app.flash('After');
      await el.updateComplete;

      expect(shown(el)).to.deep.equal([]);
      expect(await pageReads(app)).to.deep.equal([['message', 'After']]);
    });
  });
});
