/**
 * urlFor: the URL defaults hooks (the app's, then the endpoint's blueprints from the outermost),
 * then the map's build, then the base. The hooks get the request the URL is built for, when
 * there is one, so Flask's pattern of defaults taken from `g` works with `req.g`. The app is
 * known here only by the fields building reads (`UrlApp`), so requests can build URLs without
 * importing the app.
 */
import { DEV, prodMessage } from './dev.js';
import { blueprintOf, splitBlueprintPath } from './endpoints.js';
import { BuildError, PhialError } from './errors.js';
import type { UrlMap } from './routing/map.js';

/** Options of `urlFor`. */
export interface UrlForOptions {
  /** Appended as '#anchor'. */
  anchor?: string;
  /** Build the rule that answers this method. */
  method?: string;
}

/** Where the app is mounted, and how its paths sit in an href. */
export interface MountedApp {
  /** '/' or a path without its trailing slash ('/app'). */
  readonly base: string;
  readonly options: { readonly history?: unknown };
}

/** What building a URL reads of the app; `R` is the request its urlDefaults hooks get. */
export interface UrlApp<R> extends MountedApp {
  readonly urlMap: Pick<UrlMap, 'build' | 'hasEndpoint'>;
  readonly urlDefaultFunctions: ReadonlyMap<string | null, ReadonlyArray<(endpoint: string, values: Record<string, any>, req: R | null) => void>>;
  readonly lazyBlueprints: { isPending(name: string): boolean };
}

/** The base as a prefix to paths: '' for '/', else '/app'. */
export function basePrefix(app: Pick<MountedApp, 'base'>): string {
  return app.base === '/' ? '' : app.base;
}

/** The full path of `endpoint`; `request` is the one the URL is built for (null for app.urlFor). */
export function buildUrl<R>(
  app: UrlApp<R>,
  endpoint: string,
  values: Record<string, unknown> = {},
  options: UrlForOptions = {},
  request: R | null = null,
): string {
  const built: Record<string, unknown> = { ...values };
  const blueprint = blueprintOf(endpoint);
  for (const scope of [null, ...splitBlueprintPath(blueprint).reverse()]) {
    for (const fn of [...(app.urlDefaultFunctions.get(scope) ?? [])]) {
      const result: unknown = fn(endpoint, built, request);
      if (result instanceof Promise) {
        throw new PhialError(DEV ? `The urlDefaults hook ${fn.name ? `'${fn.name}'` : '(anonymous)'} returned a promise: urlDefaults hooks are synchronous, as building a URL is. Compute the value beforehand (in a before hook, into req.g).` : prodMessage(236, 'a urlDefaults hook returned a promise'));
      }
    }
  }
  // As Werkzeug, a value of None (here undefined or null) is as if it were not given.
  for (const key of Object.keys(built)) if (built[key] === undefined || built[key] === null) delete built[key];
  if (blueprint !== null && !app.urlMap.hasEndpoint(endpoint)) {
    const lazy = splitBlueprintPath(blueprint).reverse().find((name) => app.lazyBlueprints.isPending(name));
    if (lazy !== undefined) {
      throw new BuildError(endpoint, values, DEV ? `Could not build a URL for endpoint '${endpoint}': blueprint '${lazy}' is lazy and not loaded yet. Load it first with await app.loadBlueprint('${lazy}'), or link to its prefix, which loads it.` : prodMessage(252, "urlFor(): the endpoint's blueprint is lazy and not loaded yet"));
    }
  }
  return hrefOf(app, basePrefix(app) + app.urlMap.build(endpoint, built, { method: options.method, anchor: options.anchor }));
}

/** True when the app's paths live after '#' (`history: 'hash'`). */
export function isHashMode(app: MountedApp): boolean {
  return app.options.history === 'hash';
}

/** What an href holds for a full path: the path itself, or '#/path' in hash mode. */
export function hrefOf(app: MountedApp, fullPath: string): string {
  return isHashMode(app) ? '#' + fullPath : fullPath;
}

/**
 * A location as the app's functions take it: in hash mode both '#/users/7' (an href from
 * urlFor) and '/users/7' are the path '/users/7'; anything else is left as it is.
 */
export function appLocation(app: MountedApp, location: string): string {
  return isHashMode(app) && typeof location === 'string' && location.startsWith('#/') ? location.slice(1) : location;
}
