/**
 * Error handlers: how they are filed and found, as Flask does it. A handler for a code, or for
 * an HTTPException class with a code, is filed under that code; others under no code. Lookup
 * tries the error's code, then no code; at each step the innermost blueprint out to the app;
 * within one map the nearest class of the error (its prototype chain) wins.
 */
import { DEV, prodMessage } from './dev.js';
import { HTTPException, httpErrorClass, knownErrorCodes, PhialError } from './errors.js';
import type { Request } from './request.js';
import type { ViewResult } from './response.js';

/** A class an error handler can be registered for: `Error` or any subclass. */
export type ErrorClass<E = unknown> = abstract new (...args: any[]) => E;

/** An error handler: turns an error into a page. */
export type ErrorHandler<E = any> = (error: E, req: Request) => ViewResult | Promise<ViewResult>;

/** One scope's handlers: code (or null) to class to handler. */
export type ErrorHandlerMap = Map<number | null, Map<ErrorClass, ErrorHandler>>;

/** The class and code a handler registration is filed under; throws a PhialError when invalid. */
export function exceptionClassAndCode(codeOrClass: unknown, call = 'errorHandler'): [ErrorClass, number | null] {
  if (typeof codeOrClass === 'number') {
    const cls = Number.isInteger(codeOrClass) ? httpErrorClass(codeOrClass) : undefined;
    if (!cls) {
      throw new PhialError(DEV ? `${call}(${codeOrClass}): '${codeOrClass}' is not a recognized HTTP error code. Use a subclass of HTTPException with that code instead (as Flask says), or one of ${knownErrorCodes().join(', ')}.` : prodMessage(253, 'errorHandler(): unknown HTTP code'));
    }
    return [cls, cls.code];
  }
  if (codeOrClass instanceof Error) {
    throw new PhialError(DEV ? `${call}(new ${codeOrClass.constructor.name}(…)): that is an instance, not a class. Handlers can only be registered for Error classes or HTTP error codes: ${call}(NotFound, fn) or ${call}(404, fn).` : prodMessage(254, 'errorHandler(): an instance'));
  }
  if (typeof codeOrClass !== 'function') {
    throw new PhialError(DEV ? `${call}(${JSON.stringify(codeOrClass) ?? String(codeOrClass)}): handlers can only be registered for Error classes or HTTP error codes: ${call}(NotFound, fn) or ${call}(404, fn).` : prodMessage(255, 'errorHandler(): not a class or code'));
  }
  const cls = codeOrClass as ErrorClass;
  if (cls !== Error && !(cls.prototype instanceof Error)) {
    throw new PhialError(DEV ? `${call}(${cls.name || 'an anonymous class'}): '${cls.name}' is not a subclass of Error. Handlers can only be registered for Error classes or HTTP error codes.` : prodMessage(256, 'errorHandler(): not an Error class'));
  }
  const code = cls === HTTPException || cls.prototype instanceof HTTPException ? (cls as unknown as typeof HTTPException).code : null;
  return [cls, code];
}

/** Adds `handler` to `map` for `codeOrClass`. */
export function fileErrorHandler(map: ErrorHandlerMap, codeOrClass: unknown, handler: ErrorHandler, call?: string): void {
  // What the handler is for is checked first: a wrong key is the likelier mistake.
  const [cls, code] = exceptionClassAndCode(codeOrClass, call);
  if (typeof handler !== 'function') {
    throw new PhialError(DEV ? `${call ?? 'errorHandler'}(${typeof codeOrClass === 'number' ? codeOrClass : cls.name}, handler): the handler must be a function (error, req) => ViewResult.` : prodMessage(257, 'errorHandler(): not a function'));
  }
  let byClass = map.get(code);
  if (!byClass) map.set(code, (byClass = new Map()));
  byClass.set(cls, handler);
}

/** A handler found for an error, and the blueprint scope it belongs to (null: the app). */
export interface FoundHandler {
  handler: ErrorHandler;
  scope: string | null;
}

/**
 * Flask's `_find_error_handler`: `blueprints` innermost first; the app's handlers (scope null)
 * come last at each step.
 */
export function findErrorHandler(
  specs: ReadonlyMap<string | null, ErrorHandlerMap>,
  error: unknown,
  blueprints: readonly string[],
): FoundHandler | null {
  if (error === null || error === undefined) return null;
  const code = error instanceof HTTPException ? error.code : null;
  const scopes = [...blueprints, null];
  for (const c of code === null ? [null] : [code, null]) {
    for (const scope of scopes) {
      const byClass = specs.get(scope)?.get(c);
      if (!byClass || byClass.size === 0) continue;
      for (let proto = Object.getPrototypeOf(error); proto !== null; proto = Object.getPrototypeOf(proto)) {
        const handler = byClass.get(proto.constructor);
        if (handler) return { handler, scope };
      }
    }
  }
  return null;
}
