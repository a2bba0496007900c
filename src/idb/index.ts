/**
 * `phial/idb`: flash and session stores in IndexedDB (on idb-keyval's custom stores), shared by
 * every tab of the origin. Flash state changes in one read-modify-write transaction, which is
 * what makes a claim atomic across tabs. The session is stored one record per key, each stamped
 * (time, writer): the newest stamp wins everywhere, a delete leaves a stamped tombstone so an
 * older write cannot bring the key back, and each change is announced on a BroadcastChannel so
 * the other tabs update their view key by key.
 */
import { createStore, promisifyRequest, update, type UseStore } from 'idb-keyval';
import type { FlashStore, SessionStore } from '../state/index.js';
import { warnCorrupt } from '../state/stores.js';
import { randomId } from '../state/tab.js';

/** Where an IndexedDB store keeps its data. */
export interface IndexedDBOptions {
  /** The database name; default 'phial-flashes' for flashes, 'phial-session' for the session. */
  dbName?: string;
  /** The object store in it; default 'flashes' / 'session'. Each database holds one store. */
  storeName?: string;
}

/**
 * Flash messages in IndexedDB, shared by the tabs of the origin: a message reaches exactly one
 * page view, in whichever tab reads it first; a tab that closes mid-request loses nothing it had
 * not shown.
 *
 * @example
 * import { indexedDBStore } from 'phial/idb';
 * const app = new Phial({ flashStore: indexedDBStore() });
 */
export function indexedDBStore({ dbName = 'phial-flashes', storeName = 'flashes' }: IndexedDBOptions = {}): FlashStore {
  // idb-keyval opens the database on first use: creating the store costs nothing, and a
  // failure is reported by the first update.
  const database = createStore(dbName, storeName);
  return { name: 'indexedDB', shared: true, update: (key, updater) => update(key, updater, database) };
}

interface Stamped {
  /** The value; absent on a tombstone. */
  v?: unknown;
  deleted?: true;
  /** When it was written (ms, never below a stamp its writer had seen) and by whom. */
  t: number;
  by: string;
}

type Stamp = Pick<Stamped, 't' | 'by'>;

interface Announcement {
  key: string;
  records: Array<[string, Stamped]>;
}

/**
 * The session in IndexedDB, shared by the tabs of the origin: a change in one tab reaches the
 * others key by key (logging out in one tab logs out everywhere), and a tab never writes back a
 * key another tab deleted.
 *
 * @example
 * import { indexedDBSession } from 'phial/idb';
 * const app = new Phial({ session: indexedDBSession() });
 */
export function indexedDBSession({ dbName = 'phial-session', storeName = 'session' }: IndexedDBOptions = {}): SessionStore {
  return new IndexedDBSession(dbName, storeName);
}

type Listener = (changes: ReadonlyMap<string, unknown>) => void;

/**
 * One session store: its records in IndexedDB, the newest stamp this tab has seen of each key,
 * and the channel that changes travel on between tabs.
 */
class IndexedDBSession implements SessionStore {
  readonly name = 'indexedDB';
  readonly #writer = randomId();
  /** idb-keyval opens the database on first use: creating the store costs nothing. */
  readonly #database: UseStore;
  readonly #channelName: string;
  #channel: BroadcastChannel | undefined;
  /** Per app key: the newest stamp seen for each session key. */
  readonly #seen = new Map<string, Map<string, Stamp>>();
  readonly #listeners = new Map<string, Set<Listener>>();

  constructor(dbName: string, storeName: string) {
    this.#database = createStore(dbName, storeName);
    this.#channelName = `phial-session:${dbName}/${storeName}`;
  }

  async load(key: string): Promise<Record<string, unknown>> {
    const range = IDBKeyRange.bound([key], [key, []]);
    const [keys, records] = await this.#database('readonly', (store) =>
      Promise.all([promisifyRequest(store.getAllKeys(range)), promisifyRequest(store.getAll(range))]),
    );
    const stamps = this.#stampsOf(key);
    const values: Record<string, unknown> = {};
    keys.forEach((recordKey, index) => {
      const name = Array.isArray(recordKey) ? recordKey[1] : undefined;
      const record: unknown = records[index];
      if (typeof name !== 'string' || !isStamped(record)) {
        warnCorrupt('indexedDB', key, `a malformed session record ${JSON.stringify(String(name))}`);
        return;
      }
      const known = stamps.get(name);
      if (!known || newer(record, known)) stamps.set(name, { t: record.t, by: record.by });
      if (!record.deleted) values[name] = record.v;
    });
    return values;
  }

  async write(key: string, changes: ReadonlyMap<string, unknown>): Promise<void> {
    const stamps = this.#stampsOf(key);
    const mine = new Map<string, Stamped>();
    for (const [name, value] of changes) {
      // Never below a stamp this tab has seen: its write is the newer one, whatever the clocks.
      const t = Math.max(Date.now(), (stamps.get(name)?.t ?? 0) + 1);
      mine.set(name, value === undefined ? { deleted: true, t, by: this.#writer } : { v: value, t, by: this.#writer });
    }
    // Known before it commits: an older change from another tab arriving meanwhile is stale.
    for (const [name, record] of mine) stamps.set(name, { t: record.t, by: record.by });
    const { won, lost } = await this.#database('readwrite', (store) => writeNewest(store, key, mine));
    if (won.length > 0) this.#openChannel()?.postMessage({ key, records: won } satisfies Announcement);
    // Another tab wrote these keys later than this tab did: its values stand, here too.
    this.#receive(key, lost);
  }

  subscribe(key: string, listener: Listener): () => void {
    this.#openChannel();
    let set = this.#listeners.get(key);
    if (!set) this.#listeners.set(key, (set = new Set()));
    set.add(listener);
    return () => void set.delete(listener);
  }

  #stampsOf(key: string): Map<string, Stamp> {
    let stamps = this.#seen.get(key);
    if (!stamps) this.#seen.set(key, (stamps = new Map()));
    return stamps;
  }

  /** Keeps the records newer than what this tab has seen, and tells the listeners of `key`. */
  #receive(key: string, records: Array<[string, Stamped]>): void {
    const stamps = this.#stampsOf(key);
    const changes = new Map<string, unknown>();
    for (const [name, record] of records) {
      const known = stamps.get(name);
      if (known && !newer(record, known)) continue;
      stamps.set(name, { t: record.t, by: record.by });
      changes.set(name, record.deleted ? undefined : record.v);
    }
    if (changes.size === 0) return;
    for (const listener of this.#listeners.get(key) ?? []) listener(changes);
  }

  /** The channel to the other tabs, opened on first use; none where BroadcastChannel is missing. */
  #openChannel(): BroadcastChannel | undefined {
    if (this.#channel || typeof BroadcastChannel !== 'function') return this.#channel;
    const channel = new BroadcastChannel(this.#channelName);
    channel.onmessage = (event: MessageEvent<Announcement>) => {
      const { key, records } = event.data ?? {};
      if (typeof key === 'string' && Array.isArray(records)) this.#receive(key, records.filter(([, record]) => isStamped(record)));
    };
    return (this.#channel = channel);
  }
}

/** Puts each record unless the stored one is newer; resolves when the transaction commits. */
function writeNewest(
  store: IDBObjectStore,
  key: string,
  records: Map<string, Stamped>,
): Promise<{ won: Array<[string, Stamped]>; lost: Array<[string, Stamped]> }> {
  const won: Array<[string, Stamped]> = [];
  const lost: Array<[string, Stamped]> = [];
  let failure: unknown;
  for (const [name, record] of records) {
    const existing = store.get([key, name]);
    // Read and written in the request's callback, as idb-keyval's own `update` does.
    existing.onsuccess = () => {
      const stored: unknown = existing.result;
      if (isStamped(stored) && newer(stored, record)) {
        lost.push([name, stored]);
        return;
      }
      try {
        store.put(record, [key, name]);
        won.push([name, record]);
      } catch (error) {
        // Thrown here it would abort the transaction as an uncaught error: abort it ourselves.
        failure = error;
        store.transaction.abort();
      }
    };
  }
  return promisifyRequest(store.transaction).then(
    () => ({ won, lost }),
    (error: unknown) => {
      throw failure ?? error ?? new DOMException('The session write was aborted.', 'AbortError');
    },
  );
}

function newer(a: Stamp, b: Stamp): boolean {
  return a.t > b.t || (a.t === b.t && a.by > b.by);
}

function isStamped(record: unknown): record is Stamped {
  if (record === null || typeof record !== 'object') return false;
  const r = record as Partial<Stamped>;
  return typeof r.t === 'number' && typeof r.by === 'string' && (r.deleted === true || 'v' in r);
}
