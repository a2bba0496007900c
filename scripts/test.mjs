// The README's test command: type-check (including the type-level tests), then every
// test in headless Chromium, then one plain summary line for CI.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';

const summary = '.test-summary.json';
rmSync(summary, { force: true });
let failedChecks = 0;

const tsc = spawnSync('npx', ['tsc', '-p', 'tsconfig.json', '--noEmit'], { stdio: 'inherit' });
if (tsc.status !== 0) {
  console.error('typecheck failed (tsc -p tsconfig.json): the type-level tests in test/types count as one failure');
  failedChecks++;
}

const extra = process.argv.slice(2);
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
console.log(`tests: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
