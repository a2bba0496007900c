/**
 * The seam between the dispatch pipeline and the state half (flash and session).
 * state/ knows nothing of routing or the app: the app creates one FlashManager and one
 * Session per app, opens a FlashRequestState at the start of each dispatch and ends it
 * when the dispatch ends, and brackets each dispatch with session.beginRequest/endRequest.
 * What needs no request (flashing outside one, peeking for the debug toolbar, live elements,
 * listing the session) is on the richer PhialFlashManager / PhialSession of state/.
 */

/** Options of `getFlashedMessages`. */
export interface FlashReadOptions {
  /** Return `[category, message]` pairs instead of messages. */
  withCategories?: boolean;
  /** Only messages of these categories are returned, and only those are consumed. */
  categoryFilter?: string | readonly string[];
}

/**
 * How a dispatch ended, as the flash state needs to know it:
 * - 'rendered': a page was shown; what it read is consumed.
 * - 'redirect': the hop ended in a redirect; what it read goes back for the next page.
 * - 'aborted': a newer navigation won; what it read goes back.
 */
export type FlashOutcome = 'rendered' | 'redirect' | 'aborted';

/** What one dispatch holds of the flash state. */
export interface FlashRequestState {
  /** Queue a message for the next read; throws at once when it is not JSON-serialisable. */
  flash(message: unknown, category?: string): void;
  /** Synchronous read, Flask's semantics (see SPEC §7). */
  getFlashedMessages(options?: FlashReadOptions): unknown[];
  /** Ends the request: awaits the writes of its flashes and gives back what it must. */
  end(outcome: FlashOutcome): Promise<void>;
}

/** Callbacks the state half uses to report to the app's signals. */
export interface StateHooks {
  messageFlashed(message: unknown, category: string): void;
  storageFallback(store: string, error: unknown): void;
}

/** One per app: claims pending messages at the start of a dispatch. */
export interface FlashManager {
  begin(): Promise<FlashRequestState>;
}

/** The session API users see as `app.session` / module-level `session`. */
export interface SessionApi {
  /** The value under `key`, else `fallback` (undefined when left out), as Flask's `session.get(key, default)`. */
  get(key: string, fallback?: unknown): unknown;
  has(key: string): boolean;
  set(key: string, value: unknown): Promise<void>;
  delete(key: string): Promise<void>;
  clear(): Promise<void>;
}

/** The session as the app drives it: a snapshot per request. */
export interface AppSession extends SessionApi {
  /**
   * A dispatch starts: changes from other tabs wait until no request is in flight. Resolves
   * once the store's data is loaded (IndexedDB loads asynchronously): await it before the view.
   */
  beginRequest(): Promise<void>;
  /** A dispatch ends: awaits its writes. */
  endRequest(): Promise<void>;
}
