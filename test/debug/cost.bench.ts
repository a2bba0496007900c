// What the toolbar adds to a navigation: not a test (no assertion), run by hand:
//   npx web-test-runner --config web-test-runner.config.mjs --files test/debug/cost.bench.ts
// A test-client dispatch (middleware, hooks, signals, no DOM) and a full app.navigate() in a
// memory history with an outlet, each with no toolbar, a toolbar connected then removed (the
// pass-through middleware stays), a connected one (collapsed), and an open one on the Timeline
// that renders after every navigation (the worst case: the toolbar renders once per frame).
import { memorySession, memoryStore, Phial } from '../../src/index.js';
import type { PhialDebugToolbar } from '../../src/debug/index.js';
import '../../src/lit/index.js';
import '../../src/debug/index.js';

type Setup = 'none' | 'removed' | 'connected' | 'open, rendered each time';

async function run(setup: Setup, kind: 'dispatch' | 'navigate', n: number): Promise<number> {
  const app = new Phial({ base: '/app', history: 'memory', flashStore: memoryStore(), session: memorySession() });
  app.beforeRequest(function guard() {});
  app.afterRequest(function after() {});
  app.route('/', function index() { return 'Home'; });
  app.route('/users/<int:id>', function user(req) { return `User ${req.params.id}`; });
  const outlet = kind === 'navigate' ? document.body.appendChild(document.createElement('phial-outlet')) : null;
  let toolbar: PhialDebugToolbar | null = null;
  if (setup !== 'none') {
    const el = document.createElement('phial-debug-toolbar');
    el.app = app;
    el.open = setup === 'open, rendered each time';
    el.panel = 'timeline';
    document.body.append(el);
    toolbar = el;
    if (setup === 'removed') { el.remove(); toolbar = null; }
  }
  const render = setup === 'open, rendered each time' ? toolbar : null;
  if (kind === 'navigate') await app.start();
  const once = async (i: number) => {
    await (kind === 'navigate' ? app.navigate(`/app/users/${i}`) : app.test.get(`/app/users/${i}`));
    if (render) {
      render.requestUpdate();
      await render.updateComplete;
    }
  };
  for (let i = 0; i < 50; i++) await once(i);
  const t0 = performance.now();
  for (let i = 0; i < n; i++) await once(i);
  const per = (performance.now() - t0) / n;
  app.stop();
  toolbar?.remove();
  outlet?.remove();
  localStorage.removeItem('phial:debug-toolbar');
  return per;
}

describe('cost of the debug toolbar', function () {
  this.timeout(300000);
  it('per navigation', async () => {
    const setups: Setup[] = ['none', 'removed', 'connected', 'open, rendered each time'];
    for (const kind of ['dispatch', 'navigate'] as const) {
      const n = kind === 'dispatch' ? 2000 : 500;
      const results: Record<string, number[]> = {};
      for (let round = 0; round < 9; round++) {
        for (const setup of setups) (results[setup] ??= []).push(await run(setup, kind, n));
      }
      const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
      const base = median(results.none);
      for (const setup of setups) {
        const m = median(results[setup]);
        console.log(`${kind}, ${setup}: ${(m * 1000).toFixed(1)} µs (×${(m / base).toFixed(2)})`);
      }
    }
  });
});
