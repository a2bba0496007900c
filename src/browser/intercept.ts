/**
 * What both engines share: which links and form submissions are the app's (pure functions of
 * the element and the base: the Navigation API engine checks the source element of a
 * navigation with them, the fallback the click or submit event itself), and how an error that
 * nobody awaits is reported. The fallback engine is handed these by the navigator (`Shared`)
 * instead of importing them: a bundler would put a module that both chunks import in a third
 * chunk, one more file for the Navigation API path to load.
 */
import { isUnderBase } from '../location.js';

/** True when `url` is a page of the app: this origin, under the base (prefix '' for '/'). */
export function isAppUrl(url: URL, prefix: string): boolean {
  return url.origin === location.origin && isUnderBase(url.pathname, prefix);
}

/** The link (`<a>` or `<area>`) an event went through, found through the composed path (open shadow roots). */
export function linkOf(event: Event): Element | undefined {
  return event.composedPath().find((t): t is Element => t instanceof Element && (t.localName === 'a' || t.localName === 'area'));
}

/** An anchor (or area) that asks to be left to the browser: new window, download, opt-out. */
export function isIgnoredLink(a: Element): boolean {
  return elsewhere(a.getAttribute('target')) || a.hasAttribute('download') ||
    /(^|\s)external(\s|$)/i.test(a.getAttribute('rel') ?? '') || a.closest('[data-phial-ignore]') !== null;
}

/** A `target` that opens another window (anything but none, '' and `_self`). */
function elsewhere(target: string | null): boolean {
  return !!target && target.toLowerCase() !== '_self';
}

/** True when `node` is inside `root`, across open shadow roots (the composed tree). */
export function isInside(node: Node, root: Node): boolean {
  for (let n: Node | null = node; n !== null; n = n.parentNode ?? (n as ShadowRoot).host ?? null) {
    if (n === root) return true;
  }
  return false;
}

/**
 * How submitting `form` with `submitter` asks to be sent, read as a browser reads it: the method
 * and action from the submitter's `formmethod`/`formaction`, else the form's attributes (never
 * the `form.action` property, which a control named "action" replaces); null for
 * `method="dialog"` or a submission to another window.
 */
export function formRequest(form: HTMLFormElement, submitter: HTMLElement | null): { method: 'GET' | 'POST'; action: string } | null {
  const attr = (name: string, formName: string): string | null =>
    submitter !== null && submitter.hasAttribute(formName) ? submitter.getAttribute(formName) : form.getAttribute(name);
  const method = (attr('method', 'formmethod') ?? 'get').trim().toLowerCase();
  if (method === 'dialog' || elsewhere(attr('target', 'formtarget'))) return null;
  return { method: method === 'post' ? 'POST' : 'GET', action: attr('action', 'formaction') ?? '' };
}

/**
 * An error of a navigation nobody awaits (a click, a submit, Back), which only an app with
 * `testing: true` lets through: reported as uncaught, the same way in both engines (the
 * Navigation API would only fire navigateerror, which says nothing on the console).
 */
export function reportUnhandled(error: unknown): void {
  if (typeof globalThis.reportError === 'function') globalThis.reportError(error);
  else setTimeout(() => { throw error; });
}

/**
 * What the navigator hands the fallback engine from this module (see above), in this order: a
 * list rather than an object, so that a minified bundle holds no property names for it.
 */
export type Shared = [
  typeof linkOf, typeof formRequest, typeof isAppUrl, typeof isIgnoredLink, typeof isInside, typeof reportUnhandled,
];
