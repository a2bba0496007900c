// What the routing and navigation suites share about the route tables of /work/shared/bench/:
// the shape of a route, and the plain segment-by-segment reading of its pattern that both use
// to pick URLs only one route answers (so the expected answer holds whatever precedence a
// router applies).

/** One route of a table: `:param` and `*catchAll` syntax. */
export interface RouteSpec {
  readonly name: string;
  readonly path: string;
  readonly methods: readonly string[];
  readonly group: string;
}

/** Whether the pattern's `parts` (its path split on '/', without the leading '') match `segments`. */
export function segmentsMatch(parts: readonly string[], segments: readonly string[]): boolean {
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i];
    if (part.startsWith('*')) return segments.length > i && segments.slice(i).every((s) => s !== '');
    if (i >= segments.length || segments[i] === '') return false;
    if (!part.startsWith(':') && part !== segments[i]) return false;
  }
  return parts.length === segments.length;
}
