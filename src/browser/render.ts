/**
 * What renders a page: the views of the page (outlets, flash lists) that elements connect, and
 * the two moments the navigator calls them. `read` runs inside the page view's dispatch (so a
 * flash list consumes its messages as part of that page view, before the claims end);
 * `render` runs once the navigation committed, and the navigator awaits it before it resolves.
 * The core never imports this module: the browser layer and the elements do.
 */
import type { Phial } from '../app.js';
import { lastActiveApp } from '../context.js';
import { DEV } from '../dev.js';
import type { Request } from '../request.js';
import type { Response } from '../response.js';

/** A committed page: what `app.current` holds and what outlets render. */
export interface Page {
  readonly request: Request<any>;
  readonly response: Response;
}

/** Something on the page that shows an app's pages. */
export interface PageView {
  /** The app it shows; null for the current app (the last started one that is not stopped). */
  readonly app: Phial | null;
  /** The element the page renders into: focus goes to its first heading after a navigation. */
  readonly element?: Element;
  /** Inside the dispatch of a page view that is about to render (not a redirect hop). */
  read?(request: Request<any>, response: Response): void;
  /** Once the page committed; the navigation resolves after every view's promise. */
  render?(page: Page): void | Promise<void>;
}

const views = new Set<PageView>();
/** Told when a view connects, so an app that already has a page can show it at once. */
const connectedListeners = new Set<(view: PageView) => void>();

/** Connects a view; returns its disconnect. */
export function connectView(view: PageView): () => void {
  views.add(view);
  for (const listener of connectedListeners) listener(view);
  return () => { views.delete(view); };
}

/** Calls `listener` with every view that connects from now on. */
export function onViewConnected(listener: (view: PageView) => void): () => void {
  connectedListeners.add(listener);
  return () => { connectedListeners.delete(listener); };
}

/** The app a view shows now. */
export function appOf(view: PageView): Phial | null {
  return view.app ?? lastActiveApp();
}

/** The connected views of `app`. */
export function viewsOf(app: Phial): PageView[] {
  const out: PageView[] = [];
  for (const view of views) if (appOf(view) === app) out.push(view);
  return out;
}

/** Lets the views of `app` read what they need from a page view's dispatch. */
export function readPage(app: Phial, request: Request<any>, response: Response): void {
  for (const view of viewsOf(app)) {
    try {
      view.read?.(request, response);
    } catch (error) {
      console.error(DEV ? 'Phial: a page view element failed to read its page.' : 'Phial P405', error);
    }
  }
}

/**
 * An app stopped: the views that follow the current app show the page of the app that is
 * current now (when it has one), not the stopped app's any longer.
 */
export function showCurrentApp(): void {
  const page = lastActiveApp()?.current;
  if (!page) return;
  for (const view of views) if (view.app === null) void renderIn(view, page);
}

/** Renders a committed page in every view of `app`; resolves when all have rendered. */
export async function renderPage(app: Phial, page: Page): Promise<void> {
  await Promise.all(viewsOf(app).map((view) => renderIn(view, page)));
}

/** Renders `page` in one view; a failure is reported, never thrown: the others still render. */
async function renderIn(view: PageView, page: Page): Promise<void> {
  try {
    await view.render?.(page);
  } catch (error) {
    reportRenderFailure(error);
  }
}

/** A page view that failed to render, on the console (P406); the navigation still ends. */
export function reportRenderFailure(error: unknown): void {
  console.error(DEV ? 'Phial: a page view element failed to render.' : 'Phial P406', error);
}
