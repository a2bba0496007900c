/**
 * Where a location leads, decided by the browser's own URL parser (so tabs, backslashes and
 * dot segments are read exactly as a browser will read them) and handed back in a form that
 * cannot be read as protocol-relative: a path that starts with one '/' and then neither '/' nor
 * '\'. redirect(), the redirect-following loop and safeNext all go through here.
 */

/** The origin locations resolve against: the page's, or a stand-in outside a page (Node, workers). */
export function pageOrigin(): string {
  const origin = globalThis.location?.origin;
  return origin && origin !== 'null' ? origin : 'http://localhost';
}

/** `location` resolved against `from` as a browser would, or null when it is no URL at all. */
export function resolveLocation(location: string, from: string | URL): URL | null {
  try {
    return new URL(location, from);
  } catch {
    return null;
  }
}

/**
 * The full path of `url` when it is a page of the app (this origin, under the base whose
 * prefix is `prefix`: '' for '/'), else null. Leading slashes collapse to one: '/.//evil.com'
 * resolves to the path '//evil.com', which a browser given back would read as a host.
 */
export function appPathOf(url: URL, prefix: string): string | null {
  if (url.origin !== pageOrigin()) return null;
  const path = safePath(url);
  return isUnderBase(path, prefix) ? path : null;
}

/** Path, query and fragment of a same-origin URL, never starting with '//'. */
export function safePath(url: URL): string {
  let { pathname } = url;
  // A parsed http(s) path holds no '\' (the parser turned it into '/'), only '/' runs to collapse.
  if (pathname.charCodeAt(1) === 47) pathname = '/' + pathname.replace(/^\/+/, '');
  return pathname + url.search + url.hash;
}

/** True when `path` (a pathname, maybe followed by '?' or '#') is the base or below it. */
export function isUnderBase(path: string, prefix: string): boolean {
  if (prefix === '') return true;
  if (!path.startsWith(prefix)) return false;
  const next = path.charCodeAt(prefix.length);
  // end, '/', '?' or '#'
  return Number.isNaN(next) || next === 47 || next === 63 || next === 35;
}
