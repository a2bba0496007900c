// Shared by the Werkzeug port: build a map from a Werkzeug-like rule list, and turn what
// `match` does into one plain value, so that each ported assertion reads as Werkzeug's
// `adapter.match(...) == (endpoint, values)` or `pytest.raises(...)` does.
import { expect } from '@esm-bundle/chai';
import { UrlMap, type RuleOptions, type UrlMapOptions } from '../../src/routing/map.js';
import { BadRequest, BuildError, MethodNotAllowed, NotFound, RequestRedirect } from '../../src/errors.js';

export type RuleDef = [rule: string, endpoint: string, options?: Omit<RuleOptions, 'endpoint'>];

/** Werkzeug's `Map([Rule(...), ...], **options)`. */
export function mapOf(rules: RuleDef[], options?: UrlMapOptions): UrlMap {
  const map = new UrlMap(options);
  for (const [rule, endpoint, opts] of rules) map.add(rule, { endpoint, ...opts });
  return map;
}

export type Outcome =
  | { endpoint: string; params: Record<string, unknown> }
  | { redirect: string }
  | { status: 400 | 404 }
  | { status: 405; validMethods: string[] };

/** What matching `path` gives: the endpoint and params, or the routing exception as data. */
export function outcome(map: UrlMap, path: string, method = 'GET'): Outcome {
  try {
    const { endpoint, params } = map.match(path, method);
    return { endpoint, params: { ...params } };
  } catch (e) {
    if (e instanceof RequestRedirect) return { redirect: e.newUrl };
    if (e instanceof MethodNotAllowed) return { status: 405, validMethods: [...e.validMethods].sort() };
    if (e instanceof NotFound) return { status: 404 };
    if (e instanceof BadRequest) return { status: 400 };
    throw e;
  }
}

export const NOT_FOUND: Outcome = { status: 404 };
export const BAD_REQUEST: Outcome = { status: 400 };

export function found(endpoint: string, params: Record<string, unknown> = {}): Outcome {
  return { endpoint, params };
}

export function redirectTo(newUrl: string): Outcome {
  return { redirect: newUrl };
}

export function notAllowed(...validMethods: string[]): Outcome {
  return { status: 405, validMethods: validMethods.sort() };
}

/** Asserts `path` (with `method`) gives `expected`, naming the input when it does not. */
export function expectMatch(map: UrlMap, path: string, expected: Outcome, method = 'GET'): void {
  expect(outcome(map, path, method), `${method} ${JSON.stringify(path)}`).to.deep.equal(expected);
}

/** The BuildError that building throws; fails the test when it builds instead. */
export function buildError(map: UrlMap, endpoint: string, values?: Record<string, unknown>, options?: { method?: string; anchor?: string }): BuildError {
  let built: string | undefined;
  try {
    built = map.build(endpoint, values, options);
  } catch (e) {
    expect(e, `building ${endpoint} ${JSON.stringify(values)}`).to.be.instanceOf(BuildError);
    return e as BuildError;
  }
  expect.fail(`building ${endpoint} with ${JSON.stringify(values)} should throw a BuildError, but gave ${JSON.stringify(built)}`);
  throw new Error('unreachable');
}
