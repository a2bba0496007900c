// A whole navigation, side by side: a click on an <a href> to the rendered page, through a
// before hook that lets it through and a view rendered by the router's outlet, on the GitHub
// route table. Phial (its Navigation API engine, and its fallback engine on the history
// package) against vue-router with vue, @vaadin/router and @lit-labs/router.
//
// Each router runs in an iframe of its own (bench/navigation/frame.ts), all in this one page:
// routers that each listen to clicks and to history would answer each other's links on one
// document, and Phial chooses its engine at start(), so the fallback gets a frame whose
// window.navigation is hidden. The frames are timed in turn by the harness (calibrated
// batches, rotating order, median of rounds), the clock read inside each frame. A visit ends
// when the view's element holds exactly the new page's text (a MutationObserver checks after
// every change): the same end for every router, whatever its own completion signal.
import type { FrameApi, FrameInfo, FrameSetup, Kind, RouteSpec } from '../navigation/shared.js';
import { BASE, KINDS, paramNames, visitOf } from '../navigation/shared.js';
import type { Settings, Suite, SuiteResult, Table } from '../harness.js';
import { formatNs, formatRatio, measureWith } from '../harness.js';
import { segmentsMatch } from '../routes.js';

/** The GitHub table, from /work/shared/bench/routes-github.json. */
export interface NavigationInput {
  readonly routes: readonly RouteSpec[];
}

const LABELS: Readonly<Record<Kind, string>> = {
  phial: 'Phial, Navigation API engine',
  'phial-history': 'Phial, fallback engine (history)',
  'phial-debug': 'Phial, Navigation API engine, debug toolbar connected',
  'vue-router': 'vue-router + vue',
  'vaadin-router': '@vaadin/router',
  'lit-router': '@lit-labs/router',
  floor: 'floor: pushState + render, no router',
};

/** The routers compared (the floor is a reference, not a router). */
const ROUTERS: readonly Kind[] = KINDS.filter((k) => k !== 'floor' && k !== 'phial-debug');

/** A checked visit must render within this; a timed batch gets far more. */
const CHECK_TIMEOUT_MS = 3_000;


/**
 * The routes to visit: GET routes with a parameter (so that every visit has a URL of its own),
 * whose URLs no other rule of the table matches, so the answer holds whatever precedence a
 * router applies. In table order.
 */
function routesToVisit(table: readonly RouteSpec[]): RouteSpec[] {
  return table.filter((route) => {
    if (!route.methods.includes('GET') || paramNames(route.path).length === 0) return false;
    const path = visitOf(route, 7).href.slice(BASE.length);
    const segments = path.split('/').slice(1);
    return table.every((other) => other === route || !segmentsMatch(other.path.split('/').slice(1), segments));
  });
}

interface Frame {
  readonly kind: Kind;
  readonly element: HTMLIFrameElement;
  readonly api: FrameApi;
  readonly info: FrameInfo;
}

async function openFrame(kind: Kind, setup: FrameSetup, index: number): Promise<Frame> {
  const element = document.createElement('iframe');
  // Every frame in view (offscreen frames may be throttled), side by side.
  Object.assign(element.style, {
    position: 'fixed', left: `${(index % 3) * 420}px`, top: `${Math.floor(index / 3) * 200}px`,
    width: '400px', height: '180px', border: '1px solid #ccc',
  });
  const loaded = new Promise<void>((resolve, reject) => {
    element.onload = () => resolve();
    element.onerror = () => reject(new Error(`the ${kind} frame did not load`));
  });
  element.src = `${BASE}/`;
  document.body.append(element);
  await loaded;
  const api = (element.contentWindow as (Window & { PhialNavFrame?: FrameApi }) | null)?.PhialNavFrame;
  if (!api) throw new Error(`the ${kind} frame has no PhialNavFrame: its script (navigation-frame.js, which run.mjs builds and serves under ${BASE}/) did not run`);
  const info = await api.setup(kind, JSON.stringify(setup));
  return { kind, element, api, info };
}

export const navigation: Suite<NavigationInput> = {
  name: 'navigation',
  needsDocument: true,
  async run(settings: Settings, input: NavigationInput): Promise<SuiteResult> {
    // Node has no document, no history and no clicks: this suite is Chromium's alone.
    if (typeof document === 'undefined') return { tables: [], raw: { skipped: 'needs a browser' } };
    const routes = input?.routes;
    if (!routes?.length) throw new Error('navigation bench: the GitHub route table was not passed in.');
    const visit = routesToVisit(routes);
    const setup: FrameSetup = { routes, visit: visit.map((r) => r.name) };

    const frames: Frame[] = [];
    const failures = new Map<Kind, string>();
    try {
      for (const [i, kind] of KINDS.entries()) {
        settings.onProgress(`navigation: starting ${LABELS[kind]} in its frame`);
        try {
          const frame = await openFrame(kind, setup, i);
          // One visit to every route: the check, and the first warm-up.
          const problem = await frame.api.check(CHECK_TIMEOUT_MS);
          if (problem) failures.set(kind, `${LABELS[kind]}: ${problem}; not timed.`);
          else frames.push(frame);
        } catch (error) {
          failures.set(kind, `${LABELS[kind]} could not be set up: ${(error as Error).message}`);
        }
      }

      // Batches of at least 50 ms and twice the usual rounds: a history entry's cost in this
      // browser varies a lot from one navigation to the next (see the floor), and even the
      // slowest router makes several hundred timed navigations.
      const timing: Settings = settings.quick ? settings : { ...settings, batchMs: Math.max(settings.batchMs, 50), rounds: settings.rounds * 2 };
      const sizes = new Map<Kind, number[]>(frames.map((f) => [f.kind, []]));
      const times = await measureWith(
        frames.map((f) => ({ id: f.kind, frame: f })),
        timing,
        'navigation',
        async (bench, n) => {
          sizes.get(bench.frame.kind)!.push(n);
          return bench.frame.api.batch(n);
        },
        () => 1,
      );

      const timed = (kind: Kind) => (sizes.get(kind) ?? []).slice(-timing.rounds).reduce((a, b) => a + b, 0);
      const fastestOf = (kinds: readonly Kind[]) => {
        const known = kinds.map((k) => times.get(k)).filter((v): v is number => v !== undefined);
        return known.length ? Math.min(...known) : undefined;
      };
      const best = fastestOf(ROUTERS);
      const bestPeer = fastestOf(ROUTERS.filter((k) => !k.startsWith('phial')));
      const floorNs = times.get('floor');
      const footnotes: string[] = [];
      const rows = KINDS.map((kind) => {
        const ns = times.get(kind);
        if (ns === undefined) {
          footnotes.push(`[${footnotes.length + 1}] ${failures.get(kind) ?? 'Not measured.'}`);
          return [LABELS[kind], `— [${footnotes.length}]`, '—', '—', '—'];
        }
        const isRouter = kind !== 'floor' && kind !== 'phial-debug';
        return [
          LABELS[kind],
          formatNs(ns),
          isRouter && best !== undefined ? formatRatio(ns / best) : '',
          isRouter && floorNs !== undefined ? formatNs(ns - floorNs) : '',
          timed(kind).toLocaleString('en-US'),
        ];
      });
      for (const kind of ['phial', 'phial-history'] as const) {
        const ns = times.get(kind);
        const peerOver = bestPeer !== undefined && floorNs !== undefined ? bestPeer - floorNs : undefined;
        rows.push([
          `${LABELS[kind]} / fastest peer`,
          formatRatio(ns !== undefined && bestPeer !== undefined ? ns / bestPeer : undefined),
          '',
          formatRatio(ns !== undefined && floorNs !== undefined && peerOver !== undefined && peerOver > 0 ? (ns - floorNs) / peerOver : undefined),
          '',
        ]);
      }
      const withToolbar = times.get('phial-debug');
      const plain = times.get('phial');
      rows.push([
        'debug toolbar connected / not (same engine)',
        formatRatio(withToolbar !== undefined && plain !== undefined ? withToolbar / plain : undefined),
        '', '', '',
      ]);
      const engines = frames.map((f) => `${LABELS[f.kind]}: ${f.info.engine}.`);
      const table: Table = {
        title: `Navigation, GitHub API table (${routes.length} rules): a link click to the rendered page`,
        columns: ['router', 'time per navigation', 'vs fastest', 'above the floor', 'navigations timed'],
        rows,
        notes: [
          `Median of ${timing.rounds} rounds of batches of ≥ ${timing.batchMs} ms, every router in turn after a warm-up (one visit to each of the ${visit.length} routes, then a round). Each navigation: set an <a href>, link.click(), then wait until the view's element holds exactly the new page's text (a MutationObserver). Every URL is new: the ${visit.length} GET routes with parameters that no other rule matches, in turn, with fresh parameter values.`,
          `Each router: the ${routes.length} rules (plus an index) under ${BASE}, a guard that lets the navigation through (Phial beforeRequest returning undefined, vue-router beforeEach, a vaadin parent route action, lit's enter on each route), and a view showing the route's name and parameters (a lit html template; an h('p') render function for vue). Phial: <phial-outlet>, memory flash and session stores; it also sets the title, scrolls, moves the focus and announces the page, as a real navigation does.`,
          `The floor is no router: a click listener that pushes the URL and renders the same template with the text it already knows. It is what a history entry costs this browser (the browser process records every entry; on a 2-core machine that is most of a navigation, and noisy); 'above the floor' is a router's time minus it.`,
          'One iframe per router, all in this page: routers listening to clicks and history on one document would answer each other\'s links, and Phial picks its engine at start(). The clock is read inside the frame. Chromium runs with --disable-ipc-flooding-protection, which lifts its limit of 200 history changes per 10 s.',
          ...engines,
          ...footnotes,
        ],
      };
      return {
        tables: [table],
        raw: {
          nsPerNavigation: Object.fromEntries(KINDS.map((k) => [k, times.get(k) ?? failures.get(k) ?? null])),
          navigationsTimed: Object.fromEntries(frames.map((f) => [f.kind, timed(f.kind)])),
          visitedRoutes: visit.length,
        },
      };
    } finally {
      for (const frame of frames) frame.element.remove();
      for (const el of document.querySelectorAll('iframe')) el.remove();
    }
  },
};
