import '../guard.js';
/*
 * Flask 3.1 tests/test_blueprints.py, ported to Phial (SPEC §3, §5, §6).
 *
 * Flask's `app` fixture has TESTING on: `new Phial({ testing: true })` here.
 *
 * Skipped, with the reason:
 * - test_templates_and_static, test_default_static_max_age, test_templates_list: templates and
 *   static files.
 * - test_endpoint_decorator: SPEC §4 has no `endpoint(name)` decorator.
 * - test_template_filter, test_add_template_filter, test_template_filter_with_name,
 *   test_add_template_filter_with_name, test_template_filter_with_template,
 *   test_template_filter_after_route_with_template, test_add_template_filter_with_template,
 *   test_template_filter_with_name_and_template, test_add_template_filter_with_name_and_template,
 *   test_template_test, test_add_template_test, test_template_test_with_name,
 *   test_add_template_test_with_name, test_template_test_with_template,
 *   test_template_test_after_route_with_template, test_add_template_test_with_template,
 *   test_template_test_with_name_and_template, test_add_template_test_with_name_and_template,
 *   test_context_processing, test_template_global: Jinja filters, tests, globals and context
 *   processors.
 * - test_nesting_subdomains, test_child_and_parent_subdomain: subdomains.
 * Partly ported: test_nested_callback_order (the `/b` context-processor half is Jinja),
 * test_app_request_processing (Flask 3.1 has no before_app_first_request either).
 */
import { expect } from '@esm-bundle/chai';
import {
  abort,
  Blueprint,
  PhialError,
  urlFor,
  type Request,
  type View,
} from '../../src/index.js';
import { flaskApp } from './helpers.js';

/** The value of a URL variable that the rule's type does not name (rule defaults, url_defaults). */
function param(req: Request<any>, name: string): unknown {
  return (req.params as Record<string, unknown>)[name];
}

describe('Flask test_blueprints.py', () => {
  it('test_blueprint_specific_error_handling: a blueprint\'s handler serves its own views, the app\'s the rest', async () => {
    const app = flaskApp();
    const frontend = new Blueprint('frontend');
    const backend = new Blueprint('backend');
    const sideend = new Blueprint('sideend');
    frontend.errorHandler(403, function frontendForbidden() { return ['frontend says no', 403]; });
    frontend.route('/frontend-no', function frontendNo() { abort(403); });
    backend.errorHandler(403, function backendForbidden() { return ['backend says no', 403]; });
    backend.route('/backend-no', function backendNo() { abort(403); });
    sideend.route('/what-is-a-sideend', function sideendNo() { abort(403); });
    app.registerBlueprint(frontend);
    app.registerBlueprint(backend);
    app.registerBlueprint(sideend);
    app.errorHandler(403, function appForbidden() { return ['application itself says no', 403]; });

    expect((await app.test.get('/frontend-no')).html).to.equal('frontend says no');
    expect((await app.test.get('/backend-no')).html).to.equal('backend says no');
    expect((await app.test.get('/what-is-a-sideend')).html).to.equal('application itself says no');
  });

  it('test_blueprint_specific_user_error_handling: errorHandler and registerErrorHandler on a blueprint', async () => {
    const app = flaskApp();
    class MyDecoratorException extends Error {}
    class MyFunctionException extends Error {}
    const blue = new Blueprint('blue');
    blue.errorHandler(MyDecoratorException, function myDecoratorExceptionHandler(e) {
      expect(e).to.be.instanceOf(MyDecoratorException);
      return 'boom';
    });
    function myFunctionExceptionHandler(e: unknown) {
      expect(e).to.be.instanceOf(MyFunctionException);
      return 'bam';
    }
    blue.registerErrorHandler(MyFunctionException, myFunctionExceptionHandler);
    blue.route('/decorator', function blueDecoTest() { throw new MyDecoratorException(); });
    blue.route('/function', function blueFuncTest() { throw new MyFunctionException(); });
    app.registerBlueprint(blue);

    expect((await app.test.get('/decorator')).html).to.equal('boom');
    expect((await app.test.get('/function')).html).to.equal('bam');
  });

  it('test_blueprint_app_error_handling: appErrorHandler serves the app and every blueprint', async () => {
    const app = flaskApp();
    const errors = new Blueprint('errors');
    errors.appErrorHandler(403, function forbiddenHandler() { return ['you shall not pass', 403]; });
    app.route('/forbidden', function appForbidden() { abort(403); });
    const forbiddenBp = new Blueprint('forbidden_bp');
    forbiddenBp.route('/nope', function bpForbidden() { abort(403); });
    app.registerBlueprint(errors);
    app.registerBlueprint(forbiddenBp);

    expect((await app.test.get('/forbidden')).html).to.equal('you shall not pass');
    expect((await app.test.get('/nope')).html).to.equal('you shall not pass');
  });

  const prefixSlashCases: Array<[string, string, string]> = [
    ['', '/', '/'],
    ['/', '', '/'],
    ['/', '/', '/'],
    ['/foo', '', '/foo'],
    ['/foo/', '', '/foo/'],
    ['', '/bar', '/bar'],
    ['/foo/', '/bar', '/foo/bar'],
    ['/foo/', 'bar', '/foo/bar'],
    ['/foo', '/bar', '/foo/bar'],
    ['/foo/', '//bar', '/foo/bar'],
    ['/foo//', '/bar', '/foo/bar'],
  ];
  for (const [prefix, rule, url] of prefixSlashCases) {
    it(`test_blueprint_prefix_slash[${JSON.stringify(prefix)}, ${JSON.stringify(rule)}]: answers at ${url}`, async () => {
      const app = flaskApp();
      const bp = new Blueprint('test', { urlPrefix: prefix });
      bp.route(rule, function index() { return ['', 204]; });
      app.registerBlueprint(bp);

      expect((await app.test.get(url)).status).to.equal(204);
    });
  }

  it('test_blueprint_url_defaults: registration urlDefaults reach the views, per registration', async () => {
    const app = flaskApp();
    const bp = new Blueprint('test');
    bp.route('/foo', function foo(req) { return `${param(req, 'bar')}/${param(req, 'baz')}`; }, { defaults: { baz: 42 } });
    bp.route('/bar', function bar(req) { return String(param(req, 'bar')); });
    app.registerBlueprint(bp, { urlPrefix: '/1', urlDefaults: { bar: 23 } });
    app.registerBlueprint(bp, { name: 'test2', urlPrefix: '/2', urlDefaults: { bar: 19 } });

    expect((await app.test.get('/1/foo')).html).to.equal('23/42');
    expect((await app.test.get('/2/foo')).html).to.equal('19/42');
    expect((await app.test.get('/1/bar')).html).to.equal('23');
    expect((await app.test.get('/2/bar')).html).to.equal('19');
  });

  it('test_blueprint_url_processors: a prefix variable moved into g and put back by urlDefaults', async () => {
    const app = flaskApp();
    const bp = new Blueprint('frontend', { urlPrefix: '/<lang_code>' });
    // Flask reads flask.g; Phial's g is per request: urlDefaults gets the request (README).
    bp.urlDefaults(function addLanguageCode(endpoint, values, req) { values.lang_code ??= req?.g.lang_code; });
    bp.urlValuePreprocessor(function pullLangCode(endpoint, values, req) {
      req.g.lang_code = values.lang_code;
      delete values.lang_code;
    });
    bp.route('/', function index() { return urlFor('.about'); });
    bp.route('/about', function about() { return urlFor('.index'); });
    app.registerBlueprint(bp);

    expect((await app.test.get('/de/')).html).to.equal('/de/about');
    expect((await app.test.get('/de/about')).html).to.equal('/de/');
  });

  it('test_dotted_name_not_allowed: a blueprint name holds no dot', () => {
    expect(() => new Blueprint('app.ui')).to.throw(PhialError);
  });

  it('test_empty_name_not_allowed: a blueprint needs a name', () => {
    expect(() => new Blueprint('')).to.throw(PhialError);
  });

  it('test_dotted_names_from_app: the app builds a blueprint endpoint and the blueprint an app one', async () => {
    const app = flaskApp();
    const test = new Blueprint('test');
    app.route('/', function app_index() { return urlFor('test.index'); });
    test.route('/test/', function index() { return urlFor('app_index'); });
    app.registerBlueprint(test);

    expect((await app.test.get('/')).html).to.equal('/test/');
  });

  it('test_empty_url_defaults: a rule default and a converter on one endpoint', async () => {
    const app = flaskApp();
    const bp = new Blueprint('bp');
    const something: View<any> = function something(req) { return String(param(req, 'page')); };
    bp.route('/', something, { defaults: { page: 1 } });
    bp.route('/page/<int:page>', something);
    app.registerBlueprint(bp);

    expect((await app.test.get('/')).html).to.equal('1');
    expect((await app.test.get('/page/2')).html).to.equal('2');
  });

  it('test_route_decorator_custom_endpoint: blueprint endpoints are prefixed with its name', async () => {
    const app = flaskApp();
    const bp = new Blueprint('bp');
    bp.route('/foo', function foo(req) { return req.endpoint as string; });
    bp.route('/bar', function fooBar(req) { return req.endpoint as string; }, { endpoint: 'bar' });
    bp.route('/bar/123', function fooBarFoo(req) { return req.endpoint as string; }, { endpoint: '123' });
    bp.route('/bar/foo', function bar_foo(req) { return req.endpoint as string; });
    app.registerBlueprint(bp, { urlPrefix: '/py' });
    app.route('/', function index(req) { return req.endpoint as string; });

    expect((await app.test.get('/')).html).to.equal('index');
    expect((await app.test.get('/py/foo')).html).to.equal('bp.foo');
    expect((await app.test.get('/py/bar')).html).to.equal('bp.bar');
    expect((await app.test.get('/py/bar/123')).html).to.equal('bp.123');
    expect((await app.test.get('/py/bar/foo')).html).to.equal('bp.bar_foo');
  });

  it('test_route_decorator_custom_endpoint_with_dots: a blueprint endpoint holds no dot', () => {
    const bp = new Blueprint('bp');
    expect(() => bp.route('/', () => '', { endpoint: 'a.b' })).to.throw(PhialError);
    expect(() => bp.addUrlRule('/', 'a.b')).to.throw(PhialError);
    function view() { return ''; }
    Object.defineProperty(view, 'name', { value: 'a.b' });
    expect(() => bp.addUrlRule('/', undefined, view)).to.throw(PhialError);
  });

  it('test_request_processing: a blueprint\'s before, after and teardown hooks run on its views', async () => {
    const app = flaskApp();
    const bp = new Blueprint('bp');
    const evts: string[] = [];
    bp.beforeRequest(function beforeBp() { evts.push('before'); });
    bp.afterRequest(function afterBp(response) {
      response.body = `${response.body as string}|after`;
      evts.push('after');
      return response;
    });
    bp.teardownRequest(function teardownBp() { evts.push('teardown'); });
    bp.route('/bp', function bpEndpoint() { return 'request'; });
    app.registerBlueprint(bp);

    expect(evts).to.deep.equal([]);
    const rv = await app.test.get('/bp');
    expect(rv.html).to.equal('request|after');
    expect(evts).to.deep.equal(['before', 'after', 'teardown']);
  });

  it('test_app_request_processing: app-wide hooks of a blueprint run on the app\'s views', async () => {
    const app = flaskApp();
    const bp = new Blueprint('bp');
    const evts: string[] = [];
    bp.beforeAppRequest(function beforeApp() { evts.push('before'); });
    bp.afterAppRequest(function afterApp(response) {
      response.body = `${response.body as string}|after`;
      evts.push('after');
      return response;
    });
    bp.teardownAppRequest(function teardownApp() { evts.push('teardown'); });
    app.registerBlueprint(bp);
    app.route('/', function bpEndpoint() { return 'request'; });

    expect(evts).to.deep.equal([]);
    expect((await app.test.get('/')).html).to.equal('request|after');
    expect(evts).to.deep.equal(['before', 'after', 'teardown']);
    expect((await app.test.get('/')).html).to.equal('request|after');
    expect(evts).to.deep.equal(['before', 'after', 'teardown', 'before', 'after', 'teardown']);
  });

  it('test_app_url_processors: app-wide url processors of a blueprint serve the app\'s rules', async () => {
    const app = flaskApp();
    const bp = new Blueprint('bp');
    bp.appUrlDefaults(function addLanguageCode(endpoint, values, req) { values.lang_code ??= req?.g.lang_code; });
    bp.appUrlValuePreprocessor(function pullLangCode(endpoint, values, req) {
      req.g.lang_code = values.lang_code;
      delete values.lang_code;
    });
    app.route('/<lang_code>/', function index() { return urlFor('about'); });
    app.route('/<lang_code>/about', function about() { return urlFor('index'); });
    app.registerBlueprint(bp);

    expect((await app.test.get('/de/')).html).to.equal('/de/about');
    expect((await app.test.get('/de/about')).html).to.equal('/de/');
  });

  it('test_nested_blueprint: prefixes join and the nearest blueprint\'s error handler wins', async () => {
    const app = flaskApp();
    const parent = new Blueprint('parent');
    const child = new Blueprint('child');
    const grandchild = new Blueprint('grandchild');
    parent.errorHandler(403, function forbidden() { return ['Parent no', 403]; });
    parent.route('/', function parentIndex() { return 'Parent yes'; });
    parent.route('/no', function parentNo() { abort(403); });
    child.route('/', function childIndex() { return 'Child yes'; });
    child.route('/no', function childNo() { abort(403); });
    grandchild.errorHandler(403, function grandchildForbidden() { return ['Grandchild no', 403]; });
    grandchild.route('/', function grandchildIndex() { return 'Grandchild yes'; });
    grandchild.route('/no', function grandchildNo() { abort(403); });
    child.registerBlueprint(grandchild, { urlPrefix: '/grandchild' });
    parent.registerBlueprint(child, { urlPrefix: '/child' });
    app.registerBlueprint(parent, { urlPrefix: '/parent' });

    expect((await app.test.get('/parent/')).html).to.equal('Parent yes');
    expect((await app.test.get('/parent/child/')).html).to.equal('Child yes');
    expect((await app.test.get('/parent/child/grandchild/')).html).to.equal('Grandchild yes');
    expect((await app.test.get('/parent/no')).html).to.equal('Parent no');
    expect((await app.test.get('/parent/child/no')).html).to.equal('Parent no');
    expect((await app.test.get('/parent/child/grandchild/no')).html).to.equal('Grandchild no');
  });

  it('test_nested_callback_order: before hooks app then outer to inner; teardown in exact reverse', async () => {
    const app = flaskApp();
    const parent = new Blueprint('parent');
    const child = new Blueprint('child');
    // Flask asserts inside teardown; Phial reports teardown errors instead of raising them
    // (SPEC §5), so what each teardown popped is recorded and checked after the request.
    const popped: Array<[string, unknown]> = [];
    const seen = (req: Request): string[] => (req.g.seen ??= []) as string[];
    const before = (name: string) => (req: Request) => { seen(req).push(name); };
    const teardown = (name: string) => (_error: unknown, req: Request) => { popped.push([name, seen(req).pop()]); };
    app.beforeRequest(before('app_1'));
    app.teardownRequest(teardown('app_1'));
    app.beforeRequest(before('app_2'));
    app.teardownRequest(teardown('app_2'));
    parent.beforeRequest(before('parent_1'));
    parent.teardownRequest(teardown('parent_1'));
    parent.beforeRequest(before('parent_2'));
    parent.teardownRequest(teardown('parent_2'));
    child.beforeRequest(before('child_1'));
    child.teardownRequest(teardown('child_1'));
    child.beforeRequest(before('child_2'));
    child.teardownRequest(teardown('child_2'));
    child.route('/a', function a(req) { return seen(req).join(', '); });
    parent.registerBlueprint(child);
    app.registerBlueprint(parent);

    expect((await app.test.get('/a')).html).to.equal('app_1, app_2, parent_1, parent_2, child_1, child_2');
    for (const [name, value] of popped) expect(value, `teardown ${name}`).to.equal(name);
    expect(popped.map(([name]) => name)).to.deep.equal(['child_2', 'child_1', 'parent_2', 'parent_1', 'app_2', 'app_1']);
  });

  const nestingCases: Array<[string | undefined, string | undefined, string | undefined, string | undefined]> = [
    ['/parent', '/child', undefined, undefined],
    ['/parent', undefined, undefined, '/child'],
    [undefined, undefined, '/parent', '/child'],
    ['/other', '/something', '/parent', '/child'],
  ];
  for (const [parentInit, childInit, parentRegistration, childRegistration] of nestingCases) {
    it(`test_nesting_url_prefixes[${parentInit}-${childInit}-${parentRegistration}-${childRegistration}]: the child answers at /parent/child/`, async () => {
      const app = flaskApp();
      const parent = new Blueprint('parent', { urlPrefix: parentInit });
      const child = new Blueprint('child', { urlPrefix: childInit });
      child.route('/', function index() { return 'index'; });
      parent.registerBlueprint(child, { urlPrefix: childRegistration });
      app.registerBlueprint(parent, { urlPrefix: parentRegistration });

      const response = await app.test.get('/parent/child/');
      expect(response.status).to.equal(200);
    });
  }

  it('test_unique_blueprint_names: one name is one registration; another name is another', () => {
    const app = flaskApp();
    const bp = new Blueprint('bp');
    const bp2 = new Blueprint('bp');
    app.registerBlueprint(bp);
    expect(() => app.registerBlueprint(bp)).to.throw(PhialError);
    app.registerBlueprint(bp, { name: 'again' });
    expect(() => app.registerBlueprint(bp2)).to.throw(PhialError);
    app.registerBlueprint(bp2, { name: 'alt' });
  });

  it('test_self_registration: a blueprint cannot be registered on itself', () => {
    const bp = new Blueprint('bp');
    expect(() => bp.registerBlueprint(bp)).to.throw(PhialError);
  });

  it('test_blueprint_renaming: a blueprint registered under another name gets its own endpoints', async () => {
    const app = flaskApp();
    const bp = new Blueprint('bp');
    const bp2 = new Blueprint('bp2');
    bp.get('/', function index(req) { return req.endpoint as string; });
    bp.get('/error', function error() { abort(403); });
    bp.errorHandler(403, function forbidden() { return ['Error', 403]; });
    bp2.get('/', function index2(req) { return req.endpoint as string; });
    bp.registerBlueprint(bp2, { urlPrefix: '/a', name: 'sub' });
    app.registerBlueprint(bp, { urlPrefix: '/a' });
    app.registerBlueprint(bp, { urlPrefix: '/b', name: 'alt' });

    expect((await app.test.get('/a/')).html).to.equal('bp.index');
    expect((await app.test.get('/b/')).html).to.equal('alt.index');
    expect((await app.test.get('/a/a/')).html).to.equal('bp.sub.index2');
    expect((await app.test.get('/b/a/')).html).to.equal('alt.sub.index2');
    expect((await app.test.get('/a/error')).html).to.equal('Error');
    expect((await app.test.get('/b/error')).html).to.equal('Error');
  });
});
