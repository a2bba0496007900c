/**
 * One dispatch, Request to Response, as Flask's wsgi_app reads: match the URL (a routing
 * redirect answers before any hook or signal) → requestStarted → URL value preprocessors →
 * before hooks → view (and layouts) → make the response → after hooks → requestFinished →
 * teardown → requestTearingDown. Errors take Flask's two paths: handled (a handler or an
 * HTTPException's default page; teardown gets null) and unhandled (gotRequestException, the 500
 * handler, teardown gets the error). A dispatch whose signal aborts stops at the next step,
 * runs no after hooks and rejects with the AbortError once its teardown has run.
 */
import type { App } from './app-type.js';
import { enterDispatch } from './context.js';
import {
  HTTPException,
  InternalServerError,
  NotFound,
  PhialError,
  RedirectLoopError,
  RequestRedirect,
} from './errors.js';
import { findErrorHandler, type FoundHandler } from './handlers.js';
import { splitBlueprintPath } from './endpoints.js';
import { bindFlashes, type Request } from './request.js';
import {
  defaultErrorResponse,
  describeValue,
  isRedirect,
  makeResponse,
  Response,
  routingRedirect,
} from './response.js';
import type { BeforeRequestHook } from './scaffold.js';
import { signals } from './signals.js';
import { basePrefix } from './urls.js';
import { appPathOf, isUnderBase, resolveLocation } from './location.js';
import type { PhialSession } from './state/session.js';
import type { FlashOutcome } from './state/contract.js';

/** `app.dispatch`: a Request in, a Response out. Middleware wraps it. */
export type Dispatch = (req: Request) => Promise<Response>;

/** A navigation follows at most this many redirects; the next hop is a RedirectLoopError. */
export const MAX_REDIRECTS = 10;

/** The next hop of a redirect, as a browser makes it. */
export interface RedirectHop {
  url: string;
  method: string;
  form: FormData | null;
  /** The chain for the next request: every full path dispatched so far. */
  redirectChain: string[];
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
    response.external = true;
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

const pageReaders = new WeakMap<Request, (req: Request, res: Response) => void>();

/**
 * Lets `read` see the page view of `req` inside its dispatch, once its response is a page (not
 * a redirect) and before its flash claim ends: the seam through which the browser layer's
 * elements consume that page's flashes. Errors in `read` are reported, never thrown.
 */
export function onPageView(req: Request, read: (req: Request, res: Response) => void): void {
  pageReaders.set(req, (r, res) => {
    try {
      read(r, res);
    } catch (error) {
      console.error('Phial: reading a page view failed.', error);
    }
  });
}

/** Unhandled errors the core already sent through gotRequestException and rethrew (testing). */
const rethrown = new WeakMap<Request, unknown>();

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
      throw new PhialError(`app.dispatch resolved with ${describeValue(response)}: a middleware must resolve with a Phial Response, the one next(req) gives or one of its own.`);
    }
    return response;
  } catch (error) {
    if (req.signal.aborted) throw error;
    if (rethrown.has(req) && rethrown.get(req) === error) throw error;
    signals.gotRequestException.send(app, { request: req, error });
    if (app.testing) throw error;
    console.error(`Phial: a middleware failed on ${req.method} ${req.fullPath}; showing the default 500 page.`, error);
    return defaultErrorResponse(new InternalServerError(undefined, { originalError: error }));
  } finally {
    leave();
  }
}

/** The core of `app.dispatch` for one app (`session` is the app's, which only the core drives). */
export function createDispatch(app: App, session: PhialSession): Dispatch {
  const beforeFirst = { done: 0, running: null as Promise<void> | null };

  /** beforeFirstRequest functions run once, even for dispatches that start together. */
  async function runBeforeFirstRequest(): Promise<void> {
    for (;;) {
      if (beforeFirst.running) {
        await beforeFirst.running;
        continue;
      }
      const funcs = app.beforeFirstRequestFuncs;
      if (beforeFirst.done >= funcs.length) return;
      beforeFirst.running = (async () => {
        try {
          // A function that throws stays pending: the next dispatch tries it again.
          while (beforeFirst.done < funcs.length) {
            await funcs[beforeFirst.done]();
            beforeFirst.done++;
          }
        } finally {
          beforeFirst.running = null;
        }
      })();
    }
  }

  return async function dispatch(req: Request): Promise<Response> {
    const leave = enterDispatch(req);
    try {
      const loading = app.lazyBlueprints.forPath(req.path);
      if (loading) {
        try {
          await loading;
        } catch (error) {
          console.error(`Phial: loading a lazy blueprint for ${req.fullPath} failed; it is tried again on the next visit.`, error);
          return await run(req, new InternalServerError(undefined, { originalError: error }), null);
        }
      }
      const routed = matchRequest(app, req);
      const loop = req.redirectChain.length > MAX_REDIRECTS
        ? new RedirectLoopError([...req.redirectChain, req.fullPath])
        : null;
      if (routed instanceof Response && !loop) return routed;
      const routingError = routed instanceof Response ? null : routed;
      return await run(req, routingError, loop);
    } finally {
      leave();
    }
  };

  /** The dispatch from the flash claim to the end of teardown. */
  async function run(req: Request, routingError: HTTPException | null, loop: RedirectLoopError | null): Promise<Response> {
    const flashes = await app.flashManager.begin();
    bindFlashes(req, flashes);
    let unhandled: unknown = null;
    let outcome: FlashOutcome = 'aborted';
    try {
      await session.beginRequest();
      let response: Response;
      try {
        response = await fullDispatchRequest(req, routingError, loop);
      } catch (error) {
        if (req.signal.aborted) throw error;
        unhandled = error;
        response = await handleException(req, error);
      }
      outcome = isRedirect(response) ? 'redirect' : 'rendered';
      if (outcome === 'rendered' && !req.signal.aborted) pageReaders.get(req)?.(req, response);
      return response;
    } catch (error) {
      if (req.signal.aborted) {
        if (!isAbortError(error, req)) {
          // A real failure that the abort cut short: still worth a report, and teardown gets it.
          unhandled = error;
          signals.gotRequestException.send(app, { request: req, error });
          console.error(`Phial: error in an aborted navigation to ${req.fullPath}.`, error);
        }
        signals.navigationAborted.send(app, { request: req });
      }
      throw error;
    } finally {
      await teardown(req, unhandled);
      signals.requestTearingDown.send(app, { request: req, error: unhandled });
      const ends = await Promise.allSettled([flashes.end(outcome), session.endRequest()]);
      for (const end of ends) {
        if (end.status === 'rejected') console.error('Phial: saving the flash messages or the session failed.', end.reason);
      }
    }
  }

  async function fullDispatchRequest(req: Request, routingError: HTTPException | null, loop: RedirectLoopError | null): Promise<Response> {
    app.gotFirstRequest = true;
    let response: Response;
    try {
      await runBeforeFirstRequest();
      checkpoint(req);
      signals.requestStarted.send(app, { request: req });
      if (loop) throw loop;
      response = (await preprocessRequest(req)) ?? (await dispatchRequest(req, routingError));
    } catch (error) {
      if (req.signal.aborted) throw error;
      response = await handleUserException(req, error);
    }
    return finalizeRequest(req, response, false);
  }

  /** URL value preprocessors, then before hooks: app first, then blueprints outer to inner. */
  async function preprocessRequest(req: Request): Promise<Response | null> {
    const scopes = [null, ...req.blueprints.reverse()];
    for (const scope of scopes) {
      for (const fn of [...(app.urlValuePreprocessors.get(scope) ?? [])]) {
        await fn(req.endpoint, req.params, req);
        checkpoint(req);
      }
    }
    for (const scope of scopes) {
      for (const fn of [...(app.beforeRequestFuncs.get(scope) ?? [])]) {
        const rv: unknown = await fn(req);
        checkpoint(req);
        if (rv === false) throw falseFromBeforeHook(fn, scope);
        if (rv !== undefined && rv !== null) return makeResponse(rv, `The before hook ${nameOf(fn)}${scopeText(scope)}`);
      }
    }
    return null;
  }

  async function dispatchRequest(req: Request, routingError: HTTPException | null): Promise<Response> {
    if (routingError) throw routingError;
    const endpoint = req.endpoint as string;
    const view = app.viewFunctions.get(endpoint);
    if (!view) {
      throw new PhialError(`No view function is bound to the endpoint '${endpoint}' (rule ${JSON.stringify(req.urlRule?.rule)}). Register one: app.addUrlRule(rule, '${endpoint}', view).`);
    }
    const rv = await view(req);
    checkpoint(req);
    const response = makeResponse(rv, `The view ${nameOf(view)} (endpoint '${endpoint}')`);
    return applyLayouts(req, response, req.blueprint);
  }

  /** Flask's handle_user_exception: a handler, an HTTPException's default page, or rethrow. */
  async function handleUserException(req: Request, error: unknown): Promise<Response> {
    if (error instanceof HTTPException) {
      // abort(response): that response, as it is (no handler, no layout).
      if (error.response) return makeResponse(error.response, 'abort(response)');
      if (error instanceof RequestRedirect) return routingRedirect(basePrefix(app) + error.newUrl);
      if (error.code !== null) {
        const found = findErrorHandler(app.errorHandlerSpec, error, req.blueprints);
        if (!found) return applyLayouts(req, defaultErrorResponse(error), null);
        return runErrorHandler(req, found, error);
      }
    }
    const found = findErrorHandler(app.errorHandlerSpec, error, req.blueprints);
    if (!found) throw error;
    return runErrorHandler(req, found, error);
  }

  async function runErrorHandler(req: Request, found: FoundHandler, error: unknown): Promise<Response> {
    const rv = await found.handler(error, req);
    checkpoint(req);
    const response = makeResponse(rv, `The error handler ${nameOf(found.handler)}${scopeText(found.scope)}`);
    return applyLayouts(req, response, found.scope);
  }

  /**
   * Flask's handle_exception, for an error no handler took (or one thrown by a handler or an
   * after hook): gotRequestException, then the 500 handler with the error as `originalError`,
   * then the default 500 page if there is no handler or it fails too.
   */
  async function handleException(req: Request, error: unknown): Promise<Response> {
    signals.gotRequestException.send(app, { request: req, error });
    if (app.testing) {
      rethrown.set(req, error);
      throw error;
    }
    console.error(`Phial: unhandled error on ${req.method} ${req.fullPath}.`, error);
    const serverError = new InternalServerError(undefined, { originalError: error });
    const found = findErrorHandler(app.errorHandlerSpec, serverError, req.blueprints);
    let response: Response;
    try {
      response = found
        ? await runErrorHandler(req, found, serverError)
        : await applyLayouts(req, defaultErrorResponse(serverError), null);
    } catch (failure) {
      if (req.signal.aborted) throw failure;
      console.error('Phial: the 500 page failed too (its handler or the layout); showing the default 500 page.', failure);
      response = defaultErrorResponse(serverError);
      if (found) {
        try {
          response = await applyLayouts(req, response, null);
        } catch (layoutFailure) {
          if (req.signal.aborted) throw layoutFailure;
          console.error("Phial: the app's layout failed on the default 500 page; showing it without the layout.", layoutFailure);
        }
      }
    }
    return finalizeRequest(req, response, true);
  }

  /** After hooks and requestFinished; on the 500 path their errors are only reported. */
  async function finalizeRequest(req: Request, response: Response, fromErrorHandler: boolean): Promise<Response> {
    checkpoint(req);
    try {
      response = await processResponse(req, response);
      signals.requestFinished.send(app, { request: req, response });
    } catch (error) {
      if (!fromErrorHandler || req.signal.aborted) throw error;
      console.error('Phial: an after hook failed on the 500 page; it is shown as it was before that hook.', error);
    }
    return response;
  }

  /** After hooks: innermost blueprint first, app last, each list in reverse order. */
  async function processResponse(req: Request, response: Response): Promise<Response> {
    for (const scope of [...req.blueprints, null]) {
      for (const fn of [...(app.afterRequestFuncs.get(scope) ?? [])].reverse()) {
        const rv: unknown = await fn(response, req);
        checkpoint(req);
        if (rv === undefined || rv === null) continue;
        if (!(rv instanceof Response)) {
          throw new PhialError(`The after hook ${nameOf(fn)}${scopeText(scope)} returned ${describeValue(rv)}. An after hook returns a Phial Response (the one it got, changed, or a new one) or nothing.`);
        }
        response = rv;
      }
    }
    return response;
  }

  /** Teardown functions, in the order of the after hooks; their errors are reported only. */
  async function teardown(req: Request, error: unknown): Promise<void> {
    for (const scope of [...req.blueprints, null]) {
      for (const fn of [...(app.teardownRequestFuncs.get(scope) ?? [])].reverse()) {
        try {
          await fn(error, req);
        } catch (failure) {
          console.error(`Phial: the teardown function ${nameOf(fn)}${scopeText(scope)} failed; the others still run.`, failure);
        }
      }
    }
  }

  /**
   * Layouts of `scope` and its parents, then the app's, around a page (not around redirects):
   * each keeps the status and title of what it wraps.
   */
  async function applyLayouts(req: Request, response: Response, scope: string | null): Promise<Response> {
    if (isRedirect(response)) return response;
    for (const name of [...splitBlueprintPath(scope), null]) {
      const layout = app.layouts.get(name);
      if (!layout) continue;
      const rv = await layout(response.body, req);
      checkpoint(req);
      const wrapped = makeResponse(rv, `The layout of ${name === null ? 'the app' : `blueprint '${name}'`}`);
      // A new Response: a view may return one shared object, which must not be wrapped twice.
      const outer = new Response(wrapped.body, { status: response.status, title: response.title ?? wrapped.title });
      outer.location = response.location;
      outer.external = response.external;
      response = outer;
    }
    return response;
  }
}

/**
 * Matches the request's URL: sets `endpoint`, `urlRule` and `params`, and returns null, the
 * routing error to raise in place of the view (NotFound, MethodNotAllowed, BadRequest), or the
 * 308 of a routing redirect (with the hash kept).
 */
function matchRequest(app: App, req: Request): HTTPException | Response | null {
  req.endpoint = null;
  req.urlRule = null;
  req.params = {};
  const prefix = basePrefix(app);
  const { pathname, search, hash } = req.url;
  if (!isUnderBase(pathname, prefix)) return new NotFound();
  // The bare base ('/app') is '' to the map, which redirects it to the base's root ('/app/').
  // tryMatch returns a 404/405/400/redirect rather than throwing it: a throw costs more than a match.
  const match = app.urlMap.tryMatch(pathname.slice(prefix.length) + search, req.method);
  if (match instanceof RequestRedirect) return routingRedirect(prefix + match.newUrl + hash);
  if (match instanceof HTTPException) return match;
  req.endpoint = match.endpoint;
  req.urlRule = match.rule;
  req.params = match.params; // a fresh object per match: value preprocessors may change it in place
  return null;
}

function checkpoint(req: Request): void {
  if (req.signal.aborted) throw abortReason(req);
}

function abortReason(req: Request): unknown {
  return req.signal.reason ?? new DOMException('The navigation was aborted.', 'AbortError');
}

/** An error that the request's abort caused: nothing to report. */
function isAbortError(error: unknown, req: Request): boolean {
  return error === req.signal.reason ||
    (typeof error === 'object' && error !== null && (error as { name?: unknown }).name === 'AbortError');
}

function falseFromBeforeHook(fn: BeforeRequestHook, scope: string | null): PhialError {
  return new PhialError(`The before hook ${nameOf(fn)}${scopeText(scope)} returned false. A before hook returns undefined or null to let the request through, or a response to answer instead; \`!ok && redirect(...)\` gives false when ok is true: write \`if (!ok) return redirect(...)\`.`);
}

function nameOf(fn: { name: string }): string {
  return fn.name ? `'${fn.name}'` : '(anonymous)';
}

function scopeText(scope: string | null): string {
  return scope === null ? '' : ` of blueprint '${scope}'`;
}
