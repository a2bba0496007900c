// What the Flask-port tests share: Flask's `app` fixture, the console kept quiet while a test
// provokes the reports it expects, and the error a call rejects with.
import type { Phial, PhialOptions } from '../../src/index.js';
import { captureErrors, makeApp } from '../app/helpers.js';

export { rejection } from '../state/helpers.js';

/** Flask's `app` fixture: TESTING on, memory stores of its own (test/app/helpers.ts). */
export function flaskApp(options: PhialOptions = {}): Phial {
  return makeApp({ testing: true, ...options });
}

/**
 * Runs `fn` with console.error captured and console.warn silenced: Phial reports the errors
 * (and the store fallbacks) these tests provoke.
 */
export async function quietly<T>(fn: () => Promise<T>): Promise<T> {
  const { warn } = console;
  console.warn = () => {};
  try {
    return (await captureErrors(fn)).result;
  } finally {
    console.warn = warn;
  }
}
