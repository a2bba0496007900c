/**
 * "The current request" for the module-level `urlFor`, `redirect`, `flash`,
 * `getFlashedMessages` and `session`. Browsers have no async context, so Phial keeps a registry
 * of the dispatches in flight: with exactly one (aborted ones do not count), it is the current
 * one, across every `await` of its views and hooks; with several, a module-level call cannot
 * tell them apart and throws; with none, the app that last started and was not stopped (else
 * the one whose test client was used last) serves what needs no request.
 */
import { DEV, prodMessage } from './dev.js';
import type { App } from './app-type.js';
import { PhialError } from './errors.js';
import type { Request } from './request.js';
import { makeRedirect, type RedirectOptions, type Response } from './response.js';
import type { FlashReadOptions, SessionApi } from './state/contract.js';
import type { UrlForOptions } from './urls.js';

const inFlight = new Set<Request>();
/**
 * Apps that started and did not stop: the last is current. Apps used through their test client
 * only count when no started app is left (SPEC §2: "the last started app that is not stopped"),
 * so a test client call never takes a running page's outlets and module-level calls away.
 */
const startedApps = new Set<App>();
const testedApps = new Set<App>();

/** Records a dispatch as in flight; returns what ends the record (a no-op when already recorded). */
export function enterDispatch(request: Request): () => void {
  if (inFlight.has(request)) return () => {};
  inFlight.add(request);
  return () => inFlight.delete(request);
}

/** An app started (or, with `byTestClient`, dispatched through its test client). */
export function activateApp(app: App, byTestClient = false): void {
  const set = byTestClient ? testedApps : startedApps;
  set.delete(app);
  set.add(app);
}

/** An app stopped: it is no longer anyone's current app. */
export function deactivateApp(app: App): void {
  startedApps.delete(app);
  testedApps.delete(app);
}

/** The last app that started and was not stopped; else the last one its test client used. */
export function lastActiveApp(): App | null {
  let last: App | null = null;
  for (const app of startedApps.size > 0 ? startedApps : testedApps) last = app;
  return last;
}

function live(app?: App): Request[] {
  return [...inFlight].filter((r) => !r.signal.aborted && (app === undefined || r.app === app));
}

function ambiguous(call: string, requests: Request[]): PhialError {
  return new PhialError(DEV ? `${call} cannot tell which request it belongs to: ${requests.length} dispatches are in flight (${requests.map((r) => r.fullPath).join(', ')}). Use the request's own methods, which are never ambiguous: req.urlFor, req.flash, req.getFlashedMessages, req.app.session (and req.app.redirect).` : prodMessage(228, 'ambiguous module-level call'));
}

/** The one dispatch in flight (of `app`, when given), or null; throws when there are several. */
export function currentRequest(call: string, app?: App): Request | null {
  const requests = live(app);
  if (requests.length > 1) throw ambiguous(call, requests);
  return requests[0] ?? null;
}

/** True while at least one dispatch of `app` is in flight (an aborted one does not count). */
export function inDispatch(app: App): boolean {
  for (const r of inFlight) if (r.app === app && !r.signal.aborted) return true;
  return false;
}

/** The one dispatch of `app` in flight, or null when there are none or several. */
export function soleRequest(app: App): Request | null {
  const requests = live(app);
  return requests.length === 1 ? requests[0] : null;
}

/** The app of the current request, else the last active app, else null. */
export function currentApp(call: string): App | null {
  const request = currentRequest(call);
  if (request) return request.app;
  return lastActiveApp();
}

function requireApp(call: string): App {
  const app = currentApp(call);
  if (!app) {
    throw new PhialError(DEV ? `${call} needs an app, but no dispatch is in flight and no app was started. Call it from a view or a hook, call app.start() first, or use the app's own method (app.urlFor, app.session).` : prodMessage(229, 'module-level call, no app'));
  }
  return app;
}

/**
 * Builds the URL of an endpoint for the current request (relative `.name` resolves against its
 * blueprint) or, with none in flight, for the current app.
 * @example
 * import { urlFor } from 'phial';
 * const href = urlFor('user', { id: 7 });   // '/users/7'
 */
export function urlFor(endpoint: string, values?: Record<string, unknown>, options?: UrlForOptions): string {
  const request = currentRequest('urlFor()');
  if (request) return request.urlFor(endpoint, values, options);
  return requireApp('urlFor()').urlFor(endpoint, values, options);
}

/**
 * A redirect Response, checked for the current app's base: another origin, a `javascript:` or
 * `data:` URL, or a path outside the base throw unless `{ external: true }` (never for
 * `javascript:`/`data:`).
 * @example
 * app.route('/old', () => redirect(urlFor('index'), { code: 301 }));
 */
export function redirect(location: string, options: RedirectOptions = {}): Response {
  const app = currentApp('redirect()');
  if (app) return app.redirect(location, options);
  return makeRedirect(location, options, '', globalThis.location?.href ?? 'http://localhost/');
}

/**
 * Flashes a message: in the current request, or (with none in flight) for the next page view
 * of the current app. Throws at the call when the message is not JSON-serialisable; the
 * promise resolves once the message is stored (in a request, the dispatch awaits that).
 * @example
 * flash('Saved', 'success');
 * return redirect(urlFor('index'));
 */
export function flash(message: unknown, category = 'message'): Promise<void> {
  const request = currentRequest('flash()');
  if (request) {
    request.flash(message, category);
    return Promise.resolve();
  }
  return requireApp('flash()').flash(message, category);
}

/**
 * The flashed messages of the current request (SPEC §7).
 * @example
 * const messages = getFlashedMessages({ withCategories: true });   // [['success', 'Saved']]
 */
export function getFlashedMessages(options: FlashReadOptions & { withCategories: true }): Array<[string, unknown]>;
export function getFlashedMessages(options?: FlashReadOptions): unknown[];
export function getFlashedMessages(options?: FlashReadOptions): unknown[] {
  const request = currentRequest('getFlashedMessages()');
  if (!request) {
    throw new PhialError(DEV ? 'getFlashedMessages() was called with no dispatch in flight: flashed messages are read by a page view. Call it in a view, a hook, a layout or an error handler.' : prodMessage(230, 'getFlashedMessages() outside a dispatch'));
  }
  return request.getFlashedMessages(options);
}

/**
 * The session of the current app (`req.app.session` is the unambiguous form).
 * @example
 * await session.set('cart', [1, 2]);
 * session.get('cart');   // [1, 2]
 */
export const session: SessionApi = {
  get: (key, fallback?: unknown) => requireApp('session.get()').session.get(key, fallback),
  has: (key) => requireApp('session.has()').session.has(key),
  set: (key, value) => requireApp('session.set()').session.set(key, value),
  delete: (key) => requireApp('session.delete()').session.delete(key),
  clear: () => requireApp('session.clear()').session.clear(),
};
