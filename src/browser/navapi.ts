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
import { formRequest, isAppUrl, isIgnoredLink, isInside, linkOf, reportUnhandled } from './intercept.js';
import type { Engine, Host } from './engine.js';

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
  return (info as Ticket | null | undefined)?.phial === true;
}

export class NavigationEngine implements Engine {
  readonly #nav: Host;
  /** Aborted when the app stops (set by listen()). */
  #signal: AbortSignal | null = null;
  /** Set while the engine changes the URL itself (a replaceState it must not dispatch). */
  #silent = false;
  /**
   * A navigate event does not say which keys the click held, and a modified click is not the
   * app's (SPEC §11) even where the browser opens it in this tab (Meta on Linux): the link of
   * such a click is remembered until its navigation, which fires right after the click.
   */
  #modifiedLink: Element | null = null;

  constructor(nav: Host) {
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

  listen(signal: AbortSignal): void {
    this.#signal = signal;
    navigation.addEventListener('navigate', (e) => this.#onNavigate(e), { signal });
    this.#nav.root.addEventListener('click', (e) => {
      const me = e as MouseEvent;
      if (!(me.metaKey || me.ctrlKey || me.shiftKey || me.altKey || me.button !== 0)) return;
      const link = linkOf(e);
      if (!link) return;
      this.#modifiedLink = link;
      setTimeout(() => { if (this.#modifiedLink === link) this.#modifiedLink = null; }, 0);
    }, { capture: true, signal });
  }

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
      const from = this.currentPath();
      // app.navigate() refused a path the browser cannot read (P258): this one parses.
      const url = new URL(path, location.href);
      const result = navigation.navigate(url.href, { history: options.replace ? 'replace' : 'push', state: options.state, info: ticket });
      // The outcome comes through the ticket. One the app never saw (another navigate listener
      // cancelled it first) would stay pending: the browser's failure resolves it then, which
      // is a no-op once the ticket has its outcome.
      result.committed?.catch(() => {});
      result.finished?.catch(() => { if (!ticket.seen) resolve(new NavigationFailure('aborted', from, path)); });
    });
  }

  #onNavigate(e: NavigateEvent): void {
    const type = e.navigationType;
    // Cancelled by another listener before this one: the browser drops it (intercept() would throw).
    if (this.#silent || e.defaultPrevented) return;
    // history.pushState/replaceState by other code (a widget keeping ?tab= in the URL): not a
    // navigation of the app, which the fallback does not see either; the URL is theirs to set.
    if ((type === 'push' || type === 'replace') && e.destination.sameDocument && !e.hashChange) return;
    const ticket = isTicket(e.info) ? e.info : null;
    if (ticket) ticket.seen = true;
    const nav = this.#nav;
    const url = new URL(e.destination.url);
    const source = e.sourceElement;
    const link = source?.closest('a, area') ?? null;
    const submission = submissionOf(e);
    // A form sent to another window (target or formtarget other than _self: _top names this one
    // in a top-level page) is the browser's, as a link with a target is, and as the fallback has it.
    const leaving = (link !== null && link === this.#modifiedLink) || !e.canIntercept || e.downloadRequest !== null ||
      !isAppUrl(url, nav.prefix) || (source !== null && (!isInside(source, nav.root) || (link !== null && isIgnoredLink(link)))) ||
      (submission !== null && submission.request === null);
    if (type === 'reload' || leaving) {
      // A real page load: the blocks can only answer synchronously here (message blocks).
      if (type !== 'reload' && e.cancelable && !nav.askNow()) {
        e.preventDefault();
        ticket?.resolve(new NavigationFailure('cancelled', this.currentPath(), safePath(url)));
      }
      // Otherwise navigate() stays pending, as in the fallback: the page unloads.
      return;
    }
    if (e.hashChange) {
      // Only the fragment moves: no dispatch, no block (the page stays). Phial scrolls to the
      // anchor and focuses it, as the fallback does: the same element (id, then name) at the
      // same moment, whatever the browser's own fragment scroll would do. Back and Forward
      // bring back the entry's position (scrollRestoration is manual, so the browser would not).
      intercept(e, async () => {
        if (type === 'traverse') nav.hashTraversed(url.hash);
        else {
          // Moved first: `ticket?.resolve(nav.hashMoved(…))` would skip the move without a ticket.
          const shown = nav.hashMoved(url.hash);
          ticket?.resolve(shown);
        }
      });
      return;
    }
    const path = safePath(url);
    if (type === 'traverse') {
      this.#traverse(e, path, ticket);
      return;
    }
    const { method, form } = methodOf(e, submission);
    let committed: () => void = () => {};
    const entered = new Promise<void>((resolve) => { committed = resolve; });
    let outcome: Promise<Outcome> | null = null;
    let didCommit = false;
    intercept(e, async () => {
      committed();
      await outcome?.catch(() => {});
    }, (controller) => new Promise<void>((commitNow, refuse) => {
      outcome = nav.perform({
        path, kind: type === 'replace' ? 'replace' : 'push', method, form, state: e.destination.getState(), signal: e.signal,
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
    }));
  }

  /** Back or Forward: asked first where blocks exist; the entry has moved when the app dispatches. */
  #traverse(e: NavigateEvent, path: string, ticket: Ticket | null): void {
    const nav = this.#nav;
    if (ticket?.restore) {
      // Back on the page the refused move left: it is still rendered, as it was (unsaved input
      // included, which is what a block protects); nothing to dispatch.
      intercept(e, async () => {});
      return;
    }
    if (!ticket?.allowed && nav.app.blocks.length > 0) {
      if (e.cancelable) {
        // Cancel now (the entries stay as they are), ask, and go there only when allowed.
        e.preventDefault();
        const key = e.destination.key;
        void nav.ask(path).then(async (ok) => {
          if (!ok) return;
          // Chromium rejects a traversal started in the task that cancelled one to the same
          // entry ("Invalid key"), which a synchronous confirm() or block function hits: wait
          // for the next task.
          await new Promise((resolve) => setTimeout(resolve, 0));
          if (!this.#signal?.aborted) traverseTo(key, { allowed: true });
        });
        return;
      }
      // Not cancelable: let it move, ask, and move back if refused (the entries are kept).
      const back = navigation.currentEntry?.key;
      intercept(e, async () => {
        if (await nav.ask(path)) await this.#dispatchTraverse(path, e);
        else if (back) traverseTo(back, { restore: true });
      });
      return;
    }
    intercept(e, () => this.#dispatchTraverse(path, e));
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

/** Takes the navigation over: Phial renders, scrolls and focuses, not the browser. */
function intercept(e: NavigateEvent, handler: () => Promise<void>, precommitHandler?: (controller: NavigationPrecommitController) => Promise<void>): void {
  e.intercept({ focusReset: 'manual', scroll: 'manual', handler, precommitHandler });
}

/** The engine's own Back or Forward to `key`: its outcome comes another way. */
function traverseTo(key: string, ticket: Partial<Ticket>): void {
  const result = navigation.traverseTo(key, { info: { phial: true, resolve: () => {}, ...ticket } satisfies Ticket });
  result.committed?.catch(() => {});
  result.finished?.catch(() => {});
}

/**
 * The method and form of a navigation. Chromium's `formData` follows the form's `method`
 * attribute, not the submitter's `formmethod` (null for a GET form sent by a formmethod="post"
 * button, the fields for a POST form sent by a formmethod="get" one), so the method of a form
 * submission is read from its elements, as the fallback reads it; the browser's fields are used
 * when present.
 */
function methodOf(e: NavigateEvent, submission: ReturnType<typeof submissionOf>): { method: 'GET' | 'POST'; form: FormData | null } {
  return (submission ? submission.request?.method === 'POST' : e.formData)
    ? { method: 'POST', form: e.formData ?? new FormData(submission!.form, submission!.submitter ?? undefined) }
    : { method: 'GET', form: null };
}

/** The form a navigation submits, its submitter, and how they ask to be sent; null for no form. */
function submissionOf(e: NavigateEvent): { form: HTMLFormElement; submitter: HTMLElement | null; request: ReturnType<typeof formRequest> } | null {
  const source = e.sourceElement;
  const form = source instanceof HTMLFormElement ? source
    : source instanceof HTMLButtonElement || source instanceof HTMLInputElement ? source.form : null;
  if (form === null) return null;
  const submitter = form === source ? null : (source as HTMLElement);
  return { form, submitter, request: formRequest(form, submitter) };
}
