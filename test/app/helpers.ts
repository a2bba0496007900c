// Shared by the app tests: apps with memory stores (so tests never share state), and a way to
// read what Phial reports on the console.
import { memorySession, memoryStore, Phial, type PhialOptions } from '../../src/index.js';

export function makeApp(options: PhialOptions = {}): Phial {
  return new Phial({ flashStore: memoryStore(), session: memorySession(), ...options });
}

/** Runs `fn` with console.error captured: returns its result and what was reported. */
export async function captureErrors<T>(fn: () => Promise<T>): Promise<{ result: T; reports: unknown[][] }> {
  const reports: unknown[][] = [];
  const original = console.error;
  console.error = (...args: unknown[]) => { reports.push(args); };
  try {
    const result = await fn();
    return { result, reports };
  } finally {
    console.error = original;
  }
}

/** Resolves after `ms` milliseconds. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** The first line of the text of every report, for asserting what was said. */
export function reportTexts(reports: unknown[][]): string[] {
  return reports.map((args) => String(args[0]));
}
