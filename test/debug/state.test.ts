import '../guard.js';
import { expect } from '@esm-bundle/chai';
import { redirect, signals } from '../../src/index.js';
import { makeApp, panelText, root, settle, tableRows, toolbarOn, type, useCleanup } from './helpers.js';

async function until(check: () => boolean, what: string): Promise<void> {
  const end = performance.now() + 3000;
  while (!check()) {
    if (performance.now() > end) throw new Error(`Timed out waiting for ${what}.`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('<phial-debug-toolbar> flashes, session and signals', () => {
  useCleanup();

  it('peeks at the pending flashes, which the next page view still gets', async () => {
    const app = makeApp();
    app.route('/', function index(req) { return JSON.stringify(req.getFlashedMessages({ withCategories: true })); });
    app.route('/save', function save(req) { req.flash('Saved', 'success'); return redirect('/app/'); }, { methods: ['POST'] });
    await app.flash({ n: 1 }, 'info');
    const toolbar = await toolbarOn(app, 'flashes');
    await until(() => panelText(toolbar).includes('{"n":1}'), 'the peeked message');

    expect(tableRows(root(toolbar), 'Pending flash messages')).to.deep.equal([['info', '{"n":1}']]);
    root(toolbar).querySelector<HTMLButtonElement>('[role="tabpanel"] button')!.click(); // Refresh: a second peek
    await settle(toolbar);
    expect(tableRows(root(toolbar), 'Pending flash messages')).to.have.length(1);

    const page = await app.test.get('/app/');
    expect(page.html).to.equal('[["info",{"n":1}]]');
    await until(() => panelText(toolbar).includes('Pending flash messages: None.'), 'the empty list');

    await app.test.post('/app/save');
    await until(() => panelText(toolbar).includes('Saved'), 'the message of a redirect');
    expect((await app.test.get('/app/')).html).to.contain('Saved');
  });

  it('shows the session, updated live', async () => {
    const app = makeApp();
    app.route('/', function index() { return 'Home'; });
    await app.session.set('user', 'ada');
    const toolbar = await toolbarOn(app, 'session');
    expect(tableRows(root(toolbar), 'Session')).to.deep.equal([['user', '"ada"']]);

    await app.session.set('cart', [1, 2]);
    await until(() => tableRows(root(toolbar), 'Session').length === 2, 'the new key');
    expect(tableRows(root(toolbar), 'Session')).to.deep.include(['cart', '[1,2]']);
    await app.session.delete('user');
    await until(() => tableRows(root(toolbar), 'Session').length === 1, 'the deleted key gone');
  });

  it('logs the signals with sender and data, filterable, keeping the last N', async () => {
    const app = makeApp({ name: 'shop' });
    app.route('/', function index() { return 'Home'; });
    const toolbar = await toolbarOn(app, 'signals');
    toolbar.signalLimit = 5;

    await app.test.get('/app/?q=1');
    await settle(toolbar);
    const rows = tableRows(root(toolbar), 'Signals sent');
    expect(rows.map((r) => r[1])).to.deep.equal(['requestTearingDown', 'requestFinished', 'requestStarted']);
    expect(rows[2][2]).to.equal('app "shop"');
    expect(rows[1][3]).to.equal('request: GET /app/?q=1; response: 200');

    const select = root(toolbar).querySelector<HTMLSelectElement>('#signal-name')!;
    select.value = 'requestFinished';
    select.dispatchEvent(new Event('change'));
    await toolbar.updateComplete;
    expect(tableRows(root(toolbar), 'Signals sent').map((r) => r[1])).to.deep.equal(['requestFinished']);
    select.value = '';
    select.dispatchEvent(new Event('change'));
    type(root(toolbar).querySelector<HTMLInputElement>('#signal-filter')!, 'tearing');
    await toolbar.updateComplete;
    expect(tableRows(root(toolbar), 'Signals sent').map((r) => r[1])).to.deep.equal(['requestTearingDown']);
    type(root(toolbar).querySelector<HTMLInputElement>('#signal-filter')!, '');

    await app.test.get('/app/');
    await app.test.get('/app/');
    signals.messageFlashed.send(app, { message: 'x', category: 'c' });
    await settle(toolbar);
    expect(tableRows(root(toolbar), 'Signals sent')).to.have.length(5);
    expect(panelText(toolbar)).to.contain('5 of 5 shown, newest first; the last 5 are kept.');
  });
});
