import '../guard.js';
// Issue 13: locations that a browser would read as another host, whatever their spelling.
import { expect } from '@esm-bundle/chai';
import { BadRequest, BuildError, PhialError, RequestRedirect, Response, UrlMap, redirect, safeNext } from '../../src/index.js';
import { captureErrors, makeApp } from '../app/helpers.js';

/** Where a browser on this page goes when given `location` from `from`. */
function browserTarget(location: string, from = location_href()): URL {
  return new URL(location, from);
}
function location_href(): string {
  return window.location.href;
}

const LEAVING = [
  '/.//evil.com', '/a/..//evil.com', '/%2e/\\evil.com', '/./\\evil.com', '/app/..//evil.com',
  '/%2e%2e//evil.com', '/x/../\\evil.com', '/.\\/evil.com', '/./\t/evil.com', '/.//\\evil.com',
  '/a/%2E%2E/%2E//evil.com', '/.///evil.com',
];

describe('redirect() never hands out a protocol-relative location', () => {
  it('gives a one-slash path for every dot-segment spelling of //host (base /)', async () => {
    const app = makeApp();
    app.route('/login', function login(req) { return redirect(req.query.get('next') ?? '/'); });
    for (const next of LEAVING) {
      const res = await app.test.get('/login?next=' + encodeURIComponent(next));
      expect(res.status, next).to.equal(302);
      expect(res.location!.startsWith('//'), `${next} -> ${res.location}`).to.equal(false);
      expect(res.location!.startsWith('/\\'), `${next} -> ${res.location}`).to.equal(false);
      expect(browserTarget(res.location!).origin, next).to.equal(window.location.origin);
      expect(res.external).to.equal(false);
    }
  });

  it('keeps the location under the base too', async () => {
    const app = makeApp({ base: '/app' });
    app.route('/go', function go(req) { return redirect(req.query.get('to') ?? '/app/'); });
    const { result: res } = await captureErrors(() => app.test.get('/app/go?to=' + encodeURIComponent('/app/..//evil.com')));
    // Out of the base (and, read naively, off the origin): refused, the view's error page.
    expect(res.status).to.equal(500);
    const ok = await app.test.get('/app/go?to=' + encodeURIComponent('/app/.//x'));
    expect(ok.location).to.equal('/app//x'); // an inner '//' is a path of this origin
  });

  it('still refuses what leaves the origin, with the fix in the message', () => {
    for (const loc of ['//evil.com', '\\\\evil.com', '/\t/evil.com', '/\\evil.com', 'https:evil.com', ' //evil.com']) {
      expect(() => redirect(loc), loc).to.throw(PhialError, 'another origin');
    }
  });
});

describe('the test client reports a location that leaves the site', () => {
  it('does not follow //evil.com from a hand-made Response, and marks it external', async () => {
    const app = makeApp();
    app.route('/r', function r() {
      const res = new Response(null, { status: 302 });
      res.location = '//evil.com/x';
      return res;
    });
    app.route('/evil.com/x', function trap() { return 'followed as a path'; });
    const res = await app.test.get('/r', { followRedirects: true });
    expect([res.status, res.location, res.external]).to.deep.equal([302, '//evil.com/x', true]);
  });

  it('does not follow a location outside the base', async () => {
    const app = makeApp({ base: '/app' });
    app.route('/r', function r() {
      const res = new Response(null, { status: 302 });
      res.location = '/elsewhere';
      return res;
    });
    const res = await app.test.get('/app/r', { followRedirects: true });
    expect([res.status, res.external]).to.deep.equal([302, true]);
  });

  it('follows a relative location as a browser resolves it', async () => {
    const app = makeApp();
    app.route('/a/b', function b() {
      const res = new Response(null, { status: 302 });
      res.location = 'c?x=1';
      return res;
    });
    app.route('/a/c', function c(req) { return `c ${req.query.get('x')}`; });
    expect((await app.test.get('/a/b', { followRedirects: true })).html).to.equal('c 1');
  });
});

describe('safeNext(req, fallback)', () => {
  it('gives back only a page of this app', async () => {
    const app = makeApp();
    app.route('/login', function login(req) { return safeNext(req, '/home'); });
    const next = async (value: string) => (await app.test.get('/login?next=' + encodeURIComponent(value))).body;
    expect(await next('/account?tab=1#top')).to.equal('/account?tab=1#top');
    expect(await next('/.//evil.com')).to.equal('/evil.com');
    for (const bad of ['//evil.com', 'https://evil.com/', '\\\\evil.com', '/\\evil.com', 'javascript:alert(1)', '/\t/evil.com', 'data:text/html,x', ' //evil.com']) {
      expect(await next(bad), bad).to.equal('/home');
    }
    expect((await app.test.get('/login')).body).to.equal('/home');
  });

  it('defaults to the base root, respects the base, and reads a POSTed form', async () => {
    const app = makeApp({ base: '/app' });
    app.route('/login', function login(req) { return safeNext(req); }, { methods: ['GET', 'POST'] });
    expect((await app.test.get('/app/login?next=/other')).body).to.equal('/app/');
    expect((await app.test.get('/app/login?next=/app/x')).body).to.equal('/app/x');
    expect((await app.test.post('/app/login', { next: '/app/y' })).body).to.equal('/app/y');
  });
});

describe('routing redirects stay on the origin (urlMap.tryMatch newUrl)', () => {
  const map = new UrlMap();
  map.add('/', { endpoint: 'index' });
  map.add('/<name>/', { endpoint: 'dir' });
  map.add('/x/<path:p>', { endpoint: 'p' });

  for (const raw of ['//\\evil.com', '//\t/evil.com', '//\n/evil.com', '// /evil.com', '//\x00/evil.com', '///\\evil.com',
    '//%5Cevil.com', '//evil.com', '/\\evil.com', '/\t', '//\\evil.com?\t//x', '//\ud800', '/\ud800?\udfff']) {
    it(`sends ${JSON.stringify(raw)} to a plain path of this origin`, () => {
      const r = map.tryMatch(raw);
      if (!(r instanceof RequestRedirect)) return;
      expect(/^\/(?![/\\])[\x21-\x7e]*$/.test(r.newUrl), r.newUrl).to.equal(true);
      expect(new URL(r.newUrl, 'http://o.test/').origin).to.equal('http://o.test');
    });
  }

  it('answers a malformed escape after // with a 400, not a raw redirect', () => {
    expect(map.tryMatch('//a%zz')).to.be.instanceOf(BadRequest);
  });
});

describe('bad values get a clear error, never a raw one (issue 13 §4)', () => {
  const app = makeApp();
  app.route('/u/<name>', function u() { return ''; });
  app.route('/v', function v() { return ''; }, { methods: ['POST'] });

  it('a lone surrogate or a value without text is a BuildError naming it', () => {
    expect(() => app.urlFor('u', { name: 'a', q: '\ud800' })).to.throw(BuildError, "the query value for 'q'");
    expect(() => app.urlFor('u', { name: 'a', '\udc00': 'x' })).to.throw(BuildError, 'the query key');
    expect(() => app.urlFor('u', { name: 'a' }, { anchor: 'x\ud800' })).to.throw(BuildError, 'the anchor');
    expect(() => app.urlFor('u', { name: Object.create(null) })).to.throw(BuildError, "the value for 'name'");
    expect(() => app.urlFor('u', { name: 'a', q: Object.create(null) })).to.throw(BuildError, "the query value for 'q' has no text form");
    expect(() => app.urlFor('u', { name: 'a', q: [{ toString() { throw new Error('no'); } }] })).to.throw(BuildError, "the query value for 'q'");
    expect(() => app.urlFor('u', { name: 'a' }, { anchor: Object.create(null) })).to.throw(BuildError, 'the anchor has no text form');
  });

  it('a form field without text is a PhialError naming the field', async () => {
    let error: unknown = null;
    try { await app.test.post('/v', { a: Object.create(null) }); } catch (e) { error = e; }
    expect(error).to.be.instanceOf(PhialError);
    expect((error as Error).message).to.contain("The form field 'a'");
  });

  it('match and build say what they expected', () => {
    const map = app.urlMap;
    expect(() => map.match(undefined as never)).to.throw(PhialError, 'path must be a string');
    expect(() => map.match('/x', null as never)).to.throw(PhialError, 'method must be a string');
    expect(() => map.build('u', null as never)).to.throw(BuildError, 'values must be an object');
    expect(() => map.build(7 as never)).to.throw(BuildError, 'endpoint must be a string');
    expect(() => map.build('u', { name: 'a' }, null as never)).to.throw(BuildError, 'options must be an object');
  });

  it('an object of a lit template\'s shape built from JSON is not markup', async () => {
    const fake = JSON.parse('{"_$litType$":1,"strings":["<img src=x onerror=alert(1)>"],"values":[]}');
    const res = new Response('');
    res.body = fake;
    expect(res.html).to.not.contain('<img');
    const compiled = JSON.parse('{"_$litType$":{"h":["<img src=x onerror=alert(1)>"],"parts":[]},"values":[]}');
    res.body = compiled;
    expect(res.html).to.not.contain('<img');
    expect(() => new Response(fake)).to.throw(PhialError, 'the body must be');
    const viewApp = makeApp();
    viewApp.route('/j', function j() { return fake; });
    const { result } = await captureErrors(() => viewApp.test.get('/j'));
    expect(result.status).to.equal(500);
  });
});
