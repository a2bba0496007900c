// Phial's UrlMap against the routers people would otherwise reach for: matching (a request mix
// per route table), building URLs, and registering a table. Every library gets the same routes
// in its own syntax and the same requests; each answer is checked against the route the request
// was made from before anything is timed, so a broken setup shows as '—' with a footnote
// instead of a flattering number.
import FindMyWay from 'find-my-way';
import { addRoute, createRouter, findRoute } from 'rou3';
import { compileRouter } from 'rou3/compiler';
import { Memoirist } from 'memoirist';
import { compile as compilePath, match as matchPath } from 'path-to-regexp';
import { START_LOCATION, createRouterMatcher } from 'vue-router';
import { UrlMap } from '../../src/routing/map.js';
import { HTTPException, NotFound } from '../../src/errors.js';
import type { Benchmark, Settings, Suite, SuiteResult, Table } from '../harness.js';
import { segmentsMatch, type RouteSpec } from '../routes.js';
import { formatNs, formatRatio, keepString, loopFresh, loopOver, loopThunk, measure } from '../harness.js';

/** One route of /work/shared/bench/routes-*.json: `:param` and `*catchAll` syntax. */
export type { RouteSpec };

/** Route tables by name: `github`, `synth-10`, `synth-100`, `synth-1000`, `synth-10000`. */
export interface RoutingInput {
  readonly tables: Readonly<Record<string, readonly RouteSpec[]>>;
}

/** A router built from one table: a lookup to time and a way to read which route it found. */
interface Router {
  readonly lookup: (path: string) => unknown;
  readonly routeOf: (result: unknown) => string | null;
}

interface Library {
  readonly name: string;
  /**
   * Takes a table in the common syntax and returns the registration alone: each library's
   * spelling of the routes is made beforehand, so registering times the library's own work.
   */
  readonly prepare: (table: readonly RouteSpec[]) => () => Router;
}

const PARAM = /:(\w+)/g;
const CATCH_ALL = /\*(\w+)/g;

/** Each library's spelling of `:param` and `*catchAll`. */
function convert(path: string, param: (name: string) => string, catchAll: (name: string) => string): string {
  return path.replace(PARAM, (_, name: string) => param(name)).replace(CATCH_ALL, (_, name: string) => catchAll(name));
}

/** `:id` → `<id>`, `*path` → `<path:path>`. */
function toPhial(path: string): string {
  return convert(path, (n) => `<${n}>`, (n) => `<path:${n}>`);
}

/** `:param` and `*catchAll` → a trailing `*` (find-my-way, memoirist). */
const toStar = (path: string) => convert(path, (n) => `:${n}`, () => '*');

const LIBRARIES: readonly Library[] = [
  {
    name: 'Phial urlMap.tryMatch',
    prepare(table) {
      const rules = table.map((r) => [toPhial(r.path), { endpoint: r.name, methods: r.methods }] as const);
      return () => {
        const map = new UrlMap();
        for (const [rule, options] of rules) map.add(rule, options);
        return {
          // What the app's dispatch calls: a miss is a returned NotFound (match() throws it).
          lookup: (path) => map.tryMatch(path, 'GET'),
          routeOf: (result) => (result instanceof NotFound ? null
            : result instanceof HTTPException ? `a ${result.code}` : (result as { endpoint: string }).endpoint),
        };
      };
    },
  },
  {
    name: 'find-my-way',
    prepare(table) {
      const routes = table.map((r) => [r.methods as FindMyWay.HTTPMethod[], toStar(r.path), r.name] as const);
      return () => {
        const router = FindMyWay();
        const handler = () => undefined;
        for (const [methods, path, name] of routes) router.on(methods, path, handler, name);
        return {
          lookup: (path) => router.find('GET', path),
          routeOf: (result) => (result as { store: string } | null)?.store ?? null,
        };
      };
    },
  },
  {
    name: 'rou3 findRoute',
    prepare(table) {
      const routes = rou3Routes(table);
      return () => {
        const router = rou3Router(routes);
        return {
          lookup: (path) => findRoute(router, 'GET', path),
          routeOf: (result) => (result as { data: string } | undefined)?.data ?? null,
        };
      };
    },
  },
  {
    name: 'rou3 compileRouter',
    prepare(table) {
      const routes = rou3Routes(table);
      return () => {
        const find = compileRouter(rou3Router(routes));
        return {
          lookup: (path) => find('GET', path),
          routeOf: (result) => (result as { data: string } | undefined)?.data ?? null,
        };
      };
    },
  },
  {
    name: 'memoirist',
    prepare(table) {
      const routes = table.map((r) => [r.methods, toStar(r.path), r.name] as const);
      return () => {
        const router = new Memoirist<string>();
        for (const [methods, path, name] of routes) for (const method of methods) router.add(method, path, name);
        return {
          lookup: (path) => router.find('GET', path),
          routeOf: (result) => (result as { store: string } | null)?.store ?? null,
        };
      };
    },
  },
  {
    name: 'path-to-regexp loop',
    prepare(table) {
      return () => {
        // What a naive router does: one compiled matcher per rule, tried in order.
        const routes = table.map((r) => ({ name: r.name, methods: new Set(r.methods), match: matchPath(r.path) }));
        return {
          lookup(path) {
            for (const route of routes) {
              if (!route.methods.has('GET')) continue;
              const found = route.match(path);
              if (found) return { name: route.name, params: found.params };
            }
            return null;
          },
          routeOf: (result) => (result as { name: string } | null)?.name ?? null,
        };
      };
    },
  },
  {
    name: 'vue-router matcher',
    prepare(table) {
      const routes = vueRoutes(table);
      return () => {
        const matcher = createRouterMatcher(routes.map((r) => ({ ...r, component: {} })), {});
        return {
          lookup: (path) => matcher.resolve({ path }, START_LOCATION),
          routeOf: (result) => ((result as { name?: string }).name as string | undefined) ?? null,
        };
      };
    },
  },
];

function rou3Routes(table: readonly RouteSpec[]) {
  return table.flatMap((r) => r.methods.map((method) => [method, convert(r.path, (n) => `:${n}`, (n) => `**:${n}`), r.name] as const));
}

function rou3Router(routes: ReturnType<typeof rou3Routes>) {
  const router = createRouter<string>();
  for (const [method, path, name] of routes) addRoute(router, method, path, name);
  return router;
}

// vue-router has no methods: every rule is registered and the requests only target GET rules
// that no other rule shadows. `createRouterMatcher` is the matcher createRouter() builds on,
// exported by the package (tagged @internal in its docs); router.resolve() adds URL parsing,
// query handling and href building on top.
function vueRoutes(table: readonly RouteSpec[]) {
  return table.map((r) => ({ path: convert(r.path, (n) => `:${n}`, (n) => `:${n}(.*)`), name: r.name }));
}

function vueMatcher(table: readonly RouteSpec[]) {
  return createRouterMatcher(vueRoutes(table).map((r) => ({ ...r, component: {} })), {});
}

// ---------------------------------------------------------------------------------------------
// The request mix

type Kind = 'static' | 'deep' | 'miss' | 'catchAll';
const KINDS: readonly Kind[] = ['static', 'deep', 'miss', 'catchAll'];
/** The kinds every table has: the mean is taken over these, so tables compare. */
const MEAN_KINDS: readonly Kind[] = ['static', 'deep', 'miss'];
const POOL = 8;

interface Request {
  readonly path: string;
  /** The route name that must answer, or null for a 404. */
  readonly expected: string | null;
}

interface Mix {
  readonly requests: Readonly<Record<Kind, readonly Request[]>>;
  /** "3–4": parameters in the deep requests. */
  readonly deepParams: string;
}

const VALUES = ['octocat', 'hello-world', '1347', 'feature-x', '42', 'a1b2c3'];
const REST = ['heads/main', 'docs/guide/intro.md', 'a/b/c/d/e'];

function paramCount(path: string): number {
  return (path.match(PARAM) ?? []).length;
}

/** The routes a plain segment-by-segment reading says `path` matches, whatever the method. */
function routesMatching(table: readonly SplitRoute[], path: string): SplitRoute[] {
  const segments = path.split('/').slice(1);
  return table.filter(({ parts }) => segmentsMatch(parts, segments));
}

interface SplitRoute {
  readonly route: RouteSpec;
  readonly parts: readonly string[];
}

function fill(path: string, variant: number): string {
  let i = variant;
  return path.replace(PARAM, () => VALUES[i++ % VALUES.length]).replace(CATCH_ALL, () => REST[variant % REST.length]);
}

/** [a1, b1, a2, b2, b3]: the lists' items taken in turn. */
function interleave<T>(lists: readonly (readonly T[])[]): T[] {
  const out: T[] = [];
  for (let i = 0; i < Math.max(0, ...lists.map((l) => l.length)); i++) {
    for (const list of lists) if (i < list.length) out.push(list[i]);
  }
  return out;
}

/** Up to `count` items spread evenly over `items`, so a long table is sampled end to end. */
function spread<T>(items: readonly T[], count: number): T[] {
  if (items.length <= count) return [...items];
  return Array.from({ length: count }, (_, i) => items[Math.floor(((i + 0.5) * items.length) / count)]);
}

/**
 * Builds the request mix of a table. A hit is kept only when its route is the one route that
 * matches it, and a miss only when none does, so the expected answer holds whatever precedence
 * rules a library applies.
 */
export function requestMix(routes: readonly RouteSpec[]): Mix {
  const table = routes.map((route) => ({ route, parts: route.path.split('/').slice(1) }));
  const get = routes.filter((r) => r.methods.includes('GET'));
  // Up to POOL hits spread over `candidates` (the first ones when `inOrder`), `perRoute`
  // variants (different values) per route.
  const hits = (candidates: readonly RouteSpec[], { perRoute = 1, inOrder = false } = {}): Request[] => {
    const out: Request[] = [];
    for (const [i, route] of spread(candidates, POOL * 2).entries()) {
      let found = 0;
      for (let variant = i; variant < i + REST.length && found < perRoute; variant++) {
        const path = fill(route.path, variant);
        const matching = routesMatching(table, path);
        if (matching.length === 1 && matching[0].route === route && !out.some((r) => r.path === path)) {
          out.push({ path, expected: route.name });
          found++;
        }
      }
    }
    return inOrder ? out.slice(0, POOL) : spread(out, POOL);
  };
  const plain = get.filter((r) => !r.path.includes('*'));
  // Deep hits: 3 to 5 parameters (fewer only where the table has no deeper rule), the deepest
  // rules interleaved with the others so both show in the pool.
  const maxParams = Math.min(5, Math.max(...plain.map((r) => paramCount(r.path))));
  const deepFloor = Math.min(3, maxParams);
  const byCount = new Map<number, RouteSpec[]>();
  for (const r of plain) {
    const n = paramCount(r.path);
    if (n >= deepFloor && n <= maxParams) byCount.set(n, [...(byCount.get(n) ?? []), r]);
  }
  const deepRequests = hits(interleave([...byCount.values()].map((g) => spread(g, POOL))), { inOrder: true });
  const byName = new Map(routes.map((r) => [r.name, r]));
  const counts = [...new Set(deepRequests.map((r) => paramCount(byName.get(r.expected!)!.path)))].sort((a, b) => a - b);

  // Misses of three shapes, in turn: an unknown first segment, a typo in the last static
  // segment of a real route (so the walk fails deep in the tree), one segment too many.
  const shapes: Request[][] = [[], [], []];
  for (const [i, route] of spread(plain, POOL * 2).entries()) {
    const path = fill(route.path, i);
    const segments = path.split('/');
    let lastStatic = -1;
    route.path.split('/').forEach((part, j) => {
      if (part !== '' && !part.startsWith(':')) lastStatic = j;
    });
    const candidates = [
      `/zz${i}${path}`,
      lastStatic > 0 ? segments.map((s, j) => (j === lastStatic ? `${s}z` : s)).join('/') : '',
      `${path}/extra`,
    ];
    candidates.forEach((miss, shape) => {
      if (miss && routesMatching(table, miss).length === 0) shapes[shape].push({ path: miss, expected: null });
    });
  }
  const misses = interleave(shapes.map((s) => spread(s, POOL))).slice(0, POOL);

  return {
    requests: {
      static: hits(plain.filter((r) => paramCount(r.path) === 0)),
      deep: deepRequests,
      miss: misses,
      catchAll: hits(get.filter((r) => r.path.includes('*')), { perRoute: 2 }),
    },
    deepParams: counts.length > 1 ? `${counts[0]}–${counts[counts.length - 1]}` : `${counts[0]}`,
  };
}

// ---------------------------------------------------------------------------------------------
// Checking before timing

/** Why a library cannot be timed on one kind of request of one table, or null when it can. */
function check(router: Router, requests: readonly Request[]): string | null {
  for (const { path, expected } of requests) {
    let got: string | null;
    try {
      got = router.routeOf(router.lookup(path));
    } catch (error) {
      return `${path} threw ${(error as Error).name}: ${(error as Error).message}`;
    }
    if (got !== expected) return `${path} gave ${got ?? 'no route'}, expected ${expected ?? 'no route (404)'}`;
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// Building URLs

interface BuildCase {
  readonly label: string;
  readonly path: string;
  readonly values: Readonly<Record<string, string>>;
  readonly expected: string;
}

const BUILD_CASES: readonly BuildCase[] = [
  { label: 'static', path: '/user/repos', values: {}, expected: '/user/repos' },
  { label: '2 params', path: '/repos/:owner/:repo', values: { owner: 'octocat', repo: 'hello-world' }, expected: '/repos/octocat/hello-world' },
  {
    label: '4 params',
    path: '/repos/:owner/:repo/pulls/:number/reviews/:review_id',
    values: { owner: 'octocat', repo: 'hello-world', number: '1347', review_id: '80' },
    expected: '/repos/octocat/hello-world/pulls/1347/reviews/80',
  },
  {
    label: 'catch-all',
    path: '/repos/:owner/:repo/contents/*path',
    values: { owner: 'octocat', repo: 'hello-world', path: 'docs/guide/intro.md' },
    expected: '/repos/octocat/hello-world/contents/docs/guide/intro.md',
  },
];

interface Builder {
  readonly name: string;
  /** A function that builds the route's URL from the values; may throw. */
  readonly prepare: (route: RouteSpec, values: Readonly<Record<string, string>>) => () => string;
}

function builders(table: readonly RouteSpec[]): Builder[] {
  const map = new UrlMap();
  for (const r of table) map.add(toPhial(r.path), { endpoint: r.name, methods: r.methods });
  const matcher = vueMatcher(table);
  return [
    { name: 'Phial urlMap.build', prepare: (route, values) => () => map.build(route.name, values) },
    {
      name: 'path-to-regexp compile',
      prepare(route, values) {
        // Compiled once per route, as a router would; a wildcard takes its segments as an array.
        const toPath = compilePath(route.path);
        const params: Record<string, string | string[]> = { ...values };
        for (const [, name] of route.path.matchAll(CATCH_ALL)) params[name] = values[name].split('/');
        return () => toPath(params);
      },
    },
    {
      name: 'vue-router resolve by name',
      prepare: (route, values) => () => matcher.resolve({ name: route.name, params: values }, START_LOCATION).path,
    },
  ];
}

// ---------------------------------------------------------------------------------------------
// Tables

const TABLE_TITLES: Readonly<Record<string, string>> = {
  github: 'GitHub API table (334 rules)',
  'synth-10': 'synthetic table of 10 rules',
  'synth-100': 'synthetic table of 100 rules',
  'synth-1000': 'synthetic table of 1,000 rules',
  'synth-10000': 'synthetic table of 10,000 rules',
};
const SYNTH = ['synth-10', 'synth-100', 'synth-1000', 'synth-10000'];
const TABLE_NAMES = ['github', ...SYNTH];
const KIND_LABEL: Readonly<Record<Kind, string>> = { static: 'static', deep: 'deep', miss: 'miss (404)', catchAll: 'catch-all' };

const FRESH_NOTE = "Each call gets a new string, as location.pathname is (rebuilt from its code units with String.fromCharCode); the copy's own time, timed alone in the same rounds (last row), is subtracted from every cell.";
const LITERAL_NOTE = 'The same string object on every call, as a loop over literals gives: V8 keeps its hash (and split() results on a literal), which flatters routers that hash or split the path. For comparison only: the fresh-string table above is the one to read.';

const MATCH_NOTES = [
  "Phial is timed through urlMap.tryMatch, what its dispatch calls: a miss returns the NotFound that match() would throw (a throw alone costs about 0.2 µs in V8).",
  'Phial, find-my-way and path-to-regexp percent-decode parameters; rou3, memoirist and the vue-router matcher (router.resolve decodes) do not. The requests hold no escapes.',
  'path-to-regexp loop: one match() function per rule, tried in registration order (a naive router). vue-router matcher: createRouterMatcher() (exported, tagged @internal; createRouter builds on it), resolve({ path }); it has no methods, so it gets every rule.',
];

function mean(values: ReadonlyArray<number | undefined>): number | undefined {
  if (values.some((v) => v === undefined)) return undefined;
  return (values as number[]).reduce((a, b) => a + b, 0) / values.length;
}

function fastest(values: ReadonlyArray<number | undefined>): number | undefined {
  const known = values.filter((v): v is number => v !== undefined);
  return known.length ? Math.min(...known) : undefined;
}

function ratio(a: number | undefined, b: number | undefined): string {
  return a === undefined || b === undefined ? '—' : formatRatio(a / b);
}

/** A timing in ns, or why there is none. */
type Cell = number | string;

/** Footnote markers for cells that were not timed: one per distinct reason, in order of appearance. */
class Footnotes {
  private readonly list: string[] = [];
  cell(value: Cell | undefined): string {
    if (typeof value === 'number') return formatNs(value);
    const text = value ?? 'Not measured.';
    let i = this.list.indexOf(text);
    if (i < 0) i = this.list.push(text) - 1;
    return `— [${i + 1}]`;
  }
  notes(): string[] {
    return this.list.map((text, i) => `[${i + 1}] ${text}`);
  }
}

const PHIAL = LIBRARIES[0].name;
const PEERS = LIBRARIES.slice(1).map((l) => l.name);

/** Matching results: ns per match (or why not) by table, kind and library. */
class MatchCells {
  private readonly cells = new Map<string, Cell>();
  set(table: string, kind: Kind, lib: string, value: Cell): void {
    this.cells.set(MatchCells.key(table, kind, lib), value);
  }
  get(table: string, kind: Kind, lib: string): Cell | undefined {
    return this.cells.get(MatchCells.key(table, kind, lib));
  }
  ns(table: string, kind: Kind, lib: string): number | undefined {
    const v = this.get(table, kind, lib);
    return typeof v === 'number' ? v : undefined;
  }
  mean(table: string, lib: string): number | undefined {
    return mean(MEAN_KINDS.map((kind) => this.ns(table, kind, lib)));
  }
  setById(id: string, value: Cell): void {
    this.cells.set(id, value);
  }
  static key(table: string, kind: Kind, lib: string): string {
    return `${table}|${kind}|${lib}`;
  }
}

/** How the requests reach the router: a new string per call (the browser's way), or one literal reused. */
type Mode = 'fresh' | 'literal';
/** The copy's own cost, by table and kind: the reference row of the fresh-string tables. */
const COPY = 'copy of the path (subtracted)';

/**
 * Builds every table in every library, checks each request kind, and times the ones that pass:
 * each request a new string (loopFresh), the copy's own time subtracted; the GitHub table also
 * with literals reused, to show what that flatters.
 */
async function timeMatching(settings: Settings, input: RoutingInput): Promise<{ cells: Record<Mode, MatchCells>; mixes: Map<string, Mix> }> {
  const cells: Record<Mode, MatchCells> = { fresh: new MatchCells(), literal: new MatchCells() };
  const mixes = new Map<string, Mix>();
  const benches: Benchmark[] = [];
  for (const tableName of TABLE_NAMES) {
    const table = input.tables[tableName];
    const mix = requestMix(table);
    mixes.set(tableName, mix);
    const modes: Mode[] = tableName === 'github' ? ['fresh', 'literal'] : ['fresh'];
    settings.onProgress(`routing: building the ${TABLE_TITLES[tableName]} in every library`);
    for (const kind of KINDS) {
      const paths = mix.requests[kind].map((r) => r.path);
      if (paths.length) benches.push({ id: `fresh|${MatchCells.key(tableName, kind, COPY)}`, opsPerRep: paths.length, batch: loopFresh(keepString, paths) });
    }
    for (const lib of LIBRARIES) {
      let router: Router | null = null;
      let failure: string | null = null;
      try {
        router = lib.prepare(table)();
      } catch (error) {
        failure = `${lib.name} could not register the ${TABLE_TITLES[tableName]}: ${(error as Error).message}`;
      }
      for (const kind of KINDS) {
        const requests = mix.requests[kind];
        const why = requests.length === 0 ? `The ${TABLE_TITLES[tableName]} has no ${KIND_LABEL[kind]} rule.`
          : failure ?? check(router!, requests);
        if (why !== null) {
          const text = requests.length === 0 || failure ? why : `${lib.name}, ${TABLE_TITLES[tableName]}: ${why}; not timed.`;
          for (const mode of modes) cells[mode].set(tableName, kind, lib.name, text);
          continue;
        }
        const paths = requests.map((r) => r.path);
        const id = MatchCells.key(tableName, kind, lib.name);
        benches.push({ id: `fresh|${id}`, opsPerRep: paths.length, batch: loopFresh(router!.lookup, paths) });
        if (modes.includes('literal')) benches.push({ id: `literal|${id}`, opsPerRep: paths.length, batch: loopOver(router!.lookup, paths) });
      }
    }
  }
  settings.onProgress(`routing: timing ${benches.length} match benchmarks`);
  const times = await measure(benches, settings, 'routing: match');
  for (const [id, ns] of times) {
    const [mode, tableName, kind] = id.split('|') as [Mode, string, Kind];
    const copy = mode === 'fresh' ? times.get(`fresh|${MatchCells.key(tableName, kind, COPY)}`)! : 0;
    cells[mode].setById(id.slice(mode.length + 1), id.endsWith(`|${COPY}`) ? ns : ns - copy);
  }
  return { cells, mixes };
}

function kindTable(settings: Settings, tableName: string, cells: MatchCells, mix: Mix, mode: Mode): Table {
  const notes = new Footnotes();
  const kinds = KINDS.filter((kind) => mix.requests[kind].length > 0 || tableName === 'github');
  const best = fastest(LIBRARIES.map((l) => cells.mean(tableName, l.name)));
  const rows = LIBRARIES.map((lib) => [
    lib.name,
    ...kinds.map((kind) => notes.cell(cells.get(tableName, kind, lib.name))),
    formatNs(cells.mean(tableName, lib.name)),
    ratio(cells.mean(tableName, lib.name), best),
  ]);
  const phialVsPeers = (value: (lib: string) => number | undefined) => ratio(value(PHIAL), fastest(PEERS.map(value)));
  rows.push([
    'Phial / fastest peer',
    ...kinds.map((kind) => phialVsPeers((lib) => cells.ns(tableName, kind, lib))),
    phialVsPeers((lib) => cells.mean(tableName, lib)),
    '',
  ]);
  if (mode === 'fresh') {
    rows.push([COPY, ...kinds.map((kind) => formatNs(cells.ns(tableName, kind, COPY))), formatNs(cells.mean(tableName, COPY)), '']);
  }
  const pools = kinds.map((k) => `${KIND_LABEL[k]} ${mix.requests[k].length}`).join(', ');
  return {
    title: mode === 'fresh' ? `Matching, ${TABLE_TITLES[tableName]}: time per match`
      : `Matching, ${TABLE_TITLES[tableName]}, one string literal per request reused on every call: time per match`,
    columns: ['library', ...kinds.map((k) => (k === 'deep' ? `deep (${mix.deepParams} params)` : KIND_LABEL[k])), 'mean', 'vs fastest'],
    rows,
    notes: [
      `Median of ${settings.rounds} rounds, every library in turn after a warm-up. Distinct requests per kind, cycled: ${pools}. Mean of static, deep and miss; 'vs fastest' compares means.`,
      mode === 'fresh' ? FRESH_NOTE : LITERAL_NOTE,
      ...(tableName === 'github' && mode === 'fresh' ? MATCH_NOTES : []),
      ...notes.notes(),
    ],
    mdOnly: mode === 'literal' || (tableName !== 'github' && tableName !== 'synth-10000'),
  };
}

function growthTable(cells: MatchCells): Table {
  const rows = LIBRARIES.map((lib) => [
    lib.name,
    ...SYNTH.map((t) => formatNs(cells.mean(t, lib.name))),
    ratio(cells.mean('synth-10000', lib.name), cells.mean('synth-10', lib.name)),
  ]);
  rows.push([
    'Phial / fastest peer',
    ...SYNTH.map((t) => ratio(cells.mean(t, PHIAL), fastest(PEERS.map((p) => cells.mean(t, p))))),
    '',
  ]);
  return {
    title: 'Matching, synthetic tables: mean time per match (static, deep, miss) by number of rules',
    columns: ['library', '10', '100', '1,000', '10,000', 'growth 10 → 10,000'],
    rows,
    notes: [
      'Resources of four rules each (/sK/resJ, /sK/resJ/new, /sK/resJ/:id, /sK/resJ/:id/items/:itemId); requests sampled from the whole table, each a new string (the copy subtracted). "—" where a kind could not be timed (footnotes in the per-table details).',
    ],
  };
}

async function buildTable(settings: Settings, table: readonly RouteSpec[]): Promise<{ table: Table; raw: unknown }> {
  const notes = new Footnotes();
  const libs = builders(table);
  const results = new Map<string, Cell>();
  const benches: Benchmark[] = [];
  for (const c of BUILD_CASES) {
    const route = table.find((r) => r.path === c.path);
    for (const lib of libs) {
      const id = `${c.label}|${lib.name}`;
      if (!route) {
        results.set(id, `The GitHub table has no route ${c.path}.`);
        continue;
      }
      try {
        const build = lib.prepare(route, c.values);
        const url = build();
        if (url === c.expected) benches.push({ id, opsPerRep: 1, batch: loopThunk(build) });
        else results.set(id, `${lib.name} built ${url} for ${c.path}, expected ${c.expected}; not timed.`);
      } catch (error) {
        results.set(id, `${lib.name} could not build ${c.path}: ${(error as Error).message}`);
      }
    }
  }
  settings.onProgress(`routing: timing ${benches.length} build benchmarks`);
  for (const [id, ns] of await measure(benches, settings, 'routing: build')) results.set(id, ns);
  const ns = (id: string) => {
    const v = results.get(id);
    return typeof v === 'number' ? v : undefined;
  };
  const meanOf = (lib: string) => mean(BUILD_CASES.map((c) => ns(`${c.label}|${lib}`)));
  const [phial, pathToRegexp] = libs;
  return {
    table: {
      title: 'Building a URL, GitHub API table: time per build',
      columns: ['route', ...libs.map((l) => l.name), 'Phial / path-to-regexp'],
      rows: [
        ...BUILD_CASES.map((c) => [
          `${c.label}: ${c.path}`,
          ...libs.map((l) => notes.cell(results.get(`${c.label}|${l.name}`))),
          ratio(ns(`${c.label}|${phial.name}`), ns(`${c.label}|${pathToRegexp.name}`)),
        ]),
        ['mean', ...libs.map((l) => formatNs(meanOf(l.name))), ratio(meanOf(phial.name), meanOf(pathToRegexp.name))],
      ],
      notes: [
        `Median of ${settings.rounds} rounds. path-to-regexp's compile() runs once per route beforehand; the time is a call of the function it returns. Phial checks that each value matches its rule back. vue-router: the matcher's resolve({ name, params }).`,
        ...notes.notes(),
      ],
    },
    raw: Object.fromEntries(results),
  };
}

async function registerTable(settings: Settings, table: readonly RouteSpec[]): Promise<{ table: Table; raw: unknown }> {
  const benches = LIBRARIES.map((lib) => ({ id: lib.name, opsPerRep: 1, batch: loopThunk(lib.prepare(table)) }));
  settings.onProgress('routing: timing registration');
  const times = await measure(benches, settings, 'routing: register');
  const best = fastest([...times.values()]);
  const rows = LIBRARIES.map((lib) => [lib === LIBRARIES[0] ? 'Phial urlMap.add' : lib.name, formatNs(times.get(lib.name)), ratio(times.get(lib.name), best)]);
  rows.push(['Phial / fastest peer', ratio(times.get(PHIAL), fastest(PEERS.map((p) => times.get(p)))), '']);
  return {
    table: {
      title: `Registering the ${TABLE_TITLES.github}: time per fresh router`,
      columns: ['library', 'time', 'vs fastest'],
      rows,
      notes: [
        `Median of ${settings.rounds} rounds, each the mean of a batch of fresh routers. The routes are spelled in each library's syntax beforehand: the time is the library's own. rou3 compileRouter: the addRoute calls plus the compile. vue-router: createRouterMatcher(routes).`,
      ],
    },
    raw: Object.fromEntries(times),
  };
}

export const routing: Suite<RoutingInput> = {
  name: 'routing',
  async run(settings: Settings, input: RoutingInput): Promise<SuiteResult> {
    for (const name of TABLE_NAMES) {
      const count = input.tables[name]?.length;
      if (!count) throw new Error(`routing bench: the route table "${name}" was not passed in.`);
      if (!TABLE_TITLES[name].includes(count.toLocaleString('en-US'))) {
        throw new Error(`routing bench: the route table "${name}" has ${count} rules, not what TABLE_TITLES says: update it.`);
      }
    }
    const { cells, mixes } = await timeMatching(settings, input);
    const build = await buildTable(settings, input.tables.github);
    const register = await registerTable(settings, input.tables.github);
    const perTable = TABLE_NAMES.map((name) => kindTable(settings, name, cells.fresh, mixes.get(name)!, 'fresh'));
    const literal = kindTable(settings, 'github', cells.literal, mixes.get('github')!, 'literal');
    const nsPerMatch = (c: MatchCells, name: string, names: readonly string[]) =>
      Object.fromEntries(names.map((n) => [n, Object.fromEntries(KINDS.map((k) => [k, c.get(name, k, n)]))]));
    const raw = Object.fromEntries(
      TABLE_NAMES.map((name) => [
        name,
        {
          requests: mixes.get(name)!.requests,
          nsPerMatch: nsPerMatch(cells.fresh, name, [...LIBRARIES.map((l) => l.name), COPY]),
          ...(name === 'github' ? { nsPerMatchLiteral: nsPerMatch(cells.literal, name, LIBRARIES.map((l) => l.name)) } : {}),
        },
      ]),
    );
    return {
      tables: [perTable[0], growthTable(cells.fresh), ...perTable.slice(1), literal, build.table, register.table],
      raw: { match: raw, build: build.raw, register: register.raw },
    };
  },
};
