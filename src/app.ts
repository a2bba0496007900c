/**
 * Phial, the application: the registration API (routes, blueprints, hooks, error handlers,
 * converters), `urlFor`, `redirect`, `flash`, the session, the wrappable `dispatch` and the
 * test client. The pipeline itself is dispatch.ts; the browser binding drives `app.dispatch`.
 * The base is the app's alone: the URL map works on paths after it. The only module that
 * imports this one is the entry (and the browser layer, which `start()` loads on demand): the
 * modules below know the app as `App` (app-type.ts), which this module binds to Phial.
 */
import { DEV, prodMessage } from './dev.js';
import type { Blueprint, RegisterOptions } from './blueprint.js';
import { activateApp, currentRequest, deactivateApp, soleRequest } from './context.js';
import { createDispatch, type Dispatch } from './dispatch.js';
import { endpointFromView } from './endpoints.js';
import { NavigationFailure, PhialError } from './errors.js';
import { LazyBlueprints, type BlueprintLoader } from './lazy.js';
import { makeRedirect, type RedirectOptions, type Response } from './response.js';
import { Scaffold, type RouteOptions, type View } from './scaffold.js';
import { signals } from './signals.js';
import { UrlMap } from './routing/map.js';
import type { ConverterSpec } from './routing/converters.js';
import { createFlashManager, createSession, type FlashStore, type PhialFlashManager, type PhialSession, type SessionStore } from './state/index.js';
import { toJsonText } from './state/json.js';
import { TestClient } from './testing.js';
import { appLocation, buildUrl, type UrlForOptions } from './urls.js';
import type { Request } from './request.js';

export type { Dispatch } from './dispatch.js';
export type { UrlForOptions } from './urls.js';

declare module './app-type.js' {
  /** `App` is Phial: what `req.app`, `state.app`, `app.test.app` and a signal's sender are. */
  interface AppTypes {
    app: Phial;
  }
}

/** A dispatch middleware: gets the next dispatch, returns the one that wraps it. */
export type Middleware = (next: Dispatch) => Dispatch;

/** Options of `new Phial`. */
export interface PhialOptions {
  /** For the browser binding: 'browser' (default), 'hash', 'memory' or a `history` object. */
  history?: 'browser' | 'hash' | 'memory' | object;
  /** The path the app is mounted under; '/app' and '/app/' are the same base. Default '/'. */
  base?: string;
  /** Where flash messages wait; default sessionStorage (memory when unavailable). */
  flashStore?: FlashStore;
  /** Where the session lives; default sessionStorage (memory when unavailable). */
  session?: SessionStore;
  /** Keys the default stores, so two apps on one origin keep apart; default: the base. */
  name?: string;
  /** For the browser binding: where clicks and submits are intercepted; default document. */
  root?: Element | Document;
  /** Default true. */
  strictSlashes?: boolean;
  /** Default true. */
  mergeSlashes?: boolean;
  /** For the browser binding: use document.startViewTransition; default false. */
  viewTransitions?: boolean;
  /** Unhandled errors reject test-client calls instead of becoming the 500 page. Default false. */
  testing?: boolean;
}

/** Options of `app.navigate`. */
export interface NavigateOptions {
  /** Replace the current history entry instead of pushing one. */
  replace?: boolean;
  /** The history entry's state (`req.state`). */
  state?: unknown;
}

/** A block: a message to `confirm`, or a function that refuses a navigation with `false`. */
export type BlockGuard = string | ((to: URL) => boolean | Promise<boolean>);

/** The committed page: what outlets render and elements read. */
export interface CurrentPage {
  readonly request: Request<any>;
  readonly response: Response;
}

/** What `app.start()` binds: the browser layer (src/browser), loaded on first use. */
export interface BrowserBinding {
  start(): Promise<void>;
  stop(): void;
  navigate(to: string, options: NavigateOptions): Promise<Response | NavigationFailure>;
  blocksChanged(): void;
}

/** The session as the app exposes it: the SessionApi plus a read of every entry. */
export type Session = Omit<PhialSession, 'beginRequest' | 'endRequest'>;

/**
 * The application.
 * @example
 * const app = new Phial({ base: '/shop' });
 * app.route('/', function index() { return 'Home'; });
 * app.route('/item/<int:id>', function item(req) { return `Item ${req.params.id}`; });
 * app.urlFor('item', { id: 3 });                  // '/shop/item/3'
 * (await app.test.get('/shop/item/3')).html;      // 'Item 3'
 */
export class Phial extends Scaffold {
  readonly options: Readonly<PhialOptions>;
  /** The normalised base: '/' or a path without its trailing slash ('/app'). */
  readonly base: string;
  /** Keys the default stores. */
  readonly name: string;
  /** Flask's TESTING/PROPAGATE_EXCEPTIONS: unhandled errors reject test-client calls. */
  testing: boolean;
  /** The URL map: works on paths after the base. */
  readonly urlMap: UrlMap;
  /** Endpoint to view. */
  readonly viewFunctions = new Map<string, View<any>>();
  /** Registered blueprints by dotted name. */
  readonly blueprints = new Map<string, Blueprint<any>>();
  readonly beforeFirstRequestFuncs: Array<() => unknown> = [];
  /** True once the app started handling its first request (Flask's `got_first_request`). */
  gotFirstRequest = false;
  /** The app's flash messages (for elements: live messages, the debug toolbar's peek). */
  readonly flashManager: PhialFlashManager;
  /** The app's session; `req.app.session` in a view. */
  readonly session: Session;
  /**
   * Phial's WSGI app: a Request in, a Response out. Wrap it with `wrap(mw)` or assign a
   * wrapper to it.
   */
  dispatch: Dispatch;
  /** The committed page (set by the browser layer when a navigation commits), or null. */
  current: CurrentPage | null = null;
  /** Blueprints registered as loaders, loaded on the first URL under their prefix. */
  readonly lazyBlueprints: LazyBlueprints = new LazyBlueprints(this);
  /** The blocks added with `block()`, in order. */
  readonly blocks: BlockGuard[] = [];
  #prefix: string;
  #test: TestClient | null = null;
  #binding: BrowserBinding | null = null;
  #binding$: Promise<BrowserBinding> | null = null;

  constructor(options: PhialOptions = {}) {
    super();
    this.options = Object.freeze({ ...options });
    this.#prefix = normalizeBase(options.base);
    this.base = this.#prefix || '/';
    this.name = options.name ?? this.base;
    this.testing = options.testing ?? false;
    this.urlMap = new UrlMap({ strictSlashes: options.strictSlashes, mergeSlashes: options.mergeSlashes });
    const hooks = {
      messageFlashed: (message: unknown, category: string) => signals.messageFlashed.send(this, { message, category }),
      storageFallback: (store: string, error: unknown) => signals.storageFallback.send(this, { store, error }),
    };
    this.flashManager = createFlashManager(options.flashStore, this.name, hooks);
    const session = createSession(options.session, this.name, hooks);
    this.session = session;
    this.dispatch = createDispatch(this, session);
  }

  protected override describe(): string {
    return 'the app';
  }

  protected override checkSetupFinished(): void {
    // Unlike Flask, the app can change after its first dispatch: lazy, code-split blueprints.
  }

  /**
   * Adds a rule. `endpoint` defaults to the view's function name; a view may be bound later
   * to a rule registered with an endpoint only.
   * @example
   * app.addUrlRule('/about', 'about', () => 'About us');
   */
  override addUrlRule(rule: string, endpoint?: string | null, view?: View<any>, options: RouteOptions = {}): void {
    if (view !== undefined && view !== null && typeof view !== 'function') {
      throw new PhialError(DEV ? `addUrlRule(${JSON.stringify(rule)}): the view must be a function (req) => ViewResult, not ${typeof view}.` : prodMessage(201, 'addUrlRule(): view not a function'));
    }
    endpoint = endpoint ?? options.endpoint ?? endpointFromView(view, rule);
    if (typeof options.methods === 'string') {
      throw new PhialError(DEV ? `The methods of ${JSON.stringify(rule)} must be a list of strings, for example { methods: ['POST'] }, not the string ${JSON.stringify(options.methods)}.` : prodMessage(202, 'route(): bad methods'));
    }
    const bound = this.viewFunctions.get(endpoint);
    if (view && bound && bound !== view) {
      throw new PhialError(DEV ? `The endpoint '${endpoint}' is already bound to another view function (${bound.name || 'anonymous'}). Two views ended up with one endpoint name: give one an explicit { endpoint }, or, if a minifier renamed them, see the README (keep names, or name every endpoint).` : prodMessage(203, 'endpoint bound to another view'));
    }
    this.urlMap.add(rule, {
      endpoint,
      methods: (options.methods ?? ['GET']).map((m) => m.toUpperCase()),
      defaults: options.defaults,
      strictSlashes: options.strictSlashes,
      mergeSlashes: options.mergeSlashes,
    });
    if (view) this.viewFunctions.set(endpoint, view);
  }

  /**
   * Registers a blueprint: its routes under its prefix, its endpoints as `name.view`. May be
   * called after the first dispatch. A loader (`() => import('./admin.js')`, with `name` and
   * `urlPrefix`) registers a lazy blueprint, loaded on the first URL under its prefix.
   * @example
   * app.registerBlueprint(admin, { urlPrefix: '/admin' });
   */
  registerBlueprint(blueprint: Blueprint<any> | BlueprintLoader, options: RegisterOptions = {}): void {
    if (typeof blueprint === 'function') {
      this.lazyBlueprints.add(blueprint, options);
      return;
    }
    blueprint.register(this, options);
  }

  /**
   * Loads a lazy blueprint ahead of time (hovering or focusing a link under its prefix does it
   * too); resolves once its routes are registered.
   * @example
   * await app.loadBlueprint('admin');
   * app.urlFor('admin.users');
   */
  loadBlueprint(name: string): Promise<void> {
    return this.lazyBlueprints.load(name);
  }

  /**
   * Runs `fn` once, before the first dispatch's before hooks (awaited; dispatches that start
   * together wait for the same run).
   */
  beforeFirstRequest<F extends () => unknown>(fn: F): F {
    if (typeof fn !== 'function') throw new PhialError(DEV ? 'beforeFirstRequest(fn): fn must be a function.' : prodMessage(204, 'beforeFirstRequest(): not a function'));
    this.beforeFirstRequestFuncs.push(fn);
    return fn;
  }

  /**
   * Adds a converter, before the rules that use it.
   * @example
   * app.addConverter('list', { toValue: (t) => t.split(','), toUrl: (v) => (v as string[]).join(',') });
   */
  addConverter(name: string, converter: ConverterSpec): void {
    this.urlMap.addConverter(name, converter);
  }

  /**
   * The full path (with the base) of an endpoint. `urlDefaults` hooks run first (with no
   * request); values the rule does not use go to the query. A leading '.' is dropped (use
   * `req.urlFor` for names relative to a blueprint).
   * @example
   * app.urlFor('user', { id: 7, tab: 'posts' }, { anchor: 'top' });   // '/users/7?tab=posts#top'
   */
  urlFor(endpoint: string, values?: Record<string, unknown>, options?: UrlForOptions): string {
    return buildUrl(this, endpoint.startsWith('.') ? endpoint.slice(1) : endpoint, values, options);
  }

  /**
   * A redirect Response to `location`, refused (a PhialError) when it leaves the app unless
   * `{ external: true }`: another origin, a path outside the base; `javascript:` and `data:`
   * URLs are always refused. Relative locations resolve against this app's request in flight.
   * @example
   * return app.redirect(app.urlFor('login'));
   */
  redirect(location: string, options: RedirectOptions = {}): Response {
    const from = soleRequest(this)?.url ?? globalThis.location?.href ?? 'http://localhost/';
    return makeRedirect(appLocation(this, location), options, this.#prefix, from);
  }

  /**
   * Flashes a message: in this app's request in flight, else for the next page view. Throws at
   * the call when the message is not JSON-serialisable; resolves once it is stored.
   * @example
   * await app.flash('Signed out', 'info');
   */
  flash(message: unknown, category = 'message'): Promise<void> {
    const request = currentRequest('app.flash()', this);
    if (request) {
      request.flash(message, category);
      return Promise.resolve();
    }
    toJsonText(message, 'A flashed message');
    return this.flashManager.flash(message, category);
  }

  /**
   * Wraps `dispatch` with a middleware; the last wrapped runs outermost.
   * @example
   * app.wrap((next) => async (req) => {
   *   const started = performance.now();
   *   const res = await next(req);
   *   console.log(req.path, res.status, performance.now() - started);
   *   return res;
   * });
   */
  wrap(middleware: Middleware): void {
    const wrapped: unknown = middleware(this.dispatch);
    if (typeof wrapped !== 'function') {
      throw new PhialError(DEV ? `app.wrap(${middleware.name || 'middleware'}): a middleware is (next) => (req) => Promise<Response>, but it returned ${typeof wrapped}.` : prodMessage(205, 'app.wrap(): not a middleware'));
    }
    this.dispatch = wrapped as Dispatch;
  }

  /**
   * Listens for the app's navigations (links, forms, Back and Forward) and dispatches the
   * current URL without a new history entry; resolves once that first page is committed and
   * rendered. Idempotent; after `stop()` it starts again.
   * @example
   * await app.start();
   */
  async start(): Promise<void> {
    activateApp(this);
    await (await this.#browser()).start();
  }

  /** Removes every listener and aborts the navigation in flight; `start()` works again. */
  stop(): void {
    deactivateApp(this);
    this.#binding?.stop();
  }

  /**
   * Navigates to a full path of the app (a URL outside the base or on another origin is a
   * real page load). Resolves to the Response once the address bar shows the final URL and
   * every connected outlet rendered it, or to a NavigationFailure; rejects only for a bad
   * argument.
   * @example
   * const res = await app.navigate(app.urlFor('user', { id: 7 }));
   * if (isNavigationFailure(res)) console.log(res.type);
   */
  async navigate(to: string, options: NavigateOptions = {}): Promise<Response | NavigationFailure> {
    if (typeof to !== 'string' || to === '') {
      throw new PhialError(DEV ? `app.navigate(to): to must be a non-empty string, a full path such as urlFor() returns, not ${to === '' ? 'an empty string' : typeof to}.` : prodMessage(206, 'app.navigate(): bad path'));
    }
    if (typeof options !== 'object' || options === null) {
      throw new PhialError(DEV ? `app.navigate(${JSON.stringify(to)}, options): options must be an object such as { replace: true, state }, or left out.` : prodMessage(207, 'app.navigate(): bad options'));
    }
    const target = appLocation(this, to);
    try {
      new URL(target, location.href);
    } catch {
      throw new PhialError(DEV ? `app.navigate(${JSON.stringify(to)}): not a URL the browser can read. Pass a full path such as urlFor() returns.` : prodMessage(258, 'app.navigate(): not a URL'));
    }
    return (await this.#browser()).navigate(target, options);
  }

  /**
   * Asks before any navigation of the app (and, best effort, before leaving it): a string is
   * shown with `confirm()`, a function refuses with `false`. Returns the function that removes
   * the block.
   * @example
   * const unblock = app.block('You have unsaved changes. Leave anyway?');
   * form.addEventListener('submit', unblock);
   */
  block(guard: BlockGuard): () => void {
    if (typeof guard !== 'string' && typeof guard !== 'function') {
      throw new PhialError(DEV ? `app.block(guard): guard must be a message for confirm() or a function (to) => boolean | Promise<boolean>, not ${guard === null ? 'null' : typeof guard}.` : prodMessage(208, 'app.block(): bad guard'));
    }
    this.blocks.push(guard);
    this.#binding?.blocksChanged();
    let removed = false;
    return () => {
      if (removed) return;
      removed = true;
      const i = this.blocks.indexOf(guard);
      if (i >= 0) this.blocks.splice(i, 1);
      this.#binding?.blocksChanged();
    };
  }

  /** The browser layer, loaded on first use so that the core never imports it statically. */
  #browser(): Promise<BrowserBinding> {
    return (this.#binding$ ??= import('./browser/navigator.js').then((m) => (this.#binding = new m.Navigator(this))));
  }

  /**
   * Flask's test client: full dispatches with no history and no DOM.
   * @example
   * const res = await app.test.post('/login', { user: 'ada' }, { followRedirects: true });
   */
  get test(): TestClient {
    return (this.#test ??= new TestClient(this));
  }
}

/** '/app/' to '/app', '/' to ''. */
function normalizeBase(base: string | undefined): string {
  if (base === undefined) return '';
  if (typeof base !== 'string' || !base.startsWith('/') || base.startsWith('//') || /[?#]/.test(base)) {
    throw new PhialError(DEV ? `new Phial({ base: ${JSON.stringify(base)} }): the base is the path the app is mounted under, starting with one '/', such as '/app' (no origin, query or hash).` : prodMessage(209, 'new Phial({ base }): not a path'));
  }
  return base.replace(/\/+$/, '');
}
