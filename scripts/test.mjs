// The README's test command: type-check (including the type-level tests), then every
// test in headless Chromium, then the end-to-end run of the demo (scripts/e2e.mjs, both
// engines), then one plain summary line for CI. `--no-e2e` (or PHIAL_E2E=0) leaves the
// end-to-end run out; the other arguments go to web-test-runner.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const summary = '.test-summary.json';
rmSync(summary, { force: true });
let failedChecks = 0;

const tsc = spawnSync('npx', ['tsc', '-p', 'tsconfig.json', '--noEmit'], { stdio: 'inherit' });
if (tsc.status !== 0) {
  console.error('typecheck failed (tsc -p tsconfig.json): the type-level tests in test/types count as one failure');
  failedChecks++;
}

const runE2e = !process.argv.includes('--no-e2e') && process.env.PHIAL_E2E !== '0';
const extra = process.argv.slice(2).filter((a) => a !== '--no-e2e');
const wtr = spawnSync('npx', ['web-test-runner', '--config', 'web-test-runner.config.mjs', ...extra], {
  stdio: 'inherit',
  env: { ...process.env, PHIAL_TEST_SUMMARY: summary },
});

let passed = 0, failed = 0;
if (existsSync(summary)) {
  ({ passed, failed } = JSON.parse(readFileSync(summary, 'utf8')));
  rmSync(summary, { force: true });
} else {
  failed = 1;
  console.error('the test runner ended before it reported any result');
}
if (tsc.status === 0) passed++;
failed += failedChecks;
if (wtr.status !== 0 && failed === 0) failed = 1;

if (runE2e) {
  const dir = mkdtempSync(join(tmpdir(), 'phial-test-'));
  const e2eSummary = join(dir, 'e2e-summary.json');
  const e2e = spawnSync(process.execPath, ['scripts/e2e.mjs'], {
    stdio: 'inherit',
    env: { ...process.env, PHIAL_E2E_SUMMARY: e2eSummary },
  });
  if (existsSync(e2eSummary)) {
    const counts = JSON.parse(readFileSync(e2eSummary, 'utf8'));
    rmSync(e2eSummary, { force: true });
    passed += counts.passed;
    failed += counts.failed;
    if (e2e.status !== 0 && counts.failed === 0) failed++;
  } else {
    console.error('the end-to-end run (scripts/e2e.mjs) ended before it reported any result');
    failed++;
  }
  rmSync(dir, { recursive: true, force: true });
}
// The import graph of src/: no circle, type-only imports included (STYLE.md's layering).
const graph = spawnSync(process.execPath, ['scripts/import-graph.mjs'], { stdio: 'inherit' });
if (graph.status === 0) passed++;
else { failed++; console.error('the import graph of src/ has a circle (node scripts/import-graph.mjs)'); }

// What the package costs a user's bundle, printed every run, and a gate: a figure above its
// limit fails the run (scripts/size.mjs says which, beside issue 16's budgets).
const size = spawnSync(process.execPath, ['scripts/size.mjs', '--check'], { stdio: 'inherit' });
if (size.status === 0) passed++;
else { failed++; console.error('the size gate failed (node scripts/size.mjs --check)'); }

console.log(`tests: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
