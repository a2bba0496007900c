/**
 * The engine on the browser's Navigation API: one `navigate` listener sees every same-document
 * navigation (links, in open shadow roots too, forms, Back, Forward, navigation.navigate) and
 * intercepts the app's. A push or replace is dispatched in a precommit handler, so the URL
 * commits only when the final response is ready (a redirect changes the destination first):
 * one new entry for a guarded push, none for an overtaken one. Back and Forward commit first,
 * as browsers do; a refused one is cancelled, or, where the browser does not let it be, taken
 * back, so the entries stay exactly as they were.
 */
import type { NavigateOptions } from '../app.js';
import { NavigationFailure } from '../errors.js';
import type { Response } from '../response.js';
import { safePath } from '../location.js';
import { formSubmission, isAppUrl, isIgnoredLink, isInside, reportUnhandled, type Submission } from './intercept.js';
import type { Engine, Navigator } from './navigator.js';

type Outcome = Response | NavigationFailure;

/** Carried in `info` by the navigations this engine starts itself. */
interface Ticket {
  readonly phial: true;
  resolve(outcome: Outcome): void;
  /** Back or Forward that a block already allowed. */
  allowed?: boolean;
  /** The engine's own step back to the entry a refused Back or Forward left: no dispatch. */
  restore?: boolean;
  /** Set once the engine's listener took the navigation (its outcome comes from there). */
  seen?: boolean;
}

function isTicket(info: unknown): info is Ticket {
  return typeof info === 'object' && info !== null && (info as Ticket).phial === true;
}

export class NavigationEngine implements Engine {
  readonly #nav: Navigator;
  #listener: ((e: NavigateEvent) => void) | null = null;
  /** Set while the engine changes the URL itself (a replaceState it must not dispatch). */
  #silent = false;

  constructor(nav: Navigator) {
    this.#nav = nav;
  }

  currentPath(): string {
    return safePath(new URL(navigation.currentEntry?.url ?? location.href));
  }

  currentState(): unknown {
    return navigation.currentEntry?.getState();
  }

  entryKey(): string | null {
    return navigation.currentEntry?.key ?? null;
  }

  listen(): void {
    if (this.#listener) return;
    this.#listener = (e) => this.#onNavigate(e);
    navigation.addEventListener('navigate', this.#listener);
    rootOf(this.#nav).addEventListener('click', this.#onClick as EventListener, true);
  }

  unlisten(): void {
    if (this.#listener) navigation.removeEventListener('navigate', this.#listener);
    this.#listener = null;
    rootOf(this.#nav).removeEventListener('click', this.#onClick as EventListener, true);
  }

  /**
   * A navigate event does not say which keys the click held, and a modified click is not the
   * app's (SPEC §11) even where the browser opens it in this tab (Meta on Linux): the link of
   * such a click is remembered until its navigation, which fires right after the click.
   */
  #modifiedLink: Element | null = null;
  #onClick = (e: MouseEvent) => {
    if (!(e.metaKey || e.ctrlKey || e.shiftKey || e.altKey || e.button !== 0)) return;
    const link = e.composedPath().find((t): t is Element => t instanceof Element && (t.localName === 'a' || t.localName === 'area'));
    if (!link) return;
    this.#modifiedLink = link;
    setTimeout(() => { if (this.#modifiedLink === link) this.#modifiedLink = null; }, 0);
  };

  replaceSilently(path: string): void {
    this.#silent = true;
    try {
      history.replaceState(history.state, '', path);
    } finally {
      this.#silent = false;
    }
  }

  navigate(path: string, options: NavigateOptions): Promise<Outcome> {
    return new Promise<Outcome>((resolve) => {
      const ticket: Ticket = { phial: true, resolve };
      let url: URL;
      try {
        url = new URL(path, location.href);
      } catch {
        resolve(new NavigationFailure('cancelled', this.currentPath(), path));
        return;
      }
      const from = this.currentPath();
      const result = navigation.navigate(url.href, { history: options.replace ? 'replace' : 'push', state: options.state, info: ticket });
      // The outcome comes through the ticket. One the app never saw (another navigate listener
      // cancelled it first) would stay pending: the browser's failure resolves it then, which
      // is a no-op once the ticket has its outcome.
      result.committed?.catch(() => {});
      result.finished?.catch(() => { if (!ticket.seen) resolve(new NavigationFailure('aborted', from, path)); });
    });
  }

  #onNavigate(e: NavigateEvent): void {
    // Cancelled by another listener before this one: the browser drops it (intercept() would throw).
    if (this.#silent || e.defaultPrevented) return;
    // history.pushState/replaceState by other code (a widget keeping ?tab= in the URL): not a
    // navigation of the app, which the fallback does not see either; the URL is theirs to set.
    if ((e.navigationType === 'push' || e.navigationType === 'replace') && e.destination.sameDocument && !e.hashChange) return;
    const ticket = isTicket(e.info) ? e.info : null;
    if (ticket) ticket.seen = true;
    const nav = this.#nav;
    const url = new URL(e.destination.url);
    const source = e.sourceElement;
    const modified = source !== null && this.#modifiedLink !== null && (source === this.#modifiedLink || source.closest('a, area') === this.#modifiedLink);
    const leaving = modified || !e.canIntercept || e.downloadRequest !== null || !isAppUrl(url, nav.prefix) ||
      (source !== null && (!isInside(source, rootOf(nav)) || (source.closest('a, area') !== null && isIgnoredLink(source.closest('a, area')!))));
    if (e.navigationType === 'reload' || leaving) {
      // A real page load: the blocks can only answer synchronously here (message blocks).
      if (nav.app.blocks.length > 0 && e.cancelable && e.navigationType !== 'reload' && !nav.askNow()) {
        e.preventDefault();
        ticket?.resolve(new NavigationFailure('cancelled', this.currentPath(), safePath(url)));
      }
      // Otherwise navigate() stays pending, as in the fallback: the page unloads.
      return;
    }
    if (e.hashChange && e.navigationType !== 'traverse') {
      // Only the fragment moves: no dispatch; Phial scrolls to the anchor and focuses it.
      e.intercept({
        focusReset: 'manual',
        scroll: 'manual',
        handler: async () => {
          // Scrolled by Phial, as the fallback does: the same element (id, then name) and the
          // same moment, whatever the browser's own fragment scroll would do.
          const shown = nav.hashMoved(url.hash, true);
          ticket?.resolve(shown);
        },
      });
      return;
    }
    if (e.hashChange) {
      // Back/Forward between fragments of one page: no dispatch, no block (the page stays);
      // its position comes back (scrollRestoration is manual, so the browser would not).
      e.intercept({ focusReset: 'manual', scroll: 'manual', handler: async () => nav.hashTraversed(url.hash) });
      return;
    }
    const path = safePath(url);
    if (e.navigationType === 'traverse') {
      this.#traverse(e, path, ticket);
      return;
    }
    const kind = e.navigationType === 'replace' ? 'replace' : 'push';
    const { method, form } = methodOf(e);
    let committed: () => void = () => {};
    const entered = new Promise<void>((resolve) => { committed = resolve; });
    let outcome: Promise<Outcome> | null = null;
    let didCommit = false;
    e.intercept({
      focusReset: 'manual',
      scroll: 'manual',
      precommitHandler: (controller) => new Promise<void>((commitNow, refuse) => {
        outcome = nav.perform({
          path, kind, method, form, state: e.destination.getState(), signal: e.signal,
          commit: (finalPath) => {
            if (finalPath !== path) controller.redirect(new URL(finalPath, location.origin).href);
            didCommit = true;
            commitNow();
            return entered;
          },
        });
        outcome.then((o) => {
          // Not committed (cancelled, aborted, a page load): the browser keeps the entries.
          if (!didCommit) refuse(new DOMException('The navigation did not happen.', 'AbortError'));
          ticket?.resolve(o);
        }, (error) => {
          refuse(error);
          if (ticket) ticket.resolve(Promise.reject(error) as never);
          else reportUnhandled(error);
        });
      }),
      handler: async () => {
        committed();
        await outcome?.catch(() => {});
      },
    });
  }

  /** Back or Forward: asked first where blocks exist; the entry has moved when the app dispatches. */
  #traverse(e: NavigateEvent, path: string, ticket: Ticket | null): void {
    const nav = this.#nav;
    if (ticket?.restore === true) {
      // Back on the page the refused move left: it is still rendered, as it was (unsaved input
      // included, which is what a block protects); nothing to dispatch.
      e.intercept({ focusReset: 'manual', scroll: 'manual', handler: async () => {} });
      return;
    }
    const allowed = ticket?.allowed === true;
    if (!allowed && nav.app.blocks.length > 0) {
      const key = e.destination.key;
      if (e.cancelable) {
        // Cancel now (the entries stay as they are), ask, and go there only when allowed.
        e.preventDefault();
        void nav.ask(new URL(path, location.origin)).then(async (ok) => {
          if (!ok) return;
          // Chromium rejects a traversal started in the task that cancelled one to the same
          // entry ("Invalid key"), which a synchronous confirm() or block function hits: wait
          // for the next task.
          await new Promise((resolve) => setTimeout(resolve, 0));
          if (!this.#listener) return; // stopped meanwhile
          const again: Ticket = { phial: true, resolve: () => {}, allowed: true };
          const result = navigation.traverseTo(key, { info: again });
          settle(result);
        });
        return;
      }
      // Not cancelable: let it move, ask, and move back if refused (the entries are kept).
      const back = navigation.currentEntry?.key;
      e.intercept({
        focusReset: 'manual', scroll: 'manual',
        handler: async () => {
          if (!(await nav.ask(new URL(path, location.origin)))) {
            if (back) {
              const result = navigation.traverseTo(back, { info: { phial: true, resolve: () => {}, restore: true } satisfies Ticket });
              settle(result);
            }
            return;
          }
          await this.#dispatchTraverse(path, e);
        },
      });
      return;
    }
    e.intercept({ focusReset: 'manual', scroll: 'manual', handler: () => this.#dispatchTraverse(path, e) });
  }

  async #dispatchTraverse(path: string, e: NavigateEvent): Promise<void> {
    // The traversal's signal, except for the abort that the engine's own replaceState (a
    // redirect shown in the entry Back moved to) causes: that is this navigation's commit.
    const own = new AbortController();
    e.signal.addEventListener('abort', () => { if (!this.#silent) own.abort(e.signal.reason); }, { once: true });
    // An entry a POST rendered is dispatched as a GET: a form is never sent twice.
    await this.#nav.perform({
      path, kind: 'traverse', skipBlocks: true, state: e.destination.getState(), signal: own.signal,
      commit: (finalPath) => { if (finalPath !== path) this.replaceSilently(finalPath); },
    }).catch(reportUnhandled);
  }
}

/**
 * The method and form of a navigation. Chromium's `formData` follows the form's `method`
 * attribute, not the submitter's `formmethod` (null for a GET form sent by a formmethod="post"
 * button, the fields for a POST form sent by a formmethod="get" one), so a form submission is
 * read from its elements, as the fallback reads it; the browser's fields are used when present.
 */
function methodOf(e: NavigateEvent): { method: 'GET' | 'POST'; form: FormData | null } {
  const source = e.sourceElement;
  let submission: Submission | null = null;
  if (source instanceof HTMLFormElement) submission = formSubmission(source, null);
  else if ((source instanceof HTMLButtonElement || source instanceof HTMLInputElement) && source.form !== null) {
    submission = formSubmission(source.form, source);
  }
  if (submission === null) return e.formData ? { method: 'POST', form: e.formData } : { method: 'GET', form: null };
  return submission.method === 'POST' ? { method: 'POST', form: e.formData ?? submission.form } : { method: 'GET', form: null };
}

function rootOf(nav: Navigator): Node {
  return nav.app.options.root ?? document;
}

/** The browser's promises of a navigation this engine started: the outcome comes another way. */
function settle(result: NavigationResult): void {
  result.committed?.catch(() => {});
  result.finished?.catch(() => {});
}
