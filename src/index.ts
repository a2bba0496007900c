/**
 * `phial`: Flask's programming model for single-page apps. The public face of the core:
 * re-exports only (no dependency on lit or idb-keyval).
 */
export { Phial } from './app.js';
export type { BlockGuard, CurrentPage, Dispatch, Middleware, NavigateOptions, PhialOptions, Session, UrlForOptions } from './app.js';
export { Blueprint, BlueprintSetupState } from './blueprint.js';
export type { BlueprintOptions, RegisterOptions } from './blueprint.js';
export { wraps } from './scaffold.js';
export type {
  AfterRequestHook,
  BeforeRequestHook,
  Layout,
  RouteOptions,
  TeardownHook,
  UrlDefaultsHook,
  UrlValuePreprocessor,
  View,
} from './scaffold.js';
export type { ErrorClass, ErrorHandler } from './handlers.js';
export { Request } from './request.js';
export type { RequestOptions } from './request.js';
export { Response, safeNext } from './response.js';
export type { RedirectOptions, ResponseBody, ResponseOptions, ViewResult } from './response.js';
export type { TemplateResultLike } from './markup.js';
export { flash, getFlashedMessages, redirect, session, urlFor } from './context.js';
export { Signal, signals } from './signals.js';
export type { Receiver } from './signals.js';
export { TestClient } from './testing.js';
export type { FormValue, TestOpenOptions, TestRequestOptions } from './testing.js';
export {
  abort,
  BadGateway,
  BadRequest,
  BuildError,
  Conflict,
  exceptionForCode,
  ExpectationFailed,
  FailedDependency,
  Forbidden,
  GatewayTimeout,
  Gone,
  HTTPException,
  HTTPVersionNotSupported,
  ImATeapot,
  InternalServerError,
  isNavigationFailure,
  knownErrorCodes,
  LengthRequired,
  Locked,
  MethodNotAllowed,
  MisdirectedRequest,
  NavigationFailure,
  NotAcceptable,
  NotFound,
  NotImplemented,
  PhialError,
  PreconditionFailed,
  PreconditionRequired,
  RedirectLoopError,
  RequestedRangeNotSatisfiable,
  RequestEntityTooLarge,
  RequestHeaderFieldsTooLarge,
  RequestRedirect,
  RequestTimeout,
  RequestURITooLarge,
  RuleError,
  ServiceUnavailable,
  TooManyRequests,
  Unauthorized,
  UnavailableForLegalReasons,
  UnprocessableEntity,
  UnsupportedMediaType,
} from './errors.js';
export type { AbortResponse, NavigationFailureType } from './errors.js';
export type { ConverterTypes, Params } from './routing/params.js';
export { UrlMap } from './routing/map.js';
export type { MatchResult, Rule, RuleOptions, UrlMapOptions } from './routing/map.js';
export type { ConverterSpec } from './routing/converters.js';
export * from './state/index.js';
