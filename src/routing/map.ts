/**
 * UrlMap: Werkzeug's Map for the browser. It holds the rules, matches a path to an endpoint
 * and its params (through the trie in matcher.ts), and builds URLs back. It works on the
 * path after the app's base and knows nothing of the app. Every URL it builds matches its
 * own rule again with the same values: a value that would not is a BuildError.
 */
import { DEV, prodMessage } from '../dev.js';
import { BadRequest, BuildError, HTTPException, MethodNotAllowed, NotFound, PhialError, RequestRedirect, RuleError } from '../errors.js';
import { closest, encodeAnchor, encodePathText, encodeQuery, UnbuildableValue } from './build.js';
import { ConverterArgError, createConverter, describe, REJECT, type Converter, type ConverterSpec } from './converters.js';
import { Node, RETRY, SLASH, Walk, type WalkResult } from './matcher.js';
import { SegPattern, Tail, weigh, type PartPiece, type Weighting } from './parts.js';
import { parseRule, ruleProblem, type ParsedRule, type VariablePiece } from './rule.js';

export type { ConverterSpec } from './converters.js';

/** Options of one rule. */
export interface RuleOptions {
  endpoint: string;
  /** Methods the rule answers; omitted means any. GET implies HEAD. */
  methods?: readonly string[];
  /** Values the view gets without them being in the URL; see SPEC §3 on defaults. */
  defaults?: Record<string, unknown>;
  strictSlashes?: boolean;
  mergeSlashes?: boolean;
}

/** A registered rule, as `urlMap.rules` lists them. */
export interface Rule {
  readonly rule: string;
  readonly endpoint: string;
  readonly methods: ReadonlySet<string> | null;
  readonly defaults: Readonly<Record<string, unknown>> | null;
  /** Every value the rule takes: its variables and its defaults' keys. */
  readonly arguments: ReadonlySet<string>;
  readonly strictSlashes: boolean;
  readonly mergeSlashes: boolean;
}

/** The result of `urlMap.match`. */
export interface MatchResult {
  endpoint: string;
  params: Record<string, unknown>;
  rule: Rule;
}

export interface UrlMapOptions {
  strictSlashes?: boolean;
  mergeSlashes?: boolean;
}

/**
 * Why a rule cannot build a URL for the values: a code (P320-P326) and a short text for
 * production, the values involved in development (`problem`, empty in production).
 */
interface Unbuildable {
  readonly code: number;
  readonly short: string;
  /** The variable whose value it is ('' when it is the URL as a whole). */
  readonly name: string;
  readonly problem: string;
}

/** A variable of a rule's build plan. */
interface BuildVar {
  readonly name: string;
  readonly conv: Converter;
  /** A `path` value keeps its '/'. */
  readonly keepSlash: boolean;
  /** How its segment could come out as '.' or '..' (see DOTS_*). */
  readonly dots: number;
}

/** The value never makes a '.' or '..' segment: its segment holds other text. */
const DOTS_NEVER = 0;
/** The value is its segment: '.' and '..' are checked on it. */
const DOTS_ALONE = 1;
/** A path value, or one beside only dots or other values: a value with a '.' has the URL checked. */
const DOTS_CHECK = 2;

/** A rule compiled for matching (its parts) and for building (its plan). */
interface Compiled {
  /** Variable names in the order the matcher collects their values. */
  names: string[];
  /** Converters of the names, in the same order. */
  convs: Converter[];
  parts: Array<string | SegPattern | Tail>;
  /** Static text (encoded, with the slashes) and variables in URL order. */
  plan: Array<string | BuildVar>;
  /** A segment holds several values, or values follow a path value: a built URL is matched back. */
  ambiguous: boolean;
  /** The path variable right before the rule's trailing '/', if any. */
  pathBeforeSlash: string | null;
}

class RuleImpl implements Rule {
  readonly names: string[];
  readonly hasProtoName: boolean;
  readonly defaultsHaveProto: boolean;
  /** Rules of the same endpoint with defaults that this rule redirects to (Werkzeug's redirect_defaults). */
  defaultProviders: readonly RuleImpl[] = NO_RULES;
  /** The rules of its endpoint, in Werkzeug's build order (one list shared by them); null while it is alone. */
  siblings: RuleImpl[] | null = null;
  /** The converter of each value in match order, null where the text is the value (matcher.ts's RuleEntry). */
  readonly convs: ReadonlyArray<Converter | null>;
  readonly plain: boolean;
  readonly answersGet: boolean;
  /** Its converters with their arguments: two rules on one trie path are duplicates only when these agree. */
  readonly convKey: string;
  /** The names a build must be given: those without a default. */
  private readonly needed: string[];
  private readonly defaultKeys: readonly string[];
  /** The whole path of a rule without variables, already encoded. */
  readonly staticPath: string | null;
  /** staticPath while the rule is alone on its endpoint and has no defaults: what a build without values gives. */
  bare: string | null;
  private readonly plan: Array<string | BuildVar>;
  private readonly ambiguous: boolean;
  private readonly pathBeforeSlash: string | null;
  /** The converters of names, in the same order. */
  private readonly nameConvs: readonly Converter[];
  private verifier: UrlMap | null = null;
  private argumentSet: Set<string> | null = null;

  constructor(
    readonly rule: string,
    readonly endpoint: string,
    readonly methods: ReadonlySet<string> | null,
    readonly defaults: Readonly<Record<string, unknown>> | null,
    readonly strictSlashes: boolean,
    readonly mergeSlashes: boolean,
    compiled: Compiled,
    readonly order: number,
    private readonly converters: ReadonlyMap<string, ConverterSpec>,
  ) {
    const { names, convs } = compiled;
    this.names = names;
    let plain = true, convKey = '';
    for (let i = 0; i < convs.length; i++) {
      if (!convs[i]!.acceptsAnything) plain = false;
      convKey += (i === 0 ? '' : '|') + convs[i]!.key;
    }
    // A plain rule's values are its texts: the walk never reads its convs.
    this.convs = plain ? NO_CONVS : convs.map((c) => (c.acceptsAnything ? null : c));
    this.plain = plain;
    this.convKey = convKey;
    this.nameConvs = convs;
    this.hasProtoName = names.includes('__proto__');
    this.defaultKeys = defaults === null ? NO_NAMES : Object.keys(defaults);
    this.needed = defaults === null ? names : names.filter((n) => !hasOwn(defaults, n));
    this.defaultsHaveProto = defaults !== null && hasOwn(defaults, '__proto__');
    this.answersGet = methods === null || methods.has('GET');
    this.plan = compiled.plan;
    this.staticPath = names.length === 0 ? compiled.plan.join('') : null;
    this.bare = defaults === null ? this.staticPath : null;
    this.ambiguous = compiled.ambiguous;
    this.pathBeforeSlash = compiled.pathBeforeSlash;
  }

  /** Whether `key` is one of its arguments (the others of a build go to the query). */
  takes(key: string): boolean {
    return this.defaults === null ? this.names.includes(key) : this.arguments.has(key);
  }

  /** Made on first use: most rules are never built with extra values. */
  get arguments(): ReadonlySet<string> {
    return (this.argumentSet ??= new Set(this.defaults === null ? this.names : [...this.names, ...this.defaultKeys]));
  }

  /** Werkzeug's suitable_for: every argument given or defaulted, and no default contradicted. */
  suitableFor(values: Record<string, unknown>, method: string | undefined): boolean {
    if (method !== undefined && (method === 'GET' ? !this.answersGet : this.methods !== null && !this.methods.has(method))) return false;
    for (const key of this.needed) if (own(values, key) === undefined) return false;
    const d = this.defaults;
    if (d !== null) {
      for (const key of this.defaultKeys) {
        const v = own(values, key);
        if (v !== undefined && v !== null && !sameValue(v, d[key])) return false;
      }
    }
    return true;
  }

  /**
   * The path for `values`, or an error message saying which value cannot be built; with
   * `unchecked` (suitableFor was not asked), null when a value is missing.
   */
  buildPath(values: Record<string, unknown>, unchecked = false): string | Unbuildable | null {
    if (this.staticPath !== null) return this.staticPath;
    let out = '';
    let checkDots = false;
    for (const step of this.plan) {
      if (typeof step === 'string') {
        out += step;
        continue;
      }
      let v = own(values, step.name);
      if (v === undefined && this.defaults !== null) v = own(this.defaults, step.name);
      if (v === undefined && unchecked) return null;
      const conv = step.conv;
      let raw: string;
      try {
        raw = conv.toUrl(v);
      } catch (e) {
        // A TypeError from a built-in's String(value): Object.create(null), a symbol
        if (!DEV) return { code: 320, short: 'a value its converter cannot write', name: step.name, problem: '' };
        const why = conv.builtin && e instanceof TypeError
          ? `(${describe(v)}) has no text form; pass a string or a number`
          : typeof (e as Error | null)?.message === 'string' && (e as Error).message !== '' ? (e as Error).message : 'is rejected by its converter';
        return { code: 320, short: '', name: step.name, problem: `the value for '${step.name}' ${why}` };
      }
      if (raw === '') return { code: 321, short: 'a value written as empty text', name: step.name, problem: DEV ? `the value for '${step.name}' is empty (${describe(v)})` : '' };
      // A custom converter's text must be accepted back by its own toValue.
      if (!conv.builtin && conv.parse(raw) === REJECT) {
        return { code: 322, short: "a value its converter's toValue rejects back", name: step.name, problem: DEV ? `the value for '${step.name}' becomes ${JSON.stringify(raw)}, which ${conv.name}.toValue rejects` : '' };
      }
      let text: string;
      try {
        text = encodePathText(raw, step.keepSlash);
      } catch {
        return { code: 323, short: 'a value with a lone UTF-16 surrogate', name: step.name, problem: DEV ? `the value for '${step.name}' holds a lone UTF-16 surrogate and cannot be percent-encoded` : '' };
      }
      if (step.dots === DOTS_ALONE ? text === '.' || text === '..' : step.dots === DOTS_CHECK && text.indexOf('.') >= 0) checkDots = true;
      out += text;
    }
    if (this.pathBeforeSlash !== null && out.endsWith('//')) {
      return { code: 324, short: "a path value ending in '/' before the rule's trailing slash", name: this.pathBeforeSlash, problem: DEV ? `the value for '${this.pathBeforeSlash}' ends with '/', right before the rule's own trailing slash: the URL would end in '//' and not match back` : '' };
    }
    if (checkDots && DOT_SEGMENT.test(out)) {
      return { code: 325, short: "values making a '.' or '..' segment", name: '', problem: DEV ? `it would build ${out}, whose '.' or '..' segment the browser's URL parser resolves away` : '' };
    }
    if (this.ambiguous && !this.matchesBack(out, values)) {
      return { code: 326, short: 'values that would match back as other values', name: '', problem: DEV ? `the URL ${out} would match this rule with other values (a converter's text runs into its neighbour's); choose values that keep them apart` : '' };
    }
    return out;
  }

  private matchesBack(path: string, values: Record<string, unknown>): boolean {
    if (this.verifier === null) {
      const m = new UrlMap({ strictSlashes: this.strictSlashes, mergeSlashes: false });
      for (const [n, c] of this.converters) m.addConverter(n, c);
      m.add(this.rule, { endpoint: this.endpoint, strictSlashes: this.strictSlashes, mergeSlashes: false });
      this.verifier = m;
    }
    let got: MatchResult;
    try { got = this.verifier.match(path); } catch { return false; }
    for (let i = 0; i < this.names.length; i++) {
      const name = this.names[i]!, conv = this.nameConvs[i];
      let v = own(values, name) ?? (this.defaults !== null ? own(this.defaults, name) : undefined);
      try { v = conv ? conv.toValue(conv.toUrl(v)) : v; } catch { return false; }
      if (!sameValue(got.params[name], v)) return false;
    }
    return true;
  }
}

/** An own value, never one inherited from Object.prototype (a rule may name a variable 'constructor'); null counts as absent. */
function own(o: Record<string, unknown>, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(o, key) ? (o[key] ?? undefined) : undefined;
}

/** Whether for…in finds no key in `o` (what goes to a build's query is found the same way). */
function hasNoKeys(o: object): boolean {
  for (const _ in o) return false;
  return true;
}

function hasOwn(o: object, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(o, key);
}

function isDots(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) !== 46) return false;
  return true;
}

const EMPTY: Record<string, never> = Object.freeze({}) as Record<string, never>;
const NO_RULES: readonly RuleImpl[] = Object.freeze([]);
const NO_NAMES: readonly string[] = Object.freeze([]);
const NO_CONVS: ReadonlyArray<Converter | null> = Object.freeze([]);

const DOT_SEGMENT = /\/\.\.?(?:\/|$)/;

function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a === 'object' && typeof b === 'object' && a && b) {
    try { return JSON.stringify(a) === JSON.stringify(b); } catch { return false; }
  }
  return false;
}

function isMethodName(m: string): boolean {
  if (m === '') return false;
  for (let i = 0; i < m.length; i++) {
    const c = m.charCodeAt(i) | 32;
    if (c < 97 || c > 122) return false;
  }
  return true;
}

function normalizeMethods(rule: string, methods: readonly string[] | undefined): Set<string> | null {
  if (methods === undefined || methods === null) return null;
  if (!Array.isArray(methods) && typeof methods !== 'object') {
    throw DEV ? new RuleError(rule, 1, `methods must be a list of HTTP methods, got ${describe(methods)}`, "Pass methods: ['GET', 'POST'].")
      : new RuleError(rule, 1, ruleProblem(310, 'methods must be a list of HTTP methods'), '');
  }
  const set = new Set<string>();
  for (const m of methods) {
    if (typeof m !== 'string' || !isMethodName(m)) {
      throw DEV ? new RuleError(rule, 1, `${describe(m)} is not an HTTP method`, "Pass methods such as ['GET', 'POST'].")
        : new RuleError(rule, 1, ruleProblem(311, 'not an HTTP method'), '');
    }
    set.add(m.toUpperCase());
  }
  if (set.has('GET')) set.add('HEAD');
  return set;
}

function decodeSegments(path: string): string[] | BadRequest {
  const raw = path.split('/');
  for (let i = 0; i < raw.length; i++) {
    const s = raw[i]!;
    if (s.indexOf('%') < 0) continue;
    try {
      raw[i] = decodeURIComponent(s);
    } catch {
      return new BadRequest(DEV ? `The URL segment ${JSON.stringify(s.length > 80 ? s.slice(0, 80) + '…' : s)} holds a malformed percent-escape or one that is not UTF-8; write '%' as %25 and escape text as UTF-8.`
        : 'The URL holds a malformed percent-escape.');
    }
  }
  return raw;
}

/** A redirect target spelled as Werkzeug would: each segment decoded, then quoted again. */
function canonical(path: string): string {
  const body = path.slice(1);
  const segs = body.indexOf('%') < 0 ? body.split('/') : decodeSegments(body);
  if (segs instanceof BadRequest) return path; // already matched once, so never malformed
  return '/' + segs.map(quoteSegment).join('/');
}

/** A segment quoted for a redirect; a lone surrogate (only a raw path can hold one) becomes U+FFFD. */
function quoteSegment(text: string): string {
  return encodePathText(wellFormed(text), false);
}

function wellFormed(text: string): string {
  return text.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
}

/**
 * A routing redirect to `path` (already quoted) with what followed it in the URL: controls,
 * spaces and non-ASCII there are escaped, so `newUrl` is a plain path of this origin.
 */
function redirectTo(path: string, tail: string): RequestRedirect {
  if (tail !== '' && !/^[\x21-\x7e]*$/.test(tail)) {
    tail = tail.replace(/[^\x21-\x7e]+/g, (run) => encodeURIComponent(wellFormed(run)));
  }
  return new RequestRedirect(path + tail);
}

// A 404 is part of every navigation mix: built without the Error constructor, so no stack is
// captured (that costs more than the match); same class, fields and message.
function notFound(): NotFound {
  const e = Object.create(NotFound.prototype) as NotFound & { code: number; description: string; message: string; response: null };
  e.code = 404;
  e.description = NotFound.defaultDescription;
  e.message = NOT_FOUND_MESSAGE;
  e.response = null;
  return e;
}
const NOT_FOUND_MESSAGE = `404 Not Found: ${NotFound.defaultDescription}`;

function cheap<T extends Error>(make: () => T): T {
  const ErrorCtor = Error as unknown as { stackTraceLimit?: number };
  const limit = ErrorCtor.stackTraceLimit;
  ErrorCtor.stackTraceLimit = 0;
  try { return make(); } finally { ErrorCtor.stackTraceLimit = limit; }
}

/**
 * The URL map of an app: rules, converters, matching and building (Werkzeug's Map and
 * MapAdapter in one). Paths are relative to the app's base.
 * @example
 * const map = new UrlMap();
 * map.add('/user/<int:id>', { endpoint: 'user' });
 * map.match('/user/7');              // { endpoint: 'user', params: { id: 7 } } (and .rule)
 * map.build('user', { id: 7, tab: 'posts' }); // '/user/7?tab=posts'
 */
export class UrlMap {
  readonly strictSlashes: boolean;
  readonly mergeSlashes: boolean;
  private readonly root = new Node<RuleImpl>();
  private readonly converters = new Map<string, ConverterSpec>();
  /** The first rule of each endpoint in build order (its siblings are the others). */
  private readonly byEndpoint = new Map<string, RuleImpl>();
  private readonly all: RuleImpl[] = [];
  /** Some rule's static text holds '%', '?' or '#': a walk on the raw path could match it where the decoded one does not. */
  private oddStatics = false;
  /** Steps the last match took (trie nodes, converter tries, path ends): for tests of the bound. */
  lastMatchSteps = 0;

  constructor(options: UrlMapOptions = {}) {
    this.strictSlashes = options.strictSlashes ?? true;
    this.mergeSlashes = options.mergeSlashes ?? true;
  }

  /** Every rule, in registration order. */
  get rules(): readonly Rule[] {
    return this.all;
  }

  /**
   * Registers a custom converter for the rules added after it.
   * @example
   * map.addConverter('hex', { toValue: (t) => { if (!/^[0-9a-f]+$/.test(t)) throw new Error(); return parseInt(t, 16); }, toUrl: (v) => (v as number).toString(16) });
   */
  addConverter(name: string, converter: ConverterSpec): void {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) {
      throw DEV ? new RuleError(`<${name}:…>`, 2, `${JSON.stringify(name)} is not a valid converter name`, 'Use letters, digits and _, not starting with a digit.')
        : new RuleError(`<${name}:…>`, 2, ruleProblem(312, 'not a valid converter name'), '');
    }
    if (!converter || typeof converter.toValue !== 'function' || typeof converter.toUrl !== 'function') {
      throw DEV ? new RuleError(`<${name}:…>`, 2, `converter '${name}' needs toValue(text) and toUrl(value) functions`, 'Pass { toValue, toUrl, weight? }.')
        : new RuleError(`<${name}:…>`, 2, ruleProblem(313, 'a converter needs toValue and toUrl'), '');
    }
    if (converter.weight !== undefined && (typeof converter.weight !== 'number' || !Number.isFinite(converter.weight))) {
      throw DEV ? new RuleError(`<${name}:…>`, 2, `converter '${name}' has weight ${describe(converter.weight)}`, 'Give a finite number (the built-ins use 50-200; lower ranks first).')
        : new RuleError(`<${name}:…>`, 2, ruleProblem(314, "a converter's weight is not a finite number"), '');
    }
    this.converters.set(name, converter);
  }

  /** Whether `endpoint` has a rule. */
  hasEndpoint(endpoint: string): boolean {
    return this.byEndpoint.has(endpoint);
  }

  /** Whether some rule of `endpoint` takes a value named `name` (for urlDefaults hooks). */
  isEndpointExpecting(endpoint: string, name: string): boolean {
    const first = this.byEndpoint.get(endpoint);
    if (!first) {
      throw new BuildError(endpoint, {}, DEV ? unknownEndpointMessage(this.byEndpoint.keys(), endpoint, 'isEndpointExpecting') : prodMessage(327, `unknown endpoint '${endpoint}'`), closest(endpoint, this.byEndpoint.keys()));
    }
    return (first.siblings ?? [first]).some((r) => r.arguments.has(name));
  }

  /**
   * Adds a rule. Throws RuleError naming the rule and the column for bad syntax, an unknown
   * converter or bad converter arguments; warns when it duplicates an earlier rule.
   */
  add(rule: string, options: RuleOptions): Rule {
    const endpoint = options?.endpoint;
    if (typeof endpoint !== 'string' || endpoint === '') {
      throw DEV ? new RuleError(String(rule), 1, 'the rule has no endpoint', 'Pass { endpoint: "name" } (the app uses the view function\'s name).')
        : new RuleError(String(rule), 1, ruleProblem(315, 'a rule without an endpoint'), '');
    }
    const strictSlashes = options.strictSlashes ?? this.strictSlashes;
    const mergeSlashes = options.mergeSlashes ?? this.mergeSlashes;
    const methods = normalizeMethods(rule, options.methods);
    let defaults: Record<string, unknown> | null = null;
    if (options.defaults !== undefined && options.defaults !== null) {
      if (typeof options.defaults !== 'object' || Array.isArray(options.defaults)) {
        throw DEV ? new RuleError(rule, 1, `defaults must be an object, got ${describe(options.defaults)}`, 'Pass defaults: { page: 1 }.')
          : new RuleError(rule, 1, ruleProblem(316, 'defaults must be an object'), '');
      }
      defaults = Object.freeze({ ...options.defaults });
    }
    const parsed = parseRule(rule, mergeSlashes);
    const compiled = this.compile(rule, parsed);
    const impl = new RuleImpl(rule, endpoint, methods, defaults, strictSlashes, mergeSlashes, compiled, this.all.length, this.converters);

    // Down the trie, one node per part; a final part holds its rules itself.
    let node = this.root;
    for (const part of compiled.parts) {
      if (typeof part === 'string') node = node.staticChild(part);
      else if (part instanceof SegPattern) node = node.dynamicChild(part);
      else {
        const edge = node.finalPart(part);
        if (!strictSlashes && part.pathWithMore && !part.suffixed) edge.tail!.lax = node.lax = true;
        node = edge.node;
      }
    }
    for (const other of node.rules ?? NO_RULES) {
      if (other.convKey === impl.convKey && overlaps(other.methods, impl.methods)) {
        console.warn(DEV ? `Phial: the rule ${JSON.stringify(rule)} (endpoint '${endpoint}') matches exactly the URLs of ${JSON.stringify(other.rule)} (endpoint '${other.endpoint}') for the same methods, so it will never match: the first one wins. Remove one, or give them different methods.`
          : prodMessage(317, `the rule ${JSON.stringify(rule)} duplicates ${JSON.stringify(other.rule)}`));
        break;
      }
    }
    if (node.rules === null) node.rules = [impl];
    else node.rules.push(impl);
    this.all.push(impl);
    // (A converter's arguments may hold one too: that only costs this map the fast walk.)
    if (rule.indexOf('%') >= 0 || rule.indexOf('?') >= 0 || rule.indexOf('#') >= 0) this.oddStatics = true;

    const first = this.byEndpoint.get(endpoint);
    if (first === undefined) {
      this.byEndpoint.set(endpoint, impl);
      return impl;
    }
    const list = (first.siblings ??= [first]);
    list.push(impl);
    impl.siblings = list;
    first.bare = impl.bare = null;
    // Werkzeug's build order: more arguments first, then more defaults, then registration.
    list.sort((a, b) => b.arguments.size - a.arguments.size || sizeOf(b.defaults) - sizeOf(a.defaults) || a.order - b.order);
    this.byEndpoint.set(endpoint, list[0]!);
    for (const r of list) {
      const providers: RuleImpl[] = [];
      for (const p of list) {
        if (p === r) break;
        if (p.defaults && sameSet(p.arguments, r.arguments)) providers.push(p);
      }
      r.defaultProviders = providers;
    }
    return impl;
  }

  /**
   * Werkzeug's parts of a rule: a static text or a segment pattern per segment, up to the
   * segment of its first `path` converter; from there one final part (a Tail) for the rest.
   * And its build plan: the encoded static text between its variables.
   */
  private compile(rule: string, parsed: ParsedRule): Compiled {
    const names: string[] = [];
    const convs: Converter[] = [];
    const parts: Compiled['parts'] = [];
    const plan: Compiled['plan'] = [];
    let text = '';
    let ambiguous = false;
    // The final part, once a path converter is seen: its pieces and its weighting.
    let tail: PartPiece[] | null = null;
    let tailWeighting: Weighting | null = null;
    for (const seg of parsed) {
      const pieces: PartPiece[] = [];
      const vars: BuildVar[] = [];
      let dotsOnly = true;
      let hasPath = false;
      text += '/';
      for (const p of seg) {
        if (p.kind === 'static') {
          pieces.push(p.text);
          text += encodePathText(p.text, true);
          if (dotsOnly && !isDots(p.text)) dotsOnly = false;
          continue;
        }
        const conv = this.converter(rule, p);
        const name = p.name;
        pieces.push(conv);
        names.push(name);
        convs.push(conv);
        if (conv.isPath) hasPath = true;
        const step = { name, conv, keepSlash: conv.isPath, dots: DOTS_NEVER };
        vars.push(step);
        if (text !== '') plan.push(text);
        plan.push(step);
        text = '';
      }
      // Only a path value, or a segment of values and dots, can come out as '.' or '..'.
      const dots = hasPath || (dotsOnly && pieces.length > 1) ? DOTS_CHECK : pieces.length === 1 ? DOTS_ALONE : DOTS_NEVER;
      for (const v of vars) (v as { dots: number }).dots = dots;
      if (vars.length > 1 || (tail !== null && vars.length !== 0)) ambiguous = true;
      if (tail === null && !hasPath) {
        // A static segment is one text ('' for an empty one), a segment of one converter a shared pattern.
        parts.push(vars.length === 0 ? (pieces.length === 0 ? '' : pieces[0] as string) : pieces.length === 1 ? SegPattern.alone(pieces[0] as Converter) : new SegPattern(pieces));
        continue;
      }
      // Werkzeug weighs the final part by all its static pieces and converters; the '/'
      // between its segments is no static piece.
      if (tail === null) tail = [];
      else tail.push('/');
      tail.push(...pieces);
      tailWeighting = weigh(pieces, tailWeighting ?? undefined);
    }
    if (text !== '') plan.push(text);
    if (tail !== null) {
      // Adjacent static texts as one, and a trailing '/' taken apart (Werkzeug's suffixed part).
      const merged: PartPiece[] = [];
      for (const p of tail) {
        const last = merged[merged.length - 1];
        if (typeof p === 'string' && typeof last === 'string') merged[merged.length - 1] = last + p;
        else merged.push(p);
      }
      const end = merged[merged.length - 1];
      const suffixed = typeof end === 'string' && end.endsWith('/');
      if (suffixed) {
        if (end === '/') merged.pop();
        else merged[merged.length - 1] = end.slice(0, -1);
      }
      parts.push(new Tail(merged, suffixed, tailWeighting!));
    }
    // '/<path:p>/': the segment before the rule's trailing '/' ends with a path value.
    const lastStep = plan[plan.length - 1];
    const pathBeforeSlash = lastStep === '/' && typeof plan[plan.length - 2] === 'object' && (plan[plan.length - 2] as BuildVar).keepSlash
      ? (plan[plan.length - 2] as BuildVar).name : null;
    return { names, convs, parts, plan, ambiguous, pathBeforeSlash };
  }

  /** The converter of a variable, or a RuleError naming it. */
  private converter(rule: string, p: VariablePiece): Converter {
    let conv: Converter | undefined;
    try {
      conv = createConverter(p.converter, p.args, this.converters);
    } catch (e) {
      if (e instanceof ConverterArgError) {
        throw DEV ? new RuleError(rule, p.converterColumn, `bad arguments for converter '${p.converter}': ${e.message}`, `Check the arguments of <${p.converter}(${p.argText}):${p.name}>.`)
          : new RuleError(rule, p.converterColumn, ruleProblem(318, 'bad converter arguments'), '');
      }
      throw e;
    }
    if (conv !== undefined) return conv;
    if (!DEV) throw new RuleError(rule, p.converterColumn, ruleProblem(319, `unknown converter '${p.converter}'`), '');
    const known = ['string', 'int', 'float', 'path', 'uuid', 'any', ...this.converters.keys()];
    const near = closest(p.converter, known);
    throw new RuleError(rule, p.converterColumn, `unknown converter '${p.converter}'`,
      `${near ? `Did you mean '${near}'? ` : ''}Use one of ${known.join(', ')}, or register it first with app.addConverter('${p.converter}', { toValue, toUrl }).`);
  }

  /**
   * Matches `path` (after the base, optionally with '?query') for `method`.
   * Returns the endpoint and params, or throws NotFound, MethodNotAllowed, BadRequest, or
   * RequestRedirect (slashes, merged slashes, defaults) whose `newUrl` keeps the query.
   */
  match(path: string, method = 'GET'): MatchResult {
    const result = this.tryMatch(path, method);
    if (result instanceof HTTPException) throw result;
    // SPEC §3 answers { endpoint, params }, as Werkzeug's (endpoint, params): the rule stays
    // readable but out of the way of a deep comparison or a spread.
    Object.defineProperty(result, 'rule', { enumerable: false });
    return result;
  }

  /**
   * `match` that returns the NotFound, MethodNotAllowed, BadRequest or RequestRedirect instead
   * of throwing it: what the dispatcher uses, since a throw costs more than the match itself.
   * @example
   * const m = map.tryMatch('/nope');
   * if (m instanceof NotFound) console.log(m.code); // 404
   */
  tryMatch(path: string, method = 'GET'): MatchResult | HTTPException {
    if (typeof path !== 'string' || typeof method !== 'string') badMatchArguments(path, method);
    const m = method === 'GET' ? method : method.toUpperCase();
    // The common case first: the walk on the path as it is. It gives up (RETRY) on a converter's
    // text holding an escape, a query or a fragment, so a match or redirect it finds stands; a
    // miss stands when the rest of the path holds none either, nor '//' that merging could
    // save. Else the full match below. (A rule's static text with '%', '?' or '#' would match
    // the raw path where the decoded one does not: such a map always matches the full way.)
    if (path.charCodeAt(0) === 47 && path.charCodeAt(1) !== 47 && !this.oddStatics) {
      const walk = new Walk<RuleImpl>(path, path, m, true);
      const found = this.run(walk);
      if (found === null) {
        if (walk.missIsFinal(this.mergeSlashes)) return this.noMatch(walk, m);
      } else if (found === SLASH) {
        return redirectTo(canonical(path) + '/', '');
      } else if (found !== RETRY) {
        return this.result(found as RuleImpl, walk.values, m, '');
      }
    }
    return this.fullMatch(path, m);
  }

  /** tryMatch for any path: the query and fragment cut off, escapes decoded, slashes merged. */
  private fullMatch(path: string, m: string): MatchResult | HTTPException {
    let cut = path.indexOf('?');
    const hash = path.indexOf('#');
    if (hash >= 0 && (cut < 0 || hash < cut)) cut = hash;
    // What follows the path ('?query#hash') takes no part in matching; redirects keep it.
    let query = '';
    if (cut >= 0) {
      query = path.slice(cut);
      if (query === '?' || query === '#') query = '';
      path = path.slice(0, cut);
    }
    // The bare base ('/app' for an app under '/app') is the base's root: redirect there, as Werkzeug does.
    if (path === '') return redirectTo('/', query);
    if (path.charCodeAt(0) !== 47) path = '/' + path;
    if (path.charCodeAt(1) === 47) {
      // '//host' would be a link to another site: send it to the one-slash path, each segment
      // quoted, so that '//\\evil.com' or '//\t/evil.com' cannot become '/\\evil.com' or '//evil.com'.
      const segs = decodeSegments(path.replace(/^\/+/, ''));
      if (segs instanceof BadRequest) return segs;
      return redirectTo('/' + segs.map(quoteSegment).join('/'), query);
    }
    let walk = this.decodedWalk(path, m, null);
    if (walk instanceof BadRequest) return walk;
    let found = this.run(walk);
    if (found === SLASH) return redirectTo(canonical(path) + '/', query);
    if (found === null && this.mergeSlashes && path.indexOf('//') >= 0) {
      // As Werkzeug: the merged path redirects when a rule takes it by shape; its converters
      // run after the redirect (those that rejected this URL are no candidates).
      const merged = path.replace(/\/{2,}/g, '/');
      const first = walk;
      walk = this.decodedWalk(merged, m, first) as Walk<RuleImpl>;
      found = this.run(walk);
      this.lastMatchSteps += first.steps;
      if (found === SLASH) return redirectTo(canonical(merged) + '/', query);
      if (found !== null && (found as RuleImpl).mergeSlashes) return redirectTo(canonical(merged), query);
      found = null;
      // The methods of both passes, as Werkzeug collects them.
      if (first.allowed !== null) {
        if (walk.allowed === null) walk.allowed = first.allowed;
        else for (const a of first.allowed) walk.allowed.add(a);
      }
    }
    if (found === null) return this.noMatch(walk, m);
    return this.result(found as RuleImpl, walk.values, m, query);
  }

  /**
   * A walk over `path` with its escapes decoded (a 400 for a malformed one); after `first`, a
   * walk by shape alone (the merged-slashes pass), where the rules that `first` rejected are no
   * candidates.
   */
  private decodedWalk(path: string, m: string, first: Walk<RuleImpl> | null): Walk<RuleImpl> | BadRequest {
    const shapeOnly = first !== null;
    const rejected = first === null ? null : first.rejected;
    if (path.indexOf('%') < 0) return new Walk<RuleImpl>(path, path, m, false, shapeOnly, rejected);
    const segs = decodeSegments(path.slice(1));
    if (segs instanceof BadRequest) return segs;
    const real = '/' + segs.join('/');
    // A '/' from %2F is part of its segment: the walk's view shows it as U+E000.
    const view = segs.some((s) => s.indexOf('/') >= 0) ? '/' + segs.map((s) => s.replace(/\//g, '\ue000')).join('/') : real;
    return new Walk<RuleImpl>(real, view, m, false, shapeOnly, rejected);
  }

  private run(walk: Walk<RuleImpl>): WalkResult<RuleImpl> {
    const found = walk.run(this.root);
    this.lastMatchSteps = walk.steps;
    return found;
  }

  /** A 405 when some rule took the path for other methods, else a 404. */
  private noMatch(walk: Walk<RuleImpl>, m: string): HTTPException {
    if (walk.allowed === null) return notFound();
    const valid = [...walk.allowed].sort();
    return cheap(() => new MethodNotAllowed(`The method ${m} is not allowed for the requested URL; it allows ${valid.join(', ')}.`, { validMethods: valid }));
  }

  private result(rule: RuleImpl, vals: unknown[], m: string, query: string): MatchResult | RequestRedirect {
    const params: Record<string, unknown> = {};
    const names = rule.names;
    if (rule.hasProtoName) {
      for (let i = 0; i < names.length; i++) Object.defineProperty(params, names[i]!, { value: vals[i], enumerable: true, writable: true, configurable: true });
    } else {
      for (let i = 0; i < names.length; i++) params[names[i]!] = vals[i];
    }
    if (rule.defaults !== null) {
      if (rule.defaultsHaveProto) {
        for (const k of Object.keys(rule.defaults)) Object.defineProperty(params, k, { value: rule.defaults[k], enumerable: true, writable: true, configurable: true });
      } else {
        Object.assign(params, rule.defaults);
      }
    }
    if (rule.defaultProviders.length !== 0) {
      for (const p of rule.defaultProviders) {
        if (p.suitableFor(params, m)) {
          const built = p.buildPath({ ...params, ...p.defaults });
          if (typeof built === 'string') return redirectTo(built, query);
        }
      }
    }
    return { endpoint: rule.endpoint, params, rule };
  }

  /**
   * Builds the path (after the base) of `endpoint` with `values`; values no rule variable
   * takes go to the query string (arrays repeat, null and undefined are dropped).
   * Throws BuildError for an unknown endpoint (suggesting the closest), a missing value
   * (named), or a value its converter would not match back.
   */
  build(endpoint: string, values: Record<string, unknown> = EMPTY, options: { method?: string; anchor?: string } = EMPTY): string {
    const first = this.byEndpoint.get(endpoint);
    // The common case first: an endpoint of one rule without variables or defaults, built
    // without values or options, is that rule's path (a value would go to the query).
    if (first !== undefined) {
      const bare = first.bare;
      if (bare !== null && options === EMPTY && (values === EMPTY || (typeof values === 'object' && values !== null && hasNoKeys(values)))) return bare;
    }
    return this.buildWith(endpoint, values, options, first);
  }

  /** build for any case (build keeps the common one small). */
  private buildWith(endpoint: string, values: Record<string, unknown>, options: { method?: string; anchor?: string }, first: RuleImpl | undefined): string {
    if (typeof endpoint !== 'string' || typeof values !== 'object' || values === null || typeof options !== 'object' || options === null ||
      (options.method !== undefined && typeof options.method !== 'string')) {
      badBuildArguments(endpoint, values, options);
    }
    if (first === undefined) {
      throw new BuildError(endpoint, values, DEV ? unknownEndpointMessage(this.byEndpoint.keys(), endpoint, 'build', values) : prodMessage(327, `unknown endpoint '${endpoint}'`),
        closest(endpoint, this.byEndpoint.keys()));
    }
    const method = options.method === undefined ? undefined : options.method.toUpperCase();
    let problem: Unbuildable | null = null;
    let problemRule: RuleImpl | null = null;
    let path: string | null = null;
    let chosen: RuleImpl | null = null;
    if (first.siblings === null && first.defaults === null && method === undefined) {
      // The common case, one rule without defaults: it is the one (whatever its methods) when
      // no value is missing, and building finds that out; anything amiss is told below.
      const built = first.staticPath ?? first.buildPath(values, true);
      if (typeof built === 'string') { path = built; chosen = first; }
    }
    const rules = first.siblings ?? [first];
    // As Werkzeug: without a method, rules answering GET first, then any.
    for (let pass = 0; pass < (method === undefined ? 2 : 1) && path === null; pass++) {
      const m = method ?? (pass === 0 ? 'GET' : undefined);
      for (let i = 0; i < rules.length; i++) {
        const r = rules[i]!;
        if (!r.suitableFor(values, m)) continue;
        const built = r.buildPath(values)!;
        if (typeof built === 'string') { path = built; chosen = r; break; }
        if (problem === null) { problem = built; problemRule = r; }
      }
    }
    if (path === null || chosen === null) {
      throw new BuildError(endpoint, values, !DEV
        ? problem !== null
          ? prodMessage(problem.code, `${problem.short}${problem.name ? ` ('${problem.name}')` : ''} for endpoint '${endpoint}'`)
          : prodMessage(328, `no rule of endpoint '${endpoint}' takes these values`)
        : problem !== null
          ? `Could not build a URL for endpoint '${endpoint}' with rule ${JSON.stringify(problemRule!.rule)}: ${problem.problem}.`
          : missingMessage(endpoint, rules, values, method));
    }
    let query = '';
    let extra: string[] | null = null;
    for (const k in values) {
      if (!chosen.takes(k)) (extra ??= []).push(k);
    }
    try {
      if (extra !== null) query = encodeQuery(values, extra);
      let url = query ? path + '?' + query : path;
      if (options.anchor !== undefined && options.anchor !== null) url += '#' + encodeAnchor(options.anchor);
      return url;
    } catch (e) {
      if (!(e instanceof UnbuildableValue)) throw e;
      throw new BuildError(endpoint, values, DEV ? `Could not build a URL for endpoint '${endpoint}': ${e.problem}.`
        : prodMessage(329, `a query value or anchor that cannot be written, for endpoint '${endpoint}'`));
    }
  }
}

/** Development's message for an unknown endpoint. */
function unknownEndpointMessage(endpoints: Iterable<string>, endpoint: string, verb: string, values?: Record<string, unknown>): string {
  const near = closest(endpoint, endpoints);
  const given = values ? Object.keys(values).filter((k) => own(values, k) !== undefined) : [];
  return `Could not ${verb === 'build' ? 'build a URL for' : 'look up'} endpoint '${endpoint}'${given.length ? ` with values ${given.map((g) => `'${g}'`).join(', ')}` : ''}: no rule has that endpoint.${near ? ` Did you mean '${near}'?` : ''} Register it with app.route(), or check the blueprint prefix ('bp.view') and the '.view' relative form.`;
}

/** Development's message for values that no rule of the endpoint takes. */
function missingMessage(endpoint: string, rules: RuleImpl[], values: Record<string, unknown>, method: string | undefined): string {
  const given = Object.keys(values).filter((k) => values[k] !== undefined && values[k] !== null);
  const parts = rules.map((r) => {
    if (method !== undefined && r.methods !== null && !r.methods.has(method)) return `${JSON.stringify(r.rule)} does not answer ${method} (it answers ${[...r.methods].join(', ')})`;
    const missing = [...r.arguments].filter((a) => !(r.defaults && a in r.defaults) && !given.includes(a));
    if (missing.length) return `${JSON.stringify(r.rule)} needs ${missing.map((m) => `'${m}'`).join(', ')}`;
    const clash = Object.keys(r.defaults ?? {}).filter((k) => given.includes(k) && !sameValue(values[k], r.defaults![k]));
    return `${JSON.stringify(r.rule)} has defaults ${clash.map((k) => `${k}=${describe(r.defaults![k])}`).join(', ')} that the values contradict`;
  });
  const methodOnly = method !== undefined && rules.every((r) => r.methods !== null && !r.methods.has(method));
  const fix = methodOnly
    ? `Build it for a method the rules answer, or leave the method out.`
    : `Pass the missing values, e.g. urlFor('${endpoint}', { ${[...rules[0]!.arguments].map((a) => `${a}: …`).join(', ')} }).`;
  return `Could not build a URL for endpoint '${endpoint}'${method !== undefined ? ` (${method})` : ''} with values ${given.length ? given.map((g) => `'${g}'`).join(', ') : '(none)'}: ${parts.join('; ')}. ${fix}`;
}

function badMatchArguments(path: unknown, method: unknown): never {
  if (!DEV) throw new PhialError(prodMessage(330, 'urlMap.match(path, method) takes strings'));
  throw new PhialError(typeof path !== 'string'
    ? `urlMap.match(path, method): path must be a string, the path after the base such as '/users/7?tab=posts', not ${describe(path)}.`
    : `urlMap.match(${JSON.stringify(path)}, method): method must be a string such as 'GET' or 'POST', not ${describe(method)}.`);
}

function badBuildArguments(endpoint: unknown, values: unknown, options: unknown): never {
  const name = typeof endpoint === 'string' ? endpoint : String(describe(endpoint));
  const given = typeof values === 'object' && values !== null ? values as Record<string, unknown> : {};
  if (!DEV) throw new BuildError(name, given, prodMessage(331, 'urlMap.build(endpoint, values, options): a string, then objects'));
  if (typeof endpoint !== 'string') throw new BuildError(name, {}, `urlMap.build(endpoint, values): endpoint must be a string such as 'index' or 'admin.users', not ${describe(endpoint)}.`);
  if (typeof values !== 'object' || values === null) {
    throw new BuildError(endpoint, {}, `urlMap.build('${endpoint}', values): values must be an object of the rule's values, e.g. { id: 7 }, or left out, not ${describe(values)}.`);
  }
  throw new BuildError(endpoint, given, `urlMap.build('${endpoint}', values, options): options must be an object such as { method: 'POST', anchor: 'top' }, or left out, not ${describe(options)}.`);
}

function sizeOf(o: object | null): number {
  return o ? Object.keys(o).length : 0;
}

function sameSet(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  if (a.size !== b.size) return false;
  for (const x of a) if (!b.has(x)) return false;
  return true;
}

function overlaps(a: ReadonlySet<string> | null, b: ReadonlySet<string> | null): boolean {
  if (a === null || b === null) return true;
  for (const m of a) if (m !== 'HEAD' && b.has(m)) return true;
  return false;
}
