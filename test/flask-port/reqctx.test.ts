import '../guard.js';
/*
 * Flask 3.1 tests/test_reqctx.py, ported to Phial (SPEC §4, §5, §7, §8).
 *
 * Phial has no request context to push or pop: a dispatch is the request's whole life, so the
 * tests of what happens when a context ends are ported as what happens when a dispatch ends.
 *
 * Skipped, with the reason:
 * - test_teardown_on_pop: pushing and popping a request context by hand (teardown at the end of a
 *   dispatch is covered by the two teardown tests below).
 * - test_proper_test_request_context: SERVER_NAME, subdomains and external URLs.
 * - test_context_test, test_manual_context_binding: has_request_context and calling a view
 *   outside a context; a Phial view gets its request as an argument.
 * - TestGreenletContextCopying (test_greenlet_context_copying, test_greenlet_context_copying_api):
 *   greenlets and copy_current_request_context.
 * - test_session_dynamic_cookie_name: session cookies.
 * - test_bad_environ_raises_bad_request, test_environ_for_valid_idna_completes,
 *   test_normal_environ_completes: the Host header of a WSGI environ.
 * Partly ported: test_context_binding (through the test client: no test_request_context),
 * test_session_error_pops_context (SPEC §7: a failing store falls back to memory; no 500).
 */
import { expect } from '@esm-bundle/chai';
import {
  signals,
  type SessionStore,
} from '../../src/index.js';
import { flaskApp, quietly } from './helpers.js';

describe('Flask test_reqctx.py', () => {
  it('test_teardown_with_previous_exception: an error caught before the request does not reach teardown', async () => {
    const app = flaskApp();
    const buffer: unknown[] = [];
    app.teardownRequest(function endOfRequest(exception) { buffer.push(exception); });
    app.route('/', function index() { return ''; });
    try {
      throw new Error('dummy');
    } catch {
      // Handled before the request starts.
    }

    expect(buffer).to.deep.equal([]);
    await app.test.get('/');
    expect(buffer).to.deep.equal([null]);
  });

  it('test_teardown_with_handled_exception: an error the view caught itself does not reach teardown', async () => {
    const app = flaskApp();
    const buffer: unknown[] = [];
    app.teardownRequest(function endOfRequest(exception) { buffer.push(exception); });
    app.route('/', function index() {
      expect(buffer).to.deep.equal([]);
      try {
        throw new Error('dummy');
      } catch {
        // Handled inside the request.
      }
      return '';
    });

    await app.test.get('/');
    expect(buffer).to.deep.equal([null]);
  });

  it('test_context_binding: a view reads the query and the URL of its request', async () => {
    const app = flaskApp();
    app.route('/', function index(req) { return `Hello ${req.query.get('name')}!`; });
    app.route('/meh', function meh(req) { return req.url.href; });

    expect((await app.test.get('/?name=World')).html).to.equal('Hello World!');
    expect((await app.test.get('/meh')).html).to.equal(`${location.origin}/meh`);
  });

  it('test_session_error_pops_context: a session store that fails falls back to memory (SPEC §7)', async () => {
    // SPEC §7/§8: Flask answers a failing session interface with a 500; Phial's storage that
    // throws falls back to memory with a storageFallback signal, and the request goes on.
    class SessionError extends Error {}
    const failingSession: SessionStore = {
      name: 'failing',
      load() { throw new SessionError(); },
      write() { throw new SessionError(); },
    };
    const fallbacks: Array<{ store: string; error: unknown }> = [];
    const app = flaskApp({ session: failingSession });
    const off = signals.storageFallback.connect((_sender, data) => { fallbacks.push(data); }, { sender: app });
    app.route('/', async function index(req) {
      await req.app.session.set('kept', 'in memory');
      return String(req.app.session.get('kept'));
    });

    try {
      const response = await quietly(() => app.test.get('/'));
      expect(response.status).to.equal(200);
      expect(response.html).to.equal('in memory');
      expect(app.session.get('kept')).to.equal('in memory');
      expect(fallbacks).to.have.length(1);
      expect(fallbacks[0].store).to.equal('failing');
      expect(fallbacks[0].error).to.be.instanceOf(SessionError);
    } finally {
      off();
    }
  });
});
