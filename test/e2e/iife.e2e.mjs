// The IIFE bundle as a plain <script src> page uses it: built with `vite build --mode iife`,
// loaded by a classic script, it puts everything on the global `phial`, defines the elements,
// and runs a hash-mode app with the outlet and the flash list, text shown as text.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { findChrome, CHROME_FLAGS } from '../../scripts/chrome.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const PAGE = `<!doctype html><html><head><title>IIFE page</title><script src="/phial.iife.js"></script></head>
<body><phial-flashes></phial-flashes><phial-outlet></phial-outlet>
<script>
  const { Phial, Response, redirect, memoryStore, memorySession } = phial;
  const app = new Phial({ history: 'hash', flashStore: memoryStore(), session: memorySession() });
  app.route('/', function index(req) {
    const a = document.createElement('a');
    a.href = req.urlFor('hello', { name: '<b>world</b>' });
    a.textContent = 'Say hello';
    return a;
  });
  app.route('/hello/<name>', function hello(req) { return new Response('Hello, ' + req.params.name + '!', { title: 'Hello' }); });
  app.route('/go', function go(req) { req.flash('<i>flashed</i>', 'info'); return redirect(req.urlFor('hello', { name: 'again' })); });
  window.started = app.start();
  window.app = app;
</script></body></html>`;

describe('the IIFE bundle', () => {
  let dir, browser, script;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'phial-iife-'));
    execFileSync('npx', ['vite', 'build', '--mode', 'iife', '--outDir', dir, '--logLevel', 'error'], { cwd: root, stdio: 'inherit' });
    script = readFileSync(join(dir, 'phial.iife.js'), 'utf8');
  });
  after(async () => {
    await browser?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('puts everything on the global phial, defines the elements, and runs a hash-mode app', { timeout: 60000 }, async () => {
    browser = await chromium.launch({ executablePath: findChrome(), args: CHROME_FLAGS });
    const page = await browser.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    await page.route('http://phial.test/**', (route) => {
      const url = new URL(route.request().url());
      if (url.pathname === '/phial.iife.js') return route.fulfill({ contentType: 'text/javascript', body: script });
      return route.fulfill({ contentType: 'text/html', body: PAGE });
    });
    await page.goto('http://phial.test/');
    await page.evaluate(() => window.started);
    const shape = await page.evaluate(() => ({
      global: typeof window.phial, noPhialGlobal: typeof window.Phial,
      names: ['Phial', 'Blueprint', 'Response', 'redirect', 'urlFor', 'flash', 'abort', 'safeNext', 'isNavigationFailure', 'NavigationFailure', 'indexedDBStore', 'PhialOutlet', 'PhialFlashes']
        .filter((n) => !(n in window.phial)),
      outlet: customElements.get('phial-outlet') !== undefined,
      flashes: customElements.get('phial-flashes') !== undefined,
    }));
    assert.deepEqual(shape, { global: 'object', noPhialGlobal: 'undefined', names: [], outlet: true, flashes: true });
    assert.equal(await page.textContent('phial-outlet a'), 'Say hello');
    assert.equal(await page.getAttribute('phial-outlet a', 'href'), '#/hello/%3Cb%3Eworld%3C%2Fb%3E');
    await page.click('phial-outlet a');
    await page.waitForFunction(() => document.title === 'Hello');
    assert.equal(await page.textContent('phial-outlet'), 'Hello, <b>world</b>!');
    assert.equal(await page.locator('phial-outlet b').count(), 0);
    assert.equal(new URL(page.url()).hash, '#/hello/%3Cb%3Eworld%3C%2Fb%3E');
    await page.evaluate(() => window.app.navigate('#/go'));
    await page.waitForFunction(() => location.hash === '#/hello/again');
    const flash = page.locator('phial-flashes [part="message"]');
    assert.equal(await flash.count(), 1);
    assert.match(await flash.textContent(), /<i>flashed<\/i>/);
    assert.deepEqual(errors, []);
  });
});
