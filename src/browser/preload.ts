/**
 * Hovering or focusing a link under a lazy blueprint's prefix starts loading it, so that the
 * click that usually follows finds its routes ready.
 */
import type { Phial } from '../app.js';
import { resolveLocation } from '../location.js';
import { appLocation } from '../urls.js';
import { isAppUrl, linkOf } from './intercept.js';

/** Listens on `root` until `signal` aborts. */
export function preloadOnIntent(app: Phial, prefix: string, root: Document | Element, signal: AbortSignal): void {
  const onIntent = (e: Event) => {
    const link = app.lazyBlueprints.anyPending ? linkOf(e) : undefined;
    const href = link?.getAttribute('href');
    const url = href == null ? null : resolveLocation(appLocation(app, href), link!.baseURI);
    // The loads the dispatch of that URL would start; a failure shows when the link is followed
    // (a 500 page, tried again then).
    if (url && isAppUrl(url, prefix)) app.lazyBlueprints.forPath(url.pathname.slice(prefix.length) || '/')?.catch(() => {});
  };
  root.addEventListener('mouseover', onIntent, { signal });
  root.addEventListener('focusin', onIntent, { signal });
}
