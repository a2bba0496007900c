/**
 * Where flash messages and the session live: the two store interfaces, and the stores that come
 * with the core (sessionStorage, the default, and memory). A store is dumb storage under a key
 * chosen by the app (its name), so one store object can serve several apps and keep them apart;
 * the one-shot and snapshot rules live in flash.ts and session.ts, the same for every store.
 */
import { DEV, prodMessage } from '../dev.js';
import { checkDuplicateTab } from './tab.js';

/**
 * Storage for flash messages. Phial keeps all of an app's flash state under one key and changes
 * it only through `update`, an atomic read-modify-write: that is what makes a message reach
 * exactly one page view when several tabs (or documents) share the store.
 *
 * To write your own store, keep `update` atomic against every other writer that can see the same
 * key. A store that fails (throws or rejects) is replaced by memory for the rest of the page's
 * life, and the app's `storageFallback` signal fires.
 *
 * @example
 * // A store over localStorage, shared by tabs (atomic within one tab only: a sketch).
 * const localFlashes: FlashStore = {
 *   name: 'localStorage',
 *   shared: true,
 *   async update(key, updater) {
 *     const text = localStorage.getItem(key);
 *     localStorage.setItem(key, JSON.stringify(updater(text === null ? undefined : JSON.parse(text))));
 *   },
 * };
 * const app = new Phial({ flashStore: localFlashes });
 */
export interface FlashStore {
  /** Names the store in warnings and in the `storageFallback` signal, e.g. 'sessionStorage'. */
  readonly name: string;
  /**
   * True when other tabs see the same data (IndexedDB). After a failure Phial then keeps in
   * memory only what this tab holds, so no message is delivered twice.
   */
  readonly shared?: boolean;
  /**
   * Reads the value stored under `key` (`undefined` when there is none), passes it to `updater`
   * and stores what it returns, as one atomic step. `updater` is synchronous and pure (it may be
   * called again after a failure); the value is plain JSON-compatible data.
   */
  update(key: string, updater: (stored: unknown) => unknown): Promise<void>;
}

/**
 * Storage for the session: a map of JSON values under a key chosen by the app. Writes are per
 * key, so a store shared by tabs never brings back a key another tab deleted.
 *
 * @example
 * // A memory store that logs writes.
 * const data = new Map<string, Record<string, unknown>>();
 * const loggingSession: SessionStore = {
 *   name: 'logging',
 *   load: (key) => ({ ...data.get(key) }),
 *   write(key, changes) {
 *     const values = { ...data.get(key) };
 *     for (const [name, value] of changes) {
 *       if (value === undefined) delete values[name];
 *       else values[name] = value;
 *     }
 *     data.set(key, values);
 *     console.log('session', key, changes);
 *   },
 * };
 * const app = new Phial({ session: loggingSession });
 */
export interface SessionStore {
  /** Names the store in warnings and in the `storageFallback` signal. */
  readonly name: string;
  /** Every value stored under `key` (an empty object when there is none). */
  load(key: string): Record<string, unknown> | Promise<Record<string, unknown>>;
  /** Writes the changed keys only: a value to set, `undefined` to delete. */
  write(key: string, changes: ReadonlyMap<string, unknown>): void | Promise<void>;
  /**
   * For stores shared by tabs: calls `listener` with the keys another tab (or another store
   * object over the same data) changed, `undefined` for a deleted key. Returns an unsubscribe.
   */
  subscribe?(key: string, listener: (changes: ReadonlyMap<string, unknown>) => void): () => void;
}

/** Reports an error that must not stop what is running (a throwing receiver, say). */
export function reportLater(error: unknown): void {
  if (typeof globalThis.reportError === 'function') globalThis.reportError(error);
  else console.error(error);
}

/**
 * The warning Phial gives for stored data it cannot use; it drops the data and goes on. A
 * production build names the store and the key only (`problem` is for development builds).
 */
export function warnCorrupt(store: string, key: string, problem: string): void {
  console.warn(DEV ? `Phial: dropped corrupt data in ${store} under ${JSON.stringify(key)} (${problem}).` : prodMessage(502, `dropped corrupt data in ${store} under ${key}`));
}

/** Parses stored JSON text, dropping (with a warning) what does not parse. */
export function parseStored(store: string, key: string, text: string | null): unknown {
  if (text === null) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    warnCorrupt(store, key, DEV ? 'not JSON' : '');
    return undefined;
  }
}

function storage(): Storage {
  // Reading the property itself throws a SecurityError where storage is blocked.
  const area = globalThis.sessionStorage;
  if (!area) throw new DOMException('sessionStorage is not available here', 'NotSupportedError');
  return area;
}

/**
 * The default flash store: sessionStorage, so pending messages survive redirects and reloads of
 * the tab but stay in it. A duplicated tab (or a `window.open` window), which the browser gives a
 * copy of sessionStorage, drops its copy of the messages: they show in the original tab only.
 *
 * @example
 * const app = new Phial({ flashStore: sessionStorageStore() });
 */
export function sessionStorageStore(): FlashStore {
  // Per key: settles once this document has decided whether the stored copy is its own.
  const adopting = new Map<string, Promise<void>>();
  const adopted = new Set<string>();
  const adopt = (key: string): Promise<void> => {
    let done = adopting.get(key);
    if (!done) {
      done = (async () => {
        // Awaited even with nothing stored: this document must hold its own tab id before it
        // writes, or a reload of a fresh copy could take its own messages for copied ones.
        if ((await checkDuplicateTab()) && storage().getItem(key) !== null) storage().removeItem(key);
        adopted.add(key);
      })();
      adopting.set(key, done);
      // A failed check is tried again on the next update (which may then fall back).
      done.catch(() => adopting.delete(key));
    }
    return done;
  };
  return {
    name: 'sessionStorage',
    shared: false,
    async update(key, updater) {
      // Synchronous once adopted, so a write is in storage by the time update returns.
      if (!adopted.has(key)) await adopt(key);
      const area = storage();
      const next = updater(parseStored('sessionStorage', key, area.getItem(key)));
      area.setItem(key, JSON.stringify(next));
    },
  };
}

/**
 * A flash store in memory: messages survive redirects within the page, not a reload. What
 * Phial falls back to when storage fails; handy in tests.
 *
 * @example
 * const app = new Phial({ flashStore: memoryStore() });
 */
export function memoryStore(): FlashStore {
  const values = new Map<string, unknown>();
  return {
    name: 'memory',
    shared: false,
    async update(key, updater) {
      values.set(key, updater(values.get(key)));
    },
  };
}

/** Makes a plain object of session values out of stored data, dropping what is corrupt. */
export function sessionValues(store: string, key: string, stored: unknown): Record<string, unknown> {
  if (stored === undefined || stored === null) return {};
  if (typeof stored !== 'object' || Array.isArray(stored)) {
    warnCorrupt(store, key, DEV ? 'not an object of session values' : '');
    return {};
  }
  return { ...(stored as Record<string, unknown>) };
}

function applyChanges(values: Record<string, unknown>, changes: ReadonlyMap<string, unknown>): Record<string, unknown> {
  const next = { ...values };
  for (const [name, value] of changes) {
    if (value === undefined) delete next[name];
    else next[name] = value;
  }
  return next;
}

/**
 * The default session store: sessionStorage, per tab, surviving reloads. A duplicated tab keeps
 * its copy of the session, as a duplicated tab keeps a site's session cookies.
 *
 * @example
 * const app = new Phial({ session: sessionStorageSession() });
 */
export function sessionStorageSession(): SessionStore {
  return {
    name: 'sessionStorage',
    load(key) {
      return sessionValues('sessionStorage', key, parseStored('sessionStorage', key, storage().getItem(key)));
    },
    write(key, changes) {
      const area = storage();
      const values = sessionValues('sessionStorage', key, parseStored('sessionStorage', key, area.getItem(key)));
      area.setItem(key, JSON.stringify(applyChanges(values, changes)));
    },
  };
}

/**
 * A session in memory, gone on reload: give each app its own (what tests use to stay apart).
 *
 * @example
 * const app = new Phial({ session: memorySession() });
 */
export function memorySession(): SessionStore {
  const data = new Map<string, string>();
  return {
    name: 'memory',
    load(key) {
      const text = data.get(key);
      return text === undefined ? {} : (JSON.parse(text) as Record<string, unknown>);
    },
    write(key, changes) {
      const text = data.get(key);
      const values = text === undefined ? {} : (JSON.parse(text) as Record<string, unknown>);
      data.set(key, JSON.stringify(applyChanges(values, changes)));
    },
  };
}
