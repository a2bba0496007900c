// What Phial costs a user's bundle: production builds (esbuild --bundle --minify, NODE_ENV
// production) of a few typical imports, gzip -9, against the budgets of issue 16. Prints the
// table every run; with --check, exits 1 when a budget is exceeded. Also checks that error
// names survive minification (e.name is 'BuildError', not a mangled letter).
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { gzipSync } from 'node:zlib';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const dir = mkdtempSync(join(tmpdir(), 'phial-size-'));
// What a user installs: the production build (`vite build`, one module per file, development
// branches already dropped), bundled by the user's bundler (esbuild here).
const dist = join(dir, 'dist');
execFileSync('npx', ['vite', 'build', '--outDir', dist, '--logLevel', 'error'], { cwd: root, stdio: 'inherit' });
const src = (p) => JSON.stringify(join(dist, p.replace(/\.ts$/, '.js')));

const CASES = [
  {
    name: 'hello world (Phial, a route, urlFor, redirect, abort, flash, start)', budget: 12_000,
    code: `import { Phial, urlFor, redirect, abort, flash } from ${src('index.ts')};
      const app = new Phial();
      app.route('/', function index() { return urlFor('user', { id: 1 }); });
      app.route('/u/<int:id>', function user(req) { if (req.params.id > 9) abort(404); flash('hi'); return redirect('/'); });
      app.start();`,
  },
  { name: "everything the 'phial' entry exports", budget: 15_000, code: `export * from ${src('index.ts')};` },
  { name: "'phial/lit' without lit", budget: 3_000, code: `export * from ${src('lit/index.ts')};`, externalCore: true },
];

async function size(code, { externalCore = false, splitting = false } = {}) {
  const entry = join(dir, `e${Math.random().toString(36).slice(2)}.js`);
  writeFileSync(entry, code);
  const plugins = externalCore ? [{
    name: 'core-external',
    setup(b) {
      // phial/lit's own cost: the core it imports is the user's already.
      b.onResolve({ filter: /^\.\.\// }, (args) => (args.importer.includes('/dist/lit/') && !args.path.startsWith('../lit/') ? { path: args.path, external: true } : undefined));
    },
  }] : [];
  const out = await build({
    entryPoints: [entry], bundle: true, minify: true, format: 'esm', write: false, splitting, outdir: dir,
    external: ['lit', 'lit/*', '@lit/*', 'idb-keyval', 'history'], define: { 'process.env.NODE_ENV': '"production"', __PHIAL_DEV__: 'false' },
    plugins, metafile: true, logLevel: 'silent',
  });
  return out;
}

const gz = (text) => gzipSync(text, { level: 9 }).length;
const rows = [];
let over = 0;
for (const c of CASES) {
  const out = await size(c.code, c);
  const bytes = out.outputFiles.reduce((n, f) => n + gz(f.text), 0);
  rows.push([c.name, bytes, c.budget]);
  if (bytes > c.budget) over++;
}

// The browser engine's share on the Navigation API path: the chunks app.start() loads, with
// splitting on, minus the fallback engine (loaded only where the Navigation API is missing).
{
  const out = await size(CASES[0].code, { splitting: true });
  const byPath = new Map(out.outputFiles.map((f) => [f.path, f]));
  const meta = out.metafile.outputs;
  let engine = 0;
  for (const [path, info] of Object.entries(meta)) {
    if (info.entryPoint) continue;
    const inputs = Object.keys(info.inputs).join(' ');
    if (!inputs.includes('dist/browser/') || inputs.includes('dist/browser/fallback.js')) continue;
    engine += gz(byPath.get(resolve(path))?.text ?? '');
  }
  rows.push(['the browser engine (Navigation API path, loaded by start())', engine, 4_000]);
  if (engine > 4_000) over++;
}

// Error names in a minified bundle.
{
  const out = await build({
    stdin: { contents: `export * from ${src('index.ts')};`, resolveDir: root }, bundle: true, minify: true, format: 'esm',
    write: false, platform: 'neutral', external: ['history'], define: { 'process.env.NODE_ENV': '"production"', __PHIAL_DEV__: 'false' }, logLevel: 'silent',
  });
  const file = join(dir, 'min.mjs');
  writeFileSync(file, out.outputFiles[0].text);
  const m = await import(pathToFileURL(file).href);
  const app = new m.Phial();
  let name = null;
  try { app.urlFor('nope'); } catch (e) { name = e.name; }
  let rule = null;
  try { app.route('nope', function v() { return ''; }); } catch (e) { rule = e.name; }
  const notFound = new m.NotFound().name;
  const ok = name === 'BuildError' && rule === 'RuleError' && notFound === 'Not Found';
  rows.push([`error names kept when minified (${name}, ${rule}, ${notFound})`, ok ? 'yes' : 'NO', 'yes']);
  if (!ok) over++;
  // The production build says a code, not the development message.
  let message = '';
  try { m.redirect('/x', { code: 200 }); } catch (e) { message = e.message; }
  const coded = /^Phial error P102: /.test(message) && !message.includes('Use 301');
  rows.push(['production messages carry their code (P102)', coded ? 'yes' : 'NO', 'yes']);
  if (!coded) over++;
}
rmSync(dir, { recursive: true, force: true });

const fmt = (n) => (typeof n === 'number' ? `${(n / 1000).toFixed(1)} kB` : n);
const width = Math.max(...rows.map((r) => r[0].length));
console.log(`size (production, esbuild --bundle --minify, gzip -9):`);
for (const [name, bytes, budget] of rows) {
  const flag = typeof bytes === 'number' ? (bytes > budget ? 'OVER' : 'ok') : (bytes === budget ? 'ok' : 'FAIL');
  console.log(`  ${name.padEnd(width)}  ${fmt(bytes).padStart(8)}  budget ${fmt(budget).padStart(8)}  ${flag}`);
}
if (process.argv.includes('--check') && over > 0) {
  console.error(`size: ${over} budget(s) exceeded`);
  process.exit(1);
}
