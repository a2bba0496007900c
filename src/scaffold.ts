/**
 * What the app and a blueprint share, as Flask's Scaffold: route registration, hooks, error
 * handlers and the layout. Each callback list is keyed by scope: `null` is the object's own;
 * the app also files every registered blueprint's lists under the blueprint's dotted name,
 * which is how the dispatch finds them (`before` runs app, then outer to inner blueprint).
 */
import { DEV, prodMessage } from './dev.js';
import { PhialError } from './errors.js';
import { fileErrorHandler, type ErrorClass, type ErrorHandler, type ErrorHandlerMap } from './handlers.js';
import type { Request } from './request.js';
import type { Response, ResponseBody, ViewResult } from './response.js';
import type { HTTPException, InternalServerError } from './errors.js';
import type { Params } from './routing/params.js';

/**
 * A view: a request in, a page out.
 * @example
 * const show: View<{ id: number }> = (req) => `Post ${req.params.id}`;
 */
export type View<P = Record<string, unknown>> = (req: Request<P>) => ViewResult | Promise<ViewResult>;

/** Returns nothing (undefined or null) to go on, or a response that ends the chain. */
export type BeforeRequestHook = (req: Request) => ViewResult | void | null | Promise<ViewResult | void | null>;

/** Returns a Response that replaces `res`, or nothing to keep it. */
export type AfterRequestHook = (res: Response, req: Request) => Response | void | null | Promise<Response | void | null>;

/** Runs at the end of every dispatch; `error` is the unhandled error or null. */
export type TeardownHook = (error: unknown, req: Request) => unknown;

/** Changes `params` in place before the before hooks run. */
export type UrlValuePreprocessor = (endpoint: string | null, params: Record<string, any>, req: Request) => unknown;

/**
 * Adds values while `urlFor` builds (synchronous). `req` is the request the URL is built for
 * (`req.urlFor`, or module-level `urlFor` in a dispatch); null for `app.urlFor`.
 */
export type UrlDefaultsHook = (endpoint: string, values: Record<string, any>, req: Request | null) => void;

/** Wraps the body of a page (the template inheritance of the SPA). */
export type Layout = (body: ResponseBody | null, req: Request) => ViewResult | Promise<ViewResult>;

/** Options of `route` and `addUrlRule`. */
export interface RouteOptions<D = Record<string, unknown>> {
  /** Default: the view's function name. */
  endpoint?: string;
  /** Default ['GET'] (which answers HEAD too). */
  methods?: readonly string[];
  /** Values the view gets that the rule does not carry. */
  defaults?: D;
  strictSlashes?: boolean;
  mergeSlashes?: boolean;
}

type Flatten<T> = { [K in keyof T]: T[K] };

/** Callback lists keyed by scope: null is the object's own, a dotted name a blueprint's. */
type Funcs<F> = Map<string | null, F[]>;

export abstract class Scaffold<Extra = unknown> {
  readonly beforeRequestFuncs: Funcs<BeforeRequestHook> = new Map();
  readonly afterRequestFuncs: Funcs<AfterRequestHook> = new Map();
  readonly teardownRequestFuncs: Funcs<TeardownHook> = new Map();
  readonly urlValuePreprocessors: Funcs<UrlValuePreprocessor> = new Map();
  readonly urlDefaultFunctions: Funcs<UrlDefaultsHook> = new Map();
  readonly errorHandlerSpec = new Map<string | null, ErrorHandlerMap>();
  readonly layouts = new Map<string | null, Layout>();

  /** Throws when this object can no longer be changed (a registered blueprint). */
  protected abstract checkSetupFinished(method: string): void;

  /**
   * Adds a rule. `endpoint` defaults to the view's function name.
   * @example
   * app.addUrlRule('/', 'index', () => 'Home');
   */
  abstract addUrlRule(rule: string, endpoint?: string | null, view?: View<any>, options?: RouteOptions): void;

  /**
   * Adds a rule for a view; `req.params` is typed from the rule string.
   * @example
   * app.route('/u/<int:id>', function user(req) { return `User ${req.params.id}`; });
   */
  route<R extends string, D extends Record<string, unknown> = {}>(
    rule: R,
    view: View<Flatten<Params<R> & NoInfer<D> & Extra>>,
    options?: RouteOptions<D>,
  ): typeof view {
    this.addUrlRule(rule, options?.endpoint, view as View<any>, options as RouteOptions);
    return view;
  }

  /** `route` with `methods: ['GET']`. */
  get<R extends string, D extends Record<string, unknown> = {}>(rule: R, view: View<Flatten<Params<R> & NoInfer<D> & Extra>>, options?: Omit<RouteOptions<D>, 'methods'>): typeof view {
    return this.#routeFor('GET', rule, view, options);
  }

  /** `route` with `methods: ['POST']`. */
  post<R extends string, D extends Record<string, unknown> = {}>(rule: R, view: View<Flatten<Params<R> & NoInfer<D> & Extra>>, options?: Omit<RouteOptions<D>, 'methods'>): typeof view {
    return this.#routeFor('POST', rule, view, options);
  }

  /** `route` with `methods: ['PUT']`. */
  put<R extends string, D extends Record<string, unknown> = {}>(rule: R, view: View<Flatten<Params<R> & NoInfer<D> & Extra>>, options?: Omit<RouteOptions<D>, 'methods'>): typeof view {
    return this.#routeFor('PUT', rule, view, options);
  }

  /** `route` with `methods: ['DELETE']`. */
  delete<R extends string, D extends Record<string, unknown> = {}>(rule: R, view: View<Flatten<Params<R> & NoInfer<D> & Extra>>, options?: Omit<RouteOptions<D>, 'methods'>): typeof view {
    return this.#routeFor('DELETE', rule, view, options);
  }

  /** `route` with `methods: ['PATCH']`. */
  patch<R extends string, D extends Record<string, unknown> = {}>(rule: R, view: View<Flatten<Params<R> & NoInfer<D> & Extra>>, options?: Omit<RouteOptions<D>, 'methods'>): typeof view {
    return this.#routeFor('PATCH', rule, view, options);
  }

  #routeFor<V>(method: string, rule: string, view: V, options: RouteOptions<unknown> = {}): V {
    if ('methods' in options) {
      throw new PhialError(DEV ? `${method.toLowerCase()}(${JSON.stringify(rule)}, view, { methods }): this shortcut fixes the method to ${method}. Use route() to pass methods.` : prodMessage(210, 'get()/post()…: methods given'));
    }
    this.addUrlRule(rule, options.endpoint, view as View<any>, { ...(options as RouteOptions), methods: [method] });
    return view;
  }

  /**
   * Runs before the view; the first hook that returns something other than undefined or null
   * answers instead of the view. App hooks run first, then blueprints outer to inner.
   * @example
   * app.beforeRequest((req) => { if (!req.app.session.get('user')) return redirect(urlFor('login')); });
   */
  beforeRequest<F extends BeforeRequestHook>(fn: F): F {
    return this.#add('beforeRequest', this.beforeRequestFuncs, fn);
  }

  /**
   * Runs on every response, error pages included: innermost blueprint first, app last, each
   * list in reverse registration order.
   * @example
   * app.afterRequest((res) => { res.title ??= 'My app'; });
   */
  afterRequest<F extends AfterRequestHook>(fn: F): F {
    return this.#add('afterRequest', this.afterRequestFuncs, fn);
  }

  /**
   * Runs at the end of every dispatch, even after an error; its own errors are reported.
   * @example
   * app.teardownRequest((error, req) => req.g.db?.close());
   */
  teardownRequest<F extends TeardownHook>(fn: F): F {
    return this.#add('teardownRequest', this.teardownRequestFuncs, fn);
  }

  /**
   * Changes `req.params` before the before hooks (Flask moves values into `g`: here `req.g`).
   * @example
   * bp.urlValuePreprocessor((endpoint, params, req) => { req.g.lang = params.lang; delete params.lang; });
   */
  urlValuePreprocessor<F extends UrlValuePreprocessor>(fn: F): F {
    return this.#add('urlValuePreprocessor', this.urlValuePreprocessors, fn);
  }

  /**
   * Adds values while `urlFor` builds a URL (synchronous); gets the request the URL is built
   * for, or null.
   * @example
   * bp.urlDefaults((endpoint, values, req) => {
   *   if (req && app.urlMap.isEndpointExpecting(endpoint, 'lang')) values.lang ??= req.g.lang;
   * });
   */
  urlDefaults<F extends UrlDefaultsHook>(fn: F): F {
    return this.#add('urlDefaults', this.urlDefaultFunctions, fn);
  }

  /**
   * Turns an error into a page: for a status code, or for an Error class.
   * @example
   * app.errorHandler(404, (err, req) => [`No page at ${req.path}`, 404]);
   */
  errorHandler(code: 500, fn: ErrorHandler<InternalServerError>): ErrorHandler<InternalServerError>;
  errorHandler(code: number, fn: ErrorHandler<HTTPException>): ErrorHandler<HTTPException>;
  errorHandler<E>(cls: ErrorClass<E>, fn: ErrorHandler<E>): ErrorHandler<E>;
  errorHandler(codeOrClass: number | ErrorClass, fn: ErrorHandler): ErrorHandler {
    this.checkSetupFinished('errorHandler');
    let map = this.errorHandlerSpec.get(null);
    if (!map) this.errorHandlerSpec.set(null, (map = new Map()));
    fileErrorHandler(map, codeOrClass, fn);
    return fn;
  }

  /** Alias of `errorHandler`, as Flask's `register_error_handler`. */
  registerErrorHandler(code: number, fn: ErrorHandler<HTTPException>): ErrorHandler<HTTPException>;
  registerErrorHandler<E>(cls: ErrorClass<E>, fn: ErrorHandler<E>): ErrorHandler<E>;
  registerErrorHandler(codeOrClass: number | ErrorClass, fn: ErrorHandler): ErrorHandler {
    return this.errorHandler(codeOrClass as ErrorClass, fn);
  }

  /**
   * Wraps the bodies of this object's views and error pages, keeping status and title;
   * not redirects, not a before hook's answer, not `abort(response)`.
   * @example
   * app.layout((body, req) => html`<nav>…</nav><main>${body}</main>`);
   */
  layout<F extends Layout>(fn: F): F {
    this.checkSetupFinished('layout');
    if (typeof fn !== 'function') throw new PhialError(DEV ? 'layout(fn): fn must be a function (body, req) => ViewResult.' : prodMessage(211, 'layout(): not a function'));
    if (this.layouts.has(null)) {
      throw new PhialError(DEV ? `layout(${fn.name || 'fn'}): ${this.describe()} already has a layout. One layout per app or blueprint: nest blueprints to nest layouts.` : prodMessage(212, 'a second layout'));
    }
    this.layouts.set(null, fn);
    return fn;
  }

  /** 'the app' or "blueprint 'name'", for messages. */
  protected abstract describe(): string;

  #add<F>(method: string, funcs: Funcs<any>, fn: F): F {
    this.checkSetupFinished(method);
    if (typeof fn !== 'function') throw new PhialError(DEV ? `${method}(fn): fn must be a function, not ${typeof fn}.` : prodMessage(213, 'hook not a function'));
    let list = funcs.get(null);
    if (!list) funcs.set(null, (list = []));
    list.push(fn);
    return fn;
  }
}

/**
 * Returns `wrapper` carrying `view`'s name, as Python's `functools.wraps`: a decorator such as a
 * login guard keeps the endpoint of the view it wraps.
 * @example
 * const loginRequired = (view: View) => wraps(view, (req: Request) =>
 *   req.app.session.get('user') ? view(req) : redirect(req.urlFor('login')));
 * app.route('/admin', loginRequired(function admin() { return 'Admin'; }));   // endpoint 'admin'
 */
export function wraps<W extends (...args: any[]) => unknown>(view: (...args: any[]) => unknown, wrapper: W): W {
  Object.defineProperty(wrapper, 'name', { value: view.name, configurable: true });
  return wrapper;
}
