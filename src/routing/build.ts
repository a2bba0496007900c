/**
 * Building URLs: percent-encoding as Werkzeug does (its safe sets), query strings for the
 * values a rule does not use, and the closest-endpoint suggestion for a BuildError.
 * Encoding keeps a fast path: text made only of safe characters is returned as it is.
 */

// Werkzeug's path-segment safe set "!$&'()*+,/:;=@" plus the unreserved characters;
// '/' is only safe inside a `path` value.
const SEGMENT_SAFE = /^[A-Za-z0-9\-._~!$&'()*+,:;=@]*$/;
const PATH_SAFE = /^[A-Za-z0-9\-._~!$&'()*+,:;=@/]*$/;
const SEGMENT_UNESCAPE = /%(24|26|2B|2C|3A|3B|3D|40)/g;
const PATH_UNESCAPE = /%(24|26|2B|2C|3A|3B|3D|40|2F)/g;
const UNESCAPED: Record<string, string> = {
  '24': '$', '26': '&', '2B': '+', '2C': ',', '3A': ':', '3B': ';', '3D': '=', '40': '@', '2F': '/',
  '3F': '?', '20': '+',
};
const unescape = (_: string, hex: string) => UNESCAPED[hex]!;

/** Percent-encodes the text of one part of a segment; `/` becomes %2F unless `keepSlash`. */
export function encodePathText(text: string, keepSlash: boolean): string {
  if ((keepSlash ? PATH_SAFE : SEGMENT_SAFE).test(text)) return text;
  // encodeURIComponent throws URIError on a lone surrogate: the caller turns that into a BuildError.
  return encodeURIComponent(text).replace(keepSlash ? PATH_UNESCAPE : SEGMENT_UNESCAPE, unescape);
}

// Python's urlencode(safe="!$'()*,/:;?@"): quote_plus, so a space is '+'.
const QUERY_SAFE = /^[A-Za-z0-9\-._~!$'()*,/:;?@]*$/;
const QUERY_UNESCAPE = /%(24|2C|2F|3A|3B|3F|40|20)/g;

export function encodeQueryText(text: string): string {
  if (QUERY_SAFE.test(text)) return text;
  return encodeURIComponent(text).replace(QUERY_UNESCAPE, unescape);
}

function queryValue(v: unknown): string {
  return typeof v === 'string' ? v : String(v);
}

/** `key=value&...` for the given keys of `values`; arrays repeat their key, null and undefined are dropped. */
export function encodeQuery(values: Record<string, unknown>, keys: readonly string[]): string {
  let out = '';
  for (const k of keys) {
    const v = values[k];
    if (v === null || v === undefined) continue;
    const ek = encodeQueryText(k);
    if (Array.isArray(v)) {
      for (const item of v) {
        if (item === null || item === undefined) continue;
        out += (out ? '&' : '') + ek + '=' + encodeQueryText(queryValue(item));
      }
    } else {
      out += (out ? '&' : '') + ek + '=' + encodeQueryText(queryValue(v));
    }
  }
  return out;
}

// Flask's url_for quotes the anchor with safe "%!#$&'()*+,/:;=?@".
const ANCHOR_SAFE = /^[A-Za-z0-9\-._~%!#$&'()*+,/:;=?@]*$/;
export function encodeAnchor(anchor: string): string {
  if (ANCHOR_SAFE.test(anchor)) return anchor;
  return encodeURI(anchor).replace(/%25([0-9A-Fa-f]{2})/g, '%$1');
}

/** Levenshtein distance, for suggesting the endpoint a user probably meant. */
function distance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j]!;
      prev[j] = Math.min(prev[j]! + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = tmp;
    }
  }
  return prev[b.length]!;
}

/** The closest of `candidates` to `name`, or null when none is reasonably close. */
export function closest(name: string, candidates: Iterable<string>): string | null {
  let best: string | null = null;
  let bestD = Infinity;
  for (const c of candidates) {
    const d = distance(name.toLowerCase(), c.toLowerCase());
    if (d < bestD) { bestD = d; best = c; }
  }
  if (best === null) return null;
  return bestD <= Math.max(2, Math.ceil(Math.max(name.length, best.length) / 3)) ? best : null;
}
