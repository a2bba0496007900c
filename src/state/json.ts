/**
 * JSON copies for flash messages and session values: what goes in is what a reload gives back,
 * so a value that JSON cannot carry is refused at the call, not discovered on the next page.
 */
import { DEV, prodMessage } from '../dev.js';
import { PhialError } from '../errors.js';

/**
 * Returns the JSON text of `value`, throwing a PhialError when JSON cannot carry it faithfully:
 * undefined, functions, symbols, bigints, Maps and Sets, non-finite numbers, cycles.
 * A `toJSON` method (a Date) is honoured, as JSON.stringify does.
 */
export function toJsonText(value: unknown, what: string): string {
  const problem = findProblem(value, '', new Set());
  if (problem !== null) {
    throw new PhialError(
      DEV
        ? `${what} must be JSON-serialisable, but ${problem}. ` +
            'Store plain data (strings, numbers, booleans, null, arrays, plain objects); ' +
            'convert other values first (a Map with Object.fromEntries, a Date with toISOString).'
        : prodMessage(501, `${what} is not JSON-serialisable`),
    );
  }
  return JSON.stringify(value);
}

/** A JSON copy of `value` (see toJsonText for what is refused). */
export function jsonCopy<T = unknown>(value: unknown, what: string): T {
  return JSON.parse(toJsonText(value, what)) as T;
}

/**
 * What JSON cannot carry in `value` (at `path`), or null. A production build only needs to
 * know whether there is a problem: it says '' instead of where and what.
 */
function findProblem(value: unknown, path: string, seen: Set<object>): string | null {
  const at = DEV ? (path === '' ? 'the value' : `the value at ${path}`) : '';
  if (value !== null && typeof value === 'object' && typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    value = (value as { toJSON(key: string): unknown }).toJSON('');
  }
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return null;
    case 'number':
      return Number.isFinite(value) ? null : DEV ? `${at} is ${value}, which JSON has no number for` : '';
    case 'undefined':
    case 'function':
    case 'symbol':
    case 'bigint':
      return DEV ? `${at} is ${describe(value)}` : '';
  }
  if (value === null) return null;
  const object = value as object;
  if (seen.has(object)) return DEV ? `${at} refers back to itself (a cycle)` : '';
  if (object instanceof Map || object instanceof Set || object instanceof WeakMap || object instanceof WeakSet) {
    return DEV ? `${at} is a ${object.constructor.name}, which JSON turns into {}` : '';
  }
  seen.add(object);
  try {
    if (Array.isArray(object)) {
      for (let i = 0; i < object.length; i++) {
        const problem = findProblem(object[i], DEV ? `${path}[${i}]` : '', seen);
        if (problem !== null) return problem;
      }
      return null;
    }
    for (const [key, item] of Object.entries(object)) {
      // JSON drops undefined properties: so does a JSON copy, without complaint.
      if (item === undefined) continue;
      const problem = findProblem(item, DEV ? (path === '' ? key : `${path}.${key}`) : '', seen);
      if (problem !== null) return problem;
    }
    return null;
  } finally {
    seen.delete(object);
  }
}

function describe(value: unknown): string {
  if (typeof value === 'function') return `a function (${value.name || 'anonymous'})`;
  if (typeof value === 'bigint') return `a bigint (${value}n)`;
  if (typeof value === 'symbol') return `a symbol (${String(value)})`;
  return 'undefined';
}
