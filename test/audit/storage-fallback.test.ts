import '../guard.js';
import { expect } from '@esm-bundle/chai';
import { Phial, signals, memorySession, memoryStore, type FlashStore, type SessionStore } from '../../src/index.js';

describe('audit: storage fallback', () => {
  it('sessionStorage that throws falls back to memory, signal, no message lost', async () => {
    const orig = Storage.prototype.setItem;
    const warns: unknown[][] = [];
    const ow = console.warn;
    console.warn = (...a: unknown[]) => { warns.push(a); };
    Storage.prototype.setItem = function () { throw new DOMException('quota', 'QuotaExceededError'); };
    const fallbacks: any[] = [];
    let app: Phial | null = null;
    const d = signals.storageFallback.connect((s, dt: any) => { fallbacks.push([s === app || app === null, dt.store, dt.error]); });
    app = new Phial({ name: 'fallback-probe-' + Math.random() });
    try {
      expect(await flashThenRead(app)).to.deep.equal(['kept']);
      await app.session.set('a', 1);
      expect(app.session.get('a')).to.equal(1);
      expect(fallbacks.length, 'fallbacks ' + warns.length).to.be.greaterThan(0);
      expect(fallbacks[0][0]).to.equal(true);
      expect(fallbacks[0][1]).to.be.a('string');
    } finally {
      Storage.prototype.setItem = orig; console.warn = ow; d();
    }
  });
  it('custom FlashStore that rejects falls back', async () => {
    const store: FlashStore = { name: 'broken', update: async () => { throw new Error('down'); } } as unknown as FlashStore;
    const ow = console.warn; console.warn = () => {};
    const fallbacks: unknown[] = [];
    const app = new Phial({ flashStore: store, session: memorySession() });
    const d = signals.storageFallback.connect((s, dt: any) => { fallbacks.push(dt.store); }, { sender: app });
    try {
      expect(await flashThenRead(app)).to.deep.equal(['kept']);
      expect(fallbacks).to.deep.equal(['broken']);
    } finally { console.warn = ow; d(); }
  });
  it('custom SessionStore works', async () => {
    const data = new Map<string, Record<string, unknown>>();
    const store: SessionStore = {
      name: 'custom',
      load: (key: string) => ({ ...data.get(key) }),
      write(key: string, changes: ReadonlyMap<string, unknown>) {
        const v = { ...data.get(key) };
        for (const [k, val] of changes) { if (val === undefined) delete v[k]; else v[k] = val; }
        data.set(key, v);
      },
    } as unknown as SessionStore;
    const app = new Phial({ flashStore: memoryStore(), session: store });
    app.route('/', async function index(req) { await req.app.session.set('u', 'ada'); return ''; });
    await app.test.get('/');
    expect([...data.values()].some((v) => v.u === 'ada')).to.equal(true);
  });
});

/** Flashes 'kept' in one request and returns what the next one reads. */
async function flashThenRead(app: Phial): Promise<unknown[]> {
  let shown: unknown[] = [];
  app.route('/set', function set(req) { req.flash('kept'); return ''; });
  app.route('/get', function get(req) { shown = req.getFlashedMessages(); return ''; });
  await app.test.get('/set');
  await app.test.get('/get');
  return shown;
}
