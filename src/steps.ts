/**
 * The step runner: every function of the app's that a dispatch runs (value preprocessors, hooks,
 * the view, layouts, error handlers, teardown functions) runs through `call`. It is the one place
 * where the pipeline notices an abort after a step, and the instrumentation point of a debug
 * toolbar: a listener set with `listenToSteps` hears each step with its timing; without one, a
 * step reads no clock.
 */
import { DEV } from './dev.js';
import type { Request } from './request.js';

/** A function of the app's that the pipeline runs, named as it is registered. */
export type StepKind =
  | 'beforeFirstRequest'
  | 'urlValuePreprocessor'
  | 'beforeRequest'
  | 'view'
  | 'layout'
  | 'errorHandler'
  | 'afterRequest'
  | 'teardownRequest';

/** What a step listener hears once a step has ended, returned or thrown. */
export interface StepRecord {
  readonly kind: StepKind;
  /** The function's name ('' for an anonymous one). */
  readonly name: string;
  /** The blueprint the function belongs to (for a view, its endpoint's), or null for the app's. */
  readonly scope: string | null;
  readonly request: Request;
  /** `performance.now()` when the step started and when it ended. */
  readonly start: number;
  readonly end: number;
}

/** Hears each step of each dispatch of one app. */
export type StepListener = (step: StepRecord) => void;

/** A dispatch as the runner sees it: its request, and the listener it started with. */
export interface Stepping {
  readonly req: Request;
  readonly onStep: StepListener | undefined;
}

const listeners = new WeakMap<object, StepListener>();

/**
 * Calls `listener` after each step of each dispatch of `app` that starts from now on. One
 * listener per app; null removes it. Errors in `listener` are reported, never thrown.
 * @example
 * listenToSteps(app, (s) => console.debug(s.kind, s.name || '(anonymous)', s.scope, s.end - s.start));
 */
export function listenToSteps(app: object, listener: StepListener | null): void {
  if (listener) listeners.set(app, listener);
  else listeners.delete(app);
}

/** The listener of `app`, read once when a dispatch starts. */
export function stepListenerOf(app: object): StepListener | undefined {
  return listeners.get(app);
}

/**
 * Runs one step: `fn(...args)`, awaited. A step that ends in an aborted dispatch throws the
 * abort's reason, except teardown, which runs to the end whatever happened.
 */
export async function call<A extends unknown[], R>(
  dispatch: Stepping,
  kind: StepKind,
  scope: string | null,
  fn: (...args: A) => R,
  ...args: A
): Promise<Awaited<R>> {
  const { onStep } = dispatch;
  const start = onStep ? performance.now() : 0;
  let rv: Awaited<R>;
  try {
    rv = await fn(...args);
  } finally {
    if (onStep) report(onStep, { kind, name: fn.name, scope, request: dispatch.req, start, end: performance.now() });
  }
  if (kind !== 'teardownRequest') throwIfAborted(dispatch.req);
  return rv;
}

function report(listener: StepListener, step: StepRecord): void {
  try {
    listener(step);
  } catch (error) {
    console.error(DEV ? 'Phial: a step listener failed; the dispatch goes on.' : 'Phial P248', error);
  }
}

/** Throws the abort's reason when the request's navigation was aborted. */
export function throwIfAborted(req: Request): void {
  if (req.signal.aborted) throw req.signal.reason ?? new DOMException('The navigation was aborted.', 'AbortError');
}
