/**
 * The test client, as Flask's: full dispatches (middleware, hooks, signals, flashes, session)
 * with no history and no DOM. It follows redirects only when asked, as a browser does: each
 * hop is its own dispatch; 301/302 after a POST and 303 become a GET, 307/308 keep the method
 * and the form. Its dispatches never abort each other. How a call's request is made from its
 * URL and form is test-request.ts, loaded when `app.test` is first used: an app that never uses
 * the test client does not load it.
 */
import type { App } from './app-type.js';
import { activateApp } from './context.js';
import { Request } from './request.js';
import type { Response } from './response.js';
import { serveFollowing } from './serve.js';
import type { TestOpenOptions, TestRequestOptions } from './test-request.js';

export type { FormValue, TestOpenOptions, TestRequestOptions } from './test-request.js';

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
    loadMakeRequest().catch(() => {});
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
  async open(url: string, options: TestOpenOptions = {}): Promise<Response> {
    // The test client makes its app the current one when no started app is running (SPEC §2).
    activateApp(this.app, true);
    // Once test-request.ts is loaded, the dispatch starts at the call, before any await. Before
    // that (the first call), the options and the form are read now, as later calls read them:
    // a form changed after the call is not what was sent.
    let req: Request;
    if (makeRequest !== null) req = makeRequest(this.app, url, options);
    else {
      const taken = { ...options, form: copyForm(options.form) };
      req = (await loadMakeRequest())(this.app, url, taken);
    }
    const served = await serveFollowing(this.app, req, options.followRedirects === true,
      (hop) => new Request(this.app, hop.url, { ...hop, state: options.state }));
    return served.response;
  }
}

type MakeRequest = (app: App, url: string, options: TestOpenOptions) => Request;

let makeRequest: MakeRequest | null = null;
let loading: Promise<MakeRequest> | null = null;

function loadMakeRequest(): Promise<MakeRequest> {
  return (loading ??= import('./test-request.js').then((m) => (makeRequest = m.testRequest), (error: unknown) => {
    loading = null; // tried again on the next call
    throw error;
  }));
}

/** A copy of a test-client form as it stands at the call. */
function copyForm(form: TestOpenOptions['form']): TestOpenOptions['form'] {
  if (form instanceof FormData) {
    const copy = new FormData();
    for (const [name, value] of form) copy.append(name, value);
    return copy;
  }
  if (form === null || typeof form !== 'object') return form; // refused, as it stands, by test-request.ts
  const copy: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(form)) copy[name] = Array.isArray(value) ? [...value] : value;
  return copy as TestOpenOptions['form'];
}
