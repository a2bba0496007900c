import '../guard.js';
import { expect } from '@esm-bundle/chai';
import { PhialError, RedirectLoopError, redirect, signals, urlFor } from '../../src/index.js';
import { captureErrors, makeApp } from './helpers.js';

describe('redirect()', () => {
  it('returns a 302 Response with a location and an empty body; code sets the status', async () => {
    const app = makeApp();
    app.route('/old', function old() { return redirect(urlFor('fresh')); });
    app.route('/moved', function moved() { return redirect('/fresh', { code: 301 }); });
    app.route('/fresh', function fresh() { return 'fresh'; });

    const res = await app.test.get('/old');
    expect([res.status, res.location, res.body, res.html]).to.deep.equal([302, '/fresh', '', '']);
    expect((await app.test.get('/moved')).status).to.equal(301);
    expect(() => redirect('/x', { code: 200 })).to.throw(PhialError, '200 is not a redirect status. Use 301, 302 (the default), 303, 307 or 308.');
  });

  it('refuses another origin unless { external: true }', () => {
    expect(() => redirect('https://evil.example/steal'))
      .to.throw(PhialError, 'redirect("https://evil.example/steal") is refused: it leaves the app for another origin (https://evil.example). Pass { external: true }');
    expect(() => redirect('//evil.example/x')).to.throw(PhialError, 'another origin');
    const out = redirect('https://example.org/docs', { external: true });
    expect([out.location, out.external]).to.deep.equal(['https://example.org/docs', true]);
  });

  it('refuses javascript: and data: URLs, even with { external: true }', () => {
    expect(() => redirect('javascript:alert(1)')).to.throw(PhialError, 'a javascript: URL would run code');
    expect(() => redirect('javascript:alert(1)', { external: true })).to.throw(PhialError, 'even with { external: true }');
    expect(() => redirect('data:text/html,<script>x</script>', { external: true })).to.throw(PhialError, 'a data: URL');
  });

  it('refuses a same-origin path outside the base unless { external: true }', () => {
    const app = makeApp({ base: '/app/' });
    expect(() => app.redirect('/elsewhere')).to.throw(PhialError, "redirect(\"/elsewhere\") is refused: /elsewhere is outside the app's base '/app'");
    expect(() => app.redirect('/application')).to.throw(PhialError, 'outside');
    expect(app.redirect('/app').location).to.equal('/app');
    const out = app.redirect('/elsewhere', { external: true });
    expect([out.location, out.external]).to.deep.equal(['/elsewhere', true]);
  });

  it('resolves a relative location against the request and refuses in the view that called it', async () => {
    const app = makeApp({ base: '/app' });
    app.route('/a/b', function b() { return redirect('c?x=1'); });
    app.route('/a/next', function next(req) { return redirect(req.query.get('next') ?? '/app/'); });

    expect((await app.test.get('/app/a/b')).location).to.equal('/app/a/c?x=1');
    const { result } = await captureErrors(() => app.test.get('/app/a/next?next=https://evil.example/'));
    expect(result.status).to.equal(500);
  });
});

describe('following redirects', () => {
  let off: Array<() => void> = [];
  afterEach(() => { off.forEach((f) => f()); off = []; });

  it('is not done unless asked; each followed hop is a whole dispatch', async () => {
    const app = makeApp();
    const seen: string[] = [];
    app.beforeRequest((req) => { seen.push(`before ${req.path}`); });
    app.route('/', function index() { return redirect('/one'); });
    app.route('/one', function one() { return redirect('/two'); });
    app.route('/two', function two() { return 'two'; });

    const first = await app.test.get('/');
    expect([first.status, first.location]).to.deep.equal([302, '/one']);
    seen.length = 0;
    const final = await app.test.get('/', { followRedirects: true });
    expect(final.html).to.equal('two');
    expect(seen).to.deep.equal(['before /', 'before /one', 'before /two']);
  });

  for (const code of [301, 302, 303]) {
    it(`turns a POST into a GET after a ${code}, dropping the form`, async () => {
      const app = makeApp();
      app.post('/submit', function submit() { return redirect('/done', { code }); });
      app.route('/done', function done(req) { return `${req.method} ${req.form === null}`; }, { methods: ['GET', 'POST'] });
      const res = await app.test.post('/submit', { a: '1' }, { followRedirects: true });
      expect(res.html).to.equal('GET true');
    });
  }

  for (const code of [307, 308]) {
    it(`keeps the method and the form after a ${code}`, async () => {
      const app = makeApp();
      app.post('/submit', function submit() { return redirect('/done', { code }); });
      app.post('/done', function done(req) { return `${req.method} ${String(req.form?.get('a'))}`; });
      const res = await app.test.post('/submit', { a: '1' }, { followRedirects: true });
      expect(res.html).to.equal('POST 1');
    });
  }

  it('keeps the hash when the location has none, as browsers do', async () => {
    const app = makeApp();
    app.route('/', function index() { return redirect('/target'); });
    app.route('/target', function target(req) { return req.hash; });
    expect((await app.test.get('/#section', { followRedirects: true })).html).to.equal('#section');
  });

  it('raises a RedirectLoopError on the 11th hop, inside its own dispatch, handled as a 500 that lists the chain', async () => {
    const app = makeApp();
    const got: unknown[] = [];
    off.push(signals.gotRequestException.connect((_, { error }) => got.push(error), { sender: app }));
    let dispatches = 0;
    off.push(signals.requestStarted.connect(() => { dispatches++; }, { sender: app }));
    app.route('/<int:n>', function hop(req) { return redirect(`/${req.params.n + 1}`); });
    app.errorHandler(500, (err) => [`loop: ${(err.originalError as Error).message}`, 500]);

    const { result } = await captureErrors(() => app.test.get('/0', { followRedirects: true }));

    expect(result.status).to.equal(500);
    expect(dispatches).to.equal(12);
    expect(got).to.have.length(1);
    expect(got[0]).to.be.instanceOf(RedirectLoopError);
    const chain = Array.from({ length: 12 }, (_, i) => `/${i}`);
    expect((got[0] as RedirectLoopError).chain).to.deep.equal(chain);
    expect(result.html).to.equal(`loop: Too many redirects (11 hops): ${chain.join(' -&gt; ')}. A before hook or view keeps redirecting; make sure the target of a redirect does not redirect back (for a login guard, let the login page through).`);
  });

  it('stops at the loop page even when a handler answers the loop with another redirect', async () => {
    const app = makeApp();
    app.route('/', function index() { return redirect('/'); });
    app.errorHandler(RedirectLoopError, () => redirect('/'));
    const res = await app.test.get('/', { followRedirects: true });
    expect([res.status, res.location]).to.deep.equal([302, '/']);
  });

  it('does not follow a redirect that leaves the app', async () => {
    const app = makeApp();
    app.route('/', function index() { return redirect('https://example.org/', { external: true }); });
    const res = await app.test.get('/', { followRedirects: true });
    expect([res.status, res.location, res.external]).to.deep.equal([302, 'https://example.org/', true]);
  });
});
