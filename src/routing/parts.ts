/**
 * A rule's parts as the matcher walks them (Werkzeug's RulePart and Weighting): a static text
 * per static segment, a segment pattern per segment with converters, and from the segment of
 * the first `path` converter on one final part for all the rest of the URL. A part matches by
 * shape alone, as Werkzeug's regexes do, and hands the text of each converter on; the rule's
 * converters run later, on the candidate the walk reaches.
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

/** Adds the pieces' weights to a Weighting: static text lengths, converter weights. */
export function weigh(pieces: readonly PartPiece[], into: Weighting = { staticLens: [], convWeights: [] }): Weighting {
  for (const p of pieces) {
    if (typeof p === 'string') into.staticLens.push(p.length);
    else into.convWeights.push(p.weight);
  }
  return into;
}

/** Where a part puts the texts of its converters (the walk). */
export interface Texts {
  push(text: string): void;
  /** Pushes a split's texts; false when there is none or one is empty (a converter takes one character at least). */
  pushAll(texts: string[] | null): boolean;
}

/** Werkzeug's identity of a part: its regex and its weights (two parts equal in both are one state). */
function partKey(pieces: readonly PartPiece[], weighting: Weighting): string {
  let key = '';
  for (const p of pieces) key += typeof p === 'string' ? JSON.stringify(p) : `<${p.regex}>`;
  return `${key}#${weighting.convWeights.join(',')}`;
}

function splitPieces(pieces: readonly PartPiece[]): SplitPiece[] {
  return pieces.map((p) => (typeof p === 'string' ? p : { regex: p.regex, spans: p.isPath }));
}

/** The static texts around a part's one converter, when it has one and at most a text on each side. */
function around(pieces: readonly PartPiece[]): { prefix: string; suffix: string; conv: Converter } | null {
  if (pieces.length > 3) return null;
  let conv: Converter | null = null;
  for (const p of pieces) {
    if (typeof p === 'string') continue;
    if (conv !== null) return null;
    conv = p;
  }
  if (conv === null) return null;
  const i = pieces.indexOf(conv);
  return {
    prefix: i > 0 ? pieces[0] as string : '',
    suffix: i < pieces.length - 1 ? pieces[pieces.length - 1] as string : '',
    conv,
  };
}

/** A single-segment part with at least one converter. */
export class SegPattern {
  readonly key: string;
  readonly weighting: Weighting;
  /** One converter that takes any text, alone in its segment (`<name>`): the segment is its text. */
  readonly whole: boolean;
  private readonly prefix: string;
  private readonly suffix: string;
  /** One converter between static texts: its shape test (null: any text). */
  private readonly single: ((text: string) => boolean) | null | undefined;
  private readonly splitter: Splitter | null;
  private readonly statics: string[];

  /** The pattern of a segment that is one converter (`<name>`, `<int:id>`): one per converter. */
  static alone(conv: Converter): SegPattern {
    let pattern = ALONE.get(conv);
    if (pattern === undefined) ALONE.set(conv, (pattern = new SegPattern([conv])));
    return pattern;
  }

  constructor(pieces: readonly PartPiece[]) {
    this.weighting = weigh(pieces);
    this.key = partKey(pieces, this.weighting);
    this.statics = pieces.filter((p): p is string => typeof p === 'string');
    const one = around(pieces);
    this.prefix = one?.prefix ?? '';
    this.suffix = one?.suffix ?? '';
    this.single = one === null ? undefined : one.conv.test;
    this.splitter = one === null ? new Splitter(splitPieces(pieces)) : null;
    this.whole = one !== null && one.conv.test === null && this.prefix === '' && this.suffix === '';
  }

  /** Matches one decoded segment by shape, pushing each converter's text; false when it does not fit. */
  match(seg: string, walk: Texts): boolean {
    const test = this.single;
    if (test !== undefined) {
      const pl = this.prefix.length, sl = this.suffix.length;
      let text = seg;
      if (pl !== 0 || sl !== 0) {
        if (seg.length <= pl + sl || !seg.startsWith(this.prefix) || !seg.endsWith(this.suffix)) return false;
        text = seg.slice(pl, seg.length - sl);
      }
      if (test !== null && !test(text)) return false;
      walk.push(text);
      return true;
    }
    // Cheap check first: most segments that do not fit lack a static piece.
    if (!this.staticsInOrder(seg)) return false;
    return walk.pushAll(this.splitter!.split(seg));
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
}

const ALONE = new WeakMap<Converter, SegPattern>();

/**
 * A final part: everything from the segment of a rule's first `path` converter on, matched on
 * the rest of the URL at once, as Werkzeug's one regex for it does.
 */
export class Tail {
  readonly key: string;
  readonly weighting: Weighting;
  /**
   * More of the rule follows the first path converter (a trailing slash aside): SPEC §3 ranks a
   * converter edge at the same place before it, and strictSlashes false lets it take one more
   * trailing slash.
   */
  readonly pathWithMore: boolean;
  /** Some rule of it has strictSlashes false and pathWithMore: it also takes the URL with one more slash. */
  lax = false;
  private readonly prefix: string;
  private readonly suffix: string;
  /** Null for one path converter between static texts: its value is what they leave. */
  private readonly splitter: Splitter | null;

  /**
   * `suffixed`: the rule ends in '/' (Werkzeug's suffixed part), which `pieces` leave out.
   * `weighting` is Werkzeug's for all its pieces, the '/' between segments being none.
   */
  constructor(pieces: readonly PartPiece[], readonly suffixed: boolean, weighting: Weighting) {
    this.weighting = weighting;
    this.key = partKey(pieces, weighting) + (suffixed ? '/' : '');
    const first = pieces.findIndex((p) => typeof p !== 'string' && p.isPath);
    this.pathWithMore = first < pieces.length - 1;
    const one = around(pieces);
    this.prefix = one?.prefix ?? '';
    this.suffix = one?.suffix ?? '';
    this.splitter = one === null ? new Splitter(splitPieces(pieces), true) : null;
  }

  /**
   * Matches the rest of the URL by shape, pushing each converter's text. `view` is the rest with
   * every '/' inside a segment written as U+E000, so that a '/' in it is a separator; the
   * values are sliced from `real`.
   */
  match(view: string, real: string, walk: Texts): boolean {
    if (this.splitter !== null) return walk.pushAll(this.splitter.split(view, real));
    const pl = this.prefix.length, sl = this.suffix.length, len = view.length;
    if (len <= pl + sl || (pl !== 0 && !view.startsWith(this.prefix)) || (sl !== 0 && !view.endsWith(this.suffix))) return false;
    // The path's first character ([^/]) is no separator.
    if (view.charCodeAt(pl) === 47) return false;
    walk.push(pl === 0 && sl === 0 ? real : real.slice(pl, len - sl));
    return true;
  }
}
