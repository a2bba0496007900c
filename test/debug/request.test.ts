import '../guard.js';
import { expect } from '@esm-bundle/chai';
import { Blueprint, memoryStore, Response } from '../../src/index.js';
import { indexedDBSession } from '../../src/idb/index.js';
import { makeApp, panelText, root, settle, tableRows, toolbarOn, useCleanup } from './helpers.js';

describe('<phial-debug-toolbar> request and session', () => {
  useCleanup();

  it('shows the request: method, full path, endpoint, blueprints, typed params, query, form, g, status and title', async () => {
    const app = makeApp();
    const shop = new Blueprint('shop', { urlPrefix: '/shop' });
    const items = new Blueprint('items', { urlPrefix: '/items' });
    items.route('/<int:id>/<name>', function edit(req) {
      req.g.user = { id: 1 };
      req.g.started = 3;
      return new Response('Saved', { status: 201, title: 'Item saved' });
    }, { methods: ['POST'] });
    shop.registerBlueprint(items);
    app.registerBlueprint(shop);
    const toolbar = await toolbarOn(app, 'request');

    await app.test.post('/app/shop/items/7/lamp?tab=a&tab=b', { title: 'A lamp', file: new File(['abc'], 'lamp.png', { type: 'image/png' }) });
    await settle(toolbar);

    const facts = [...root(toolbar).querySelectorAll('dt')].map((dt) => `${dt.textContent}: ${dt.nextElementSibling!.textContent}`);
    expect(facts).to.deep.equal([
      'Method: POST',
      'Full path: /app/shop/items/7/lamp?tab=a&tab=b',
      'Endpoint: shop.items.edit',
      'Rule: /shop/items/<int:id>/<name>',
      'Blueprints: shop.items in shop',
      'Status: 201',
      'Title: Item saved',
    ]);
    expect(tableRows(root(toolbar), 'Params')).to.deep.equal([['id', '7', 'number'], ['name', 'lamp', 'string']]);
    expect(tableRows(root(toolbar), 'Query')).to.deep.equal([['tab', 'a'], ['tab', 'b']]);
    expect(tableRows(root(toolbar), 'Form')).to.deep.equal([['title', 'A lamp'], ['file', 'file "lamp.png", 3 bytes, image/png']]);
    expect(tableRows(root(toolbar), 'req.g')).to.deep.equal([['user', '{"id":1}'], ['started', '3']]);
  });

  it("shows another tab's session changes with the IndexedDB session", async () => {
    const name = `debug-${Math.random().toString(36).slice(2)}`;
    const app = makeApp({ name, session: indexedDBSession(), flashStore: memoryStore() });
    const otherTab = makeApp({ name, session: indexedDBSession(), flashStore: memoryStore() });
    app.route('/', function index() { return 'Home'; });
    await app.test.get('/app/'); // loads the session
    const toolbar = await toolbarOn(app, 'session');
    expect(panelText(toolbar)).to.contain('Store: indexedDB.');

    await otherTab.session.set('user', 'ada');
    const end = performance.now() + 4000;
    while (!panelText(toolbar).includes('"ada"')) {
      if (performance.now() > end) throw new Error('the other tab’s change never showed');
      await settle(toolbar);
    }
    expect(tableRows(root(toolbar), 'Session')).to.deep.equal([['user', '"ada"']]);
  });
});
