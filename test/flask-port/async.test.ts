import '../guard.js';
/*
 * Flask 3.1 tests/test_async.py, ported to Phial (SPEC §4: every callback of the pipeline is
 * awaited).
 *
 * Skipped, with the reason:
 * - test_async_route[/view], test_async_route[/methodview]: class-based views (View,
 *   MethodView) are not in SPEC.
 * The fixture is a plain `Flask(__name__)`: TESTING off.
 */
import { expect } from '@esm-bundle/chai';
import {
  Blueprint,
  type Phial,
} from '../../src/index.js';
import { makeApp } from '../app/helpers.js';

/** Python's `await asyncio.sleep(0)`: gives the event loop a turn. */
function sleep0(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

class AppError extends Error {}
class BlueprintError extends Error {}

/** The `async_app` fixture. */
function asyncApp(): Phial {
  const app = makeApp();
  async function index(req: { method: string }) {
    await sleep0();
    return req.method;
  }
  app.route('/', index, { methods: ['GET', 'POST'] });
  app.route('/home', index, { methods: ['GET', 'POST'] });
  app.errorHandler(AppError, async function handle() { return ['', 412]; });
  app.route('/error', async function error() { throw new AppError(); });

  const blueprint = new Blueprint('bp');
  blueprint.route('/', async function bp_index(req) {
    await sleep0();
    return req.method;
  }, { methods: ['GET', 'POST'] });
  blueprint.errorHandler(BlueprintError, async function bp_handle() { return ['', 412]; });
  blueprint.route('/error', async function bp_error() { throw new BlueprintError(); });
  app.registerBlueprint(blueprint, { urlPrefix: '/bp' });
  return app;
}

describe('Flask test_async.py', () => {
  for (const path of ['/', '/home', '/bp/']) {
    it(`test_async_route[${path}]: an async view answers GET and POST`, async () => {
      const app = asyncApp();
      expect((await app.test.get(path)).html).to.contain('GET');
      expect((await app.test.post(path)).html).to.contain('POST');
    });
  }

  for (const path of ['/error', '/bp/error']) {
    it(`test_async_error_handler[${path}]: an async error handler makes the page`, async () => {
      const app = asyncApp();
      expect((await app.test.get(path)).status).to.equal(412);
    });
  }

  it('test_async_before_after_request: async before and after hooks of the app and a blueprint run', async () => {
    let appBeforeCalled = false;
    let appAfterCalled = false;
    let bpBeforeCalled = false;
    let bpAfterCalled = false;
    const app = makeApp();
    app.route('/', function index() { return ''; });
    app.beforeRequest(async function before() { await sleep0(); appBeforeCalled = true; });
    app.afterRequest(async function after(response) { await sleep0(); appAfterCalled = true; return response; });
    const blueprint = new Blueprint('bp');
    blueprint.route('/', function bp_index() { return ''; });
    blueprint.beforeRequest(async function bp_before() { await sleep0(); bpBeforeCalled = true; });
    blueprint.afterRequest(async function bp_after(response) { await sleep0(); bpAfterCalled = true; return response; });
    app.registerBlueprint(blueprint, { urlPrefix: '/bp' });

    await app.test.get('/');
    expect(appBeforeCalled).to.equal(true);
    expect(appAfterCalled).to.equal(true);
    await app.test.get('/bp/');
    expect(bpBeforeCalled).to.equal(true);
    expect(bpAfterCalled).to.equal(true);
  });
});
