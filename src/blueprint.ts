/**
 * Blueprints, as Flask's: a blueprint records its routes and app-wide hooks as deferred
 * operations and replays them each time it is registered, with the prefix, name and URL
 * defaults of that registration. That is what makes registering it twice (under another
 * `name`), nesting it, or registering it on several apps plain: the state lives in the app.
 */
import { DEV, prodMessage } from './dev.js';
import type { App } from './app-type.js';
import { dottedName, endpointFromView } from './endpoints.js';
import { PhialError } from './errors.js';
import type { ErrorClass, ErrorHandler } from './handlers.js';
import { exceptionClassAndCode } from './handlers.js';
import {
  Scaffold,
  type AfterRequestHook,
  type BeforeRequestHook,
  type RouteOptions,
  type TeardownHook,
  type UrlDefaultsHook,
  type UrlValuePreprocessor,
  type View,
} from './scaffold.js';

/** Options of `new Blueprint`. */
export interface BlueprintOptions {
  /** Prepended to every rule of the blueprint ('' rule: the prefix itself). */
  urlPrefix?: string;
  /** Values every view of the blueprint gets (rule defaults), e.g. `{ lang: 'en' }`. */
  urlDefaults?: Record<string, unknown>;
}

/** Options of `registerBlueprint`: each overrides the blueprint's own. */
export interface RegisterOptions {
  urlPrefix?: string;
  /** Registers under another name: a second set of endpoints (`name.view`). */
  name?: string;
  urlDefaults?: Record<string, unknown>;
}

interface InternalRegisterOptions extends RegisterOptions {
  namePrefix?: string;
  /** Blueprints being registered around this one: a cycle would never end. */
  chain?: readonly Blueprint[];
}

/** What a deferred operation gets when a blueprint is registered (Flask's BlueprintSetupState). */
export class BlueprintSetupState {
  readonly app: App;
  readonly blueprint: Blueprint;
  /** False when this blueprint was already registered on this app (under another name). */
  readonly firstRegistration: boolean;
  readonly urlPrefix: string | undefined;
  /** The dotted name endpoints get: 'parent.child'. */
  readonly name: string;
  readonly urlDefaults: Record<string, unknown>;

  constructor(blueprint: Blueprint, app: App, options: InternalRegisterOptions, firstRegistration: boolean) {
    this.app = app;
    this.blueprint = blueprint;
    this.firstRegistration = firstRegistration;
    this.urlPrefix = options.urlPrefix ?? blueprint.urlPrefix;
    this.name = dottedName(options.namePrefix, options.name ?? blueprint.name);
    this.urlDefaults = { ...blueprint.urlValuesDefaults, ...options.urlDefaults };
  }

  /** Adds a rule of the blueprint to the app: prefixed rule, dotted endpoint, merged defaults. */
  addUrlRule(rule: string, endpoint: string | null | undefined, view: View<any> | undefined, options: RouteOptions = {}): void {
    if (this.urlPrefix !== undefined) rule = rule ? joinPrefix(this.urlPrefix, rule) : this.urlPrefix;
    endpoint ??= endpointFromView(view, rule);
    const defaults = { ...this.urlDefaults, ...options.defaults };
    this.app.addUrlRule(rule, `${this.name}.${endpoint}`, view, {
      ...options,
      endpoint: undefined,
      defaults: Object.keys(defaults).length > 0 ? defaults : undefined,
    });
  }
}

/** Joins with exactly one '/': '/foo/' + '/bar' is '/foo/bar'. */
function joinPrefix(prefix: string, rule: string): string {
  return prefix.replace(/\/+$/, '') + '/' + rule.replace(/^\/+/, '');
}

function checkName(name: unknown, where: string): void {
  if (typeof name !== 'string' || name === '') {
    throw new PhialError(DEV ? `${where}: a blueprint needs a non-empty name, such as new Blueprint('admin').` : prodMessage(214, 'a blueprint needs a non-empty name'));
  }
  if (name.includes('.')) {
    throw new PhialError(DEV ? `${where}: the name '${name}' may not contain a dot '.': dots separate nested blueprints in endpoints ('parent.child.view'). Nest blueprints with registerBlueprint instead.` : prodMessage(215, 'a blueprint name may not contain a dot'));
  }
}

/**
 * A group of routes, hooks, error handlers and a layout, registered on an app (or on another
 * blueprint) under a prefix.
 * @example
 * const admin = new Blueprint('admin', { urlPrefix: '/admin' });
 * admin.route('/', function index() { return 'Admin home'; });   // endpoint 'admin.index'
 * app.registerBlueprint(admin);
 */
export class Blueprint<Extra = Record<string, unknown>> extends Scaffold<Extra> {
  readonly name: string;
  urlPrefix: string | undefined;
  /** Rule defaults for every view of the blueprint (Flask's `url_values_defaults`). */
  readonly urlValuesDefaults: Record<string, unknown>;
  readonly deferredFunctions: Array<(state: BlueprintSetupState) => void> = [];
  readonly childBlueprints: Array<[Blueprint<any>, RegisterOptions]> = [];
  #registeredOnce = false;

  constructor(name: string, options: BlueprintOptions = {}) {
    super();
    checkName(name, DEV ? `new Blueprint(${JSON.stringify(name)})` : '');
    this.name = name;
    this.urlPrefix = options.urlPrefix;
    this.urlValuesDefaults = { ...options.urlDefaults };
  }

  protected override describe(): string {
    return `blueprint '${this.name}'`;
  }

  protected override checkSetupFinished(method: string): void {
    if (this.#registeredOnce) {
      throw new PhialError(DEV ? `${method}() can no longer be called on blueprint '${this.name}': it has already been registered, and a change now would not reach the registrations already made. Set up the blueprint completely (routes, hooks, handlers, nested blueprints) before registering it.` : prodMessage(216, 'a blueprint changed after it was registered'));
    }
  }

  /** Runs `fn` with the setup state each time the blueprint is registered. */
  record(fn: (state: BlueprintSetupState) => void): void {
    this.checkSetupFinished('record');
    this.deferredFunctions.push(fn);
  }

  /** As `record`, but only on the blueprint's first registration on an app. */
  recordOnce(fn: (state: BlueprintSetupState) => void): void {
    this.record((state) => {
      if (state.firstRegistration) fn(state);
    });
  }

  override addUrlRule(rule: string, endpoint?: string | null, view?: View<any>, options: RouteOptions = {}): void {
    this.checkSetupFinished('addUrlRule');
    if (endpoint?.includes('.')) {
      throw new PhialError(DEV ? `The endpoint '${endpoint}' of blueprint '${this.name}' may not contain a dot '.': the blueprint adds '${this.name}.' itself.` : prodMessage(217, 'a blueprint endpoint may not contain a dot'));
    }
    if (!endpoint && typeof view === 'function' && view.name.includes('.')) {
      throw new PhialError(DEV ? `The view '${view.name}' of blueprint '${this.name}' has a dot '.' in its name, which would become its endpoint. Pass { endpoint } without a dot.` : prodMessage(218, "a blueprint view's name has a dot"));
    }
    // An anonymous view fails now, not at registration, where the mistake is far away.
    if (!endpoint) endpointFromView(view, rule);
    this.deferredFunctions.push((state) => state.addUrlRule(rule, endpoint, view, options));
  }

  /**
   * Nests `child`: its prefix joins this one's, its endpoints are `this.child.view`.
   * @example
   * parent.registerBlueprint(child, { urlPrefix: '/child' });
   */
  registerBlueprint(child: Blueprint<any>, options: RegisterOptions = {}): void {
    this.checkSetupFinished('registerBlueprint');
    if (child === (this as Blueprint<any>)) {
      throw new PhialError(DEV ? `Blueprint '${this.name}' cannot be registered on itself.` : prodMessage(219, 'a blueprint registered on itself'));
    }
    if (options.name !== undefined) checkName(options.name, DEV ? `registerBlueprint(${child.name}, { name })` : '');
    this.childBlueprints.push([child, options]);
  }

  /** `beforeRequest` for every request of the app. */
  beforeAppRequest<F extends BeforeRequestHook>(fn: F): F {
    return this.#appWide('beforeAppRequest', fn, (app) => app.beforeRequest(fn));
  }

  /** `afterRequest` for every request of the app. */
  afterAppRequest<F extends AfterRequestHook>(fn: F): F {
    return this.#appWide('afterAppRequest', fn, (app) => app.afterRequest(fn));
  }

  /** `teardownRequest` for every request of the app. */
  teardownAppRequest<F extends TeardownHook>(fn: F): F {
    return this.#appWide('teardownAppRequest', fn, (app) => app.teardownRequest(fn));
  }

  /** `errorHandler` for errors of the whole app. */
  appErrorHandler<E>(codeOrClass: number | ErrorClass<E>, fn: ErrorHandler<E>): ErrorHandler<E> {
    exceptionClassAndCode(codeOrClass, 'appErrorHandler');
    return this.#appWide('appErrorHandler', fn, (app) => app.errorHandler(codeOrClass as ErrorClass<E>, fn));
  }

  /** `urlDefaults` for every URL the app builds. */
  appUrlDefaults<F extends UrlDefaultsHook>(fn: F): F {
    return this.#appWide('appUrlDefaults', fn, (app) => app.urlDefaults(fn));
  }

  /** `urlValuePreprocessor` for every request of the app. */
  appUrlValuePreprocessor<F extends UrlValuePreprocessor>(fn: F): F {
    return this.#appWide('appUrlValuePreprocessor', fn, (app) => app.urlValuePreprocessor(fn));
  }

  /** An app-wide callback: added to the app once, however often the blueprint is registered. */
  #appWide<F>(method: string, fn: F, add: (app: Scaffold) => void): F {
    this.checkSetupFinished(method);
    this.recordOnce((state) => add(state.app));
    return fn;
  }

  /**
   * Registers the blueprint on `app` (called by `app.registerBlueprint`): files its hooks under
   * its dotted name, replays its deferred operations, then registers its children.
   */
  register(app: App, options: InternalRegisterOptions = {}): void {
    const chain = options.chain ?? [];
    if (chain.includes(this)) {
      throw new PhialError(DEV ? `Blueprint '${this.name}' is nested inside itself (${[...chain, this].map((b) => b.name).join(' > ')}): a blueprint cannot contain itself.` : prodMessage(220, 'a blueprint nested inside itself'));
    }
    const selfName = options.name ?? this.name;
    checkName(selfName, DEV ? `registerBlueprint(${this.name}, { name })` : '');
    const name = dottedName(options.namePrefix, selfName);
    const existing = app.blueprints.get(name);
    if (existing) {
      throw new PhialError(DEV ? `The name '${selfName}' is already registered for ${existing === (this as Blueprint<any>) ? 'this' : 'a different'} blueprint${selfName !== name ? ` at '${name}'` : ''}. Use { name } to register it under a unique name.` : prodMessage(221, 'a blueprint name is already registered'));
    }
    const firstRegistration = ![...app.blueprints.values()].includes(this as Blueprint<any>);
    app.blueprints.set(name, this as Blueprint<any>);
    this.#registeredOnce = true;
    const state = new BlueprintSetupState(this as Blueprint<any>, app, options, firstRegistration);
    this.#merge(app, name);
    for (const deferred of this.deferredFunctions) deferred(state);
    for (const [child, childOptions] of this.childBlueprints) {
      const childPrefix = childOptions.urlPrefix ?? child.urlPrefix;
      let urlPrefix: string | undefined;
      if (state.urlPrefix !== undefined && childPrefix !== undefined) urlPrefix = joinPrefix(state.urlPrefix, childPrefix);
      else urlPrefix = childPrefix ?? state.urlPrefix;
      child.register(app, { ...childOptions, urlPrefix, namePrefix: name, chain: [...chain, this as Blueprint<any>] });
    }
  }

  /** Files this blueprint's own callbacks in the app under `name`. */
  #merge(app: Scaffold, name: string): void {
    const extend = <F>(own: Map<string | null, F[]>, target: Map<string | null, F[]>) => {
      const list = own.get(null);
      if (list) target.set(name, [...(target.get(name) ?? []), ...list]);
    };
    extend(this.beforeRequestFuncs, app.beforeRequestFuncs);
    extend(this.afterRequestFuncs, app.afterRequestFuncs);
    extend(this.teardownRequestFuncs, app.teardownRequestFuncs);
    extend(this.urlDefaultFunctions, app.urlDefaultFunctions);
    extend(this.urlValuePreprocessors, app.urlValuePreprocessors);
    const handlers = this.errorHandlerSpec.get(null);
    if (handlers) {
      app.errorHandlerSpec.set(name, new Map([...handlers].map(([code, byClass]) => [code, new Map(byClass)])));
    }
    const layout = this.layouts.get(null);
    if (layout) app.layouts.set(name, layout);
  }
}
