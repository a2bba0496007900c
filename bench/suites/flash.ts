// The cost of flash messages and of the session per store: a flash-then-read cycle (a POST that
// flashes and redirects, then the page that reads the message: two page views, as an app does
// them) and a session write with its read, over memory, sessionStorage and IndexedDB.
// These operations are asynchronous (IndexedDB answers in a later task), which the harness's
// synchronous `measure` cannot time: this suite times batches of awaited cycles the same way
// (calibrated batches, alternating order, median of rounds). A store this home lacks (Node has
// neither sessionStorage nor IndexedDB; an opaque origin such as about:blank refuses both) is
// shown as '—' with a footnote instead of timing the memory store Phial falls back to.
import { createFlashManager, createSession, memorySession, memoryStore, sessionStorageSession, sessionStorageStore } from '../../src/state/index.js';
import type { FlashStore, SessionStore, StateHooks } from '../../src/state/index.js';
import { indexedDBSession, indexedDBStore } from '../../src/idb/index.js';
import type { Settings, Suite, SuiteResult, Table } from '../harness.js';
import { formatNs, formatRatio, measureWith } from '../harness.js';

interface StoreKind {
  readonly name: string;
  readonly flashStore: () => FlashStore;
  readonly sessionStore: () => SessionStore;
}

const STORES: readonly StoreKind[] = [
  { name: 'memory', flashStore: memoryStore, sessionStore: memorySession },
  { name: 'sessionStorage', flashStore: sessionStorageStore, sessionStore: sessionStorageSession },
  { name: 'indexedDB (phial/idb)', flashStore: () => indexedDBStore({ dbName: 'phial-bench-flashes' }), sessionStore: () => indexedDBSession({ dbName: 'phial-bench-session' }) },
];

/** One async thing to time: `run()` does `opsPerRun` operations. */
interface AsyncBenchmark {
  readonly id: string;
  readonly opsPerRun: number;
  readonly run: () => Promise<unknown>;
}

/** Hooks that remember a fallback: then the store is unavailable here and is not timed. */
function watchingHooks(): StateHooks & { fellBack: unknown } {
  const hooks = {
    fellBack: undefined as unknown,
    messageFlashed() {},
    storageFallback(_store: string, error: unknown) {
      hooks.fellBack = error ?? 'unknown error';
    },
  };
  return hooks;
}

async function flashCycle(kind: StoreKind): Promise<AsyncBenchmark | string> {
  const hooks = watchingHooks();
  const manager = createFlashManager(kind.flashStore(), `bench-${Date.now()}`, hooks);
  let read: unknown[] = [];
  const cycle = async () => {
    const post = await manager.begin();
    post.flash('Saved', 'success');
    await post.end('redirect');
    const page = await manager.begin();
    read = page.getFlashedMessages({ withCategories: true });
    await page.end('rendered');
    return read;
  };
  await cycle();
  if (hooks.fellBack !== undefined) return unavailable(hooks.fellBack);
  if (JSON.stringify(read) !== '[["success","Saved"]]') return `the cycle read ${JSON.stringify(read)}, not the flashed message`;
  return { id: `flash:${kind.name}`, opsPerRun: 1, run: cycle };
}

async function sessionWrite(kind: StoreKind): Promise<AsyncBenchmark | string> {
  const hooks = watchingHooks();
  const session = createSession(kind.sessionStore(), `bench-${Date.now()}`, hooks);
  let n = 0;
  const write = async () => {
    await session.beginRequest();
    await session.set('counter', ++n);
    const seen = session.get('counter');
    await session.endRequest();
    return seen;
  };
  const seen = await write();
  if (hooks.fellBack !== undefined) return unavailable(hooks.fellBack);
  if (seen !== n) return `the session read ${JSON.stringify(seen)} after writing ${n}`;
  return { id: `session:${kind.name}`, opsPerRun: 1, run: write };
}

function unavailable(error: unknown): string {
  const reason = error instanceof Error || error instanceof DOMException ? `${error.name}: ${error.message}` : String(error);
  return `unavailable in this home (${reason})`;
}

async function timeRuns(bench: AsyncBenchmark, runs: number): Promise<number> {
  const start = performance.now();
  for (let i = 0; i < runs; i++) await bench.run();
  return performance.now() - start;
}

/** The harness's `measure`, for awaited operations: median ns per operation. */
function measureAsync(benchmarks: readonly AsyncBenchmark[], settings: Settings, label: string): Promise<Map<string, number>> {
  return measureWith(benchmarks, settings, label, timeRuns, (b) => b.opsPerRun);
}

async function table(
  title: string,
  make: (kind: StoreKind) => Promise<AsyncBenchmark | string>,
  prefix: string,
  settings: Settings,
  notes: readonly string[],
): Promise<{ table: Table; raw: Record<string, number | null> }> {
  const prepared = await Promise.all(STORES.map(async (kind) => [kind, await make(kind)] as const));
  const benchmarks = prepared.flatMap(([, b]) => (typeof b === 'string' ? [] : [b]));
  const times = await measureAsync(benchmarks, settings, `${prefix} cycles`);
  const fastest = Math.min(...times.values());
  const footnotes: string[] = [];
  const rows = prepared.map(([kind, b]) => {
    if (typeof b === 'string') {
      footnotes.push(`${kind.name}: ${b}.`);
      return [kind.name, '—', '—'];
    }
    const ns = times.get(b.id);
    return [kind.name, formatNs(ns), formatRatio(ns === undefined ? undefined : ns / fastest)];
  });
  const raw = Object.fromEntries(prepared.map(([kind, b]) => [kind.name, typeof b === 'string' ? null : (times.get(b.id) ?? null)]));
  return { table: { title, columns: ['store', 'time per cycle', 'vs fastest'], rows, notes: [...notes, ...footnotes] }, raw };
}

export const flash: Suite<undefined> = {
  name: 'flash',
  // sessionStorage, IndexedDB and Web Locks live on a page, not in a worker.
  needsDocument: true,
  async run(settings: Settings): Promise<SuiteResult> {
    const flashes = await table(
      'Flash then read: POST flashes and redirects, the next page reads (two page views)',
      flashCycle,
      'flash',
      settings,
      ['Each page view claims pending messages in one atomic store update and releases its claim in another.'],
    );
    const session = await table(
      'Session: a request that writes one key and reads it back',
      sessionWrite,
      'session',
      settings,
      ['The write is awaited, as the dispatch awaits it before it resolves.'],
    );
    return { tables: [flashes.table, session.table], raw: { flashCycleNs: flashes.raw, sessionWriteNs: session.raw } };
  },
};
