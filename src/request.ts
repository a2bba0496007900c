/**
 * Request: one navigation (or test-client call) as the app sees it. `path`, `query` and `hash`
 * are read from `url`, so a middleware that sends the request elsewhere assigns `req.url`; the
 * request-bound `urlFor`, `flash` and `getFlashedMessages` are never ambiguous, unlike the
 * module-level ones when several dispatches are in flight.
 */
import { DEV, prodMessage } from './dev.js';
import type { App } from './app-type.js';
import { blueprintOf, splitBlueprintPath } from './endpoints.js';
import { PhialError } from './errors.js';
import { isUnderBase } from './location.js';
import type { Rule } from './routing/map.js';
import type { FlashReadOptions, FlashRequestState } from './state/contract.js';
import { basePrefix, buildUrl, type UrlForOptions } from './urls.js';

/** Options of `new Request`. */
export interface RequestOptions {
  /** Default 'GET'. */
  method?: string;
  /** The submitted form of a POST. */
  form?: FormData | null;
  /** The history entry's state. */
  state?: unknown;
  /** Aborted when a newer navigation starts; default: a signal that never aborts. */
  signal?: AbortSignal;
  /** The full paths dispatched before this one in the same navigation (redirect hops). */
  redirectChain?: readonly string[];
}

const flashStates = new WeakMap<object, FlashRequestState>();

/** Gives a request its flash state once the dispatch has claimed it. */
export function bindFlashes(request: Request<any>, state: FlashRequestState): void {
  flashStates.set(request, state);
}

/**
 * A request. `P` is the type of `params`, inferred from the rule string by `app.route`.
 * @example
 * app.route('/u/<int:id>', (req) => `user ${req.params.id + 1} of ${req.query.get('page') ?? 1}`);
 */
export class Request<P = Record<string, unknown>> {
  readonly app: App;
  method: string;
  form: FormData | null;
  state: unknown;
  /** Values preprocessors and hooks share with the view: a fresh object for each request. */
  readonly g: Record<string, any> = {};
  /** Aborted when a newer navigation starts: pass it to `fetch` in views. */
  readonly signal: AbortSignal;
  /** The endpoint of the matched rule; null when the URL matched no rule. */
  endpoint: string | null = null;
  /** The matched rule (Flask's `request.url_rule`); null when the URL matched no rule. */
  urlRule: Rule | null = null;
  /** The values of the URL's variable parts, after the URL value preprocessors. */
  params: P = {} as P;
  /** The full paths dispatched before this one in the same navigation. */
  readonly redirectChain: readonly string[];
  #url: URL;

  constructor(app: App, url: string | URL, options: RequestOptions = {}) {
    this.app = app;
    this.#url = toURL(url);
    this.method = (options.method ?? 'GET').toUpperCase();
    this.form = options.form ?? null;
    this.state = options.state;
    this.signal = options.signal ?? new AbortController().signal;
    this.redirectChain = options.redirectChain ?? [];
  }

  /** The full URL. Assign a URL or a path to send the request elsewhere (in a middleware). */
  get url(): URL {
    return this.#url;
  }
  set url(value: string | URL) {
    this.#url = toURL(value);
  }

  /** The path after the app's base, as the URL map matches it ('/' at the base itself). */
  get path(): string {
    const prefix = basePrefix(this.app);
    const { pathname } = this.#url;
    if (prefix === '' || !isUnderBase(pathname, prefix)) return pathname;
    return pathname.slice(prefix.length) || '/';
  }

  /** The full path with the base, query and hash: what `navigate()` and the test client take. */
  get fullPath(): string {
    return this.#url.pathname + this.#url.search + this.#url.hash;
  }

  get query(): URLSearchParams {
    return this.#url.searchParams;
  }

  /** The fragment, with its '#' ('' when there is none). */
  get hash(): string {
    return this.#url.hash;
  }

  /** The innermost blueprint of the endpoint ('parent.child'), or null. */
  get blueprint(): string | null {
    return blueprintOf(this.endpoint);
  }

  /** The blueprints of the endpoint, innermost first: ['parent.child', 'parent']. */
  get blueprints(): string[] {
    return splitBlueprintPath(this.blueprint);
  }

  /**
   * `app.urlFor` where `.name` is relative to this request's blueprint; `urlDefaults` hooks get
   * this request.
   * @example
   * req.urlFor('.edit', { id: 7 });   // 'admin.edit' inside an 'admin' view
   */
  urlFor(endpoint: string, values?: Record<string, unknown>, options?: UrlForOptions): string {
    if (endpoint.startsWith('.')) {
      const blueprint = this.blueprint;
      endpoint = blueprint === null ? endpoint.slice(1) : blueprint + endpoint;
    }
    return buildUrl<Request<any>>(this.app, endpoint, values, options, this);
  }

  /** Flashes a message for the next page view (or a later read of this one). */
  flash(message: unknown, category = 'message'): void {
    this.#flashes('flash').flash(message, category);
  }

  /** The flashed messages this page view shows (Flask's semantics, SPEC §7). */
  getFlashedMessages(options: FlashReadOptions & { withCategories: true }): Array<[string, unknown]>;
  getFlashedMessages(options?: FlashReadOptions): unknown[];
  getFlashedMessages(options?: FlashReadOptions): unknown[] {
    return this.#flashes('getFlashedMessages').getFlashedMessages(options);
  }

  #flashes(method: string): FlashRequestState {
    const state = flashStates.get(this);
    if (!state) {
      throw new PhialError(DEV ? `req.${method}() was called before the request reached the app: flash messages belong to a dispatch from its start (after the middleware) to its end. Call it in a view, a hook or an error handler.` : prodMessage(231, 'flashes before the dispatch'));
    }
    return state;
  }
}

function toURL(url: string | URL): URL {
  if (url instanceof URL) return new URL(url.href);
  if (typeof url !== 'string') {
    throw new PhialError(DEV ? `A request's URL must be a string (a full path such as '/users/7?tab=posts') or a URL, not ${url === null ? 'null' : typeof url}.` : prodMessage(232, 'Request: URL not a string or URL'));
  }
  try {
    // A path is a path, even '//x', which URL() would read as a host.
    // Outside a page (a worker, Node) the test client still works, on a stand-in origin.
    const origin = globalThis.location?.origin ?? 'http://localhost';
    if (url.startsWith('/')) return new URL(origin + url);
    return new URL(url, globalThis.location?.href ?? origin + '/');
  } catch {
    throw new PhialError(DEV ? `${JSON.stringify(url)} is not a URL or a path: pass a full path such as '/users/7?tab=posts'.` : prodMessage(233, 'not a URL or a path'));
  }
}
