/**
 * Serving: a request through the app's middleware and core, and a navigation's redirect hops,
 * each its own dispatch, as a browser makes them. The one loop the test client and the
 * navigator share; the pipeline of one dispatch is dispatch.ts.
 */
import type { App } from './app-type.js';
import { DEV, prodMessage } from './dev.js';
import { enterDispatch } from './context.js';
import { MAX_REDIRECTS, wasRethrown } from './dispatch.js';
import { InternalServerError, PhialError } from './errors.js';
import { appPathOf, resolveLocation } from './location.js';
import type { Request } from './request.js';
import { defaultErrorResponse, describeValue, isRedirect, Response } from './response.js';
import { signals } from './signals.js';
import { basePrefix } from './urls.js';

/**
 * Runs a request through the app's middleware and core: what the test client and the navigator
 * call. The request counts as in flight (for module-level functions) until it resolves; a
 * middleware's error becomes the default 500 page (or, with `testing`, the rejection).
 */
export async function serve(app: App, req: Request): Promise<Response> {
  const leave = enterDispatch(req);
  try {
    const response: unknown = await app.dispatch(req);
    if (!(response instanceof Response)) {
      throw new PhialError(DEV ? `app.dispatch resolved with ${describeValue(response)}: a middleware must resolve with a Phial Response, the one next(req) gives or one of its own.` : prodMessage(250, 'middleware: not a Response'));
    }
    return response;
  } catch (error) {
    if (req.signal.aborted) throw error;
    if (wasRethrown(req, error)) throw error;
    signals.gotRequestException.send(app, { request: req, error });
    if (app.testing) throw error;
    console.error(DEV ? `Phial: a middleware failed on ${req.method} ${req.fullPath}; showing the default 500 page.` : 'Phial P251', error);
    return defaultErrorResponse(new InternalServerError(undefined, { originalError: error }));
  } finally {
    leave();
  }
}

/** The next hop of a redirect, as a browser makes it. */
export interface RedirectHop {
  url: string;
  method: string;
  form: FormData | null;
  /** The chain for the next request: every full path dispatched so far. */
  redirectChain: string[];
}

const unconsented = new WeakSet<Response>();

/**
 * True for a redirect that leaves the origin or the base although nobody said `external`
 * (a Response built by hand, or changed by an after hook, with '//evil.com' as its location).
 */
export function leavesWithoutConsent(response: Response): boolean {
  return unconsented.has(response);
}

/**
 * The request a browser makes for `response` to `req`, or null when there is none to make: not
 * a redirect, a redirect that leaves the app, or the hop that already hit the limit (it ended
 * in its RedirectLoopError page, whatever a handler made of it). A 303, and a 301/302 after a
 * POST, become a GET without the form; 307/308 keep both. A location without a fragment keeps
 * the one of the URL it came from.
 */
export function redirectHop(req: Request, response: Response): RedirectHop | null {
  if (!isRedirect(response) || response.external || req.redirectChain.length > MAX_REDIRECTS) return null;
  // Resolved as the browser will resolve it: a location that reads as another host (a Response
  // built by hand with '//evil.com', say) leaves the app, and is reported as such.
  const url = resolveLocation(response.location as string, req.url);
  const path = url === null ? null : appPathOf(url, basePrefix(req.app));
  if (path === null) {
    // Reported as leaving (the test client shows it); not consented to, so the navigator
    // refuses to follow it: only redirect(url, { external: true }) leaves the app.
    response.external = true;
    unconsented.add(response);
    return null;
  }
  const { status } = response;
  const toGet = status === 303 ? req.method !== 'HEAD' : (status === 301 || status === 302) && req.method === 'POST';
  return {
    url: req.hash && url!.hash === '' ? path + req.hash : path,
    method: toGet ? 'GET' : req.method,
    form: toGet ? null : req.form,
    redirectChain: [...req.redirectChain, req.fullPath],
  };
}

/** The last request of a navigation and the response it ended with. */
export interface Served {
  request: Request;
  response: Response;
}

/**
 * Serves `req` and then, while `follow` allows, each redirect hop as a browser makes it: one
 * dispatch per hop, so every hop goes through the middleware, the hooks and the signals. The
 * one loop the test client and the navigator share; `makeRequest` builds each hop's request
 * (with the navigation's signal and state).
 */
export async function serveFollowing(app: App, req: Request, follow: boolean, makeRequest: (hop: RedirectHop) => Request): Promise<Served> {
  for (;;) {
    const response = await serve(app, req);
    const hop = follow ? redirectHop(req, response) : null;
    if (!hop) return { request: req, response };
    req = makeRequest(hop);
  }
}
