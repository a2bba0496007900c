/**
 * The toolbar's panels, each a function from plain data to a template. Every value reaches a
 * template as a string made by text.ts, through a text binding: nothing from the URL, a form,
 * the session, a flash or a signal is ever markup.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { styleMap } from 'lit/directives/style-map.js';
import type { CurrentPage, Phial } from '../app.js';
import { isRedirect } from '../response.js';
import { whoRedirected } from './intercept.js';
import type { Hop, SignalEntry, Trace } from './probe.js';
import { durationText, formEntries, literal, requestText, responseText, scopeText, statusText, stepName } from './text.js';
import { paramRows, rowMatches, ruleRows, pendingLazyBlueprints, type UrlAnswer } from './urlmap.js';

/** A table of text: a caption (its accessible name), column headers, rows of cells. */
function table(caption: string, headers: readonly string[], rows: ReadonlyArray<readonly string[]>, empty = 'None.', kind = ''): TemplateResult {
  if (rows.length === 0) return html`<p class="empty"><span class="label">${caption}:</span> ${empty}</p>`;
  return html`<table class=${kind}>
    <caption>${caption}</caption>
    <thead><tr>${headers.map((h) => html`<th scope="col">${h}</th>`)}</tr></thead>
    <tbody>${rows.map((row) => html`<tr>${row.map((cell) => html`<td>${cell}</td>`)}</tr>`)}</tbody>
  </table>`;
}

function facts(rows: ReadonlyArray<readonly [string, string]>): TemplateResult {
  return html`<dl class="facts">${rows.map(([term, value]) => html`<dt>${term}</dt><dd>${value}</dd>`)}</dl>`;
}

// ---- Request

export function requestPanel(page: CurrentPage | null): TemplateResult {
  if (!page) return html`<p>No request yet.</p>`;
  const { request, response } = page;
  return html`
    ${facts([
      ['Method', request.method],
      ['Full path', request.fullPath],
      ['Endpoint', request.endpoint ?? '(none: no rule matched)'],
      ['Rule', request.urlRule?.rule ?? '(none)'],
      ['Blueprints', request.blueprints.length > 0 ? request.blueprints.join(' in ') : '(none: the app)'],
      ['Status', String(response.status)],
      ['Title', response.title ?? '(none)'],
      ...(response.location !== null ? [['Location', response.location] as const] : []),
    ])}
    ${table('Params', ['Name', 'Value', 'Type'], paramRows(request.params as Record<string, unknown>))}
    ${table('Query', ['Name', 'Value'], [...request.query])}
    ${table('Form', ['Name', 'Value'], formEntries(request.form))}
    ${table('req.g', ['Key', 'Value'], Object.keys(request.g).map((key) => [key, literal(request.g[key], 120)]))}`;
}

// ---- Timeline

/** The URL match of a hop, measured again by the toolbar. */
export type MatchTimer = (hop: Hop) => { duration: number; answer: string };

export function timelinePanel(app: Phial, trace: Trace | null, timeMatch: MatchTimer): TemplateResult {
  if (!trace) return html`<p>No navigation yet.</p>`;
  const chain = trace.hops.map((hop) => hop.request.fullPath);
  const last = trace.hops[trace.hops.length - 1];
  if (last.response && isRedirect(last.response)) chain.push(last.response.location ?? '?');
  return html`
    <ol class="chain" aria-label="Redirect chain">${chain.map((url) => html`<li>${url}</li>`)}</ol>
    ${trace.hops.map((hop, i) => hopBlock(app, hop, i, trace.hops.length, timeMatch))}`;
}

function hopBlock(app: Phial, hop: Hop, index: number, count: number, timeMatch: MatchTimer): TemplateResult {
  const total = hop.end === null ? null : hop.end - hop.start;
  const outcome = hop.response ? responseText(hop.response) + (hop.intercepted ? ' (intercepted)' : '')
    : hop.end === null ? 'in flight' : `failed: ${literal(hop.error, 120)}`;
  const heading = `${count > 1 ? `Hop ${index + 1}: ` : ''}${requestText(hop.request)} → ${outcome}${total === null ? '' : ` · ${durationText(total)}`}`;
  const match = hop.end === null ? null : timeMatch(hop);
  const rows: Array<{ kind: string; name: string; scope: string; duration: number }> = [];
  if (match) rows.push({ kind: 'URL match', name: match.answer, scope: 'the URL map (timed again)', duration: match.duration });
  for (const step of hop.steps) {
    rows.push({ kind: step.kind, name: stepName(step, app.beforeFirstRequestFuncs), scope: scopeText(step.scope), duration: step.end - step.start });
  }
  const longest = Math.max(0.001, ...rows.map((r) => r.duration));
  return html`<section class="hop">
    <h3>${heading}</h3>
    <table>
      <caption class="visually-hidden">Steps of ${requestText(hop.request)}</caption>
      <thead><tr><th scope="col">Step</th><th scope="col">Name</th><th scope="col">Registered on</th><th scope="col">Time</th></tr></thead>
      <tbody>${rows.map((row) => html`<tr>
        <td>${row.kind}</td><td>${row.name}</td><td>${row.scope}</td>
        <td class="time"><span class="bar" aria-hidden="true" style=${styleMap({ inlineSize: `${Math.round((row.duration / longest) * 100)}%` })}></span>${durationText(row.duration)}</td>
      </tr>`)}</tbody>
    </table>
  </section>`;
}

// ---- Redirects

export function redirectsPanel(app: Phial, traces: readonly Trace[], intercept: boolean, onIntercept: (on: boolean) => void): TemplateResult {
  const seen: string[][] = [];
  for (const trace of traces) {
    for (const hop of trace.hops) {
      if (!hop.response || !isRedirect(hop.response)) continue;
      seen.push([requestText(hop.request), statusText(hop.response.status), hop.response.location ?? '', whoRedirected(app, hop) + (hop.intercepted ? ' (intercepted)' : '')]);
    }
  }
  return html`
    <p><label><input type="checkbox" .checked=${intercept} @change=${(e: Event) => onIntercept((e.target as HTMLInputElement).checked)}>
      Intercept redirects</label></p>
    <p class="hint">When on, a redirect stops on a page that says who redirected where and why, with a link to go on
      (flask-debugtoolbar's option). The address bar keeps the URL that redirected; flash messages wait for the next page.</p>
    ${table('Redirects of the last navigations', ['From', 'Status', 'To', 'By'], seen.reverse())}`;
}

// ---- URL map

export interface UrlMapState {
  readonly filter: string;
  readonly url: string;
  readonly method: string;
  readonly answer: UrlAnswer | null;
}

export interface UrlMapActions {
  filter(text: string): void;
  url(text: string): void;
  method(method: string): void;
}

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'];

export function urlMapPanel(app: Phial, state: UrlMapState, on: UrlMapActions): TemplateResult {
  const rows = ruleRows(app).filter((row) => rowMatches(row, state.filter));
  const lazy = pendingLazyBlueprints(app);
  const { answer } = state;
  return html`
    <div class="row">
      <label>Try a URL <input id="try-url" type="text" spellcheck="false" autocomplete="off" placeholder=${app.base === '/' ? '/users/7' : `${app.base}/users/7`}
        .value=${state.url} @input=${(e: Event) => on.url((e.target as HTMLInputElement).value)}></label>
      <label>Method <select id="try-method" @change=${(e: Event) => on.method((e.target as HTMLSelectElement).value)}>
        ${METHODS.map((m) => html`<option ?selected=${m === state.method}>${m}</option>`)}
      </select></label>
    </div>
    <output for="try-url try-method" aria-live="polite" class="answer">${answer === null ? 'Type a URL to see what would answer it, without navigating.' : html`
      <p><strong>${answer.status === null ? 'Not the app’s' : String(answer.status)}</strong> ${answer.summary}</p>
      ${answer.params.length > 0 ? table('Values', ['Name', 'Value', 'Type'], answer.params) : nothing}
      ${answer.notes.map((note) => html`<p class="hint">${note}</p>`)}`}
    </output>
    <div class="row"><label>Filter rules <input id="rule-filter" type="search" .value=${state.filter}
      @input=${(e: Event) => on.filter((e.target as HTMLInputElement).value)}></label></div>
    ${table(app.base === '/' ? 'Rules' : `Rules (paths after the base ${app.base})`, ['Rule', 'Endpoint', 'Methods', 'Converters', 'View'],
      rows.map((r) => [r.rule, r.endpoint, r.methods, r.converters, r.view]), state.filter ? 'No rule matches the filter.' : 'None.')}
    ${lazy.length > 0 ? table('Lazy blueprints not loaded yet', ['Prefix', 'Blueprint'], lazy.map(([prefix, name]) => [prefix || '/', name])) : nothing}`;
}

// ---- Flashes and session

export function flashesPanel(flashes: ReadonlyArray<[string, unknown]> | null, onRefresh: () => void): TemplateResult {
  return html`
    <p class="hint">Messages waiting for a page view, peeked: the toolbar never consumes them.
      <button type="button" @click=${onRefresh}>Refresh</button></p>
    ${flashes === null ? html`<p>Reading…</p>` : table('Pending flash messages', ['Category', 'Message'],
      flashes.map(([category, message]) => [category, typeof message === 'string' ? message : literal(message)]))}`;
}

export function sessionPanel(entries: ReadonlyArray<[string, unknown]>, storeName: string): TemplateResult {
  return html`
    <p class="hint">Store: ${storeName}. Updated live (another tab's changes too, with a shared store such as IndexedDB).</p>
    ${table('Session', ['Key', 'Value'], entries.map(([key, value]) => [key, literal(value)]))}`;
}

// ---- Signals

export interface SignalsState {
  readonly name: string;
  readonly text: string;
  readonly limit: number;
}

export interface SignalsActions {
  name(name: string): void;
  text(text: string): void;
  clear(): void;
}

export function signalsPanel(log: readonly SignalEntry[], names: readonly string[], state: SignalsState, on: SignalsActions): TemplateResult {
  const needle = state.text.trim().toLowerCase();
  const shown = log.filter((entry) => (state.name === '' || entry.signal === state.name) &&
    (needle === '' || [entry.signal, entry.sender, ...entry.data.flat()].some((t) => t.toLowerCase().includes(needle))));
  const t0 = log[0]?.time ?? 0;
  return html`
    <div class="row">
      <label>Signal <select id="signal-name" @change=${(e: Event) => on.name((e.target as HTMLSelectElement).value)}>
        <option value="" ?selected=${state.name === ''}>All</option>
        ${names.map((n) => html`<option ?selected=${n === state.name}>${n}</option>`)}
      </select></label>
      <label>Filter <input id="signal-filter" type="search" .value=${state.text} @input=${(e: Event) => on.text((e.target as HTMLInputElement).value)}></label>
      <button type="button" @click=${on.clear}>Clear</button>
    </div>
    <p class="hint">${shown.length} of ${log.length} shown, newest first; the last ${state.limit} are kept.</p>
    ${table('Signals sent', ['Time', 'Signal', 'Sender', 'Data'], [...shown].reverse().map((entry) => [
      `+${durationText(entry.time - t0)}`,
      entry.signal,
      entry.sender,
      entry.data.map(([key, value]) => (key ? `${key}: ${value}` : value)).join('; '),
    ]), 'None.', 'log')}`;
}
