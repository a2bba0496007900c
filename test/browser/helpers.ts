// Shared by the browser engine tests: every behaviour is one suite function run against both
// engines, the Navigation API one and the `history` package one (forced by hiding
// window.navigation before app.start(), which is when the engine is chosen).
import './guard.js';
import { memorySession, memoryStore, Phial, signals, type PhialOptions } from '../../src/index.js';
import { connectView, type Page } from '../../src/browser/render.js';

export type EngineName = 'navigation' | 'history';
export const ENGINES: readonly EngineName[] = ['navigation', 'history'];

/** The real Navigation API object, kept while a test hides it. */
export const realNavigation: Navigation = window.navigation;

/**
 * The number of entries in this tab's history, as history.length counts them, but only this
 * document's (same-origin) run of them: the test runner reuses one tab for every test file, so
 * history.length reaches Chromium's cap of 50 entries partway through a run, and a push then
 * no longer shows in it.
 */
export function historyLength(): number {
  return realNavigation.entries().length;
}
const navigationDescriptor = Object.getOwnPropertyDescriptor(window, 'navigation');

function hideNavigation(): void {
  Object.defineProperty(window, 'navigation', { value: undefined, configurable: true, writable: true });
}

function restoreNavigation(): void {
  if (navigationDescriptor) Object.defineProperty(window, 'navigation', navigationDescriptor);
  else delete (window as { navigation?: unknown }).navigation;
}

// ---- What became of a navigation the app did not take (so that no test ever unloads the page).

/** navigate events the app intercepted (NavigateEvent.prototype.intercept is watched). */
const intercepted = new WeakSet<Event>();
const originalIntercept = NavigateEvent.prototype.intercept;
NavigateEvent.prototype.intercept = function (this: NavigateEvent, options?: NavigationInterceptOptions) {
  intercepted.add(this);
  return originalIntercept.call(this, options);
};

/** Set while history.pushState/replaceState runs: their navigate events are no page loads. */
let inHistoryApi = 0;
for (const name of ['pushState', 'replaceState'] as const) {
  const original = History.prototype[name];
  History.prototype[name] = function (this: History, ...args: Parameters<History['pushState']>) {
    inHistoryApi++;
    try {
      return original.apply(this, args);
    } finally {
      inHistoryApi--;
    }
  };
}

/** Destinations of navigations the browser would have loaded as a page; the guard stopped them. */
export const pageLoads: string[] = [];
/** For each click that reached `window`: whether it was default-prevented when it got there. */
export const clicks: Array<{ href: string | null; defaultPrevented: boolean }> = [];
export let interceptCount = 0;

const stopPageLoad = (e: NavigateEvent) => {
  if (e.defaultPrevented) return; // cancelled already (by the app's block)
  if (intercepted.has(e)) {
    interceptCount++;
    return;
  }
  // Same-document moves (Back/Forward between this document's entries, fragments, the history
  // API) are no page loads: leave them.
  if (e.navigationType === 'traverse' || e.hashChange || inHistoryApi > 0) return;
  pageLoads.push(e.destination.url);
  if (e.cancelable) e.preventDefault();
};

/**
 * Adds the listener that stops page loads after the app's own navigate listener (listeners run
 * in the order they were added): call it after every app.start().
 */
export function guardPageLoads(): void {
  realNavigation.removeEventListener('navigate', stopPageLoad);
  realNavigation.addEventListener('navigate', stopPageLoad);
}

// A click on `window` in the bubble phase comes after the app's listeners decided. One that
// would open another window (a modifier key, a target) is stopped here: no navigate event
// follows it in this window.
window.addEventListener('click', (e) => {
  const link = e.composedPath().find((t): t is Element => t instanceof Element && (t.localName === 'a' || t.localName === 'area')) ?? null;
  if (link === null) return;
  clicks.push({ href: link.getAttribute('href'), defaultPrevented: e.defaultPrevented });
  const target = link.getAttribute('target');
  if (e.ctrlKey || e.metaKey || e.shiftKey || e.altKey || e.button !== 0 || (target !== null && target !== '' && target !== '_self')) e.preventDefault();
});
window.addEventListener('submit', (e) => {
  const form = e.target as HTMLFormElement;
  const target = e.submitter?.getAttribute('formtarget') ?? form.getAttribute('target');
  // _top and _parent name this very window in a top-level page: that submission navigates here,
  // and the navigate listener below records the page load.
  const here = target === '_top' ? window.top === window : target === '_parent' ? window.parent === window : false;
  if (target !== null && target !== '' && target !== '_self' && !here) e.preventDefault();
});

// ---- Per test set-up and clean-up.

const cleanups: Array<() => void | Promise<void>> = [];

/** Runs `fn` when the test ends (last registered, first run). */
export function onCleanup(fn: () => void | Promise<void>): void {
  cleanups.push(fn);
}

/** The suite `fn` for each engine, with the set-up and clean-up every test needs. */
export function forEachEngine(title: string, fn: (engine: EngineName) => void): void {
  for (const engine of ENGINES) {
    describe(`${title} [${engine} engine]`, () => {
      let url = '';
      let startKey = '';
      beforeEach(() => {
        url = location.href;
        startKey = realNavigation.currentEntry!.key;
        // The entry the clean-up comes back to restores no scroll position of its own: Chromium
        // would apply it late, when the next test's first navigation finishes.
        history.scrollRestoration = 'manual';
        pageLoads.length = 0;
        clicks.length = 0;
        interceptCount = 0;
        if (engine === 'history') hideNavigation();
      });
      afterEach(async () => {
        while (cleanups.length > 0) await cleanups.pop()!();
        restoreNavigation();
        realNavigation.removeEventListener('navigate', stopPageLoad);
        // Back to the entry the test started on: the next test's first push drops what this one
        // pushed, so this document's run of entries stays short.
        if (realNavigation.currentEntry!.key !== startKey && realNavigation.entries().some((e) => e.key === startKey)) {
          await realNavigation.traverseTo(startKey).finished?.catch(() => {});
        }
        history.scrollRestoration = 'manual';
        window.scrollTo(0, 0);
        history.replaceState(null, '', url);
      });
      fn(engine);
    });
  }
}

/**
 * An app with memory stores, stopped when the test ends; the address bar starts at `startAt`,
 * in a new entry at the end of the history (so that historyLength() counts what the test adds).
 */
export function makeApp(options: PhialOptions = {}, startAt = '/app/'): Phial {
  const app = new Phial({ base: '/app', flashStore: memoryStore(), session: memorySession(), ...options });
  history.pushState(null, '', startAt);
  onCleanup(() => app.stop());
  return app;
}

/** app.start(), then the guard against page loads behind the app's listener. */
export async function start(app: Phial): Promise<void> {
  await app.start();
  guardPageLoads();
}

/** An element in the body, removed when the test ends. */
export function fixture<K extends keyof HTMLElementTagNameMap>(tag: K, html = ''): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  el.innerHTML = html;
  document.body.append(el);
  onCleanup(() => el.remove());
  return el;
}

/** A test outlet: renders a string body as HTML into a <main>, and records each render. */
export interface Outlet {
  element: HTMLElement;
  /** The full path of every page rendered, in order. */
  rendered: string[];
  /** The pages rendered, in order. */
  pages: Page[];
  /** Called inside render, before the DOM changes (to look at the state of the world then). */
  onRender?: (page: Page) => void | Promise<void>;
}

export function mountOutlet(app: Phial): Outlet {
  const element = fixture('main');
  const outlet: Outlet = { element, rendered: [], pages: [] };
  const off = connectView({
    app,
    element,
    async render(page) {
      await outlet.onRender?.(page);
      outlet.rendered.push(page.request.fullPath);
      outlet.pages.push(page);
      const body = page.response.body;
      element.innerHTML = typeof body === 'string' ? body : '';
    },
  });
  onCleanup(off);
  return outlet;
}

/** Records the full path of every navigationCommitted of `app`. */
export function commits(app: Phial): string[] {
  const out: string[] = [];
  const off = signals.navigationCommitted.connect((_sender, { request }) => { out.push(request.fullPath); }, { sender: app });
  onCleanup(off);
  return out;
}

/** Counts the app's dispatches (a before hook), by full path. */
export function dispatches(app: Phial): string[] {
  const out: string[] = [];
  app.beforeRequest((req) => { out.push(`${req.method} ${req.fullPath}`); });
  return out;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Resolves once `check()` is true; fails after `ms` with `what`. */
export async function waitFor(check: () => boolean, what = 'a condition', ms = 3000): Promise<void> {
  const until = performance.now() + ms;
  while (!check()) {
    if (performance.now() > until) throw new Error(`Timed out after ${ms} ms waiting for ${what}.`);
    await sleep(5);
  }
}

/** Two animation frames: what the announcer and late renders wait for. */
export function frames(): Promise<void> {
  return new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve())));
}

/** The address bar's path, query and hash. */
export function here(): string {
  return location.pathname + location.search + location.hash;
}

/** history.back() (or go(delta)), then waits until the address bar changed. */
export async function go(delta: number): Promise<void> {
  const before = location.href;
  history.go(delta);
  await waitFor(() => location.href !== before, `history.go(${delta}) to move`);
}

/** Replaces window.confirm for this test; returns the messages it was asked. */
export function stubConfirm(answer: boolean | (() => boolean)): string[] {
  const asked: string[] = [];
  const original = window.confirm;
  window.confirm = (message?: string) => {
    asked.push(String(message));
    return typeof answer === 'function' ? answer() : answer;
  };
  onCleanup(() => { window.confirm = original; });
  return asked;
}

/** Runs `fn` with console.error captured: what was reported. */
export async function captureErrors<T>(fn: () => Promise<T>): Promise<{ result: T; reports: unknown[][] }> {
  const reports: unknown[][] = [];
  const original = console.error;
  console.error = (...args: unknown[]) => { reports.push(args); };
  try {
    return { result: await fn(), reports };
  } finally {
    console.error = original;
  }
}

/** A link in the body (or in `parent`), removed when the test ends. */
export function link(href: string, attrs: Record<string, string> = {}, parent: ParentNode = document.body): HTMLAnchorElement {
  const a = document.createElement('a');
  a.href = href;
  a.textContent = href;
  for (const [k, v] of Object.entries(attrs)) a.setAttribute(k, v);
  parent.append(a);
  onCleanup(() => a.remove());
  return a;
}
