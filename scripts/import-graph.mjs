// The import graph of src/, checked: `node scripts/import-graph.mjs` fails when its modules import
// each other in a circle, type-only imports included (`--edges` prints every arrow). A dynamic
// import() is shown but not counted: app.start() loads the browser layer that way, which then
// drives the app (its type-only arrows back to app.ts close no circle a reader must follow).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../src');
const files = [];
(function walk(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path);
    else if (path.endsWith('.ts')) files.push(relative(root, path));
  }
})(root);

/** Every relative import of `file`: [target, 'value' | 'type' | 'dynamic']. */
function importsOf(file) {
  const text = readFileSync(join(root, file), 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  const found = [];
  const add = (spec, kind) => {
    if (!spec.startsWith('.')) return;
    const base = resolve(root, dirname(file), spec);
    const path = [base.replace(/\.js$/, '.ts'), join(base, 'index.ts')].find(existsSync);
    if (path) found.push([relative(root, path), kind]); // else a path in a message, not a module
  };
  for (const m of text.matchAll(/(?:^|\n)\s*(?:import|export)\s+(type\s+)?([^;'"]*?)\bfrom\s+['"]([^'"]+)['"]/g)) {
    const names = m[2].replace(/[{}]/g, '').split(',').map((s) => s.trim()).filter(Boolean);
    add(m[3], m[1] || (names.length > 0 && names.every((n) => n.startsWith('type '))) ? 'type' : 'value');
  }
  for (const m of text.matchAll(/(?:^|\n)\s*import\s+['"]([^'"]+)['"]/g)) add(m[1], 'value');
  for (const m of text.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g)) add(m[1], 'dynamic');
  return found;
}

const edges = new Map(files.map((f) => [f, importsOf(f)]));

/** The strongly connected components of more than one module (Tarjan), over arrows of `kinds`. */
function circles(kinds) {
  const index = new Map(), low = new Map(), stack = [], onStack = new Set(), out = [];
  let next = 0;
  const visit = (v) => {
    index.set(v, next); low.set(v, next++); stack.push(v); onStack.add(v);
    for (const [w, kind] of edges.get(v)) {
      if (!kinds.includes(kind)) continue;
      if (!index.has(w)) { visit(w); low.set(v, Math.min(low.get(v), low.get(w))); }
      else if (onStack.has(w)) low.set(v, Math.min(low.get(v), index.get(w)));
    }
    if (low.get(v) !== index.get(v)) return;
    const component = [];
    let w;
    do { w = stack.pop(); onStack.delete(w); component.push(w); } while (w !== v);
    if (component.length > 1) out.push(component.sort());
  };
  for (const v of files) if (!index.has(v)) visit(v);
  return out;
}

if (process.argv.includes('--edges')) {
  for (const [from, list] of edges) for (const [to, kind] of list) console.log(`${from} -> ${to}${kind === 'value' ? '' : ` (${kind})`}`);
}
const show = (list) => (list.length === 0 ? 'none' : list.map((c) => `[${c.join(' ')}]`).join(' '));
const counted = circles(['value', 'type']);
console.log(`circles, value imports: ${show(circles(['value']))}`);
console.log(`circles, value and type-only imports: ${show(counted)}`);
console.log(`circles with the dynamic imports too: ${show(circles(['value', 'type', 'dynamic']))}`);
console.log(`modules that import app.ts: ${files.filter((f) => edges.get(f).some(([to]) => to === 'app.ts')).join(' ')}`);
if (counted.length > 0) process.exitCode = 1;
