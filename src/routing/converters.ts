/**
 * The built-in converters (Werkzeug's string, int, float, path, uuid, any) and the
 * Converter interface for custom ones. A converter is used both ways: `toValue` checks and
 * converts the decoded text of its part of a segment (throwing to reject), and `toUrl`
 * turns a value back into text that `toValue` accepts, so every built URL matches again.
 */
import { DEV } from '../dev.js';
import { NO_ARGS, type ConverterArg, type ParsedArgs } from './rule.js';
import { Splitter } from './split.js';

/**
 * A custom converter, registered with `app.addConverter(name, converter)`.
 * `toValue` receives the decoded text of its part of one segment (never empty) and throws
 * to reject it, so matching moves on to the next candidate rule; `toUrl` returns the text
 * for a value (Phial percent-encodes it). The default weight is 100 (lower ranks first).
 * @example
 * app.addConverter('list', {
 *   toValue: (text) => text.split(','),
 *   toUrl: (value) => (value as string[]).join(','),
 * });
 * app.route('/tags/<list:tags>', tagsView);
 */
export interface ConverterSpec {
  toValue(text: string): unknown;
  toUrl(value: unknown): string;
  weight?: number;
  /** A JS regular expression source for the text this converter accepts (Werkzeug's `regex`); default any text. */
  regex?: string;
}

/** A converter bound to the arguments one rule gave it. */
export interface Converter {
  readonly name: string;
  readonly weight: number;
  /** Identity of the converter and its arguments: two parts with the same key match the same texts. */
  readonly key: string;
  /** JS regex source of the accepted text (flags 'su'), used to split segments with several parts. */
  readonly regex: string;
  /**
   * Whether a text has the shape of `regex` (null: any non-empty text). Matching walks on shapes
   * alone, as Werkzeug's regexes do, and runs `toValue` only for a candidate rule it reaches.
   */
  readonly test: ((text: string) => boolean) | null;
  /** Only `path` spans segments. */
  readonly isPath: boolean;
  /** True when toValue is the identity on any non-empty text (the default string converter). */
  readonly acceptsAnything: boolean;
  /** Whether to trust toUrl's output to match back (built-ins: yes, by construction). */
  readonly builtin: boolean;
  /** Throws to reject the text, as Werkzeug's to_python does. */
  toValue(text: string): unknown;
  /** toValue that returns REJECT instead of throwing: what matching calls (a throw costs more than the match). */
  parse(text: string): unknown;
  /** The unencoded text for `value`; throws an Error whose message says why the value cannot be built. */
  toUrl(value: unknown): string;
}

/** Thrown by converters; the message (empty in production) is used in RuleError / BuildError messages. */
export class ConverterArgError extends Error {}

/** What `parse` returns for a text its converter rejects. */
export const REJECT: unique symbol = Symbol('reject');

interface ArgSpec {
  names: string[];
  defaults: Record<string, ConverterArg>;
}

function bindArgs(conv: string, args: ParsedArgs, spec: ArgSpec): Record<string, ConverterArg> {
  const out: Record<string, ConverterArg> = { ...spec.defaults };
  if (args.positional.length > spec.names.length) {
    throw new ConverterArgError(DEV ? `${conv}() takes at most ${spec.names.length} argument${spec.names.length === 1 ? '' : 's'} (${spec.names.join(', ') || 'none'}), got ${args.positional.length}` : '');
  }
  args.positional.forEach((v, i) => { out[spec.names[i]!] = v; });
  for (const [k, v] of Object.entries(args.keyword)) {
    if (!spec.names.includes(k)) {
      throw new ConverterArgError(DEV ? `${conv}() got an unexpected argument '${k}'; it takes ${spec.names.join(', ') || 'no arguments'}` : '');
    }
    out[k] = v;
  }
  return out;
}

function intArg(conv: string, name: string, v: ConverterArg, min = 0): number | null {
  if (v === null) return null;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min) {
    throw new ConverterArgError(DEV ? `${conv}(${name}=...) must be an integer${min > 0 ? ` of at least ${min}` : min === 0 ? ' of at least 0' : ''}, got ${JSON.stringify(v)}` : '');
  }
  return v;
}

function numArg(conv: string, name: string, v: ConverterArg): number | null {
  if (v === null) return null;
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new ConverterArgError(DEV ? `${conv}(${name}=...) must be a number, got ${JSON.stringify(v)}` : '');
  return v;
}

function boolArg(conv: string, name: string, v: ConverterArg): boolean {
  if (typeof v !== 'boolean') throw new ConverterArgError(DEV ? `${conv}(${name}=...) must be True or False, got ${JSON.stringify(v)}` : '');
  return v;
}

/** Code points, as Python's len() counts them. */
function codePointLength(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
    n++;
  }
  return n;
}

function reject(): never {
  throw REJECT;
}

/** toValue for a built-in's parse. */
function throwing(parse: (text: string) => unknown): (text: string) => unknown {
  return (text) => {
    const v = parse(text);
    return v === REJECT ? reject() : v;
  };
}

function stringConverter(args: ParsedArgs): Converter {
  const a = bindArgs('string', args, { names: ['minlength', 'maxlength', 'length'], defaults: { minlength: 1, maxlength: null, length: null } });
  const minlength = intArg('string', 'minlength', a.minlength!, 1) ?? 1;
  const maxlength = intArg('string', 'maxlength', a.maxlength!, 1);
  const length = intArg('string', 'length', a.length!, 1);
  if (maxlength !== null && maxlength < minlength) throw new ConverterArgError(DEV ? `string(maxlength=${maxlength}) is below minlength=${minlength}` : '');
  const plain = minlength === 1 && maxlength === null && length === null;
  const regex = length !== null ? `.{${length}}` : `.{${minlength},${maxlength ?? ''}}`;
  const check = (text: string) => {
    if (plain) return text.length > 0;
    const n = codePointLength(text);
    return length !== null ? n === length : n >= minlength && (maxlength === null || n <= maxlength);
  };
  const parse = (text: string) => (check(text) ? text : REJECT);
  return {
    name: 'string', weight: 100, key: `string(${minlength},${maxlength},${length})`, regex,
    test: plain ? null : check, isPath: false, acceptsAnything: plain, builtin: true,
    parse, toValue: throwing(parse),
    toUrl(value) {
      const text = String(value);
      if (!check(text)) {
        throw new Error(!DEV ? '' : length !== null ? `must be exactly ${length} characters long` : text === '' ? 'is empty' : `must be ${minlength}${maxlength === null ? ' or more' : `-${maxlength}`} characters long`);
      }
      return text;
    },
  };
}

function pathConverter(args: ParsedArgs): Converter {
  bindArgs('path', args, { names: [], defaults: {} });
  return {
    name: 'path', weight: 200, key: 'path', regex: '[^/].*?', test: null, isPath: true, acceptsAnything: true, builtin: true,
    parse: (text) => text, toValue: (text) => text,
    toUrl(value) {
      const text = String(value);
      if (text === '') throw new Error(DEV ? 'is empty' : '');
      // A leading '/' would make the link '//host/...', leaving the site.
      if (text[0] === '/') throw new Error(DEV ? "starts with '/', which would build a '//' link to another host" : '');
      return text;
    },
  };
}

const INT_RE = /^\d+$/;
const SIGNED_INT_RE = /^-?\d+$/;

function intConverter(args: ParsedArgs): Converter {
  const a = bindArgs('int', args, { names: ['fixed_digits', 'min', 'max', 'signed'], defaults: { fixed_digits: 0, min: null, max: null, signed: false } });
  const fixed = intArg('int', 'fixed_digits', a.fixed_digits!) ?? 0;
  const min = intArg('int', 'min', a.min!, -Infinity);
  const max = intArg('int', 'max', a.max!, -Infinity);
  const signed = boolArg('int', 'signed', a.signed!);
  const shape = signed ? SIGNED_INT_RE : INT_RE;
  // Werkzeug splits with \d+ whatever fixed_digits says, then checks the length (sign included).
  const regex = (signed ? '-?' : '') + '\\d+';
  const check = (text: string): number | typeof REJECT => {
    if (!shape.test(text)) return REJECT;
    if (fixed && text.length !== fixed) return REJECT;
    const n = Number(text);
    // Beyond MAX_SAFE_INTEGER a view would get a rounded id: refuse to match it.
    if (!Number.isSafeInteger(n)) return REJECT;
    if ((min !== null && n < min) || (max !== null && n > max)) return REJECT;
    return n === 0 ? 0 : n; // -0 as 0
  };
  return {
    name: 'int', weight: 50, key: `int(${fixed},${min},${max},${signed})`, regex, test: (text) => shape.test(text),
    isPath: false, acceptsAnything: false, builtin: true,
    parse: check, toValue: throwing(check),
    toUrl(value) {
      let n: number;
      if (typeof value === 'number') n = value;
      else if (typeof value === 'bigint') n = Number(value);
      else if (typeof value === 'string' && SIGNED_INT_RE.test(value)) n = Number(value);
      else throw new Error(DEV ? `is not an integer (${describe(value)})` : '');
      if (!Number.isInteger(n)) throw new Error(DEV ? `is not an integer (${describe(value)})` : '');
      if (!Number.isSafeInteger(n)) throw new Error(DEV ? `is beyond Number.MAX_SAFE_INTEGER (${describe(value)})` : '');
      if (n < 0 && !signed) throw new Error(DEV ? `is negative (${n}); use int(signed=True) to allow it` : '');
      if (min !== null && n < min) throw new Error(DEV ? `is below min=${min} (${n})` : '');
      if (max !== null && n > max) throw new Error(DEV ? `is above max=${max} (${n})` : '');
      let digits = String(Math.abs(n));
      if (fixed) {
        // Python's zfill: the sign counts in the width.
        const width = n < 0 ? fixed - 1 : fixed;
        if (digits.length > width) throw new Error(DEV ? `has more than fixed_digits=${fixed} characters (${n})` : '');
        digits = digits.padStart(width, '0');
      }
      return (n < 0 ? '-' : '') + digits;
    },
  };
}

const FLOAT_RE = /^\d+\.\d+$/;
const SIGNED_FLOAT_RE = /^-?\d+\.\d+$/;

/** A float's decimal text without exponent, always with a '.' (Python's str(1.0) is '1.0'). */
export function formatFloat(n: number): string {
  const s = String(n);
  const e = s.indexOf('e');
  if (e < 0) return s.includes('.') ? s : s + '.0';
  const neg = s[0] === '-';
  const mantissa = s.slice(neg ? 1 : 0, e);
  const exp = Number(s.slice(e + 1));
  const dot = mantissa.indexOf('.');
  const digits = mantissa.replace('.', '');
  const point = (dot < 0 ? mantissa.length : dot) + exp;
  let out: string;
  if (point <= 0) out = '0.' + '0'.repeat(-point) + digits;
  else if (point >= digits.length) out = digits + '0'.repeat(point - digits.length) + '.0';
  else out = digits.slice(0, point) + '.' + digits.slice(point);
  return (neg ? '-' : '') + out;
}

function floatConverter(args: ParsedArgs): Converter {
  const a = bindArgs('float', args, { names: ['min', 'max', 'signed'], defaults: { min: null, max: null, signed: false } });
  const min = numArg('float', 'min', a.min!);
  const max = numArg('float', 'max', a.max!);
  const signed = boolArg('float', 'signed', a.signed!);
  const shape = signed ? SIGNED_FLOAT_RE : FLOAT_RE;
  const parse = (text: string) => {
    if (!shape.test(text)) return REJECT;
    const n = Number(text);
    if (!Number.isFinite(n) || (min !== null && n < min) || (max !== null && n > max)) return REJECT;
    return n;
  };
  return {
    name: 'float', weight: 50, key: `float(${min},${max},${signed})`, regex: (signed ? '-?' : '') + '\\d+\\.\\d+', test: (text) => shape.test(text),
    isPath: false, acceptsAnything: false, builtin: true,
    parse, toValue: throwing(parse),
    toUrl(value) {
      const n = typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value) ? Number(value) : value;
      if (typeof n !== 'number' || !Number.isFinite(n)) throw new Error(DEV ? `is not a finite number (${describe(value)})` : '');
      if (n < 0 && !signed) throw new Error(DEV ? `is negative (${n}); use float(signed=True) to allow it` : '');
      if (min !== null && n < min) throw new Error(DEV ? `is below min=${min} (${n})` : '');
      if (max !== null && n > max) throw new Error(DEV ? `is above max=${max} (${n})` : '');
      return formatFloat(n);
    },
  };
}

const UUID_RE = /^[A-Fa-f0-9]{8}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{12}$/;

function uuidConverter(args: ParsedArgs): Converter {
  bindArgs('uuid', args, { names: [], defaults: {} });
  const parse = (text: string) => (UUID_RE.test(text) ? text.toLowerCase() : REJECT);
  return {
    name: 'uuid', weight: 60, key: 'uuid', regex: '[A-Fa-f0-9]{8}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{12}',
    test: (text) => UUID_RE.test(text), isPath: false, acceptsAnything: false, builtin: true,
    parse, toValue: throwing(parse),
    toUrl(value) {
      const text = String(value);
      if (!UUID_RE.test(text)) throw new Error(DEV ? `is not a UUID (${describe(value)})` : '');
      return text.toLowerCase();
    },
  };
}

function escapeRegex(s: string): string {
  return s.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');
}

function anyConverter(args: ParsedArgs): Converter {
  if (Object.keys(args.keyword).length) throw new ConverterArgError(DEV ? `any() takes only positional items, got ${Object.keys(args.keyword).join(', ')}=` : '');
  if (!args.positional.length) throw new ConverterArgError(DEV ? 'any() needs at least one item, as in any(about, help)' : '');
  const items = args.positional.map(String);
  const set = new Set(items);
  const parse = (text: string) => (set.has(text) ? text : REJECT);
  return {
    name: 'any', weight: 100, key: `any(${JSON.stringify(items)})`, regex: `(?:${items.map(escapeRegex).join('|')})`,
    test: (text) => set.has(text), isPath: false, acceptsAnything: false, builtin: true,
    parse, toValue: throwing(parse),
    toUrl(value) {
      const text = String(value);
      if (!set.has(text)) throw new Error(DEV ? `is not one of ${items.map((i) => `'${i}'`).join(', ')} (${describe(value)})` : '');
      return text;
    },
  };
}

function customConverter(name: string, spec: ConverterSpec, args: ParsedArgs): Converter {
  if (args.positional.length || Object.keys(args.keyword).length) {
    throw new ConverterArgError(DEV ? `custom converter '${name}' takes no arguments` : '');
  }
  // Its regex, split linearly: a hostile URL cannot make a developer's regex backtrack.
  const shape = spec.regex === undefined ? null : new Splitter([{ regex: spec.regex }]);
  return {
    name, weight: spec.weight ?? 100, key: `custom:${name}`, regex: spec.regex ?? '.+',
    test: shape === null ? null : (text) => shape.split(text) !== null, isPath: false, acceptsAnything: false, builtin: false,
    toValue(text) { return spec.toValue(text); },
    // Any throw rejects: a custom converter throws whatever it likes.
    parse(text) {
      try {
        return spec.toValue(text);
      } catch {
        return REJECT;
      }
    },
    toUrl(value) {
      const text = spec.toUrl(value);
      if (typeof text !== 'string') throw new Error(DEV ? `was turned by ${name}.toUrl into ${describe(text)}, not a string` : '');
      return text;
    },
  };
}

export function describe(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'bigint') return `${v}n`;
  if (v === null || typeof v !== 'object') return String(v);
  try { return JSON.stringify(v); } catch { return Object.prototype.toString.call(v); }
}

const BUILTINS: Record<string, (args: ParsedArgs) => Converter> = {
  default: stringConverter,
  string: stringConverter,
  int: intConverter,
  float: floatConverter,
  path: pathConverter,
  uuid: uuidConverter,
  any: anyConverter,
};

const PLAIN: Record<string, Converter> = Object.fromEntries(Object.entries(BUILTINS).filter(([n]) => n !== 'any').map(([n, make]) => [n, make(NO_ARGS)]));

/** Creates the converter `name(args)`; custom specs take precedence over built-ins of the same name. */
export function createConverter(name: string, args: ParsedArgs, custom: ReadonlyMap<string, ConverterSpec>): Converter | undefined {
  const spec = custom.size ? custom.get(name) : undefined;
  // Converters are stateless: the argument-less built-ins are shared by every rule.
  if (!spec && (args === NO_ARGS || (!args.positional.length && !Object.keys(args.keyword).length)) && Object.prototype.hasOwnProperty.call(PLAIN, name)) return PLAIN[name];
  if (spec) return customConverter(name, spec, args);
  const make = Object.prototype.hasOwnProperty.call(BUILTINS, name) ? BUILTINS[name] : undefined;
  return make ? make(args) : undefined;
}
