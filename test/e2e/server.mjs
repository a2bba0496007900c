// Serves the demo for the end-to-end run. By default the demo is built once (`vite build` of
// index.html, demo/ and src/ into a temporary directory) and served by `vite preview`: a page
// load is a handful of requests instead of one per source module, and files edited during the
// run change nothing. PHIAL_E2E_DEV=1 serves the sources with the dev server instead (no file
// watching, no HMR), for debugging with unminified code.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** What the lazy blueprint's module is called on the wire, built or not. */
export const DOCS_MODULE = /\/(demo\/docs\.ts|assets\/docs-[\w-]+\.js)$/;

const common = {
  root,
  configFile: false,
  logLevel: 'warn',
  clearScreen: false,
  // Its own cache: a demo server running at the same time must not share it.
  cacheDir: join(root, 'node_modules/.vite-e2e'),
};

/** Starts serving the demo on 127.0.0.1 (`port` 0: any free port); resolves to { url, close }. */
export async function startDemo({ port = 0, dev = process.env.PHIAL_E2E_DEV === '1' } = {}) {
  const vite = await import('vite');
  if (dev) {
    const server = await vite.createServer({
      ...common,
      server: { host: '127.0.0.1', port, strictPort: port !== 0, hmr: false, watch: null },
      // Both engines' dependencies up front: one found late makes vite reload the page.
      optimizeDeps: { entries: ['index.html'], include: ['lit', 'lit/directives/repeat.js', 'history/history.production.min.js'] },
    });
    await server.listen();
    return { url: server.resolvedUrls.local[0].replace(/\/$/, ''), close: () => server.close(), mode: 'dev' };
  }
  const outDir = mkdtempSync(join(tmpdir(), 'phial-e2e-'));
  await vite.build({
    ...common,
    build: { outDir, emptyOutDir: true, sourcemap: true, minify: false, reportCompressedSize: false },
  });
  const server = await vite.preview({
    ...common,
    build: { outDir },
    preview: { host: '127.0.0.1', port, strictPort: port !== 0 },
  });
  return {
    url: server.resolvedUrls.local[0].replace(/\/$/, ''),
    close: async () => { await server.close(); rmSync(outDir, { recursive: true, force: true }); },
    mode: 'build',
  };
}
