import '../guard.js';
// The URL map on input nobody meant: hostile rule tables and huge paths (the work is bounded
// by counting the matcher's steps, never by timing), odd URLs, and prototype keys as names.
// Every such input gives a clear result (a match, 404, 405, 400 or a redirect), never another
// exception, and never touches Object.prototype.
import { expect } from '@esm-bundle/chai';
import { UrlMap, type MatchResult } from '../../src/routing/map.js';
import { captureWarnings } from './helpers.js';
import { BadRequest, BuildError, MethodNotAllowed, NotFound, RequestRedirect } from '../../src/errors.js';

const SEGMENTS = 10_000;
const xs = (n: number, seg = 'x') => '/' + Array(n).fill(seg).join('/');

/** A generous linear bound on the matcher's steps for a URL of `segments` segments. */
const bound = (segments: number, pathElements: number) => 50 * segments * (pathElements + 1);
const pathElementsOf = (map: UrlMap) => map.rules.reduce((n, r) => n + (r.rule.match(/<path[:(]/g)?.length ?? 0), 0);

type Clear = { match: MatchResult } | { redirect: string } | { status: 400 | 404 | 405 };

/** The result of matching, which must be one a user can act on; anything else is thrown on. */
function clear(map: UrlMap, path: string, method = 'GET'): Clear {
  try {
    return { match: map.match(path, method) };
  } catch (e) {
    if (e instanceof RequestRedirect) return { redirect: e.newUrl };
    if (e instanceof BadRequest) return { status: 400 };
    if (e instanceof MethodNotAllowed) return { status: 405 };
    if (e instanceof NotFound) return { status: 404 };
    throw new Error(`matching ${JSON.stringify(path.length > 120 ? path.slice(0, 120) + '…' : path)} threw ${(e as Error)?.constructor?.name}: ${(e as Error)?.message ?? String(e)}`);
  }
}


const prototypeBefore = Object.getOwnPropertyNames(Object.prototype).sort();
const objectPrototypeUntouched = () => {
  expect(Object.getOwnPropertyNames(Object.prototype).sort()).to.deep.equal(prototypeBefore);
  expect(({} as Record<string, unknown>).polluted).to.equal(undefined);
  expect(Object.getPrototypeOf({})).to.equal(Object.prototype);
};

describe('safety: a 10,000-segment path against hostile rules, in linear steps', () => {
  it('many consecutive path converters', () => {
    const map = new UrlMap();
    const K = 12;
    map.add('/' + Array.from({ length: K }, (_, i) => `<path:p${i}>`).join('/') + '/end', { endpoint: 'paths' });
    expect(clear(map, xs(SEGMENTS))).to.deep.equal({ status: 404 });
    expect(map.lastMatchSteps).to.be.greaterThan(0).and.below(bound(SEGMENTS, K));

    const hit = clear(map, xs(SEGMENTS) + '/end');
    expect('match' in hit && hit.match.params.p0).to.equal('x');
    expect('match' in hit && (hit.match.params.p11 as string).split('/')).to.have.length(SEGMENTS - 11);
    expect(map.lastMatchSteps).to.be.below(bound(SEGMENTS + 1, K));
  });

  it('path converters with static segments and static text between them', () => {
    const map = new UrlMap();
    const K = 8;
    map.add('/' + Array.from({ length: K }, (_, i) => `<path:p${i}>/x`).join('/') + '/end', { endpoint: 'sep' });
    map.add('/' + Array.from({ length: K }, (_, i) => `a<path:q${i}>b`).join('/') + '/end', { endpoint: 'ab' });
    map.add('/' + Array.from({ length: K }, (_, i) => `<path:r${i}>-<int:n${i}>`).join('/') + '/end', { endpoint: 'int' });
    for (const url of [xs(SEGMENTS), xs(SEGMENTS, 'ab'), xs(SEGMENTS, 'a-1b')]) {
      expect(clear(map, url)).to.deep.equal({ status: 404 });
      expect(map.lastMatchSteps, url.slice(0, 20)).to.be.below(bound(SEGMENTS, pathElementsOf(map)));
    }
  });

  it('many overlapping converters at each level', () => {
    const kinds = ['string', 'int', 'float', 'any(x, y, 1)', 'string(maxlength=5)', 'path', 'anything'];
    const map = new UrlMap();
    map.addConverter('anything', { toValue: (t) => t, toUrl: String, weight: 90 });
    let n = 0;
    const { warnings } = captureWarnings(() => {
      for (let depth = 1; depth <= 8; depth++) {
        for (const kind of kinds) {
          for (const last of kinds) {
            const segs = Array.from({ length: depth }, (_, i) => `<${kind}:v${i}>`);
            map.add('/' + [...segs, `<${last}:t>`, 'never'].join('/'), { endpoint: `r${n++}` });
          }
        }
      }
    });
    expect(warnings).to.deep.equal([]);
    for (const seg of ['x', '1', '1.5']) {
      expect(clear(map, xs(SEGMENTS, seg))).to.deep.equal({ status: 404 });
      expect(map.lastMatchSteps, seg).to.be.below(bound(SEGMENTS, pathElementsOf(map)));
    }
  });

  it('many rules', () => {
    const map = new UrlMap();
    for (let i = 0; i < 2000; i++) {
      map.add(`/${i % 7 === 0 ? '<a>' : 'x'}/${i % 3 === 0 ? '<path:p>' : '<b>'}/${i}`, { endpoint: `e${i}` });
    }
    expect(clear(map, xs(SEGMENTS))).to.deep.equal({ status: 404 });
    expect(map.lastMatchSteps).to.be.below(bound(SEGMENTS, pathElementsOf(map)));
  });

  it('without path converters the steps do not grow with the number of rules', () => {
    const steps = (rules: number) => {
      const map = new UrlMap();
      for (let i = 0; i < rules; i++) map.add(`/a${i}/<x>/<int:y>/${i % 5 === 0 ? '<z>' : 'end'}`, { endpoint: `e${i}` });
      clear(map, '/a3/b/5/end');
      const hit = map.lastMatchSteps;
      clear(map, xs(SEGMENTS));
      return { hit, miss: map.lastMatchSteps };
    };
    const few = steps(50), many = steps(5000);
    expect(many.hit).to.be.at.most(few.hit * 2);
    expect(many.miss).to.be.at.most(few.miss * 2 + 2);
    expect(many.miss).to.be.below(bound(SEGMENTS, 0));
  });
});

/**
 * Runs one match in a worker and resolves with what it gave, or rejects when the match takes
 * longer than `limitMs`: the split inside one segment is not counted in steps, and a hang there
 * would freeze the runner, which a worker can be stopped from. Loading the worker is not timed.
 */
async function matchInWorker(rules: string[], path: string, limitMs: number): Promise<string> {
  const mapUrl = new URL('../../src/routing/map.ts', import.meta.url).href;
  const source = `
    import { UrlMap } from ${JSON.stringify(mapUrl)};
    self.onmessage = ({ data }) => {
      const map = new UrlMap();
      data.rules.forEach((rule, i) => map.add(rule, { endpoint: 'r' + i }));
      let out;
      try { out = map.match(data.path).endpoint; } catch (e) { out = e.constructor.name; }
      self.postMessage(out);
    };
    self.postMessage('ready');`;
  const url = URL.createObjectURL(new Blob([source], { type: 'text/javascript' }));
  const worker = new Worker(url, { type: 'module' });
  const next = (ms: number, what: string) => new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what} did not finish in ${ms} ms`)), ms);
    worker.onmessage = (e: MessageEvent<string>) => { clearTimeout(timer); resolve(e.data); };
    worker.onerror = (e) => { clearTimeout(timer); reject(new Error(`worker failed: ${e.message}`)); };
  });
  try {
    expect(await next(30_000, 'loading the URL map in a worker')).to.equal('ready');
    const answer = next(limitMs, `matching a ${path.length}-character path against ${rules.join(', ')}`);
    worker.postMessage({ rules, path });
    return await answer;
  } finally {
    worker.terminate();
    URL.revokeObjectURL(url);
  }
}

describe('safety: 100,000-character paths', () => {
  it('one huge segment, huge path values and huge escapes give clear results within the step bound', () => {
    const map = new UrlMap();
    map.add('/<a>', { endpoint: 'a' });
    map.add('/<path:p>', { endpoint: 'p' });
    map.add('/<a>-<b>', { endpoint: 'ab' });
    map.add('/v<int:n>.html', { endpoint: 'v' });
    const long = 'a'.repeat(100_000);
    const one = clear(map, '/' + long);
    expect('match' in one && one.match.params).to.deep.equal({ a: long });
    const many = clear(map, '/' + 'a/'.repeat(50_000) + 'a');
    expect('match' in many && many.match.endpoint).to.equal('p');
    expect(map.lastMatchSteps).to.be.below(bound(50_001, 1));
    const escaped = clear(map, '/' + '%41'.repeat(33_333));
    expect('match' in escaped && escaped.match.params).to.deep.equal({ a: 'A'.repeat(33_333) });
    expect(clear(map, '/' + '%'.repeat(100_000))).to.deep.equal({ status: 400 });
    // 100,000 digits are no safe integer: int rejects them and the plain string rule takes the segment.
    const digits = clear(map, '/v' + '1'.repeat(100_000) + '.html');
    expect('match' in digits && digits.match.endpoint).to.equal('a');
    const dashes = clear(map, '/' + '-'.repeat(100_000) + 'x');
    expect('match' in dashes && dashes.match.endpoint).to.equal('ab');
  });

  it('several converters in one 100,000-character segment that fails at its end finish promptly', async function () {
    this.timeout(60_000);
    const hostile = '/' + '-'.repeat(100_000);
    // A linear split answers in milliseconds; the limit is 100 times that, and only catches
    // splits that grow with the square or cube of the segment's length (seconds to hours).
    const cases: Array<[string, string]> = [['/<a>-<b>.x', hostile], ['/<a>-<b>-<c>.x', hostile], ['/<a>-<int:b>-<c>.x', '/' + '-1'.repeat(50_000)]];
    const problems: string[] = [];
    for (const [rule, path] of cases) {
      try {
        const answer = await matchInWorker([rule], path, 2_000);
        if (answer !== 'NotFound') problems.push(`${rule} answered ${answer}`);
      } catch (e) {
        problems.push((e as Error).message);
      }
    }
    expect(problems).to.deep.equal([]);
  });
});

describe('safety: URLs users never meant', () => {
  const map = new UrlMap();
  map.addConverter('picky', {
    weight: 10,
    toValue(text) { if (text.length % 2) throw 'odd'; return text; },
    toUrl: String,
  });
  const rules: Array<[string, string, string[]?]> = [
    ['/', 'index'], ['/a/', 'slashed'], ['/a/b', 'ab'], ['/u/<name>', 'u'], ['/n/<int:n>', 'n'], ['/f/<float:f>', 'f'],
    ['/p/<path:p>', 'p'], ['/p/<path:p>/edit', 'pe'], ['/x/<uuid:id>', 'x'], ['/k/<picky:k>', 'k'], ['/k/<s>', 'ks'],
    ['/v<int:major>.<int:minor>', 'ver'], ['/<any(about, help):page>', 'page'], ['/m', 'mget', ['GET']],
    ['/m', 'mpost', ['POST']], ['/d/<a>-<b>.<c>', 'dash'],
  ];
  for (const [rule, endpoint, methods] of rules) map.add(rule, methods ? { endpoint, methods } : { endpoint });

  const odd = [
    '', '/', '//', '///', '/a//b', '/a//', '//a', '/.', '/..', '/../..', '/a/../b', '/./a', '/p/../..', '/p/a/./b',
    '/%00', '/u/%00', '/u/\u0000', '/%2e%2e', '/u/%2e%2e', '/u/..', '/日本', '/u/日本', '/u/%E6%97%A5%E6%9C%AC', '/u/\ud800',
    '/u/%ED%A0%80', '/%', '/u/%', '/u/%%', '/u/%zz', '/u/%C3', '/u/%FF%FE', '/?', '/#', '?x', '#x', '/u/a?%zz', '/u/a#%zz',
    '/n/-0', '/n/00', '/n/1e3', '/n/0x1f', '/n/ 1', '/n/1%20', '/n/１', '/f/NaN', '/f/Infinity', '/f/1e400', '/f/1.', '/x/00000000-0000-0000-0000-00000000000g',
    '/k/abc', '/k/ab', '/m', '/v1.', '/v.1', '/v1.2.', '/d/---.-', '/d/a-b.c', '/about/', '/help', '/p/', '/p//', '/p/a//edit',
    '/\\', '/u/\\..\\', '/%5C', '/u/%2F', '/u/%2F%2F', '/p/%2F', '/p/a%2F..%2Fb', '/u/a\nb', '/u/a\tb', '/u/<script>',
    '/constructor', '/__proto__', '/u/__proto__', '/u/constructor', '/prototype', '/toString',
  ];

  it('each gives a match, a redirect, 400, 404 or 405, and a redirect settles within three hops', () => {
    for (const path of odd) {
      let result = clear(map, path);
      for (let hop = 0; 'redirect' in result; hop++) {
        expect(hop, `${JSON.stringify(path)} keeps redirecting`).to.be.below(3);
        expect(result.redirect.startsWith('//'), `${JSON.stringify(path)} redirects off-site to ${result.redirect}`).to.equal(false);
        result = clear(map, result.redirect);
      }
      for (const method of ['POST', 'HEAD', 'DELETE', 'constructor', '__proto__']) clear(map, path, method);
    }
    objectPrototypeUntouched();
  });

  it('random hostile URLs (seeded) give only clear results', () => {
    const alphabet = ['a', 'b', '1', '-', '.', '/', '/', '%', '%2F', '%25', '%C3', '%A9', '%zz', '?', '#', '\u0000', '\ud800', 'é',
      '😀', '\\', ' ', '+', 'u', 'p', 'n', 'k', 'edit', '__proto__', 'constructor'];
    let s = 12345;
    const next = () => { s = (Math.imul(s, 1103515245) + 12345) >>> 0; return s / 4294967296; };
    for (let i = 0; i < 3000; i++) {
      const length = Math.floor(next() * 20);
      const path = '/' + Array.from({ length }, () => alphabet[Math.floor(next() * alphabet.length)]).join('');
      const result = clear(map, path);
      if ('match' in result) {
        expect(Object.keys(result.match.params).sort(), path).to.deep.equal([...result.match.rule.arguments].sort());
      }
    }
    objectPrototypeUntouched();
  });

  it('.., empty segments, unicode and %00 are plain text to the rules', () => {
    expect(map.match('/u/%00').params).to.deep.equal({ name: '\u0000' });
    expect(map.match('/u/..').params).to.deep.equal({ name: '..' });
    expect(map.match('/u/%E6%97%A5%E6%9C%AC').params).to.deep.equal({ name: '日本' });
    expect(map.match('/p/a/../b').params).to.deep.equal({ p: 'a/../b' });
    expect(map.match('/p/a//edit').params).to.deep.equal({ p: 'a/' });
    expect(clear(map, '/p/')).to.deep.equal({ status: 404 });
  });
});

describe('safety: prototype keys as names', () => {
  after(objectPrototypeUntouched);

  it('variables named constructor, __proto__, toString, hasOwnProperty are own keys of params', () => {
    const map = new UrlMap();
    map.add('/c/<constructor>', { endpoint: 'c' });
    map.add('/p/<__proto__>', { endpoint: 'p' });
    map.add('/t/<toString>/<hasOwnProperty>', { endpoint: 't' });
    map.add('/v/<valueOf>-<int:__defineGetter__>', { endpoint: 'v' });

    const c = map.match('/c/y').params;
    expect(Object.keys(c)).to.deep.equal(['constructor']);
    expect(c.constructor).to.equal('y');

    const p = map.match('/p/polluted').params;
    expect(Object.keys(p)).to.deep.equal(['__proto__']);
    expect(Object.getOwnPropertyDescriptor(p, '__proto__')?.value).to.equal('polluted');
    expect(Object.getPrototypeOf(p)).to.equal(Object.prototype);

    const t = map.match('/t/a/b').params;
    expect(Object.keys(t).sort()).to.deep.equal(['hasOwnProperty', 'toString']);
    expect(Object.prototype.hasOwnProperty.call(t, 'toString')).to.equal(true);
    expect(t.toString).to.equal('a');
    expect(t.hasOwnProperty).to.equal('b');

    expect(map.match('/v/a-1').params).to.deep.equal({ valueOf: 'a', __defineGetter__: 1 });
    expect(map.match('/p/__proto__').params.__proto__).to.equal('__proto__');
    objectPrototypeUntouched();
  });

  it('such variables build from own values, and a missing one is a BuildError naming it', () => {
    const map = new UrlMap();
    map.add('/c/<constructor>', { endpoint: 'c' });
    map.add('/p/<__proto__>', { endpoint: 'p' });
    map.add('/t/<toString>', { endpoint: 't' });
    map.add('/h/<int:hasOwnProperty>', { endpoint: 'h' });
    expect(map.build('c', { constructor: 'x' })).to.equal('/c/x');
    expect(map.build('p', JSON.parse('{"__proto__": "y"}') as Record<string, unknown>)).to.equal('/p/y');
    // An inherited Object.prototype member is not a value the caller gave.
    for (const [endpoint, name] of [['c', 'constructor'], ['p', '__proto__'], ['t', 'toString'], ['h', 'hasOwnProperty']] as const) {
      let caught: unknown = null;
      let built: string | null = null;
      try { built = map.build(endpoint, {}); } catch (e) { caught = e; }
      expect(built, `build('${endpoint}', {})`).to.equal(null);
      expect(caught).to.be.instanceOf(BuildError);
      expect((caught as BuildError).message).to.contain(`needs '${name}'`);
    }
    expect(map.isEndpointExpecting('c', 'constructor')).to.equal(true);
    expect(map.isEndpointExpecting('c', 'toString')).to.equal(false);
  });

  it('prototype keys among extra values go to the query and nowhere else', () => {
    const map = new UrlMap();
    map.add('/q', { endpoint: 'q' });
    const values = JSON.parse('{"__proto__": "y", "constructor": "z", "toString": "t"}') as Record<string, unknown>;
    expect(map.build('q', values)).to.equal('/q?__proto__=y&constructor=z&toString=t');
    objectPrototypeUntouched();
  });

  it('a default named __proto__ is an own key of params, not their prototype', () => {
    const map = new UrlMap();
    map.add('/d', { endpoint: 'd', defaults: JSON.parse('{"__proto__": {"polluted": 1}, "ok": 1}') as Record<string, unknown> });
    const params = map.match('/d').params;
    expect(Object.getPrototypeOf(params)).to.equal(Object.prototype);
    expect(Object.keys(params).sort()).to.deep.equal(['__proto__', 'ok']);
    expect((params as Record<string, unknown>).polluted).to.equal(undefined);
    objectPrototypeUntouched();
  });

  it('endpoints named after prototype keys are unknown until registered, then ordinary', () => {
    const map = new UrlMap();
    map.add('/a', { endpoint: 'a' });
    for (const endpoint of ['constructor', '__proto__', 'toString', 'hasOwnProperty']) {
      expect(map.hasEndpoint(endpoint)).to.equal(false);
      expect(() => map.build(endpoint)).to.throw(BuildError, `'${endpoint}'`);
      expect(() => map.isEndpointExpecting(endpoint, 'x')).to.throw(BuildError);
    }
    map.add('/ctor', { endpoint: 'constructor' });
    map.add('/proto', { endpoint: '__proto__' });
    expect(map.build('constructor')).to.equal('/ctor');
    expect(map.build('__proto__')).to.equal('/proto');
    expect(map.match('/proto').endpoint).to.equal('__proto__');
  });

  it('methods named after prototype keys are ordinary method names', () => {
    const map = new UrlMap();
    map.add('/m', { endpoint: 'm', methods: ['GET'] });
    expect(clear(map, '/m', 'constructor')).to.deep.equal({ status: 405 });
    expect(clear(map, '/m', '__proto__')).to.deep.equal({ status: 405 });
    expect(clear(map, '/m', 'toString')).to.deep.equal({ status: 405 });
  });
});
