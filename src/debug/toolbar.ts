/**
 * `<phial-debug-toolbar>`: flask-debugtoolbar for a Phial app, in a corner of the page. It holds
 * the toolbar's state (open or collapsed, the panel shown, the filters) and reads the app
 * through a probe (probe.ts) that exists only while it is connected. It never moves focus
 * unless a key pressed in it asks to, and re-renders at most once per frame.
 */
import { html, LitElement, nothing, type PropertyValues, type TemplateResult } from 'lit';
import type { Phial } from '../app.js';
import { lastActiveApp } from '../context.js';
import { DEV } from '../dev.js';
import { signals } from '../signals.js';
import { interceptPage } from './intercept.js';
import { flashesPanel, redirectsPanel, requestPanel, sessionPanel, signalsPanel, timelinePanel, urlMapPanel } from './panels.js';
import { acquireProbe, type Hop, type Probe } from './probe.js';
import { styles } from './styles.js';
import { durationText } from './text.js';
import { timeMatch, tryUrl } from './urlmap.js';

const PANELS = [
  ['request', 'Request'],
  ['timeline', 'Timeline'],
  ['redirects', 'Redirects'],
  ['urlmap', 'URL map'],
  ['flashes', 'Flashes'],
  ['session', 'Session'],
  ['signals', 'Signals'],
] as const;

export type PanelName = (typeof PANELS)[number][0];

/** What the toolbar remembers across reloads. */
interface Saved {
  open: boolean;
  panel: PanelName;
  intercept: boolean;
}

/** The localStorage key of what the toolbar remembers. */
export const STORAGE_KEY = 'phial:debug-toolbar';
/** How often the Session and Flashes panels read again while shown (other tabs' changes). */
const POLL_MS = 1000;

function loadSaved(): Saved {
  const saved: Saved = { open: false, panel: 'request', intercept: false };
  try {
    const raw: unknown = JSON.parse(globalThis.localStorage?.getItem(STORAGE_KEY) ?? 'null');
    if (typeof raw !== 'object' || raw === null) return saved;
    const { open, panel, intercept } = raw as Record<string, unknown>;
    if (typeof open === 'boolean') saved.open = open;
    if (PANELS.some(([name]) => name === panel)) saved.panel = panel as PanelName;
    if (typeof intercept === 'boolean') saved.intercept = intercept;
  } catch {
    // No storage (a sandboxed frame, storage disabled) or a value that is not ours: defaults.
  }
  return saved;
}

function save(saved: Saved): void {
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, JSON.stringify(saved));
  } catch {
    // Storage full or refused: the toolbar simply forgets.
  }
}

interface Attached {
  readonly app: Phial;
  readonly probe: Probe;
  readonly release: () => void;
}

/**
 * The debug toolbar of a Phial app: the request, the timeline of the last navigation, redirects
 * (with flask-debugtoolbar's "intercept redirects"), the URL map and a box to try a URL, pending
 * flashes, the session and a log of signals. Collapsed to a small tab until opened; remembers
 * that, the panel and the intercept option across reloads.
 * @example
 * import 'phial/debug';
 * const toolbar = document.createElement('phial-debug-toolbar');
 * toolbar.app = app;                      // else the current app
 * document.body.append(toolbar);          // listens only while connected
 */
export class PhialDebugToolbar extends LitElement {
  static override styles = styles;

  static override properties = {
    interceptRedirects: { type: Boolean, attribute: 'intercept-redirects' },
    signalLimit: { type: Number, attribute: 'signal-limit' },
  };

  /** Redirects stop on a page that says who redirected where (remembered across reloads). */
  declare interceptRedirects: boolean;
  /** How many signals the log keeps. Default 200. */
  declare signalLimit: number;

  #app: Phial | null = null;
  #attached: Attached | null = null;
  #open: boolean;
  #panel: PanelName;
  #frame = 0;
  #timer: ReturnType<typeof setInterval> | null = null;
  #following: Array<() => void> = [];
  #urlText = '';
  #urlMethod = 'GET';
  #ruleFilter = '';
  #signalName = '';
  #signalText = '';
  #flashes: Array<[string, unknown]> | null = null;
  #peeking = false;
  #peekAgain = false;
  readonly #matchTimes = new WeakMap<Hop, { duration: number; answer: string }>();

  constructor() {
    super();
    const saved = loadSaved();
    this.#open = saved.open;
    this.#panel = saved.panel;
    this.interceptRedirects = saved.intercept;
    this.signalLimit = 200;
  }

  /** The app it shows; null (the default) for the current app (the last started). */
  get app(): Phial | null {
    return this.#app;
  }

  set app(app: Phial | null) {
    this.#app = app ?? null;
    if (this.isConnected) this.#attach();
  }

  /** Whether the toolbar is open (else a small tab in the corner). */
  get open(): boolean {
    return this.#open;
  }

  set open(open: boolean) {
    if (open === this.#open) return;
    this.#open = open;
    this.#save();
    this.requestUpdate();
  }

  /** The panel shown: 'request', 'timeline', 'redirects', 'urlmap', 'flashes', 'session' or 'signals'. */
  get panel(): PanelName {
    return this.#panel;
  }

  set panel(panel: PanelName) {
    if (!PANELS.some(([name]) => name === panel) || panel === this.#panel) return;
    this.#panel = panel;
    this.#flashes = null;
    this.#save();
    this.requestUpdate();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.#attach();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#detach();
    for (const off of this.#following.splice(0)) off();
    if (this.#frame) cancelAnimationFrame(this.#frame);
    this.#frame = 0;
    this.#poll(false);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('interceptRedirects')) {
      this.#applyIntercept();
      if (this.hasUpdated) this.#save();
    }
    if (changed.has('signalLimit') && this.#attached) this.#attached.probe.signalLimit = this.signalLimit;
  }

  protected override updated(): void {
    const shown = this.#open && (this.#panel === 'session' || this.#panel === 'flashes');
    this.#poll(shown && this.isConnected);
    if (this.#open && this.#panel === 'flashes' && this.#flashes === null) this.#peek();
  }

  /** Probes the app it shows; in current-app mode, follows the current app as apps start. */
  #attach(): void {
    for (const off of this.#following.splice(0)) off();
    if (this.#app === null) {
      const follow = () => { if ((lastActiveApp() ?? null) !== (this.#attached?.app ?? null)) this.#attach(); };
      this.#following.push(signals.requestStarted.connect(follow), signals.navigationCommitted.connect(follow));
    }
    const app = this.#app ?? lastActiveApp();
    if (app === (this.#attached?.app ?? null)) return;
    this.#detach();
    if (app) {
      const { probe, release } = acquireProbe(app, () => this.#changed());
      probe.signalLimit = this.signalLimit;
      this.#attached = { app, probe, release };
      this.#applyIntercept();
    }
    this.#flashes = null;
    this.requestUpdate();
  }

  #detach(): void {
    if (!this.#attached) return;
    const { probe, release } = this.#attached;
    if (this.interceptRedirects) probe.interceptor = null;
    this.#attached = null;
    release();
  }

  #applyIntercept(): void {
    const attached = this.#attached;
    if (!attached) return;
    const { app, probe } = attached;
    probe.interceptor = this.interceptRedirects ? (hop, response) => interceptPage(app, hop, response) : null;
  }

  /** Something in the app changed: one render in the next frame. */
  #changed(): void {
    if (this.#frame) return;
    this.#frame = requestAnimationFrame(() => {
      this.#frame = 0;
      if (this.#open && this.#panel === 'flashes') this.#peek();
      this.requestUpdate();
    });
  }

  #poll(on: boolean): void {
    if (on && this.#timer === null) this.#timer = setInterval(() => this.#changed(), POLL_MS);
    else if (!on && this.#timer !== null) {
      clearInterval(this.#timer);
      this.#timer = null;
    }
  }

  /** Reads the pending flashes without consuming them; one read at a time. */
  #peek(): void {
    const app = this.#attached?.app;
    if (!app) return;
    if (this.#peeking) {
      this.#peekAgain = true;
      return;
    }
    this.#peeking = true;
    app.flashManager.peek().then(
      (flashes) => {
        if (this.#attached?.app === app) this.#flashes = flashes;
      },
      (error) => {
        this.#flashes = [];
        console.error(DEV ? 'Phial: the debug toolbar could not read the pending flash messages.' : 'Phial P407', error);
      },
    ).finally(() => {
      this.#peeking = false;
      this.requestUpdate();
      if (this.#peekAgain) {
        this.#peekAgain = false;
        this.#peek();
      }
    });
  }

  #save(): void {
    save({ open: this.#open, panel: this.#panel, intercept: this.interceptRedirects });
  }

  protected override render(): TemplateResult {
    return html`<div class="toolbar" @keydown=${this.#onKeydown}>
      <button type="button" id="toggle" class="toggle" aria-expanded=${String(this.#open)} aria-controls="body"
        @click=${() => { this.open = !this.#open; }}>Phial debug<span class="summary">${this.#summary()}</span></button>
      <section id="body" aria-label="Phial debug toolbar" ?hidden=${!this.#open}>${this.#open ? this.#body() : nothing}</section>
    </div>`;
  }

  /** The last navigation in a few words, on the tab itself. */
  #summary(): string {
    const trace = this.#attached?.probe.lastTrace;
    if (!trace) return this.#attached ? '' : 'no app';
    const first = trace.hops[0];
    const last = trace.hops[trace.hops.length - 1];
    if (last.end === null) return '…';
    const status = last.response ? String(last.response.status) : 'failed';
    return `${status} ${last.request.endpoint ?? ''} ${durationText(last.end - first.start)}`.replace(/\s+/g, ' ');
  }

  #body(): TemplateResult {
    return html`
      <div role="tablist" aria-label="Panels">${PANELS.map(([name, label]) => html`
        <button type="button" role="tab" id="tab-${name}" aria-controls="panel-${name}"
          aria-selected=${String(name === this.#panel)} tabindex=${name === this.#panel ? 0 : -1}
          @click=${() => { this.panel = name; }}>${label}</button>`)}
      </div>
      <div role="tabpanel" id="panel-${this.#panel}" aria-labelledby="tab-${this.#panel}" tabindex="0">${this.#panelContent()}</div>`;
  }

  #panelContent(): TemplateResult {
    const attached = this.#attached;
    if (!attached) return html`<p>No app: set the toolbar's <code>app</code>, or start one.</p>`;
    const { app, probe } = attached;
    switch (this.#panel) {
      case 'request': {
        const page = app.current ?? lastPage(probe);
        return requestPanel(page);
      }
      case 'timeline':
        return timelinePanel(app, probe.lastTrace, (hop) => this.#timeMatch(app, hop));
      case 'redirects':
        return redirectsPanel(app, probe.traces, this.interceptRedirects, (on) => { this.interceptRedirects = on; });
      case 'urlmap':
        return urlMapPanel(app, {
          filter: this.#ruleFilter, url: this.#urlText, method: this.#urlMethod, answer: tryUrl(app, this.#urlText, this.#urlMethod),
        }, {
          filter: (text) => { this.#ruleFilter = text; this.requestUpdate(); },
          url: (text) => { this.#urlText = text; this.requestUpdate(); },
          method: (method) => { this.#urlMethod = method; this.requestUpdate(); },
        });
      case 'flashes':
        return flashesPanel(this.#flashes, () => this.#peek());
      case 'session':
        return sessionPanel(app.session.entries(), app.options.session?.name ?? 'sessionStorage');
      case 'signals':
        return signalsPanel(probe.signalLog, Object.keys(signals), { name: this.#signalName, text: this.#signalText, limit: probe.signalLimit }, {
          name: (name) => { this.#signalName = name; this.requestUpdate(); },
          text: (text) => { this.#signalText = text; this.requestUpdate(); },
          clear: () => probe.clearSignals(),
        });
    }
  }

  #timeMatch(app: Phial, hop: Hop): { duration: number; answer: string } {
    let timed = this.#matchTimes.get(hop);
    if (!timed) {
      timed = timeMatch(app, hop.request);
      this.#matchTimes.set(hop, timed);
    }
    return timed;
  }

  /** Arrow keys, Home and End move between tabs; Escape collapses the toolbar. */
  #onKeydown = (e: KeyboardEvent): void => {
    if (e.key === 'Escape' && this.#open) {
      e.stopPropagation();
      this.open = false;
      void this.updateComplete.then(() => this.#focus('toggle'));
      return;
    }
    const target = e.composedPath()[0];
    if (!(target instanceof HTMLElement) || target.getAttribute('role') !== 'tab') return;
    const i = PANELS.findIndex(([name]) => name === this.#panel);
    const next = e.key === 'ArrowRight' ? (i + 1) % PANELS.length
      : e.key === 'ArrowLeft' ? (i - 1 + PANELS.length) % PANELS.length
        : e.key === 'Home' ? 0 : e.key === 'End' ? PANELS.length - 1 : -1;
    if (next < 0) return;
    e.preventDefault();
    this.panel = PANELS[next][0];
    void this.updateComplete.then(() => this.#focus(`tab-${PANELS[next][0]}`));
  };

  #focus(id: string): void {
    (this.renderRoot as ShadowRoot).getElementById(id)?.focus();
  }
}

/** The last hop that answered, as a page, for an app that has committed none (the test client). */
function lastPage(probe: Probe): { request: Hop['request']; response: NonNullable<Hop['response']> } | null {
  for (let t = probe.traces.length - 1; t >= 0; t--) {
    const hops = probe.traces[t].hops;
    for (let h = hops.length - 1; h >= 0; h--) {
      const { request, response } = hops[h];
      if (response) return { request, response };
    }
  }
  return null;
}
