// The script of one navigation frame: run.mjs bundles it apart from the main bench bundle (it
// needs a DOM, and the peers touch `window` as they load) and serves it to every page under
// /bench/. The suite (bench/suites/navigation.ts) opens one iframe per router, since routers
// that each listen to clicks and history on one page would answer each other's links; here
// `setup(kind)` builds that one router with the GitHub table, a guard that lets every
// navigation through and a view that shows the route's name and parameters, and `batch(n)`
// clicks `n` links and waits, for each, until the new text is the whole of the view's element.
import { html, LitElement, render } from 'lit';
import { createApp, defineComponent, h } from 'vue';
import { createRouter, createWebHistory, RouterView, useRoute } from 'vue-router';
import { Router as VaadinRouter, type RouterLocation } from '@vaadin/router';
import { Router as LitRouter } from '@lit-labs/router';
import { Phial, memorySession, memoryStore } from '../../src/index.js';
import '../../src/lit/index.js';
import type { FrameApi, FrameInfo, FrameSetup, Kind, RouteSpec } from './shared.js';
import { BASE, toPatternPath, toPhialRule, viewText, visitOf, withIndex } from './shared.js';

/** A mounted router: the element its views render into, and a note on how it runs. */
interface Mounted {
  readonly view: Element;
  readonly engine: string;
}

/** Each router's setup, given the whole table (its index route included) and the index route. */
const SETUPS: Readonly<Record<Kind, (routes: readonly RouteSpec[], index: RouteSpec) => Promise<Mounted>>> = {
  phial: (routes) => phial(routes, false),
  'phial-history': (routes) => phial(routes, true),
  'phial-debug': (routes) => phial(routes, false, true),
  'vue-router': vue,
  'vaadin-router': vaadin,
  'lit-router': lit,
  floor,
};

// ---------------------------------------------------------------------------------------------
// The routers

async function phial(routes: readonly RouteSpec[], hideNavigationApi: boolean, toolbar = false): Promise<Mounted> {
  // The engine is chosen at start(): without window.navigation Phial takes the history package.
  if (hideNavigationApi) Object.defineProperty(window, 'navigation', { value: undefined, configurable: true });
  const app = new Phial({ base: BASE, flashStore: memoryStore(), session: memorySession() });
  app.beforeRequest(() => undefined);
  for (const route of routes) {
    app.route(toPhialRule(route.path), (req) => html`<p>${viewText(route, req.params)}</p>`, {
      endpoint: route.name,
      methods: route.methods,
    });
  }
  const outlet = document.createElement('phial-outlet');
  document.body.append(outlet);
  if (toolbar) {
    // What the debug toolbar costs a navigation while it is connected (collapsed, as it starts).
    await import('../../src/debug/index.js');
    const bar = document.createElement('phial-debug-toolbar') as HTMLElement & { app: Phial };
    bar.app = app;
    document.body.append(bar);
  }
  await app.start();
  const navigationApi = typeof window.navigation === 'object' && window.navigation !== null &&
    typeof (globalThis as { NavigationPrecommitController?: unknown }).NavigationPrecommitController === 'function';
  return {
    view: outlet,
    engine: navigationApi ? 'Navigation API engine (window.navigation with precommitHandler)' : 'fallback engine (the history package; window.navigation hidden before start())',
  };
}

async function vue(routes: readonly RouteSpec[]): Promise<Mounted> {
  const View = defineComponent({
    setup() {
      const route = useRoute();
      return () => h('p', viewText(route.meta.spec as RouteSpec, route.params));
    },
  });
  const router = createRouter({
    history: createWebHistory(`${BASE}/`),
    routes: routes.map((route) => ({ path: toPatternPath(route.path), name: route.name, component: View, meta: { spec: route } })),
  });
  router.beforeEach(() => undefined);
  // vue-router follows only its own <RouterLink>s; a plain <a href> is routed by a click
  // listener that does what RouterLink's handler does (the same guard on the event, then push).
  document.addEventListener('click', (e) => {
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.altKey || e.ctrlKey || e.shiftKey) return;
    const a = (e.target as Element | null)?.closest('a');
    if (!a || (a.target && a.target !== '_self') || a.origin !== location.origin || !a.pathname.startsWith(`${BASE}/`)) return;
    e.preventDefault();
    void router.push(a.pathname.slice(BASE.length) + a.search + a.hash);
  });
  const view = document.createElement('div');
  document.body.append(view);
  createApp({ render: () => h(RouterView) }).use(router).mount(view);
  await router.isReady();
  return { view, engine: 'createWebHistory; plain links routed by a document click listener calling router.push' };
}

class VaadinView extends LitElement {
  static override properties = { location: { attribute: false } };
  declare location: RouterLocation | undefined;
  protected override createRenderRoot(): HTMLElement {
    return this;
  }
  protected override render(): unknown {
    const here = this.location;
    if (!here) return null;
    return html`<p>${viewText((here.route as unknown as { spec: RouteSpec }).spec, here.params)}</p>`;
  }
}

async function vaadin(routes: readonly RouteSpec[]): Promise<Mounted> {
  customElements.define('bench-vaadin-view', VaadinView);
  const view = document.createElement('div');
  document.body.append(view);
  const router = new VaadinRouter(view);
  // One parent route whose action runs on every navigation: the guard, as beforeEach is.
  await router.setRoutes([{
    path: BASE,
    action: () => undefined,
    children: routes.map((route) => ({ path: toPatternPath(route.path), component: 'bench-vaadin-view', spec: route })),
  }] as never);
  await router.ready;
  return { view, engine: 'its own click and popstate listeners; the guard is a parent route action' };
}

async function lit(routes: readonly RouteSpec[], index: RouteSpec): Promise<Mounted> {
  const table = routes.map((route) => ({
    path: `${BASE}${toPatternPath(route.path)}`,
    enter: () => true,
    render: (params: Record<string, string | undefined>) => html`<p>${viewText(route, params)}</p>`,
  }));
  class Host extends LitElement {
    readonly router = new LitRouter(this, table);
    protected override createRenderRoot(): HTMLElement {
      return this;
    }
    protected override render(): unknown {
      return this.router.outlet();
    }
  }
  customElements.define('bench-lit-router', Host);
  const view = document.createElement('bench-lit-router') as Host;
  document.body.append(view);
  await view.updateComplete;
  // The router's first goto() is async (its enter() is awaited): wait for the first page.
  while (view.textContent !== index.name) await new Promise((r) => setTimeout(r, 1));
  return { view, engine: 'Router controller on a LitElement host (URLPattern per route, tried in order)' };
}

/** No router: a click listener that pushes the URL and renders the view's template with the known text. */
async function floor(_routes: readonly RouteSpec[], index: RouteSpec): Promise<Mounted> {
  const view = document.createElement('div');
  document.body.append(view);
  render(html`<p>${index.name}</p>`, view);
  document.addEventListener('click', (e) => {
    const a = (e.target as Element | null)?.closest('a');
    if (!a) return;
    e.preventDefault();
    history.pushState(null, '', a.href);
    const text = expected;
    queueMicrotask(() => render(html`<p>${text}</p>`, view));
  });
  return { view, engine: 'a click listener that calls history.pushState and renders the view\'s template with the text it is told (no matching, no guard)' };
}

// ---------------------------------------------------------------------------------------------
// Visiting

let view: Element | null = null;
let link: HTMLAnchorElement | null = null;
let visits: readonly RouteSpec[] = [];
/** Visit number: every visit gets a URL of its own, never one visited before. */
let counter = 0;
/** The text the view must show, and what to call once it does. */
let expected = '';
let arrived: (() => void) | null = null;

function onMutation(): void {
  if (arrived !== null && view!.textContent === expected) {
    const done = arrived;
    arrived = null;
    done();
  }
}

/** Clicks the link to the next URL; resolves once the view's text is the new page's. */
function visitNext(): Promise<void> {
  const { href, text } = visitOf(visits[counter % visits.length], counter);
  counter++;
  link!.href = href;
  expected = text;
  const shown = new Promise<void>((resolve) => { arrived = resolve; });
  link!.click();
  onMutation();
  return shown;
}

/** Rejects when `promise` takes longer than `ms`, saying what the view shows instead. */
function within<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${link!.pathname} did not show "${expected}" within ${ms} ms; the view shows "${view!.textContent ?? ''}"`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

const api: FrameApi = {
  async setup(kind, setupJson) {
    const setup = JSON.parse(setupJson) as FrameSetup;
    const { index, all } = withIndex(setup.routes);
    const byName = new Map(all.map((r) => [r.name, r]));
    visits = setup.visit.map((name) => byName.get(name)!);
    link = document.createElement('a');
    link.textContent = 'next';
    document.body.append(link);
    const mounted = await SETUPS[kind](all, index);
    view = mounted.view;
    new MutationObserver(onMutation).observe(view, { childList: true, subtree: true, characterData: true });
    if (view.textContent !== index.name) throw new Error(`${kind}: the first page shows "${view.textContent ?? ''}", not "${index.name}"`);
    const info: FrameInfo = { engine: mounted.engine };
    return info;
  },

  async check(timeoutMs) {
    for (let i = 0; i < visits.length; i++) {
      try {
        await within(visitNext(), timeoutMs);
      } catch (error) {
        arrived = null;
        return (error as Error).message;
      }
    }
    return null;
  },

  async batch(n) {
    const start = performance.now();
    const run = async () => {
      for (let i = 0; i < n; i++) await visitNext();
    };
    await within(run(), 10_000 + n * 1_000);
    return performance.now() - start;
  },
};

(globalThis as { PhialNavFrame?: FrameApi }).PhialNavFrame = api;
