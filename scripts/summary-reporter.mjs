// Counts passed and failed tests over every session and writes them to a file, so that
// scripts/test.mjs can end the run with a plain `tests: N passed, N failed` line
// (the default reporter's last line carries a progress bar CI cannot read).
import { writeFileSync } from 'node:fs';

function count(suite, totals) {
  if (!suite) return;
  for (const t of suite.tests ?? []) {
    if (t.skipped) continue;
    if (t.passed) totals.passed++; else totals.failed++;
  }
  for (const s of suite.suites ?? []) count(s, totals);
}

export function summaryReporter(file = process.env.PHIAL_TEST_SUMMARY ?? '.test-summary.json') {
  return {
    onTestRunFinished({ sessions }) {
      const totals = { passed: 0, failed: 0 };
      for (const session of sessions) {
        count(session.testResults, totals);
        // a file that failed to load, or threw outside a test, is a failure too
        if (!session.passed && (session.errors?.length ?? 0) > 0) totals.failed++;
      }
      writeFileSync(file, JSON.stringify(totals));
    },
  };
}
