// The browser's own cost of a navigation, with no router: a link click handled by the Navigation
// API (navigate event, intercept(), with or without precommitHandler, the commit, the handler,
// the render) against a click listener that calls pushState and renders. What the navigation
// suite's ratio between Phial's two engines comes from. Run: node bench/floor/run.mjs
import { chromium } from 'playwright-core';
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { findChrome } from '../../scripts/chrome.mjs';

const html = readFileSync(new URL('./page.html', import.meta.url));
const server = createServer((_, res) => { res.setHeader('content-type', 'text/html'); res.end(html); });
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const { port } = server.address();
const browser = await chromium.launch({ executablePath: findChrome(), args: ['--disable-ipc-flooding-protection'] });
try {
  const page = await browser.newPage();
  await page.goto(`http://127.0.0.1:${port}/`);
  const modes = [['Navigation API + precommitHandler', true, false], ['Navigation API', false, false], ['pushState', false, true]];
  for (let round = 0; round < 3; round++) {
    for (const [name, pre, push] of modes) {
      await page.evaluate(([p, q]) => { window.PRE = p; window.PUSH = q; }, [pre, push]);
      await page.evaluate(() => window.run(30)); // warm-up
      const r = await page.evaluate(() => window.run(500));
      console.log(`${name.padEnd(34)} ${r.total.toFixed(2)} ms (mean of 500)`);
    }
  }
} finally {
  await browser.close();
  server.close();
}
