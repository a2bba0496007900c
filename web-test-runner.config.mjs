// @web/test-runner in Debian's headless Chromium (never a downloaded browser).
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { findChrome, CHROME_FLAGS } from './scripts/chrome.mjs';
import { summaryReporter } from './scripts/summary-reporter.mjs';
import { defaultReporter } from '@web/test-runner';

const executablePath = findChrome();
if (!executablePath) throw new Error('No Chrome or Chromium found: run `npm test`, which installs it, or set CHROME_PATH.');

/**
 * One new tab per test file. The launcher reuses a tab for every file (two history entries
 * each), so a long run fills the tab's session history to Chromium's cap of 50; from then on
 * Chromium evicts the oldest entries a script pushed (they are "skippable"), which are the
 * running file's own: its entry counts shrink and a traverseTo() back to the test's first
 * entry finds no such key. A closed tab takes its history with it.
 */
function freshTabs(launcher) {
  const stopSession = launcher.stopSession.bind(launcher);
  launcher.stopSession = async (sessionId) => {
    const result = await stopSession(sessionId);
    const pages = launcher.inactivePages.splice(0);
    await Promise.all(pages.map((page) => page.puppeteerPage.close().catch(() => {})));
    return result;
  };
  return launcher;
}

export default {
  files: ['test/**/*.test.ts'],
  nodeResolve: true,
  concurrency: 1,
  concurrentBrowsers: 1,
  testsFinishTimeout: 300000,
  browserStartTimeout: 120000,
  plugins: [esbuildPlugin({ ts: true, target: 'auto', tsconfig: './tsconfig.json' })],
  browsers: [freshTabs(chromeLauncher({ launchOptions: { executablePath, headless: true, args: CHROME_FLAGS } }))],
  testFramework: { config: { timeout: 20000 } },
  reporters: [defaultReporter(), summaryReporter()],
};
