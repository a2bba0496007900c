/**
 * One navigation, from intent to rendered page: blocks asked, the dispatch run hop by hop
 * through the loop the test client shares (serveFollowing), the last navigation winning (a new
 * one aborts the one in flight), the commit left to the engine, then render, title, scroll,
 * focus and announcement. The engines (navapi.ts, fallback.ts) only turn the browser's events
 * into intents; this module is loaded by `app.start()` on first use, never by the core.
 */
import type { BrowserBinding, NavigateOptions, Phial } from '../app.js';
import { onPageView } from '../dispatch.js';
import { leavesWithoutConsent, serveFollowing, type Served } from '../serve.js';
import { InternalServerError, NavigationFailure, PhialError } from '../errors.js';
import { Request } from '../request.js';
import { defaultErrorResponse, type Response } from '../response.js';
import { DEV, prodMessage } from '../dev.js';
import { signals } from '../signals.js';
import { basePrefix } from '../urls.js';
import { resolveLocation } from '../location.js';
import { announce, focusPage } from './focus.js';
import { formRequest, isAppUrl, isIgnoredLink, isInside, linkOf, reportUnhandled } from './intercept.js';
import { NavigationEngine } from './navapi.js';
import { preloadOnIntent } from './preload.js';
import { readPage, renderPage, showCurrentApp, viewsOf } from './render.js';
import { anchorElement, ScrollMemory, scrollForPush } from './scroll.js';
import type { Engine, Host, Intent, NavigationKind } from './engine.js';

/** The browser layer bound to an app: what `app.start()` loads and makes. */
export class Navigator implements BrowserBinding, Host {
  readonly app: Phial;
  readonly prefix: string;
  /** Where the app's links and forms live: clicks and submits elsewhere are not the app's. */
  readonly root: Document | Element;
  #engine: Engine | null = null;
  #engine$: Promise<Engine> | null = null;
  #started: Promise<void> | null = null;
  /** Aborted by stop(): removes every listener start() added, the engine's included. */
  #listening: AbortController | null = null;
  /** The start() run that may still listen (stop() clears it). */
  #run: object | null = null;
  #inFlight: AbortController | null = null;
  #generation = 0;
  #startTitle = '';
  readonly #scroll: ScrollMemory;
  /**
   * The history entry the user sees (its page committed, or its fragment moved to): where the
   * scroll position is saved when another entry is shown. Not the engine's current entry, which
   * on Back and Forward has moved already when the app hears of it.
   */
  #shownKey: string | null = null;
  #unload: AbortController | null = null;

  constructor(app: Phial) {
    this.app = app;
    this.prefix = basePrefix(app);
    this.root = app.options.root ?? document;
    this.#scroll = new ScrollMemory(app.name);
  }

  start(): Promise<void> {
    return (this.#started ??= this.#start());
  }

  async #start(): Promise<void> {
    // A stop() and start() while the engine loads begin a second run: only the newest one may
    // listen, or the first run's listeners would outlive every stop().
    const run = (this.#run = {});
    this.#startTitle = document.title;
    const engine = await (this.#engine$ ??= createEngine(this).then((e) => (this.#engine = e)));
    if (this.#run !== run) return;
    history.scrollRestoration = 'manual';
    const { signal } = (this.#listening = new AbortController());
    window.addEventListener('pagehide', () => {
      this.#scroll.save(engine.entryKey());
      this.#scroll.persist();
    }, { signal });
    engine.listen(signal);
    preloadOnIntent(this.app, this.prefix, this.root, signal);
    this.blocksChanged();
    const path = engine.currentPath();
    // Aborted only by a navigation that started meanwhile, which then renders.
    await this.perform({
      path, kind: 'start', skipBlocks: true, state: engine.currentState(),
      commit: (finalPath) => { if (finalPath !== path) engine.replaceSilently(finalPath); },
    });
  }

  stop(): void {
    if (!this.#started) return;
    this.#started = null;
    this.#run = null;
    this.#inFlight?.abort(abortReason());
    this.#inFlight = null;
    this.#generation++;
    this.#listening?.abort();
    this.blocksChanged();
    history.scrollRestoration = 'auto';
    showCurrentApp();
  }

  async navigate(to: string, options: NavigateOptions): Promise<Response | NavigationFailure> {
    await this.start();
    return this.#engine!.navigate(to, options); // start() awaited the engine
  }

  /**
   * Listens to beforeunload only while the app runs with blocks: in some browsers a page with
   * such a listener cannot enter the back/forward cache.
   */
  blocksChanged(): void {
    const on = this.#started !== null && this.app.blocks.length > 0;
    if (on === (this.#unload !== null)) return;
    if (on) {
      // Best effort: browsers show their own text, and only after a user gesture.
      this.#unload = new AbortController();
      window.addEventListener('beforeunload', (e) => { e.preventDefault(); e.returnValue = ''; }, { signal: this.#unload.signal });
    } else {
      this.#unload!.abort();
      this.#unload = null;
    }
  }

  /** Asks each block in order whether to go to `path`; false as soon as one refuses. */
  async ask(path: string): Promise<boolean> {
    const to = new URL(path, location.origin);
    for (const guard of [...this.app.blocks]) {
      let ok: boolean;
      try {
        ok = typeof guard === 'string' ? window.confirm(guard) : (await guard(to)) !== false;
      } catch (error) {
        console.error(DEV ? 'Phial: a block function failed; the navigation is cancelled.' : 'Phial P404', error);
        ok = false;
      }
      if (!ok) return false;
    }
    return true;
  }

  /** A synchronous answer where one is needed (leaving the app): only message blocks can give it. */
  askNow(): boolean {
    for (const guard of this.app.blocks) if (typeof guard === 'string' && !window.confirm(guard)) return false;
    return true;
  }

  /** Runs one navigation to the end; never rejects for a navigation that did not happen. */
  async perform(intent: Intent): Promise<Response | NavigationFailure> {
    const engine = this.#engine!;
    const from = engine.currentPath();
    const generation = ++this.#generation;
    this.#inFlight?.abort(abortReason());
    const controller = new AbortController();
    this.#inFlight = controller;
    const aborted = () => new NavigationFailure('aborted', from, intent.path);
    if (intent.signal) {
      if (intent.signal.aborted) controller.abort(abortReason());
      else intent.signal.addEventListener('abort', () => controller.abort(abortReason()), { once: true });
    }
    if (intent.kind !== 'start') this.#scroll.save(this.#shownKey);

    if (!intent.skipBlocks && this.app.blocks.length > 0) {
      const ok = await this.ask(intent.path);
      if (controller.signal.aborted || generation !== this.#generation) return aborted();
      if (!ok) {
        this.#inFlight = null;
        return new NavigationFailure('cancelled', from, intent.path);
      }
    }

    const makeRequest = (url: string, method: string, form: FormData | null, chain: string[]) => {
      const req = new Request(this.app, url, { method, form, state: intent.state, signal: controller.signal, redirectChain: chain });
      onPageView(req, (r, res) => readPage(this.app, r, res));
      return req;
    };
    let served: Served;
    try {
      const first = makeRequest(intent.path, intent.method ?? 'GET', intent.form ?? null, []);
      served = await serveFollowing(this.app, first, true, (hop) => makeRequest(hop.url, hop.method, hop.form, hop.redirectChain));
    } catch (error) {
      if (controller.signal.aborted) return aborted();
      if (this.#inFlight === controller) this.#inFlight = null;
      throw error; // only with { testing: true }: the app asked for its errors
    }
    if (controller.signal.aborted || generation !== this.#generation) return aborted();
    const { request } = served;
    let { response } = served;
    if (response.external && response.location !== null) {
      const refusal = refuseToLeave(response);
      if (refusal === null) {
        this.#inFlight = null;
        // Leaving the app on purpose: a real page load, as a browser follows a server's redirect.
        location.assign(response.location);
        return response;
      }
      // A location that would leave the site without `external`: never handed to the browser.
      console.error(DEV ? `Phial: ${refusal.message}` : refusal.message);
      response = defaultErrorResponse(new InternalServerError(undefined, { originalError: refusal }));
      served = { request, response };
    }
    try {
      await intent.commit(request.fullPath);
    } catch {
      return aborted();
    }
    if (controller.signal.aborted || generation !== this.#generation) return aborted();
    this.#inFlight = null;
    this.#shownKey = engine.entryKey();
    this.app.current = { request, response };
    signals.navigationCommitted.send(this.app, { request, response });
    await this.#render(served, intent.kind, generation);
    return response;
  }

  async #render(served: Served, kind: NavigationKind, generation: number): Promise<void> {
    const app = this.app;
    const update = () => renderPage(app, served);
    // renderPage never rejects, so neither do updateCallbackDone and finished; ready rejects
    // when the transition is skipped (a newer one started, the document is hidden).
    const vt = app.options.viewTransitions === true && !matchMedia('(prefers-reduced-motion: reduce)').matches
      ? document.startViewTransition?.(update) : undefined;
    if (vt) {
      vt.ready.catch(() => {});
      await vt.updateCallbackDone;
    } else {
      await update();
    }
    if (generation !== this.#generation) return;
    document.title = served.response.title ?? this.#startTitle;
    const hash = served.request.hash;
    let anchor: Element | null = null;
    if (kind === 'traverse' || kind === 'start') {
      if (!this.#scroll.restore(this.#engine!.entryKey()) && hash) anchor = scrollForPush(hash);
    } else {
      anchor = scrollForPush(hash);
    }
    if (kind === 'start') return;
    const outlet = viewsOf(app).map((v) => v.element).find((el) => el?.isConnected) ?? null;
    focusPage(outlet, kind === 'traverse' ? null : anchor);
    announce(document.title);
  }

  /**
   * A fragment-only move inside the page, committed by the engine: no dispatch; the anchor is
   * scrolled to and focused. What a navigate() of it resolves to: the page shown, which stays.
   */
  hashMoved(hash: string): Response | NavigationFailure {
    this.#showEntry();
    focusPage(null, scrollForPush(hash));
    const from = this.#engine?.currentPath() ?? '';
    return this.app.current?.response ?? new NavigationFailure('aborted', from, from);
  }

  /**
   * Back or Forward between two fragments of the page shown, the entry moved already: no
   * dispatch; the entry's scroll position comes back, else its anchor's (or the top), and the
   * anchor is focused.
   */
  hashTraversed(hash: string): void {
    this.#showEntry();
    focusPage(null, this.#scroll.restore(this.#shownKey) ? anchorElement(hash) : scrollForPush(hash));
  }

  /**
   * The engine's current entry is now the one shown, without a dispatch: the scroll position of
   * the one shown before is remembered.
   */
  #showEntry(): void {
    this.#scroll.save(this.#shownKey);
    this.#shownKey = this.#engine?.entryKey() ?? null;
  }
}

/**
 * Why an external location must not be followed, or null when it may: one that leaves the app
 * without `external` (P401), that is no URL (P402), or that is not http(s) (P403).
 */
function refuseToLeave(response: Response): PhialError | null {
  const location = response.location as string;
  const protocol = resolveLocation(location, window.location.href)?.protocol;
  const code = leavesWithoutConsent(response) ? 401 : !protocol ? 402 : protocol !== 'http:' && protocol !== 'https:' ? 403 : 0;
  if (!code) return null;
  return new PhialError(DEV
    ? `refused to follow the redirect to ${JSON.stringify(location)}: ${code === 401
      ? 'it leaves the app (another origin, or outside the base), and only redirect(url, { external: true }) may. Build locations with urlFor or redirect(), which check them.'
      : code === 402 ? 'it is not a URL.' : `a ${protocol} URL is never followed, even external.`}`
    : prodMessage(code, 'redirect refused'));
}

function abortReason(): DOMException {
  return new DOMException('A newer navigation started.', 'AbortError');
}

/**
 * The Navigation API where the browser has it (for 'browser'), else the history package: the
 * fallback engine and the package load only then.
 */
async function createEngine(nav: Navigator): Promise<Engine> {
  const mode = nav.app.options.history ?? 'browser';
  if (mode === 'browser' && window.navigation && typeof (globalThis as { NavigationPrecommitController?: unknown }).NavigationPrecommitController === 'function') {
    return new NavigationEngine(nav);
  }
  const { HistoryEngine } = await import('./fallback.js');
  return HistoryEngine.create(nav, mode, [linkOf, formRequest, isAppUrl, isIgnoredLink, isInside, reportUnhandled]);
}
