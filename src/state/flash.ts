/**
 * Flash messages: Flask's `flash` and `getFlashedMessages`, one page view per request, each
 * message delivered to exactly one page view across redirects, reloads and tabs.
 *
 * Design. An app's flash state sits under one key of its store, `{ pending, claims }`, changed
 * only by atomic read-modify-writes (one IndexedDB transaction each). Reads are synchronous, so a
 * request claims every pending message when it begins: they move into a claim named after the
 * request, owned by this document. Reads return the claimed messages and record what they
 * returned in the claim. When the request ends, its claim goes: what it read is consumed if the
 * page rendered and given back if the hop redirected or was aborted; what it did not read goes
 * back to pending, in flash order. A message flashed before the first read joins the claim (the
 * same request may still read it); one flashed after goes straight to pending (the next page).
 *
 * Dead claims. Each document holds a Web Lock named after it for its whole life; the browser
 * drops it when the tab closes or crashes. A request that finds a claim whose owner's lock is not
 * held (and that is older than the lock query) takes over the unread messages of that claim;
 * what the dead page read is gone: at most once, lost only if the page that read a message died
 * before showing it. Without Web Locks a claim carries a lease its request renews, and an
 * expired lease is recovered the same way.
 */
import type { FlashManager, FlashOutcome, FlashReadOptions, FlashRequestState, StateHooks } from './contract.js';
import { DEV, prodMessage } from '../dev.js';
import { PhialError } from '../errors.js';
import { jsonCopy } from './json.js';
import { reportLater, sessionStorageStore, warnCorrupt, type FlashStore } from './stores.js';
import { hold, randomId } from './tab.js';

export interface StoredFlash {
  id: string;
  category: string;
  message: unknown;
  /** When it was flashed (ms, strictly increasing per document): the delivery order. */
  at: number;
}

export interface Claim {
  /** The document holding it (its Web Lock is named after this id). */
  owner: string;
  at: number;
  /** The lease's end, when the owner could not hold a Web Lock. */
  expires: number | null;
  items: StoredFlash[];
  read: string[];
}

export interface FlashState {
  pending: StoredFlash[];
  claims: Record<string, Claim>;
}

const EMPTY: FlashState = { pending: [], claims: {} };
const OWNER_LOCK = 'phial-flash-owner:';
const LEASE_MS = 30_000;

/** A message as `<phial-flashes live>` receives it the moment it is flashed. */
export interface LiveFlash {
  readonly message: unknown;
  readonly category: string;
  /** Counts the message as read (the element showed it): no page view gets it after this. */
  markRead(): Promise<void>;
}

/**
 * The flash manager of one app, as `createFlashManager` returns it: the contract's `begin`, plus
 * what needs no request (flashing outside one, the debug toolbar's peek, live elements).
 */
export interface PhialFlashManager extends FlashManager {
  /** Flashes outside any request: the message is pending for the next page view. */
  flash(message: unknown, category?: string): Promise<void>;
  /** Every message not yet consumed, as `[category, message]`, without consuming any. */
  peek(): Promise<Array<[string, unknown]>>;
  /** Calls `listener` with each message flashed from now on; returns an unsubscribe. */
  subscribe(listener: (flashed: LiveFlash) => void): () => void;
}

/** Knobs for tests and unusual environments. */
export interface FlashManagerOptions {
  /** The Web Locks to hold a claim with; null forces leases. Default `navigator.locks`. */
  locks?: LockManager | null;
  /** How long a lease lasts without renewal, when there are no Web Locks. Default 30 s. */
  leaseMs?: number;
}

/**
 * Creates the flash manager of an app. `store` defaults to sessionStorage, keyed by `appName`;
 * a store that fails is replaced by memory and reported through `hooks.storageFallback`.
 *
 * @example
 * const manager = createFlashManager(undefined, 'shop', hooks);
 * const flashes = await manager.begin();      // the dispatch starts
 * flashes.flash('Saved', 'success');
 * await flashes.end('redirect');              // the next page view shows "Saved"
 */
export function createFlashManager(
  store: FlashStore | undefined,
  appName: string,
  hooks: StateHooks,
  options: FlashManagerOptions = {},
): PhialFlashManager {
  return new Manager(store ?? sessionStorageStore(), `phial:flashes:${appName}`, hooks, options);
}

class Manager implements PhialFlashManager {
  readonly owner = randomId();
  readonly storage: FlashStorage;
  readonly hooks: StateHooks;
  readonly leaseMs: number;
  readonly active = new Set<FlashRequest>();
  readonly locks: LockManager | null;
  readonly #listeners = new Set<(flashed: LiveFlash) => void>();
  #lockHeld: Promise<boolean> | undefined;
  #requests = 0;
  #lastAt = 0;

  constructor(store: FlashStore, key: string, hooks: StateHooks, options: FlashManagerOptions) {
    this.hooks = hooks;
    this.leaseMs = options.leaseMs ?? LEASE_MS;
    this.locks = options.locks === undefined ? (globalThis.navigator?.locks ?? null) : options.locks;
    this.storage = new FlashStorage(store, key, hooks, this.owner);
  }

  async begin(): Promise<FlashRequestState> {
    this.#watchUnload();
    const leased = !(await this.holdOwnerLock());
    const id = `${this.owner}:${++this.#requests}`;
    const startedAt = Date.now();
    const expires = leased ? startedAt + this.leaseMs : null;
    let taken: StoredFlash[] = [];
    let others: Claim[] = [];
    await this.storage.change((state) => {
      taken = state.pending;
      others = Object.values(state.claims).filter((claim) => claim.owner !== this.owner);
      const claim: Claim = { owner: this.owner, at: startedAt, expires, items: state.pending, read: [] };
      return { pending: [], claims: { ...state.claims, [id]: claim } };
    });
    // Claims of other documents: some may be dead (recover.ts, loaded then; without it, they
    // wait for a later page view).
    if (others.length > 0) {
      const claimed = taken;
      taken = await import('./recover.js').then((m) => m.recoverDeadClaims(HELPERS, this, id, claimed, others), () => claimed);
    }
    const request = new FlashRequest(this, id, taken, leased);
    this.active.add(request);
    return request;
  }

  async flash(message: unknown, category = 'message'): Promise<void> {
    const item = this.make(message, category);
    const written = this.push(item);
    this.announce(item);
    await written;
  }

  async peek(): Promise<Array<[string, unknown]>> {
    let seen = EMPTY;
    await this.storage.change((state) => (seen = state));
    return inFlashOrder([...Object.values(seen.claims).flatMap(unread), ...seen.pending]).map((item) => [item.category, structuredClone(item.message)]);
  }

  subscribe(listener: (flashed: LiveFlash) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** A validated, stamped message; throws at the call when it is not JSON. */
  make(message: unknown, category: string): StoredFlash {
    const copy = jsonCopy(message, 'A flashed message');
    if (typeof category !== 'string') {
      throw new PhialError(DEV ? `flash(message, category): the category must be a string, not ${typeof category}. Pass a name such as 'error' or 'info', or leave it out for 'message'.` : prodMessage(504, 'flash(): bad category'));
    }
    this.#lastAt = Math.max(Date.now(), this.#lastAt + 0.001);
    return { id: randomId(), category, message: copy, at: this.#lastAt };
  }

  push(item: StoredFlash): Promise<void> {
    return this.storage.change((state) => ({ ...state, pending: [...state.pending, item] }));
  }

  announce(item: StoredFlash): void {
    this.hooks.messageFlashed(structuredClone(item.message), item.category);
    for (const listener of this.#listeners) {
      const live: LiveFlash = {
        message: structuredClone(item.message),
        category: item.category,
        markRead: () => this.#markRead(item.id),
      };
      try {
        listener(live);
      } catch (error) {
        reportLater(error);
      }
    }
  }

  async #markRead(id: string): Promise<void> {
    for (const request of this.active) request.forget(id);
    await this.storage.change((state) => {
      const claims: Record<string, Claim> = {};
      for (const [claimId, claim] of Object.entries(state.claims)) {
        claims[claimId] = { ...claim, items: claim.items.filter((item) => item.id !== id) };
      }
      return { pending: state.pending.filter((item) => item.id !== id), claims };
    });
  }

  #watchingUnload = false;

  /**
   * A page that goes away mid-request (a reload, a closed tab) never showed what that request
   * read: hand it all back while the page can still write (synchronously, for sessionStorage).
   */
  #watchUnload(): void {
    if (this.#watchingUnload || typeof addEventListener !== 'function') return;
    this.#watchingUnload = true;
    addEventListener('pagehide', () => {
      for (const request of [...this.active]) request.abandon();
    });
  }

  /** Holds this document's owner lock for its whole life; false when it cannot (leases then). */
  holdOwnerLock(): Promise<boolean> {
    const locks = this.locks;
    this.#lockHeld ??= locks
      ? hold(locks, OWNER_LOCK + this.owner, null).then(
          () => true,
          () => false, // an opaque origin, say: leases then
        )
      : Promise.resolve(false);
    return this.#lockHeld;
  }
}

class FlashRequest implements FlashRequestState {
  readonly #manager: Manager;
  readonly #id: string;
  /** The claim's messages: taken at the start, plus those flashed before the first read. */
  #items: StoredFlash[];
  /** What this page view reads, fixed by its first read. */
  #snapshot: StoredFlash[] | null = null;
  readonly #read = new Set<string>();
  readonly #writes: Promise<void>[] = [];
  #ended = false;
  #renewal: ReturnType<typeof setInterval> | undefined;

  constructor(manager: Manager, id: string, items: StoredFlash[], leased: boolean) {
    this.#manager = manager;
    this.#id = id;
    this.#items = [...items];
    if (leased) {
      const every = Math.max(10, manager.leaseMs / 3);
      this.#renewal = setInterval(() => this.#renew(), every);
    }
  }

  flash(message: unknown, category = 'message'): void {
    const manager = this.#manager;
    const item = manager.make(message, category);
    if (this.#snapshot === null && !this.#ended) {
      this.#items.push(item);
      this.#track(
        manager.storage.change((state) =>
          changeClaim(state, this.#id, (claim) => ({ items: [...claim.items, item] })) ?? { ...state, pending: [...state.pending, item] },
        ),
      );
    } else {
      this.#track(manager.push(item));
    }
    manager.announce(item);
  }

  getFlashedMessages(options: FlashReadOptions = {}): unknown[] {
    if (this.#snapshot === null) {
      if (this.#ended) return [];
      this.#snapshot = [...this.#items];
    }
    const filter = categories(options.categoryFilter);
    const chosen = filter ? this.#snapshot.filter((item) => filter.has(item.category)) : this.#snapshot;
    const fresh = chosen.filter((item) => !this.#read.has(item.id)).map((item) => item.id);
    if (fresh.length > 0 && !this.#ended) {
      for (const id of fresh) this.#read.add(id);
      this.#track(this.#manager.storage.change((state) => changeClaim(state, this.#id, (claim) => ({ read: [...claim.read, ...fresh] })) ?? state));
    }
    return chosen.map((item) =>
      options.withCategories ? [item.category, structuredClone(item.message)] : structuredClone(item.message),
    );
  }

  async end(outcome: FlashOutcome): Promise<void> {
    if (this.#ended) return;
    this.#ended = true;
    clearInterval(this.#renewal);
    this.#manager.active.delete(this);
    await Promise.all(this.#writes);
    const consumed = outcome === 'rendered' ? this.#read : new Set<string>();
    await this.#manager.storage.change((state) => releaseClaim(state, this.#id, consumed));
  }

  /** The page is going away before this request ended: everything it claimed goes back. */
  abandon(): void {
    if (this.#ended) return;
    this.#ended = true;
    clearInterval(this.#renewal);
    this.#manager.active.delete(this);
    void this.#manager.storage.changeNow((state) => releaseClaim(state, this.#id, new Set()));
  }

  /** A live element showed this message: it must not come up in a read of this page view. */
  forget(id: string): void {
    if (this.#snapshot === null) this.#items = this.#items.filter((item) => item.id !== id);
  }

  #track(write: Promise<void>): void {
    this.#writes.push(write);
  }

  #renew(): void {
    const expires = Date.now() + this.#manager.leaseMs;
    void this.#manager.storage.change((state) => changeClaim(state, this.#id, () => ({ expires })) ?? state);
  }
}

/** The state with claim `id` changed by `change` (the fields it returns), or null when it is gone. */
function changeClaim(state: FlashState, id: string, change: (claim: Claim) => Partial<Claim>): FlashState | null {
  const claim = state.claims[id];
  return claim ? { ...state, claims: { ...state.claims, [id]: { ...claim, ...change(claim) } } } : null;
}

/** Ends a claim: what is not consumed goes back to pending, in flash order. */
function releaseClaim(state: FlashState, id: string, consumed: ReadonlySet<string>): FlashState {
  const claim = state.claims[id];
  if (!claim) return state;
  const claims = { ...state.claims };
  delete claims[id];
  const back = claim.items.filter((item) => !consumed.has(item.id));
  return { pending: back.length === 0 ? state.pending : inFlashOrder([...back, ...state.pending]), claims };
}

/** The messages of a claim its page view has not read. */
function unread(claim: Claim): StoredFlash[] {
  return claim.items.filter((item) => !claim.read.includes(item.id));
}

function categories(filter: string | readonly string[] | undefined): Set<string> | null {
  // Flask treats an empty filter as no filter.
  if (filter === undefined || filter.length === 0) return null;
  return new Set(typeof filter === 'string' ? [filter] : filter);
}

function inFlashOrder(items: StoredFlash[]): StoredFlash[] {
  return [...items].sort((a, b) => a.at - b.at);
}

/**
 * The app's flash state over its store, with the fallback: the first failure of the store
 * switches to memory for good, reports `storageFallback`, and carries over what this tab holds.
 * Changes run one at a time, in call order, and never reject.
 */
class FlashStorage {
  readonly #store: FlashStore;
  readonly #key: string;
  readonly #hooks: StateHooks;
  readonly #owner: string;
  /** The state after this document's last successful change. */
  #mirror: FlashState = EMPTY;
  /** Set once the store failed: the state, in memory from then on. */
  #memory: FlashState | null = null;
  #queue: Promise<void> = Promise.resolve();

  constructor(store: FlashStore, key: string, hooks: StateHooks, owner: string) {
    this.#store = store;
    this.#key = key;
    this.#hooks = hooks;
    this.#owner = owner;
  }

  change(next: (state: FlashState) => FlashState): Promise<void> {
    this.#queue = this.#queue.then(() => this.#apply(next));
    return this.#queue;
  }

  /**
   * Runs a change without waiting for those queued before it: what a page that is going away
   * can still get written (synchronously, with a synchronous store such as sessionStorage).
   */
  changeNow(next: (state: FlashState) => FlashState): Promise<void> {
    return this.#apply(next);
  }

  async #apply(next: (state: FlashState) => FlashState): Promise<void> {
    if (this.#memory === null) {
      let before: FlashState | undefined;
      let after: FlashState | undefined;
      try {
        await this.#store.update(this.#key, (stored) => {
          before = readState(stored, this.#store.name, this.#key);
          after = next(before);
          return after;
        });
        if (after) {
          this.#mirror = after;
          return;
        }
        throw new PhialError(DEV ? `The flash store ${this.#store.name} resolved update() without calling the updater: update(key, updater) must call updater with the stored value and store what it returns.` : prodMessage(505, 'flash store: updater not called'));
      } catch (error) {
        await this.#fallBack(before ?? this.#mirror, error);
      }
    }
    this.#memory = next(this.#memory ?? EMPTY);
  }

  async #fallBack(last: FlashState, error: unknown): Promise<void> {
    await this.#carryOver(last);
    try {
      this.#hooks.storageFallback(this.#store.name, error);
    } catch (thrown) {
      reportLater(thrown);
    }
  }

  async #carryOver(last: FlashState): Promise<void> {
    if (!this.#store.shared) {
      this.#memory = last;
      return;
    }
    // Other tabs still read a shared store: this tab may keep only what it takes out of it, or a
    // message would reach two pages. Keep the claims this tab knew of, and try to move them and
    // the pending messages out of the store (recover.ts, loaded then).
    this.#memory = { pending: [], claims: ownClaims(last, this.#owner, true) };
    try {
      const moved = await (await import('./recover.js')).moveOut(HELPERS, this.#store, this.#key, this.#owner);
      if (moved) this.#memory = moved;
    } catch {
      // The store (or the module) is gone for good: what this tab knew is all it has.
    }
  }
}

/** The claims of `owner` (`own`), or of every other document. */
function ownClaims(state: FlashState, owner: string, own: boolean): Record<string, Claim> {
  return Object.fromEntries(Object.entries(state.claims).filter(([, claim]) => (claim.owner === owner) === own));
}

/** The flash state in stored data, dropping (with a warning) whatever is corrupt. */
function readState(stored: unknown, store: string, key: string): FlashState {
  if (stored === undefined || stored === null) return EMPTY;
  if (typeof stored !== 'object' || Array.isArray(stored)) {
    warnCorrupt(store, key, DEV ? 'not a flash state object' : '');
    return EMPTY;
  }
  const raw = stored as { pending?: unknown; claims?: unknown };
  let dropped = 0;
  const flashes = (list: unknown): StoredFlash[] => {
    if (!Array.isArray(list)) {
      if (list !== undefined) dropped++;
      return [];
    }
    return list.filter((item): item is StoredFlash => {
      const ok = isFlash(item);
      if (!ok) dropped++;
      return ok;
    });
  };
  const pending = flashes(raw.pending);
  const claims: Record<string, Claim> = {};
  if (raw.claims !== null && typeof raw.claims === 'object' && !Array.isArray(raw.claims)) {
    for (const [id, claim] of Object.entries(raw.claims as Record<string, unknown>)) {
      if (isClaimShape(claim)) claims[id] = { ...claim, items: flashes(claim.items), read: claim.read.filter((r) => typeof r === 'string') };
      else dropped++;
    }
  } else if (raw.claims !== undefined) {
    dropped++;
  }
  if (dropped > 0) warnCorrupt(store, key, DEV ? `${dropped} malformed flash ${dropped === 1 ? 'entry' : 'entries'}` : '');
  return { pending, claims };
}

function isFlash(item: unknown): item is StoredFlash {
  if (item === null || typeof item !== 'object') return false;
  const flash = item as Partial<StoredFlash>;
  return typeof flash.id === 'string' && typeof flash.category === 'string' && typeof flash.at === 'number' && 'message' in flash;
}

function isClaimShape(claim: unknown): claim is Claim {
  if (claim === null || typeof claim !== 'object') return false;
  const c = claim as Partial<Claim>;
  return (
    typeof c.owner === 'string' &&
    typeof c.at === 'number' &&
    (c.expires === null || typeof c.expires === 'number') &&
    Array.isArray(c.items) &&
    Array.isArray(c.read)
  );
}

/**
 * What recover.ts uses of this module, handed to it (a list: no property names in a minified
 * bundle) rather than imported back.
 */
export type Helpers = readonly [typeof inFlashOrder, typeof ownClaims, typeof readState, typeof unread, string];
const HELPERS: Helpers = [inFlashOrder, ownClaims, readState, unread, OWNER_LOCK];
