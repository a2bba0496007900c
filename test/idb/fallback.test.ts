import '../guard.js';
import { expect } from '@esm-bundle/chai';
import { createStore, set as idbSet } from 'idb-keyval';
import { createFlashManager, createSession, type PhialFlashManager } from '../../src/state/index.js';
import { indexedDBSession, indexedDBStore } from '../../src/idb/index.js';
import { captureWarnings, recordingHooks, replace, uniqueName } from '../state/helpers.js';

const quotaError = () => new DOMException('The quota has been exceeded.', 'QuotaExceededError');

async function view(manager: PhialFlashManager): Promise<unknown[]> {
  const page = await manager.begin();
  const read = page.getFlashedMessages();
  await page.end('rendered');
  return read;
}

/** An IDBOpenDBRequest that fails a moment later, as a profile that cannot open IndexedDB does. */
function failingOpen(this: IDBFactory): IDBOpenDBRequest {
  const request = { error: new DOMException('Internal error opening backing store.', 'UnknownError') } as {
    error: DOMException;
    onerror?: () => void;
  };
  setTimeout(() => request.onerror?.(), 5);
  return request as unknown as IDBOpenDBRequest;
}

describe('IndexedDB that fails falls back to memory', () => {
  const restores: Array<() => void> = [];
  afterEach(() => {
    while (restores.length > 0) restores.pop()!();
  });

  for (const [how, open] of [
    ['throws at open', () => {
      throw new DOMException('IndexedDB is disabled.', 'InvalidStateError');
    }],
    ['fails to open', failingOpen],
  ] as const) {
    it(`flashes: IndexedDB that ${how} -> memory, the signal, nothing lost`, async () => {
      restores.push(replace(IDBFactory.prototype, 'open', open as IDBFactory['open']));
      const hooks = recordingHooks();
      const app = createFlashManager(indexedDBStore(), uniqueName('noidb'), hooks);
      const post = await app.begin();
      post.flash('Saved');
      await post.end('redirect');
      expect(await view(app)).to.deep.equal(['Saved']);
      expect(hooks.fallbacks.map(([store]) => store)).to.deep.equal(['indexedDB']);
    });

    it(`session: IndexedDB that ${how} -> memory, the signal, values kept`, async () => {
      restores.push(replace(IDBFactory.prototype, 'open', open as IDBFactory['open']));
      const hooks = recordingHooks();
      const session = createSession(indexedDBSession(), uniqueName('noidb'), hooks);
      await session.beginRequest();
      await session.set('user', 'ada');
      expect(session.get('user')).to.equal('ada');
      await session.endRequest();
      expect(session.get('user')).to.equal('ada');
      expect(hooks.fallbacks.map(([store]) => store)).to.deep.equal(['indexedDB']);
    });
  }

  it('flashes: QuotaExceededError on a big write keeps that message and the pending ones in this tab only', async () => {
    const name = uniqueName('quota');
    const hooks = recordingHooks();
    const app = createFlashManager(indexedDBStore(), name, hooks);
    const other = createFlashManager(indexedDBStore(), name, recordingHooks());
    await app.flash('Small');
    const put = IDBObjectStore.prototype.put;
    restores.push(replace(IDBObjectStore.prototype, 'put', function (this: IDBObjectStore, value: unknown, key?: IDBValidKey) {
      if (JSON.stringify(value).length > 2000) throw quotaError();
      return put.call(this, value, key);
    }));
    const post = await app.begin();
    post.flash('x'.repeat(3000));
    await post.end('redirect');
    expect(hooks.fallbacks.map(([store, error]) => [store, (error as DOMException).name])).to.deep.equal([
      ['indexedDB', 'QuotaExceededError'],
    ]);
    expect(await view(other)).to.deep.equal([]);
    expect(await view(app)).to.deep.equal(['Small', 'x'.repeat(3000)]);
  });

  it('session: QuotaExceededError on write keeps the value in this tab', async () => {
    const hooks = recordingHooks();
    const session = createSession(indexedDBSession(), uniqueName('quota'), hooks);
    await session.beginRequest();
    await session.set('before', 1);
    restores.push(replace(IDBObjectStore.prototype, 'put', () => {
      throw quotaError();
    }));
    await session.set('after', 2);
    await session.endRequest();
    expect(session.entries()).to.deep.equal([['before', 1], ['after', 2]]);
    expect(hooks.fallbacks.map(([store, error]) => [store, (error as DOMException).name])).to.deep.equal([
      ['indexedDB', 'QuotaExceededError'],
    ]);
  });
});

describe('corrupt flash data in IndexedDB', () => {
  it('is dropped with a warning, never thrown', async () => {
    const name = uniqueName('corrupt');
    await idbSet(`phial:flashes:${name}`, 'not a state', createStore('phial-flashes', 'flashes'));
    const capture = captureWarnings();
    try {
      const app = createFlashManager(indexedDBStore(), name, recordingHooks());
      expect(await view(app)).to.deep.equal([]);
      await app.flash('Fresh');
      expect(await view(app)).to.deep.equal(['Fresh']);
      expect(capture.warnings.join('\n')).to.contain('dropped corrupt data in indexedDB');
    } finally {
      capture.stop();
    }
  });
});
