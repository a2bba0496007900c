/**
 * Lazy (code-split) blueprints: a loader registered under a name and a prefix, run on the
 * first dispatch of a URL under that prefix (before matching, so a reload of a deep URL does
 * not 404), once even for dispatches that start together; a loader that fails is tried again
 * on the next dispatch.
 */
import { DEV, prodMessage } from './dev.js';
import type { Blueprint, RegisterOptions } from './blueprint.js';
import { PhialError } from './errors.js';

/** What a lazy blueprint's loader resolves to: a Blueprint, or a module whose default is one. */
export type BlueprintLoader = () => Promise<Blueprint<any> | { default: Blueprint<any> }>;

interface Lazy {
  name: string;
  prefix: string;
  options: RegisterOptions;
  loader: BlueprintLoader;
  loading: Promise<void> | null;
}

/** What lazy loading reads of the app: the names taken, and how a loaded blueprint joins. */
export interface LazyHost {
  readonly blueprints: ReadonlyMap<string, unknown>;
  registerBlueprint(blueprint: Blueprint<any>, options: RegisterOptions): void;
}

export class LazyBlueprints {
  readonly #app: LazyHost;
  readonly #pending = new Map<string, Lazy>();

  constructor(app: LazyHost) {
    this.#app = app;
  }

  add(loader: BlueprintLoader, options: RegisterOptions): void {
    const { name, urlPrefix } = options;
    if (typeof name !== 'string' || name === '' || typeof urlPrefix !== 'string' || !urlPrefix.startsWith('/')) {
      throw new PhialError(DEV ? `registerBlueprint(loader, options): a lazy blueprint needs { name, urlPrefix } (such as { name: 'admin', urlPrefix: '/admin' }), so that Phial knows which URLs load it before it is loaded; got ${JSON.stringify({ name, urlPrefix })}.` : prodMessage(222, 'lazy blueprint: no name or urlPrefix'));
    }
    if (this.#pending.has(name) || this.#app.blueprints.has(name)) {
      throw new PhialError(DEV ? `The name '${name}' is already registered for a blueprint. Use { name } to register it under a unique name.` : prodMessage(223, 'lazy blueprint: name taken'));
    }
    this.#pending.set(name, { name, prefix: urlPrefix.replace(/\/+$/, ''), options, loader, loading: null });
  }

  /** True while `name` is registered but not loaded. */
  isPending(name: string): boolean {
    return this.#pending.has(name);
  }

  /** Loads the lazy blueprints whose prefix covers `path` (after the base); null when none. */
  forPath(path: string): Promise<void> | null {
    if (this.#pending.size === 0) return null;
    let all: Promise<void>[] | null = null;
    for (const lazy of this.#pending.values()) {
      if (path === lazy.prefix || path.startsWith(lazy.prefix + '/') || lazy.prefix === '') (all ??= []).push(this.#load(lazy));
    }
    return all === null ? null : Promise.all(all).then(() => {});
  }

  /** Loads `name` ahead of time (a resolved promise once it is loaded). */
  load(name: string): Promise<void> {
    const lazy = this.#pending.get(name);
    if (lazy) return this.#load(lazy);
    if (this.#app.blueprints.has(name)) return Promise.resolve();
    return Promise.reject(new PhialError(DEV ? `app.loadBlueprint('${name}'): no lazy blueprint is registered under that name. Register it with app.registerBlueprint(() => import('./${name}.js'), { name: '${name}', urlPrefix: '/${name}' }).` : prodMessage(224, 'app.loadBlueprint(): unknown name')));
  }

  /** Whether some lazy blueprint is still to load: what preloading asks on every hover. */
  get anyPending(): boolean {
    return this.#pending.size > 0;
  }

  /** The prefix of every lazy blueprint still to load, with its name (the debug toolbar's list). */
  prefixes(): Array<[string, string]> {
    return [...this.#pending.values()].map((l) => [l.prefix, l.name]);
  }

  #load(lazy: Lazy): Promise<void> {
    return (lazy.loading ??= (async () => {
      try {
        const loaded = await lazy.loader();
        const bp = (loaded && typeof loaded === 'object' && 'default' in loaded ? loaded.default : loaded) as Blueprint<any>;
        if (!bp || typeof bp !== 'object' || typeof (bp as { register?: unknown }).register !== 'function') {
          throw new PhialError(DEV ? `The loader of lazy blueprint '${lazy.name}' resolved to ${bp === null ? 'null' : typeof bp}, not a Blueprint: resolve to one, or to a module whose default export is one.` : prodMessage(225, 'lazy blueprint: loader gave no Blueprint'));
        }
        if (this.#pending.get(lazy.name) === lazy) {
          this.#pending.delete(lazy.name);
          this.#app.registerBlueprint(bp, lazy.options);
        }
      } catch (error) {
        lazy.loading = null; // tried again on the next dispatch
        throw error;
      }
    })());
  }
}
