/**
 * flask-debugtoolbar's "intercept redirects": a redirect is answered instead with a page that
 * says who redirected where and why, and offers the hop the browser would have made (a link,
 * or a form that sends the same fields again for a 307/308 after a POST). As in Flask, the page
 * replaces the response after the app is done with it: the hop's flashes and session were
 * settled as for any redirect, so its messages wait for the page the user goes on to.
 */
import { html, type TemplateResult } from 'lit';
import type { Phial } from '../app.js';
import { RequestRedirect } from '../errors.js';
import { isUnderBase } from '../location.js';
import { Response } from '../response.js';
import { leavesWithoutConsent, redirectHop } from '../serve.js';
import type { StepRecord } from '../steps.js';
import { basePrefix, hrefOf } from '../urls.js';
import type { Hop } from './probe.js';
import { scopeText, stepName, statusText } from './text.js';

/** Who answered a hop with a redirect, in words: 'the before hook loginRequired of blueprint 'admin''. */
export function whoRedirected(app: Phial, hop: Hop): string {
  let answering: StepRecord | undefined;
  for (const step of hop.steps) {
    if (step.kind === 'beforeRequest' || step.kind === 'view' || step.kind === 'errorHandler') answering = step;
  }
  if (answering) {
    const name = stepName(answering, []);
    if (answering.kind === 'view') return `The view ${name} (endpoint '${answering.request.endpoint}')`;
    const what = answering.kind === 'beforeRequest' ? 'before hook' : 'error handler';
    return `The ${what} ${name} of ${scopeText(answering.scope)}`;
  }
  if (hop.steps.length === 0) {
    const { pathname, search } = hop.request.url;
    const prefix = basePrefix(app);
    const match = isUnderBase(pathname, prefix) ? app.urlMap.tryMatch(pathname.slice(prefix.length) + search, hop.request.method) : null;
    return match instanceof RequestRedirect ? 'The URL map (the URL is not the canonical URL of its rule)' : 'A middleware (no hook or view ran)';
  }
  return 'A step of the pipeline';
}

/** Makes the page shown in place of `response`, the redirect `hop` answered. */
export function interceptPage(app: Phial, hop: Hop, response: Response): Response {
  const { request } = hop;
  const status = statusText(response.status);
  const next = redirectHop(request, response);
  const to = next ? next.url : String(response.location);
  let goOn: TemplateResult;
  let why: string;
  if (next) {
    const href = hrefOf(app, next.url);
    if (next.method === 'GET') {
      why = request.method === 'GET' || request.method === 'HEAD'
        ? 'A browser follows it with a GET.'
        : `A browser follows it with a GET, without the form (a ${response.status} after a ${request.method}).`;
      goOn = html`<p><a href=${href}>Go on to ${next.url}</a></p>`;
    } else {
      const entries = next.form ? [...next.form] : [];
      const fields = entries.filter((entry): entry is [string, string] => typeof entry[1] === 'string');
      const files = fields.length < entries.length;
      why = `A browser follows it with the same method and form (${next.method}), as a ${response.status} asks.`;
      goOn = html`<form method="post" action=${href}>
        ${fields.map(([name, value]) => html`<input type="hidden" name=${name} value=${value}>`)}
        <button>Go on: ${next.method} ${next.url}</button>${files ? html` (its files are not sent again)` : ''}
      </form>`;
    }
  } else if (leavesWithoutConsent(response)) {
    why = 'It leaves the app without redirect(url, { external: true }): Phial refuses to follow it, so there is no link.';
    goOn = html``;
  } else if (response.external && isWebUrl(String(response.location))) {
    why = 'It leaves the app (redirect with { external: true }): going on loads that page.';
    goOn = html`<p><a href=${String(response.location)} rel="external">Go on to ${String(response.location)}</a></p>`;
  } else {
    why = response.external ? 'Phial never follows a location that is not an http(s) URL.' : 'The navigation reached its limit of redirects.';
    goOn = html``;
  }
  const body = html`<section data-phial-debug-intercept>
    <h1>Redirect intercepted</h1>
    <p>${whoRedirected(app, hop)} answered <code>${request.method} ${request.fullPath}</code> with <strong>${status}</strong> to <code>${to}</code>.</p>
    <p>${why}</p>
    ${goOn}
    <p><small>The Phial debug toolbar stopped this redirect because “Intercept redirects” is on (its Redirects panel).</small></p>
  </section>`;
  return new Response(body, { status: 200, title: `Redirect intercepted: ${status}` });
}

function isWebUrl(location: string): boolean {
  try {
    const { protocol } = new URL(location, globalThis.location?.href);
    return protocol === 'http:' || protocol === 'https:';
  } catch {
    return false;
  }
}
