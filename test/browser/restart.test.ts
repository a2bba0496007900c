import '../guard.js';
// A regression found in review (fixed): a restart during the engine's load left two listeners.
// Review: stop() and start() again while the first start() is still loading its engine. SPEC §2
// and §11: after app.stop() the app's links are real page loads again (no listener is left), and
// while the app runs one click is one dispatch.
import { expect } from '@esm-bundle/chai';
import { Response } from '../../src/index.js';
import { clicks, dispatches, forEachEngine, link, makeApp, mountOutlet, pageLoads, sleep, start, waitFor, guardPageLoads } from './helpers.js';

forEachEngine('review: stop and start while the engine loads', () => {
  it('leaves exactly one set of listeners, which stop() removes', async () => {
    const app = makeApp();
    app.route('/', function index() { return new Response('<h1>Home</h1>'); });
    app.route('/a', function a() { return new Response('<h1>A</h1>'); });
    const seen = dispatches(app);
    const outlet = mountOutlet(app);
    // The navigator reads document.title at the start of its start(), before it awaits the
    // engine: just after that (a microtask later) this test stops and restarts the app.
    const proto = Object.getOwnPropertyDescriptor(Document.prototype, 'title')!;
    let hooked = false;
    let second: Promise<void> | null = null;
    Object.defineProperty(document, 'title', {
      configurable: true,
      get() {
        if (!hooked) {
          hooked = true;
          // After start() has begun awaiting its engine.
          queueMicrotask(() => {
            app.stop();
            second = app.start();
          });
        }
        return proto.get!.call(this);
      },
      set(v: string) { proto.set!.call(this, v); },
    });
    try {
      await start(app);
      await second;
      guardPageLoads();
    } finally {
      delete (document as { title?: unknown }).title;
    }
    expect(hooked).to.equal(true);
    await waitFor(() => outlet.rendered.length > 0, 'the first page');
    await sleep(50);
    const before = seen.length;
    const a = link('/app/a');
    a.click();
    await sleep(300);
    expect({ seen, rendered: outlet.rendered }).to.deep.equal({ seen: [...seen.slice(0, before), 'GET /app/a'], rendered: [...outlet.rendered.slice(0, -1), '/app/a'] });
    await sleep(50);
    expect(seen.length - before, 'dispatches for one click').to.equal(1);

    app.stop();
    const b = link('/app/');
    b.click();
    await sleep(50);
    expect(seen.at(-1), 'no dispatch after stop()').to.equal('GET /app/a');
    expect(clicks.at(-1)).to.deep.equal({ href: '/app/', defaultPrevented: false });
    expect(pageLoads.map((u) => new URL(u).pathname)).to.deep.equal(['/app/']);
  });
});
