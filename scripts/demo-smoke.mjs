// Smoke check of the demo: serve it with vite, open it in Debian's Chromium, dispatch a URL.
import { spawn } from 'node:child_process';
import { chromium } from 'playwright-core';
import { findChrome, CHROME_FLAGS } from './chrome.mjs';

const server = spawn('npx', ['vite', '--host', '127.0.0.1', '--port', '5179', '--strictPort'], { stdio: ['ignore', 'pipe', 'inherit'] });
await new Promise((resolve) => server.stdout.on('data', (d) => { if (String(d).includes('5179')) resolve(); }));
const browser = await chromium.launch({ executablePath: findChrome(), args: CHROME_FLAGS });
try {
  const page = await browser.newPage();
  page.on('pageerror', (e) => console.error('pageerror', e));
  await page.goto('http://127.0.0.1:5179/');
  await page.waitForSelector('#result dd');
  console.log('first:', await page.textContent('#page'));
  await page.click('a[data-url="/admin"]');
  await page.waitForFunction(() => document.querySelector('#page')?.textContent?.includes('log in'));
  console.log('admin:', await page.textContent('#page'));
  await page.click('a[data-url="/docs"]');
  await page.waitForFunction(() => document.querySelector('#page')?.textContent?.includes('Docs'));
  console.log('docs:', await page.textContent('#page'));
} finally {
  await browser.close();
  server.kill();
}
