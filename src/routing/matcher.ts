/**
 * The matcher: Werkzeug's state machine, walked left to right, so a match costs the length of
 * the URL, not the number of rules. A rule is a path of parts: one per segment up to the
 * segment of its first `path` converter, then one final part for all the rest, which Werkzeug
 * matches with one regex over the rest of the URL and Phial with one linear split (split.ts).
 * At each node the static child comes first, then the converter edges and final parts in
 * Werkzeug's weight order.
 *
 * The design decision to know: the walk goes by shapes alone, as Werkzeug's regexes do. Edges
 * are keyed by what their regexes accept, not by the converters' arguments, so `<int:id>` and
 * `<int(fixed_digits=4):year>` share one edge and one node, as they share one state in
 * Werkzeug; a rule's converters run only once the walk reaches it as a candidate, and one that
 * rejects gives way to the next candidate (SPEC §3). Redirects (a missing trailing slash, merged
 * slashes) go by shapes too, and a method that no rule of the right shape answers makes a 405
 * before any converter runs, as in Werkzeug.
 */
import type { Converter } from './converters.js';
import { Splitter, type SplitPiece } from './split.js';

/** Werkzeug's Weighting of one part: more static pieces, longer ones, more converters, lower weights. */
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

/** One piece of a part: static text (in a final part it may hold the '/' between segments) or a converter. */
export type PartPiece = string | Converter;

/** Werkzeug's identity of a part: its regex and its weights (two parts equal in both are one state). */
function partKey(pieces: readonly PartPiece[], weighting: Weighting): string {
  let key = '';
  for (const p of pieces) key += typeof p === 'string' ? JSON.stringify(p) : `<${p.regex}>`;
  return `${key}#${weighting.convWeights.join(',')}`;
}

function splitPieces(pieces: readonly PartPiece[]): SplitPiece[] {
  return pieces.map((p) => (typeof p === 'string' ? p : { regex: p.regex, spans: p.isPath }));
}

/** A single-segment part with at least one converter: pushes the text of each converter. */
export class SegPattern {
  readonly key: string;
  private readonly prefix: string;
  private readonly suffix: string;
  /** One converter between static texts: its shape test (null: any text). */
  private readonly single: ((text: string) => boolean) | null | undefined;
  private readonly splitter: Splitter | null;
  private readonly statics: string[];

  constructor(pieces: readonly PartPiece[], readonly weighting: Weighting) {
    this.key = partKey(pieces, weighting);
    const convs = pieces.filter((p): p is Converter => typeof p !== 'string');
    this.statics = pieces.filter((p): p is string => typeof p === 'string');
    if (convs.length === 1 && pieces.length <= 3) {
      const i = pieces.indexOf(convs[0]!);
      this.prefix = i > 0 ? pieces[0] as string : '';
      this.suffix = i < pieces.length - 1 ? pieces[pieces.length - 1] as string : '';
      this.single = convs[0]!.test;
      this.splitter = null;
    } else {
      this.prefix = this.suffix = '';
      this.single = undefined;
      this.splitter = new Splitter(splitPieces(pieces));
    }
  }

  private staticsInOrder(seg: string): boolean {
    let at = 0;
    for (const s of this.statics) {
      const i = seg.indexOf(s, at);
      if (i < 0) return false;
      at = i + s.length;
    }
    return true;
  }

  /** Matches one decoded segment by shape, pushing each converter's text; false when it does not fit. */
  match(seg: string, vals: string[]): boolean {
    const test = this.single;
    if (test !== undefined) {
      const pl = this.prefix.length;
      const sl = this.suffix.length;
      if (seg.length <= pl + sl) return false;
      let text = seg;
      if (pl !== 0 || sl !== 0) {
        if (pl !== 0 && !seg.startsWith(this.prefix)) return false;
        if (sl !== 0 && !seg.endsWith(this.suffix)) return false;
        text = seg.slice(pl, seg.length - sl);
      }
      if (test !== null && !test(text)) return false;
      vals.push(text);
      return true;
    }
    // Cheap check first: most segments that do not fit lack a static piece.
    if (!this.staticsInOrder(seg)) return false;
    const texts = this.splitter!.split(seg);
    if (texts === null) return false;
    for (const t of texts) if (t === '') return false;
    for (const t of texts) vals.push(t);
    return true;
  }
}

/** What the matcher needs to know of a rule. */
export interface RuleEntry {
  readonly methods: ReadonlySet<string> | null;
  /** methods is null or holds GET: the common case, checked without a Set lookup. */
  readonly answersGet: boolean;
  readonly strictSlashes: boolean;
  /** The converter of each value, in the order the walk collects them; null where the text is the value. */
  readonly convs: ReadonlyArray<Converter | null>;
  /** Every entry of convs is null. */
  readonly plain: boolean;
}

/**
 * A final part: everything from the segment of a rule's first `path` converter on, matched on
 * the rest of the URL at once, as Werkzeug's one regex for it does.
 */
export class Tail<R extends RuleEntry> {
  readonly rules: R[] = [];
  readonly key: string;
  /**
   * More of the rule follows the first path converter (a trailing slash aside): SPEC §3 ranks a
   * converter edge at the same place before it, and strictSlashes false lets it take one more
   * trailing slash.
   */
  readonly pathWithMore: boolean;
  /** Some rule here has strictSlashes false and pathWithMore: it also takes the URL with one more slash. */
  lax = false;
  private readonly prefix: string;
  private readonly suffix: string;
  /** Null for one path converter between static texts: its value is what they leave. */
  private readonly splitter: Splitter | null;

  /** `suffixed`: the rule ends in '/' (Werkzeug's suffixed part), which `pieces` leave out. */
  constructor(pieces: readonly PartPiece[], readonly suffixed: boolean, readonly weighting: Weighting) {
    this.key = partKey(pieces, weighting) + (suffixed ? '/' : '');
    const convs = pieces.filter((p): p is Converter => typeof p !== 'string');
    const first = convs.findIndex((c) => c.isPath);
    this.pathWithMore = pieces.indexOf(convs[first]!) < pieces.length - 1;
    if (convs.length === 1 && pieces.length <= 3) {
      const i = pieces.indexOf(convs[0]!);
      this.prefix = i > 0 ? pieces[0] as string : '';
      this.suffix = i < pieces.length - 1 ? pieces[pieces.length - 1] as string : '';
      this.splitter = null;
    } else {
      this.prefix = this.suffix = '';
      this.splitter = new Splitter(splitPieces(pieces), true);
    }
  }

  /**
   * Matches the rest of the URL by shape, pushing each converter's text. `view` is the rest with
   * every '/' inside a segment written as U+E000, so that a '/' in it is a separator; the
   * values are sliced from `real`.
   */
  match(view: string, real: string, vals: string[]): boolean {
    if (this.splitter === null) {
      const pl = this.prefix.length, sl = this.suffix.length, len = view.length;
      if (len <= pl + sl || (pl !== 0 && !view.startsWith(this.prefix)) || (sl !== 0 && !view.endsWith(this.suffix))) return false;
      // The path's first character ([^/]) is no separator.
      if (view.charCodeAt(pl) === 47) return false;
      vals.push(pl === 0 && sl === 0 ? real : real.slice(pl, len - sl));
      return true;
    }
    const texts = this.splitter.split(view, real);
    if (texts === null) return false;
    for (const t of texts) if (t === '') return false;
    for (const t of texts) vals.push(t);
    return true;
  }
}

/** An edge out of a node: a segment pattern to a child node, or a final part. One shape for both keeps the walk's loop monomorphic. */
export class Edge<R extends RuleEntry> {
  constructor(
    readonly pattern: SegPattern | null,
    readonly node: Node<R> | null,
    readonly tail: Tail<R> | null,
    readonly weighting: Weighting,
  ) {}
}

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
  /** Segment patterns and final parts, in Werkzeug's order: by weight, then first registered. */
  edges: Edge<R>[] = [];
  rules: R[] = [];
  /** Some final part here is lax (see Tail.lax). */
  lax = false;

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
    for (const e of this.edges) if (e.pattern !== null && e.pattern.key === pattern.key) return e.node!;
    const node = new Node<R>();
    this.insert(new Edge<R>(pattern, node, null, pattern.weighting));
    return node;
  }

  tail(tail: Tail<R>): Tail<R> {
    for (const e of this.edges) if (e.tail !== null && e.tail.key === tail.key) return e.tail;
    this.insert(new Edge<R>(null, null, tail, tail.weighting));
    return tail;
  }

  /** Stable, as Werkzeug's sort: a new edge goes after every edge that does not rank strictly below it. */
  private insert(edge: Edge<R>): void {
    let i = this.edges.length;
    while (i > 0 && compareWeighting(edge.weighting, this.edges[i - 1]!.weighting) < 0) i--;
    this.edges.splice(i, 0, edge);
  }
}

/** Returned when the first-ranked candidate needs a trailing slash: the URL redirects. */
export const SLASH = { slash: true } as const;
export type WalkResult<R> = R | typeof SLASH | null;

let generation = 0;

/**
 * One match, Werkzeug's depth-first walk. The path is scanned once: segment bounds and hashes,
 * no substrings, so a static segment costs a hash lookup and one compare. Segments holding a
 * '%' are decoded up front (the caller passes `decoded`). Reused by its map between matches.
 */
export class Walk<R extends RuleEntry> {
  /** The text of each converter on the way, in rule order. */
  vals: string[] = [];
  /** The values of the rule found, converted. */
  out: unknown[] = [];
  allowed: Set<string> | null = null;
  /** Rules whose converters rejected the URL in the last converting run. */
  rejected: Set<R> | null = null;
  steps = 0;
  busy = false;
  private method = 'GET';
  private convert = true;
  private src = '';
  private decoded: string[] | null = null;
  /** Some decoded segment holds a '/' (from %2F). */
  private slashed = false;
  private starts: number[] = [];
  private ends: number[] = [];
  private n = 0;
  private gen = 0;
  private restGen = -1;
  private restAt = -1;
  private restView = '';
  private restReal = '';

  /**
   * Matches `src` (a path starting with '/'); `decoded` holds its decoded segments when it had
   * escapes. With `convert` false candidates are taken by shape alone (the merged-slashes
   * pass, which only decides a redirect), skipping those that rejected in the run before.
   */
  run(root: Node<R>, src: string, decoded: string[] | null, method: string, convert = true): WalkResult<R> {
    this.method = method;
    this.convert = convert;
    if (convert) this.rejected = null;
    if (this.vals.length !== 0) this.vals = [];
    this.allowed = null;
    this.steps = 0;
    this.gen = ++generation;
    this.src = src;
    this.decoded = decoded;
    const starts = this.starts, ends = this.ends;
    let n = 0;
    this.slashed = false;
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
      for (const d of decoded) if (d.indexOf('/') >= 0) this.slashed = true;
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

  /** Segments i.. joined by '/': restReal as it is, restView with each '/' inside a segment as U+E000. */
  private rest(i: number): void {
    if (this.restGen === this.gen && this.restAt === i) return;
    this.restGen = this.gen;
    this.restAt = i;
    if (this.decoded === null) {
      this.restReal = this.restView = this.src.slice(this.starts[i]);
      return;
    }
    const segs = this.decoded.slice(i);
    this.restReal = segs.join('/');
    this.restView = this.slashed ? segs.map((s) => s.replace(/\//g, '\ue000')).join('/') : this.restReal;
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

  /** Runs the converters of a candidate on the texts collected; false when one rejects. */
  private take(r: R): boolean {
    if (!this.convert) {
      if (this.rejected !== null && this.rejected.has(r)) return false;
      this.out = this.vals;
      return true;
    }
    if (r.plain) {
      this.out = this.vals;
      return true;
    }
    const vals = this.vals, convs = r.convs;
    const out = new Array<unknown>(vals.length);
    for (let i = 0; i < vals.length; i++) {
      const c = convs[i];
      if (c === null || c === undefined) { out[i] = vals[i]; continue; }
      try {
        out[i] = c.toValue(vals[i]!);
      } catch {
        // Any throw rejects: built-ins throw REJECT, a custom converter whatever it likes.
        (this.rejected ??= new Set()).add(r);
        return false;
      }
    }
    this.out = out;
    return true;
  }

  /** The first candidate of `rules` that answers the method and converts; `laxOnly`: only strictSlashes false. */
  private accept(rules: readonly R[], laxOnly: boolean): R | null {
    for (let i = 0; i < rules.length; i++) {
      const r = rules[i]!;
      if (laxOnly && r.strictSlashes) continue;
      if (this.method === 'GET' ? r.answersGet : r.methods === null || r.methods.has(this.method)) {
        if (this.take(r)) return r;
        continue;
      }
      if (this.allowed === null) this.allowed = new Set();
      if (r.methods === null) continue;
      for (const m of r.methods) this.allowed.add(m);
    }
    return null;
  }

  /** At the end of the URL, a rule one '' segment further: redirect (strict) or match. */
  private slashRule(rules: readonly R[]): WalkResult<R> {
    for (const r of rules) {
      if (r.methods === null || r.methods.has(this.method)) {
        if (r.strictSlashes) return SLASH;
        if (this.take(r)) return r;
      }
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
    const empty = this.isEmpty(i);
    const edges = node.edges;
    if (edges.length !== 0) {
      // The segment's text, sliced once for all the edges that need it.
      let seg: string | null = null;
      for (let k = 0; k < edges.length; k++) {
        const e = edges[k]!;
        const t = e.tail;
        if (t === null) {
          if (empty) continue;
          // this.edge(), inlined on the hot path
          const vals = this.vals;
          const mark = vals.length;
          this.steps++;
          if (e.pattern!.match(seg ??= this.seg(i), vals)) {
            const r = this.node(e.node!, i + 1);
            if (r !== null) return r;
            if (vals.length !== mark) vals.length = mark;
          }
          continue;
        }
        const mark = this.vals.length;
        const r = this.tail(t, i);
        if (r !== null) return t.pathWithMore && !empty && this.convert ? this.segmentsFirst(edges, k, i, mark, r) : r;
      }
      if (node.lax && i < this.n - 1 && this.isEmpty(this.n - 1)) {
        const r = this.laxTails(edges, i);
        if (r !== null) return r;
      }
    }
    if (empty && i === this.n - 1 && node.rules.length !== 0) {
      // '/foo/' for a rule '/foo' with strictSlashes off
      return this.accept(node.rules, true);
    }
    return null;
  }

  private edge(e: Edge<R>, i: number, seg: string): WalkResult<R> {
    const vals = this.vals;
    const mark = vals.length;
    this.steps++;
    if (e.pattern!.match(seg, vals)) {
      const r = this.node(e.node!, i + 1);
      if (r !== null) return r;
      if (vals.length !== mark) vals.length = mark;
    }
    return null;
  }

  /**
   * SPEC §3: a converter edge at the same place ranks before a path converter followed by more
   * of its rule, where Werkzeug's weights may put the path first. The final part at k matched
   * (`found`); the segment edges ranked after it go first. Tried only now, so each edge is
   * still tried once. Not in the merged-slashes pass, which only decides a redirect, by
   * Werkzeug's order: the redirected URL is then matched with this ranking.
   */
  private segmentsFirst(edges: readonly Edge<R>[], k: number, i: number, mark: number, found: WalkResult<R>): WalkResult<R> {
    const out = this.out === this.vals ? this.vals.slice() : this.out;
    const vals = this.vals;
    const kept = vals.slice(mark);
    vals.length = mark;
    const seg = this.seg(i);
    for (let j = k + 1; j < edges.length; j++) {
      const e = edges[j]!;
      if (e.tail !== null) continue;
      const r = this.edge(e, i, seg);
      if (r !== null) return r;
    }
    for (const v of kept) vals.push(v);
    this.out = out;
    return found;
  }

  /** A final part on the rest of the URL from segment i. */
  private tail(t: Tail<R>, i: number): WalkResult<R> {
    this.steps++;
    this.rest(i);
    const view = this.restView, real = this.restReal;
    const vals = this.vals;
    const mark = vals.length;
    let r: WalkResult<R>;
    if (!t.suffixed) {
      if (!t.match(view, real, vals)) return null;
      r = this.accept(t.rules, false);
    } else {
      // Werkzeug's `(?<!/)(/?)` after the part: a trailing slash is taken apart, and what
      // comes before it may not end in '/'; without one, the URL redirects to it.
      const len = view.length;
      if (view.charCodeAt(len - 1) === 47) {
        if (len < 2 || view.charCodeAt(len - 2) === 47) return null;
        if (!t.match(view.slice(0, len - 1), real.slice(0, len - 1), vals)) return null;
        r = this.accept(t.rules, false);
      } else {
        if (!t.match(view, real, vals)) return null;
        r = this.slashRule(t.rules);
      }
    }
    if (r === null && vals.length !== mark) vals.length = mark;
    return r;
  }

  /**
   * strictSlashes false where more of the rule follows a path converter: Werkzeug never lets
   * such a part take a trailing slash; SPEC §3 has the rule accept both. Tried last at its
   * node, as Werkzeug tries a lax rule's trailing slash after every edge of the node.
   */
  private laxTails(edges: readonly Edge<R>[], i: number): WalkResult<R> {
    this.rest(i);
    const len = this.restView.length;
    if (len < 2 || this.restView.charCodeAt(len - 2) === 47) return null;
    const view = this.restView.slice(0, len - 1), real = this.restReal.slice(0, len - 1);
    const vals = this.vals;
    const mark = vals.length;
    for (const e of edges) {
      const t = e.tail;
      if (t === null || !t.lax) continue;
      this.steps++;
      if (!t.match(view, real, vals)) continue;
      const r = this.accept(t.rules, true);
      if (r !== null) return r;
      if (vals.length !== mark) vals.length = mark;
    }
    return null;
  }
}
