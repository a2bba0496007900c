import '../guard.js';
import { expect } from '@esm-bundle/chai';
import { memorySession, redirect, Request, type FlashStore, type SessionStore } from '../../src/index.js';
import { makeApp, sleep } from './helpers.js';

describe('flash messages and the session in the dispatch', () => {
  it('show a message flashed before a redirect on the page the redirect leads to, once', async () => {
    const app = makeApp();
    app.post('/save', function save(req) {
      req.getFlashedMessages();
      req.flash('Saved', 'success');
      return redirect(req.urlFor('index'));
    });
    app.route('/', function index(req) { return JSON.stringify(req.getFlashedMessages({ withCategories: true })); });

    const res = await app.test.post('/save', { title: 'x' }, { followRedirects: true });
    expect(res.body).to.equal('[["success","Saved"]]');
    expect((await app.test.get('/')).body).to.equal('[]');
  });

  it('give back what a hop that ends in a redirect read', async () => {
    const app = makeApp();
    await app.flash('Hello');
    app.route('/hop', function hop(req) { req.getFlashedMessages(); return redirect('/'); });
    app.route('/', function index(req) { return JSON.stringify(req.getFlashedMessages()); });

    expect((await app.test.get('/hop', { followRedirects: true })).body).to.equal('["Hello"]');
    expect((await app.test.get('/')).body).to.equal('[]');
  });

  it('give back what an aborted navigation read', async () => {
    const app = makeApp();
    await app.flash('Still here');
    let read: unknown[] = [];
    app.route('/slow', async function slow(req) { read = req.getFlashedMessages(); await sleep(20); return 'slow'; });
    app.route('/', function index(req) { return JSON.stringify(req.getFlashedMessages()); });
    const controller = new AbortController();

    const aborted = app.dispatch(new Request(app, '/slow', { signal: controller.signal })).catch((e: Error) => e.name);
    await sleep(5);
    controller.abort();
    expect(await aborted).to.equal('AbortError');

    expect(read).to.deep.equal(['Still here']);
    expect((await app.test.get('/')).body).to.equal('["Still here"]');
  });

  it('have their writes in the stores by the time the dispatch resolves', async () => {
    const writes: string[] = [];
    const data = new Map<string, Record<string, unknown>>();
    const slowSession: SessionStore = {
      name: 'slow',
      load: (key) => ({ ...data.get(key) }),
      async write(key, changes) {
        await sleep(15);
        data.set(key, { ...data.get(key), ...Object.fromEntries(changes) });
        writes.push(`session ${[...changes.keys()].join(',')}`);
      },
    };
    let stored: unknown;
    const slowFlashes: FlashStore = {
      name: 'slowFlashes',
      async update(key, updater) {
        await sleep(5);
        stored = updater(stored);
        writes.push('flashes');
      },
    };
    const app = makeApp({ session: slowSession, flashStore: slowFlashes });
    app.route('/', function index(req) {
      void req.app.session.set('user', 'ada');
      req.flash('hi');
      return 'ok';
    });

    await app.test.get('/');

    expect(writes).to.include('session user');
    expect(JSON.stringify(stored)).to.contain('"hi"');
    expect(data.get('phial:session:/')).to.deep.equal({ user: 'ada' });
  });

  it('keeps two apps apart with their own memory sessions', async () => {
    const one = makeApp({ session: memorySession() });
    const two = makeApp({ session: memorySession() });
    await one.session.set('k', 1);
    expect(two.session.get('k')).to.equal(undefined);
  });
});
