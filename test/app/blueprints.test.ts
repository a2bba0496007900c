import '../guard.js';
import { expect } from '@esm-bundle/chai';
import { html } from 'lit';
import { abort, Blueprint, PhialError, redirect, RuleError, type Request } from '../../src/index.js';
import { makeApp } from './helpers.js';

describe('blueprints', () => {
  const prefixes: Array<[string | undefined, string, string]> = [
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
  for (const [prefix, rule, url] of prefixes) {
    it(`join prefix ${JSON.stringify(prefix)} and rule ${JSON.stringify(rule)} with exactly one slash: ${url}`, async () => {
      const app = makeApp();
      const bp = new Blueprint('test', { urlPrefix: prefix });
      bp.route(rule, function index() { return ['', 204] as const; });
      app.registerBlueprint(bp);
      expect((await app.test.get(url)).status).to.equal(204);
    });
  }

  it('refuse a rule without a leading slash on a blueprint without a prefix', () => {
    const app = makeApp();
    const bp = new Blueprint('bp');
    bp.route('x', function x() { return ''; });
    expect(() => app.registerBlueprint(bp)).to.throw(RuleError);
  });

  it('dot their endpoints with the blueprint name; a custom endpoint is prefixed too', async () => {
    const app = makeApp();
    const bp = new Blueprint('bp');
    bp.route('/foo', function foo(req) { return String(req.endpoint); });
    bp.route('/bar', function fooBar(req) { return String(req.endpoint); }, { endpoint: 'bar' });
    bp.route('/bar/123', function fooBarFoo(req) { return String(req.endpoint); }, { endpoint: '123' });
    app.registerBlueprint(bp, { urlPrefix: '/py' });
    app.route('/', function index(req) { return String(req.endpoint); });

    expect((await app.test.get('/')).html).to.equal('index');
    expect((await app.test.get('/py/foo')).html).to.equal('bp.foo');
    expect((await app.test.get('/py/bar')).html).to.equal('bp.bar');
    expect((await app.test.get('/py/bar/123')).html).to.equal('bp.123');
  });

  it('refuse dotted and empty names, and dotted endpoints', () => {
    const app = makeApp();
    expect(() => new Blueprint('app.ui')).to.throw(PhialError, "the name 'app.ui' may not contain a dot '.'");
    expect(() => new Blueprint('')).to.throw(PhialError, 'a blueprint needs a non-empty name');
    const bp = new Blueprint('bp');
    expect(() => app.registerBlueprint(bp, { name: 'app.ui' })).to.throw(PhialError, "may not contain a dot");
    expect(() => bp.route('/', function x() { return ''; }, { endpoint: 'a.b' })).to.throw(PhialError, "The endpoint 'a.b' of blueprint 'bp' may not contain a dot");
    expect(() => bp.route('/', () => '')).to.throw(PhialError, 'is an anonymous function');
  });

  it('may not be registered twice under one name, but may under another', async () => {
    const app = makeApp();
    const bp = new Blueprint('bp');
    const bp2 = new Blueprint('bp');
    bp.route('/', function index(req) { return String(req.endpoint); });
    app.registerBlueprint(bp, { urlPrefix: '/a' });
    expect(() => app.registerBlueprint(bp)).to.throw(PhialError, "The name 'bp' is already registered for this blueprint. Use { name } to register it under a unique name.");
    app.registerBlueprint(bp, { name: 'again', urlPrefix: '/b' });
    expect(() => app.registerBlueprint(bp2)).to.throw(PhialError, "The name 'bp' is already registered for a different blueprint.");
    app.registerBlueprint(bp2, { name: 'alt', urlPrefix: '/c' });

    expect((await app.test.get('/a/')).html).to.equal('bp.index');
    expect((await app.test.get('/b/')).html).to.equal('again.index');
    expect(app.urlFor('again.index')).to.equal('/b/');
  });

  it('nest, with dotted endpoints, joined prefixes and renaming at each level (Flask\'s renaming test)', async () => {
    const app = makeApp();
    const bp = new Blueprint('bp');
    const bp2 = new Blueprint('bp2');
    bp.get('/', function index(req) { return String(req.endpoint); });
    bp.get('/error', function error() { abort(403); });
    bp.errorHandler(403, () => ['Error', 403]);
    bp2.get('/', function index2(req) { return String(req.endpoint); });
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

  const nesting: Array<[string | undefined, string | undefined, string | undefined, string | undefined]> = [
    ['/parent', '/child', undefined, undefined],
    ['/parent', undefined, undefined, '/child'],
    [undefined, undefined, '/parent', '/child'],
    ['/other', '/something', '/parent', '/child'],
  ];
  for (const [parentInit, childInit, parentReg, childReg] of nesting) {
    it(`nest prefixes: init ${parentInit}/${childInit}, registration ${parentReg}/${childReg}`, async () => {
      const app = makeApp();
      const parent = new Blueprint('parent', { urlPrefix: parentInit });
      const child = new Blueprint('child', { urlPrefix: childInit });
      child.route('/', function index() { return 'index'; });
      parent.registerBlueprint(child, { urlPrefix: childReg });
      app.registerBlueprint(parent, { urlPrefix: parentReg });
      expect((await app.test.get('/parent/child/')).status).to.equal(200);
    });
  }

  it('give rule defaults from urlDefaults at construction and at registration', async () => {
    const app = makeApp();
    const bp = new Blueprint('test', { urlDefaults: { bar: 0, baz: 1 } });
    bp.route('/foo', function foo(req) { return `${req.params.bar}/${req.params.baz}`; }, { defaults: { baz: 42 } });
    bp.route('/bar', function bar(req) { return String(req.params.bar); });
    app.registerBlueprint(bp, { urlPrefix: '/1', urlDefaults: { bar: 23 } });
    app.registerBlueprint(bp, { name: 'test2', urlPrefix: '/2', urlDefaults: { bar: 19 } });

    expect((await app.test.get('/1/foo')).html).to.equal('23/42');
    expect((await app.test.get('/2/foo')).html).to.equal('19/42');
    expect((await app.test.get('/1/bar')).html).to.equal('23');
    expect((await app.test.get('/2/bar')).html).to.equal('19');
  });

  it('run URL defaults and value preprocessors in Flask\'s order, with relative .endpoint names', async () => {
    const app = makeApp();
    const bp = new Blueprint('frontend', { urlPrefix: '/<lang_code>' });
    bp.urlDefaults((endpoint, values, req) => { values.lang_code ??= req?.g.lang_code; });
    bp.urlValuePreprocessor((endpoint, params, req) => { req.g.lang_code = params.lang_code; delete params.lang_code; });
    bp.route('/', function index(req) { return req.urlFor('.about'); });
    bp.route('/about', function about(req) { return req.urlFor('.index'); });
    app.registerBlueprint(bp);

    expect((await app.test.get('/de/')).html).to.equal('/de/about');
    expect((await app.test.get('/de/about')).html).to.equal('/de/');
  });

  it('give urlDefaults hooks the request the URL is built for, as Flask\'s read g (Flask\'s url processor test)', async () => {
    const app = makeApp();
    app.urlDefaults((endpoint, values, req) => {
      if (req?.g.lang_code != null && app.urlMap.isEndpointExpecting(endpoint, 'lang_code')) values.lang_code ??= req.g.lang_code;
    });
    app.urlValuePreprocessor((endpoint, params, req) => {
      req.g.lang_code = params.lang_code ?? null;
      delete params.lang_code;
    });
    app.route('/<lang_code>/', function index(req) { return req.urlFor('about'); });
    app.route('/<lang_code>/about', function about(req) { return req.urlFor('somethingElse'); });
    app.route('/foo', function somethingElse(req) { return req.urlFor('about', { lang_code: 'en' }); });

    expect((await app.test.get('/de/')).html).to.equal('/de/about');
    expect((await app.test.get('/de/about')).html).to.equal('/foo');
    expect((await app.test.get('/foo')).html).to.equal('/en/about');
    expect(() => app.urlFor('about')).to.throw(Error);
  });

  it('register app-wide URL processors from a blueprint', async () => {
    const app = makeApp();
    const bp = new Blueprint('bp');
    bp.appUrlDefaults((endpoint, values) => {
      if (app.urlMap.isEndpointExpecting(endpoint, 'lang_code')) values.lang_code ??= 'de';
    });
    bp.appUrlValuePreprocessor((endpoint, params) => { delete params.lang_code; });
    app.route('/<lang_code>/', function index(req) { return `${req.urlFor('about')} ${JSON.stringify(req.params)}`; });
    app.route('/<lang_code>/about', function about(req) { return req.urlFor('index'); });
    app.registerBlueprint(bp);

    expect((await app.test.get('/de/')).html).to.equal('/de/about {}');
    expect((await app.test.get('/de/about')).html).to.equal('/de/');
  });

  it('run their own hooks only for their views, and app-wide hooks for every request', async () => {
    const app = makeApp();
    const bp = new Blueprint('bp');
    const evts: string[] = [];
    bp.beforeRequest(() => { evts.push('before'); });
    bp.afterRequest((res) => { res.body = `${String(res.body)}|after`; evts.push('after'); });
    bp.teardownRequest(() => { evts.push('teardown'); });
    bp.beforeAppRequest(() => { evts.push('app before'); });
    bp.afterAppRequest(() => { evts.push('app after'); });
    bp.teardownAppRequest(() => { evts.push('app teardown'); });
    bp.route('/bp', function bpEndpoint() { return 'request'; });
    app.route('/', function index() { return 'app'; });
    app.registerBlueprint(bp);

    expect((await app.test.get('/bp')).html).to.equal('request|after');
    expect(evts).to.deep.equal(['app before', 'before', 'after', 'app after', 'teardown', 'app teardown']);
    evts.length = 0;
    expect((await app.test.get('/')).html).to.equal('app');
    expect(evts).to.deep.equal(['app before', 'app after', 'app teardown']);
  });

  it('register app-wide hooks and handlers once, even when registered twice', async () => {
    const app = makeApp();
    const bp = new Blueprint('bp');
    let count = 0;
    bp.beforeAppRequest(() => { count++; });
    bp.appErrorHandler(403, () => ['you shall not pass', 403]);
    bp.route('/nope', function nope() { abort(403); });
    app.registerBlueprint(bp);
    app.registerBlueprint(bp, { name: 'again', urlPrefix: '/again' });
    app.route('/forbidden', function forbidden() { abort(403); });

    await app.test.get('/');
    expect(count).to.equal(1);
    expect((await app.test.get('/forbidden')).html).to.equal('you shall not pass');
    expect((await app.test.get('/again/nope')).html).to.equal('you shall not pass');
  });

  it('handle their own errors; other blueprints\' errors go to the app', async () => {
    const app = makeApp();
    const frontend = new Blueprint('frontend');
    const backend = new Blueprint('backend');
    const sideend = new Blueprint('sideend');
    frontend.errorHandler(403, () => ['frontend says no', 403]);
    frontend.route('/frontend-no', function frontendNo() { abort(403); });
    backend.errorHandler(403, () => ['backend says no', 403]);
    backend.route('/backend-no', function backendNo() { abort(403); });
    sideend.route('/what-is-a-sideend', function sideendNo() { abort(403); });
    app.registerBlueprint(frontend);
    app.registerBlueprint(backend);
    app.registerBlueprint(sideend);
    app.errorHandler(403, () => ['application itself says no', 403]);

    expect((await app.test.get('/frontend-no')).html).to.equal('frontend says no');
    expect((await app.test.get('/backend-no')).html).to.equal('backend says no');
    expect((await app.test.get('/what-is-a-sideend')).html).to.equal('application itself says no');
  });

  it('may be registered on several apps, each with its own state', async () => {
    const bp = new Blueprint('shared', { urlPrefix: '/s' });
    bp.route('/', function index(req) { return `${req.app.name} ${req.urlFor('.index')}`; });
    const one = makeApp({ name: 'one' });
    const two = makeApp({ name: 'two', base: '/two' });
    one.registerBlueprint(bp);
    two.registerBlueprint(bp, { urlPrefix: '/t' });

    expect((await one.test.get('/s/')).html).to.equal('one /s/');
    expect((await two.test.get('/two/t/')).html).to.equal('two /two/t/');
    expect((await one.test.get('/t/')).status).to.equal(404);
  });

  it('may be registered after the first dispatch (lazy blueprints)', async () => {
    const app = makeApp();
    app.route('/', function index() { return 'home'; });
    expect((await app.test.get('/lazy/')).status).to.equal(404);
    const lazy = new Blueprint('lazy', { urlPrefix: '/lazy' });
    lazy.route('/', function index() { return 'lazy home'; });
    app.registerBlueprint(lazy);
    expect((await app.test.get('/lazy/')).html).to.equal('lazy home');
  });

  it('cannot be changed after registration', () => {
    const app = makeApp();
    const bp = new Blueprint('bp');
    app.registerBlueprint(bp);
    const message = "can no longer be called on blueprint 'bp': it has already been registered";
    expect(() => bp.route('/late', function late() { return ''; })).to.throw(PhialError, `addUrlRule() ${message}`);
    expect(() => bp.beforeRequest(() => {})).to.throw(PhialError, `beforeRequest() ${message}`);
    expect(() => bp.errorHandler(404, () => '')).to.throw(PhialError, `errorHandler() ${message}`);
    expect(() => bp.layout((b) => b ?? '')).to.throw(PhialError, `layout() ${message}`);
    expect(() => bp.beforeAppRequest(() => {})).to.throw(PhialError, `beforeAppRequest() ${message}`);
    expect(() => bp.registerBlueprint(new Blueprint('child'))).to.throw(PhialError, `registerBlueprint() ${message}`);
  });

  it('cannot contain themselves', () => {
    const app = makeApp();
    const a = new Blueprint('a');
    const b = new Blueprint('b');
    expect(() => a.registerBlueprint(a)).to.throw(PhialError, "Blueprint 'a' cannot be registered on itself.");
    a.registerBlueprint(b);
    b.registerBlueprint(a);
    expect(() => app.registerBlueprint(a)).to.throw(PhialError, "Blueprint 'a' is nested inside itself (a > b > a)");
  });

  it('give req.blueprint and req.blueprints innermost first', async () => {
    const app = makeApp();
    const parent = new Blueprint('parent');
    const child = new Blueprint('child');
    child.route('/', function index(req) { return `${req.blueprint} ${req.blueprints.join(',')}`; });
    parent.registerBlueprint(child);
    app.registerBlueprint(parent);
    app.route('/app', function appView(req) { return `${req.blueprint} ${req.blueprints.length}`; });

    expect((await app.test.get('/')).html).to.equal('parent.child parent.child,parent');
    expect((await app.test.get('/app')).html).to.equal('null 0');
  });
});

describe('layouts', () => {
  function layoutApp() {
    const app = makeApp();
    const outer = new Blueprint('outer', { urlPrefix: '/o' });
    const inner = new Blueprint('inner', { urlPrefix: '/i' });
    app.layout((body) => html`<app>${body}</app>`);
    outer.layout((body) => html`<outer>${body}</outer>`);
    inner.layout((body, req: Request) => html`<inner data-endpoint=${String(req.endpoint)}>${body}</inner>`);
    inner.route('/', function page() { return ['page', 201] as const; });
    inner.route('/titled', function titled() { return html`<b>t</b>`; });
    inner.route('/go', function go() { return redirect('/o/i/'); });
    inner.route('/missing', function missing() { abort(404); });
    inner.route('/gone', function gone() { abort(410); });
    inner.errorHandler(404, () => ['inner 404', 404]);
    outer.route('/', function outerPage() { return 'outer page'; });
    outer.registerBlueprint(inner);
    app.registerBlueprint(outer);
    app.route('/', function index() { return 'home'; });
    return app;
  }

  it('wrap inner blueprint layouts inside outer ones, app outermost, keeping the status', async () => {
    const app = layoutApp();
    const res = await app.test.get('/o/i/');
    expect(res.status).to.equal(201);
    expect(res.html).to.equal('<app><outer><inner data-endpoint=outer.inner.page>page</inner></outer></app>');
    expect((await app.test.get('/o/')).html).to.equal('<app><outer>outer page</outer></app>');
    expect((await app.test.get('/')).html).to.equal('<app>home</app>');
  });

  it('wrap a blueprint\'s own error handlers, and only the app layout around default error pages', async () => {
    const app = layoutApp();
    const handled = await app.test.get('/o/i/missing');
    expect([handled.status, handled.html]).to.deep.equal([404, '<app><outer><inner data-endpoint=outer.inner.missing>inner 404</inner></outer></app>']);
    const fallback = await app.test.get('/o/i/gone');
    expect(fallback.status).to.equal(410);
    expect(fallback.html).to.equal('<app><h1>Gone</h1>\n<p>The requested URL is no longer available on this server and there is no forwarding address. If you followed a link from a foreign page, please contact the author of this page.</p></app>');
    expect(fallback.title).to.equal('410 Gone');
  });

  it('never wrap redirects or a before hook\'s answer', async () => {
    const app = layoutApp();
    const res = await app.test.get('/o/i/go');
    expect([res.status, res.body]).to.deep.equal([302, '']);
    app.beforeRequest((req) => (req.query.has('stop') ? 'stopped' : undefined));
    expect((await app.test.get('/o/i/?stop')).html).to.equal('stopped');
  });

  it('keep the title of what they wrap, or give theirs when it has none', async () => {
    const app = makeApp();
    const { Response } = await import('../../src/index.js');
    app.layout((body) => new Response(html`<main>${body}</main>`, { title: 'Site' }));
    app.route('/', function index() { return new Response('x', { title: 'Page' }); });
    app.route('/plain', function plain() { return 'y'; });
    expect((await app.test.get('/')).title).to.equal('Page');
    expect((await app.test.get('/plain')).title).to.equal('Site');
  });

  it('send a layout that throws to the error handlers', async () => {
    const app = makeApp();
    const bp = new Blueprint('bp');
    bp.layout(() => { throw new RangeError('layout broke'); });
    bp.route('/', function index() { return 'x'; });
    app.registerBlueprint(bp);
    app.errorHandler(RangeError, (err) => `handled: ${err.message}`);
    expect((await app.test.get('/')).html).to.equal('handled: layout broke');
  });

  it('allow one layout per app or blueprint', () => {
    const app = makeApp();
    app.layout((b) => b ?? '');
    expect(() => app.layout((b) => b ?? '')).to.throw(PhialError, 'the app already has a layout');
  });
});
