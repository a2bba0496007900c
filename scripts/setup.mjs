// Installs what `npm test` / `npm run demo` / `npm run bench` need on a fresh Debian
// machine with Node: the npm packages, and (unless --demo) Debian's Chromium.
// Chromium is installed only when the user is root with apt-get; otherwise we stop
// with a message saying how, rather than let any tool download a browser.
import { existsSync, statSync } from 'node:fs';
import { execSync } from 'node:child_process';
import { findChrome } from './chrome.mjs';

const demoOnly = process.argv.includes('--demo');

function run(cmd) {
  console.log(`setup: ${cmd}`);
  execSync(cmd, { stdio: 'inherit' });
}

const lock = 'package-lock.json';
const installed = 'node_modules/.package-lock.json';
if (!existsSync(installed) || (existsSync(lock) && statSync(lock).mtimeMs > statSync(installed).mtimeMs)) {
  run(existsSync(lock) ? 'npm ci --no-audit --no-fund' : 'npm install --no-audit --no-fund');
}

if (!demoOnly && !findChrome()) {
  if (process.env.CHROME_PATH) {
    console.error(`setup: CHROME_PATH is set to "${process.env.CHROME_PATH}", but no file is there. Point it at a Chrome or Chromium binary, or unset it to use Debian's chromium.`);
    process.exit(1);
  }
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  let hasApt = false;
  try { execSync('command -v apt-get', { stdio: 'ignore' }); hasApt = true; } catch { /* no apt-get */ }
  if (isRoot && hasApt) {
    run('apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium');
  }
  if (!findChrome()) {
    console.error([
      'setup: no Chrome or Chromium found, and the tests run in a real headless Chromium.',
      'Install it, then run the command again:',
      '  sudo apt-get install -y chromium        (Debian / Ubuntu)',
      'or point CHROME_PATH at a Chrome you already have:',
      '  CHROME_PATH=/path/to/chrome npm test',
      'No tool here downloads a browser by itself.',
    ].join('\n'));
    process.exit(1);
  }
}
