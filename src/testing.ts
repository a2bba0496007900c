/**
 * The test client, as Flask's: full dispatches (middleware, hooks, signals, flashes, session)
 * with no history and no DOM. It follows redirects only when asked, as a browser does: each
 * hop is its own dispatch; 301/302 after a POST and 303 become a GET, 307/308 keep the method
 * and the form. Its dispatches never abort each other. What a call does is test-open.ts, loaded
 * when `app.test` is first used: an app that never uses it pays for this class only.
 */
import type { App } from './app-type.js';
import { activateApp } from './context.js';
import type { Response } from './response.js';
import type { TestOpenOptions, TestRequestOptions } from './test-open.js';

export type { FormValue, TestOpenOptions, TestRequestOptions } from './test-open.js';

/**
 * Dispatches requests to an app as a browser would, without one.
 * @example
 * const res = await app.test.get('/users/7');
 * expect(res.status).to.equal(200);
 * expect(res.html).to.contain('Ada');
 */
export class TestClient {
  readonly app: App;

  constructor(app: App) {
    this.app = app;
    // Started now, so that the first call rarely waits for it; a failure rejects that call.
    loadOpener().catch(() => {});
  }

  /** A GET of a full path (with the base), e.g. '/app/users/7?tab=posts'. */
  get(url: string, options: TestRequestOptions = {}): Promise<Response> {
    return this.open(url, { ...options, method: 'GET' });
  }

  /** A POST of a form: a FormData or a plain object of strings, as Flask's `data={}`. */
  post(url: string, form?: TestOpenOptions['form'], options: TestRequestOptions = {}): Promise<Response> {
    return this.open(url, { ...options, method: 'POST', form });
  }

  /** A request with any method. */
  open(url: string, options: TestOpenOptions = {}): Promise<Response> {
    // The test client makes its app the current one, as start() does (SPEC §2), at the call.
    activateApp(this.app);
    // Once test-open.ts is loaded, the dispatch starts at the call, before the first await.
    if (opener) return opener(this.app, url, options);
    return loadOpener().then((open) => open(this.app, url, options));
  }
}

type Opener = (app: App, url: string, options: TestOpenOptions) => Promise<Response>;

let opener: Opener | null = null;
let loading: Promise<Opener> | null = null;

function loadOpener(): Promise<Opener> {
  return (loading ??= import('./test-open.js').then((m) => (opener = m.openTest), (error: unknown) => {
    loading = null; // tried again on the next call
    throw error;
  }));
}
