// The end-to-end run: the demo built and served once (test/e2e/server.mjs), one headless
// Chromium for the whole run (Debian's, through playwright-core's browser server), and every
// test/e2e/*.e2e.mjs file under `node --test`, each scenario once per engine (the Navigation API
// and the `history` package) in a fresh browser context.
//
//   node scripts/e2e.mjs                      every file
//   node scripts/e2e.mjs forms history        the files whose names contain "forms" or "history"
//   node scripts/e2e.mjs --test-name-pattern=Back
//   PHIAL_E2E_ENGINES=history node scripts/e2e.mjs
//   PHIAL_E2E_DEV=1 node scripts/e2e.mjs      the vite dev server instead of a build
//
// Ends with `e2e: N passed, M failed (navigation: …, history: …) in Ts`; with PHIAL_E2E_SUMMARY
// set, also writes { passed, failed, engines } there (scripts/test.mjs reads it). Exits 1 when
// anything failed.
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { findChrome, CHROME_FLAGS } from './chrome.mjs';
import { startDemo } from '../test/e2e/server.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const started = Date.now();

const executablePath = findChrome();
if (!executablePath) {
  console.error('e2e: no Chrome or Chromium found. Run `node scripts/setup.mjs` (it installs Debian\'s chromium as root), or set CHROME_PATH.');
  finish({ passed: 0, failed: 1, engines: {} });
}

const args = process.argv.slice(2);
const options = args.filter((a) => a.startsWith('-'));
const filters = args.filter((a) => !a.startsWith('-'));
const dir = join(root, 'test/e2e');
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.e2e.mjs'))
  .filter((f) => filters.length === 0 || filters.some((w) => f.includes(w)))
  .sort()
  .map((f) => join('test/e2e', f));
if (files.length === 0) {
  console.error(`e2e: no test/e2e/*.e2e.mjs file matches ${filters.join(', ')}`);
  finish({ passed: 0, failed: 1, engines: {} });
}

let demo = null;
let browserServer = null;
let child = null;
const work = mkdtempSync(join(tmpdir(), 'phial-e2e-run-'));

async function cleanup() {
  if (child && child.exitCode === null) child.kill('SIGTERM');
  await browserServer?.close().catch(() => {});
  await demo?.close().catch(() => {});
  rmSync(work, { recursive: true, force: true });
}

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => { void cleanup().then(() => process.exit(130)); });
}

let tap = '';
let status = 1;
try {
  demo = await startDemo();
  browserServer = await chromium.launchServer({ executablePath, args: CHROME_FLAGS });
  console.log(`e2e: the demo (${demo.mode}) at ${demo.url}, ${files.length} file(s), ready in ${seconds(Date.now() - started)}`);

  const tapFile = join(work, 'results.tap');
  child = spawn(process.execPath, [
    '--test',
    `--test-concurrency=${process.env.PHIAL_E2E_CONCURRENCY ?? 2}`,
    '--test-reporter=spec', '--test-reporter-destination=stdout',
    '--test-reporter=tap', `--test-reporter-destination=${tapFile}`,
    ...options,
    ...files,
  ], {
    cwd: root,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, PHIAL_E2E_URL: demo.url, PHIAL_E2E_WS: browserServer.wsEndpoint() },
  });
  status = await new Promise((resolve) => child.on('exit', (code, signal) => resolve(signal ? 1 : code ?? 1)));
  try {
    tap = readFileSync(tapFile, 'utf8');
    if (process.env.PHIAL_E2E_KEEP_TAP) writeFileSync(process.env.PHIAL_E2E_KEEP_TAP, tap);
  } catch {
    tap = '';
  }
} catch (error) {
  console.error('e2e: the run could not start:', error);
} finally {
  await cleanup();
}

const counts = countTap(tap);
// node --test failed, yet no test did (a file that did not load, a hook): one failure.
if (status !== 0 && counts.failed === 0) counts.failed = 1;
finish(counts);

/**
 * Counts node --test's TAP: each scenario is a test inside a "<engine> engine" suite, reported
 * (indented) before the suite's own line. Anything else that fails at the top (a file that did
 * not load, a hook) counts as a failure of its own.
 */
function countTap(text) {
  const engines = {};
  const bucket = (name) => (engines[name] ??= { passed: 0, failed: 0 });
  let pending = [];
  let passed = 0, failed = 0;
  for (const line of text.split('\n')) {
    const m = /^( *)(ok|not ok) \d+ - (.*?)(?: # (SKIP|TODO)\b.*)?$/.exec(line);
    if (!m) continue;
    const [, indent, result, name, directive] = m;
    if (directive) continue;
    const ok = result === 'ok';
    if (indent.length === 4) {
      pending.push(ok);
      continue;
    }
    if (indent.length !== 0) continue;
    const engine = /^(\w+) engine$/.exec(name)?.[1];
    const results = pending.length > 0 ? pending : (engine ? [] : [ok]);
    if (engine && !ok && pending.every(Boolean)) results.push(false); // the suite failed outside its tests
    pending = [];
    const b = bucket(engine ?? 'other');
    for (const r of results) {
      if (r) { b.passed++; passed++; } else { b.failed++; failed++; }
    }
  }
  return { passed, failed, engines };
}

function finish({ passed, failed, engines }) {
  const per = Object.entries(engines)
    .map(([name, c]) => `${name}: ${c.passed} passed, ${c.failed} failed`)
    .join('; ');
  console.log(`e2e: ${passed} passed, ${failed} failed${per ? ` (${per})` : ''} in ${seconds(Date.now() - started)}`);
  if (process.env.PHIAL_E2E_SUMMARY) writeFileSync(process.env.PHIAL_E2E_SUMMARY, JSON.stringify({ passed, failed, engines }));
  process.exit(failed === 0 ? 0 : 1);
}

function seconds(ms) {
  return `${(ms / 1000).toFixed(1)}s`;
}
