/**
 * `<phial-outlet>`: the committed page of its app, rendered in light DOM so that forms and
 * `#anchors` in views behave as in any page. The body goes through lit's child binding, so a
 * string is text and is never parsed as HTML.
 */
import { LitElement, nothing, type PropertyValues } from 'lit';
import type { Phial } from '../app.js';
import type { Page } from '../browser/render.js';
import { isNode, isTemplateResult } from '../markup.js';
import { signals } from '../signals.js';
import { PageViewController } from './page-view.js';

/**
 * Shows the pages of an app: the one set on its `app` property, else the current app. Until its
 * first page it keeps its own children (a "Loading…" placeholder, say).
 * @example
 * // <phial-outlet>Loading…</phial-outlet> in the page, then:
 * import { html } from 'lit';
 * import { Phial } from 'phial';
 * import 'phial/lit';
 * const app = new Phial();
 * app.route('/', function index() { return html`<h1>Home</h1>`; });
 * await app.start();                        // the outlet shows "Home"
 * otherOutlet.app = adminApp;                // this one shows another app's pages
 */
export class PhialOutlet extends LitElement {
  #page: Page | null = null;
  readonly #pages = new PageViewController(this, { show: (page) => this.#show(page), focusTarget: true });

  /** The app whose pages it shows; null (the default) for the current app. */
  get app(): Phial | null {
    return this.#pages.app;
  }

  set app(app: Phial | null) {
    this.#pages.app = app;
  }

  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  protected override shouldUpdate(): boolean {
    return this.#page !== null || this.hasUpdated;
  }

  protected override update(changed: PropertyValues): void {
    // The placeholder goes with the first page, before lit puts its markers in.
    if (!this.hasUpdated) this.replaceChildren();
    super.update(changed);
  }

  protected override render(): unknown {
    const body: unknown = this.#page?.response.body;
    if (body === null || body === undefined) return nothing;
    // An after hook may have put anything in the body: only a real template is markup.
    if (typeof body === 'string' || isNode(body) || isTemplateResult(body)) return body;
    return String(body);
  }

  async #show(page: Page | null): Promise<void> {
    if (samePage(page, this.#page)) {
      await this.updateComplete;
      return;
    }
    this.#page = page;
    const data = page && { request: page.request, response: page.response };
    if (data) signals.beforeRenderTemplate.send(data.request.app, data);
    this.requestUpdate();
    await this.updateComplete;
    // A newer page overtook this one before lit rendered: it was never shown.
    if (data && this.#page === page) signals.templateRendered.send(data.request.app, data);
  }
}

/** Two renders of one committed page (a reconnect, say) show it once. */
function samePage(a: Page | null, b: Page | null): boolean {
  return a === b || (a !== null && b !== null && a.request === b.request && a.response === b.response);
}
