/**
 * The session: a map of JSON values per app, `get`/`has` synchronous over an in-memory view of
 * the store. The view changes at once with this tab's writes; changes from other tabs (stores
 * that share the session, such as IndexedDB) wait while a request is in flight, so a request
 * sees the session as it was when it started plus its own writes. Writes go key by key, so one
 * tab never writes back a key another tab deleted.
 */
import type { AppSession, StateHooks } from './contract.js';
import { DEV, prodMessage } from '../dev.js';
import { PhialError } from '../errors.js';
import { toJsonText } from './json.js';
import { memorySession, reportLater, sessionStorageSession, warnCorrupt, type SessionStore } from './stores.js';

/**
 * The session of one app, as `createSession` returns it: the contract's `AppSession`, plus what
 * the debug toolbar needs.
 */
export interface PhialSession extends AppSession {
  /**
   * A request starts. Resolves once the store's data is loaded (at once for sessionStorage and
   * memory; IndexedDB loads asynchronously): await it before the view reads the session.
   */
  beginRequest(): Promise<void>;
  /** Every key and value, as JSON copies. */
  entries(): Array<[string, unknown]>;
}

/**
 * Creates the session of an app. `store` defaults to sessionStorage, keyed by `appName`; a
 * store that fails is replaced by memory (keeping every value) and reported through
 * `hooks.storageFallback`.
 *
 * @example
 * const session = createSession(undefined, 'shop', hooks);
 * await session.beginRequest();
 * await session.set('user', { id: 7 });
 * session.get('user');                    // { id: 7 } (a copy)
 * await session.endRequest();
 */
export function createSession(store: SessionStore | undefined, appName: string, hooks: StateHooks): PhialSession {
  return new Session(store ?? sessionStorageSession(), `phial:session:${appName}`, hooks);
}

class Session implements PhialSession {
  #store: SessionStore;
  readonly #key: string;
  readonly #hooks: StateHooks;
  #fellBack = false;
  /** The view: key to JSON text. */
  readonly #values = new Map<string, string>();
  #loading: Promise<void> | undefined;
  #loaded = false;
  /** Keys this tab wrote before the store's data arrived: the load must not overwrite them. */
  readonly #touched = new Set<string>();
  #inFlight = 0;
  /** Other tabs' changes waiting for the requests in flight to end (undefined: deleted). */
  readonly #queued = new Map<string, string | undefined>();
  readonly #writes = new Set<Promise<void>>();
  #unsubscribe: (() => void) | undefined;

  constructor(store: SessionStore, key: string, hooks: StateHooks) {
    this.#store = store;
    this.#key = key;
    this.#hooks = hooks;
    // Not in the constructor itself: a fallback reported now would reach no receiver yet.
    queueMicrotask(() => void this.#load());
  }

  get(key: string, fallback?: unknown): unknown {
    void this.#load();
    const text = this.#values.get(key);
    return text === undefined ? fallback : JSON.parse(text);
  }

  has(key: string): boolean {
    void this.#load();
    return this.#values.has(key);
  }

  entries(): Array<[string, unknown]> {
    void this.#load();
    return [...this.#values].map(([key, text]) => [key, JSON.parse(text)]);
  }

  set(key: string, value: unknown): Promise<void> {
    if (typeof key !== 'string') {
      throw new PhialError(DEV ? `session.set(key, value): the key must be a string, not ${typeof key}. Session keys are names, as in Flask.` : prodMessage(503, 'session.set(): bad key'));
    }
    const text = toJsonText(value, `The session value for ${JSON.stringify(key)}`);
    void this.#load();
    this.#values.set(key, text);
    return this.#write(new Map([[key, JSON.parse(text)]]));
  }

  delete(key: string): Promise<void> {
    void this.#load();
    this.#values.delete(key);
    return this.#write(new Map([[key, undefined]]));
  }

  clear(): Promise<void> {
    void this.#load();
    const changes = new Map<string, unknown>([...this.#values.keys()].map((key) => [key, undefined]));
    this.#values.clear();
    return changes.size === 0 ? Promise.resolve() : this.#write(changes);
  }

  beginRequest(): Promise<void> {
    this.#inFlight++;
    return this.#load();
  }

  async endRequest(): Promise<void> {
    try {
      await Promise.all(this.#writes);
    } finally {
      this.#inFlight = Math.max(0, this.#inFlight - 1);
      this.#applyQueued();
    }
  }

  #load(): Promise<void> {
    this.#loading ??= this.#startLoading();
    return this.#loading;
  }

  async #startLoading(): Promise<void> {
    this.#subscribe();
    let loaded: Record<string, unknown> = {};
    try {
      const result = this.#store.load(this.#key);
      // A synchronous store fills the view before the caller's next line.
      if (typeof (result as Partial<Promise<unknown>>).then !== 'function') this.#fill(result as Record<string, unknown>);
      else loaded = await result;
    } catch (error) {
      this.#fallBack(error);
    }
    if (!this.#loaded) this.#fill(loaded);
  }

  #fill(stored: Record<string, unknown>): void {
    for (const [key, value] of Object.entries(stored ?? {})) {
      const text = this.#touched.has(key) ? undefined : this.#storedText(key, value);
      if (text !== undefined) this.#values.set(key, text);
    }
    this.#loaded = true;
    this.#touched.clear();
    this.#applyQueued();
  }

  #subscribe(): void {
    this.#unsubscribe = this.#store.subscribe?.(this.#key, (changes) => {
      for (const [key, value] of changes) {
        if (value === undefined) this.#queued.set(key, undefined);
        else {
          const text = this.#storedText(key, value);
          if (text !== undefined) this.#queued.set(key, text);
        }
      }
      this.#applyQueued();
    });
  }

  /** The JSON text of a value from the store, or undefined (with a warning) when it is not JSON. */
  #storedText(key: string, value: unknown): string | undefined {
    try {
      return toJsonText(value, 'A stored session value');
    } catch {
      warnCorrupt(this.#store.name, this.#key, DEV ? `the value of ${JSON.stringify(key)} is not JSON` : '');
      return undefined;
    }
  }

  #applyQueued(): void {
    if (this.#inFlight > 0 || !this.#loaded) return;
    for (const [key, text] of this.#queued) {
      if (text === undefined) this.#values.delete(key);
      else this.#values.set(key, text);
    }
    this.#queued.clear();
  }

  #write(changes: Map<string, unknown>): Promise<void> {
    for (const key of changes.keys()) {
      // This tab's write is newer than another tab's change it has not applied yet.
      this.#queued.delete(key);
      if (!this.#loaded) this.#touched.add(key);
    }
    const write = this.#send(changes);
    this.#writes.add(write);
    void write.finally(() => this.#writes.delete(write));
    return write;
  }

  async #send(changes: Map<string, unknown>): Promise<void> {
    try {
      await this.#store.write(this.#key, changes);
    } catch (error) {
      this.#fallBack(error);
    }
  }

  /** The store failed: memory from now on, holding everything this tab sees. */
  #fallBack(error: unknown): void {
    if (this.#fellBack) return;
    this.#fellBack = true;
    const failed = this.#store;
    this.#unsubscribe?.();
    this.#store = memorySession();
    const everything = new Map<string, unknown>([...this.#values].map(([key, text]) => [key, JSON.parse(text)]));
    void this.#store.write(this.#key, everything);
    try {
      this.#hooks.storageFallback(failed.name, error);
    } catch (thrown) {
      reportLater(thrown);
    }
  }
}
