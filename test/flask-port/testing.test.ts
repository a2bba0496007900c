import '../guard.js';
/*
 * Flask 3.1 tests/test_testing.py, ported to Phial (SPEC §8, §11).
 *
 * Skipped, with the reason:
 * - test_environ_defaults_from_config, test_environ_defaults, test_environ_base_default,
 *   test_environ_base_modified, test_client_open_environ, test_specify_url_scheme,
 *   test_path_is_url, test_environbuilder_json_dumps: the WSGI environ, SERVER_NAME and schemes.
 * - test_blueprint_with_subdomain, test_subdomain: subdomains.
 * - test_session_transactions_no_null_sessions, test_session_transactions_keep_context,
 *   test_session_transaction_needs_cookies: `session_transaction` over cookies and null sessions
 *   (test_session_transactions is ported: the app's session is written outside a request).
 * - test_json_request_and_response, test_client_json_no_app_context: JSON bodies.
 * - test_cli_runner_class, test_cli_invoke, test_cli_custom_obj: the CLI.
 * - test_client_pop_all_preserved: stream_with_context and preserved contexts.
 * Partly ported: test_test_client_context_binding (no `with client` context: `req.g` is per
 * request), test_test_client_calls_teardown_handlers (teardown runs at the end of each dispatch;
 * there is no preserved context to pop later), test_nosubdomain (no SERVER_NAME).
 */
import { expect } from '@esm-bundle/chai';
import {
  redirect,
  session,
} from '../../src/index.js';
import { flaskApp, quietly } from './helpers.js';

class ZeroDivisionError extends Error {}

describe('Flask test_testing.py', () => {
  it('test_redirect_keep_session: the session survives a followed redirect', async () => {
    const app = flaskApp();
    app.route('/', async function index(req) {
      if (req.method === 'POST') return redirect('/getsession');
      await session.set('data', 'foo');
      return 'index';
    }, { methods: ['GET', 'POST'] });
    app.route('/getsession', function getSession() { return String(session.get('data') ?? '<missing>'); });

    let rv = await app.test.get('/getsession');
    expect(rv.body).to.equal('<missing>');
    rv = await app.test.get('/');
    expect(rv.html).to.equal('index');
    expect(app.session.get('data')).to.equal('foo');
    rv = await app.test.post('/', {}, { followRedirects: true });
    expect(rv.html).to.equal('foo');
    expect(app.session.get('data')).to.equal('foo');
    rv = await app.test.get('/getsession');
    expect(rv.html).to.equal('foo');
  });

  it('test_session_transactions: a session value set outside a request is seen by the next one', async () => {
    const app = flaskApp();
    app.route('/', function index() { return JSON.stringify(session.get('foo')); });

    expect(app.session.has('foo')).to.equal(false);
    await app.session.set('foo', [42]);
    expect(app.session.get('foo')).to.deep.equal([42]);
    expect((await app.test.get('/')).html).to.equal('[42]');
    expect(app.session.get('foo')).to.deep.equal([42]);
  });

  it('test_test_client_context_binding: each request gets a fresh g; an error is a 500 with testing off', async () => {
    const app = flaskApp({ testing: false });
    const gs: Array<Record<string, unknown>> = [];
    app.route('/', function index(req) { req.g.value = 42; gs.push(req.g); return 'Hello World!'; });
    app.route('/other', function other(req) { gs.push(req.g); throw new ZeroDivisionError(); });

    let resp = await app.test.get('/');
    expect(gs[0].value).to.equal(42);
    expect(resp.html).to.equal('Hello World!');
    expect(resp.status).to.equal(200);
    resp = await quietly(() => app.test.get('/other'));
    expect(gs[1]).not.to.have.property('value');
    expect(resp.html).to.contain('Internal Server Error');
    expect(resp.status).to.equal(500);
  });

  it('test_reuse_client: the client answers any number of requests', async () => {
    const app = flaskApp();
    const c = app.test;
    expect((await c.get('/')).status).to.equal(404);
    expect((await c.get('/')).status).to.equal(404);
  });

  it('test_test_client_calls_teardown_handlers: teardown runs at the end of each request, with null', async () => {
    const app = flaskApp();
    const called: unknown[] = [];
    app.teardownRequest(function remember(error) { called.push(error); });

    expect(called).to.deep.equal([]);
    await app.test.get('/');
    expect(called).to.deep.equal([null]);
    called.length = 0;
    await app.test.get('/');
    await app.test.get('/');
    expect(called).to.deep.equal([null, null]);
  });

  it('test_full_url_request: a full URL posts a form with a query', async () => {
    const app = flaskApp();
    let form: FormData | null = null;
    let query: URLSearchParams | null = null;
    app.route('/action', function action(req) { form = req.form; query = req.query; return 'x'; }, { methods: ['POST'] });

    const rv = await app.test.post('http://domain.com/action?vodka=42', { gin: '43' });
    expect(rv.status).to.equal(200);
    expect((form as FormData | null)?.has('gin')).to.equal(true);
    expect((query as URLSearchParams | null)?.has('vodka')).to.equal(true);
  });

  it('test_nosubdomain: a URL built by urlFor is served by its view', async () => {
    const app = flaskApp();
    app.route('/<company_id>', function view(req) { return req.params.company_id; });

    const url = app.urlFor('view', { company_id: 'xxx' });
    const response = await app.test.get(url);
    expect(response.status).to.equal(200);
    expect(response.html).to.equal('xxx');
  });
});
