// `npm run bench`: bundles bench/suite.ts with Phial's sources and every peer library into one
// script, runs that same script in headless Chromium (the home that counts) and in Node, prints
// each home's tables (Chromium's first) and writes them to bench/.results/latest.md and .json.
//
//   node bench/run.mjs [--quick] [--only node|chromium] [--suite NAME]
//
// In Chromium the suites run in a SharedWorker, not on the page: Playwright attaches a DevTools
// session to pages and dedicated workers, and with one attached V8 records a long stack for
// DevTools on every `new Error` (about 4 µs instead of 0.45 µs here), a cost users never pay.
// The two homes run one after the other, never together: these machines have two cores.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fork } from 'node:child_process';
import os from 'node:os';
import { build } from 'esbuild';
import { CHROME_FLAGS, findChrome } from '../scripts/chrome.mjs';

const benchDir = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(benchDir, '..');
const resultsDir = join(benchDir, '.results');
const tablesDir = resolve(repoRoot, '../shared/bench');
const ROUTE_TABLES = { github: 'routes-github.json', 'synth-10': 'routes-synth-10.json', 'synth-100': 'routes-synth-100.json', 'synth-1000': 'routes-synth-1000.json', 'synth-10000': 'routes-synth-10000.json' };
const USAGE = 'usage: node bench/run.mjs [--quick] [--only node|chromium] [--suite NAME]';

function fail(message) {
  console.error(`bench: ${message}`);
  process.exit(1);
}

function parseArgs(argv) {
  const args = { quick: false, homes: ['chromium', 'node'], suites: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined || v.startsWith('--')) fail(`${arg} needs a value.\n${USAGE}`);
      return v;
    };
    if (arg === '--quick') args.quick = true;
    else if (arg === '--only') {
      const home = value();
      if (home !== 'node' && home !== 'chromium') fail(`--only takes node or chromium, not "${home}".\n${USAGE}`);
      args.homes = [home];
    } else if (arg === '--suite') args.suites.push(value());
    else fail(`unknown argument "${arg}".\n${USAGE}`);
  }
  return args;
}

/** The data each suite needs from disk, by suite name (the page cannot read files). */
function loadInputs(suites) {
  const inputs = {};
  if (suites.length === 0 || suites.includes('routing')) {
    const tables = {};
    for (const [name, file] of Object.entries(ROUTE_TABLES)) {
      const path = join(tablesDir, file);
      if (!existsSync(path)) {
        fail(`the routing bench needs the route table ${path}, which is missing. The tables live in ../shared/bench/ beside the repository (${tablesDir}); restore them there (nothing is copied into the repository).`);
      }
      try {
        tables[name] = JSON.parse(readFileSync(path, 'utf8'));
      } catch (error) {
        fail(`${path} is not valid JSON: ${error.message}`);
      }
    }
    inputs.routing = { tables };
  }
  if (suites.length === 0 || suites.includes('navigation')) {
    const path = join(tablesDir, ROUTE_TABLES.github);
    if (!existsSync(path)) fail(`the navigation bench needs the route table ${path}, which is missing (the tables live in ${tablesDir}).`);
    inputs.navigation = { routes: JSON.parse(readFileSync(path, 'utf8')) };
  }
  return inputs;
}

async function bundle() {
  if (!existsSync(join(repoRoot, 'src/routing/map.ts'))) {
    fail('src/routing/map.ts does not exist yet: the routing bench times Phial\'s UrlMap from it.');
  }
  mkdirSync(resultsDir, { recursive: true });
  const outfile = join(resultsDir, 'bench.js');
  await build({
    entryPoints: [join(benchDir, 'suite.ts')],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    outfile,
    logLevel: 'warning',
    // Production builds of vue and vue-router, as an app would ship them.
    define: {
      'process.env.NODE_ENV': '"production"',
      __VUE_OPTIONS_API__: 'false',
      __VUE_PROD_DEVTOOLS__: 'false',
      __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'false',
    },
    alias: { 'node:assert': join(benchDir, 'shims/node-assert.cjs') },
  });
  // The navigation suite's frames (one router each) load their own script: the peers touch
  // `window` as they load, which the Node home has not. Vaadin's usage statistics (which would
  // phone home from localhost) are replaced by the package's own opt-out module.
  await build({
    entryPoints: [join(benchDir, 'navigation/frame.ts')],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    outfile: join(resultsDir, 'navigation-frame.js'),
    logLevel: 'warning',
    define: { 'process.env.NODE_ENV': '"production"', __VUE_OPTIONS_API__: 'false', __VUE_PROD_DEVTOOLS__: 'false', __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'false' },
    alias: {
      '@vaadin/vaadin-usage-statistics/vaadin-usage-statistics.js': join(repoRoot, 'node_modules/@vaadin/vaadin-usage-statistics/vaadin-usage-statistics-optout.js'),
    },
  });
  return outfile;
}

let progressShown = false;
function progress(home, message) {
  const line = `${home}: ${message}`;
  if (process.stderr.isTTY) {
    process.stderr.write(`\r\x1b[K${line}`);
    progressShown = true;
  } else {
    process.stderr.write(`${line}\n`);
  }
}
function endProgress() {
  if (progressShown) process.stderr.write('\r\x1b[K');
  progressShown = false;
}

// The page and its SharedWorker live at a made-up origin that page.route() serves from
// memory: nothing listens there, and a SharedWorker needs a real (non-opaque) origin.
const ORIGIN = 'http://localhost';
// The worker script is the bundle followed by this glue: one script, no importScripts() (which
// page.route() did not serve to the SharedWorker).
const WORKER_GLUE = `
onconnect = (event) => {
  const port = event.ports[0];
  port.onmessage = async ({ data }) => {
    try {
      const result = await PhialBench.run(data, (message) => port.postMessage({ progress: message }));
      port.postMessage({ result });
    } catch (error) {
      port.postMessage({ error: error && error.stack ? error.stack : String(error) });
    }
  };
  port.postMessage({ ready: true });
};`;

/** Runs the suites in a SharedWorker, the context Playwright attaches no DevTools session to. */
function runInSharedWorker(page, options) {
  return page.evaluate((opts) => new Promise((resolve, reject) => {
    const worker = new SharedWorker('/worker.js');
    const startup = setTimeout(() => reject(new Error('the SharedWorker did not start within 60 s')), 60_000);
    worker.onerror = () => reject(new Error('the SharedWorker failed to load or run /worker.js (the bundle and its glue)'));
    worker.port.onmessage = ({ data }) => {
      if (data.ready) {
        clearTimeout(startup);
        worker.port.postMessage(opts);
      } else if (data.progress) globalThis.__benchProgress(data.progress);
      else if (data.result) resolve(data.result);
      else if (data.error) reject(new Error(data.error));
    };
    worker.port.start();
  }), options);
}

async function runInChromium(code, options) {
  const executablePath = findChrome();
  if (!executablePath) fail('no Chrome or Chromium found: run `node scripts/setup.mjs`, or set CHROME_PATH. Nothing here downloads a browser.');
  const { chromium } = await import('playwright-core');
  // --disable-ipc-flooding-protection lifts Chromium's cap of 200 history changes per 10 s,
  // which the navigation suite's thousands of navigations per frame would hit.
  const browser = await chromium.launch({ executablePath, args: [...CHROME_FLAGS, '--disable-ipc-flooding-protection'], headless: true });
  try {
    const page = await browser.newPage();
    const files = {
      '/': ['text/html', '<!doctype html><meta charset="utf-8"><title>Phial bench</title>'],
      '/bench.js': ['text/javascript', code],
      '/worker.js': ['text/javascript', `${code}\n;${WORKER_GLUE}`],
      '/navigation-frame.js': ['text/javascript', readFileSync(join(resultsDir, 'navigation-frame.js'), 'utf8')],
    };
    // Every page under /bench/ is a navigation frame (bench/navigation/frame.ts).
    const frame = ['text/html', '<!doctype html><meta charset="utf-8"><title>Phial bench frame</title><script src="/navigation-frame.js"></script><body></body>'];
    await page.route(`${ORIGIN}/**`, (route) => {
      const path = new URL(route.request().url()).pathname;
      const file = files[path] ?? (path === '/bench' || path.startsWith('/bench/') ? frame : undefined);
      return file ? route.fulfill({ status: 200, contentType: file[0], body: file[1] }) : route.fulfill({ status: 404, body: '' });
    });
    const errors = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.exposeFunction('__benchProgress', (message) => progress('chromium', message));
    await page.goto(`${ORIGIN}/`);
    await page.addScriptTag({ url: '/bench.js' });
    const known = await page.evaluate(() => globalThis.PhialBench.suites);
    const chosen = known.filter((s) => options.suites.length === 0 || options.suites.includes(s.name));
    const inWorker = chosen.filter((s) => !s.needsDocument).map((s) => s.name);
    const onPage = chosen.filter((s) => s.needsDocument).map((s) => s.name);
    const runs = [];
    try {
      if (inWorker.length || chosen.length === 0) runs.push(await runInSharedWorker(page, { ...options, suites: inWorker.length ? inWorker : options.suites }));
      if (onPage.length) {
        runs.push(await page.evaluate(
          (opts) => globalThis.PhialBench.run(opts, (message) => globalThis.__benchProgress(message)),
          { ...options, suites: onPage },
        ));
      }
    } catch (error) {
      throw new Error(`the bench failed in Chromium: ${error.message}${errors.length ? `\npage errors: ${errors.join('\n')}` : ''}`);
    }
    const where = [inWorker.length ? `${inWorker.join(', ')} in a SharedWorker` : '', onPage.length ? `${onPage.join(', ')} on the page` : ''].filter(Boolean).join('; ');
    return {
      ...runs[0],
      suites: Object.assign({}, ...runs.map((r) => r.suites)),
      home: `Chromium ${browser.version()} (headless; ${where})`,
    };
  } finally {
    endProgress();
    await browser.close();
  }
}

function runInNode(bundlePath, options) {
  return new Promise((resolvePromise, reject) => {
    const child = fork(join(benchDir, 'node-home.mjs'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    let settled = false;
    child.on('message', (message) => {
      if (message.progress) progress('node', message.progress);
      else if (message.result) {
        settled = true;
        resolvePromise({ ...message.result, home: `Node ${process.version}` });
      } else if (message.error) {
        settled = true;
        reject(new Error(`the bench failed in Node: ${message.error}`));
      }
    });
    child.on('exit', (code) => {
      endProgress();
      if (!settled) reject(new Error(`the Node bench process exited with code ${code} before reporting`));
    });
    child.send({ bundlePath, options });
  });
}

// ---------------------------------------------------------------------------------------------
// Output

function textTable(table) {
  const all = [table.columns, ...table.rows];
  const widths = table.columns.map((_, c) => Math.max(...all.map((row) => (row[c] ?? '').length)));
  const line = (row) => row.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ');
  return [
    table.title,
    line(table.columns),
    widths.map((w) => '-'.repeat(w)).join('  '),
    ...table.rows.map(line),
    ...table.notes.map((n) => `  ${n}`),
  ].join('\n');
}

function markdownTable(table) {
  const escape = (cell) => cell.replace(/\|/g, '\\|');
  return [
    `#### ${table.title}`,
    '',
    `| ${table.columns.map(escape).join(' | ')} |`,
    `|${table.columns.map((_, c) => (c === 0 ? ' :--- ' : ' ---: ')).join('|')}|`,
    ...table.rows.map((row) => `| ${row.map(escape).join(' | ')} |`),
    '',
    ...table.notes.map((n) => `${escape(n)}  `),
  ].join('\n');
}

function homeHeader(result) {
  const clock = `clock step ${(result.resolutionMs * 1000).toFixed(result.resolutionMs < 0.01 ? 3 : 0)} µs`;
  return `${result.home}: batches of ≥ ${result.settings.batchMs} ms, ${result.settings.warmupRounds} warm-up + ${result.settings.rounds} rounds, ${clock}`;
}

function report(results, args) {
  const machine = `${os.cpus()[0]?.model ?? 'unknown CPU'}, ${os.cpus().length} cores, ${os.platform()} ${os.release()}`;
  const text = [];
  const md = [
    '## Benchmarks',
    '',
    `\`npm run bench${args.quick ? ' -- --quick' : ''}\` on ${new Date().toISOString().slice(0, 10)}, ${machine}.`,
    '',
  ];
  for (const result of results) {
    text.push(`\n=== ${homeHeader(result)}\n`);
    md.push(`### ${homeHeader(result)}`, '');
    for (const suite of Object.values(result.suites)) {
      for (const table of suite.tables) {
        if (!table.mdOnly) text.push(textTable(table), '');
      }
      for (const table of suite.tables) md.push(markdownTable(table), '');
    }
  }
  console.log(text.join('\n'));
  writeFileSync(join(resultsDir, 'latest.md'), md.join('\n'));
  writeFileSync(join(resultsDir, 'latest.json'), JSON.stringify({ machine, quick: args.quick, results }, null, 1));
  console.log(`Tables written to ${relative(process.cwd(), join(resultsDir, 'latest.md'))} (raw numbers in latest.json).`);
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const options = { quick: args.quick, suites: args.suites, inputs: loadInputs(args.suites) };
  const started = performance.now();
  const bundlePath = await bundle();
  const code = readFileSync(bundlePath, 'utf8');
  const results = [];
  for (const home of args.homes) {
    results.push(home === 'chromium' ? await runInChromium(code, options) : await runInNode(bundlePath, options));
  }
  report(results, args);
  console.log(`Total ${((performance.now() - started) / 1000).toFixed(0)} s.`);
}

main().catch((error) => {
  endProgress();
  fail(error.message);
});
