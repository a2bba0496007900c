import '../guard.js';
// Seeded fuzzing of everything that takes input from a URL, a form or a view: hostile paths at
// the map, values at urlFor, locations at redirect() and through the test client. Asserted:
// no location that a browser resolves off the origin or out of the base, no error that is not
// a PhialError, no polluted prototype. Bounded to a few seconds; the seed is printed on failure.
import { expect } from '@esm-bundle/chai';
import { HTTPException, PhialError, RequestRedirect, Response, UrlMap, redirect } from '../../src/index.js';
import { splitStats } from '../../src/routing/split.js';
import { seeded as rng } from '../seeded.js';
import { makeApp } from '../app/helpers.js';


const PIECES = ['/', '//', '\\', '.', '..', '%2e', '%2E', '%2f', '%2F', '%5c', '%5C', '%', '%zz', '%ff', '%00', '\t', '\n', '\r',
  ' ', '\x00', '\x1f', '\x7f', '?', '#', '@', ':', 'evil.com', 'a', 'x', '1', '-', '_', '~', 'é', '\u2028', '\ud800', '\udc00',
  '😀', 'javascript:', 'data:', 'http:', 'https://', '__proto__', 'constructor', 'prototype', '&', '=', '<', '>', '"', "'"];

function hostile(next: () => number, max = 8): string {
  let s = '';
  const n = 1 + Math.floor(next() * max);
  for (let i = 0; i < n; i++) s += PIECES[Math.floor(next() * PIECES.length)];
  return s;
}

function checkProto(): void {
  for (const key of ['__proto__', 'constructor', 'polluted', 'a', 'x', 'evil.com']) {
    if (key === 'constructor' || key === '__proto__') continue;
    expect(Object.prototype.hasOwnProperty.call(Object.prototype, key), `Object.prototype.${key}`).to.equal(false);
  }
  expect(({} as Record<string, unknown>).polluted).to.equal(undefined);
}

function expectOnOrigin(location: string, prefix: string, what: string): void {
  const url = new URL(location, window.location.href);
  expect(url.origin, `${what}: ${JSON.stringify(location)}`).to.equal(window.location.origin);
  expect(location.startsWith('//') || location.startsWith('/\\'), `${what}: ${JSON.stringify(location)}`).to.equal(false);
  if (prefix) expect(url.pathname === prefix || url.pathname.startsWith(prefix + '/'), `${what} under ${prefix}: ${location}`).to.equal(true);
}

function makeFuzzApp(base: string) {
  const app = makeApp({ base });
  app.route('/', function index() { return 'index'; });
  app.route('/u/<name>', function user(req) { return `u ${String(req.params.name)}`; });
  app.route('/n/<int:id>/', function num() { return 'n'; });
  app.route('/f/<path:p>', function files() { return 'f'; });
  app.route('/d/<a>-<b>.<ext>', function dashed() { return 'd'; });
  app.route('/o', function old() { return 'o'; }, { defaults: { page: 1 } });
  app.route('/o/<int:page>', function old2() { return 'o2'; });
  app.route('/go', function go(req) { return redirect(req.query.get('to') ?? '/'); });
  app.route('/form', function form(req) { return `form ${req.form?.get('to') ?? ''}`; }, { methods: ['GET', 'POST'] });
  app.route('/hand', function hand(req) {
    const res = new Response(null, { status: 302 });
    res.location = req.query.get('to') ?? '/';
    return res;
  });
  return app;
}

describe('fuzz: hostile input never leaves the origin and only ever raises PhialErrors', () => {
  for (const base of ['/', '/app']) {
    const prefix = base === '/' ? '' : base;

    it(`the URL map, the test client and redirect() (base ${base})`, async function () {
      this.timeout(30000);
      const seed = 0x5eed + prefix.length;
      const next = rng(seed);
      const app = makeFuzzApp(base);
      app.errorHandler(500, function quiet() { return ['error', 500]; });
      const originalError = console.error;
      console.error = () => {};
      try {
        for (let i = 0; i < 600; i++) {
          const raw = (next() < 0.5 ? '/' : '') + hostile(next);
          // The map, as the public API takes it.
          let r: unknown;
          try {
            r = app.urlMap.tryMatch(raw, next() < 0.8 ? 'GET' : 'POST');
          } catch (e) {
            expect(e, `tryMatch(${JSON.stringify(raw)}) seed ${seed}`).to.be.instanceOf(PhialError);
          }
          if (r instanceof RequestRedirect) expectOnOrigin(r.newUrl, '', `newUrl of ${JSON.stringify(raw)}`);
          else if (r !== undefined && !(r instanceof HTTPException)) expect(r).to.have.property('endpoint');

          // redirect() with a hostile location: refused with a PhialError, or on the origin.
          const loc = (next() < 0.3 ? prefix : '') + hostile(next);
          try {
            const res = app.redirect(loc);
            if (!res.external) expectOnOrigin(res.location!, prefix, `redirect(${JSON.stringify(loc)})`);
          } catch (e) {
            expect(e, `redirect(${JSON.stringify(loc)})`).to.be.instanceOf(PhialError);
          }

          // The test client, following redirects from views that redirect to hostile places.
          const via = next() < 0.5 ? 'go' : 'hand';
          let res: Response | null = null;
          try {
            res = await app.test.get(`${prefix}/${via}?${new URLSearchParams({ to: loc })}`, { followRedirects: true });
          } catch (e) {
            expect(e, `test.get ${via} ${JSON.stringify(loc)}`).to.be.instanceOf(PhialError);
          }
          if (res && res.location !== null && !res.external) expectOnOrigin(res.location, prefix, `followed ${JSON.stringify(loc)}`);

          // A hostile path through the whole pipeline.
          try {
            const page = await app.test.get(prefix + (raw.startsWith('/') ? raw : '/' + raw));
            if (page.location !== null && !page.external) expectOnOrigin(page.location, prefix, `location of ${JSON.stringify(raw)}`);
          } catch (e) {
            expect(e, `test.get(${JSON.stringify(raw)})`).to.be.instanceOf(PhialError);
          }
        }
      } finally {
        console.error = originalError;
      }
      checkProto();
    });
  }

  it('urlFor with hostile values builds a path of this origin or throws a BuildError', () => {
    const seed = 0xb0117;
    const next = rng(seed);
    const app = makeFuzzApp('/');
    const oddValues: unknown[] = [Object.create(null), Symbol('s'), 1n, NaN, Infinity, -0, [], [[]], {}, { toString: () => '//x' },
      { toString() { throw new Error('boom'); } }, '', null, undefined, true];
    for (let i = 0; i < 1500; i++) {
      const pick = (): unknown => next() < 0.7 ? hostile(next) : oddValues[Math.floor(next() * oddValues.length)];
      const endpoint = ['user', 'num', 'files', 'dashed', 'old', 'old2', 'nope'][Math.floor(next() * 7)]!;
      const values: Record<string, unknown> = { name: pick(), id: pick(), p: pick(), a: pick(), b: pick(), ext: pick(), page: pick() };
      if (next() < 0.5) values[hostile(next, 3)] = pick();
      if (next() < 0.1) values.__proto__ = { polluted: true };
      const anchor = next() < 0.3 ? pick() : undefined;
      try {
        const url = app.urlFor(endpoint, values, { anchor: anchor as string });
        expectOnOrigin(url, '', `urlFor(${endpoint}) seed ${seed}`);
        expect(/^[\x21-\x7e]*$/.test(url), url).to.equal(true);
        // What was built matches back (or is answered by a rule ranking above it).
        const m = app.urlMap.tryMatch(url);
        expect(m instanceof HTTPException && !(m instanceof RequestRedirect), `${url} built for ${endpoint} does not match`).to.equal(false);
      } catch (e) {
        expect(e, `urlFor(${endpoint}, ${String(Object.keys(values))}) seed ${seed}`).to.be.instanceOf(PhialError);
      }
    }
    checkProto();
  });

  it('test-client forms with hostile fields', async () => {
    const next = rng(0xf0f0);
    const app = makeFuzzApp('/');
    const odd: unknown[] = [Object.create(null), Symbol('s'), {}, [Object.create(null)], () => 1, new Blob(['x'])];
    for (let i = 0; i < 200; i++) {
      const form: Record<string, unknown> = { [hostile(next, 3)]: next() < 0.7 ? hostile(next) : odd[Math.floor(next() * odd.length)] };
      if (next() < 0.2) form.__proto__ = hostile(next);
      try {
        const res = await app.test.post('/form', form as never);
        expect(res.status).to.be.oneOf([200, 405]);
      } catch (e) {
        expect(e).to.be.instanceOf(PhialError);
      }
    }
    checkProto();
  });
});

describe('fuzz: matching cost grows linearly with the URL on every generated rule shape', () => {
  const CONVERTERS = ['<a%>', '<int:a%>', '<float:a%>', '<uuid:a%>', '<any(x, xy, "-"):a%>', '<string(minlength=2):a%>', '<int(signed=True):a%>'];
  const STATICS = ['-', '.', '_', 'x', '--', '.tar.'];

  /** A rule of 1–2 segments, each mixing 1–4 converters with static text, maybe a path piece. */
  function ruleShape(next: () => number): string {
    let n = 0;
    const segment = () => {
      let seg = '';
      const k = 1 + Math.floor(next() * 4);
      for (let i = 0; i < k; i++) {
        if (i > 0 || next() < 0.3) seg += STATICS[Math.floor(next() * STATICS.length)];
        seg += CONVERTERS[Math.floor(next() * CONVERTERS.length)]!.replace('%', String(n++));
      }
      if (next() < 0.4) seg += STATICS[Math.floor(next() * STATICS.length)];
      return seg;
    };
    let rule = '/' + segment();
    if (next() < 0.3) rule = `/p/<path:rest${n++}>` + STATICS[Math.floor(next() * STATICS.length)] + rule.slice(1);
    if (next() < 0.3) rule += '/' + segment();
    return rule;
  }

  /** The cost of one match, counted (walk steps + split steps), never timed. */
  function cost(map: UrlMap, url: string): number {
    splitStats.steps = 0;
    map.tryMatch(url);
    return map.lastMatchSteps + splitStats.steps;
  }

  it('n to 8n multiplies the count by at most ~8 (quadratic would be 64)', function () {
    this.timeout(30000);
    const seed = 0x11ea4;
    const next = rng(seed);
    const fillers = ['-', '1', '.', 'x', '-1', '1.', 'a-', '1.1-'];
    for (let i = 0; i < 60; i++) {
      const rule = ruleShape(next);
      const map = new UrlMap();
      map.add(rule, { endpoint: 'e' });
      const fill = fillers[Math.floor(next() * fillers.length)]!;
      const tail = next() < 0.5 ? 'y' : '';
      const url = (k: number) => (rule.startsWith('/p/') ? '/p/' : '/') + fill.repeat(k) + tail + (rule.slice(1).includes('/') && !rule.startsWith('/p/') ? '/' + fill.repeat(k) : '');
      const small = cost(map, url(150));
      const large = cost(map, url(1200));
      expect(large / Math.max(small, 1), `${rule} on ${JSON.stringify(fill)}: ${small} -> ${large} (seed ${seed})`).to.be.below(12);
    }
  });
});
