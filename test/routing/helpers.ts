// What the routing tests share: a map from a list of rules, and console.warn captured.
import { UrlMap, type RuleOptions, type UrlMapOptions } from '../../src/routing/map.js';

export type Spec = [rule: string, endpoint: string, options?: Omit<RuleOptions, 'endpoint'>];

/** A map holding `specs` in order; `prepare` runs first (to add converters). */
export function makeMap(specs: readonly Spec[], options: UrlMapOptions = {}, prepare: (map: UrlMap) => void = () => {}): UrlMap {
  const map = new UrlMap(options);
  prepare(map);
  for (const [rule, endpoint, extra] of specs) map.add(rule, { endpoint, ...extra });
  return map;
}

/** Runs `fn` with console.warn captured. */
export function captureWarnings<T>(fn: () => T): { result: T; warnings: string[] } {
  const warnings: string[] = [];
  const original = console.warn;
  console.warn = (...args: unknown[]) => { warnings.push(args.map(String).join(' ')); };
  try {
    return { result: fn(), warnings };
  } finally {
    console.warn = original;
  }
}
