import '../guard.js';
import { expect } from '@esm-bundle/chai';
import { Phial, memoryStore, memorySession, sessionStorageStore, sessionStorageSession } from '../../src/index.js';
import { indexedDBStore, indexedDBSession } from '../../src/idb/index.js';
import { createStore, entries } from 'idb-keyval';
describe('audit: stores', () => {
  it('writes are in the store when the dispatch resolves (sessionStorage)', async () => {
    const name = 'aw' + Math.random().toString(36).slice(2);
    const app = new Phial({ name, flashStore: sessionStorageStore(), session: sessionStorageSession() });
    app.route('/', function index(req) { req.flash('stored-flash'); void req.app.session.set('sk', 'stored-session'); return ''; });
    await app.test.get('/');
    const all = Object.keys(sessionStorage).map((k) => sessionStorage.getItem(k)).join('\n');
    expect(all).to.contain('stored-flash');
    expect(all).to.contain('stored-session');
  });
  it('writes are in the store when the dispatch resolves (IndexedDB)', async () => {
    const tag = Math.random().toString(36).slice(2);
    const app = new Phial({ flashStore: indexedDBStore({ dbName: 'f' + tag }), session: indexedDBSession({ dbName: 's' + tag }) });
    app.route('/', function index(req) { req.flash('idb-flash'); void req.app.session.set('sk', 'idb-session'); return ''; });
    await app.test.get('/');
    const f = JSON.stringify(await entries(createStore('f' + tag, 'flashes')));
    const s = JSON.stringify(await entries(createStore('s' + tag, 'session')));
    expect(f).to.contain('idb-flash');
    expect(s).to.contain('idb-session');
  });
  it('idb flash one-shot across two apps sharing the store (two tabs)', async () => {
    const tag = Math.random().toString(36).slice(2);
    const a = new Phial({ name: 'x', flashStore: indexedDBStore({ dbName: 'g' + tag }), session: memorySession() });
    const b = new Phial({ name: 'x', flashStore: indexedDBStore({ dbName: 'g' + tag }), session: memorySession() });
    let ra: unknown[] = []; let rb: unknown[] = [];
    a.route('/set', function set(req) { req.flash('once'); return ''; });
    a.route('/get', function get(req) { ra = req.getFlashedMessages(); return ''; });
    b.route('/get', function get(req) { rb = req.getFlashedMessages(); return ''; });
    await a.test.get('/set');
    await Promise.all([a.test.get('/get'), b.test.get('/get')]);
    expect([...ra, ...rb]).to.deep.equal(['once']);
  });
});
