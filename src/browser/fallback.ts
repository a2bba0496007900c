/**
 * The engine on the `history` package: for browsers without the Navigation API, and for
 * 'hash', 'memory' or a History object given by the app. Clicks and submits under `root` are
 * caught by listeners (through the composed path, for links in open shadow roots); the entry is
 * pushed only once the final response is ready. A refused Back or Forward is taken back by going
 * the other way, which keeps every entry, forward ones included.
 */
import type { History, Update } from 'history';
import type { NavigateOptions } from '../app.js';
import { NavigationFailure } from '../errors.js';
import { safePath } from '../location.js';
import type { Response } from '../response.js';
import type { Shared } from './intercept.js';
import type { Engine, Host, NavigationKind } from './engine.js';

type Mode = 'browser' | 'hash' | 'memory' | object;

// intercept.ts's functions, handed over by the navigator (not imported: see there).
let linkOf: Shared[0];
let formRequest: Shared[1];
let isAppUrl: Shared[2];
let isIgnoredLink: Shared[3];
let isInside: Shared[4];
let reportUnhandled: Shared[5];

export class HistoryEngine implements Engine {
  readonly #nav: Host;
  readonly #history: History;
  readonly #mode: Mode;
  #silent = 0;
  /** Set while the engine puts back a Back or Forward to ask the blocks: run on the POP that restores. */
  #restoring: (() => void) | null = null;
  /** The next POP was allowed by the blocks already. */
  #allowNextPop = false;
  #index = 0;
  /** The path the engine shows (before a POP moves it): for telling a fragment-only move. */
  #shownPath = '';

  private constructor(nav: Host, history: History, mode: Mode) {
    this.#nav = nav;
    this.#history = history;
    this.#mode = mode;
    this.#index = this.#currentIndex();
    this.#shownPath = this.currentPath();
  }

  /** Loads the history package (only now: browsers with the Navigation API never do). */
  static async create(nav: Host, mode: Mode, helpers: Shared): Promise<HistoryEngine> {
    [linkOf, formRequest, isAppUrl, isIgnoredLink, isInside, reportUnhandled] = helpers;
    if (typeof mode === 'object') return new HistoryEngine(nav, mode as History, mode);
    // The package's own ES build reads process.env.NODE_ENV, which a page without a bundler
    // lacks (a ReferenceError on load); its production build is ES too and reads nothing global.
    const h: typeof import('history') = await import('history/history.production.min.js');
    if (mode === 'hash') return new HistoryEngine(nav, h.createHashHistory(), mode);
    if (mode === 'memory') {
      const here = new URL(location.href);
      const start = isAppUrl(here, nav.prefix) ? safePath(here) : nav.prefix + '/';
      return new HistoryEngine(nav, h.createMemoryHistory({ initialEntries: [start] }), mode);
    }
    return new HistoryEngine(nav, h.createBrowserHistory(), mode);
  }

  currentPath(): string {
    const { pathname, search, hash } = this.#history.location;
    return pathname + search + hash;
  }

  currentState(): unknown {
    return this.#history.location.state;
  }

  entryKey(): string | null {
    const { key } = this.#history.location;
    return key === 'default' ? null : key;
  }

  listen(signal: AbortSignal): void {
    // An entry the history package did not make (the page load's, another script's) has the
    // key 'default', which every such entry shares: give this one its own, so that its scroll
    // position is its own (the key lives in history.state, so it survives a reload).
    if (this.#history.location.key === 'default') this.replaceSilently(this.currentPath());
    const unlisten = this.#history.listen((update) => this.#onUpdate(update));
    signal.addEventListener('abort', () => unlisten());
    const { root } = this.#nav;
    root.addEventListener('click', (e) => this.#click(e as MouseEvent), { signal });
    root.addEventListener('submit', (e) => this.#submit(e as SubmitEvent), { signal });
    // A submit event does not leave a shadow root, but the click that submits does (a click on
    // a submit button, or the one a browser makes for Enter in a field): it tells which form
    // in a shadow root to listen to for that submission.
    root.addEventListener('click', (e) => {
      const form = shadowFormOf(e);
      if (form) form.addEventListener('submit', (ev) => this.#submit(ev as SubmitEvent), { once: true, signal });
    }, { signal });
  }

  replaceSilently(path: string): void {
    this.#quietly(() => this.#history.replace(path, this.#history.location.state));
  }

  navigate(path: string, options: NavigateOptions): Promise<Response | NavigationFailure> {
    const appPath = this.#appPathOfLocation(path);
    if (appPath === null) {
      // Leaving the app: only message blocks can answer now, as for a link that leaves.
      if (this.#nav.app.blocks.length > 0 && !this.#nav.askNow()) {
        return Promise.resolve(new NavigationFailure('cancelled', this.currentPath(), path));
      }
      location.assign(new URL(path, location.href).href);
      return new Promise(() => {}); // the page unloads
    }
    const kind = options.replace ? 'replace' : 'push';
    if (this.#onlyHashMoves(appPath)) return Promise.resolve(this.#moveHash(appPath, kind, options.state ?? null));
    return this.#go(appPath, kind, 'GET', null, options.state);
  }

  /**
   * A navigation that only changes the fragment: a new entry (or the same one), no dispatch,
   * the anchor scrolled to and focused; the page shown stays, and so does its Response.
   */
  #moveHash(path: string, kind: NavigationKind, state: unknown): Response | NavigationFailure {
    this.#quietly(() => {
      if (kind === 'replace') this.#history.replace(path, state);
      else this.#history.push(path, state);
    });
    return this.#nav.hashMoved(new URL(path, location.origin).hash);
  }

  /** Push, or replace for the URL already shown: what browsers do for a link (a form always pushes, in Chromium). */
  #kindFor(path: string): NavigationKind {
    return path === this.currentPath() ? 'replace' : 'push';
  }

  #go(path: string, kind: NavigationKind, method: string, form: FormData | null, state: unknown): Promise<Response | NavigationFailure> {
    return this.#nav.perform({
      path, kind, method, form, state,
      commit: (finalPath) => {
        this.#quietly(() => {
          if (kind === 'replace') this.#history.replace(finalPath, state);
          else this.#history.push(finalPath, state);
        });
      },
    });
  }

  #quietly(fn: () => void): void {
    this.#silent++;
    try {
      fn();
    } finally {
      this.#silent--;
      this.#index = this.#currentIndex();
      this.#shownPath = this.currentPath();
    }
  }

  #currentIndex(): number {
    const h = this.#history as History & { index?: number };
    if (typeof h.index === 'number') return h.index;
    const state = window.history.state as { idx?: unknown } | null;
    return typeof state?.idx === 'number' ? state.idx : 0;
  }

  /** The app's path for a location given to navigate(): a path of the app, or null. */
  #appPathOfLocation(path: string): string | null {
    if (this.#mode === 'hash' || this.#mode === 'memory' || typeof this.#mode === 'object') {
      // A path of the app is one under its base; another is a real page load, as in 'browser'.
      if (path.startsWith('/') && !path.startsWith('//')) return isAppUrl(new URL(path, location.origin), this.#nav.prefix) ? path : null;
    }
    const url = new URL(path, location.href);
    return isAppUrl(url, this.#nav.prefix) ? safePath(url) : null;
  }

  /** The app's path a clicked or submitted URL stands for, or null when it is not the app's. */
  #appPathOfUrl(url: URL): string | null {
    if (this.#mode === 'hash') {
      const here = new URL(location.href);
      if (url.origin !== here.origin || url.pathname !== here.pathname || url.search !== here.search) return null;
      if (!url.hash.startsWith('#/')) return null;
      const path = url.hash.slice(1);
      return isAppUrl(new URL(path, location.origin), this.#nav.prefix) ? path : null;
    }
    return isAppUrl(url, this.#nav.prefix) ? safePath(url) : null;
  }

  #click(e: MouseEvent): void {
    const url = clickedUrl(e);
    if (url === null) return;
    if (this.#mode === 'hash' && isInPageAnchor(url)) {
      // '#section' where the app's paths live after '#': the fragment cannot hold both, so the
      // route stays and the anchor is scrolled to and focused, as a fragment move does elsewhere.
      e.preventDefault();
      this.#nav.hashMoved(url.hash);
      return;
    }
    const path = this.#appPathOfUrl(url);
    if (path === null) {
      if (this.#nav.app.blocks.length > 0 && !this.#nav.askNow()) e.preventDefault();
      return;
    }
    e.preventDefault();
    if (this.#onlyHashMoves(path)) {
      this.#moveHash(path, this.#kindFor(path), null);
      return;
    }
    this.#go(path, this.#kindFor(path), 'GET', null, null).catch(reportUnhandled);
  }

  #submit(e: SubmitEvent): void {
    if (e.defaultPrevented || !(e.target instanceof HTMLFormElement)) return;
    const form = e.target;
    if (!isInside(form, this.#nav.root)) return;
    const submission = formSubmission(form, e.submitter);
    if (submission === null) return;
    const path = this.#appPathOfUrl(submission.url);
    if (path === null) return;
    e.preventDefault();
    this.#go(path, 'push', submission.method, submission.form, null).catch(reportUnhandled);
  }

  #onlyHashMoves(path: string): boolean {
    const cur = new URL(this.currentPath(), location.origin);
    const next = new URL(path, location.origin);
    return next.hash !== '' && cur.pathname === next.pathname && cur.search === next.search;
  }

  #onUpdate({ action, location: loc }: Update): void {
    if (this.#silent > 0) return;
    const path = loc.pathname + loc.search + loc.hash;
    const from = this.#index;
    const shown = this.#shownPath;
    this.#index = this.#currentIndex();
    this.#shownPath = path;
    if (action !== 'POP') {
      // Someone else pushed on the app's History object: the entry exists, dispatch it there.
      this.#nav.perform({ path, kind: 'push', state: loc.state, commit: (p) => { if (p !== path) this.replaceSilently(p); } }).catch(reportUnhandled);
      return;
    }
    if (this.#restoring) {
      const restored = this.#restoring;
      this.#restoring = null;
      restored();
      return;
    }
    if (onlyHashDiffers(shown, path)) {
      // Back/Forward between fragments of the page shown: no dispatch, no block (the page stays).
      this.#nav.hashTraversed(new URL(path, location.origin).hash);
      return;
    }
    const dispatch = () => {
      this.#nav.perform({
        path, kind: 'traverse', skipBlocks: true, state: loc.state,
        commit: (finalPath) => { if (finalPath !== path) this.replaceSilently(finalPath); },
      }).catch(reportUnhandled);
    };
    const allowed = this.#allowNextPop;
    this.#allowNextPop = false;
    if (!allowed && this.#nav.app.blocks.length > 0) {
      const delta = this.#index - from;
      // An entry of unknown index (delta 0): go(0) would reload the page, so it cannot be put
      // back; ask where it is, and show it when allowed.
      if (delta === 0) {
        void this.#nav.ask(path).then((ok) => { if (ok) dispatch(); });
        return;
      }
      const ask = () => {
        void this.#nav.ask(path).then((ok) => {
          if (!ok) return;
          this.#allowNextPop = true;
          this.#history.go(delta);
        });
      };
      // Put the entry back first (the entries are untouched), and ask once it is back: a second
      // history.go() issued before the first one ran is dropped by browsers (Chromium does).
      // Set before go(): a memory history calls its listener synchronously.
      this.#restoring = ask;
      this.#history.go(-delta);
      return;
    }
    dispatch();
  }
}

/** True when two full paths differ in their fragment only. */
function onlyHashDiffers(from: string, to: string): boolean {
  const a = new URL(from, location.origin);
  const b = new URL(to, location.origin);
  return a.pathname === b.pathname && a.search === b.search && a.hash !== b.hash;
}

/** A link to a fragment of this document that is not a hash-mode path ('#section', not '#/x'). */
function isInPageAnchor(url: URL): boolean {
  const here = new URL(location.href);
  return url.origin === here.origin && url.pathname === here.pathname && url.search === here.search &&
    url.hash.length > 1 && !url.hash.startsWith('#/');
}

/** The form in a shadow root that a click on its submit button is about to submit, else null. */
function shadowFormOf(event: Event): HTMLFormElement | null {
  for (const target of event.composedPath()) {
    if (!(target instanceof HTMLButtonElement || target instanceof HTMLInputElement)) continue;
    const form = target.form;
    return form !== null && (target.type === 'submit' || target.type === 'image') && form.getRootNode() instanceof ShadowRoot ? form : null;
  }
  return null;
}

/**
 * The URL of the link a click follows when the click is the app's to handle, else null: a
 * primary click without modifiers, not already handled, on an `<a href>` or `<area href>`
 * (found through the composed path, so links in open shadow roots count) that is not ignored.
 */
function clickedUrl(event: MouseEvent): URL | null {
  if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return null;
  const link = linkOf(event);
  // An SVG <a> keeps its link in href or xlink:href.
  const href = link?.getAttribute('href') ?? link?.getAttribute('xlink:href');
  if (!link || href == null || isIgnoredLink(link)) return null;
  try {
    return new URL(href, link.baseURI);
  } catch {
    return null;
  }
}

/** What a form submission asks for: where, how, and with what. */
interface Submission {
  url: URL;
  method: 'GET' | 'POST';
  /** The fields of a POST (the submitter's name and value included); null for a GET. */
  form: FormData | null;
}

/**
 * What submitting `form` with `submitter` asks for (see formRequest), with the action resolved
 * and the fields read; null when it is not a navigation of this window or its action is no URL.
 */
function formSubmission(form: HTMLFormElement, submitter: HTMLElement | null): Submission | null {
  const request = formRequest(form, submitter);
  if (request === null) return null;
  let url: URL;
  try {
    url = new URL(request.action === '' ? document.URL : request.action, form.baseURI);
  } catch {
    return null;
  }
  const data = new FormData(form, submitter ?? undefined);
  if (request.method === 'POST') return { url, method: 'POST', form: data };
  // GET: the fields replace the action's query; files go as their names, as browsers send them.
  const query = new URLSearchParams();
  for (const [name, value] of data) query.append(name, typeof value === 'string' ? value : value.name);
  url.search = query.toString();
  return { url, method: 'GET', form: null };
}
