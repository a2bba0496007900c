// Entry of the benchmark bundle: run.mjs bundles this file with every peer library into one
// script and runs that same script in Node and in headless Chromium (in a SharedWorker, or on
// the page for suites that need a document). It puts `PhialBench` on globalThis; the data each
// suite needs (route tables...) comes in as plain JSON, since a browser cannot read files.
//
// Adding a suite: write bench/suites/<name>.ts exporting a `Suite` (see harness.ts), add it to
// SUITES below, and, if it needs data from disk, load it in run.mjs `loadInputs()` under its name.
import type { Settings, Suite, SuiteResult } from './harness.js';
import { timerResolutionMs } from './harness.js';
import { routing } from './suites/routing.js';
import { flash } from './suites/flash.js';
import { navigation } from './suites/navigation.js';

const SUITES: readonly Suite<never>[] = [routing as Suite<never>, flash as Suite<never>, navigation as Suite<never>];

export interface RunOptions {
  readonly quick: boolean;
  /** Suite names to run; all when empty. */
  readonly suites: readonly string[];
  /** Input of each suite, by suite name. */
  readonly inputs: Readonly<Record<string, unknown>>;
}

export interface RunResult {
  readonly userAgent: string | null;
  readonly resolutionMs: number;
  readonly crossOriginIsolated: boolean | null;
  readonly settings: { readonly batchMs: number; readonly rounds: number; readonly warmupRounds: number };
  readonly suites: Readonly<Record<string, SuiteResult>>;
}

/** Runs the chosen suites here (Node or a page) and returns their tables. */
async function run(options: RunOptions, onProgress: (message: string) => void = () => undefined): Promise<RunResult> {
  const resolutionMs = timerResolutionMs();
  // Batches of at least 100 clock steps (30 for a smoke run) keep the clamp near 1 % of a sample.
  const batchMs = Math.round(Math.max(options.quick ? 3 : 15, (options.quick ? 30 : 100) * resolutionMs) * 10) / 10;
  const settings: Settings = {
    quick: options.quick,
    batchMs,
    rounds: options.quick ? 3 : 15,
    warmupRounds: 1,
    resolutionMs,
    onProgress,
  };
  const known = SUITES.map((s) => s.name);
  const unknown = options.suites.filter((name) => !known.includes(name));
  if (unknown.length) throw new Error(`Unknown suite ${unknown.join(', ')}: the suites are ${known.join(', ')}.`);
  const suites: Record<string, SuiteResult> = {};
  for (const suite of SUITES) {
    if (options.suites.length && !options.suites.includes(suite.name)) continue;
    suites[suite.name] = await suite.run(settings, options.inputs[suite.name] as never);
  }
  const isolated = (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated;
  return {
    userAgent: typeof navigator !== 'undefined' ? navigator.userAgent : null,
    resolutionMs,
    crossOriginIsolated: typeof isolated === 'boolean' ? isolated : null,
    settings: { batchMs, rounds: settings.rounds, warmupRounds: settings.warmupRounds },
    suites,
  };
}

(globalThis as { PhialBench?: unknown }).PhialBench = {
  run,
  suites: SUITES.map((s) => ({ name: s.name, needsDocument: s.needsDocument === true })),
};
