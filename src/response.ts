/**
 * Response: plain data a view, hook or handler returns (body, status, title, location), and the
 * one place view results become Responses. A string body is text, never HTML; markup comes as
 * a lit TemplateResult or a DOM Node. Redirect targets are checked when `redirect()` is called,
 * so a hostile `?next=` fails in the view that used it, not after the page left the app.
 */
import { DEV, prodMessage } from './dev.js';
import { HTTPException, PhialError } from './errors.js';
import { appPathOf, isUnderBase, pageOrigin, resolveLocation, safePath } from './location.js';
import type { Request } from './request.js';
import { bodyToHtml, isNode, isTemplateResult, markup, type TemplateResultLike } from './markup.js';
import { basePrefix } from './urls.js';

/** What a Response carries: text, a DOM Node or a lit TemplateResult (null for redirects). */
export type ResponseBody = string | Node | TemplateResultLike;

/**
 * What a view, a before hook, an error handler or a layout may return: a body, a `Response`,
 * `[body, status]`, or an `HTTPException` (its default page, as a Flask handler's `return e`).
 */
export type ViewResult = ResponseBody | Response | HTTPException | readonly [ResponseBody | Response, number];

/** Options of `new Response`. */
export interface ResponseOptions {
  /** Default 200. */
  status?: number;
  /** The document title while this response is shown. */
  title?: string | null;
}

/**
 * A response: plain data that after hooks may change or replace.
 * @example
 * app.route('/gone', () => new Response('This page moved away.', { status: 410, title: 'Gone' }));
 */
export class Response {
  body: ResponseBody | null;
  status: number;
  title: string | null;
  /** Where a redirect goes: a full path of the app, or a URL when `external`. */
  location: string | null = null;
  /** A redirect that leaves the app by a real page load (`redirect(url, { external: true })`). */
  external = false;

  constructor(body: ResponseBody | null = '', init: ResponseOptions = {}) {
    if (body !== null && typeof body !== 'string' && !isNode(body) && !isTemplateResult(body)) {
      throw new PhialError(DEV ? `new Response(body): the body must be a string, a DOM Node or a lit TemplateResult, not ${describeValue(body)}.` : prodMessage(101, 'new Response(): bad body'));
    }
    const status = init.status ?? 200;
    checkStatus(status, DEV ? 'new Response(body, { status })' : '');
    this.body = body;
    this.status = status;
    this.title = init.title ?? null;
  }

  /**
   * The body as markup, as Flask's `response.data` is for its tests: a string escaped, a Node's
   * outer HTML, a TemplateResult's strings with its values escaped.
   */
  get html(): string {
    return bodyToHtml(this.body);
  }
}

const REDIRECT_CODES = [301, 302, 303, 307, 308];

/** Options of `redirect`. */
export interface RedirectOptions {
  /** 301, 302 (default), 303, 307 or 308. */
  code?: number;
  /** Allow another origin, or a path outside the app's base: the app is left by a page load. */
  external?: boolean;
}

/** True for a response the navigator and the test client follow. */
export function isRedirect(response: Response): boolean {
  return response.location !== null && REDIRECT_CODES.includes(response.status);
}

/**
 * A redirect Response to `location`, checked against the page's origin and the app's base.
 * `from` resolves relative locations (the request's URL); `prefix` is the base without its
 * trailing slash ('' for '/').
 */
export function makeRedirect(location: string, options: RedirectOptions, prefix: string, from: string | URL): Response {
  const code = options.code ?? 302;
  if (!REDIRECT_CODES.includes(code)) {
    throw new PhialError(DEV ? `redirect(${JSON.stringify(location)}, { code: ${code} }): ${code} is not a redirect status. Use 301, 302 (the default), 303, 307 or 308.` : prodMessage(102, 'redirect(): not a redirect status'));
  }
  if (typeof location !== 'string' || location === '') {
    throw new PhialError(DEV ? `redirect(location): location must be a non-empty string (a path from urlFor, or a URL with { external: true }), not ${describeValue(location)}.` : prodMessage(103, 'redirect(): bad location'));
  }
  const url = resolveLocation(location, from);
  if (url === null) {
    throw new PhialError(DEV ? `redirect(${JSON.stringify(location)}): not a URL. Pass a path such as urlFor('index') returns.` : prodMessage(104, 'redirect(): not a URL'));
  }
  if (url.protocol === 'javascript:' || url.protocol === 'data:') {
    throw new PhialError(DEV ? `redirect(${JSON.stringify(location)}) is refused: a ${url.protocol} URL would run code or show content outside any page of the app, even with { external: true }. Redirect to a page of the app (urlFor) or to an http(s) URL with { external: true }.` : prodMessage(105, 'redirect(): javascript:/data: URL'));
  }
  const response = new Response('', { status: code });
  const origin = pageOrigin();
  if (url.origin !== origin) {
    if (!options.external) {
      throw new PhialError(DEV ? `redirect(${JSON.stringify(location)}) is refused: it leaves the app for another origin (${url.origin === 'null' ? url.protocol : url.origin}). Pass { external: true } to leave on purpose (a real page load); never redirect to a URL taken from user input, such as a ?next= parameter, without checking it (safeNext(req) does).` : prodMessage(106, 'redirect(): other origin'));
    }
    // As Werkzeug: the location as given, once checked.
    response.location = location;
    response.external = true;
    return response;
  }
  // The path as the browser will read it, in a form no browser reads as protocol-relative.
  const path = safePath(url);
  if (!isUnderBase(path, prefix) && !options.external) {
    throw new PhialError(DEV ? `redirect(${JSON.stringify(location)}) is refused: ${url.pathname} is outside the app's base '${prefix || '/'}'. Use urlFor() for a page of the app, or pass { external: true } for a real page load of that URL.` : prodMessage(107, 'redirect(): outside the base'));
  }
  response.location = path;
  response.external = options.external === true;
  return response;
}

/**
 * The page to go back to after a login: the `next` value of the request's query (or of its
 * form), when it is a page of this app (this origin, under the base), as a full path safe to
 * give to `redirect()`; otherwise `fallback` (default: the base's root). What every Flask app
 * writes by hand after `request.args.get('next')`, without the open redirect.
 * @example
 * app.route('/login', function login(req) {
 *   if (req.method === 'POST' && checkPassword(req.form)) return redirect(safeNext(req, urlFor('index')));
 *   return loginPage();
 * }, { methods: ['GET', 'POST'] });
 */
export function safeNext(req: Request<any>, fallback?: string, param = 'next'): string {
  const prefix = basePrefix(req.app);
  const value = req.query.get(param) ?? req.form?.get(param) ?? null;
  if (typeof value === 'string' && value !== '') {
    const url = resolveLocation(value, req.url);
    const path = url === null ? null : appPathOf(url, prefix);
    if (path !== null) return path;
  }
  return fallback ?? prefix + '/';
}

/** The 308 of a routing redirect (slashes, defaults): already canonical, so not checked again. */
export function routingRedirect(location: string): Response {
  const response = new Response('', { status: 308 });
  response.location = location;
  return response;
}

/** Werkzeug's default page for an HTTPException, as a Phial response. */
export function defaultErrorResponse(error: HTTPException): Response {
  const code = error.code ?? 500;
  const name = error.httpName;
  const body = error.description ? markup`<h1>${name}</h1>\n<p>${error.description}</p>` : markup`<h1>${name}</h1>`;
  return new Response(body, { status: code, title: `${code} ${name}` });
}

/**
 * Makes a Response of what a view, hook, handler or layout returned. `source` names it for the
 * error message ("The view 'index' (endpoint 'index')").
 */
export function makeResponse(rv: unknown, source: string): Response {
  if (rv instanceof Response) return rv;
  if (typeof rv === 'string' || isNode(rv) || isTemplateResult(rv)) return new Response(rv);
  if (rv instanceof HTTPException) {
    if (rv.response) return makeResponse(rv.response, source);
    if (rv.code !== null) return defaultErrorResponse(rv);
  }
  if (Array.isArray(rv)) return tupleResponse(rv, source);
  throw new PhialError(DEV ? `${source} returned ${describeValue(rv)}, which is not a view result. ${invalidHint(rv)}Return a string (shown as text), a DOM Node, a lit TemplateResult, a Response, or [body, status].` : prodMessage(108, 'not a view result'));
}

function tupleResponse(rv: unknown[], source: string): Response {
  if (rv.length === 2 && typeof rv[1] === 'number') {
    const [body, status] = rv;
    checkStatus(status as number, DEV ? `${source}: the status in [body, status]` : '');
    if (body instanceof Response) {
      body.status = status as number;
      return body;
    }
    if (typeof body === 'string' || isNode(body) || isTemplateResult(body)) return new Response(body, { status: status as number });
    throw new PhialError(DEV ? `${source} returned [body, ${status}] with ${describeValue(body)} as the body. The body must be a string, a DOM Node, a lit TemplateResult or a Response.` : prodMessage(109, '[body, status]: bad body'));
  }
  throw new PhialError(DEV ? `${source} returned an array of ${rv.length} item${rv.length === 1 ? '' : 's'}, which is not a view result. ${arrayHint(rv)}` : prodMessage(110, 'array not [body, status]'));
}

function arrayHint(rv: unknown[]): string {
  return rv.length > 0 && rv.every(isTemplateResult)
    ? 'To render a list of templates, wrap the list in one template: html`${items}`. '
    : 'An array must be exactly [body, status], with a number as the status. ';
}

function invalidHint(rv: unknown): string {
  if (rv === undefined) return 'Did you forget a return statement (or an await)? ';
  if (typeof rv === 'boolean') return 'A boolean often comes from `cond && value`: write `if (cond) return value;`. ';
  if (typeof globalThis.Response === 'function' && rv instanceof globalThis.Response) {
    return "It is the browser's fetch Response: import Phial's instead (import { Response } from 'phial'). ";
  }
  return '';
}

function checkStatus(status: number, where: string): void {
  if (!Number.isInteger(status) || status < 100 || status > 599) {
    throw new PhialError(DEV ? `${where}: ${String(status)} is not an HTTP status. Use an integer from 100 to 599.` : prodMessage(111, 'not an HTTP status'));
  }
}

/** A short description of a value for error messages: `undefined`, `a boolean (true)`. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (value === null) return 'null';
  if (typeof globalThis.Response === 'function' && value instanceof globalThis.Response) return "a fetch Response";
  switch (typeof value) {
    case 'boolean': case 'number': case 'bigint': return `a ${typeof value} (${String(value)})`;
    case 'string': return `a string (${JSON.stringify(value.length > 40 ? value.slice(0, 40) + '…' : value)})`;
    case 'function': return `a function (${value.name || 'anonymous'})`;
    case 'symbol': return 'a symbol';
    default: {
      const name = Object.getPrototypeOf(value)?.constructor?.name;
      return name && name !== 'Object' ? `an object of class ${name}` : 'a plain object';
    }
  }
}
