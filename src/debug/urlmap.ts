/**
 * The URL map panel's data: every rule with its endpoint, methods and converters, and what
 * would answer a URL typed in its box. The box asks the map (`urlMap.tryMatch`) and nothing
 * else: no request is made, no hook runs, nothing navigates. The map lists its rules but not
 * their converters, so they are read back from the rule string with the routing's own parser.
 */
import type { Phial } from '../app.js';
import { HTTPException, MethodNotAllowed, RequestRedirect } from '../errors.js';
import { isUnderBase, pageOrigin } from '../location.js';
import type { Rule } from '../routing/map.js';
import { parseRule } from '../routing/rule.js';
import type { Request } from '../request.js';
import { appLocation, basePrefix } from '../urls.js';
import { statusText, typeText, valueText } from './text.js';

/** A rule as the table lists it, every cell text. */
export interface RuleRow {
  readonly rule: string;
  readonly endpoint: string;
  readonly methods: string;
  readonly converters: string;
  /** The view bound to the endpoint, by name. */
  readonly view: string;
}

/** A value of a match: its name, its value as text and its type. */
export type ParamRow = readonly [name: string, value: string, type: string];

/** What would answer a URL. */
export interface UrlAnswer {
  /** The status the dispatch would start from (200 for a match): a hook may still answer otherwise. */
  readonly status: number | null;
  readonly summary: string;
  readonly params: readonly ParamRow[];
  readonly notes: readonly string[];
}

/** Every rule, in registration order. */
export function ruleRows(app: Phial): RuleRow[] {
  return app.urlMap.rules.map((rule) => ({
    rule: rule.rule,
    endpoint: rule.endpoint,
    methods: rule.methods === null ? 'any' : [...rule.methods].sort().join(', '),
    converters: convertersOf(rule),
    view: viewName(app, rule.endpoint),
  }));
}

/** True when `row` holds `filter` (case-insensitive) in its rule, endpoint, methods or view. */
export function rowMatches(row: RuleRow, filter: string): boolean {
  const needle = filter.trim().toLowerCase();
  if (needle === '') return true;
  return [row.rule, row.endpoint, row.methods, row.view, row.converters].some((cell) => cell.toLowerCase().includes(needle));
}

function convertersOf(rule: Rule): string {
  let parsed;
  try {
    parsed = parseRule(rule.rule, rule.mergeSlashes);
  } catch {
    return '';
  }
  return parsed.flat().flatMap((piece) => piece.kind === 'var'
    ? [`${piece.name}: ${piece.converter}${piece.argText ? `(${piece.argText})` : ''}`]
    : []).join(', ');
}

function viewName(app: Phial, endpoint: string): string {
  const view = app.viewFunctions.get(endpoint);
  if (!view) return '(no view bound)';
  return view.name || '(anonymous)';
}

/** The lazy blueprints not loaded yet, as [prefix, name]: their rules are not in the map. */
export function pendingLazyBlueprints(app: Phial): Array<[string, string]> {
  return app.lazyBlueprints.prefixes();
}

/**
 * What would answer `text` (a full path such as '/app/users/7?tab=posts', or a URL of this
 * origin) with `method`, read from the URL map only. Null for an empty text.
 */
export function tryUrl(app: Phial, text: string, method = 'GET'): UrlAnswer | null {
  const typed = appLocation(app, text.trim());
  if (typed === '') return null;
  let url: URL;
  try {
    // A path is a path, even '//x', as a Request reads it.
    url = typed.startsWith('/') ? new URL(pageOrigin() + typed) : new URL(typed, globalThis.location?.href ?? pageOrigin() + '/');
  } catch {
    return { status: null, summary: `${JSON.stringify(typed)} is not a URL or a path.`, params: [], notes: [] };
  }
  if (url.origin !== pageOrigin()) {
    return { status: null, summary: `Another origin (${url.origin}): the browser loads it, the app never sees it.`, params: [], notes: [] };
  }
  const prefix = basePrefix(app);
  if (!isUnderBase(url.pathname, prefix)) {
    return { status: null, summary: `Outside the app's base ${JSON.stringify(app.base)}: the browser loads it as a page.`, params: [], notes: [] };
  }
  const path = url.pathname.slice(prefix.length);
  const notes: string[] = [];
  for (const [lazyPrefix, name] of pendingLazyBlueprints(app)) {
    if (path === lazyPrefix || path.startsWith(lazyPrefix + '/') || lazyPrefix === '') {
      notes.push(`The lazy blueprint '${name}' (under ${lazyPrefix || '/'}) is loaded first; its rules are not in the map yet, so this answer may change.`);
    }
  }
  const match = app.urlMap.tryMatch(path + url.search, method);
  if (match instanceof RequestRedirect) {
    return { status: 308, summary: `Permanent Redirect to ${prefix + match.newUrl}: the canonical URL of a rule (a trailing slash, merged slashes, or a rule's defaults).`, params: [], notes };
  }
  if (match instanceof MethodNotAllowed) {
    return { status: 405, summary: `Method Not Allowed: the URL answers ${match.validMethods.join(', ') || 'other methods'}.`, params: [], notes };
  }
  if (match instanceof HTTPException) {
    return { status: match.code, summary: match.httpName + (match.description ? `: ${match.description}` : ''), params: [], notes };
  }
  notes.push('URL value preprocessors and before hooks run before the view, and may still answer otherwise.');
  return {
    status: 200,
    summary: `Endpoint '${match.endpoint}' (rule ${match.rule.rule}, view ${viewName(app, match.endpoint)}).`,
    params: paramRows(match.params),
    notes,
  };
}

/** The values of a match or a request's params, each with its type. */
export function paramRows(params: Readonly<Record<string, unknown>>): ParamRow[] {
  return Object.entries(params).map(([name, value]) => [name, valueText(value), typeText(value)]);
}

/**
 * The time of the URL match of a dispatch, measured again by the toolbar (the core's match is no
 * step): the mean of repeated matches of the request's URL, for a clock coarser than one match.
 */
export function timeMatch(app: Phial, request: Request<any>): { duration: number; answer: string } {
  const prefix = basePrefix(app);
  const { pathname, search } = request.url;
  if (!isUnderBase(pathname, prefix)) return { duration: 0, answer: 'outside the base: 404' };
  const path = pathname.slice(prefix.length) + search;
  // One match first, untimed: the dispatch's own match was warm, a first call here is not.
  const result = app.urlMap.tryMatch(path, request.method);
  let runs = 0;
  let elapsed = 0;
  const started = performance.now();
  while (runs < 100 && elapsed < 0.2) {
    app.urlMap.tryMatch(path, request.method);
    runs++;
    elapsed = performance.now() - started;
  }
  const answer = result instanceof RequestRedirect ? `${statusText(308)} to ${prefix + result.newUrl}`
    : result instanceof HTTPException ? result.toString()
      : `endpoint '${result.endpoint}'`;
  return { duration: elapsed / runs, answer };
}
