/**
 * Splits a segment among its converters in O(length x atoms), never with a backtracking regex:
 * each regex is compiled to atoms (a one-code-point class under a greedy or lazy {min,max}, or
 * literals tried in order), a backward pass marks which (atom, position) can still reach the
 * end, and a forward pass makes the regex's own choice at each atom among those that can.
 * Known difference: a custom regex outside that subset (groups that capture or repeat,
 * lookarounds, anchors, backreferences) is split as if it took any non-empty text, and only the
 * text so chosen is checked against it, where a backtracking regex might have found another split.
 *
 * A splitter in tail mode splits the rest of a URL from a `path` converter's segment on, as
 * Werkzeug matches that whole part with one regex: every '/' in the text is a separator, which
 * only a static '/' and a spanning group's '.' take (a `path` value); any other '.' stops there,
 * as Werkzeug's `[^/]` does. The caller writes a '/' that sits inside a segment (from %2F) as
 * U+E000 in the text it splits and passes the real text to slice the values from.
 */

/**
 * A static text, or a group whose text is returned (a converter's regex source, flags 'su');
 * `spans`: in tail mode, its '.' takes separators too.
 */
export type SplitPiece = string | { regex: string; spans?: boolean };

/** Work done by every split so far, in position steps: lets tests count instead of timing. */
export const splitStats = { steps: 0 };

const CLASS = 0;
const LITERALS = 1;
/** An unbounded repeat: beyond any segment's length, and a small integer however many are added (they are capped). */
const UNBOUNDED = 2 ** 28;

interface CharClass {
  /** Every code point (the 's' flag's '.'): no run to scan. */
  all: boolean;
  ascii: Uint8Array;
  /** The test for code points from 128 on. */
  high: (cp: number) => boolean;
}

class Atom {
  constructor(
    readonly kind: typeof CLASS | typeof LITERALS,
    readonly cls: CharClass,
    readonly min: number,
    readonly max: number,
    readonly lazy: boolean,
    /** LITERALS: the alternatives as code points, in the regex's order of preference. */
    readonly items: Int32Array[],
  ) {}
}

const never = () => false;
const always = () => true;

function asciiTable(test: (c: number) => boolean): Uint8Array {
  const t = new Uint8Array(128);
  for (let c = 0; c < 128; c++) t[c] = test(c) ? 1 : 0;
  return t;
}

const ANY: CharClass = { all: true, ascii: asciiTable(always), high: always };
/** Tail mode's '.': anything but a separator. */
const ANY_BUT_SEPARATOR: CharClass = { all: false, ascii: asciiTable((c) => c !== 47), high: always };
const NO_CLASS: CharClass = { all: false, ascii: new Uint8Array(128), high: never };
const classCache = new Map<string, CharClass>();

function literalClass(cp: number): CharClass {
  if (cp < 128) return { all: false, ascii: asciiTable((c) => c === cp), high: never };
  return { all: false, ascii: new Uint8Array(128), high: (c) => c === cp };
}

/** A class written as regex source (`[a-z]`, `\s`, `\p{L}`), tested one code point at a time. */
function regexClass(token: string): CharClass {
  let cls = classCache.get(token);
  if (cls !== undefined) return cls;
  const re = new RegExp(`^${token}$`, 'su');
  const test = (c: number) => re.test(String.fromCodePoint(c));
  // Plain ASCII sets ([A-Fa-f0-9], \d, \w without the 'i' flag) never take a code point above 127.
  const asciiOnly = token === '\\d' || token === '\\w' || (token[1] !== '^' && /^\[[\x20-\x5b\x5d-\x7e]*\]$/.test(token));
  const allHigh = token === '\\D' || token === '\\W';
  cls = { all: false, ascii: asciiTable(test), high: asciiOnly ? never : allHigh ? always : test };
  classCache.set(token, cls);
  return cls;
}

const SYNTAX = '^$\\.*+?()[]{}|/-';
const CONTROL = 'tnvfr';

/** The escape at src[i] ('\\'): one code point, a class, or null when it is an assertion or backreference. */
function parseEscape(src: string, i: number): { cp: number; cls: null; end: number } | { cp: -1; cls: CharClass; end: number } | null {
  const e = src[i + 1];
  if (e === undefined) return null;
  if ('dDwWsS'.includes(e)) return { cp: -1, cls: regexClass('\\' + e), end: i + 2 };
  if (e === 'p' || e === 'P') {
    const close = src.indexOf('}', i);
    return close < 0 ? null : { cp: -1, cls: regexClass(src.slice(i, close + 1)), end: close + 1 };
  }
  if (CONTROL.includes(e)) return { cp: 9 + CONTROL.indexOf(e), cls: null, end: i + 2 };
  if (SYNTAX.includes(e)) return { cp: e.charCodeAt(0), cls: null, end: i + 2 };
  if (e === '0' && !/[0-9]/.test(src[i + 2] ?? '')) return { cp: 0, cls: null, end: i + 2 };
  if (e === 'c' && /[A-Za-z]/.test(src[i + 2] ?? '')) return { cp: src.charCodeAt(i + 2) & 31, cls: null, end: i + 3 };
  if (e === 'x' && /^[0-9A-Fa-f]{2}$/.test(src.slice(i + 2, i + 4))) return { cp: parseInt(src.slice(i + 2, i + 4), 16), cls: null, end: i + 4 };
  if (e === 'u') {
    if (src[i + 2] === '{') {
      const close = src.indexOf('}', i);
      return close < 0 ? null : { cp: parseInt(src.slice(i + 3, close), 16), cls: null, end: close + 1 };
    }
    const hex4 = (at: number) => (/^[0-9A-Fa-f]{4}$/.test(src.slice(at, at + 4)) ? parseInt(src.slice(at, at + 4), 16) : -1);
    const hi = hex4(i + 2);
    if (hi < 0) return null;
    // With the 'u' flag an escaped surrogate pair is one code point.
    if (hi >= 0xd800 && hi <= 0xdbff && src.startsWith('\\u', i + 6)) {
      const lo = hex4(i + 8);
      if (lo >= 0xdc00 && lo <= 0xdfff) return { cp: (hi - 0xd800) * 0x400 + lo - 0xdc00 + 0x10000, cls: null, end: i + 12 };
    }
    return { cp: hi, cls: null, end: i + 6 };
  }
  return null;
}

/** src[from, to) as a plain literal string of code points, or null. */
function parseLiteral(src: string, from: number, to: number): Int32Array | null {
  const out: number[] = [];
  for (let i = from; i < to;) {
    const c = src[i]!;
    if (c === '\\') {
      const esc = parseEscape(src, i);
      if (esc === null || esc.cls !== null || esc.end > to) return null;
      out.push(esc.cp);
      i = esc.end;
    } else if ('()[]{}|*+?.^$'.includes(c)) {
      return null;
    } else {
      const cp = src.codePointAt(i)!;
      out.push(cp);
      i += cp > 0xffff ? 2 : 1;
    }
  }
  return Int32Array.from(out);
}

/** src[from, to) as literal alternatives split on '|', or null. */
function parseAlternatives(src: string, from: number, to: number): Int32Array[] | null {
  const items: Int32Array[] = [];
  let start = from;
  for (let i = from; i <= to; i++) {
    if (i < to && src[i] === '\\') { i++; continue; }
    if (i === to || src[i] === '|') {
      const item = parseLiteral(src, start, i);
      if (item === null) return null;
      items.push(item);
      start = i + 1;
    }
  }
  return items;
}

/** The quantifier at src[i], if any. */
function parseQuantifier(src: string, i: number): { min: number; max: number; lazy: boolean; end: number } | null {
  const c = src[i];
  let min: number, max: number, end: number;
  if (c === '*') { min = 0; max = UNBOUNDED; end = i + 1; }
  else if (c === '+') { min = 1; max = UNBOUNDED; end = i + 1; }
  else if (c === '?') { min = 0; max = 1; end = i + 1; }
  else if (c === '{') {
    const m = /^\{(\d+)(,(\d*))?\}/.exec(src.slice(i));
    if (m === null) return null;
    min = Math.min(Number(m[1]), UNBOUNDED);
    max = m[2] === undefined ? min : m[3] === '' ? UNBOUNDED : Math.min(Number(m[3]), UNBOUNDED);
    end = i + m[0].length;
  } else {
    return null;
  }
  const lazy = src[end] === '?';
  return { min, max, lazy, end: lazy ? end + 1 : end };
}

/** Where the top level of src has a '|' (outside classes and groups), or -1. */
function topLevelBar(src: string): number {
  let depth = 0;
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (c === '\\') i++;
    else if (c === '[') {
      for (i++; i < src.length && src[i] !== ']'; i++) if (src[i] === '\\') i++;
    } else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === '|' && depth === 0) return i;
  }
  return -1;
}

/** The atoms of a regex source, or null when it is outside the subset this module splits; `dot` is what '.' takes. */
function parseAtoms(src: string, dot: CharClass): Atom[] | null {
  if (topLevelBar(src) >= 0) {
    const items = parseAlternatives(src, 0, src.length);
    return items === null ? null : [new Atom(LITERALS, NO_CLASS, 1, 1, false, items)];
  }
  const atoms: Atom[] = [];
  let pending: number[] = [];
  const flush = () => {
    if (pending.length !== 0) atoms.push(new Atom(LITERALS, NO_CLASS, 1, 1, false, [Int32Array.from(pending)]));
    pending = [];
  };
  for (let i = 0; i < src.length;) {
    const c = src[i]!;
    let cls: CharClass | null = null;
    let items: Int32Array[] | null = null;
    let cp = -1;
    if (c === '(') {
      if (!src.startsWith('(?:', i)) return null;
      let close = -1;
      for (let j = i + 3; j < src.length; j++) {
        const d = src[j];
        if (d === '\\') j++;
        else if (d === '(' || d === '[') return null;
        else if (d === ')') { close = j; break; }
      }
      if (close < 0) return null;
      items = parseAlternatives(src, i + 3, close);
      if (items === null) return null;
      i = close + 1;
    } else if (c === '[') {
      let j = i + 1;
      for (; j < src.length && src[j] !== ']'; j++) if (src[j] === '\\') j++;
      if (j >= src.length) return null;
      cls = regexClass(src.slice(i, j + 1));
      i = j + 1;
    } else if (c === '.') {
      cls = dot;
      i++;
    } else if (c === '\\') {
      const esc = parseEscape(src, i);
      if (esc === null) return null;
      if (esc.cls !== null) cls = esc.cls;
      else cp = esc.cp;
      i = esc.end;
    } else if (')|*+?{}^$]'.includes(c)) {
      return null;
    } else {
      cp = src.codePointAt(i)!;
      i += cp > 0xffff ? 2 : 1;
    }
    const q = parseQuantifier(src, i);
    if (q !== null) i = q.end;
    if (items !== null) {
      if (q !== null) {
        // (?:a|b)? is (?:a|b|) when greedy and (?:|a|b) when lazy; other repeats are not literal.
        if (q.min !== 0 || q.max !== 1) return null;
        const none = new Int32Array(0);
        items = q.lazy ? [none, ...items] : [...items, none];
      }
      flush();
      atoms.push(new Atom(LITERALS, NO_CLASS, 1, 1, false, items));
    } else if (cls === null && q === null) {
      pending.push(cp);
    } else {
      flush();
      atoms.push(new Atom(CLASS, cls ?? literalClass(cp), q?.min ?? 1, q?.max ?? 1, q?.lazy ?? false, []));
    }
  }
  flush();
  return atoms;
}

const compiled = new Map<string, { atoms: Atom[]; check: RegExp | null }>();

function compileRegex(src: string, dot: CharClass): { atoms: Atom[]; check: RegExp | null } {
  const key = dot === ANY ? src : '\0' + src;
  let c = compiled.get(key);
  if (c === undefined) {
    // Throws on a malformed regex, as building the segment's regex did.
    const check = new RegExp(`^(?:${src})$`, 'su');
    const atoms = parseAtoms(src, dot);
    c = atoms === null ? { atoms: [new Atom(CLASS, dot, 1, UNBOUNDED, false, [])], check } : { atoms, check: null };
    compiled.set(key, c);
  }
  return c;
}

// Scratch space shared by all splits (a split never re-enters): kept only up to this many positions.
const KEEP = 1 << 14;
let scratchCps = new Int32Array(64);
let scratchOffs = new Int32Array(65);
let scratchPrev = new Int32Array(65);
let scratchCan = new Uint8Array(1024);

function matchesAt(cps: Int32Array, p: number, item: Int32Array): boolean {
  for (let k = 0; k < item.length; k++) if (cps[p + k] !== item[k]) return false;
  return true;
}

function inClass(cls: CharClass, cp: number): boolean {
  return cp < 128 ? cls.ascii[cp] === 1 : cls.high(cp);
}

/** A compiled segment pattern; `split` returns the text of each group, in order, or null. */
export class Splitter {
  private readonly atoms: Atom[] = [];
  /** Group g spans atoms [bounds[2g], bounds[2g+1]). */
  private readonly bounds: number[] = [];
  private readonly checks: Array<RegExp | null> = [];

  /** Static text the split text must start and end with: checked before any other work. */
  private readonly head: string;
  private readonly tail: string;

  constructor(pieces: readonly SplitPiece[], tailMode = false) {
    const first = pieces[0], last = pieces[pieces.length - 1];
    this.head = typeof first === 'string' ? first : '';
    this.tail = typeof last === 'string' && pieces.length > 1 ? last : '';
    for (const p of pieces) {
      if (typeof p === 'string') {
        if (p !== '') this.atoms.push(new Atom(LITERALS, NO_CLASS, 1, 1, false, [Int32Array.from(p, (ch) => ch.codePointAt(0)!)]));
        continue;
      }
      const { atoms, check } = compileRegex(p.regex, tailMode && !p.spans ? ANY_BUT_SEPARATOR : ANY);
      this.bounds.push(this.atoms.length);
      this.atoms.push(...atoms);
      this.bounds.push(this.atoms.length);
      this.checks.push(check);
    }
    // Bounds on where each atom can start: from the lengths before it and after it.
    const A = this.atoms.length;
    this.minBefore = new Int32Array(A + 1);
    this.maxBefore = new Int32Array(A + 1);
    this.minAfter = new Int32Array(A + 1);
    this.maxAfter = new Int32Array(A + 1);
    const lengths = this.atoms.map((t) => (t.kind === CLASS ? [t.min, t.max]
      : [Math.min(...t.items.map((i) => i.length)), Math.max(...t.items.map((i) => i.length))]));
    const add = (x: number, y: number) => Math.min(x + y, UNBOUNDED);
    for (let a = 0; a < A; a++) {
      this.minBefore[a + 1] = add(this.minBefore[a]!, lengths[a]![0]!);
      this.maxBefore[a + 1] = add(this.maxBefore[a]!, lengths[a]![1]!);
    }
    for (let a = A - 1; a >= 0; a--) {
      this.minAfter[a] = add(this.minAfter[a + 1]!, lengths[a]![0]!);
      this.maxAfter[a] = add(this.maxAfter[a + 1]!, lengths[a]![1]!);
    }
    this.lows = new Int32Array(A + 1);
    this.highs = new Int32Array(A + 1);
    this.at = new Int32Array(A + 1);
  }

  private readonly minBefore: Int32Array;
  private readonly maxBefore: Int32Array;
  private readonly minAfter: Int32Array;
  private readonly maxAfter: Int32Array;
  private readonly lows: Int32Array;
  private readonly highs: Int32Array;
  /** Where each atom starts in the split being extracted. */
  private readonly at: Int32Array;

  /** The text of each group of `seg`, sliced from `real` (the same text, as long, where the caller disguised some characters). */
  split(seg: string, real: string = seg): string[] | null {
    const len = seg.length;
    // Cheap first: most texts that do not fit lack the static text at either end.
    if (len < this.head.length + this.tail.length || !seg.startsWith(this.head) || !seg.endsWith(this.tail)) {
      splitStats.steps++;
      return null;
    }
    const atoms = this.atoms;
    const A = atoms.length;
    const big = len > KEEP;
    // Code points, as the 'u' flag reads them: a surrogate pair is one, a lone surrogate too.
    let cps = scratchCps, offs = scratchOffs;
    if (cps.length < len) {
      cps = new Int32Array(len);
      offs = new Int32Array(len + 1);
      if (!big) { scratchCps = cps; scratchOffs = offs; }
    }
    let N = 0;
    for (let i = 0; i < len; N++) {
      const c = seg.charCodeAt(i);
      offs[N] = i;
      if (c >= 0xd800 && c <= 0xdbff && i + 1 < len) {
        const d = seg.charCodeAt(i + 1);
        if (d >= 0xdc00 && d <= 0xdfff) {
          cps[N] = (c - 0xd800) * 0x400 + d - 0xdc00 + 0x10000;
          i += 2;
          continue;
        }
      }
      cps[N] = c;
      i++;
    }
    offs[N] = len;
    const W = N + 1;
    let prev = scratchPrev;
    if (prev.length < W) {
      prev = new Int32Array(W);
      if (!big) scratchPrev = prev;
    }
    let can = scratchCan;
    if (can.length < (A + 1) * W) {
      can = new Uint8Array((A + 1) * W);
      if (!big) scratchCan = can;
    }
    let steps = 0;

    // can[a*W + p]: atoms a.. match exactly cps[p..N). Only positions inside a's window can,
    // which spares fixed-width runs (a uuid) a pass over the whole segment.
    const lows = this.lows, highs = this.highs;
    const minBefore = this.minBefore, maxBefore = this.maxBefore, minAfter = this.minAfter, maxAfter = this.maxAfter;
    for (let a = 0; a <= A; a++) {
      const lo = N - maxAfter[a]!, hi = N - minAfter[a]!;
      const L = lo > minBefore[a]! ? lo : minBefore[a]!, R = hi < maxBefore[a]! ? hi : maxBefore[a]!;
      if (L > R) return null;
      lows[a] = L;
      highs[a] = R;
    }
    // Rows are read only inside their windows, so stale bytes outside them are never seen.
    can[A * W + N] = 1;
    for (let a = A - 1; a >= 0; a--) {
      const atom = atoms[a]!;
      const base = a * W, next = base + W;
      const L = lows[a]!, R = highs[a]!, L1 = lows[a + 1]!, R1 = highs[a + 1]!;
      if (atom.kind === CLASS) {
        // prev[x]: the last position <= x from which the next atoms match.
        let last = -1;
        for (let x = L1; x <= R1; x++) {
          if (can[next + x] === 1) last = x;
          prev[x] = last;
        }
        const cls = atom.cls, min = atom.min, max = atom.max;
        // run: where the run of class members from p ends, capped where no end from [L, R] can reach.
        const top = N - R <= max ? N : R + max;
        let run = top;
        for (let p = top; p >= L; p--) {
          if (p < top && !cls.all && !inClass(cls, cps[p]!)) run = p;
          if (p > R) continue;
          const lo = p + min;
          let hi = run - p <= max ? run : p + max;
          if (hi > R1) hi = R1;
          can[base + p] = lo <= hi && hi >= L1 && prev[hi]! >= lo ? 1 : 0;
        }
        steps += R1 - L1 + top - L + 2;
      } else {
        const items = atom.items;
        for (let p = L; p <= R; p++) {
          let ok = 0;
          for (let k = 0; k < items.length; k++) {
            const item = items[k]!;
            const q = p + item.length;
            if (q >= L1 && q <= R1 && can[next + q] === 1 && matchesAt(cps, p, item)) { ok = 1; break; }
          }
          can[base + p] = ok;
        }
        steps += (R - L + 1) * items.length;
      }
    }
    if (can[0] !== 1) {
      splitStats.steps += steps;
      return null;
    }

    // Forward: at each atom the regex's first choice among those the rest can follow.
    const at = this.at;
    let p = 0;
    for (let a = 0; a < A; a++) {
      at[a] = p;
      const atom = atoms[a]!;
      const next = (a + 1) * W;
      const L1 = lows[a + 1]!, R1 = highs[a + 1]!;
      let q: number;
      if (atom.kind === CLASS) {
        // The DP promised an end in the next window: the scans stop there.
        if (atom.lazy) {
          q = p + atom.min;
          if (q < L1) q = L1;
          while (can[next + q] !== 1) q++;
          steps += q - p;
        } else {
          const cls = atom.cls;
          const lim = N - p <= atom.max ? N : p + atom.max;
          q = p;
          if (cls.all) q = lim;
          else while (q < lim && inClass(cls, cps[q]!)) q++;
          const top = q;
          if (q > R1) q = R1;
          while (can[next + q] !== 1) q--;
          steps += 2 * top - p - q;
        }
      } else {
        const items = atom.items;
        q = -1;
        for (let k = 0; q < 0; k++) {
          const item = items[k]!;
          const e = p + item.length;
          if (e >= L1 && e <= R1 && can[next + e] === 1 && matchesAt(cps, p, item)) q = e;
        }
      }
      p = q;
    }
    at[A] = p;
    splitStats.steps += steps;

    const b = this.bounds;
    const out = new Array<string>(this.checks.length);
    const astral = N !== len;
    for (let g = 0; g < out.length; g++) {
      const s = at[b[2 * g]!]!, e = at[b[2 * g + 1]!]!;
      const from = astral ? offs[s]! : s, to = astral ? offs[e]! : e;
      const check = this.checks[g]!;
      if (check !== null && !check.test(seg.slice(from, to))) return null;
      out[g] = real.slice(from, to);
    }
    return out;
  }
}
