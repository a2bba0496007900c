/**
 * Every error Phial raises: `PhialError` and its kinds, and Werkzeug's `HTTPException`
 * family with `abort()`. Each message says what was wrong and how to fix it.
 */

/**
 * The base of every error Phial throws.
 * @example
 * try { app.urlFor('nope'); } catch (e) { if (e instanceof PhialError) console.warn(e.message); }
 */
export class PhialError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    // A string, not new.target.name: minifiers rename classes ('u: Could not build…'). Each
    // of Phial's classes names itself below; a subclass of yours gets its own class name.
    this.name = new.target === PhialError ? 'PhialError' : new.target.name;
  }
}

/** A rule string that cannot be registered: bad syntax, unknown converter, bad arguments. */
export class RuleError extends PhialError {
  /** The rule as written. */
  readonly rule: string;
  /** 1-based column of the problem in `rule`. */
  readonly column: number;
  constructor(rule: string, column: number, problem: string, fix: string) {
    super(`Invalid rule ${JSON.stringify(rule)} at column ${column}: ${problem}. ${fix}`);
    this.name = 'RuleError';
    this.rule = rule;
    this.column = column;
  }
}

/** `urlFor` / `urlMap.build` could not build a URL: unknown endpoint, missing or unmatchable values. */
export class BuildError extends PhialError {
  readonly endpoint: string;
  readonly values: Record<string, unknown>;
  /** The closest registered endpoint, when the endpoint is unknown. */
  readonly suggestion: string | null;
  constructor(endpoint: string, values: Record<string, unknown>, message: string, suggestion: string | null = null) {
    super(message);
    this.name = 'BuildError';
    this.endpoint = endpoint;
    this.values = values;
    this.suggestion = suggestion;
  }
}

/** Too many redirects in one navigation: the message lists the chain. */
export class RedirectLoopError extends PhialError {
  readonly chain: string[];
  constructor(chain: string[]) {
    super(`Too many redirects (${chain.length - 1} hops): ${chain.join(' -> ')}. A before hook or view keeps redirecting; make sure the target of a redirect does not redirect back (for a login guard, let the login page through).`);
    this.name = 'RedirectLoopError';
    this.chain = chain;
  }
}

/** Why a navigation did not happen: a newer one overtook it, or a block refused it. */
export type NavigationFailureType = 'aborted' | 'cancelled';

/**
 * What `navigate()` resolves to when the navigation did not happen (it never rejects for that).
 * @example
 * const result = await app.navigate('/edit');
 * if (isNavigationFailure(result, 'cancelled')) console.log('the user stayed on', result.from);
 */
export class NavigationFailure extends PhialError {
  readonly type: NavigationFailureType;
  /** The URL the navigation left from (a full path). */
  readonly from: string;
  /** The URL it was going to. */
  readonly to: string;
  constructor(type: NavigationFailureType, from: string, to: string) {
    super(type === 'aborted'
      ? `The navigation from ${from} to ${to} was aborted: a newer navigation started before it finished (the last one wins).`
      : `The navigation from ${from} to ${to} was cancelled by app.block(): the user chose to stay.`);
    this.name = 'NavigationFailure';
    this.type = type;
    this.from = from;
    this.to = to;
  }
}

/**
 * True for a NavigationFailure (of `type`, when given).
 * @example
 * if (isNavigationFailure(await app.navigate('/x'), 'aborted')) return;
 */
export function isNavigationFailure(value: unknown, type?: NavigationFailureType): value is NavigationFailure {
  return value instanceof NavigationFailure && (type === undefined || value.type === type);
}

/** Anything a `Response` needs to be carried by `abort(response)`. */
export interface AbortResponse { status: number }

/**
 * Werkzeug's HTTPException: an error that is also a page. Thrown by `abort(code)` and by
 * the URL map; error handlers registered for its `code` turn it into a page.
 * @example
 * app.errorHandler(404, (err) => [`${err.name}: ${err.description}`, 404]);
 */
export class HTTPException extends PhialError {
  /** The status code; null on `HTTPException` itself and on classes without one. */
  static code: number | null = null;
  static defaultName = 'Unknown Error';
  static defaultDescription = '';
  readonly code: number | null;
  description: string;
  /** Set by `abort(response)`: the response that ends the dispatch. */
  response: AbortResponse | null = null;
  constructor(description?: string, options?: { cause?: unknown; response?: AbortResponse }) {
    const ctor = new.target as typeof HTTPException;
    const desc = description ?? ctor.defaultDescription;
    super(`${ctor.code ?? '???'} ${ctor.defaultName}${desc ? `: ${desc}` : ''}`, options);
    this.code = ctor.code;
    this.description = desc;
    if (options?.response) this.response = options.response;
  }
  /** 'Not Found' for a 404. */
  get httpName(): string { return (this.constructor as typeof HTTPException).defaultName; }
  override toString(): string {
    return `${this.code ?? '???'} ${this.httpName}${this.description ? `: ${this.description}` : ''}`;
  }
}
// `name` on an HTTPException is Werkzeug's name ('Not Found'), as Flask users expect,
// while the JS class name stays in `constructor.name`.
Object.defineProperty(HTTPException.prototype, 'name', {
  get(this: HTTPException) { return this.httpName; },
  set(this: HTTPException, _v: string) { /* Error's constructor assigns name; Werkzeug's wins */ },
  configurable: true,
});

/** 400 Bad Request */
export class BadRequest extends HTTPException {
  static override code: number | null = 400;
  static override defaultName = "Bad Request";
  static override defaultDescription = "The browser (or proxy) sent a request that this server could not understand.";
}

/** 401 Unauthorized */
export class Unauthorized extends HTTPException {
  static override code: number | null = 401;
  static override defaultName = "Unauthorized";
  static override defaultDescription = "The server could not verify that you are authorized to access the URL requested. You either supplied the wrong credentials (e.g. a bad password), or your browser doesn't understand how to supply the credentials required.";
}

/** 403 Forbidden */
export class Forbidden extends HTTPException {
  static override code: number | null = 403;
  static override defaultName = "Forbidden";
  static override defaultDescription = "You don't have the permission to access the requested resource. It is either read-protected or not readable by the server.";
}

/** 404 Not Found */
export class NotFound extends HTTPException {
  static override code: number | null = 404;
  static override defaultName = "Not Found";
  static override defaultDescription = "The requested URL was not found on the server. If you entered the URL manually please check your spelling and try again.";
}

/** 405 Method Not Allowed */
export class MethodNotAllowed extends HTTPException {
  static override code: number | null = 405;
  static override defaultName = "Method Not Allowed";
  static override defaultDescription = "The method is not allowed for the requested URL.";
  /** The methods the URL does allow. */
  validMethods: string[] = [];
  constructor(description?: string, options?: { cause?: unknown; validMethods?: string[] }) {
    super(description, options);
    if (options?.validMethods) this.validMethods = options.validMethods;
  }
}

/** 406 Not Acceptable */
export class NotAcceptable extends HTTPException {
  static override code: number | null = 406;
  static override defaultName = "Not Acceptable";
  static override defaultDescription = "The resource identified by the request is only capable of generating response entities which have content characteristics not acceptable according to the accept headers sent in the request.";
}

/** 408 Request Timeout */
export class RequestTimeout extends HTTPException {
  static override code: number | null = 408;
  static override defaultName = "Request Timeout";
  static override defaultDescription = "The server closed the network connection because the browser didn't finish the request within the specified time.";
}

/** 409 Conflict */
export class Conflict extends HTTPException {
  static override code: number | null = 409;
  static override defaultName = "Conflict";
  static override defaultDescription = "A conflict happened while processing the request. The resource might have been modified while the request was being processed.";
}

/** 410 Gone */
export class Gone extends HTTPException {
  static override code: number | null = 410;
  static override defaultName = "Gone";
  static override defaultDescription = "The requested URL is no longer available on this server and there is no forwarding address. If you followed a link from a foreign page, please contact the author of this page.";
}

/** 411 Length Required */
export class LengthRequired extends HTTPException {
  static override code: number | null = 411;
  static override defaultName = "Length Required";
  static override defaultDescription = "A request with this method requires a valid <code>Content-Length</code> header.";
}

/** 412 Precondition Failed */
export class PreconditionFailed extends HTTPException {
  static override code: number | null = 412;
  static override defaultName = "Precondition Failed";
  static override defaultDescription = "The precondition on the request for the URL failed positive evaluation.";
}

/** 413 Request Entity Too Large */
export class RequestEntityTooLarge extends HTTPException {
  static override code: number | null = 413;
  static override defaultName = "Request Entity Too Large";
  static override defaultDescription = "The data value transmitted exceeds the capacity limit.";
}

/** 414 Request URI Too Long */
export class RequestURITooLarge extends HTTPException {
  static override code: number | null = 414;
  static override defaultName = "Request URI Too Long";
  static override defaultDescription = "The length of the requested URL exceeds the capacity limit for this server. The request cannot be processed.";
}

/** 415 Unsupported Media Type */
export class UnsupportedMediaType extends HTTPException {
  static override code: number | null = 415;
  static override defaultName = "Unsupported Media Type";
  static override defaultDescription = "The server does not support the media type transmitted in the request.";
}

/** 416 Requested Range Not Satisfiable */
export class RequestedRangeNotSatisfiable extends HTTPException {
  static override code: number | null = 416;
  static override defaultName = "Requested Range Not Satisfiable";
  static override defaultDescription = "The server cannot provide the requested range.";
}

/** 417 Expectation Failed */
export class ExpectationFailed extends HTTPException {
  static override code: number | null = 417;
  static override defaultName = "Expectation Failed";
  static override defaultDescription = "The server could not meet the requirements of the Expect header";
}

/** 418 I'm a teapot */
export class ImATeapot extends HTTPException {
  static override code: number | null = 418;
  static override defaultName = "I'm a teapot";
  static override defaultDescription = "This server is a teapot, not a coffee machine";
}

/** 421 Misdirected Request */
export class MisdirectedRequest extends HTTPException {
  static override code: number | null = 421;
  static override defaultName = "Misdirected Request";
  static override defaultDescription = "The server is not able to produce a response.";
}

/** 422 Unprocessable Entity */
export class UnprocessableEntity extends HTTPException {
  static override code: number | null = 422;
  static override defaultName = "Unprocessable Entity";
  static override defaultDescription = "The request was well-formed but was unable to be followed due to semantic errors.";
}

/** 423 Locked */
export class Locked extends HTTPException {
  static override code: number | null = 423;
  static override defaultName = "Locked";
  static override defaultDescription = "The resource that is being accessed is locked.";
}

/** 424 Failed Dependency */
export class FailedDependency extends HTTPException {
  static override code: number | null = 424;
  static override defaultName = "Failed Dependency";
  static override defaultDescription = "The method could not be performed on the resource because the requested action depended on another action and that action failed.";
}

/** 428 Precondition Required */
export class PreconditionRequired extends HTTPException {
  static override code: number | null = 428;
  static override defaultName = "Precondition Required";
  static override defaultDescription = "This request is required to be conditional; try using \"If-Match\" or \"If-Unmodified-Since\".";
}

/** 429 Too Many Requests */
export class TooManyRequests extends HTTPException {
  static override code: number | null = 429;
  static override defaultName = "Too Many Requests";
  static override defaultDescription = "This user has exceeded an allotted request count. Try again later.";
}

/** 431 Request Header Fields Too Large */
export class RequestHeaderFieldsTooLarge extends HTTPException {
  static override code: number | null = 431;
  static override defaultName = "Request Header Fields Too Large";
  static override defaultDescription = "One or more header fields exceeds the maximum size.";
}

/** 451 Unavailable For Legal Reasons */
export class UnavailableForLegalReasons extends HTTPException {
  static override code: number | null = 451;
  static override defaultName = "Unavailable For Legal Reasons";
  static override defaultDescription = "Unavailable for legal reasons.";
}

/** 500 Internal Server Error */
export class InternalServerError extends HTTPException {
  static override code: number | null = 500;
  static override defaultName = "Internal Server Error";
  static override defaultDescription = "The server encountered an internal error and was unable to complete your request. Either the server is overloaded or there is an error in the application.";
  /** The error that caused this 500, when there was one. */
  originalError: unknown = null;
  constructor(description?: string, options?: { cause?: unknown; originalError?: unknown }) {
    super(description, options);
    if (options && 'originalError' in options) this.originalError = options.originalError;
  }
}

/** 501 Not Implemented */
export class NotImplemented extends HTTPException {
  static override code: number | null = 501;
  static override defaultName = "Not Implemented";
  static override defaultDescription = "The server does not support the action requested by the browser.";
}

/** 502 Bad Gateway */
export class BadGateway extends HTTPException {
  static override code: number | null = 502;
  static override defaultName = "Bad Gateway";
  static override defaultDescription = "The proxy server received an invalid response from an upstream server.";
}

/** 503 Service Unavailable */
export class ServiceUnavailable extends HTTPException {
  static override code: number | null = 503;
  static override defaultName = "Service Unavailable";
  static override defaultDescription = "The server is temporarily unable to service your request due to maintenance downtime or capacity problems. Please try again later.";
}

/** 504 Gateway Timeout */
export class GatewayTimeout extends HTTPException {
  static override code: number | null = 504;
  static override defaultName = "Gateway Timeout";
  static override defaultDescription = "The connection to an upstream server timed out.";
}

/** 505 HTTP Version Not Supported */
export class HTTPVersionNotSupported extends HTTPException {
  static override code: number | null = 505;
  static override defaultName = "HTTP Version Not Supported";
  static override defaultDescription = "The server does not support the HTTP protocol version used in the request.";
}

/**
 * A routing redirect (strict slashes, merged slashes, defaults): 308 to the canonical URL.
 * Thrown by `urlMap.match`; the app turns it into a redirect before any hook runs.
 */
export class RequestRedirect extends HTTPException {
  static override code: number | null = 308;
  static override defaultName = 'Permanent Redirect';
  static override defaultDescription = '';
  /** The canonical path after the base, with the query. */
  readonly newUrl: string;
  constructor(newUrl: string) {
    super(`Redirecting to ${newUrl}`);
    this.newUrl = newUrl;
  }
}

const byCode = new Map<number, typeof HTTPException>([

  [400, BadRequest],
  [401, Unauthorized],
  [403, Forbidden],
  [404, NotFound],
  [405, MethodNotAllowed],
  [406, NotAcceptable],
  [408, RequestTimeout],
  [409, Conflict],
  [410, Gone],
  [411, LengthRequired],
  [412, PreconditionFailed],
  [413, RequestEntityTooLarge],
  [414, RequestURITooLarge],
  [415, UnsupportedMediaType],
  [416, RequestedRangeNotSatisfiable],
  [417, ExpectationFailed],
  [418, ImATeapot],
  [421, MisdirectedRequest],
  [422, UnprocessableEntity],
  [423, Locked],
  [424, FailedDependency],
  [428, PreconditionRequired],
  [429, TooManyRequests],
  [431, RequestHeaderFieldsTooLarge],
  [451, UnavailableForLegalReasons],
  [500, InternalServerError],
  [501, NotImplemented],
  [502, BadGateway],
  [503, ServiceUnavailable],
  [504, GatewayTimeout],
  [505, HTTPVersionNotSupported]

]);

/** The HTTPException class for a status code, or undefined when Phial has none. */
export function exceptionForCode(code: number): typeof HTTPException | undefined {
  return byCode.get(code);
}

/** Every status code that has an HTTPException class. */
export function knownErrorCodes(): number[] {
  return [...byCode.keys()];
}

/**
 * Ends the dispatch: `abort(404)` throws `NotFound`, `abort(403, 'why')` a `Forbidden` with
 * that description; `abort(response)` ends it with that Response.
 * @example
 * app.route('/admin', (req) => { if (!req.app.session.get('admin')) abort(403); return 'ok'; });
 */
export function abort(code: number, description?: string): never;
export function abort(response: AbortResponse): never;
export function abort(codeOrResponse: number | AbortResponse, description?: string): never {
  if (typeof codeOrResponse === 'number') {
    const Cls = byCode.get(codeOrResponse);
    if (!Cls) {
      throw new PhialError(`abort(${codeOrResponse}): ${codeOrResponse} is not an HTTP error status Phial knows. Use one of ${[...byCode.keys()].join(', ')}, or abort(new Response(body, { status })) for any other status.`);
    }
    throw new Cls(description);
  }
  if (codeOrResponse && typeof codeOrResponse === 'object' && typeof codeOrResponse.status === 'number') {
    const e = new HTTPException(undefined, { response: codeOrResponse });
    throw e;
  }
  throw new PhialError(`abort() takes a status code or a Response, not ${String(codeOrResponse)}.`);
}
