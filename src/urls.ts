/**
 * urlFor: the URL defaults hooks (the app's, then the endpoint's blueprints from the outermost),
 * then the map's build, then the base. The hooks get the request the URL is built for, when
 * there is one, so Flask's pattern of defaults taken from `g` works with `req.g`.
 */
import type { Phial, UrlForOptions } from './app.js';
import { splitBlueprintPath } from './blueprint.js';
import { BuildError, PhialError } from './errors.js';
import type { Request } from './request.js';

/** The base as a prefix to paths: '' for '/', else '/app'. */
export function basePrefix(app: Phial): string {
  return app.base === '/' ? '' : app.base;
}

/** The full path of `endpoint`; `request` is the one the URL is built for (null for app.urlFor). */
export function buildUrl(
  app: Phial,
  endpoint: string,
  values: Record<string, unknown> = {},
  options: UrlForOptions = {},
  request: Request<any> | null = null,
): string {
  const built: Record<string, unknown> = { ...values };
  const blueprint = endpoint.includes('.') ? endpoint.slice(0, endpoint.lastIndexOf('.')) : null;
  for (const scope of [null, ...splitBlueprintPath(blueprint).reverse()]) {
    for (const fn of [...(app.urlDefaultFunctions.get(scope) ?? [])]) {
      const result: unknown = fn(endpoint, built, request);
      if (result instanceof Promise) {
        throw new PhialError(`The urlDefaults hook ${fn.name ? `'${fn.name}'` : '(anonymous)'} returned a promise: urlDefaults hooks are synchronous, as building a URL is. Compute the value beforehand (in a before hook, into req.g).`);
      }
    }
  }
  // As Werkzeug, a value of None (here undefined or null) is as if it were not given.
  for (const key of Object.keys(built)) if (built[key] === undefined || built[key] === null) delete built[key];
  if (blueprint !== null && !app.urlMap.hasEndpoint(endpoint)) {
    const lazy = splitBlueprintPath(blueprint).reverse().find((name) => app.lazyBlueprints.isPending(name));
    if (lazy !== undefined) {
      throw new BuildError(endpoint, values, `Could not build a URL for endpoint '${endpoint}': blueprint '${lazy}' is lazy and not loaded yet. Load it first with await app.loadBlueprint('${lazy}'), or link to its prefix, which loads it.`);
    }
  }
  return hrefOf(app, basePrefix(app) + app.urlMap.build(endpoint, built, { method: options.method, anchor: options.anchor }));
}

/** True when the app's paths live after '#' (`history: 'hash'`). */
export function isHashMode(app: Phial): boolean {
  return app.options.history === 'hash';
}

/** What an href holds for a full path: the path itself, or '#/path' in hash mode. */
export function hrefOf(app: Phial, fullPath: string): string {
  return isHashMode(app) ? '#' + fullPath : fullPath;
}

/**
 * A location as the app's functions take it: in hash mode both '#/users/7' (an href from
 * urlFor) and '/users/7' are the path '/users/7'; anything else is left as it is.
 */
export function appLocation(app: Phial, location: string): string {
  return isHashMode(app) && typeof location === 'string' && location.startsWith('#/') ? location.slice(1) : location;
}
