/**
 * Parses a Werkzeug rule string (`/post-<int(min=1):id>.html`) into segments of static
 * text and variables, each variable keeping its column so that every registration error
 * can point at the exact place in the rule.
 */
import { DEV, prodMessage } from '../dev.js';
import { RuleError } from '../errors.js';

/** A converter argument, pythonized as Werkzeug does: numbers, booleans, null, strings. */
export type ConverterArg = string | number | boolean | null;

export interface ParsedArgs {
  positional: ConverterArg[];
  keyword: Record<string, ConverterArg>;
}

export interface StaticPiece {
  readonly kind: 'static';
  readonly text: string;
}

export interface VariablePiece {
  readonly kind: 'var';
  readonly name: string;
  /** Converter name; 'default' when the rule did not give one. */
  readonly converter: string;
  readonly args: ParsedArgs;
  /** Raw argument text, for messages. */
  readonly argText: string;
  /** 1-based column of the '<'. */
  readonly column: number;
  /** 1-based column of the converter name (or of the '<' without one). */
  readonly converterColumn: number;
}

export type Piece = StaticPiece | VariablePiece;

/** The arguments of a converter written without parentheses: shared, never changed. */
export const NO_ARGS: ParsedArgs = Object.freeze({ positional: Object.freeze([]) as unknown as ConverterArg[], keyword: Object.freeze({}) as Record<string, ConverterArg> });

/** A rule is the list of its '/'-separated segments; a segment is a list of pieces. */
export type ParsedRule = Piece[][];

/** The identifier ([A-Za-z_][A-Za-z0-9_]*) at pos, or null. */
function readIdent(rule: string, pos: number): string | null {
  let end = pos;
  while (end < rule.length && isIdentChar(rule.charCodeAt(end), end === pos)) end++;
  return end === pos ? null : rule.slice(pos, end);
}

/**
 * A production RuleError's problem: the coded message without its final '.', which RuleError
 * adds after the problem.
 */
export function ruleProblem(code: number, short: string): string {
  return prodMessage(code, short).slice(0, -1);
}

function isIdentChar(c: number, first: boolean): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || (!first && c >= 48 && c <= 57);
}

/**
 * Parses `rule`; `merge` collapses runs of slashes first (Werkzeug's merge_slashes on a rule).
 * Throws RuleError naming the column of the problem.
 */
export function parseRule(rule: string, merge = false): ParsedRule {
  if (typeof rule !== 'string') {
    throw DEV ? new RuleError(String(rule), 1, `a rule must be a string, got ${typeof rule}`, "Pass a path such as '/users/<int:id>'.")
      : new RuleError(String(rule), 1, ruleProblem(301, 'a rule must be a string'), '');
  }
  if (rule[0] !== '/') {
    throw DEV ? new RuleError(rule, 1, "a rule must start with '/'", `Write ${JSON.stringify('/' + rule)}.`)
      : new RuleError(rule, 1, ruleProblem(302, "a rule must start with '/'"), '');
  }
  const source = rule;
  if (merge && rule.indexOf('//') >= 0) rule = rule.replace(/\/{2,}/g, '/');
  // Column numbers refer to the rule as written; with merged slashes they are close enough
  // only when nothing was merged, so map positions back through an offset table.
  const colOf = merge && rule !== source ? mergedColumns(source) : null;
  const col = (pos: number) => (colOf ? colOf[pos]! : pos + 1);

  const segments: ParsedRule = [[]];
  const seen: string[] = [];
  let pos = 1;
  let current = segments[0]!;
  while (pos < rule.length) {
    const c = rule[pos];
    if (c === '/') {
      current = [];
      segments.push(current);
      pos++;
      continue;
    }
    if (c === '<') {
      const start = pos;
      let p = pos + 1;
      const first = readIdent(rule, p);
      if (first === null) {
        throw DEV ? new RuleError(source, col(p), rule[p] === '>' ? 'empty variable <>' : `expected a variable name after '<', found ${JSON.stringify(rule[p] ?? 'the end')}`,
          'Variables look like <name> or <converter:name>, with names made of letters, digits and _ (not starting with a digit).')
          : new RuleError(source, col(p), ruleProblem(303, "no variable name after '<'"), '');
      }
      p += first.length;
      let converter = 'default';
      let name = first;
      let argText = '';
      let converterColumn = col(start);
      let args: ParsedArgs = NO_ARGS;
      if (rule[p] === '(' || rule[p] === ':') {
        converter = first;
        converterColumn = col(start + 1);
        if (rule[p] === '(') {
          const close = rule.indexOf('):', p + 1);
          if (close < 0) {
            throw DEV ? new RuleError(source, col(p), `the arguments of converter '${converter}' are never closed`,
              `Close them with ')' before the ':' as in <${converter}(min=1):name>.`)
              : new RuleError(source, col(p), ruleProblem(304, "converter arguments not closed with '):'"), '');
          }
          argText = rule.slice(p + 1, close);
          args = parseConverterArgs(argText, source, col(p + 1));
          p = close + 1;
        }
        p++; // the ':'
        const varName = readIdent(rule, p);
        if (varName === null) {
          throw DEV ? new RuleError(source, col(p), `expected a variable name after '${converter}:'`, `Name the variable, as in <${converter}:name>.`)
            : new RuleError(source, col(p), ruleProblem(305, "no variable name after 'converter:'"), '');
        }
        name = varName;
        p += varName.length;
      }
      if (rule[p] !== '>') {
        throw DEV ? new RuleError(source, col(p), rule[p] === undefined ? `the variable starting at column ${col(start)} is never closed` : `unexpected ${JSON.stringify(rule[p])} in a variable`,
          "Variables look like <name>, <converter:name> or <converter(args):name>, closed with '>'.")
          : new RuleError(source, col(p), ruleProblem(306, "a variable not closed with '>'"), '');
      }
      if (seen.includes(name)) {
        throw DEV ? new RuleError(source, col(start), `variable name '${name}' used twice`, 'Give each variable of a rule its own name.')
          : new RuleError(source, col(start), ruleProblem(307, 'a variable name used twice'), '');
      }
      seen.push(name);
      current.push({ kind: 'var', name, converter, args, argText, column: col(start), converterColumn });
      pos = p + 1;
      continue;
    }
    let end = pos;
    for (let d = rule.charCodeAt(end); end < rule.length && d !== 47 && d !== 60; d = rule.charCodeAt(++end));
    current.push({ kind: 'static', text: rule.slice(pos, end) });
    pos = end;
  }
  return segments;
}

function mergedColumns(source: string): number[] {
  const cols: number[] = [];
  for (let i = 0; i < source.length; i++) {
    if (source[i] === '/' && source[i - 1] === '/') continue;
    cols.push(i + 1);
  }
  cols.push(source.length + 1);
  return cols;
}

// Werkzeug's converter-argument grammar: `name=value` or `value`, comma-separated, where a
// value is True/False/None, a number, a bare word or a quoted string.
const ARG = /\s*(?:([A-Za-z_]\w*)\s*=\s*)?(True|False|None|-?\d+\.\d+|-?\d+\.|-?\d+|[\w.]+|[urUR]?(?:"[^"]*?"|'[^']*'))\s*,/y;

/** Parses the text between the parentheses of `<conv(...):name>`. */
export function parseConverterArgs(text: string, rule: string, column: number): ParsedArgs {
  const positional: ConverterArg[] = [];
  const keyword: Record<string, ConverterArg> = Object.create(null);
  const s = text + ',';
  let pos = 0;
  while (pos < s.length) {
    if (/^\s*$/.test(s.slice(pos, -1)) && pos >= s.length - 1) break;
    ARG.lastIndex = pos;
    const m = ARG.exec(s);
    if (!m) {
      while (/\s/.test(s[pos] ?? '')) pos++;
      throw DEV ? new RuleError(rule, column + pos, `cannot parse converter argument ${JSON.stringify(s.slice(pos, -1).trim())}`,
        'Arguments are numbers, True/False/None, or quoted strings, separated by commas, as in any(a, "b,c") or int(min=1).')
        : new RuleError(rule, column + pos, ruleProblem(308, 'a converter argument that does not parse'), '');
    }
    const value = pythonize(m[2]!);
    if (m[1]) {
      keyword[m[1]] = value;
    } else {
      if (Object.keys(keyword).length) {
        throw DEV ? new RuleError(rule, column + pos, 'a positional argument follows a keyword argument', 'Put positional arguments first.')
          : new RuleError(rule, column + pos, ruleProblem(309, 'a positional argument after a keyword one'), '');
      }
      positional.push(value);
    }
    pos = ARG.lastIndex;
  }
  return { positional, keyword };
}

function pythonize(v: string): ConverterArg {
  if (v === 'True') return true;
  if (v === 'False') return false;
  if (v === 'None') return null;
  if (/^-?\d+$/.test(v)) return Number(v);
  if (/^-?\d+\.\d*$/.test(v)) return Number(v);
  const q = v.replace(/^[urUR]/, '');
  if (q.length >= 2 && (q[0] === '"' || q[0] === "'") && q[q.length - 1] === q[0]) return q.slice(1, -1);
  return v;
}
