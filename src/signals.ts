/**
 * Signals, as blinker gives them to Flask: named broadcast points that receivers subscribe to,
 * optionally for one sender. Sending never fails: a receiver that throws (or whose promise
 * rejects) is reported on the console and the others, and the navigation, go on.
 */
import type { App } from './app-type.js';
import { DEV } from './dev.js';
import type { Request } from './request.js';
import type { Response } from './response.js';

/** A signal receiver: called as `fn(sender, data)`, never awaited. */
export type Receiver<D, S> = (sender: S, data: D) => unknown;

interface Connection<D, S> {
  fn: Receiver<D, S>;
  /** `anySender` when connected for every sender. */
  sender: S | typeof anySender;
}

const anySender: unique symbol = Symbol('any sender');

/**
 * A named signal.
 * @example
 * const saved = new Signal<{ id: number }>('saved');
 * const off = saved.connect((sender, data) => console.log('saved', data.id));
 * saved.send(app, { id: 7 });
 * off();
 */
export class Signal<D = unknown, S = unknown> {
  readonly name: string;
  #connections: Array<Connection<D, S>> = [];

  constructor(name: string) {
    this.name = name;
  }

  /**
   * Calls `fn(sender, data)` on every send, or only on sends by `options.sender`.
   * Connecting the same function for the same sender twice keeps one connection.
   * Returns a function that disconnects it.
   */
  connect(fn: Receiver<D, S>, options: { sender?: S } = {}): () => void {
    const sender = options.sender === undefined ? anySender : options.sender;
    if (!this.#connections.some((c) => c.fn === fn && c.sender === sender)) {
      this.#connections = [...this.#connections, { fn, sender }];
    }
    return () => this.disconnect(fn, options);
  }

  /** Disconnects `fn`: from every sender, or only from `options.sender`. */
  disconnect(fn: Receiver<D, S>, options: { sender?: S } = {}): void {
    const sender = options.sender;
    this.#connections = this.#connections.filter(
      (c) => c.fn !== fn || (sender !== undefined && c.sender !== sender),
    );
  }

  /** True when some receiver would get a send from `sender`. */
  hasReceiversFor(sender: S): boolean {
    return this.#connections.some((c) => c.sender === anySender || c.sender === sender);
  }

  /** Calls the receivers connected for `sender` (and for any sender), in connection order. */
  send(sender: S, data: D): void {
    // A snapshot: receivers that connect or disconnect during a send change the next send only.
    for (const { fn, sender: wanted } of this.#connections) {
      if (wanted !== anySender && wanted !== sender) continue;
      try {
        const result = fn(sender, data);
        if (isThenable(result)) result.then(undefined, (error) => this.#report(error));
      } catch (error) {
        this.#report(error);
      }
    }
  }

  #report(error: unknown): void {
    console.error(DEV ? `Phial: a receiver of the '${this.name}' signal failed; the other receivers and the navigation go on.` : `Phial P249 ${this.name}`, error);
  }
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return value !== null && (typeof value === 'object' || typeof value === 'function') &&
    typeof (value as { then?: unknown }).then === 'function';
}

/**
 * The app's signals (SPEC §9); the app is the sender of each.
 * @example
 * signals.requestFinished.connect((app, { request, response }) => {
 *   console.log(request.path, response.status);
 * }, { sender: app });
 */
export const signals = {
  /** A dispatch starts, before the URL value preprocessors and the before hooks. */
  requestStarted: /* @__PURE__ */ new Signal<{ request: Request }, App>('requestStarted'),
  /** The response is final: after the after hooks, before teardown. */
  requestFinished: /* @__PURE__ */ new Signal<{ request: Request; response: Response }, App>('requestFinished'),
  /** An unhandled error, before the 500 page is made (or the test-client call rejects). */
  gotRequestException: /* @__PURE__ */ new Signal<{ request: Request; error: unknown }, App>('gotRequestException'),
  /** The end of every dispatch that reached the app, after teardown; `error` as teardown got it. */
  requestTearingDown: /* @__PURE__ */ new Signal<{ request: Request; error: unknown }, App>('requestTearingDown'),
  /** Every flash. */
  messageFlashed: /* @__PURE__ */ new Signal<{ message: unknown; category: string }, App>('messageFlashed'),
  /** An outlet is about to render a response. */
  beforeRenderTemplate: /* @__PURE__ */ new Signal<{ request: Request; response: Response }, App>('beforeRenderTemplate'),
  /** An outlet rendered a response. */
  templateRendered: /* @__PURE__ */ new Signal<{ request: Request; response: Response }, App>('templateRendered'),
  /** A navigation committed its URL, before outlets render; `app.current` is that page. */
  navigationCommitted: /* @__PURE__ */ new Signal<{ request: Request; response: Response }, App>('navigationCommitted'),
  /** A dispatch was aborted (a newer navigation started): nothing is rendered. */
  navigationAborted: /* @__PURE__ */ new Signal<{ request: Request }, App>('navigationAborted'),
  /** A store failed and Phial fell back to memory. */
  storageFallback: /* @__PURE__ */ new Signal<{ store: string; error: unknown }, App>('storageFallback'),
};
