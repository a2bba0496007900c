/**
 * The matcher: Werkzeug's state machine (its matcher.py), walked left to right, so a match costs
 * the length of the URL, not the number of rules. A rule is a path of parts (parts.ts). At each
 * node the static child comes first, then the edges (segment patterns and final parts) in
 * Werkzeug's weight order; a candidate that fails further on gives way to the next.
 *
 * Two design decisions to know. The walk goes by shapes alone, as Werkzeug's regexes do: edges
 * are keyed by what their regexes accept, so `<int:id>` and `<int(fixed_digits=4):year>` share
 * one node, and a rule's converters run only once the walk reaches it as a candidate (one that
 * rejects gives way to the next, SPEC §3). And the walk reads the path in place: a segment is a
 * range of the path string, a static child is found by comparing characters where they stand
 * (Statics), and only a converter's text is sliced out, so matching neither splits nor hashes
 * the URL. A path with escapes is walked the same way, on its decoded text.
 */
import { REJECT, type Converter } from './converters.js';
import { compareWeighting, type SegPattern, type Tail, type Texts, type Weighting } from './parts.js';

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
 * An edge out of a node: a segment pattern to a child node, or a final part to the node of its
 * rules. One shape for both keeps the walk's loop monomorphic.
 */
export class Edge<R extends RuleEntry> {
  constructor(
    readonly pattern: SegPattern | null,
    readonly tail: Tail | null,
    readonly node: Node<R>,
    readonly weighting: Weighting,
  ) {}
}

/** Up to this many static children are compared in turn; more are told apart by a character first. */
const FEW = 2;
/** The index of a character in Statics.byChar: ASCII as it is, anything else in one slot. */
const OTHER = 128;

/**
 * The static children of a node, found by comparing the path where it stands: a few are tried
 * in turn (the segment's length, then its characters); more are told apart by the character at
 * one position first (a small character trie over their texts), so a lookup never slices or
 * hashes the URL. The character past a text's end is '/' or the end of the path: both count
 * as '/' (47), which no segment's text holds.
 */
class Statics<R extends RuleEntry> {
  /** While the children are few: their texts, and the nodes in the same order. */
  private texts: string[] = [];
  private nodes: Node<R>[] = [];
  /** null while the children are few; else the children by their character at `depth`. */
  private byChar: Array<Statics<R> | undefined> | null = null;
  /** Where the children are told apart: no child's text is shorter. */
  private depth = 0;

  /** The child whose text is `text`, or undefined. */
  get(text: string): Node<R> | undefined {
    let s: Statics<R> | undefined = this;
    while (s.byChar !== null) {
      s = s.byChar[slotOf(text, s.depth)];
      if (s === undefined) return undefined;
    }
    const k = s.texts.indexOf(text);
    return k < 0 ? undefined : s.nodes[k];
  }

  add(node: Node<R>): void {
    if (this.byChar !== null) {
      if (this.fits(node.text)) this.slot(node.text).add(node);
      else this.rebuild(node);
      return;
    }
    if (this.texts.length === 0) {
      this.texts = [node.text];
      this.nodes = [node];
      return;
    }
    this.texts.push(node.text);
    this.nodes.push(node);
    if (this.texts.length > FEW) this.split();
  }

  /**
   * From a list to a character trie: the children by their character at the position that
   * tells most of them apart (each level of the trie costs a lookup more than comparing a
   * text), within the shortest text. Texts that no position tells apart stay a list.
   */
  private split(): void {
    const texts = this.texts;
    let shortest = Infinity;
    for (const t of texts) if (t.length < shortest) shortest = t.length;
    let best = -1, most = 1;
    for (let d = 0; d <= shortest && most < texts.length; d++) {
      const n = distinctSlots(texts, d);
      if (n > most) { most = n; best = d; }
    }
    if (best < 0) return;
    const nodes = this.nodes;
    this.texts = [];
    this.nodes = [];
    this.byChar = new Array<Statics<R> | undefined>(OTHER + 1);
    this.depth = best;
    for (const n of nodes) this.slot(n.text).add(n);
  }

  /**
   * Whether `text` reaches `depth`. A lookup reads the path there before it knows where the
   * segment ends: that is sound only while no text is shorter (a shorter one added later was
   * looked up by a character past its segment and not found).
   */
  private fits(text: string): boolean {
    return text.length >= this.depth;
  }

  /** A list again with `extra`, split anew. */
  private rebuild(extra: Node<R>): void {
    const all: Node<R>[] = [];
    this.collect(all);
    all.push(extra);
    this.texts = all.map((n) => n.text);
    this.nodes = all;
    this.byChar = null;
    this.depth = 0;
    this.split();
  }

  private collect(into: Node<R>[]): void {
    if (this.byChar === null) into.push(...this.nodes);
    else for (const s of this.byChar) s?.collect(into);
  }

  private slot(text: string): Statics<R> {
    const c = slotOf(text, this.depth);
    return (this.byChar![c] ??= new Statics<R>());
  }

  /** The child whose text is the segment starting at p of `real` (a boundary in `view` ends it). */
  find(real: string, view: string, p: number, len: number): Node<R> | null {
    let s: Statics<R> | undefined = this;
    while (s.byChar !== null) {
      const q: number = p + s.depth;
      const c: number = q < len ? real.charCodeAt(q) : 47;
      s = s.byChar[c < OTHER ? c : OTHER];
      if (s === undefined) return null;
    }
    // The segment's length first (a '/' or the end right after the text), then its characters.
    const texts = s.texts;
    for (let k = 0; k < texts.length; k++) {
      const text = texts[k]!;
      const q = p + text.length;
      if ((q < len ? view.charCodeAt(q) === 47 : q === len) && real.startsWith(text, p)) return s.nodes[k]!;
    }
    return null;
  }
}

/** How many different slots the texts have at `depth` (few texts: compared in turn). */
function distinctSlots(texts: readonly string[], depth: number): number {
  if (texts.length > 8) return new Set(texts.map((t) => slotOf(t, depth))).size;
  let n = 0;
  for (let i = 0; i < texts.length; i++) {
    const c = slotOf(texts[i]!, depth);
    let j = 0;
    while (j < i && slotOf(texts[j]!, depth) !== c) j++;
    if (j === i) n++;
  }
  return n;
}

function slotOf(text: string, depth: number): number {
  const c = depth < text.length ? text.charCodeAt(depth) : 47;
  return c < OTHER ? c : OTHER;
}

/** A state of the machine: Werkzeug's State, reached by the static text `text` or by an edge. */
export class Node<R extends RuleEntry> {
  /** Its static children (the walk reads them in place: Statics.find). */
  statics: Statics<R> | null = null;
  /** The child for an empty segment (a trailing slash). */
  empty: Node<R> | null = null;
  /** Segment patterns and final parts, in Werkzeug's order: by weight, then first registered (null: none yet). */
  edges: Edge<R>[] | null = null;
  /** The rules that end here (null: none yet). */
  rules: R[] | null = null;
  /** Some final part of an edge here is lax (see Tail.lax). */
  lax = false;

  constructor(readonly text = '') {}

  staticChild(text: string): Node<R> {
    if (text === '') return (this.empty ??= new Node<R>());
    this.statics ??= new Statics<R>();
    let node = this.statics.get(text);
    if (node === undefined) {
      node = new Node<R>(text);
      this.statics.add(node);
    }
    return node;
  }

  /** The child through a segment pattern (one per pattern key, as Werkzeug's states are). */
  dynamicChild(pattern: SegPattern): Node<R> {
    for (const e of this.edges ?? []) if (e.pattern !== null && e.pattern.key === pattern.key) return e.node;
    const node = new Node<R>();
    this.insert(new Edge<R>(pattern, null, node, pattern.weighting));
    return node;
  }

  /** The edge of a final part (one per key), whose node holds its rules. */
  finalPart(tail: Tail): Edge<R> {
    for (const e of this.edges ?? []) if (e.tail !== null && e.tail.key === tail.key) return e;
    const edge = new Edge<R>(null, tail, new Node<R>(), tail.weighting);
    this.insert(edge);
    return edge;
  }

  /** Stable, as Werkzeug's sort: a new edge goes after every edge that does not rank strictly below it. */
  private insert(edge: Edge<R>): void {
    const edges = (this.edges ??= []);
    let i = edges.length;
    while (i > 0 && compareWeighting(edge.weighting, edges[i - 1]!.weighting) < 0) i--;
    edges.splice(i, 0, edge);
  }
}

/** Returned when the first-ranked candidate needs a trailing slash: the URL redirects. */
export const SLASH = { slash: true } as const;
/**
 * Returned by a walk on the raw path when a converter's text would hold an escape, a query or a
 * fragment: the caller matches the full way, before any converter saw it.
 */
export const RETRY = { retry: true } as const;
export type WalkResult<R> = R | typeof SLASH | typeof RETRY | null;

/** What a walk on the raw path may read wrongly: '%', '?' and '#'. */
const ODD = /[%?#]/;
/** What a miss must not leave unread: '%', '?', '#' (and '//' where slashes are merged), searched from `lastIndex`. */
const UNREAD = /[%?#]/g;
const UNREAD_MERGED = /[%?#]|\/\//g;

function isOdd(c: number): boolean {
  return c === 37 || c === 63 || c === 35;
}

/**
 * One match: Werkzeug's depth-first `_match`. The walk stands at `at`, the '/' before the next
 * segment (at the end of the path when none is left). A new walk per match: it is small, and a
 * fresh object takes the path's texts without the write barriers a long-lived one pays. The
 * values of the rule found are `values[0 .. its number of converters)`.
 */
export class Walk<R extends RuleEntry> implements Texts {
  /** The converters' texts on the way, in rule order: the first `n` are current. */
  readonly texts: string[] = [];
  n = 0;
  /** The values of the rule found: `texts` when it converts nothing, else converted ones. */
  values: unknown[] = this.texts;
  /** Methods of the rules the URL matched but the method did not (a 405), or null. */
  allowed: Set<string> | null = null;
  /** Rules whose converters rejected the URL (in a shape-only walk: those of the walk before). */
  rejected: Set<R> | null;
  /** Work done: nodes, edges and final parts tried (tests bound it). */
  steps = 0;
  private readonly len: number;
  /**
   * On the raw path: every code unit before `clean` was read as static text or a converter's
   * text, none of them '%', '?' or '#'; `hollow`: some segment read was empty ('//').
   */
  clean = 0;
  hollow = false;
  /** Where the first final part tried began (it read the rest of the path from there); len: none. */
  spanFrom: number;

  /**
   * A walk over a path that starts with '/': `real` is its decoded text and `view` the same with
   * each '/' that came from an escape written as U+E000 (both the path itself when it has no
   * escape). With `raw`, the path is taken as it is, unchecked: a converter's text that holds
   * '%', '?' or '#' makes the walk give up (RETRY), and `clean` tells how far it read. `shapeOnly`
   * (the merged-slashes pass, which only decides a redirect) takes candidates by shape, without
   * converting, except those in `rejected` (their converters rejected the pass before).
   */
  constructor(
    private readonly real: string,
    private readonly view: string,
    private readonly method: string,
    private readonly raw: boolean,
    private readonly shapeOnly = false,
    rejected: Set<R> | null = null,
  ) {
    this.len = this.spanFrom = view.length;
    this.rejected = rejected;
  }

  /**
   * After a raw walk that found nothing: whether the full match (query cut off, escapes decoded,
   * slashes merged) would find nothing either. Every candidate stopped at or before the segment
   * after `clean` (the furthest one read in full), so only that segment decides, unless a final
   * part read the whole rest: it must hold no '%', '?' or '#' (nor be empty where slashes merge).
   * Past it, cutting the query or merging slashes changes nothing the walk read; only an escape
   * still counts there, since a malformed one is a 400 wherever it stands.
   */
  missIsFinal(mergeSlashes: boolean): boolean {
    if (mergeSlashes && this.hollow) return false;
    const view = this.view, len = this.len;
    let i = this.clean;
    if (this.spanFrom < len) {
      // A final part read on: '//' inside its text would merge too.
      const unread = mergeSlashes ? UNREAD_MERGED : UNREAD;
      unread.lastIndex = i < this.spanFrom ? i : this.spanFrom;
      return !unread.test(view);
    }
    if (i >= len) return true;
    // `clean` stands at the '/' before that segment.
    i++;
    if (mergeSlashes && i < len && view.charCodeAt(i) === 47) return false;
    for (; i < len; i++) {
      const c = view.charCodeAt(i);
      if (c === 47) break;
      if (isOdd(c)) return false;
    }
    return i >= len || view.indexOf('%', i) < 0;
  }

  run(root: Node<R>): WalkResult<R> {
    return this.node(root, 0);
  }

  push(text: string): void {
    this.texts[this.n++] = text;
  }

  pushAll(texts: string[] | null): boolean {
    if (texts === null) return false;
    for (const t of texts) if (t === '') return false;
    for (const t of texts) this.push(t);
    return true;
  }

  private node(node: Node<R>, at: number): WalkResult<R> {
    // A candidate that nothing else at its node could replace (the static child of a node
    // without edges, the last edge of a node without lax final parts) is followed in this
    // loop rather than by a call: a URL's segments cost no stack frame each.
    // What a failed walk from here collected is dropped here, for whichever candidate it was.
    const mark0 = this.n;
    walk: for (;;) {
      this.steps++;
      const len = this.len;
      if (at === len) {
        const r = this.end(node);
        if (r === null) this.n = mark0;
        return r;
      }
      const view = this.view;
      const p = at + 1;
      // The segment runs from p to the next '/' of the view; an empty one is the rare case.
      if (p === len || view.charCodeAt(p) === 47) {
        const r = this.emptySegment(node, p);
        if (r === null) this.n = mark0;
        return r;
      }
      const statics = node.statics;
      const edges = node.edges;
      if (statics !== null) {
        const child = statics.find(this.real, view, p, len);
        if (child !== null) {
          const q = p + child.text.length;
          if (q > this.clean) this.clean = q;
          if (edges === null) {
            node = child;
            at = q;
            continue;
          }
          const r = this.node(child, q);
          if (r !== null) return r;
        }
      }
      if (edges === null) {
        this.n = mark0;
        return null;
      }
      const last = node.lax ? -1 : edges.length - 1;
      // The segment's text, cut once for all the edges that need it.
      let end = -1;
      let seg: string | null = null;
      for (let k = 0; k < edges.length; k++) {
        const e = edges[k]!;
        if (e.tail !== null) {
          const mark = this.n;
          const r = this.tail(e, p);
          if (r !== null) return e.tail.pathWithMore && !this.shapeOnly && r !== RETRY ? this.segmentsFirst(edges, k, p, mark, r) : r;
          continue;
        }
        if (seg === null) {
          end = this.segmentEnd(p);
          if (end < 0) return RETRY;
          seg = this.real.slice(p, end);
        }
        // The segment pattern's edge (as edge() does, in place).
        this.steps++;
        const mark = this.n;
        const pattern = e.pattern!;
        if (pattern.whole) this.texts[this.n++] = seg;
        else if (!pattern.match(seg, this)) continue;
        if (k === last) {
          node = e.node;
          at = end;
          continue walk;
        }
        const r = this.node(e.node, end);
        if (r !== null) return r;
        this.n = mark;
      }
      if (node.lax && view.charCodeAt(len - 1) === 47) {
        if (end < 0) end = this.segmentEnd(p);
        if (end < 0) return RETRY;
        if (end < len) {
          const r = this.laxTails(edges, p);
          if (r !== null) return r;
        }
      }
      this.n = mark0;
      return null;
    }
  }

  /** The empty segment at p (a '/' right after the last, or a trailing slash when p is the end). */
  private emptySegment(node: Node<R>, p: number): WalkResult<R> {
    const len = this.len;
    if (p !== len) this.hollow = true;
    const child = node.empty;
    if (child !== null) {
      if (p > this.clean) this.clean = p;
      const r = this.node(child, p);
      if (r !== null) return r;
    }
    const edges = node.edges;
    if (edges !== null) {
      // Only final parts take an empty segment (a path converter's text may start with '/').
      for (const e of edges) {
        if (e.tail === null) continue;
        const r = this.tail(e, p);
        if (r !== null) return r;
      }
      if (node.lax && p < len && this.view.charCodeAt(len - 1) === 47) {
        const r = this.laxTails(edges, p);
        if (r !== null) return r;
      }
    }
    // '/foo/' for a rule '/foo' with strictSlashes false
    if (p === len && node.rules !== null) return this.accept(node.rules, true);
    return null;
  }

  /** Where the segment at p ends; on the raw path, read a character at a time, -1 if one is '%', '?' or '#'. */
  private segmentEnd(p: number): number {
    const view = this.view, len = this.len;
    if (!this.raw) {
      const end = view.indexOf('/', p);
      return end < 0 ? len : end;
    }
    let end = p;
    for (; end < len; end++) {
      const c = view.charCodeAt(end);
      if (c === 47) break;
      if (isOdd(c)) return -1;
    }
    if (end > this.clean) this.clean = end;
    return end;
  }

  /** At the end of the path: a rule here, or one a '/' further (it redirects, or matches when not strict). */
  private end(node: Node<R>): WalkResult<R> {
    if (node.rules !== null) {
      const r = this.accept(node.rules, false);
      if (r !== null) return r;
    }
    const s = node.empty;
    if (s !== null && s.rules !== null) return this.slashRule(s.rules);
    return null;
  }

  /** A segment pattern's edge on the segment `seg`, which ends at `end`. */
  private edge(e: Edge<R>, seg: string, end: number): WalkResult<R> {
    const mark = this.n;
    this.steps++;
    const pattern = e.pattern!;
    if (pattern.whole) this.texts[this.n++] = seg;
    else if (!pattern.match(seg, this)) return null;
    const r = this.node(e.node, end);
    if (r === null) this.n = mark;
    return r;
  }

  /** A final part's edge on the rest of the path from p (a slice is O(1) in V8: a view of the path). */
  private tail(e: Edge<R>, p: number): WalkResult<R> {
    this.steps++;
    if (p < this.spanFrom) this.spanFrom = p;
    const t = e.tail!, rules = e.node.rules!;
    const real = this.real.slice(p);
    const view = this.view === this.real ? real : this.view.slice(p);
    const mark = this.n;
    let r: WalkResult<R>;
    if (!t.suffixed) {
      if (!t.match(view, real, this)) return null;
      if (this.oddRest(view)) return RETRY;
      r = this.accept(rules, false);
    } else {
      // Werkzeug's `(?<!/)(/?)` after the part: a trailing slash is taken apart, and what
      // comes before it may not end in '/'; without one, the URL redirects to it.
      const len = view.length;
      if (view.charCodeAt(len - 1) === 47) {
        if (len < 2 || view.charCodeAt(len - 2) === 47) return null;
        if (!t.match(view.slice(0, len - 1), real.slice(0, len - 1), this)) return null;
        if (this.oddRest(view)) return RETRY;
        r = this.accept(rules, false);
      } else {
        if (!t.match(view, real, this)) return null;
        if (this.oddRest(view)) return RETRY;
        r = this.slashRule(rules);
      }
    }
    if (r === null) this.n = mark;
    return r;
  }

  /**
   * SPEC §3: a converter edge at the same place ranks before a path converter followed by more
   * of its rule, where Werkzeug's weights may put the path first. The final part at k matched
   * (`found`); the segment edges ranked after it go first. Tried only now, so each edge is
   * still tried once. Not in the merged-slashes pass, which only decides a redirect, by
   * Werkzeug's order: the redirected URL is then matched with this ranking.
   */
  private segmentsFirst(edges: readonly Edge<R>[], k: number, p: number, mark: number, found: WalkResult<R>): WalkResult<R> {
    const n = this.n;
    const values = this.values.slice(0, n);
    const texts = this.texts.slice(mark, n);
    this.n = mark;
    const end = this.segmentEnd(p);
    if (end < 0) return RETRY;
    const seg = this.real.slice(p, end);
    for (let j = k + 1; j < edges.length; j++) {
      const e = edges[j]!;
      if (e.tail !== null) continue;
      const r = this.edge(e, seg, end);
      if (r !== null) return r;
    }
    for (const t of texts) this.push(t);
    this.values = values;
    return found;
  }

  /**
   * strictSlashes false where more of the rule follows a path converter: Werkzeug never lets
   * such a part take a trailing slash; SPEC §3 has the rule accept both. Tried last at its
   * node, as Werkzeug tries a lax rule's trailing slash after every edge of the node.
   */
  private laxTails(edges: readonly Edge<R>[], p: number): WalkResult<R> {
    if (p < this.spanFrom) this.spanFrom = p;
    const len = this.len - p;
    if (len < 2 || this.view.charCodeAt(this.len - 2) === 47) return null;
    const view = this.view.slice(p, this.len - 1), real = this.real.slice(p, this.len - 1);
    const mark = this.n;
    for (const e of edges) {
      const t = e.tail;
      if (t === null || !t.lax) continue;
      this.steps++;
      if (!t.match(view, real, this)) continue;
      if (this.oddRest(view)) return RETRY;
      const r = this.accept(e.node.rules!, true);
      if (r !== null) return r;
      this.n = mark;
    }
    return null;
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
      // r.methods is not null here: null answers every method.
      const allowed = (this.allowed ??= new Set());
      for (const m of r.methods!) allowed.add(m);
    }
    return null;
  }

  /** At the end of the path, a rule one '' segment further: redirect (strict) or match. */
  private slashRule(rules: readonly R[]): WalkResult<R> {
    for (const r of rules) {
      if (r.methods === null || r.methods.has(this.method)) {
        if (r.strictSlashes) return SLASH;
        if (this.take(r)) return r;
      }
    }
    return null;
  }

  /** On the raw path, whether a final part's text (the rest of the path) holds '%', '?' or '#'. */
  private oddRest(rest: string): boolean {
    return this.raw && ODD.test(rest);
  }

  /** Runs the converters of a candidate on the texts collected; false when one rejects. */
  private take(r: R): boolean {
    if (this.shapeOnly || r.plain) {
      if (this.shapeOnly && this.rejected !== null && this.rejected.has(r)) return false;
      this.values = this.texts;
      return true;
    }
    const texts = this.texts, convs = r.convs, out = new Array<unknown>(this.n);
    for (let i = 0; i < this.n; i++) {
      const c = convs[i];
      const v = c === null || c === undefined ? texts[i] : c.parse(texts[i]!);
      if (v === REJECT) {
        (this.rejected ??= new Set()).add(r);
        return false;
      }
      out[i] = v;
    }
    this.values = out;
    return true;
  }
}
