/**
 * One dispatch, Request to Response, read top to bottom as Flask's wsgi_app and
 * full_dispatch_request: match the URL (a routing redirect answers before any hook or signal) →
 * requestStarted → preprocess (URL value preprocessors, before hooks) → dispatch (the view and
 * its layouts) → finalize (after hooks, requestFinished) → teardown → requestTearingDown.
 * Errors take Flask's two paths: handled (a handler or an HTTPException's default page; teardown
 * gets null) and unhandled (gotRequestException, the 500 handler; teardown gets the error).
 * Every function of the app's runs through the step runner, `call` (steps.ts): there an abort
 * is noticed (an aborted dispatch stops after the step that was running, runs no after hooks and
 * rejects with the AbortError once its teardown has run), and there a listener may time each step.
 * Serving a request through the middleware, and following redirects, is serve.ts.
 */
import type { App } from './app-type.js';
import { DEV, prodMessage } from './dev.js';
import { enterDispatch } from './context.js';
import { splitBlueprintPath } from './endpoints.js';
import {
  HTTPException,
  InternalServerError,
  NotFound,
  PhialError,
  RedirectLoopError,
  RequestRedirect,
} from './errors.js';
import { findErrorHandler, type FoundHandler } from './handlers.js';
import { isUnderBase } from './location.js';
import { bindFlashes, type Request } from './request.js';
import {
  defaultErrorResponse,
  describeValue,
  isRedirect,
  makeResponse,
  Response,
  routingRedirect,
} from './response.js';
import type { UrlMap } from './routing/map.js';
import type { BeforeRequestHook, Scaffold, View } from './scaffold.js';
import { signals } from './signals.js';
import type { FlashOutcome } from './state/contract.js';
import type { PhialFlashManager } from './state/flash.js';
import type { PhialSession } from './state/session.js';
import { call, stepListenerOf, throwIfAborted, type Stepping } from './steps.js';
import { basePrefix } from './urls.js';

/** `app.dispatch`: a Request in, a Response out. Middleware wraps it. */
export type Dispatch = (req: Request) => Promise<Response>;

/** What the pipeline reads of the app: its rules and views, its callbacks, the state it drives. */
export interface DispatchApp extends Pick<Scaffold, 'urlValuePreprocessors' | 'beforeRequestFuncs' | 'afterRequestFuncs' | 'teardownRequestFuncs' | 'errorHandlerSpec' | 'layouts'> {
  readonly base: string;
  readonly urlMap: Pick<UrlMap, 'tryMatch'>;
  readonly viewFunctions: ReadonlyMap<string, View<any>>;
  readonly beforeFirstRequestFuncs: ReadonlyArray<() => unknown>;
  /** Set by the first dispatch (Flask's `got_first_request`). */
  gotFirstRequest: boolean;
  /** Unhandled errors reject the dispatch instead of becoming the 500 page. */
  readonly testing: boolean;
  readonly lazyBlueprints: { forPath(path: string): Promise<void> | null };
  readonly flashManager: Pick<PhialFlashManager, 'begin'>;
}

/** What a dispatch carries through the pipeline: its app, its request, who listens to its steps. */
interface RequestContext extends Stepping {
  readonly app: DispatchApp;
  /** The same app, as the sender its signals name. */
  readonly sender: App;
  /** The app's session, which only the core opens and closes around a dispatch. */
  readonly session: PhialSession;
  readonly beforeFirst: BeforeFirst;
}

/** How far the app's beforeFirstRequest functions have run. */
interface BeforeFirst {
  done: number;
  running: Promise<void> | null;
}

/** The core of `app.dispatch` for one app (`session` is the app's). */
export function createDispatch(app: App, session: PhialSession): Dispatch {
  const beforeFirst: BeforeFirst = { done: 0, running: null };
  return (req) => dispatch({ app, sender: app, session, beforeFirst, req, onStep: stepListenerOf(app) });
}

/** Flask's wsgi_app: load the lazy blueprints the URL needs, match it, then the dispatch proper. */
async function dispatch(ctx: RequestContext): Promise<Response> {
  const { app, req } = ctx;
  const leave = enterDispatch(req);
  try {
    const loading = app.lazyBlueprints.forPath(req.path);
    if (loading) {
      try {
        await loading;
      } catch (error) {
        console.error(DEV ? `Phial: loading a lazy blueprint for ${req.fullPath} failed; it is tried again on the next visit.` : 'Phial P239', error);
        return await inRequestContext(ctx, new InternalServerError(undefined, { originalError: error }), null);
      }
    }
    const routed = matchRequest(app, req);
    const loop = req.redirectChain.length > MAX_REDIRECTS
      ? new RedirectLoopError([...req.redirectChain, req.fullPath])
      : null;
    if (routed instanceof Response && !loop) return routed;
    return await inRequestContext(ctx, routed instanceof Response ? null : routed, loop);
  } finally {
    leave();
  }
}

/**
 * The dispatch inside its request context: the flash claim and the session around the full
 * dispatch, teardown at the end whatever happened.
 */
async function inRequestContext(ctx: RequestContext, routingError: HTTPException | null, loop: RedirectLoopError | null): Promise<Response> {
  const { req, sender } = ctx;
  const flashes = await ctx.app.flashManager.begin();
  bindFlashes(req, flashes);
  let unhandled: unknown = null;
  let outcome: FlashOutcome = 'aborted';
  try {
    await ctx.session.beginRequest();
    let response: Response;
    try {
      response = await fullDispatchRequest(ctx, routingError, loop);
    } catch (error) {
      if (req.signal.aborted) throw error;
      unhandled = error;
      response = await handleException(ctx, error);
    }
    outcome = isRedirect(response) ? 'redirect' : 'rendered';
    if (outcome === 'rendered' && !req.signal.aborted) pageReaders.get(req)?.(req, response);
    return response;
  } catch (error) {
    if (req.signal.aborted) {
      if (!isAbortError(error, req)) {
        // A real failure that the abort cut short: still worth a report, and teardown gets it.
        unhandled = error;
        signals.gotRequestException.send(sender, { request: req, error });
        console.error(DEV ? `Phial: error in an aborted navigation to ${req.fullPath}.` : 'Phial P240', error);
      }
      signals.navigationAborted.send(sender, { request: req });
    }
    throw error;
  } finally {
    await teardown(ctx, unhandled);
    signals.requestTearingDown.send(sender, { request: req, error: unhandled });
    const ends = await Promise.allSettled([flashes.end(outcome), ctx.session.endRequest()]);
    for (const end of ends) {
      if (end.status === 'rejected') console.error(DEV ? 'Phial: saving the flash messages or the session failed.' : 'Phial P241', end.reason);
    }
  }
}

/** Flask's full_dispatch_request: preprocess, then the view (or the error's page), then finalize. */
async function fullDispatchRequest(ctx: RequestContext, routingError: HTTPException | null, loop: RedirectLoopError | null): Promise<Response> {
  ctx.app.gotFirstRequest = true;
  let response: Response;
  try {
    await call(ctx, 'beforeFirstRequest', null, runBeforeFirstRequest, ctx.app, ctx.beforeFirst);
    signals.requestStarted.send(ctx.sender, { request: ctx.req });
    if (loop) throw loop;
    response = (await preprocessRequest(ctx)) ?? (await dispatchRequest(ctx, routingError));
  } catch (error) {
    if (ctx.req.signal.aborted) throw error;
    response = await handleUserException(ctx, error);
  }
  return finalizeRequest(ctx, response, false);
}

/**
 * The app's beforeFirstRequest functions, once, even for dispatches that start together (they
 * wait for the same run). A function that throws stays pending: the next dispatch tries it again.
 */
async function runBeforeFirstRequest(app: DispatchApp, state: BeforeFirst): Promise<void> {
  for (;;) {
    if (state.running) {
      await state.running;
      continue;
    }
    const funcs = app.beforeFirstRequestFuncs;
    if (state.done >= funcs.length) return;
    state.running = (async () => {
      try {
        while (state.done < funcs.length) {
          await funcs[state.done]();
          state.done++;
        }
      } finally {
        state.running = null;
      }
    })();
  }
}

/** URL value preprocessors, then before hooks: app first, then blueprints outer to inner. */
async function preprocessRequest(ctx: RequestContext): Promise<Response | null> {
  const { app, req } = ctx;
  const scopes = [null, ...req.blueprints.reverse()];
  for (const [fn, scope] of inScopes(app.urlValuePreprocessors, scopes, false)) {
    await call(ctx, 'urlValuePreprocessor', scope, fn, req.endpoint, req.params, req);
  }
  for (const [fn, scope] of inScopes(app.beforeRequestFuncs, scopes, false)) {
    const rv: unknown = await call(ctx, 'beforeRequest', scope, fn, req);
    // In production a false answer fails in makeResponse (P108), with no hint.
    if (DEV && rv === false) throw falseFromBeforeHook(fn, scope);
    if (rv !== undefined && rv !== null) return makeResponse(rv, DEV ? `The before hook ${nameOf(fn)}${scopeText(scope)}` : '');
  }
  return null;
}

/** The view of the matched endpoint, in its layouts; a routing error is raised in its place. */
async function dispatchRequest(ctx: RequestContext, routingError: HTTPException | null): Promise<Response> {
  if (routingError) throw routingError;
  const { req } = ctx;
  const endpoint = req.endpoint as string;
  const view = ctx.app.viewFunctions.get(endpoint);
  if (!view) {
    throw new PhialError(DEV ? `No view function is bound to the endpoint '${endpoint}' (rule ${JSON.stringify(req.urlRule?.rule)}). Register one: app.addUrlRule(rule, '${endpoint}', view).` : prodMessage(237, 'no view for the endpoint'));
  }
  const rv = await call(ctx, 'view', req.blueprint, view, req);
  return applyLayouts(ctx, makeResponse(rv, DEV ? `The view ${nameOf(view)} (endpoint '${endpoint}')` : ''), req.blueprint);
}

/**
 * Layouts of `scope` and its parents, then the app's, around a page (not around redirects):
 * each keeps the status and title of what it wraps.
 */
async function applyLayouts(ctx: RequestContext, response: Response, scope: string | null): Promise<Response> {
  if (isRedirect(response)) return response;
  for (const name of [...splitBlueprintPath(scope), null]) {
    const layout = ctx.app.layouts.get(name);
    if (!layout) continue;
    const rv = await call(ctx, 'layout', name, layout, response.body, ctx.req);
    const wrapped = makeResponse(rv, DEV ? `The layout of ${name === null ? 'the app' : `blueprint '${name}'`}` : '');
    // A new Response: a view may return one shared object, which must not be wrapped twice.
    const outer = new Response(wrapped.body, { status: response.status, title: response.title ?? wrapped.title });
    outer.location = response.location;
    outer.external = response.external;
    response = outer;
  }
  return response;
}

/** Flask's handle_user_exception: a handler, an HTTPException's default page, or rethrow. */
async function handleUserException(ctx: RequestContext, error: unknown): Promise<Response> {
  if (error instanceof HTTPException) {
    // abort(response): that response, as it is (no handler, no layout).
    if (error.response) return makeResponse(error.response, 'abort(response)');
    if (error instanceof RequestRedirect) return routingRedirect(basePrefix(ctx.app) + error.newUrl);
    if (error.code !== null) {
      const found = findErrorHandler(ctx.app.errorHandlerSpec, error, ctx.req.blueprints);
      if (!found) return applyLayouts(ctx, defaultErrorResponse(error), null);
      return callErrorHandler(ctx, found, error);
    }
  }
  const found = findErrorHandler(ctx.app.errorHandlerSpec, error, ctx.req.blueprints);
  if (!found) throw error;
  return callErrorHandler(ctx, found, error);
}

/** The page an error handler makes, in the layouts of the handler's blueprint. */
async function callErrorHandler(ctx: RequestContext, found: FoundHandler, error: unknown): Promise<Response> {
  const rv = await call(ctx, 'errorHandler', found.scope, found.handler, error, ctx.req);
  const response = makeResponse(rv, DEV ? `The error handler ${nameOf(found.handler)}${scopeText(found.scope)}` : '');
  return applyLayouts(ctx, response, found.scope);
}

/**
 * Flask's handle_exception, for an error no handler took (or one thrown by a handler or an
 * after hook): gotRequestException, then the 500 handler with the error as `originalError`,
 * then the default 500 page if there is no handler or it fails too.
 */
async function handleException(ctx: RequestContext, error: unknown): Promise<Response> {
  const { req } = ctx;
  signals.gotRequestException.send(ctx.sender, { request: req, error });
  if (ctx.app.testing) {
    rethrown.set(req, error);
    throw error;
  }
  console.error(DEV ? `Phial: unhandled error on ${req.method} ${req.fullPath}.` : 'Phial P242', error);
  const serverError = new InternalServerError(undefined, { originalError: error });
  const found = findErrorHandler(ctx.app.errorHandlerSpec, serverError, req.blueprints);
  let response: Response;
  try {
    response = found
      ? await callErrorHandler(ctx, found, serverError)
      : await applyLayouts(ctx, defaultErrorResponse(serverError), null);
  } catch (failure) {
    if (req.signal.aborted) throw failure;
    console.error(DEV ? 'Phial: the 500 page failed too (its handler or the layout); showing the default 500 page.' : 'Phial P243', failure);
    response = defaultErrorResponse(serverError);
    if (found) {
      try {
        response = await applyLayouts(ctx, response, null);
      } catch (layoutFailure) {
        if (req.signal.aborted) throw layoutFailure;
        console.error(DEV ? "Phial: the app's layout failed on the default 500 page; showing it without the layout." : 'Phial P244', layoutFailure);
      }
    }
  }
  return finalizeRequest(ctx, response, true);
}

/** After hooks and requestFinished; on the 500 path their errors are only reported. */
async function finalizeRequest(ctx: RequestContext, response: Response, fromErrorHandler: boolean): Promise<Response> {
  // An abort that came while no step ran (a signal receiver navigating, a 404 page that no
  // handler made) is noticed here: no after hook runs for an aborted dispatch.
  throwIfAborted(ctx.req);
  try {
    response = await processResponse(ctx, response);
    signals.requestFinished.send(ctx.sender, { request: ctx.req, response });
  } catch (error) {
    if (!fromErrorHandler || ctx.req.signal.aborted) throw error;
    console.error(DEV ? 'Phial: an after hook failed on the 500 page; it is shown as it was before that hook.' : 'Phial P245', error);
  }
  return response;
}

/** After hooks: innermost blueprint first, app last, each list in reverse order. */
async function processResponse(ctx: RequestContext, response: Response): Promise<Response> {
  for (const [fn, scope] of inScopes(ctx.app.afterRequestFuncs, [...ctx.req.blueprints, null], true)) {
    const rv: unknown = await call(ctx, 'afterRequest', scope, fn, response, ctx.req);
    if (rv === undefined || rv === null) continue;
    if (!(rv instanceof Response)) {
      throw new PhialError(DEV ? `The after hook ${nameOf(fn)}${scopeText(scope)} returned ${describeValue(rv)}. An after hook returns a Phial Response (the one it got, changed, or a new one) or nothing.` : prodMessage(238, 'after hook: not a Response'));
    }
    response = rv;
  }
  return response;
}

/** Teardown functions, in the order of the after hooks; their errors are reported only. */
async function teardown(ctx: RequestContext, error: unknown): Promise<void> {
  for (const [fn, scope] of inScopes(ctx.app.teardownRequestFuncs, [...ctx.req.blueprints, null], true)) {
    try {
      await call(ctx, 'teardownRequest', scope, fn, error, ctx.req);
    } catch (failure) {
      console.error(DEV ? `Phial: the teardown function ${nameOf(fn)}${scopeText(scope)} failed; the others still run.` : 'Phial P246', failure);
    }
  }
}

/**
 * The functions filed under `scopes`, in the order of `scopes`, each list as registered or
 * reversed. A list is copied when its scope is reached: a function that registers another
 * changes the next dispatch only.
 */
function* inScopes<F>(funcs: ReadonlyMap<string | null, readonly F[]>, scopes: Array<string | null>, reversed: boolean): Generator<[F, string | null]> {
  for (const scope of scopes) {
    const list = [...(funcs.get(scope) ?? [])];
    if (reversed) list.reverse();
    for (const fn of list) yield [fn, scope];
  }
}

// ---------------------------------------------------------------------------------------------
// Matching, abort errors, and the messages that name a step.

/**
 * Matches the request's URL: sets `endpoint`, `urlRule` and `params`, and returns null, the
 * routing error to raise in place of the view (NotFound, MethodNotAllowed, BadRequest), or the
 * 308 of a routing redirect (with the hash kept).
 */
function matchRequest(app: DispatchApp, req: Request): HTTPException | Response | null {
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

// ---------------------------------------------------------------------------------------------
// What serving (serve.ts) and the browser layer share with the pipeline.

/** A navigation follows at most this many redirects; the next hop is a RedirectLoopError. */
export const MAX_REDIRECTS = 10;

/** Unhandled errors the core already sent through gotRequestException and rethrew (testing). */
const rethrown = new WeakMap<Request, unknown>();

/** True when the pipeline already reported `error` of `req` and rethrew it (`testing`). */
export function wasRethrown(req: Request, error: unknown): boolean {
  return rethrown.has(req) && rethrown.get(req) === error;
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
      console.error(DEV ? 'Phial: reading a page view failed.' : 'Phial P247', error);
    }
  });
}
