/**
 * Is this document a duplicate? A tab duplicated by the user, or a window opened by
 * `window.open`, starts with a copy of its opener's sessionStorage, pending flashes included.
 * Each tab keeps an id in sessionStorage and holds a Web Lock named after it for as long as the
 * document lives; a new document that finds the id held by a live document (it answers on a
 * BroadcastChannel, or keeps holding the lock) is a copy, and takes a new id. A reload finds the
 * lock free, or freed as soon as the old document is gone.
 */

const TAB_KEY = 'phial:tab';
const LOCK_PREFIX = 'phial-tab:';
const CHANNEL = 'phial-tab';
/** How long a reload waits for the lock of the document it replaces. */
const LOCK_WAIT_MS = 1000;
/** Without Web Locks, how long to wait for a live tab with our id to answer. */
const ANSWER_WAIT_MS = 150;

interface Hello { type: 'who-has' | 'i-have'; id: string; nonce: string }

let verdict: Promise<boolean> | undefined;

/** The options tests use to stand in for other browser features. */
export interface TabCheckOptions {
  locks?: LockManager | null;
  lockWaitMs?: number;
  answerWaitMs?: number;
}

/**
 * Resolves to true when this document started with a copy of another live tab's sessionStorage.
 * Decided once per document; from then on this document holds its own tab id.
 */
export function checkDuplicateTab(): Promise<boolean> {
  if (!verdict) {
    const deciding = decide({});
    verdict = deciding;
    // Storage that threw this time may work next time: decide again then.
    deciding.catch(() => {
      if (verdict === deciding) verdict = undefined;
    });
  }
  return verdict;
}

/** Runs the check afresh (tests only: a real document decides once). */
export function recheckDuplicateTabForTests(options: TabCheckOptions): Promise<boolean> {
  verdict = decide(options);
  return verdict;
}

export function randomId(): string {
  return globalThis.crypto?.randomUUID?.() ?? `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}

let release: (() => void) | undefined;
let channel: BroadcastChannel | undefined;

async function decide(options: TabCheckOptions): Promise<boolean> {
  const locks = options.locks === undefined ? (globalThis.navigator?.locks ?? null) : options.locks;
  // A same-origin frame shares its top-level tab's sessionStorage rather than copying it.
  if (globalThis.window === undefined || window.top !== window) return false;
  release?.();
  release = undefined;
  channel?.close();
  const stored = sessionStorage.getItem(TAB_KEY);
  let duplicate = false;
  if (stored !== null) {
    const kept = await keepId(stored, locks, options);
    if (kept) release = kept === true ? undefined : kept;
    else duplicate = true;
  }
  const id = stored !== null && !duplicate ? stored : randomId();
  if (id !== stored) {
    sessionStorage.setItem(TAB_KEY, id);
    if (locks) release = (await hold(locks, LOCK_PREFIX + id, null)) ?? undefined;
  }
  // Answer the copies made of this tab from now on.
  if (typeof BroadcastChannel === 'function') {
    const own = new BroadcastChannel(CHANNEL);
    own.onmessage = (event: MessageEvent<Hello>) => {
      const hello = event.data;
      if (hello?.type === 'who-has' && hello.id === id) own.postMessage({ type: 'i-have', id, nonce: hello.nonce } satisfies Hello);
    };
    channel = own;
  }
  return duplicate;
}

/**
 * Tries to keep the stored tab id: resolves to the lock's release (or true without Web Locks)
 * when no other live document holds it, false when one does.
 */
async function keepId(id: string, locks: LockManager | null, options: TabCheckOptions): Promise<(() => void) | boolean> {
  const answered = askWhoHas(id);
  try {
    if (locks) {
      const free = await hold(locks, LOCK_PREFIX + id, 'now');
      if (free) return free;
      // Held: by the original of a copy, or by the document a reload is replacing.
      const stop = new AbortController();
      const timer = setTimeout(() => stop.abort(), options.lockWaitMs ?? LOCK_WAIT_MS);
      void answered.promise.then(() => stop.abort());
      try {
        return (await hold(locks, LOCK_PREFIX + id, stop.signal)) ?? false;
      } finally {
        clearTimeout(timer);
      }
    }
    const timeout = new Promise<'silence'>((resolve) => setTimeout(resolve, options.answerWaitMs ?? ANSWER_WAIT_MS, 'silence'));
    return (await Promise.race([answered.promise.then(() => 'answer' as const), timeout])) === 'silence';
  } finally {
    answered.close();
  }
}

function askWhoHas(id: string): { promise: Promise<void>; close(): void } {
  if (typeof BroadcastChannel !== 'function') return { promise: new Promise(() => {}), close() {} };
  const asking = new BroadcastChannel(CHANNEL);
  const nonce = randomId();
  const promise = new Promise<void>((resolve) => {
    asking.onmessage = (event: MessageEvent<Hello>) => {
      if (event.data?.type === 'i-have' && event.data.id === id && event.data.nonce === nonce) resolve();
    };
  });
  asking.postMessage({ type: 'who-has', id, nonce } satisfies Hello);
  return { promise, close: () => asking.close() };
}

/**
 * Takes a Web Lock and keeps it until the returned release is called (or the document dies).
 * `when`: null waits as long as it takes; 'now' gives up at once when the lock is held; a signal
 * gives up when it aborts. Resolves null when it gave up.
 */
export function hold(locks: LockManager, name: string, when: null | 'now' | AbortSignal): Promise<(() => void) | null> {
  return new Promise((resolve, reject) => {
    const options: LockOptions = when === 'now' ? { ifAvailable: true } : when ? { signal: when } : {};
    locks
      .request(name, options, (lock) => {
        if (!lock) {
          resolve(null);
          return undefined;
        }
        return new Promise<void>((done) => resolve(() => done()));
      })
      .catch((error: unknown) => {
        if (when instanceof AbortSignal && when.aborted) resolve(null);
        else reject(error);
      });
  });
}
