import '../guard.js';
// Flash messages and the session through the app and its test client, with the real stores.
import { expect } from '@esm-bundle/chai';
import { Phial, signals, type PhialOptions } from '../../src/index.js';
import { indexedDBSession, indexedDBStore } from '../../src/idb/index.js';
import { delay, replace, uniqueName } from './helpers.js';

/** An app with a save-and-redirect form and a page that shows its flashes. */
function shop(options: PhialOptions): Phial {
  const app = new Phial(options);
  app.post('/save', function save(req) {
    req.flash(`Saved ${req.form?.get('title')}`, 'success');
    return req.app.redirect(req.urlFor('index'));
  });
  app.route('/', function index(req) {
    return JSON.stringify(req.getFlashedMessages({ withCategories: true }));
  });
  return app;
}

describe('flashes through the app', () => {
  it('POST -> flash -> redirect shows "Saved" on the next page, once (default store)', async () => {
    const app = shop({ name: uniqueName('shop') });
    const res = await app.test.post('/save', { title: 'tea' });
    expect(res.status).to.equal(302);
    expect((await app.test.get('/')).body).to.equal('[["success","Saved tea"]]');
    expect((await app.test.get('/')).body).to.equal('[]');
  });

  for (const [storeName, options] of [
    ['sessionStorage (default)', () => ({})],
    ['indexedDB', () => ({ flashStore: indexedDBStore() })],
  ] as const) {
    it(`a reload (a new app over the same storage) shows what the last page flashed: ${storeName}`, async () => {
      const name = uniqueName('reload');
      const before = shop({ name, ...options() });
      await before.test.post('/save', { title: 'cake' });
      const after = shop({ name, ...options() });
      expect((await after.test.get('/')).body).to.equal('[["success","Saved cake"]]');
      expect((await after.test.get('/')).body).to.equal('[]');
    });
  }

  it('two apps on one origin keep their flashes and sessions apart (names from their bases)', async () => {
    const suffix = uniqueName('');
    const one = shop({ base: `/one${suffix}` });
    const two = shop({ base: `/two${suffix}` });
    expect(one.name).to.not.equal(two.name);
    await one.test.post(`/one${suffix}/save`, { title: 'x' });
    expect((await two.test.get(`/two${suffix}/`)).body).to.equal('[]');
    expect((await one.test.get(`/one${suffix}/`)).body).to.equal('[["success","Saved x"]]');
    await one.session.set('user', 'ada');
    expect(two.session.get('user')).to.equal(undefined);
  });

  it('session.clear() leaves pending flashes alone (unlike Flask)', async () => {
    const app = shop({ name: uniqueName('logout') });
    app.post('/logout', async function logout(req) {
      await req.app.session.clear();
      req.flash('Signed out', 'info');
      return req.app.redirect('/');
    });
    await app.session.set('user', 'ada');
    await app.test.post('/logout', {});
    expect(app.session.has('user')).to.equal(false);
    expect((await app.test.get('/')).body).to.equal('[["info","Signed out"]]');
  });

  it('storage that fails sends storageFallback once, and the message still arrives', async () => {
    const restore = replace(Storage.prototype, 'setItem', () => {
      throw new DOMException('full', 'QuotaExceededError');
    });
    const heard: Array<[unknown, string]> = [];
    const app = shop({ name: uniqueName('full') });
    const disconnect = signals.storageFallback.connect((sender, data) => void heard.push([sender, data.store]));
    try {
      await app.test.post('/save', { title: 'jam' });
      expect((await app.test.get('/')).body).to.equal('[["success","Saved jam"]]');
      expect(heard.filter(([sender]) => sender === app).map(([, store]) => store)).to.deep.equal(['sessionStorage']);
    } finally {
      disconnect();
      restore();
    }
  });

  it('messageFlashed fires with the message and its category', async () => {
    const app = shop({ name: uniqueName('signal') });
    const heard: unknown[] = [];
    const disconnect = signals.messageFlashed.connect((_, data) => void heard.push(data), { sender: app });
    try {
      await app.test.post('/save', { title: 'pie' });
      expect(heard).to.deep.equal([{ message: 'Saved pie', category: 'success' }]);
    } finally {
      disconnect();
    }
  });
});

describe('the indexedDB session through two apps (two tabs)', () => {
  function account(name: string): Phial {
    const app = new Phial({ name, session: indexedDBSession() });
    app.post('/login', async function login(req) {
      await req.app.session.set('user', req.form?.get('user'));
      return req.app.redirect('/');
    });
    app.post('/logout', async function logout(req) {
      await req.app.session.delete('user');
      return req.app.redirect('/');
    });
    app.route('/', function index(req) {
      return String(req.app.session.get('user') ?? 'anonymous');
    });
    return app;
  }

  async function until(check: () => Promise<boolean>, what: string): Promise<void> {
    for (let i = 0; i < 200; i++) {
      if (await check()) return;
      await delay(10);
    }
    throw new Error(`timed out waiting until ${what}`);
  }

  it('logging in and out in one tab is seen in the other', async () => {
    const name = uniqueName('account');
    const tabA = account(name);
    const tabB = account(name);
    expect((await tabB.test.get('/')).body).to.equal('anonymous');
    await tabA.test.post('/login', { user: 'ada' });
    await until(async () => (await tabB.test.get('/')).body === 'ada', 'tab B sees the login');
    await tabB.test.post('/logout', {});
    await until(async () => (await tabA.test.get('/')).body === 'anonymous', 'tab A sees the logout');
    expect((await account(name).test.get('/')).body).to.equal('anonymous');
  });

  it('a page view sees the session as it was when it started, despite the other tab', async () => {
    const name = uniqueName('snapshot');
    const tabA = account(name);
    const tabB = account(name);
    await tabA.test.post('/login', { user: 'ada' });
    await until(async () => (await tabB.test.get('/')).body === 'ada', 'tab B sees the login');
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    tabB.route('/slow', async function slow(req) {
      const first = req.app.session.get('user');
      await gate;
      return `${first} then ${req.app.session.get('user')}`;
    });
    const slow = tabB.test.get('/slow');
    await delay(20);
    expect((await tabA.test.post('/login', { user: 'grace' })).status).to.equal(302);
    await delay(50);
    release();
    expect((await slow).body).to.equal('ada then ada');
    await until(async () => (await tabB.test.get('/')).body === 'grace', 'tab B sees the new user after the request');
  });
});
