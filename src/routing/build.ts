/**
 * Building URLs: percent-encoding as Werkzeug does (its safe sets), query strings for the
 * values a rule does not use, and the closest-endpoint suggestion for a BuildError.
 * Encoding keeps a fast path: text made only of safe characters is returned as it is.
 */
import { DEV } from '../dev.js';

// Werkzeug's path-segment safe set "!$&'()*+,/:;=@" plus the unreserved characters;
// '/' is only safe inside a `path` value. By code unit: 1 safe, 2 safe in a path value.
const PATH_TEXT_SAFE = new Uint8Array(128);
for (const c of "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~!$&'()*+,:;=@") PATH_TEXT_SAFE[c.charCodeAt(0)] = 1;
PATH_TEXT_SAFE[47] = 2;

/** Whether text needs no escape (a loop: cheaper than a regex on the short texts of a URL). */
function isSafePathText(text: string, keepSlash: boolean): boolean {
  const slash = keepSlash ? 2 : 1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 128) return false;
    const k = PATH_TEXT_SAFE[c]!;
    if (k !== 1 && k !== slash) return false;
  }
  return true;
}
const SEGMENT_UNESCAPE = /%(24|26|2B|2C|3A|3B|3D|40)/g;
const PATH_UNESCAPE = /%(24|26|2B|2C|3A|3B|3D|40|2F)/g;
const UNESCAPED: Record<string, string> = {
  '24': '$', '26': '&', '2B': '+', '2C': ',', '3A': ':', '3B': ';', '3D': '=', '40': '@', '2F': '/',
  '3F': '?', '20': '+',
};
const unescape = (_: string, hex: string) => UNESCAPED[hex]!;

/** Percent-encodes the text of one part of a segment; `/` becomes %2F unless `keepSlash`. */
export function encodePathText(text: string, keepSlash: boolean): string {
  if (isSafePathText(text, keepSlash)) return text;
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

/** Why a value cannot be written into a URL (empty in production): the map turns it into a BuildError naming it. */
export class UnbuildableValue {
  constructor(readonly problem: string) {}
}

/**
 * What a query key, query value or anchor is, for an error: the key (null for the anchor) and
 * whether it is the key itself. Made into words only when a value cannot be written.
 */
function what(key: string | null, isKey: boolean): string {
  return key === null ? 'the anchor' : isKey ? `the query key '${key}'` : `the query value for '${key}'`;
}

/** The text of a value for the query (`key`) or the anchor (null). */
export function textOf(v: unknown, key: string | null): string {
  if (typeof v === 'string') return v;
  try {
    return String(v);
  } catch {
    // Object.create(null), a Symbol, an object whose toString throws
    throw new UnbuildableValue(DEV ? `${what(key, false)} has no text form (${typeof v === 'symbol' ? 'a symbol' : 'an object without a working toString'}); pass a string or a number` : '');
  }
}

function encoded(text: string, key: string | null, isKey: boolean, encode: (text: string) => string): string {
  try {
    return encode(text);
  } catch {
    throw new UnbuildableValue(DEV ? `${what(key, isKey)} holds a lone UTF-16 surrogate (${JSON.stringify(text.length > 40 ? text.slice(0, 40) + '…' : text)}) and cannot be percent-encoded` : '');
  }
}

/** `key=value&...` for the given keys of `values`; arrays repeat their key, null and undefined are dropped. */
export function encodeQuery(values: Record<string, unknown>, keys: readonly string[]): string {
  let out = '';
  for (const k of keys) {
    const v = values[k];
    if (v === null || v === undefined) continue;
    const ek = encoded(k, k, true, encodeQueryText);
    if (Array.isArray(v)) {
      for (const item of v) {
        if (item === null || item === undefined) continue;
        out += (out ? '&' : '') + ek + '=' + encoded(textOf(item, k), k, false, encodeQueryText);
      }
    } else {
      out += (out ? '&' : '') + ek + '=' + encoded(textOf(v, k), k, false, encodeQueryText);
    }
  }
  return out;
}

// Flask's url_for quotes the anchor with safe "%!#$&'()*+,/:;=?@".
const ANCHOR_SAFE = /^[A-Za-z0-9\-._~%!#$&'()*+,/:;=?@]*$/;
export function encodeAnchor(value: unknown): string {
  const anchor = textOf(value, null);
  if (ANCHOR_SAFE.test(anchor)) return anchor;
  return encoded(anchor, null, false, (a) => encodeURI(a).replace(/%25([0-9A-Fa-f]{2})/g, '%$1'));
}

/** difflib's quick_ratio: how many characters two names share, from 0 to 1. */
function similarity(a: string, b: string): number {
  if (!a.length && !b.length) return 1;
  const counts = new Map<string, number>();
  for (const c of b) counts.set(c, (counts.get(c) ?? 0) + 1);
  let common = 0;
  for (const c of a) {
    const n = counts.get(c) ?? 0;
    if (n > 0) { common++; counts.set(c, n - 1); }
  }
  return (2 * common) / (a.length + b.length);
}

/** The closest of `candidates` to `name` (as Werkzeug suggests endpoints), or null when none is close. */
export function closest(name: string, candidates: Iterable<string>): string | null {
  let best: string | null = null;
  let bestScore = 0;
  const lower = name.toLowerCase();
  for (const c of candidates) {
    const score = similarity(lower, c.toLowerCase());
    if (score > bestScore) { bestScore = score; best = c; }
  }
  return bestScore >= 0.5 ? best : null;
}
