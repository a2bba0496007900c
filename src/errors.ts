/**
 * Every error Phial raises: `PhialError` and its kinds, and Werkzeug's `HTTPException`
 * family with `abort()`. Each message says what was wrong and how to fix it (a production build:
 * a short message with a code, P150–P199).
 */
import { DEV, prodMessage } from './dev.js';

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
    super(`Invalid rule ${JSON.stringify(rule)} at column ${column}: ${problem}.${fix ? ` ${fix}` : ''}`);
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
    super(DEV ? `Too many redirects (${chain.length - 1} hops): ${chain.join(' -> ')}. A before hook or view keeps redirecting; make sure the target of a redirect does not redirect back (for a login guard, let the login page through).` : prodMessage(150, 'too many redirects'));
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
    const aborted = type === 'aborted';
    super(DEV
      ? aborted
        ? `The navigation from ${from} to ${to} was aborted: a newer navigation started before it finished (the last one wins).`
        : `The navigation from ${from} to ${to} was cancelled by app.block(): the user chose to stay.`
      : prodMessage(aborted ? 151 : 152, `navigation ${type}`));
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

/**
 * The HTTP errors by status code. The common ones are the classes above; a rarely raised one is
 * Werkzeug's name (with its class name when that is not the name without spaces), its class made
 * on first use, so that a bundle holds a line per rare error rather than a class. `RequestRedirect`
 * (308) is raised by the URL map only.
 */
const byCode: Record<number, typeof HTTPException | string | readonly [httpName: string, className: string]> = {
  400: BadRequest,
  401: 'Unauthorized',
  403: Forbidden,
  404: NotFound,
  405: MethodNotAllowed,
  406: 'Not Acceptable',
  408: 'Request Timeout',
  409: 'Conflict',
  410: 'Gone',
  411: 'Length Required',
  412: 'Precondition Failed',
  413: 'Request Entity Too Large',
  414: ['Request URI Too Long', 'RequestURITooLarge'],
  415: 'Unsupported Media Type',
  416: 'Requested Range Not Satisfiable',
  417: 'Expectation Failed',
  418: ["I'm a teapot", 'ImATeapot'],
  421: 'Misdirected Request',
  422: 'Unprocessable Entity',
  423: 'Locked',
  424: 'Failed Dependency',
  428: 'Precondition Required',
  429: 'Too Many Requests',
  431: 'Request Header Fields Too Large',
  451: 'Unavailable For Legal Reasons',
  500: InternalServerError,
  501: 'Not Implemented',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
  505: 'HTTP Version Not Supported',
};

/**
 * Werkzeug's descriptions of the rare errors, apart from their names: filing an error handler
 * for a code needs the class, not the description, so an app that neither aborts nor imports a
 * rare error's class does not carry these.
 */
const rareDescriptions: Record<number, string> = {
  401: "The server could not verify that you are authorized to access the URL requested. You either supplied the wrong credentials (e.g. a bad password), or your browser doesn't understand how to supply the credentials required.",
  406: 'The resource identified by the request is only capable of generating response entities which have content characteristics not acceptable according to the accept headers sent in the request.',
  408: "The server closed the network connection because the browser didn't finish the request within the specified time.",
  409: 'A conflict happened while processing the request. The resource might have been modified while the request was being processed.',
  410: 'The requested URL is no longer available on this server and there is no forwarding address. If you followed a link from a foreign page, please contact the author of this page.',
  411: 'A request with this method requires a valid <code>Content-Length</code> header.',
  412: 'The precondition on the request for the URL failed positive evaluation.',
  413: 'The data value transmitted exceeds the capacity limit.',
  414: 'The length of the requested URL exceeds the capacity limit for this server. The request cannot be processed.',
  415: 'The server does not support the media type transmitted in the request.',
  416: 'The server cannot provide the requested range.',
  417: 'The server could not meet the requirements of the Expect header',
  418: 'This server is a teapot, not a coffee machine',
  421: 'The server is not able to produce a response.',
  422: 'The request was well-formed but was unable to be followed due to semantic errors.',
  423: 'The resource that is being accessed is locked.',
  424: 'The method could not be performed on the resource because the requested action depended on another action and that action failed.',
  428: 'This request is required to be conditional; try using "If-Match" or "If-Unmodified-Since".',
  429: 'This user has exceeded an allotted request count. Try again later.',
  431: 'One or more header fields exceeds the maximum size.',
  451: 'Unavailable for legal reasons.',
  501: 'The server does not support the action requested by the browser.',
  502: 'The proxy server received an invalid response from an upstream server.',
  503: 'The server is temporarily unable to service your request due to maintenance downtime or capacity problems. Please try again later.',
  504: 'The connection to an upstream server timed out.',
  505: 'The server does not support the HTTP protocol version used in the request.',
};

/**
 * The class for a status code, made on first use; a rare one still lacks its description, which
 * exceptionForCode gives it. For filing error handlers (which never make an instance): whatever
 * hands a class out to be instantiated goes through exceptionForCode.
 */
export function httpErrorClass(code: number): typeof HTTPException | undefined {
  const entry = typeof code === 'number' ? byCode[code] : undefined;
  if (entry === undefined || typeof entry === 'function') return entry;
  const [httpName, className = httpName.replace(/ /g, '')] = typeof entry === 'string' ? [entry] : entry;
  const cls = class extends HTTPException {};
  // A string from the table: the name survives minification.
  Object.defineProperty(cls, 'name', { value: className });
  cls.code = code;
  cls.defaultName = httpName;
  return (byCode[code] = cls);
}

/** The HTTPException class for a status code, or undefined when Phial has none. */
export function exceptionForCode(code: number): typeof HTTPException | undefined {
  const cls = httpErrorClass(code);
  if (cls && !Object.hasOwn(cls, 'defaultDescription')) cls.defaultDescription = rareDescriptions[code]!;
  return cls;
}

/** Every status code that has an HTTPException class. */
export function knownErrorCodes(): number[] {
  return Object.keys(byCode).map(Number);
}

// The rare errors' classes, each made from the table when it is imported (a bundler drops the
// ones an app does not import: the calls are pure). Each is also a type, as a class is.
/** 401 Unauthorized */
export const Unauthorized = /* @__PURE__ */ exceptionForCode(401)!;
/** 401 Unauthorized */
export type Unauthorized = HTTPException;

/** 406 Not Acceptable */
export const NotAcceptable = /* @__PURE__ */ exceptionForCode(406)!;
/** 406 Not Acceptable */
export type NotAcceptable = HTTPException;

/** 408 Request Timeout */
export const RequestTimeout = /* @__PURE__ */ exceptionForCode(408)!;
/** 408 Request Timeout */
export type RequestTimeout = HTTPException;

/** 409 Conflict */
export const Conflict = /* @__PURE__ */ exceptionForCode(409)!;
/** 409 Conflict */
export type Conflict = HTTPException;

/** 410 Gone */
export const Gone = /* @__PURE__ */ exceptionForCode(410)!;
/** 410 Gone */
export type Gone = HTTPException;

/** 411 Length Required */
export const LengthRequired = /* @__PURE__ */ exceptionForCode(411)!;
/** 411 Length Required */
export type LengthRequired = HTTPException;

/** 412 Precondition Failed */
export const PreconditionFailed = /* @__PURE__ */ exceptionForCode(412)!;
/** 412 Precondition Failed */
export type PreconditionFailed = HTTPException;

/** 413 Request Entity Too Large */
export const RequestEntityTooLarge = /* @__PURE__ */ exceptionForCode(413)!;
/** 413 Request Entity Too Large */
export type RequestEntityTooLarge = HTTPException;

/** 414 Request URI Too Long */
export const RequestURITooLarge = /* @__PURE__ */ exceptionForCode(414)!;
/** 414 Request URI Too Long */
export type RequestURITooLarge = HTTPException;

/** 415 Unsupported Media Type */
export const UnsupportedMediaType = /* @__PURE__ */ exceptionForCode(415)!;
/** 415 Unsupported Media Type */
export type UnsupportedMediaType = HTTPException;

/** 416 Requested Range Not Satisfiable */
export const RequestedRangeNotSatisfiable = /* @__PURE__ */ exceptionForCode(416)!;
/** 416 Requested Range Not Satisfiable */
export type RequestedRangeNotSatisfiable = HTTPException;

/** 417 Expectation Failed */
export const ExpectationFailed = /* @__PURE__ */ exceptionForCode(417)!;
/** 417 Expectation Failed */
export type ExpectationFailed = HTTPException;

/** 418 I'm a teapot */
export const ImATeapot = /* @__PURE__ */ exceptionForCode(418)!;
/** 418 I'm a teapot */
export type ImATeapot = HTTPException;

/** 421 Misdirected Request */
export const MisdirectedRequest = /* @__PURE__ */ exceptionForCode(421)!;
/** 421 Misdirected Request */
export type MisdirectedRequest = HTTPException;

/** 422 Unprocessable Entity */
export const UnprocessableEntity = /* @__PURE__ */ exceptionForCode(422)!;
/** 422 Unprocessable Entity */
export type UnprocessableEntity = HTTPException;

/** 423 Locked */
export const Locked = /* @__PURE__ */ exceptionForCode(423)!;
/** 423 Locked */
export type Locked = HTTPException;

/** 424 Failed Dependency */
export const FailedDependency = /* @__PURE__ */ exceptionForCode(424)!;
/** 424 Failed Dependency */
export type FailedDependency = HTTPException;

/** 428 Precondition Required */
export const PreconditionRequired = /* @__PURE__ */ exceptionForCode(428)!;
/** 428 Precondition Required */
export type PreconditionRequired = HTTPException;

/** 429 Too Many Requests */
export const TooManyRequests = /* @__PURE__ */ exceptionForCode(429)!;
/** 429 Too Many Requests */
export type TooManyRequests = HTTPException;

/** 431 Request Header Fields Too Large */
export const RequestHeaderFieldsTooLarge = /* @__PURE__ */ exceptionForCode(431)!;
/** 431 Request Header Fields Too Large */
export type RequestHeaderFieldsTooLarge = HTTPException;

/** 451 Unavailable For Legal Reasons */
export const UnavailableForLegalReasons = /* @__PURE__ */ exceptionForCode(451)!;
/** 451 Unavailable For Legal Reasons */
export type UnavailableForLegalReasons = HTTPException;

/** 501 Not Implemented */
export const NotImplemented = /* @__PURE__ */ exceptionForCode(501)!;
/** 501 Not Implemented */
export type NotImplemented = HTTPException;

/** 502 Bad Gateway */
export const BadGateway = /* @__PURE__ */ exceptionForCode(502)!;
/** 502 Bad Gateway */
export type BadGateway = HTTPException;

/** 503 Service Unavailable */
export const ServiceUnavailable = /* @__PURE__ */ exceptionForCode(503)!;
/** 503 Service Unavailable */
export type ServiceUnavailable = HTTPException;

/** 504 Gateway Timeout */
export const GatewayTimeout = /* @__PURE__ */ exceptionForCode(504)!;
/** 504 Gateway Timeout */
export type GatewayTimeout = HTTPException;

/** 505 HTTP Version Not Supported */
export const HTTPVersionNotSupported = /* @__PURE__ */ exceptionForCode(505)!;
/** 505 HTTP Version Not Supported */
export type HTTPVersionNotSupported = HTTPException;

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
    const Cls = exceptionForCode(codeOrResponse);
    if (!Cls) {
      throw new PhialError(DEV ? `abort(${codeOrResponse}): ${codeOrResponse} is not an HTTP error status Phial knows. Use one of ${knownErrorCodes().join(', ')}, or abort(new Response(body, { status })) for any other status.` : prodMessage(153, 'abort(): unknown status'));
    }
    throw new Cls(description);
  }
  if (codeOrResponse && typeof codeOrResponse === 'object' && typeof codeOrResponse.status === 'number') {
    throw new HTTPException(undefined, { response: codeOrResponse });
  }
  throw new PhialError(DEV ? `abort() takes a status code or a Response, not ${String(codeOrResponse)}.` : prodMessage(154, 'abort(): not a status or Response'));
}
