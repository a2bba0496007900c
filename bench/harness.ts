// The measuring loop every suite shares: calibrate each benchmark to a batch well above the
// clock's resolution (Chromium clamps performance.now() to 100 µs without cross-origin
// isolation), warm everything up, then run rounds in which every benchmark of the suite takes
// one batch in turn, in a rotating order, and keep the median of the rounds.
// Suites describe what to time; the harness owns how, and returns plain data (tables) that
// run.mjs prints for each home (Node, Chromium).

/** How long and how often to measure; `quick` is the smoke-run setting. */
export interface Settings {
  readonly quick: boolean;
  /** Batch length each benchmark is calibrated to, in ms. */
  readonly batchMs: number;
  /** Recorded rounds; every benchmark takes one batch per round. */
  readonly rounds: number;
  /** Unrecorded rounds run after calibration. */
  readonly warmupRounds: number;
  /** Measured granularity of performance.now() in this home, in ms. */
  readonly resolutionMs: number;
  readonly onProgress: (message: string) => void;
}

/** What a suite hands back: titled tables of preformatted cells, each with its footnotes. */
export interface Table {
  readonly title: string;
  readonly columns: readonly string[];
  readonly rows: ReadonlyArray<readonly string[]>;
  readonly notes: readonly string[];
  /** Kept for latest.md only, to keep the printed report short. */
  readonly mdOnly?: boolean;
}

export interface SuiteResult {
  readonly tables: readonly Table[];
  /** Raw numbers (ns per operation and the like), kept in latest.json for comparisons. */
  readonly raw: unknown;
}

/** A suite is one named function of the settings and of the data run.mjs loaded for it. */
export interface Suite<Input = unknown> {
  readonly name: string;
  /**
   * In Chromium, suites run in a SharedWorker, the one context Playwright leaves without a
   * DevTools session (with one, V8 records a long stack for DevTools on every `new Error`).
   * A suite that needs a window (sessionStorage, the DOM) sets this and runs on the page.
   */
  readonly needsDocument?: boolean;
  run(settings: Settings, input: Input): Promise<SuiteResult>;
}

/**
 * One thing to time. `batch(reps)` does `reps * opsPerRep` operations and returns something
 * derived from the last one, so the engine cannot drop the work.
 */
export interface Benchmark {
  readonly id: string;
  readonly opsPerRep: number;
  readonly batch: (reps: number) => unknown;
}

// Every batch's result lands here, so no engine can prove the work useless and drop it.
const kept: { last: unknown } = { last: undefined };

/**
 * Wraps `fn` in a loop over `inputs` compiled for this call alone: `new Function` gives every
 * benchmark its own copy of the loop, so the call inside stays monomorphic instead of seeing
 * every library the suite times (a megamorphic call site would tax the fastest ones most).
 */
export function loopOver<T>(fn: (input: T) => unknown, inputs: readonly T[]): (reps: number) => unknown {
  const make = new Function('fn', 'inputs', `
    return function batch(reps) {
      const n = inputs.length;
      let out;
      for (let r = 0; r < reps; r++) {
        for (let i = 0; i < n; i++) out = fn(inputs[i]);
      }
      return out;
    };`) as (f: typeof fn, i: readonly T[]) => (reps: number) => unknown;
  return make(fn, inputs);
}

/**
 * {@link loopOver} with a new string for each call, as the browser's `location.pathname` is
 * one: V8 caches a string's hash on the string, and split() results on a literal, so a literal
 * reused on every call flatters whoever hashes or splits it. Each input is rebuilt from its
 * UTF-16 code units (`String.fromCharCode`, a flat string like the browser's); time the same
 * loop around {@link keepString} to know what the copies cost, and subtract it.
 */
export function loopFresh(fn: (input: string) => unknown, inputs: readonly string[]): (reps: number) => unknown {
  const units = inputs.map((s) => Array.from({ length: s.length }, (_, i) => s.charCodeAt(i)));
  const make = new Function('fn', 'units', `
    const fromCharCode = String.fromCharCode;
    return function batch(reps) {
      const n = units.length;
      let out;
      for (let r = 0; r < reps; r++) {
        for (let i = 0; i < n; i++) out = fn(fromCharCode.apply(null, units[i]));
      }
      return out;
    };`) as (f: typeof fn, u: number[][]) => (reps: number) => unknown;
  return make(fn, units);
}

/** The function whose {@link loopFresh} loop times the copies alone. */
export function keepString(s: string): unknown {
  return s;
}

/** Same as {@link loopOver} for a thunk that builds something afresh each time. */
export function loopThunk(fn: () => unknown): (reps: number) => unknown {
  const make = new Function('fn', `
    return function batch(reps) {
      let out;
      for (let r = 0; r < reps; r++) out = fn();
      return out;
    };`) as (f: typeof fn) => (reps: number) => unknown;
  return make(fn);
}

function timeBatch(bench: Benchmark, reps: number): number {
  const start = performance.now();
  kept.last = bench.batch(reps);
  return performance.now() - start;
}

/** Finds the smallest step performance.now() takes, the floor under any batch length. */
export function timerResolutionMs(): number {
  let smallest = Infinity;
  for (let i = 0; i < 20; i++) {
    const t0 = performance.now();
    let t1 = performance.now();
    while (t1 === t0) t1 = performance.now();
    smallest = Math.min(smallest, t1 - t0);
  }
  return smallest;
}

/** Lets the page or process breathe (progress messages, GC) between rounds. */
export function yieldToHost(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * Times every benchmark in alternation and returns the median time per operation, in ns.
 * Calibration doubles the repetitions until a batch lasts `batchMs` (it is also the first
 * warm-up); round k starts at benchmark k and odd rounds walk backwards, so no benchmark
 * always runs right after the same neighbour or always first after a pause.
 */
export async function measure(benchmarks: readonly Benchmark[], settings: Settings, label: string): Promise<Map<string, number>> {
  return measureWith(benchmarks, settings, label, timeBatch, (b) => b.opsPerRep);
}

/**
 * `measure` for any kind of benchmark: `time(bench, n)` runs it n times and returns the
 * milliseconds it took (or a promise of them, for awaited operations); `opsPer(bench)` is how
 * many operations one run does. Returns the median ns per operation of each benchmark.
 */
export async function measureWith<B extends { readonly id: string }>(
  benchmarks: readonly B[],
  settings: Settings,
  label: string,
  time: (bench: B, n: number) => number | Promise<number>,
  opsPer: (bench: B) => number,
): Promise<Map<string, number>> {
  const reps = new Map<string, number>();
  for (const bench of benchmarks) {
    let n = 1;
    let elapsed = await time(bench, n);
    while (elapsed < settings.batchMs) {
      // Aim a little past the target so the last doubling does not land just short of it.
      n = elapsed < 10 * settings.resolutionMs ? n * 4 : Math.max(n + 1, Math.ceil((n * settings.batchMs * 1.2) / elapsed));
      elapsed = await time(bench, n);
    }
    reps.set(bench.id, n);
  }
  const samples = new Map<string, number[]>(benchmarks.map((b) => [b.id, []]));
  const total = settings.warmupRounds + settings.rounds;
  for (let round = 0; round < total; round++) {
    const order = benchmarks.map((_, i) => benchmarks[(i + round) % benchmarks.length]!);
    if (round % 2) order.reverse();
    for (const bench of order) {
      const n = reps.get(bench.id)!;
      const ms = await time(bench, n);
      if (round < settings.warmupRounds) {
        // Calibration may have run before the optimising compiler kicked in: lengthen short batches.
        if (ms < settings.batchMs / 2) reps.set(bench.id, Math.ceil((n * settings.batchMs) / Math.max(ms, settings.resolutionMs)));
      } else {
        samples.get(bench.id)!.push((ms * 1e6) / (n * opsPer(bench)));
      }
    }
    settings.onProgress(`${label}: round ${round + 1}/${total}${round < settings.warmupRounds ? ' (warm-up)' : ''}`);
    await yieldToHost();
  }
  return new Map([...samples].map(([id, s]) => [id, median(s)]));
}

/** 1234.5 ns → "1.23 µs": three significant figures in the largest unit that keeps them above 1. */
export function formatNs(ns: number | undefined): string {
  if (ns === undefined || !Number.isFinite(ns)) return '—';
  const [value, unit] = ns >= 1e6 ? [ns / 1e6, 'ms'] : ns >= 1e3 ? [ns / 1e3, 'µs'] : [ns, 'ns'];
  return `${value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1) : value.toFixed(2)} ${unit}`;
}

/** A ratio as "×2.3" (1 and above) or "×0.41". */
export function formatRatio(ratio: number | undefined): string {
  if (ratio === undefined || !Number.isFinite(ratio)) return '—';
  return `×${ratio >= 10 ? ratio.toFixed(0) : ratio >= 1 ? ratio.toFixed(1) : ratio.toFixed(2)}`;
}
