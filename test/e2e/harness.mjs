// The end-to-end harness: the demo served by vite, Debian's Chromium driven by playwright-core
// with trusted input, every scenario run once per engine in a fresh browser context.
//
// scripts/e2e.mjs starts one vite server and one browser for the whole run and hands them over
// in PHIAL_E2E_URL and PHIAL_E2E_WS; a file run alone (`node --test test/e2e/x.e2e.mjs`) starts
// its own. PHIAL_E2E_ENGINES (a comma list) narrows the engines, both by default:
//   navigation — the Navigation API (Chromium has it);
//   history    — the `history` package, forced by `?engine=history` (the demo hides
//                `window.navigation` before Phial loads).
//
// A scenario fails when the page reports an uncaught error, an unhandled rejection or a
// console.error, whatever its assertions said.
//
// Contexts ask for `prefers-reduced-motion: reduce`, so the demo (viewTransitions: true) renders
// plainly: a third faster on a loaded machine, and no transition covering the page when a click
// lands. transitions.e2e.mjs runs with motion allowed, through document.startViewTransition.
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';
import { findChrome, CHROME_FLAGS } from '../../scripts/chrome.mjs';
import { startDemo } from './server.mjs';

export { DOCS_MODULE } from './server.mjs';

export { assert };

export const ENGINES = (process.env.PHIAL_E2E_ENGINES ?? 'navigation,history')
  .split(',').map((e) => e.trim()).filter(Boolean);
for (const e of ENGINES) {
  if (e !== 'navigation' && e !== 'history') throw new Error(`PHIAL_E2E_ENGINES: unknown engine "${e}" (navigation, history)`);
}

/** How long one Playwright action or wait may take: generous for a loaded 2-core machine. */
export const ACTION_TIMEOUT = Number(process.env.PHIAL_E2E_TIMEOUT ?? 10_000);
/** How long one scenario may take in all. */
const SCENARIO_TIMEOUT = 60_000;

let base = process.env.PHIAL_E2E_URL?.replace(/\/$/, '');
let ownServer = null;
if (!base) {
  ownServer = await startDemo();
  base = ownServer.url;
}
export const BASE = base;

let browser;
if (process.env.PHIAL_E2E_WS) {
  browser = await chromium.connect(process.env.PHIAL_E2E_WS);
} else {
  const executablePath = findChrome();
  if (!executablePath) throw new Error('No Chrome or Chromium found: run `node scripts/setup.mjs`, or set CHROME_PATH.');
  browser = await chromium.launch({ executablePath, args: CHROME_FLAGS });
}

after(async () => {
  await browser.close().catch(() => {});
  await ownServer?.close();
});

/** What the page reports that makes any scenario fail. */
const REPORT_REJECTIONS = `
  addEventListener('unhandledrejection', (e) => {
    const r = e.reason;
    console.error('unhandled rejection: ' + (r && r.stack ? r.stack : String(r)));
  });
`;

/**
 * One scenario per engine: `describe('<engine> engine')` around `it(name)`, each run in a fresh
 * context (so sessionStorage, the session and the flashes start empty). A definition is the
 * body, or `{ body, knownBug: { <engine>: 'file: what it does wrong' } }` for a scenario that
 * fails on an engine because of a bug in src/: its name then starts with "KNOWN BUG (file)" on
 * that engine, so the failure says where to look. It still fails: it is not skipped.
 * `motion: true` lets the demo render in view transitions (see above).
 * @param {Record<string, ((s: Session) => Promise<void>) | { body: (s: Session) => Promise<void>, knownBug?: Record<string, string> }>} defs
 * @param {{ motion?: boolean }} [options]
 */
export function scenarios(defs, { motion = false } = {}) {
  for (const engine of ENGINES) {
    describe(`${engine} engine`, () => {
      for (const [name, def] of Object.entries(defs)) {
        const body = typeof def === 'function' ? def : def.body;
        const bug = typeof def === 'function' ? undefined : def.knownBug?.[engine];
        const title = bug ? `KNOWN BUG (${bug.split(':')[0]}): ${name}` : name;
        it(title, { timeout: SCENARIO_TIMEOUT }, async () => {
          const session = await Session.open(engine, { motion });
          try {
            await body(session);
            session.assertClean();
          } catch (error) {
            // What the page reported may be the cause: say it with the failure.
            if (session.errors.length > 0) addToError(error, `\nThe page reported:\n  ${session.errors.join('\n  ')}`);
            if (bug) addToError(error, `\nKnown bug in src/browser/${bug}`);
            throw error;
          } finally {
            await session.close();
          }
        });
      }
    });
  }
}

/** Adds `text` to an error's message, and to its stack, which is what reporters print. */
function addToError(error, text) {
  if (!(error instanceof Error)) return;
  error.message += text;
  if (typeof error.stack === 'string') {
    const at = error.stack.indexOf('\n    at ');
    error.stack = at < 0 ? error.stack + text : error.stack.slice(0, at) + text + error.stack.slice(at);
  }
}

/** A fresh browser context on one engine, with its pages and what they reported. */
export class Session {
  /** @type {import('playwright-core').BrowserContext} */ context;
  /** @type {import('playwright-core').Page} */ page;
  engine;
  /** Everything the pages reported that fails the scenario. */
  errors = [];
  /** Every request the context made (URLs). */
  requests = [];
  /** The documents the context requested: real page loads (URLs). */
  documents = [];
  /** Dialogs seen, with how they were answered. */
  dialogs = [];
  /** What the next dialogs get: 'dismiss' or 'accept'; unexpected ones are dismissed and fail. */
  #answers = [];

  static async open(engine, { motion = false } = {}) {
    const s = new Session();
    s.engine = engine;
    s.context = await browser.newContext({ viewport: { width: 1000, height: 700 }, reducedMotion: motion ? 'no-preference' : 'reduce' });
    s.context.setDefaultTimeout(ACTION_TIMEOUT);
    s.context.setDefaultNavigationTimeout(ACTION_TIMEOUT * 2);
    await s.context.addInitScript(REPORT_REJECTIONS);
    s.context.on('page', (p) => s.#watch(p));
    s.context.on('request', (r) => {
      s.requests.push(r.url());
      if (r.resourceType() === 'document') s.documents.push(r.url());
    });
    s.page = await s.context.newPage();
    return s;
  }

  #watch(page) {
    const where = () => { try { return new URL(page.url()).pathname; } catch { return page.url(); } };
    page.on('pageerror', (e) => this.errors.push(`pageerror on ${where()}: ${e.stack ?? e.message}`));
    page.on('crash', () => this.errors.push(`the page crashed on ${where()}`));
    page.on('console', (m) => {
      if (m.type() === 'error') this.errors.push(`console.error on ${where()}: ${m.text()}`);
    });
    page.on('dialog', (d) => {
      const answer = this.#answers.shift();
      this.dialogs.push({ type: d.type(), message: d.message(), answer: answer ?? 'unexpected' });
      if (answer === undefined) this.errors.push(`an unexpected ${d.type()} dialog: "${d.message()}"`);
      void (answer === 'accept' ? d.accept() : d.dismiss()).catch(() => {});
    });
  }

  /** The next dialog is answered so (then the one after with the next answer, and so on). */
  answerDialogs(...answers) {
    this.#answers.push(...answers);
  }

  /** Waits until `n` dialogs have been seen. */
  async waitDialogs(n) {
    const until = Date.now() + ACTION_TIMEOUT;
    while (this.dialogs.length < n) {
      if (Date.now() > until) assert.fail(`expected ${n} dialog(s), saw ${this.dialogs.length}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  assertClean() {
    assert.deepEqual(this.errors, [], 'the page reported errors');
    assert.deepEqual(this.#answers, [], 'a dialog that was expected did not come');
  }

  async close() {
    await this.context.close().catch(() => {});
  }

  /** A URL of the demo on this session's engine (the engine is remembered by the tab). */
  url(path) {
    const u = new URL(path, BASE);
    u.searchParams.set('engine', this.engine);
    return u.href;
  }

  /**
   * A real page load of `path` in `page` (the session's first tab by default), with `?engine=`
   * added, once the outlet shows a page; checks that the engine asked for is the one running.
   */
  async load(path, page = this.page) {
    await page.goto(this.url(path));
    await waitRendered(page);
    await this.assertEngine(page);
    await setMarker(page);
  }

  async assertEngine(page = this.page) {
    const running = await page.evaluate(() => ({
      label: document.getElementById('engine')?.textContent,
      navigation: typeof window.navigation === 'object' && window.navigation !== null,
    }));
    const want = this.engine === 'navigation'
      ? { label: 'the Navigation API', navigation: true }
      : { label: 'the history package', navigation: false };
    assert.deepEqual(running, want, `the demo runs the ${this.engine} engine`);
  }

  async newTab() {
    return this.context.newPage();
  }
}

/** Waits until the outlet shows a page (its first heading). */
export async function waitRendered(page) {
  await page.waitForFunction(() => document.querySelector('phial-outlet h1') !== null);
}

/** Waits until the outlet's h1 reads `text` (and returns the page's state then). */
export async function waitH1(page, text) {
  try {
    await page.waitForFunction((t) => document.querySelector('phial-outlet h1')?.textContent === t, text);
  } catch (error) {
    const now = await h1(page).catch(() => '(unreadable)');
    throw new assert.AssertionError({
      message: `the outlet never showed "${text}": its h1 is ${JSON.stringify(now)} at ${page.url()}`,
      actual: now, expected: text, operator: 'waitH1',
    });
  }
}

/** The outlet's h1 text, or null. */
export function h1(page) {
  return page.evaluate(() => document.querySelector('phial-outlet h1')?.textContent ?? null);
}

/** The path, query and hash of the page's URL. */
export function path(page) {
  const u = new URL(page.url());
  return u.pathname + u.search + u.hash;
}

/** The path and hash, the `engine` query parameter left out. */
export function appPath(page) {
  const u = new URL(page.url());
  u.searchParams.delete('engine');
  return u.pathname + u.search + u.hash;
}

export function historyLength(page) {
  return page.evaluate(() => history.length);
}

/** Marks the document: a real page load loses the mark, a same-document navigation keeps it. */
export async function setMarker(page) {
  const mark = Math.random().toString(36).slice(2);
  await page.evaluate((m) => { window.__marker = m; }, mark);
  return mark;
}

export function marker(page) {
  return page.evaluate(() => window.__marker ?? null);
}

/** The texts of the flash messages shown (in <phial-flashes>' shadow root). */
export function flashes(page) {
  return page.locator('phial-flashes [part="message"] span').allTextContents();
}

/** The page's scroll position once it has stopped moving (two equal readings, frames apart). */
export async function settledScrollY(page) {
  return page.evaluate(() => new Promise((resolve) => {
    let last = -1, same = 0;
    const tick = () => {
      const y = window.scrollY;
      same = y === last ? same + 1 : 0;
      last = y;
      if (same >= 5) resolve(y); else requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  }));
}

/** Waits until window.scrollY is within 2px of `y` (restoration may take a few frames). */
export async function waitScrollY(page, y, what) {
  try {
    await page.waitForFunction((want) => Math.abs(window.scrollY - want) <= 2, y, { timeout: ACTION_TIMEOUT });
  } catch {
    const now = await page.evaluate(() => window.scrollY);
    assert.fail(`${what}: scrollY is ${now}, expected ${y}`);
  }
}

/**
 * Back or Forward that a block is expected to ask about (and the test to refuse): waits for the
 * dialog, then for the page to settle. Playwright's goBack/goForward wait for a navigation that
 * a refused traversal never finishes, so they run with a short timeout here; what the test
 * checks is the page afterwards.
 */
export async function refusedTraversal(s, page, direction) {
  const seen = s.dialogs.length;
  const go = (direction === 'back' ? page.goBack({ timeout: 1500 }) : page.goForward({ timeout: 1500 })).catch(() => null);
  await s.waitDialogs(seen + 1);
  await go;
  await settle(page);
}

/**
 * Waits until no animation runs (the demo renders in a view transition, whose pseudo-elements
 * cover the page while they animate: a click then hits <html>, and Playwright retries it with
 * the element scrolled to another alignment, which moves the page).
 */
export async function waitAnimations(page) {
  await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'));
}

/** Lets pending navigations, renders and focus moves finish (a few frames and a macrotask). */
export async function settle(page) {
  await page.evaluate(() => new Promise((resolve) => {
    requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(resolve, 50)));
  }));
}
