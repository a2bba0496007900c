/**
 * The matcher: a trie of segment patterns walked left to right, static children before
 * converter edges (in Werkzeug's weight order), so a match costs the length of the URL, not
 * the number of rules. The one design decision to know: everything from a rule's first
 * `path` converter on is a linear "tail" hanging off its trie node, matched with the path
 * taking the shortest value first; each path element remembers the smallest start from which
 * it already failed, and since a later start can only offer fewer ends, it fails at once
 * from there. That bounds the work by (tail length x URL segments): no input backtracks
 * exponentially, however many `path` converters a hostile rule chains.
 */
import type { Converter } from './converters.js';
import { Splitter, type SplitPiece } from './split.js';

/** Werkzeug's Weighting of one segment: more static pieces, longer ones, more converters, lower weights. */
export interface Weighting {
  staticLens: number[];
  convWeights: number[];
}

export function compareWeighting(a: Weighting, b: Weighting): number {
  if (a.staticLens.length !== b.staticLens.length) return b.staticLens.length - a.staticLens.length;
  for (let i = 0; i < a.staticLens.length; i++) {
    if (a.staticLens[i] !== b.staticLens[i]) return b.staticLens[i]! - a.staticLens[i]!;
  }
  if (a.convWeights.length !== b.convWeights.length) return b.convWeights.length - a.convWeights.length;
  for (let i = 0; i < a.convWeights.length; i++) {
    if (a.convWeights[i] !== b.convWeights[i]) return a.convWeights[i]! - b.convWeights[i]!;
  }
  return 0;
}

/** A single-segment pattern with at least one converter. */
export class SegPattern {
  readonly key: string;
  readonly weighting: Weighting;
  readonly convs: Converter[];
  private readonly prefix: string;
  private readonly suffix: string;
  private readonly single: Converter | null;
  private readonly splitter: Splitter | null;

  constructor(pieces: Array<{ kind: 'static'; text: string } | { kind: 'var'; conv: Converter }>) {
    this.convs = [];
    const staticLens: number[] = [];
    let keyParts = '';
    for (const p of pieces) {
      if (p.kind === 'static') {
        staticLens.push(p.text.length);
        keyParts += JSON.stringify(p.text);
      } else {
        this.convs.push(p.conv);
        keyParts += `<${p.conv.key}>`;
      }
    }
    this.key = keyParts;
    this.weighting = { staticLens, convWeights: this.convs.map((c) => c.weight) };
    if (this.convs.length === 1 && pieces.length <= 3) {
      const i = pieces.findIndex((p) => p.kind === 'var');
      const before = pieces.slice(0, i);
      const after = pieces.slice(i + 1);
      this.prefix = before.length ? (before[0] as { text: string }).text : '';
      this.suffix = after.length ? (after[0] as { text: string }).text : '';
      this.single = this.convs[0]!;
      this.splitter = null;
    } else {
      this.prefix = this.suffix = '';
      this.single = null;
      this.splitter = new Splitter(splitPieces(pieces));
    }
    this.pieces = pieces.map((p) => (p.kind === 'static' ? p.text : null));
    this.statics = pieces.filter((p) => p.kind === 'static').map((p) => (p as { text: string }).text);
  }

  private readonly pieces: Array<string | null>;
  private readonly statics: string[];

  private staticsInOrder(seg: string): boolean {
    let at = 0;
    for (const s of this.statics) {
      const i = seg.indexOf(s, at);
      if (i < 0) return false;
      at = i + s.length;
    }
    return true;
  }

  private splitMulti(seg: string): string[] | null {
    // Cheap checks first: most segments that do not fit lack a static piece.
    const first = this.pieces[0], last = this.pieces[this.pieces.length - 1];
    if ((first && !seg.startsWith(first)) || (last && !seg.endsWith(last)) || !this.staticsInOrder(seg)) return null;
    return this.splitter!.split(seg);
  }

  /** Matches one decoded segment, pushing the converted values; false when it does not fit. */
  match(seg: string, vals: unknown[]): boolean {
    const conv = this.single;
    if (conv !== null) {
      const pl = this.prefix.length;
      const sl = this.suffix.length;
      if (seg.length <= pl + sl) return false;
      let text = seg;
      if (pl !== 0 || sl !== 0) {
        if (pl !== 0 && !seg.startsWith(this.prefix)) return false;
        if (sl !== 0 && !seg.endsWith(this.suffix)) return false;
        text = seg.slice(pl, seg.length - sl);
      }
      if (conv.acceptsAnything) {
        vals.push(text);
        return true;
      }
      return convert(conv, text, vals);
    }
    const texts = this.splitMulti(seg);
    return texts !== null && convertAll(this.convs, texts, 0, vals);
  }
}

type Piece = { kind: 'static'; text: string } | { kind: 'var'; conv: Converter };

function splitPieces(pieces: readonly Piece[]): SplitPiece[] {
  return pieces.map((p) => (p.kind === 'static' ? p.text : { regex: p.conv.regex }));
}

/** Converts texts[from..] with convs in turn; on a rejection (an empty text included) vals is left as it was. */
function convertAll(convs: readonly Converter[], texts: readonly string[], from: number, vals: unknown[]): boolean {
  const mark = vals.length;
  for (let i = 0; i < convs.length; i++) {
    const text = texts[from + i]!;
    if (text === '' || !convert(convs[i]!, text, vals)) {
      if (vals.length !== mark) vals.length = mark;
      return false;
    }
  }
  return true;
}

function convert(conv: Converter, text: string, vals: unknown[]): boolean {
  try {
    vals.push(conv.toValue(text));
    return true;
  } catch {
    // Any throw rejects: built-ins throw REJECT, a custom converter whatever it likes.
    return false;
  }
}

/** A `path` converter with the pieces before it in its first segment and after it in its last. */
export class PathPart {
  readonly key: string;
  readonly weighting: Weighting;
  readonly startStatic: string;
  readonly endStatic: string;
  readonly startConvs: number;
  readonly endConvs: number;
  // The path's own text is the group `rest`: '.+' from the start, '.*?' up to the end, '.+?' within one segment.
  private readonly startSplit: Splitter | null;
  private readonly endSplit: Splitter | null;
  private readonly wholeSplit: Splitter | null;
  private readonly befores: Converter[];
  private readonly afters: Converter[];

  constructor(before: Piece[], path: Converter, after: Piece[]) {
    const staticLens: number[] = [];
    const convWeights: number[] = [];
    for (const p of [...before, { kind: 'var' as const, conv: path }, ...after]) {
      if (p.kind === 'static') staticLens.push(p.text.length);
      else convWeights.push(p.conv.weight);
    }
    this.weighting = { staticLens, convWeights };
    const keyOf = (ps: Piece[]) => ps.map((p) => (p.kind === 'static' ? JSON.stringify(p.text) : `<${p.conv.key}>`)).join('');
    this.key = `${keyOf(before)}<path>${keyOf(after)}`;
    const allStatic = (ps: Piece[]) => ps.every((p) => p.kind === 'static');
    const convsOf = (ps: Piece[]) => ps.flatMap((p) => (p.kind === 'var' ? [p.conv] : []));
    this.befores = convsOf(before);
    this.afters = convsOf(after);
    this.startConvs = this.befores.length;
    this.endConvs = this.afters.length;
    this.startStatic = allStatic(before) ? before.map((p) => (p as { text: string }).text).join('') : '';
    this.endStatic = allStatic(after) ? after.map((p) => (p as { text: string }).text).join('') : '';
    const b = splitPieces(before), a = splitPieces(after);
    this.startSplit = this.startConvs ? new Splitter([...b, { regex: '.+' }]) : null;
    this.endSplit = this.endConvs ? new Splitter([{ regex: '.*?' }, ...a]) : null;
    this.wholeSplit = this.startConvs || this.endConvs ? new Splitter([...b, { regex: '.+?' }, ...a]) : null;
  }

  /** The part of the path value in its first segment (when it spans), or null; pushes start converters' values. */
  matchStart(seg: string, vals: unknown[]): string | null {
    if (this.startSplit === null) {
      const sl = this.startStatic.length;
      if (seg.length <= sl || (sl !== 0 && !seg.startsWith(this.startStatic))) return null;
      const rest = sl ? seg.slice(sl) : seg;
      return rest.charCodeAt(0) === 47 ? null : rest;
    }
    const texts = this.startSplit.split(seg);
    if (texts === null) return null;
    const rest = texts[this.startConvs]!;
    if (rest.charCodeAt(0) === 47) return null;
    return convertAll(this.befores, texts, 0, vals) ? rest : null;
  }

  /** The part of the path value in its last segment (may be empty), or null; pushes end converters' values. */
  matchEnd(seg: string, vals: unknown[]): string | null {
    if (this.endSplit === null) {
      const el = this.endStatic.length;
      if (el === 0) return seg;
      return seg.endsWith(this.endStatic) ? seg.slice(0, seg.length - el) : null;
    }
    const texts = this.endSplit.split(seg);
    if (texts === null) return null;
    return convertAll(this.afters, texts, 1, vals) ? texts[0]! : null;
  }

  /** The whole path value inside one segment, or null; pushes before, then a slot, then after values. */
  matchWhole(seg: string, vals: unknown[]): string | null {
    if (this.wholeSplit === null) {
      const sl = this.startStatic.length, el = this.endStatic.length;
      if (seg.length <= sl + el || !seg.startsWith(this.startStatic) || !seg.endsWith(this.endStatic)) return null;
      const v = seg.slice(sl, seg.length - el);
      return v.charCodeAt(0) === 47 ? null : v;
    }
    const texts = this.wholeSplit.split(seg);
    if (texts === null) return null;
    const rest = texts[this.startConvs]!;
    if (rest.charCodeAt(0) === 47) return null;
    const mark = vals.length;
    if (!convertAll(this.befores, texts, 0, vals)) return null;
    const slot = vals.length;
    vals.push(null);
    if (!convertAll(this.afters, texts, this.startConvs + 1, vals)) {
      if (vals.length !== mark) vals.length = mark;
      return null;
    }
    vals[slot] = rest;
    return rest;
  }
}

/** What the matcher needs to know of a rule. */
export interface RuleEntry {
  readonly methods: ReadonlySet<string> | null;
  /** methods is null or holds GET: the common case, checked without a Set lookup. */
  readonly answersGet: boolean;
  readonly strictSlashes: boolean;
}

export type TailElem =
  | { kind: 'static'; text: string }
  | { kind: 'seg'; pattern: SegPattern }
  | { kind: 'path'; part: PathPart };

/** A span of segments taken by a path value, joined only once the whole rule matched. */
export class PathSpan {
  constructor(readonly first: string, readonly from: number, readonly to: number, readonly last: string) {}
}

export class Tail<R extends RuleEntry> {
  readonly rules: R[] = [];
  /** The rule ends with the path value itself, which then absorbs a trailing slash. */
  readonly endsWithPath: boolean;
  /** Index of a path element followed only by the rule's trailing '/': its value may not end in '/'. */
  readonly pathBeforeSlash: number;
  memo: Int32Array;
  memoGen = -1;
  constructor(readonly key: string, readonly elems: TailElem[], readonly weighting: Weighting) {
    const last = elems[elems.length - 1]!;
    this.endsWithPath = last.kind === 'path' && last.part.endStatic === '' && last.part.endConvs === 0;
    const n = elems.length;
    const before = elems[n - 2];
    this.pathBeforeSlash = last.kind === 'static' && last.text === '' && before?.kind === 'path' && before.part.endStatic === '' && before.part.endConvs === 0 ? n - 2 : -1;
    this.memo = new Int32Array(elems.length);
  }
}

export interface Edge<R extends RuleEntry> { pattern: SegPattern; node: Node<R> }

/** FNV-1a over UTF-16 code units: lets a segment be looked up without slicing it out. */
export function hashText(s: string, from: number, to: number): number {
  let h = 0x811c9dc5;
  for (let i = from; i < to; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  // Kept within V8's small-integer range, so Map keys never box.
  return h & 0x3fffffff;
}

interface StaticEntry<R extends RuleEntry> { text: string; node: Node<R>; next: StaticEntry<R> | null }

export class Node<R extends RuleEntry> {
  /** Static children by the hash of their text (collisions chained). */
  static: Map<number, StaticEntry<R>> | null = null;
  /** The child for an empty segment (a trailing slash), looked up often enough to keep apart. */
  empty: Node<R> | null = null;
  dynamic: Edge<R>[] = [];
  tails: Tail<R>[] = [];
  rules: R[] = [];

  staticChild(text: string): Node<R> {
    if (text === '') return (this.empty ??= new Node<R>());
    if (this.static === null) this.static = new Map();
    const h = hashText(text, 0, text.length);
    const e = this.static.get(h) ?? null;
    for (let x: StaticEntry<R> | null = e; x !== null; x = x.next) if (x.text === text) return x.node;
    const node = new Node<R>();
    this.static.set(h, { text, node, next: e });
    return node;
  }

  dynamicChild(pattern: SegPattern): Node<R> {
    for (const e of this.dynamic) if (e.pattern.key === pattern.key) return e.node;
    const node = new Node<R>();
    // Stable: a new edge goes after every edge that does not rank strictly below it.
    let i = this.dynamic.length;
    while (i > 0 && compareWeighting(pattern.weighting, this.dynamic[i - 1]!.pattern.weighting) < 0) i--;
    this.dynamic.splice(i, 0, { pattern, node });
    return node;
  }

  tail(key: string, elems: TailElem[], weighting: Weighting): Tail<R> {
    for (const t of this.tails) if (t.key === key) return t;
    const t = new Tail<R>(key, elems, weighting);
    let i = this.tails.length;
    while (i > 0 && compareWeighting(weighting, this.tails[i - 1]!.weighting) < 0) i--;
    this.tails.splice(i, 0, t);
    return t;
  }
}

/** Returned when the first-ranked candidate needs a trailing slash: the URL redirects. */
export const SLASH = { slash: true } as const;
export type WalkResult<R> = R | typeof SLASH | null;

let generation = 0;

/**
 * One match. The path is scanned once: segment bounds and hashes, no substrings, so a
 * static segment costs a hash lookup and one compare. Segments holding a '%' are decoded
 * up front (the caller passes `decoded`). Reused by its map between matches (see `busy`).
 */
export class Walk<R extends RuleEntry> {
  vals: unknown[] = [];
  allowed: Set<string> | null = null;
  steps = 0;
  busy = false;
  private method = 'GET';
  private src = '';
  private decoded: string[] | null = null;
  private starts: number[] = [];
  private ends: number[] = [];
  private n = 0;
  private gen = 0;

  /** Matches `src` (a path starting with '/'); `decoded` holds its decoded segments when it had escapes. */
  run(root: Node<R>, src: string, decoded: string[] | null, method: string): WalkResult<R> {
    this.method = method;
    if (this.vals.length !== 0) this.vals = [];
    this.allowed = null;
    this.steps = 0;
    this.gen = ++generation;
    this.src = src;
    this.decoded = decoded;
    const starts = this.starts, ends = this.ends;
    let n = 0;
    if (decoded === null) {
      // Bounds only: a segment is hashed when a node with static children looks it up.
      let st = 1;
      for (let i = src.indexOf('/', 1); i >= 0; i = src.indexOf('/', i + 1)) {
        starts[n] = st; ends[n] = i; n++;
        st = i + 1;
      }
      starts[n] = st; ends[n] = src.length; n++;
    } else {
      n = decoded.length;
    }
    this.n = n;
    return this.node(root, 0);
  }

  private seg(i: number): string {
    return this.decoded === null ? this.src.slice(this.starts[i], this.ends[i]) : this.decoded[i]!;
  }

  private isEmpty(i: number): boolean {
    return this.decoded === null ? this.starts[i] === this.ends[i] : this.decoded[i] === '';
  }

  private staticLookup(node: Node<R>, i: number): Node<R> | null {
    if (this.isEmpty(i)) return node.empty;
    if (node.static === null) return null;
    if (this.decoded === null) {
      const st = this.starts[i]!, en = this.ends[i]!, len = en - st;
      const e = node.static.get(hashText(this.src, st, en));
      if (e === undefined) return null;
      for (let x: StaticEntry<R> | null = e; x !== null; x = x.next) {
        if (x.text.length === len && this.src.startsWith(x.text, st)) return x.node;
      }
    } else {
      const text = this.decoded[i]!;
      const e = node.static.get(hashText(text, 0, text.length));
      for (let x: StaticEntry<R> | null = e ?? null; x !== null; x = x.next) if (x.text === text) return x.node;
    }
    return null;
  }

  private accept(rules: readonly R[], strictOnly: boolean): R | null {
    for (let i = 0; i < rules.length; i++) {
      const r = rules[i]!;
      if (strictOnly && r.strictSlashes) continue;
      if (this.method === 'GET' ? r.answersGet : r.methods === null || r.methods.has(this.method)) return r;
      if (this.allowed === null) this.allowed = new Set();
      if (r.methods === null) continue;
      for (const m of r.methods) this.allowed.add(m);
    }
    return null;
  }

  /** At the end of the URL, a rule one '' segment further: redirect (strict) or match. */
  private slashRule(rules: readonly R[]): WalkResult<R> {
    for (const r of rules) {
      if (r.methods === null || r.methods.has(this.method)) return r.strictSlashes ? SLASH : r;
    }
    return null;
  }

  private node(node: Node<R>, i: number): WalkResult<R> {
    this.steps++;
    if (i === this.n) {
      if (node.rules.length !== 0) {
        const r = this.accept(node.rules, false);
        if (r !== null) return r;
      }
      const s = node.empty;
      if (s !== null && s.rules.length !== 0) return this.slashRule(s.rules);
      return null;
    }
    const child = this.staticLookup(node, i);
    if (child !== null) {
      const r = this.node(child, i + 1);
      if (r !== null) return r;
    }
    const dyn = node.dynamic;
    const empty = this.isEmpty(i);
    if (dyn.length !== 0 && !empty) {
      const vals = this.vals;
      const seg = this.seg(i);
      for (let k = 0; k < dyn.length; k++) {
        const e = dyn[k]!;
        const mark = vals.length;
        this.steps++;
        if (e.pattern.match(seg, vals)) {
          const r = this.node(e.node, i + 1);
          if (r !== null) return r;
          if (vals.length !== mark) vals.length = mark;
        }
      }
    }
    for (let k = 0; k < node.tails.length; k++) {
      const r = this.tail(node.tails[k]!, 0, i);
      if (r !== null) return r;
    }
    if (empty && i === this.n - 1 && node.rules.length !== 0) {
      // '/foo/' for a rule '/foo' with strictSlashes off
      return this.accept(node.rules, true);
    }
    return null;
  }

  private tailEnd(t: Tail<R>, i: number): WalkResult<R> {
    if (i === this.n) return this.accept(t.rules, false);
    // A rule ending in a path converter absorbs the trailing slash into the value instead.
    // So does one ending '<path:p>/' (Werkzeug: the value never ends in '/'), so there is
    // nothing left to accept.
    if (i === this.n - 1 && this.isEmpty(i) && !t.endsWithPath && t.pathBeforeSlash < 0) return this.accept(t.rules, true);
    return null;
  }

  private tail(t: Tail<R>, k: number, i: number): WalkResult<R> {
    this.steps++;
    const elems = t.elems;
    if (k === elems.length) return this.tailEnd(t, i);
    const e = elems[k]!;
    if (i === this.n) {
      if (k === elems.length - 1 && e.kind === 'static' && e.text === '') return this.slashRule(t.rules);
      return null;
    }
    const vals = this.vals;
    if (e.kind === 'static') {
      return this.seg(i) === e.text ? this.tail(t, k + 1, i + 1) : null;
    }
    const seg = this.seg(i);
    if (e.kind === 'seg') {
      const mark = vals.length;
      if (seg !== '' && e.pattern.match(seg, vals)) {
        const r = this.tail(t, k + 1, i + 1);
        if (r !== null) return r;
      }
      if (vals.length !== mark) vals.length = mark;
      return null;
    }
    // A path element: memo of the smallest start that already failed.
    if (t.memoGen !== this.gen) {
      t.memo.fill(0x7fffffff);
      t.memoGen = this.gen;
    }
    if (t.memo[k]! <= i) return null;
    const part = e.part;
    const mark = vals.length;
    if (k === elems.length - 1 && t.endsWithPath) {
      // A rule that ends with the path value: it takes the rest of the URL, in one piece.
      if (i === this.n - 1) {
        const whole = part.matchWhole(seg, vals);
        if (whole === null) return null;
        if (part.startConvs === 0) vals.push(whole);
      } else {
        const first = part.matchStart(seg, vals);
        if (first === null) return null;
        vals.push(first + '/' + this.rest(i + 1));
      }
      const r = this.accept(t.rules, false);
      if (r === null && vals.length !== mark) vals.length = mark;
      return r;
    }
    // j === i: the whole value inside this one segment
    const whole = part.matchWhole(seg, vals);
    if (whole !== null) {
      if (part.startConvs === 0 && part.endConvs === 0) vals.push(whole);
      const r = this.tail(t, k + 1, i + 1);
      if (r !== null) return r;
      if (vals.length !== mark) vals.length = mark;
    }
    const first = part.matchStart(seg, vals);
    if (first !== null) {
      const afterStart = vals.length;
      for (let j = i + 1; j < this.n; j++) {
        this.steps++;
        vals.push(null);
        const last = part.matchEnd(this.seg(j), vals);
        if (last !== null && !(last === '' && k === t.pathBeforeSlash)) {
          vals[afterStart] = new PathSpan(first, i + 1, j, last);
          const r = this.tail(t, k + 1, j + 1);
          if (r !== null) return r;
        }
        if (vals.length !== afterStart) vals.length = afterStart;
      }
      if (vals.length !== mark) vals.length = mark;
      if (i < t.memo[k]!) t.memo[k] = i;
    }
    return null;
  }

  /** Segments from `i` to the end, joined by '/'. */
  private rest(i: number): string {
    if (this.decoded === null) return this.src.slice(this.starts[i]);
    let s = this.decoded[i]!;
    for (let j = i + 1; j < this.n; j++) s += '/' + this.decoded[j];
    return s;
  }

  /** Materialises path spans once a rule has matched. */
  values(): unknown[] {
    const v = this.vals;
    for (let i = 0; i < v.length; i++) {
      const x = v[i];
      if (x instanceof PathSpan) {
        let s = x.first;
        for (let j = x.from; j < x.to; j++) s += '/' + this.seg(j);
        v[i] = s + '/' + x.last;
      }
    }
    return v;
  }
}
