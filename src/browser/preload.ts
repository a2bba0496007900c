/**
 * Hovering or focusing a link under a lazy blueprint's prefix starts loading it, so that the
 * click that usually follows finds its routes ready.
 */
import type { Phial } from '../app.js';
import { isAppUrl } from './intercept.js';

/** Listens on `root`; returns what removes the listeners. */
export function preloadOnIntent(app: Phial, prefix: string, root: Document | Element): () => void {
  const onIntent = (e: Event) => {
    if (app.lazyBlueprints.prefixes().length === 0) return;
    for (const target of e.composedPath()) {
      if (!(target instanceof Element) || (target.localName !== 'a' && target.localName !== 'area')) continue;
      const href = target.getAttribute('href');
      if (href === null) return;
      let url: URL;
      try {
        url = new URL(href.startsWith('#/') && app.options.history === 'hash' ? href.slice(1) : href, target.baseURI);
      } catch {
        return;
      }
      if (!isAppUrl(url, prefix)) return;
      const path = url.pathname.slice(prefix.length) || '/';
      for (const [lazyPrefix, name] of app.lazyBlueprints.prefixes()) {
        if (path === lazyPrefix || path.startsWith(lazyPrefix + '/')) {
          // A failure shows when the link is followed (a 500 page, tried again then).
          app.loadBlueprint(name).catch(() => {});
        }
      }
      return;
    }
  };
  root.addEventListener('mouseover', onIntent);
  root.addEventListener('focusin', onIntent);
  return () => {
    root.removeEventListener('mouseover', onIntent);
    root.removeEventListener('focusin', onIntent);
  };
}
