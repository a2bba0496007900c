/**
 * The request a test-client call makes, as a browser would make it from a link or a form: a
 * path stays a path, a form given as a plain object becomes a FormData, and a GET's fields go
 * to the query. Loaded on the first use of `app.test` (testing.ts imports it dynamically), so
 * an app that never uses the test client does not load it.
 */
import { DEV, prodMessage } from './dev.js';
import type { App } from './app-type.js';
import { PhialError } from './errors.js';
import { Request } from './request.js';
import { describeValue } from './response.js';
import { appLocation } from './urls.js';

/** What a plain-object form may hold: strings (several for a repeated field) and files. */
export type FormValue = string | number | boolean | Blob | ReadonlyArray<string | number | boolean | Blob>;

/** Options of `app.test.get` and `app.test.post`. */
export interface TestRequestOptions {
  /** Follow redirects (each hop a dispatch) and resolve with the final response. */
  followRedirects?: boolean;
  /** The history state the request carries (`req.state`). */
  state?: unknown;
}

/** Options of `app.test.open`. */
export interface TestOpenOptions extends TestRequestOptions {
  /** Default 'GET'. */
  method?: string;
  /** A GET's fields go to the query, as a browser's form does. */
  form?: FormData | Readonly<Record<string, FormValue | null | undefined>> | null;
}

/** The first request of `app.test.open(url, options)`. */
export function testRequest(app: App, url: string, options: TestOpenOptions): Request {
  const method = (options.method ?? 'GET').toUpperCase();
  let target = fullPath(appLocation(app, url));
  let form = toFormData(options.form);
  if (form && (method === 'GET' || method === 'HEAD')) {
    target = withQuery(target, form);
    form = null;
  }
  return new Request(app, target, { method, form, state: options.state });
}

/** A path stays a path (even '//x'); a URL of any origin gives its path, query and hash. */
function fullPath(url: string): string {
  if (url.startsWith('/')) return url;
  const parsed = new URL(url, globalThis.location?.href ?? 'http://localhost/');
  return parsed.pathname + parsed.search + parsed.hash;
}

function toFormData(form: TestOpenOptions['form']): FormData | null {
  if (form === undefined || form === null) return null;
  if (form instanceof FormData) return form;
  if (typeof form !== 'object') {
    throw new PhialError(DEV ? `The test client's form must be a FormData or a plain object of strings, as Flask's data={}, not ${describeValue(form)}.` : prodMessage(234, "the test client's form must be a FormData or an object"));
  }
  const data = new FormData();
  for (const [name, value] of Object.entries(form)) {
    if (value === undefined || value === null) continue;
    for (const item of Array.isArray(value) ? value : [value]) {
      data.append(name, item instanceof Blob ? item : fieldText(name, item));
    }
  }
  return data;
}

function fieldText(name: string, value: unknown): string {
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  throw new PhialError(DEV ? `The form field '${name}' holds ${describeValue(value)}: a form field is a string (a number or a boolean is written as text) or a Blob, several of them in an array for a repeated field.` : prodMessage(235, 'a form field that is not text or a Blob'));
}

function withQuery(path: string, form: FormData): string {
  const url = new URL('http://phial.invalid' + path);
  for (const [name, value] of form) if (typeof value === 'string') url.searchParams.append(name, value);
  return url.pathname + url.search + url.hash;
}
