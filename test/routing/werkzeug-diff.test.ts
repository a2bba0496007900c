import '../guard.js';
// Differential test: Phial's UrlMap against Werkzeug 3.1, case by case.
// The fixtures are Werkzeug's own answers, written by test/fixtures/werkzeug/gen.py;
// where SPEC §3 deliberately differs, a case carries Phial's expected answer and the
// reason, or a named `skip` where the SPEC leaves the answer open (counted, never hidden).
import { expect } from '@esm-bundle/chai';
import { UrlMap } from '../../src/routing/map.js';
import { BadRequest, BuildError, MethodNotAllowed, NotFound, RequestRedirect } from '../../src/errors.js';

type Answer =
  | { endpoint: string; params: Record<string, unknown> }
  | { url: string }
  | { error: string; newUrl?: string; validMethods?: string[] };

interface RuleSpec {
  rule: string;
  endpoint: string;
  methods?: string[];
  defaults?: Record<string, unknown>;
  strictSlashes?: boolean;
  mergeSlashes?: boolean;
}

interface Case {
  werkzeug: Answer;
  /** Phial's answer where SPEC §3 deliberately differs from Werkzeug. */
  phial?: Answer;
  reason?: string;
  /** Set where SPEC §3 leaves the answer open: not compared, only counted. */
  skip?: string;
}

interface MatchCase extends Case { path: string; method: string }
interface BuildCase extends Case { endpoint: string; values: Record<string, unknown>; method?: string; anchor?: string }

/** A custom converter of one of the kinds gen.py's CUSTOM_KINDS defines. */
interface ConverterDef { name: string; kind: keyof typeof KINDS; weight: number }

interface Table {
  name: string;
  options?: { strictSlashes?: boolean; mergeSlashes?: boolean };
  converters?: ConverterDef[];
  rules: RuleSpec[];
  match: MatchCase[];
  build: BuildCase[];
}

interface Fixture { werkzeug: string; tables: Table[] }

const FILES = ['converters', 'segments', 'precedence', 'slashes', 'mixed', 'defaults', 'encoding', 'methods', 'build', 'shapes'];

/** gen.py's CUSTOM_KINDS: the same regexes, and the same texts rejected after the regex matched. */
const KINDS = {
  text: {},
  word: { regex: '[a-z]+' },
  even: { regex: '[0-9]+', reject: (t: string) => Number(t) % 2 === 1 },
  notx: { reject: (t: string) => t === 'x' },
} satisfies Record<string, { regex?: string; reject?: (t: string) => boolean }>;
const SHOWN = 20;

const fixtures: Array<[string, Fixture]> = await Promise.all(FILES.map(async (file): Promise<[string, Fixture]> => {
  const res = await fetch(new URL(`../fixtures/werkzeug/${file}.json`, import.meta.url));
  if (!res.ok) throw new Error(`fixture ${file}.json: HTTP ${res.status}; run python3 test/fixtures/werkzeug/gen.py`);
  return [file, (await res.json()) as Fixture];
}));

/** Fixture values tag floats ({"$float": 1.0}) so Python keeps them floats; JS has one number type. */
function revive(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(revive);
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value);
    if (entries.length === 1 && entries[0][0] === '$float') return entries[0][1];
    return Object.fromEntries(entries.map(([k, v]) => [k, revive(v)]));
  }
  return value;
}

/** JSON with sorted keys, so equal answers print (and compare) equal. */
function show(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v === undefined) return '<undefined>';
    if (typeof v === 'number' && !Number.isFinite(v)) return `<${v}>`;
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
      return Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    }
    return v;
  });
}

function thrown(e: unknown): Answer {
  const err = e as Error;
  return { error: `threw ${err?.constructor?.name ?? typeof e}: ${err?.message ?? String(e)}` };
}

function makeMap(table: Table): UrlMap {
  const map = new UrlMap(table.options ?? {});
  for (const c of table.converters ?? []) {
    const kind: { regex?: string; reject?: (t: string) => boolean } = KINDS[c.kind];
    map.addConverter(c.name, {
      weight: c.weight,
      ...(kind.regex !== undefined ? { regex: kind.regex } : {}),
      toValue: (text) => {
        if (kind.reject?.(text)) throw new Error(`${c.name} rejects ${text}`);
        return text;
      },
      toUrl: String,
    });
  }
  for (const spec of table.rules) {
    map.add(spec.rule, {
      endpoint: spec.endpoint,
      ...(spec.methods ? { methods: spec.methods } : {}),
      ...(spec.defaults ? { defaults: revive(spec.defaults) as Record<string, unknown> } : {}),
      ...(spec.strictSlashes !== undefined ? { strictSlashes: spec.strictSlashes } : {}),
      ...(spec.mergeSlashes !== undefined ? { mergeSlashes: spec.mergeSlashes } : {}),
    });
  }
  return map;
}

function phialMatch(map: UrlMap, c: MatchCase): Answer {
  try {
    const { endpoint, params } = map.match(c.path, c.method);
    return { endpoint, params: { ...params } };
  } catch (e) {
    if (e instanceof RequestRedirect) return { error: 'RequestRedirect', newUrl: e.newUrl };
    if (e instanceof MethodNotAllowed) return { error: 'MethodNotAllowed', validMethods: [...e.validMethods].sort() };
    if (e instanceof NotFound) return { error: 'NotFound' };
    if (e instanceof BadRequest) return { error: 'BadRequest' };
    return thrown(e);
  }
}

function phialBuild(map: UrlMap, c: BuildCase): Answer {
  try {
    const options: { method?: string; anchor?: string } = {};
    if (c.method !== undefined) options.method = c.method;
    if (c.anchor !== undefined) options.anchor = c.anchor;
    return { url: map.build(c.endpoint, revive(c.values) as Record<string, unknown>, options) };
  } catch (e) {
    if (e instanceof BuildError) return { error: 'BuildError' };
    return thrown(e);
  }
}

const skipped = new Map<string, number>();
const deliberate = new Map<string, number>();
const count = (into: Map<string, number>, key: string) => into.set(key, (into.get(key) ?? 0) + 1);

function rulesText(table: Table): string {
  const lines = table.rules.map((s) => {
    const extra = [
      s.methods ? `methods ${s.methods.join(',')}` : '',
      s.defaults ? `defaults ${show(s.defaults)}` : '',
      s.strictSlashes !== undefined ? `strictSlashes ${s.strictSlashes}` : '',
      s.mergeSlashes !== undefined ? `mergeSlashes ${s.mergeSlashes}` : '',
    ].filter(Boolean).join('; ');
    return `    ${s.rule} -> ${s.endpoint}${extra ? `  (${extra})` : ''}`;
  });
  return `  map options ${show(table.options ?? {})}, rules in registration order:\n${lines.join('\n')}`;
}

/**
 * Runs every case of one kind against Phial and fails with a readable list of
 * the first mismatches: the input, Werkzeug's answer, what Phial should give
 * where SPEC §3 differs (and why), and what it gave.
 */
function compare<C extends Case>(table: Table, kind: 'match' | 'build', cases: C[],
  label: (c: C) => string, run: (map: UrlMap, c: C) => Answer): void {
  const map = makeMap(table);
  const mismatches: string[] = [];
  let compared = 0;
  for (const c of cases) {
    if (c.skip) continue;
    compared++;
    const expected = c.phial ?? c.werkzeug;
    const actual = run(map, c);
    if (show(actual) === show(revive(expected))) continue;
    const lines = [`  ${label(c)}`, `    werkzeug: ${show(c.werkzeug)}`];
    if (c.phial) lines.push(`    expected: ${show(c.phial)}   (${c.reason})`);
    lines.push(`    phial:    ${show(actual)}`);
    mismatches.push(lines.join('\n'));
  }
  if (mismatches.length) {
    expect.fail(`${table.name}: ${mismatches.length} of ${compared} ${kind} cases differ from Werkzeug ` +
      `(first ${Math.min(SHOWN, mismatches.length)}):\n${mismatches.slice(0, SHOWN).join('\n')}\n${rulesText(table)}`);
  }
}

const matchLabel = (c: MatchCase) => `${c.method} ${c.path}`;
const buildLabel = (c: BuildCase) =>
  `build ${c.endpoint} ${show(c.values)}${c.method ? ` method ${c.method}` : ''}${c.anchor !== undefined ? ` anchor ${show(c.anchor)}` : ''}`;

describe('UrlMap against Werkzeug 3.1 (differential fixtures)', () => {
  for (const [file, fixture] of fixtures) {
    describe(`${file}.json (Werkzeug ${fixture.werkzeug})`, () => {
      for (const table of fixture.tables) {
        for (const c of [...table.match, ...table.build]) {
          if (c.skip) count(skipped, c.skip);
          else if (c.reason) for (const r of c.reason.split('; ')) count(deliberate, r);
        }
        if (table.match.length) {
          it(`${table.name}: matches ${table.match.length} URLs as Werkzeug does`, () => {
            compare(table, 'match', table.match, matchLabel, phialMatch);
          });
        }
        if (table.build.length) {
          it(`${table.name}: builds ${table.build.length} URLs as Werkzeug does`, () => {
            compare(table, 'build', table.build, buildLabel, phialBuild);
          });
        }
      }
    });
  }

  it('holds a few thousand cases, each compared or skipped for a named reason', () => {
    const tables = fixtures.flatMap(([, f]) => f.tables);
    const cases = tables.flatMap((t) => [...t.match, ...t.build]);
    const lines = [`werkzeug-diff: ${tables.length} tables, ${cases.length} cases`];
    for (const [reason, n] of [...skipped].sort()) lines.push(`  skipped ${String(n).padStart(5)}  ${reason}`);
    for (const [reason, n] of [...deliberate].sort()) lines.push(`  Phial's answer expected ${String(n).padStart(5)}  ${reason}`);
    console.log(lines.join('\n'));
    expect(cases.length).to.be.greaterThan(3000);
    for (const c of cases) if (c.skip || c.phial) expect(c.skip ?? c.reason).to.match(/\(SPEC §3\)/);
  });
});
