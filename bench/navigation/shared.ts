// What the navigation suite (bench/suites/navigation.ts, on the bench page) and its frames
// (bench/navigation/frame.ts, one iframe per router) agree on: the routes, the URLs to visit,
// the text each view shows, and the API a frame offers the suite. Nothing here touches the DOM.

import type { RouteSpec } from '../routes.js';

/** One route of /work/shared/bench/routes-github.json (`:param` and `*catchAll` syntax). */
export type { RouteSpec };

/** Every router is mounted under this base; the frames load at `${BASE}/`. */
export const BASE = '/bench';

/** The route of the frame's first page (`${BASE}/`): the table's own '/' (GitHub's `root`), or one added. */
export function withIndex(routes: readonly RouteSpec[]): { readonly index: RouteSpec; readonly all: readonly RouteSpec[] } {
  const own = routes.find((r) => r.path === '/');
  if (own) return { index: own, all: routes };
  const index: RouteSpec = { name: 'index', path: '/', methods: ['GET'], group: 'bench' };
  return { index, all: [index, ...routes] };
}

/**
 * The routers a frame can run, one per frame; `floor` is no router at all (the history entry
 * and the view's render alone), what every router pays in this browser.
 */
export const KINDS = ['phial', 'phial-history', 'phial-debug', 'vue-router', 'vaadin-router', 'lit-router', 'floor'] as const;
export type Kind = (typeof KINDS)[number];

/** What the suite passes a frame: the route table, and the routes whose URLs it visits in turn. */
export interface FrameSetup {
  readonly routes: readonly RouteSpec[];
  /** Names of the routes to visit (each URL matches that route and no other). */
  readonly visit: readonly string[];
}

/** What the frame's script puts on its window as `PhialNavFrame`. */
export interface FrameApi {
  /** Builds the router, mounts its view and starts it; resolves once the first page shows. */
  setup(kind: Kind, setupJson: string): Promise<FrameInfo>;
  /** Clicks a link to each route once; null when every page showed, else what went wrong. */
  check(timeoutMs: number): Promise<string | null>;
  /** Clicks `n` links in turn, each to a URL never visited before; the milliseconds it took. */
  batch(n: number): Promise<number>;
}

export interface FrameInfo {
  /** How the frame's router runs (Phial: which engine), for the table's notes. */
  readonly engine: string;
}

const PARAM = /[:*](\w+)/g;

/** The names of a route's parameters, in order (`:param` and `*catchAll`). */
export function paramNames(path: string): string[] {
  return [...path.matchAll(PARAM)].map((m) => m[1]);
}

/** The text a route's view shows: its name and its parameters, in the route's order. */
export function viewText(route: RouteSpec, params: Readonly<Record<string, unknown>>): string {
  let text = route.name;
  for (const name of paramNames(route.path)) text += ` ${name}=${String(params[name])}`;
  return text;
}

/**
 * The URL of `route` for visit number `i` (under the base) and the text its view must show:
 * the k-th parameter is `<letter k><i>` (a3, b3...) and a catch-all `<letter>i/f<i>`, so that
 * every visit has a URL of its own and a swapped parameter shows.
 */
export function visitOf(route: RouteSpec, i: number): { readonly href: string; readonly text: string } {
  const params: Record<string, string> = {};
  let k = 0;
  const path = route.path.replace(PARAM, (whole: string, name: string) => {
    const value = `${String.fromCharCode(97 + (k++ % 26))}${i}`;
    params[name] = whole.startsWith('*') ? `${value}/f${i}` : value;
    return params[name];
  });
  return { href: `${BASE}${path}`, text: viewText(route, params) };
}

/** `:id` → `<id>`, `*path` → `<path:path>` (Werkzeug's rules, Phial's syntax). */
export function toPhialRule(path: string): string {
  return path.replace(/:(\w+)/g, '<$1>').replace(/\*(\w+)/g, '<path:$1>');
}

/** `*path` → `:path(.*)`: the catch-all of path-to-regexp (vaadin, vue-router) and URLPattern (lit). */
export function toPatternPath(path: string): string {
  return path.replace(/\*(\w+)/g, ':$1(.*)');
}
