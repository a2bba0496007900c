/**
 * Which clicks and submits are the app's: pure functions of the event, the element and the
 * base, shared by both engines (the Navigation API engine checks the source element of a
 * navigation with them; the fallback decides from the click or submit event itself).
 */
import { isUnderBase } from '../location.js';

/** What a form submission asks for: where, how, and with what. */
export interface Submission {
  url: URL;
  method: 'GET' | 'POST';
  /** The fields of a POST (the submitter's name and value included); null for a GET. */
  form: FormData | null;
}

/** True when `url` is a page of the app: this origin, under the base (prefix '' for '/'). */
export function isAppUrl(url: URL, prefix: string): boolean {
  return url.origin === location.origin && isUnderBase(url.pathname, prefix);
}

/** An anchor (or area) that asks to be left to the browser: new window, download, opt-out. */
export function isIgnoredLink(a: Element): boolean {
  const target = a.getAttribute('target');
  if (target !== null && target !== '' && target.toLowerCase() !== '_self') return true;
  if (a.hasAttribute('download')) return true;
  if ((a.getAttribute('rel') ?? '').split(/\s+/).some((r) => r.toLowerCase() === 'external')) return true;
  return a.closest('[data-phial-ignore]') !== null;
}

/** True when `node` is inside `root`, across open shadow roots (the composed tree). */
export function isInside(node: Node, root: Node): boolean {
  for (let n: Node | null = node; n !== null; n = n.parentNode ?? (n as ShadowRoot).host ?? null) {
    if (n === root) return true;
  }
  return false;
}

/**
 * The link a click follows when the click is the app's to handle, else null: a primary click
 * without modifiers, not already handled, on an `<a href>` or `<area href>` (found through the
 * composed path, so links in open shadow roots count) that is not ignored.
 */
export function clickedLink(event: MouseEvent): { element: Element; url: URL } | null {
  if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return null;
  for (const target of event.composedPath()) {
    if (!(target instanceof Element)) continue;
    const name = target.localName;
    if (name !== 'a' && name !== 'area') continue;
    // An SVG <a> keeps its link in href or xlink:href.
    const href = target.getAttribute('href') ?? target.getAttribute('xlink:href');
    if (href === null || isIgnoredLink(target)) return null;
    try {
      return { element: target, url: new URL(href, target.baseURI) };
    } catch {
      return null;
    }
  }
  return null;
}

/**
 * What submitting `form` with `submitter` asks for, read as a browser reads it: the action and
 * method from the submitter's `formaction`/`formmethod`, else the form's attributes (never the
 * `form.action` property, which a control named "action" replaces); null for `method="dialog"`
 * or a submission to another window.
 */
export function formSubmission(form: HTMLFormElement, submitter: HTMLElement | null): Submission | null {
  const attr = (name: string, formName: string): string | null =>
    submitter !== null && submitter.hasAttribute(formName) ? submitter.getAttribute(formName) : form.getAttribute(name);
  const method = (attr('method', 'formmethod') ?? 'get').trim().toLowerCase();
  if (method === 'dialog') return null;
  const target = attr('target', 'formtarget');
  if (target !== null && target !== '' && target.toLowerCase() !== '_self') return null;
  const action = attr('action', 'formaction') ?? '';
  let url: URL;
  try {
    url = new URL(action === '' ? document.URL : action, form.baseURI);
  } catch {
    return null;
  }
  const data = new FormData(form, submitter ?? undefined);
  if (method === 'post') return { url, method: 'POST', form: data };
  // GET: the fields replace the action's query; files go as their names, as browsers send them.
  const query = new URLSearchParams();
  for (const [name, value] of data) query.append(name, typeof value === 'string' ? value : value.name);
  url.search = query.toString();
  return { url, method: 'GET', form: null };
}
