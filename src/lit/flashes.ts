/**
 * `<phial-flashes>`: the flash messages of the page on screen. It reads them inside the page
 * view's dispatch, which is what consumes them (one page view, exactly once), and shows them when
 * that page renders; with `live`, it also takes the messages flashed while the page is shown.
 */
import { css, html, LitElement, type PropertyValues } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import type { Phial } from '../app.js';
import type { Page } from '../browser/render.js';
import { inDispatch } from '../context.js';
import type { Request } from '../request.js';
import type { LiveFlash } from '../state/flash.js';
import type { FlashReadOptions } from '../state/contract.js';
import { PageViewController } from './page-view.js';

interface Message {
  readonly category: string;
  readonly text: string;
}

const ALERTS = new Set(['error', 'danger']);

/**
 * Shows the flash messages of the page on screen, each with a dismiss button. `categories`
 * (a comma list) keeps it to those categories and leaves the others for another reader; `live`
 * shows at once what is flashed while the page is shown. Messages are text, never HTML.
 * @example
 * <phial-flashes categories="error, danger"></phial-flashes>
 * <phial-flashes categories="success, info" live></phial-flashes>
 * <phial-outlet></phial-outlet>
 */
export class PhialFlashes extends LitElement {
  static override properties = {
    categories: { type: String },
    live: { type: Boolean },
  };

  static override styles = css`
    :host { display: block; }
    [part='message'] {
      display: flex; align-items: baseline; gap: 0.75em;
      margin-block: 0.25em; padding: 0.5em 0.75em;
      border: 1px solid; border-radius: 0.25em;
      color: #1d3a5f; background: #eef4fb;
    }
    [category='error'], [category='danger'] { color: #7a1a1a; background: #fdeeee; }
    [category='warning'] { color: #5c4400; background: #fff7e0; }
    [category='success'] { color: #1c4d26; background: #edf8ef; }
    [part='dismiss'] {
      margin-inline-start: auto; padding: 0 0.25em;
      border: 0; background: none; color: inherit; font: inherit; cursor: pointer;
    }
  `;

  /** The categories it shows, a comma list ('error, danger'); unset for every category. */
  declare categories: string | null;
  /** Shows at once the messages flashed while the page is shown (they count as read). */
  declare live: boolean;

  #messages: Message[] = [];
  /** The page view whose messages are shown. */
  #request: Request<any> | null = null;
  /** What each page view read, until its page renders. */
  readonly #read = new WeakMap<Request<any>, Message[]>();
  #liveApp: Phial | null = null;
  #unsubscribe: (() => void) | null = null;
  readonly #pages = new PageViewController(this, {
    read: (request) => this.#readPage(request),
    show: (page) => this.#show(page),
  });

  constructor() {
    super();
    this.categories = null;
    this.live = false;
  }

  /** The app whose messages it shows; null (the default) for the current app. */
  get app(): Phial | null {
    return this.#pages.app;
  }

  set app(app: Phial | null) {
    this.#pages.app = app;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.#follow();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#follow();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('live')) this.#follow();
  }

  protected override render(): unknown {
    // Keyed by message, so dismissing one leaves the others' nodes (and what a screen reader
    // announced) alone.
    return repeat(this.#messages, (message) => message, (message) => html`
      <div part="message" category=${message.category} role=${ALERTS.has(message.category) ? 'alert' : 'status'}>
        <span>${message.text}</span>
        <button type="button" part="dismiss" aria-label="Dismiss" @click=${() => this.#dismiss(message)}>×</button>
      </div>`);
  }

  /** The categories to read, or undefined for all (Flask reads an empty filter as none too). */
  #filter(): string[] | undefined {
    const list = (this.categories ?? '').split(',').map((c) => c.trim()).filter((c) => c !== '');
    return list.length > 0 ? list : undefined;
  }

  #readPage(request: Request<any>): void {
    this.#read.set(request, this.#messagesOf(request.getFlashedMessages(this.#readOptions())));
  }

  #readOptions(): FlashReadOptions {
    const categoryFilter = this.#filter();
    return categoryFilter ? { withCategories: true, categoryFilter } : { withCategories: true };
  }

  #messagesOf(pairs: unknown[]): Message[] {
    return (pairs as Array<[string, unknown]>).map(([category, message]) => toMessage(category, message));
  }

  async #show(page: Page | null): Promise<void> {
    this.#follow();
    const request = page?.request ?? null;
    // The same page again (a reconnect) keeps what is shown: dismissed messages stay dismissed.
    if (request !== this.#request) {
      this.#request = request;
      const read = request ? this.#read.get(request) : undefined;
      if (request) this.#read.delete(request);
      this.#messages = read ?? [];
      this.requestUpdate();
      // Not connected during that page view's dispatch (the page's own render made it, in a
      // layout or a view): it reads the pending messages now, for this page, as one page view.
      if (request && read === undefined) await this.#readLate(request);
    }
    await this.updateComplete;
  }

  async #readLate(request: Request<any>): Promise<void> {
    const state = await request.app.flashManager.begin();
    let messages: Message[] = [];
    try {
      messages = this.#messagesOf(state.getFlashedMessages(this.#readOptions()));
    } finally {
      await state.end('rendered');
    }
    if (this.#request !== request || messages.length === 0) return;
    this.#messages = [...this.#messages, ...messages];
    this.requestUpdate();
  }

  #dismiss(message: Message): void {
    this.#messages = this.#messages.filter((m) => m !== message);
    this.requestUpdate();
  }

  /** Listens to the flashes of the app it shows, while it is connected and live. */
  #follow(): void {
    const app = this.live && this.isConnected ? this.#pages.shownApp : null;
    if (app === this.#liveApp) return;
    this.#unsubscribe?.();
    this.#unsubscribe = null;
    this.#liveApp = app;
    if (app) this.#unsubscribe = app.flashManager.subscribe((flashed) => this.#onFlash(app, flashed));
  }

  #onFlash(app: Phial, flashed: LiveFlash): void {
    const filter = this.#filter();
    if (filter && !filter.includes(flashed.category)) return;
    // Flashed by a dispatch (a POST that redirects, say): it is for that navigation's page.
    if (inDispatch(app)) return;
    this.#messages = [...this.#messages, toMessage(flashed.category, flashed.message)];
    this.requestUpdate();
    void flashed.markRead();
  }
}

/** A flash takes any JSON value: text as it is, other values as their JSON. */
function toMessage(category: string, message: unknown): Message {
  const text = typeof message === 'object' && message !== null ? JSON.stringify(message) : String(message);
  return { category, text };
}

