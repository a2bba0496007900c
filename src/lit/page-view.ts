/**
 * The one link between an element and the navigator: a reactive controller that is the element's
 * page view (src/browser/render.ts) while it is in the document. It is a separate object because
 * an element's own `render()` is lit's; the routing logic stays in the navigator.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Phial } from '../app.js';
import { appOf, connectView, reportRenderFailure, type Page, type PageView } from '../browser/render.js';
import type { Request } from '../request.js';

/** What an element hands its page view controller. */
export interface PageViewOptions {
  /** Shows `page` (null: nothing); resolves once the DOM shows it. */
  show(page: Page | null): Promise<void>;
  /** Inside the dispatch of a page view that is about to render: read what the page needs. */
  read?(request: Request<any>): void;
  /** Set when the page renders into the element: focus goes there after a navigation. */
  focusTarget?: boolean;
}

/**
 * Makes a lit element show an app's pages: connected to the navigator while the element is in
 * the document, it passes each committed page to `show`, and shows `app.current` at once when
 * it connects after its app started. `app` is the app it shows; null for the current app.
 * @example
 * class PageTitle extends LitElement {
 *   #title = '';
 *   #pages = new PageViewController(this, {
 *     show: async (page) => { this.#title = page?.response.title ?? ''; this.requestUpdate(); await this.updateComplete; },
 *   });
 *   get app() { return this.#pages.app; }
 *   set app(app: Phial | null) { this.#pages.app = app; }
 *   override render() { return html`<h1>${this.#title}</h1>`; }
 * }
 */
export class PageViewController implements ReactiveController, PageView {
  readonly read?: (request: Request<any>) => void;
  readonly element?: Element;
  readonly #host: ReactiveControllerHost & HTMLElement;
  readonly #show: (page: Page | null) => Promise<void>;
  #app: Phial | null = null;
  #disconnect: (() => void) | null = null;

  constructor(host: ReactiveControllerHost & HTMLElement, options: PageViewOptions) {
    this.#host = host;
    this.#show = options.show;
    if (options.read) this.read = options.read;
    if (options.focusTarget) this.element = host;
    // An `app` assigned before the element was defined is an own property that hides the
    // element's accessor: take it over, as lit does for its reactive properties.
    if (Object.hasOwn(host, 'app')) {
      const app = (host as { app?: Phial | null }).app;
      delete (host as { app?: Phial | null }).app;
      this.#app = app ?? null;
    }
    host.addController(this);
  }

  /** The app set on the element, or null for the current app. */
  get app(): Phial | null {
    return this.#app;
  }

  set app(app: Phial | null) {
    app ??= null;
    if (app === this.#app) return;
    this.#app = app;
    // Another app's page, or nothing while that app has none: never the previous app's page.
    if (this.#host.isConnected) report(this.#show(this.shownApp?.current ?? null));
  }

  /** The app the element shows now: its own, else the current app. */
  get shownApp(): Phial | null {
    return appOf(this);
  }

  render(page: Page): Promise<void> {
    return this.#show(page);
  }

  hostConnected(): void {
    this.#disconnect = connectView(this);
    // Connected after its app started: the navigator will not render that page again.
    const page = this.shownApp?.current;
    if (page) report(this.#show(page));
  }

  hostDisconnected(): void {
    this.#disconnect?.();
    this.#disconnect = null;
  }
}

function report(rendering: Promise<void>): void {
  rendering.catch(reportRenderFailure);
}
