/**
 * What the toolbar records of one app, as plain data: each navigation as a trace of redirect
 * hops, each hop with the steps the pipeline ran (heard through the step runner, steps.ts), and
 * a bounded log of the signals sent. The design decision: a probe exists only while a toolbar
 * is connected. Connecting installs, once per app, a middleware that looks the probe up on each
 * dispatch; without a probe it hands the request straight on, and no step listener or signal
 * receiver is left behind.
 */
import type { Phial } from '../app.js';
import { DEV } from '../dev.js';
import type { Request } from '../request.js';
import { isRedirect, type Response } from '../response.js';
import { signals, type Signal } from '../signals.js';
import { listenToSteps, stepListenerOf, type StepListener, type StepRecord } from '../steps.js';
import { dataEntries, senderText } from './text.js';

/** One dispatch of a navigation: its request, what it answered, the steps it ran. */
export interface Hop {
  readonly request: Request<any>;
  /** What the dispatch answered (before an interception); null while in flight or after an error. */
  response: Response | null;
  /** What the dispatch rejected with (an aborted navigation, or an app with `testing`). */
  error: unknown;
  /** `performance.now()` when the dispatch started and ended (null while in flight). */
  start: number;
  end: number | null;
  readonly steps: StepRecord[];
  /** Set when the toolbar stopped this hop's redirect and showed its own page instead. */
  intercepted: boolean;
}

/** One navigation (or test-client call): its hops in order, the first with no redirect chain. */
export interface Trace {
  readonly id: number;
  readonly hops: Hop[];
}

/** One line of the signal log: strings only, taken when the signal was sent. */
export interface SignalEntry {
  readonly id: number;
  /** `performance.now()` when it was sent. */
  readonly time: number;
  readonly signal: string;
  readonly sender: string;
  readonly data: ReadonlyArray<[string, string]>;
}

/** Makes the page shown in place of a redirect, or null to let the redirect through. */
export type Interceptor = (hop: Hop, response: Response) => Response | null;

const TRACES_KEPT = 20;

const probes = new WeakMap<Phial, Probe>();
const wrapped = new WeakSet<Phial>();

/**
 * The probe of `app`, created (and attached to the app) for the first toolbar that asks, shared
 * by the others; `release()` detaches it when the last one lets go.
 */
export function acquireProbe(app: Phial, onChange: () => void): { probe: Probe; release: () => void } {
  let probe = probes.get(app);
  if (!probe) {
    probe = new Probe(app);
    probes.set(app, probe);
    installMiddleware(app);
  }
  const held = probe;
  held.listeners.add(onChange);
  let released = false;
  return {
    probe: held,
    release: () => {
      if (released) return;
      released = true;
      held.listeners.delete(onChange);
      if (held.listeners.size > 0) return;
      held.detach();
      if (probes.get(app) === held) probes.delete(app);
    },
  };
}

/**
 * Wraps the app's dispatch once: with a probe, each dispatch is recorded as a hop (and a redirect
 * may be intercepted); without one the request goes straight on, as if nothing were wrapped.
 */
function installMiddleware(app: Phial): void {
  if (wrapped.has(app)) return;
  wrapped.add(app);
  app.wrap(function phialDebugToolbar(next) {
    return (req) => {
      const probe = probes.get(app);
      return probe ? probe.serve(next, req) : next(req);
    };
  });
}

export class Probe {
  readonly app: Phial;
  /** The last navigations, oldest first. */
  readonly traces: Trace[] = [];
  /** The last signals sent, oldest first, at most `signalLimit`. */
  readonly signalLog: SignalEntry[] = [];
  signalLimit = 200;
  /** When set, a redirect is replaced by the page it makes (the Redirects panel's option). */
  interceptor: Interceptor | null = null;
  /** Called when something changed (a hop, a step, a signal): the toolbars re-render. */
  readonly listeners = new Set<() => void>();
  readonly #hops = new WeakMap<Request<any>, Hop>();
  readonly #previousListener: StepListener | undefined;
  readonly #stepListener: StepListener;
  readonly #disconnects: Array<() => void> = [];
  #nextId = 1;

  constructor(app: Phial) {
    this.app = app;
    // A step listener of the app's own keeps hearing every step.
    const previous = stepListenerOf(app);
    this.#previousListener = previous;
    this.#stepListener = (step) => {
      this.#hopOf(step.request).steps.push(step);
      this.#changed();
      previous?.(step);
    };
    listenToSteps(app, this.#stepListener);
    for (const [name, signal] of Object.entries(signals) as Array<[string, Signal<unknown, unknown>]>) {
      this.#disconnects.push(signal.connect((sender, data) => this.#logSignal(name, sender, data)));
    }
  }

  /** Stops listening: the app's own step listener, if it had one, is put back. */
  detach(): void {
    if (stepListenerOf(this.app) === this.#stepListener) listenToSteps(this.app, this.#previousListener ?? null);
    for (const disconnect of this.#disconnects.splice(0)) disconnect();
  }

  /** The middleware's work for one dispatch. */
  async serve(next: (req: Request<any>) => Promise<Response>, req: Request<any>): Promise<Response> {
    const hop = this.#hopOf(req);
    hop.start = performance.now();
    this.#changed();
    let response: Response;
    try {
      response = await next(req);
    } catch (error) {
      hop.error = error;
      hop.end = performance.now();
      this.#changed();
      throw error;
    }
    hop.end = performance.now();
    hop.response = response;
    const page = this.interceptor && isRedirect(response) ? this.interceptor(hop, response) : null;
    if (page) hop.intercepted = true;
    this.#changed();
    return page ?? response;
  }

  /** The last trace, the navigation the timeline shows. */
  get lastTrace(): Trace | null {
    return this.traces[this.traces.length - 1] ?? null;
  }

  clearSignals(): void {
    this.signalLog.length = 0;
    this.#changed();
  }

  /**
   * The hop of `req`, made on its first sight: a request with a redirect chain joins the trace
   * whose hops it names, any other starts a trace.
   */
  #hopOf(req: Request<any>): Hop {
    let hop = this.#hops.get(req);
    if (hop) return hop;
    hop = { request: req, response: null, error: null, start: performance.now(), end: null, steps: [], intercepted: false };
    this.#hops.set(req, hop);
    const chain = req.redirectChain;
    let trace: Trace | undefined;
    for (let i = this.traces.length - 1; i >= 0 && chain.length > 0 && !trace; i--) {
      const t = this.traces[i];
      if (t.hops.length === chain.length && t.hops.every((h, j) => h.request.fullPath === chain[j])) trace = t;
    }
    if (trace) {
      trace.hops.push(hop);
    } else {
      this.traces.push({ id: this.#nextId++, hops: [hop] });
      if (this.traces.length > TRACES_KEPT) this.traces.shift();
    }
    return hop;
  }

  #logSignal(name: string, sender: unknown, data: unknown): void {
    this.signalLog.push({ id: this.#nextId++, time: performance.now(), signal: name, sender: senderText(sender), data: dataEntries(data) });
    if (this.signalLog.length > this.signalLimit) this.signalLog.splice(0, this.signalLog.length - this.signalLimit);
    this.#changed();
  }

  #changed(): void {
    for (const listener of this.listeners) {
      try {
        listener();
      } catch (error) {
        console.error(DEV ? 'Phial: the debug toolbar failed to take a change in.' : 'Phial P408', error);
      }
    }
  }
}
