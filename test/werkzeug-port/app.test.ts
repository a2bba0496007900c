import '../guard.js';
// Werkzeug 3.1 tests/test_routing.py, the parts that need an application: the script root
// (Phial's `base`), MapAdapter.dispatch (Phial's dispatch through the test client), and
// Flask's use of the map (app.route, app.urlFor, app.addConverter).
//
// Skipped: test_dispatch's `catch_http_exceptions=False` half (re-raising NotFound to the
// caller) has no equivalent: a Phial dispatch always answers with a Response; with
// `testing: true` only errors that are not HTTPExceptions reject.
import { expect } from '@esm-bundle/chai';
import { memorySession, memoryStore, Phial, type PhialOptions } from '../../src/index.js';
import { BuildError } from '../../src/errors.js';

function makeApp(options: PhialOptions = {}): Phial {
  return new Phial({ flashStore: memoryStore(), session: memorySession(), ...options });
}

describe('werkzeug test_basic_routing under a script root (Phial base)', () => {
  it('redirects to the slashed URL with the base in front, and the map without it', async () => {
    // Werkzeug: map.bind('example.org', '/test').match('/bar') -> 'http://example.org/test/bar/'.
    const app = makeApp({ base: '/test' });
    app.route('/bar/', function bar() { return 'bar'; });
    const res = await app.test.get('/test/bar');
    expect([res.status, res.location]).to.deep.equal([308, '/test/bar/']);
    expect((await app.test.get('/test/bar/')).html).to.equal('bar');
    let newUrl: string | null = null;
    try { app.urlMap.match('/bar'); } catch (e) { newUrl = (e as { newUrl: string }).newUrl; }
    expect(newUrl).to.equal('/bar/');
  });

  it('keeps the query string in the redirect', async () => {
    const app = makeApp({ base: '/test/' });
    app.route('/bar/', function bar() { return 'bar'; });
    expect((await app.test.get('/test/bar?foo=bar')).location).to.equal('/test/bar/?foo=bar');
  });
});

describe('werkzeug test_empty_path_info under a script root', () => {
  it('redirects the bare base to the root rule', async () => {
    // Werkzeug: bind('example.com', script_name='/approot').match('') -> '/approot/'.
    const app = makeApp({ base: '/approot' });
    app.route('/', function index() { return 'index'; });
    const res = await app.test.get('/approot');
    expect([res.status, res.location]).to.deep.equal([308, '/approot/']);
  });
});

describe('werkzeug test_dispatch', () => {
  const app = makeApp();
  app.route('/', function root(req) { return `${req.endpoint} ${JSON.stringify(req.params)}`; });
  app.route('/foo/', function foo() { return 'foo'; });

  it('calls the view of the matched endpoint with its values', async () => {
    expect((await app.test.get('/')).html).to.equal('root {}');
  });

  it('answers a slash redirect with a 308 (Werkzeug 3.1 answers 308, not 301)', async () => {
    const res = await app.test.get('/foo');
    expect([res.status, res.location]).to.deep.equal([308, '/foo/']);
  });

  it('answers 404 for a URL that no rule matches', async () => {
    expect((await app.test.get('/bar')).status).to.equal(404);
  });
});

describe('app.route and the map (Flask on Werkzeug)', () => {
  it('defaults methods to GET, so POST to a plain route is a 405', async () => {
    const app = makeApp();
    app.route('/x', function x() { return 'x'; });
    expect((await app.test.post('/x', {})).status).to.equal(405);
    expect((await app.test.get('/x')).status).to.equal(200);
  });

  it('builds with the base in front, extra values in the query and an anchor', () => {
    const app = makeApp({ base: '/shop' });
    app.route('/item/<int:id>', function item() { return 'item'; });
    expect(app.urlFor('item', { id: 3, tab: 'reviews' }, { anchor: 'top' })).to.equal('/shop/item/3?tab=reviews#top');
    expect(() => app.urlFor('itme', { id: 3 })).to.throw(BuildError, /item/);
  });

  it('uses a converter added through the app, matched and built', async () => {
    const app = makeApp();
    app.addConverter('list', {
      toValue: (text) => text.split(','),
      toUrl: (value) => (value as string[]).join(','),
    });
    app.route('/tags/<list:tags>', function tags(req) { return (req.params.tags as string[]).join('|'); });
    expect((await app.test.get('/tags/a,b,c')).html).to.equal('a|b|c');
    expect(app.urlFor('tags', { tags: ['x', 'y'] })).to.equal('/tags/x,y');
  });

  it('redirects a defaults URL through the app before any view runs', async () => {
    const app = makeApp();
    const seen: unknown[] = [];
    function users(req: { params: { page?: unknown } }) { seen.push(req.params.page); return `page ${req.params.page}`; }
    app.route('/users/', users, { defaults: { page: 1 } });
    app.route('/users/<int:page>', users);
    const res = await app.test.get('/users/1');
    expect([res.status, res.location]).to.deep.equal([308, '/users/']);
    expect((await app.test.get('/users/', {})).html).to.equal('page 1');
    expect((await app.test.get('/users/2')).html).to.equal('page 2');
    expect(seen).to.deep.equal([1, 2]);
  });
});
