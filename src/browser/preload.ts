/**
 * Hovering or focusing a link under a lazy blueprint's prefix starts loading it, so that the
 * click that usually follows finds its routes ready.
 */
import type { Phial } from '../app.js';
import { appLocation } from '../urls.js';
import { isAppUrl, linkOf } from './intercept.js';

/** Listens on `root` until `signal` aborts. */
export function preloadOnIntent(app: Phial, prefix: string, root: Document | Element, signal: AbortSignal): void {
  const onIntent = (e: Event) => {
    const lazy = app.lazyBlueprints.prefixes();
    const link = lazy.length > 0 ? linkOf(e) : undefined;
    const href = link?.getAttribute('href');
    if (!link || href == null) return;
    let url: URL;
    try {
      url = new URL(appLocation(app, href), link.baseURI);
    } catch {
      return;
    }
    if (!isAppUrl(url, prefix)) return;
    const path = url.pathname.slice(prefix.length) || '/';
    for (const [lazyPrefix, name] of lazy) {
      if (path === lazyPrefix || path.startsWith(lazyPrefix + '/')) {
        // A failure shows when the link is followed (a 500 page, tried again then).
        app.loadBlueprint(name).catch(() => {});
      }
    }
  };
  root.addEventListener('mouseover', onIntent, { signal });
  root.addEventListener('focusin', onIntent, { signal });
}
