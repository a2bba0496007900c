import '../guard.js';
/*
 * Flask 3.1 tests/test_helpers.py (url_for, redirect and abort), ported to Phial (SPEC §2-§4).
 *
 * Skipped, with the reason:
 * - TestSendfile (test_send_file, test_static_file, test_send_from_directory): files.
 * - test_url_for_with_scheme, test_url_for_with_scheme_not_external,
 *   test_url_for_with_alternating_schemes: external URLs and schemes.
 * - test_app_aborter_class, test_abort_with_app: Werkzeug's Aborter and its mapping.
 * - TestNoImports: Python imports.
 * - TestStreaming: streamed responses.
 * - TestHelpers.test_get_debug_flag, test_open_resource, test_open_resource_exceptions: env
 *   vars and files.
 * Partly ported: test_url_with_method (one view function instead of a MethodView),
 * test_redirect_no_app (SPEC §4: another origin needs `external: true`).
 */
import { expect } from '@esm-bundle/chai';
import {
  abort,
  HTTPException,
  PhialError,
  redirect,
  Response,
  Unauthorized,
  urlFor,
  type View,
} from '../../src/index.js';
import { flaskApp } from './helpers.js';

describe('Flask test_helpers.py', () => {
  // First in this file: each test file runs in a page of its own, and no app has started or
  // dispatched through its test client yet here.
  it('test_redirect_no_app: a redirect to another origin needs external: true (SPEC §4)', () => {
    // SPEC §4: Werkzeug's redirect takes any location; Phial refuses one that leaves the app.
    expect(() => redirect('https://localhost', { code: 307 })).to.throw(PhialError, /external: true/);
    const response = redirect('https://localhost', { code: 307, external: true });
    expect(response.location).to.equal('https://localhost');
    expect(response.status).to.equal(307);
  });

  it('test_url_for_with_anchor: the anchor is percent-encoded', async () => {
    const app = flaskApp();
    app.route('/', function index() { return urlFor('index', {}, { anchor: 'x y' }); });
    expect(app.urlFor('index', {}, { anchor: 'x y' })).to.equal('/#x%20y');
    expect((await app.test.get('/')).html).to.equal('/#x%20y');
  });

  it('test_url_with_method: the method picks the rule of an endpoint', () => {
    const app = flaskApp();
    const myview: View<any> = function myview(req) { return req.method; };
    app.addUrlRule('/myview/', 'myview', myview, { methods: ['GET'] });
    app.addUrlRule('/myview/<int:id>', 'myview', myview, { methods: ['GET'] });
    app.addUrlRule('/myview/create', 'myview', myview, { methods: ['POST'] });

    expect(app.urlFor('myview', {}, { method: 'GET' })).to.equal('/myview/');
    expect(app.urlFor('myview', { id: 42 }, { method: 'GET' })).to.equal('/myview/42');
    expect(app.urlFor('myview', {}, { method: 'POST' })).to.equal('/myview/create');
  });

  it('test_redirect_with_app: module-level redirect goes through the current app\'s redirect', async () => {
    const app = flaskApp();
    class ValueError extends Error {}
    app.redirect = () => { throw new ValueError(); };
    app.route('/', function index() { return redirect('other'); });

    let rejected: unknown = null;
    await app.test.get('/').catch((error: unknown) => { rejected = error; });
    expect(rejected).to.be.instanceOf(ValueError);
  });

  it('test_abort_no_app: abort(401) throws Unauthorized; an unknown code is not an HTTPException', () => {
    expect(() => abort(401)).to.throw(Unauthorized);
    let thrown: unknown = null;
    try {
      abort(900);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).to.be.instanceOf(PhialError);
    expect(thrown).not.to.be.instanceOf(HTTPException);
  });

  it('TestHelpers.test_make_response: a Response is a 200 by default', () => {
    let rv = new Response();
    expect(rv.status).to.equal(200);
    rv = new Response('Hello');
    expect(rv.status).to.equal(200);
    expect(rv.html).to.equal('Hello');
  });
});
