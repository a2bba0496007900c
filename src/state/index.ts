/**
 * The state half of Phial: flash messages and the session, over pluggable stores. It knows
 * nothing of routing or the app; the dispatch drives it through the seam in contract.ts.
 */
export type { FlashStore, SessionStore } from './stores.js';
export { sessionStorageStore, memoryStore, sessionStorageSession, memorySession } from './stores.js';
export type { PhialFlashManager, LiveFlash, FlashManagerOptions } from './flash.js';
export { createFlashManager } from './flash.js';
export type { PhialSession } from './session.js';
export { createSession } from './session.js';
export type {
  AppSession,
  FlashManager,
  FlashOutcome,
  FlashReadOptions,
  FlashRequestState,
  SessionApi,
  StateHooks,
} from './contract.js';
