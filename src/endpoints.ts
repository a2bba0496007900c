/**
 * Endpoint and blueprint names, as Flask spells them: 'parent.child.view' is the view 'view' of
 * blueprint 'child', registered in blueprint 'parent'. A leaf module, so that the app, blueprints,
 * requests, URL building and the dispatch all read a name the same way without importing each other.
 */
import { DEV, prodMessage } from './dev.js';
import { PhialError } from './errors.js';

/** The blueprint of an endpoint: 'parent.child' for 'parent.child.view'; null for an app endpoint. */
export function blueprintOf(endpoint: string | null): string | null {
  if (endpoint === null) return null;
  const dot = endpoint.lastIndexOf('.');
  return dot < 0 ? null : endpoint.slice(0, dot);
}

/** A dotted blueprint name and its parents, innermost first: 'a.b.c' to ['a.b.c', 'a.b', 'a']. */
export function splitBlueprintPath(name: string | null): string[] {
  if (name === null || name === '') return [];
  const out = [name];
  for (let i = name.lastIndexOf('.'); i > 0; i = name.lastIndexOf('.', i - 1)) out.push(name.slice(0, i));
  return out;
}

/** The name under which a blueprint nested in `prefix` files its endpoints: 'parent.child'. */
export function dottedName(prefix: string | undefined, name: string): string {
  return prefix ? `${prefix}.${name}` : name;
}

/**
 * The endpoint of a view without an explicit one: its function name.
 * @throws PhialError for an anonymous view.
 */
export function endpointFromView(view: unknown, rule: string): string {
  if (typeof view !== 'function') {
    throw new PhialError(DEV ? `The rule ${JSON.stringify(rule)} has neither a view function nor an endpoint. Pass a view, or { endpoint } for a rule whose view is bound later.` : prodMessage(226, 'a rule with neither a view nor an endpoint'));
  }
  if (!view.name) {
    throw new PhialError(DEV ? `The view of ${JSON.stringify(rule)} is an anonymous function, so it has no endpoint name. Name it (function index(req) {...}, or const index = (req) => ...) or pass { endpoint: 'index' }.` : prodMessage(227, 'an anonymous view has no endpoint name'));
  }
  return view.name;
}
