import '../guard.js';
// Matching a path against the URL map, as SPEC §3 describes it: converters, precedence that
// does not depend on registration order, slashes, defaults, decoding, methods, duplicates.
// Where SPEC §3 is silent the expected answers are Werkzeug 3.1's (checked with python3).
import { expect } from '@esm-bundle/chai';
import { UrlMap, type UrlMapOptions } from '../../src/routing/map.js';
import { captureWarnings, makeMap, type Spec } from './helpers.js';
import type { ConverterSpec } from '../../src/routing/converters.js';
import { BadRequest, HTTPException, MethodNotAllowed, NotFound, RequestRedirect } from '../../src/errors.js';


/** What a user notices of one match: the endpoint and params, or the HTTP error and its data. */
function outcome(map: UrlMap, path: string, method = 'GET'): unknown {
  try {
    const { endpoint, params } = map.match(path, method);
    return { endpoint, params: { ...params } };
  } catch (e) {
    if (e instanceof RequestRedirect) return { redirect: e.newUrl, code: e.code };
    if (e instanceof MethodNotAllowed) return { error: 405, validMethods: [...e.validMethods].sort() };
    if (e instanceof HTTPException) return { error: e.code };
    throw e;
  }
}

function* permutations<T>(items: readonly T[]): Generator<T[]> {
  if (items.length <= 1) {
    yield [...items];
    return;
  }
  for (let i = 0; i < items.length; i++) {
    const rest = [...items.slice(0, i), ...items.slice(i + 1)];
    for (const p of permutations(rest)) yield [items[i]!, ...p];
  }
}

/**
 * Registers `specs` in every order and asserts each order gives `expected` for `path`.
 * Precedence between rules that differ must not depend on which was added first.
 */
function expectInEveryOrder(specs: readonly Spec[], path: string, expected: unknown, options: UrlMapOptions = {},
  prepare: (map: UrlMap) => void = () => {}, method = 'GET'): void {
  let orders = 0;
  for (const order of permutations(specs)) {
    const got = outcome(makeMap(order, options, prepare), path, method);
    expect(got, `${method} ${path} with rules registered as ${order.map((s) => s[0]).join(', ')}`).to.deep.equal(expected);
    orders++;
  }
  expect(orders).to.be.greaterThan(specs.length > 1 ? 1 : 0);
}


const hexConverter = (weight?: number): ConverterSpec => ({
  ...(weight === undefined ? {} : { weight }),
  toValue(text) {
    if (!/^[0-9a-f]+$/.test(text)) throw new Error(`not hex: ${text}`);
    return parseInt(text, 16);
  },
  toUrl(value) { return (value as number).toString(16); },
});

describe('matching: converters', () => {
  it('int gives a number; rejects signs, letters and the empty text unless signed', () => {
    const map = makeMap([['/n/<int:n>', 'n'], ['/s/<int(signed=True):n>', 's']]);
    expect(outcome(map, '/n/42')).to.deep.equal({ endpoint: 'n', params: { n: 42 } });
    expect(outcome(map, '/n/007')).to.deep.equal({ endpoint: 'n', params: { n: 7 } });
    expect(outcome(map, '/n/4x')).to.deep.equal({ error: 404 });
    expect(outcome(map, '/n/-1')).to.deep.equal({ error: 404 });
    expect(outcome(map, '/n/1.0')).to.deep.equal({ error: 404 });
    expect(outcome(map, '/s/-5')).to.deep.equal({ endpoint: 's', params: { n: -5 } });
  });

  it('int arguments: min, max and fixed_digits together', () => {
    const map = makeMap([['/n/<int(min=1, fixed_digits=4):n>', 'n'], ['/m/<int(max=10):n>', 'm']]);
    expect(outcome(map, '/n/0001')).to.deep.equal({ endpoint: 'n', params: { n: 1 } });
    expect(outcome(map, '/n/0420')).to.deep.equal({ endpoint: 'n', params: { n: 420 } });
    expect(outcome(map, '/n/1')).to.deep.equal({ error: 404 });
    expect(outcome(map, '/n/12345')).to.deep.equal({ error: 404 });
    expect(outcome(map, '/n/0000')).to.deep.equal({ error: 404 });
    expect(outcome(map, '/m/10')).to.deep.equal({ endpoint: 'm', params: { n: 10 } });
    expect(outcome(map, '/m/11')).to.deep.equal({ error: 404 });
  });

  it('float needs digits on both sides of the point; min, max and signed apply', () => {
    const map = makeMap([['/f/<float:f>', 'f'], ['/r/<float(min=1, max=2):f>', 'r'], ['/s/<float(signed=True):f>', 's']]);
    expect(outcome(map, '/f/1.5')).to.deep.equal({ endpoint: 'f', params: { f: 1.5 } });
    expect(outcome(map, '/f/1')).to.deep.equal({ error: 404 });
    expect(outcome(map, '/f/.5')).to.deep.equal({ error: 404 });
    expect(outcome(map, '/f/1e5')).to.deep.equal({ error: 404 });
    expect(outcome(map, '/r/1.5')).to.deep.equal({ endpoint: 'r', params: { f: 1.5 } });
    expect(outcome(map, '/r/2.5')).to.deep.equal({ error: 404 });
    expect(outcome(map, '/s/-0.25')).to.deep.equal({ endpoint: 's', params: { f: -0.25 } });
  });

  it('string lengths count code points, as Python does', () => {
    const map = makeMap([['/l/<string(length=3):s>', 'l'], ['/m/<string(minlength=2, maxlength=3):s>', 'm']]);
    expect(outcome(map, '/l/abc')).to.deep.equal({ endpoint: 'l', params: { s: 'abc' } });
    expect(outcome(map, `/l/${encodeURIComponent('😀ab')}`)).to.deep.equal({ endpoint: 'l', params: { s: '😀ab' } });
    expect(outcome(map, '/l/ab')).to.deep.equal({ error: 404 });
    expect(outcome(map, '/m/a')).to.deep.equal({ error: 404 });
    expect(outcome(map, '/m/abcd')).to.deep.equal({ error: 404 });
    expect(outcome(map, '/m/abc')).to.deep.equal({ endpoint: 'm', params: { s: 'abc' } });
  });

  it('any matches only its items, quoted ones included', () => {
    const map = makeMap([['/any/<any(a, "b,c"):x>', 'any']]);
    expect(outcome(map, '/any/a')).to.deep.equal({ endpoint: 'any', params: { x: 'a' } });
    expect(outcome(map, '/any/b,c')).to.deep.equal({ endpoint: 'any', params: { x: 'b,c' } });
    expect(outcome(map, '/any/c')).to.deep.equal({ error: 404 });
    expect(outcome(map, '/any/ab')).to.deep.equal({ error: 404 });
  });

  it('uuid is given lower-cased', () => {
    const map = makeMap([['/x/<uuid:u>', 'x']]);
    expect(outcome(map, '/x/0F9E8D7C-1234-5678-9ABC-DEF012345678'))
      .to.deep.equal({ endpoint: 'x', params: { u: '0f9e8d7c-1234-5678-9abc-def012345678' } });
    expect(outcome(map, '/x/0f9e8d7c-1234-5678-9abc-def01234567')).to.deep.equal({ error: 404 });
  });
});

describe('matching: several converters and static text in one segment', () => {
  it('/v<int:major>.<int:minor> splits a version', () => {
    const map = makeMap([['/v<int:major>.<int:minor>', 'ver']]);
    expect(outcome(map, '/v1.2')).to.deep.equal({ endpoint: 'ver', params: { major: 1, minor: 2 } });
    expect(outcome(map, '/v10.20')).to.deep.equal({ endpoint: 'ver', params: { major: 10, minor: 20 } });
    expect(outcome(map, '/v1.2.3')).to.deep.equal({ error: 404 });
    expect(outcome(map, '/v1.')).to.deep.equal({ error: 404 });
  });

  it('/post-<int:id>.html takes the converter between a static prefix and suffix', () => {
    const map = makeMap([['/post-<int:id>.html', 'post']]);
    expect(outcome(map, '/post-5.html')).to.deep.equal({ endpoint: 'post', params: { id: 5 } });
    expect(outcome(map, '/post-.html')).to.deep.equal({ error: 404 });
    expect(outcome(map, '/post-5.htm')).to.deep.equal({ error: 404 });
  });

  it("the split is Werkzeug's: a converter followed by static text takes the longest value", () => {
    const map = makeMap([['/<a>-<b>', 'ab'], ['/d/<name>.json', 'json']]);
    expect(outcome(map, '/x-y-z')).to.deep.equal({ endpoint: 'ab', params: { a: 'x-y', b: 'z' } });
    expect(outcome(map, '/d/a.json.json')).to.deep.equal({ endpoint: 'json', params: { name: 'a.json' } });
  });
});

describe('matching: path', () => {
  it('spans segments, and may be followed by static parts', () => {
    const map = makeMap([['/files/<path:p>/edit', 'edit'], ['/files/<path:p>', 'file']]);
    expect(outcome(map, '/files/a/b/edit')).to.deep.equal({ endpoint: 'edit', params: { p: 'a/b' } });
    expect(outcome(map, '/files/a/b/c')).to.deep.equal({ endpoint: 'file', params: { p: 'a/b/c' } });
    expect(outcome(map, '/files/edit')).to.deep.equal({ endpoint: 'file', params: { p: 'edit' } });
    expect(outcome(map, '/files/a/edit/edit')).to.deep.equal({ endpoint: 'edit', params: { p: 'a/edit' } });
  });

  it('takes the shortest value that lets the rest of its rule match', () => {
    const map = makeMap([['/<path:a>/<path:b>', 'ab'], ['/x/<path:p>/<int:n>/end', 'n']]);
    expect(outcome(map, '/x/y/z')).to.deep.equal({ endpoint: 'ab', params: { a: 'x', b: 'y/z' } });
    expect(outcome(map, '/x/a/1/b/2/end')).to.deep.equal({ endpoint: 'n', params: { p: 'a/1/b', n: 2 } });
  });

  it('with static text around it inside its first and last segments', () => {
    const map = makeMap([['/src/v<path:p>.md', 'md']]);
    expect(outcome(map, '/src/va/b/c.md')).to.deep.equal({ endpoint: 'md', params: { p: 'a/b/c' } });
    expect(outcome(map, '/src/vreadme.md')).to.deep.equal({ endpoint: 'md', params: { p: 'readme' } });
    expect(outcome(map, '/src/a/b.md')).to.deep.equal({ error: 404 });
  });

  it('at the end of a rule absorbs a trailing slash', () => {
    const map = makeMap([['/q/<path:p>', 'q']]);
    expect(outcome(map, '/q/a/')).to.deep.equal({ endpoint: 'q', params: { p: 'a/' } });
    expect(outcome(map, '/q/a/b/')).to.deep.equal({ endpoint: 'q', params: { p: 'a/b/' } });
  });

  it("may end with '/' when static text follows it in the rule's last segment, with a trailing slash or not", () => {
    const map = makeMap([['/q/<path:p>-x/', 'q'], ['/h/<path:p>.html/', 'h'], ['/n/<path:p>-x', 'n']]);
    expect(outcome(map, '/q/a/b-x/')).to.deep.equal({ endpoint: 'q', params: { p: 'a/b' } });
    expect(outcome(map, '/q/a/-x/')).to.deep.equal({ endpoint: 'q', params: { p: 'a/' } });
    expect(outcome(map, '/h/a/.html/')).to.deep.equal({ endpoint: 'h', params: { p: 'a/' } });
    expect(outcome(map, '/n/a/-x')).to.deep.equal({ endpoint: 'n', params: { p: 'a/' } });
  });

  it("just before the rule's trailing slash it never ends with '/': the doubled slash merges (Werkzeug)", () => {
    expect(outcome(makeMap([['/q/<path:p>/', 'q']]), '/q/a//')).to.deep.equal({ redirect: '/q/a/', code: 308 });
    expect(outcome(makeMap([['/q/<path:p>/', 'q']], { mergeSlashes: false }), '/q/a//')).to.deep.equal({ error: 404 });
  });

  it('never starts with a slash of the URL', () => {
    const map = makeMap([['/q/<path:p>', 'q']], { mergeSlashes: false });
    expect(outcome(map, '/q//a')).to.deep.equal({ error: 404 });
  });
});

describe('matching: custom converters (addConverter)', () => {
  it("a custom converter's weight ranks it against the built-ins, whatever the order", () => {
    const rules: Spec[] = [['/<int:i>', 'int'], ['/<hex:h>', 'hex'], ['/<s>', 'str']];
    expectInEveryOrder(rules, '/10', { endpoint: 'hex', params: { h: 16 } }, {}, (m) => m.addConverter('hex', hexConverter(40)));
    expectInEveryOrder(rules, '/10', { endpoint: 'int', params: { i: 10 } }, {}, (m) => m.addConverter('hex', hexConverter(60)));
    expectInEveryOrder(rules, '/ff', { endpoint: 'hex', params: { h: 255 } }, {}, (m) => m.addConverter('hex', hexConverter(60)));
  });

  it('the default weight is 100: after int, float and uuid', () => {
    const rules: Spec[] = [['/<int:i>', 'int'], ['/<hex:h>', 'hex']];
    expectInEveryOrder(rules, '/10', { endpoint: 'int', params: { i: 10 } }, {}, (m) => m.addConverter('hex', hexConverter()));
  });

  it('a toValue that throws rejects the text and matching falls back to the next candidate', () => {
    const rules: Spec[] = [['/<hex:h>', 'hex'], ['/<s>', 'str']];
    expectInEveryOrder(rules, '/zz', { endpoint: 'str', params: { s: 'zz' } }, {}, (m) => m.addConverter('hex', hexConverter(40)));
  });

  it('whatever toValue throws (not only Errors) is a rejection', () => {
    for (const thrownValue of ['no', undefined, null, 0]) {
      const map = makeMap([['/<odd:o>', 'odd'], ['/<s>', 'str']], {}, (m) => m.addConverter('odd', {
        weight: 10,
        toValue(text) { if (text !== 'ok') throw thrownValue; return text; },
        toUrl: String,
      }));
      expect(outcome(map, '/x')).to.deep.equal({ endpoint: 'str', params: { s: 'x' } });
      expect(outcome(map, '/ok')).to.deep.equal({ endpoint: 'odd', params: { o: 'ok' } });
    }
  });

  it('toValue gets the decoded text of its own part of one segment, and its result is the param', () => {
    const seen: string[] = [];
    const map = makeMap([['/t/<list:l>', 't'], ['/c-<list:l>.json', 'c']], {}, (m) => m.addConverter('list', {
      toValue(text) { seen.push(text); return text.split(','); },
      toUrl: (v) => (v as string[]).join(','),
    }));
    expect(outcome(map, '/t/a%20b,c%2Fd')).to.deep.equal({ endpoint: 't', params: { l: ['a b', 'c/d'] } });
    expect(outcome(map, '/c-x,y.json')).to.deep.equal({ endpoint: 'c', params: { l: ['x', 'y'] } });
    expect(seen).to.deep.equal(['a b,c/d', 'x,y']);
  });
});

describe("matching: precedence, whatever the registration order (SPEC §3's order)", () => {
  it('a static segment comes before one with converters', () => {
    const rules: Spec[] = [['/users/new', 'new'], ['/users/<name>', 'name'], ['/users/<int:id>', 'id']];
    expectInEveryOrder(rules, '/users/new', { endpoint: 'new', params: {} });
    expectInEveryOrder(rules, '/users/5', { endpoint: 'id', params: { id: 5 } });
    expectInEveryOrder(rules, '/users/bob', { endpoint: 'name', params: { name: 'bob' } });
  });

  it('segments are compared from the left: a static first segment wins over a static later one', () => {
    expectInEveryOrder([['/a/<x>', 'ax'], ['/<y>/b', 'yb']], '/a/b', { endpoint: 'ax', params: { x: 'b' } });
    expectInEveryOrder([['/x/<path:p>', 'xp'], ['/<a>/<b>/c', 'abc']], '/x/y/c', { endpoint: 'xp', params: { p: 'y/c' } });
  });

  it('within a segment, more static pieces first (so /<a>.<b> comes before /<float:f>)', () => {
    expectInEveryOrder([['/<a>.<b>', 'ab'], ['/<float:f>', 'f']], '/1.5', { endpoint: 'ab', params: { a: '1', b: '5' } });
    const versions: Spec[] = [['/v<int:major>.<int:minor>', 'mm'], ['/v<version>', 'v'], ['/<slug>', 'slug']];
    expectInEveryOrder(versions, '/v1.2', { endpoint: 'mm', params: { major: 1, minor: 2 } });
    expectInEveryOrder(versions, '/vx', { endpoint: 'v', params: { version: 'x' } });
    expectInEveryOrder(versions, '/x', { endpoint: 'slug', params: { slug: 'x' } });
  });

  it('then the static pieces compared one by one, longer first', () => {
    expectInEveryOrder([['/p<x>', 'p'], ['/post-<x>', 'post']], '/post-1', { endpoint: 'post', params: { x: '1' } });
  });

  it('then more converters first', () => {
    expectInEveryOrder([['/<c>.', 'one'], ['/<a>.<b>', 'two']], '/x.y.', { endpoint: 'two', params: { a: 'x', b: 'y.' } });
  });

  it('then lower converter weights: int and float (50), uuid (60), string (100), path (200)', () => {
    const rules: Spec[] = [['/<s>', 's'], ['/<int:i>', 'i'], ['/<float:f>', 'f'], ['/<path:p>', 'p']];
    expectInEveryOrder(rules, '/5', { endpoint: 'i', params: { i: 5 } });
    expectInEveryOrder(rules, '/5.5', { endpoint: 'f', params: { f: 5.5 } });
    expectInEveryOrder(rules, '/abc', { endpoint: 's', params: { s: 'abc' } });
    expectInEveryOrder(rules, '/a/b', { endpoint: 'p', params: { p: 'a/b' } });
    expectInEveryOrder([['/<a>-<b>', 'ss'], ['/<a>-<int:b>', 'si']], '/x-5', { endpoint: 'si', params: { a: 'x', b: 5 } });
    expectInEveryOrder([['/<a>-<b>', 'ss'], ['/<a>-<int:b>', 'si']], '/x-y', { endpoint: 'ss', params: { a: 'x', b: 'y' } });
  });

  it('a static segment comes before a path converter at the same place', () => {
    const rules: Spec[] = [['/f/<path:p>', 'path'], ['/f/new', 'new']];
    expectInEveryOrder(rules, '/f/new', { endpoint: 'new', params: {} });
    expectInEveryOrder(rules, '/f/a/b', { endpoint: 'path', params: { p: 'a/b' } });
  });

  it('a candidate that fails further on gives way to the next one', () => {
    expectInEveryOrder([['/<int:i>/y', 'iy'], ['/<a>/x', 'sx']], '/5/x', { endpoint: 'sx', params: { a: '5' } });
    const users: Spec[] = [['/users/new', 'new'], ['/users/<int:id>/edit', 'id'], ['/users/<name>/edit', 'name']];
    expectInEveryOrder(users, '/users/new/edit', { endpoint: 'name', params: { name: 'new' } });
    expectInEveryOrder(users, '/users/7/edit', { endpoint: 'id', params: { id: 7 } });
    expectInEveryOrder([['/f/<path:p>/edit', 'edit'], ['/f/<path:p>', 'file']], '/f/a/b', { endpoint: 'file', params: { p: 'a/b' } });
  });

  it('a converter that rejects (min, max, length, fixed_digits) gives way to the next candidate', () => {
    expectInEveryOrder([['/<int(max=10):n>', 'n'], ['/<s>', 's']], '/50', { endpoint: 's', params: { s: '50' } });
    expectInEveryOrder([['/<int(min=100):n>', 'n'], ['/<s>', 's']], '/50', { endpoint: 's', params: { s: '50' } });
    expectInEveryOrder([['/<int(fixed_digits=3):n>', 'n'], ['/<int:m>', 'm']], '/50', { endpoint: 'm', params: { m: 50 } });
    expectInEveryOrder([['/<string(length=2):a>/x', 'a'], ['/<b>/x', 'b']], '/abc/x', { endpoint: 'b', params: { b: 'abc' } });
  });

  it('a strict-slash redirect counts as a match of its rule when that rule ranks first', () => {
    expectInEveryOrder([['/static/', 'st'], ['/<name>', 'name']], '/static', { redirect: '/static/', code: 308 });
    expectInEveryOrder([['/<name>/', 'name'], ['/static', 'st']], '/static', { endpoint: 'st', params: {} });
  });

  it('equal rules: the first registered wins', () => {
    const { warnings } = captureWarnings(() => {
      expect(outcome(makeMap([['/<a>', 'first'], ['/<b>', 'second']]), '/z')).to.deep.equal({ endpoint: 'first', params: { a: 'z' } });
      expect(outcome(makeMap([['/<b>', 'second'], ['/<a>', 'first']]), '/z')).to.deep.equal({ endpoint: 'second', params: { b: 'z' } });
    });
    expect(warnings).to.have.length(2);
  });
});

describe('matching: static segments, in every registration order', () => {
  it('a short static segment beside longer ones that share a beginning', () => {
    const specs: Spec[] = [['/abcdef1', 'one'], ['/abcdef2', 'two'], ['/abcdef3', 'three'], ['/xy/<v>', 'xy']];
    expectInEveryOrder(specs, '/xy/zzzzzz', { endpoint: 'xy', params: { v: 'zzzzzz' } });
    expectInEveryOrder(specs, '/abcdef2', { endpoint: 'two', params: {} });
    expectInEveryOrder(specs, '/abc/zzzzzz', { error: 404 });
  });

  it('two static segments read at once where the first offers nothing else, until it does', () => {
    const specs: Spec[] = [['/a/b', 'b'], ['/a/c', 'c'], ['/a', 'a'], ['/a/<v>', 'v']];
    expectInEveryOrder(specs, '/a/b', { endpoint: 'b', params: {} });
    expectInEveryOrder(specs, '/a/zz', { endpoint: 'v', params: { v: 'zz' } });
    expectInEveryOrder(specs, '/a', { endpoint: 'a', params: {} });
    expectInEveryOrder([['/a/b', 'b'], ['/a/c', 'c']], '/a', { error: 404 });
    expectInEveryOrder([['/a/b', 'b'], ['/a/c/', 'c']], '/a/c', { redirect: '/a/c/', code: 308 });
    expectInEveryOrder([['/a/b', 'b'], ['/a/c', 'c'], ['/a/', 'slash']], '/a', { redirect: '/a/', code: 308 });
    expectInEveryOrder([['/a/b', 'b'], ['/<v>', 'v']], '/a%2Fb', { endpoint: 'v', params: { v: 'a/b' } });
    expectInEveryOrder([['/a/b', 'b'], ['/a/c', 'c']], '/a%2Fb', { error: 404 });
    expectInEveryOrder([['/a/b', 'b'], ['/a/c', 'c']], '/a//b', { redirect: '/a/b', code: 308 });
    expectInEveryOrder([['/a/b', 'b'], ['/a/c', 'c']], '/a/b?x=1', { endpoint: 'b', params: {} });
  });
});

describe('matching: strict slashes', () => {
  it('a rule ending in / visited without it redirects (308) to the slashed URL', () => {
    const map = makeMap([['/foo/', 'foo'], ['/u/<name>/', 'u']]);
    expect(outcome(map, '/foo')).to.deep.equal({ redirect: '/foo/', code: 308 });
    expect(outcome(map, '/foo/')).to.deep.equal({ endpoint: 'foo', params: {} });
    expect(outcome(map, '/u/bob')).to.deep.equal({ redirect: '/u/bob/', code: 308 });
  });

  it('a rule without / visited with one is a 404', () => {
    const map = makeMap([['/bar', 'bar'], ['/u/<name>', 'u']]);
    expect(outcome(map, '/bar/')).to.deep.equal({ error: 404 });
    expect(outcome(map, '/u/bob/')).to.deep.equal({ error: 404 });
  });

  it('a path rule ending in / redirects to the slashed URL too', () => {
    const map = makeMap([['/p/<path:p>/', 'ps']]);
    expect(outcome(map, '/p/a/b')).to.deep.equal({ redirect: '/p/a/b/', code: 308 });
    expect(outcome(map, '/p/a/b/')).to.deep.equal({ endpoint: 'ps', params: { p: 'a/b' } });
  });

  it('per rule: strictSlashes false accepts both forms', () => {
    const map = makeMap([['/lax/', 'lax', { strictSlashes: false }], ['/lax2', 'lax2', { strictSlashes: false }]]);
    expect(outcome(map, '/lax')).to.deep.equal({ endpoint: 'lax', params: {} });
    expect(outcome(map, '/lax/')).to.deep.equal({ endpoint: 'lax', params: {} });
    expect(outcome(map, '/lax2')).to.deep.equal({ endpoint: 'lax2', params: {} });
    expect(outcome(map, '/lax2/')).to.deep.equal({ endpoint: 'lax2', params: {} });
  });

  it('map option: strictSlashes false for every rule, which a rule may turn back on', () => {
    const map = makeMap([['/foo/', 'foo'], ['/bar', 'bar'], ['/s/', 's', { strictSlashes: true }]], { strictSlashes: false });
    expect(outcome(map, '/foo')).to.deep.equal({ endpoint: 'foo', params: {} });
    expect(outcome(map, '/bar/')).to.deep.equal({ endpoint: 'bar', params: {} });
    expect(outcome(map, '/s')).to.deep.equal({ redirect: '/s/', code: 308 });
  });
});

describe('matching: merged slashes', () => {
  it('a URL that matches only with its runs of slashes merged redirects there', () => {
    const map = makeMap([['/a/b', 'ab'], ['/a/<c>/', 'ac']]);
    expect(outcome(map, '/a//b')).to.deep.equal({ redirect: '/a/b', code: 308 });
    expect(outcome(map, '/a///b')).to.deep.equal({ redirect: '/a/b', code: 308 });
    expect(outcome(map, '/a//c')).to.deep.equal({ redirect: '/a/c/', code: 308 });
    expect(outcome(map, '/a//c//')).to.deep.equal({ redirect: '/a/c/', code: 308 });
  });

  it('a URL that matches as it is is not redirected: a path value keeps an inner //', () => {
    const map = makeMap([['/f/<path:p>', 'f']]);
    expect(outcome(map, '/f/a//b')).to.deep.equal({ endpoint: 'f', params: { p: 'a//b' } });
    expect(outcome(map, '/f//a//b')).to.deep.equal({ redirect: '/f/a/b', code: 308 });
  });

  it('map option mergeSlashes false: the doubled URL is a 404', () => {
    const map = makeMap([['/a/b', 'ab']], { mergeSlashes: false });
    expect(outcome(map, '/a//b')).to.deep.equal({ error: 404 });
  });

  it('per rule mergeSlashes false: that rule is taken literally while others still redirect', () => {
    const map = makeMap([['/nm/x', 'nm', { mergeSlashes: false }], ['/a//b', 'lit', { mergeSlashes: false }], ['/m/x', 'm']]);
    expect(outcome(map, '/nm//x')).to.deep.equal({ error: 404 });
    expect(outcome(map, '/a//b')).to.deep.equal({ endpoint: 'lit', params: {} });
    expect(outcome(map, '/a/b')).to.deep.equal({ error: 404 });
    expect(outcome(map, '/m//x')).to.deep.equal({ redirect: '/m/x', code: 308 });
  });

  it("a rule's own doubled slashes are merged when it merges slashes", () => {
    const map = makeMap([['/c//d', 'cd']]);
    expect(outcome(map, '/c/d')).to.deep.equal({ endpoint: 'cd', params: {} });
    expect(outcome(map, '/c//d')).to.deep.equal({ redirect: '/c/d', code: 308 });
  });
});

describe('matching: defaults', () => {
  const pages: Spec[] = [['/page/', 'list', { defaults: { page: 1 } }], ['/page/<int:page>', 'list']];

  it('the short URL gives the default value', () => {
    expectInEveryOrder(pages, '/page/', { endpoint: 'list', params: { page: 1 } });
    expectInEveryOrder(pages, '/page/2', { endpoint: 'list', params: { page: 2 } });
  });

  it('the long URL with the default value redirects (308) to the short one', () => {
    expectInEveryOrder(pages, '/page/1', { redirect: '/page/', code: 308 });
    expectInEveryOrder(pages, '/page/0001', { redirect: '/page/', code: 308 });
  });

  it('defaults of a rule are part of its params', () => {
    const map = makeMap([['/all', 'all', { defaults: { lang: 'en', n: 3 } }], ['/u/<name>', 'u', { defaults: { tab: 'posts' } }]]);
    expect(outcome(map, '/all')).to.deep.equal({ endpoint: 'all', params: { lang: 'en', n: 3 } });
    expect(outcome(map, '/u/bob')).to.deep.equal({ endpoint: 'u', params: { name: 'bob', tab: 'posts' } });
  });
});

describe('matching: the query is kept in every redirect', () => {
  const query = '?q=a%20b&x=1&x=2&e=%E2%9C%93';
  const map = makeMap([['/foo/', 'foo'], ['/a/b', 'ab'], ['/page/', 'list', { defaults: { page: 1 } }], ['/page/<int:page>', 'list']]);
  const cases: Array<[string, string, string]> = [
    ['strict slashes', '/foo', '/foo/'],
    ['merged slashes', '/a//b', '/a/b'],
    ['defaults', '/page/1', '/page/'],
    ['a leading //', '//a/b', '/a/b'],
  ];
  for (const [why, path, to] of cases) {
    it(`${why}: ${path}${query} -> ${to}${query}`, () => {
      expect(outcome(map, path + query)).to.deep.equal({ redirect: to + query, code: 308 });
    });
  }

  it('the query takes no part in matching, malformed escapes included', () => {
    expect(outcome(map, '/a/b?x=%zz&y=%')).to.deep.equal({ endpoint: 'ab', params: {} });
    expect(outcome(map, '/a/b?/foo')).to.deep.equal({ endpoint: 'ab', params: {} });
  });
});

describe('matching: percent-decoding', () => {
  it('each segment is decoded once', () => {
    const map = makeMap([['/u/<name>', 'u']]);
    expect(outcome(map, '/u/J%C3%BCrgen')).to.deep.equal({ endpoint: 'u', params: { name: 'Jürgen' } });
    expect(outcome(map, '/u/Jürgen')).to.deep.equal({ endpoint: 'u', params: { name: 'Jürgen' } });
    expect(outcome(map, '/u/%2525')).to.deep.equal({ endpoint: 'u', params: { name: '%25' } });
    expect(outcome(map, '/u/a+b')).to.deep.equal({ endpoint: 'u', params: { name: 'a+b' } });
    expect(outcome(map, '/u/%2B')).to.deep.equal({ endpoint: 'u', params: { name: '+' } });
  });

  it('static segments match their decoded form', () => {
    const map = makeMap([['/café', 'cafe'], ['/a b', 'space']]);
    expect(outcome(map, '/caf%C3%A9')).to.deep.equal({ endpoint: 'cafe', params: {} });
    expect(outcome(map, '/café')).to.deep.equal({ endpoint: 'cafe', params: {} });
    expect(outcome(map, '/a%20b')).to.deep.equal({ endpoint: 'space', params: {} });
  });

  it('%2F does not separate segments', () => {
    const map = makeMap([['/t/<a>/<b>', 'ab']]);
    expect(outcome(map, '/t/a%2Fb')).to.deep.equal({ error: 404 });
    expect(outcome(map, '/t/a%2Fb/c')).to.deep.equal({ endpoint: 'ab', params: { a: 'a/b', b: 'c' } });
  });

  it('a malformed escape or one that is not UTF-8 is a BadRequest that names the segment', () => {
    const map = makeMap([['/u/<name>', 'u'], ['/<path:p>', 'p']]);
    for (const bad of ['%', '%zz', '%2', 'a%', '%FF', '%C3', '%C3%28', '%ED%A0%80', '%E2%82']) {
      let caught: unknown = null;
      try { map.match(`/u/${bad}`); } catch (e) { caught = e; }
      expect(caught, `/u/${bad}`).to.be.instanceOf(BadRequest);
      expect((caught as BadRequest).code).to.equal(400);
      expect((caught as BadRequest).message).to.contain(JSON.stringify(bad));
    }
  });
});

describe('matching: methods', () => {
  it('a method no rule of the URL answers is a 405 listing the valid methods', () => {
    const map = makeMap([['/a', 'a', { methods: ['GET'] }]]);
    let caught: unknown = null;
    try { map.match('/a', 'POST'); } catch (e) { caught = e; }
    expect(caught).to.be.instanceOf(MethodNotAllowed);
    expect((caught as MethodNotAllowed).code).to.equal(405);
    expect([...(caught as MethodNotAllowed).validMethods].sort()).to.deep.equal(['GET', 'HEAD']);
  });

  it('HEAD is implied by GET', () => {
    const map = makeMap([['/a', 'a', { methods: ['GET'] }], ['/p', 'p', { methods: ['POST'] }]]);
    expect(outcome(map, '/a', 'HEAD')).to.deep.equal({ endpoint: 'a', params: {} });
    expect(outcome(map, '/p', 'HEAD')).to.deep.equal({ error: 405, validMethods: ['POST'] });
  });

  it('a rule without methods answers any method; the method is case-insensitive', () => {
    const map = makeMap([['/any', 'any'], ['/login', 'lp', { methods: ['POST'] }]]);
    expect(outcome(map, '/any', 'DELETE')).to.deep.equal({ endpoint: 'any', params: {} });
    expect(outcome(map, '/login', 'post')).to.deep.equal({ endpoint: 'lp', params: {} });
  });

  it('GET and POST rules on one path: each method reaches its own rule, other methods get 405', () => {
    const rules: Spec[] = [['/login', 'login_form', { methods: ['GET'] }], ['/login', 'login_post', { methods: ['POST'] }]];
    const { warnings } = captureWarnings(() => {
      expectInEveryOrder(rules, '/login', { endpoint: 'login_form', params: {} });
      expectInEveryOrder(rules, '/login', { endpoint: 'login_post', params: {} }, {}, () => {}, 'POST');
      expectInEveryOrder(rules, '/login', { endpoint: 'login_form', params: {} }, {}, () => {}, 'HEAD');
      expectInEveryOrder(rules, '/login', { error: 405, validMethods: ['GET', 'HEAD', 'POST'] }, {}, () => {}, 'PUT');
    });
    expect(warnings).to.deep.equal([]);
  });

  it('a method mismatch on a better rule lets a worse rule that answers the method match', () => {
    const rules: Spec[] = [['/items/new', 'new', { methods: ['GET'] }], ['/items/<name>', 'item', { methods: ['POST'] }]];
    expectInEveryOrder(rules, '/items/new', { endpoint: 'item', params: { name: 'new' } }, {}, () => {}, 'POST');
  });
});

describe('registration: duplicates', () => {
  it('a true duplicate warns naming both rules and endpoints; the first keeps matching', () => {
    const { result: map, warnings } = captureWarnings(() => makeMap([['/x/<a>', 'first'], ['/x/<b>', 'second']]));
    expect(warnings).to.have.length(1);
    expect(warnings[0]).to.contain('"/x/<b>"').and.contain("'second'").and.contain('"/x/<a>"').and.contain("'first'");
    expect(outcome(map, '/x/1')).to.deep.equal({ endpoint: 'first', params: { a: '1' } });
  });

  it('overlapping method sets are duplicates; variable names do not count', () => {
    const { warnings } = captureWarnings(() => {
      makeMap([['/login', 'a', { methods: ['GET', 'POST'] }], ['/login', 'b', { methods: ['POST'] }]]);
      makeMap([['/a/<x>-<y>', 'a'], ['/a/<p>-<q>', 'b']]);
      makeMap([['/x/<path:a>', 'a'], ['/x/<path:b>', 'b']]);
    });
    expect(warnings).to.have.length(3);
  });

  it('rules that differ in converter arguments, trailing slash or methods are not duplicates', () => {
    const { warnings } = captureWarnings(() => {
      makeMap([['/<int:a>', 'a'], ['/<int(min=1):b>', 'b']]);
      makeMap([['/x', 'a'], ['/x/', 'b']]);
      makeMap([['/login', 'a', { methods: ['GET'] }], ['/login', 'b', { methods: ['POST'] }]]);
      makeMap([['/<a>', 'a'], ['/<int:a>', 'b']]);
    });
    expect(warnings).to.deep.equal([]);
  });
});

describe('deliberate differences from Werkzeug (matching)', () => {
  it('ASCII digits only: Arabic-Indic and full-width digits do not match int or float', () => {
    const map = makeMap([['/n/<int:n>', 'n'], ['/f/<float:f>', 'f'], ['/n/<s>', 's']]);
    expect(outcome(map, '/n/٣')).to.deep.equal({ endpoint: 's', params: { s: '٣' } });
    expect(outcome(map, '/n/１２')).to.deep.equal({ endpoint: 's', params: { s: '１２' } });
    expect(outcome(map, `/f/${encodeURIComponent('١.٥')}`)).to.deep.equal({ error: 404 });
    expect(outcome(map, '/n/12')).to.deep.equal({ endpoint: 'n', params: { n: 12 } });
  });

  it('no integer beyond Number.MAX_SAFE_INTEGER matches, so no view gets a rounded id', () => {
    const map = makeMap([['/n/<int:n>', 'n'], ['/s/<int(signed=True):n>', 's']]);
    expect(outcome(map, '/n/9007199254740991')).to.deep.equal({ endpoint: 'n', params: { n: Number.MAX_SAFE_INTEGER } });
    expect(outcome(map, '/n/9007199254740992')).to.deep.equal({ error: 404 });
    expect(outcome(map, '/n/9007199254740993')).to.deep.equal({ error: 404 });
    expect(outcome(map, '/n/99999999999999999999999')).to.deep.equal({ error: 404 });
    expect(outcome(map, '/s/-9007199254740991')).to.deep.equal({ endpoint: 's', params: { n: -Number.MAX_SAFE_INTEGER } });
    expect(outcome(map, '/s/-9007199254740992')).to.deep.equal({ error: 404 });
  });

  it('a leading // redirects to one slash (Werkzeug drops it silently)', () => {
    const map = makeMap([['/a', 'a']]);
    expect(outcome(map, '//a')).to.deep.equal({ redirect: '/a', code: 308 });
    expect(outcome(map, '///a?x=1')).to.deep.equal({ redirect: '/a?x=1', code: 308 });
    expect(outcome(map, '//')).to.deep.equal({ redirect: '/', code: 308 });
  });

  it('GET and POST rules on one path are not duplicates: no warning', () => {
    const { result: map, warnings } = captureWarnings(() =>
      makeMap([['/login', 'form', { methods: ['GET'] }], ['/login', 'submit', { methods: ['POST'] }]]));
    expect(warnings).to.deep.equal([]);
    expect(outcome(map, '/login', 'POST')).to.deep.equal({ endpoint: 'submit', params: {} });
  });

  it('a converter that rejects falls back to the next candidate (Werkzeug 2.2+ gives 404)', () => {
    expectInEveryOrder([['/<int(max=10):n>', 'n'], ['/<s>', 's']], '/50', { endpoint: 's', params: { s: '50' } });
    expectInEveryOrder([['/<hex:h>', 'hex'], ['/<s>', 's']], '/zz', { endpoint: 's', params: { s: 'zz' } }, {},
      (m) => m.addConverter('hex', hexConverter(40)));
  });

  it('uuid ranks before string (Werkzeug ties them, so registration order decides there)', () => {
    expectInEveryOrder([['/<s>', 's'], ['/<uuid:u>', 'u']], '/0F9E8D7C-1234-5678-9ABC-DEF012345678',
      { endpoint: 'u', params: { u: '0f9e8d7c-1234-5678-9abc-def012345678' } });
  });

  it('a string converter ranks before a path converter at the same place, even with static text after the path', () => {
    const rules: Spec[] = [['/<path:p>/edit', 'pe'], ['/<a>/<b>', 'ab']];
    expectInEveryOrder(rules, '/x/edit', { endpoint: 'ab', params: { a: 'x', b: 'edit' } });
    expectInEveryOrder(rules, '/x/y/edit', { endpoint: 'pe', params: { p: 'x/y' } });
    expectInEveryOrder([['/<path:p>', 'p'], ['/<a>', 'a']], '/x', { endpoint: 'a', params: { a: 'x' } });
  });

  it('%2F inside a segment is part of the value, not a separator', () => {
    const map = makeMap([['/u/<name>', 'u'], ['/f/<path:p>', 'f']]);
    expect(outcome(map, '/u/a%2Fb')).to.deep.equal({ endpoint: 'u', params: { name: 'a/b' } });
    expect(outcome(map, '/u/a%2fb')).to.deep.equal({ endpoint: 'u', params: { name: 'a/b' } });
    expect(outcome(map, '/f/a%2Fb/c')).to.deep.equal({ endpoint: 'f', params: { p: 'a/b/c' } });
  });

  it('a malformed escape (a lone % included) is a 400 where Werkzeug keeps the text, and so is one not UTF-8', () => {
    const map = makeMap([['/u/<name>', 'u']]);
    expect(outcome(map, '/u/%')).to.deep.equal({ error: 400 });
    expect(outcome(map, '/u/100%')).to.deep.equal({ error: 400 });
    expect(outcome(map, '/u/%zz')).to.deep.equal({ error: 400 });
    expect(outcome(map, '/u/%FF')).to.deep.equal({ error: 400 });
  });

  it('a duplicate rule warns (Werkzeug 3.1 is silent)', () => {
    const { warnings } = captureWarnings(() => makeMap([['/<a>', 'a'], ['/<b>', 'b']]));
    expect(warnings).to.have.length(1);
    expect(warnings[0]).to.contain('"/<b>"').and.contain('"/<a>"');
  });
});

describe('matching: a miss', () => {
  it('is a NotFound with the status and Werkzeug name', () => {
    const map = makeMap([['/a', 'a']]);
    let caught: unknown = null;
    try { map.match('/nope'); } catch (e) { caught = e; }
    expect(caught).to.be.instanceOf(NotFound);
    expect((caught as NotFound).code).to.equal(404);
    expect((caught as NotFound).name).to.equal('Not Found');
  });
});

describe('tryMatch: the errors as values, for dispatchers', () => {
  const map = new UrlMap();
  map.add('/user/<int:id>', { endpoint: 'user' });
  map.add('/docs/', { endpoint: 'docs' });
  map.add('/login', { endpoint: 'login', methods: ['POST'] });

  it('returns what match would return for a hit', () => {
    const m = map.tryMatch('/user/7');
    expect(m).not.to.be.instanceOf(HTTPException);
    expect((m as { endpoint: string; params: unknown }).params).to.deep.equal({ id: 7 });
  });

  it('returns NotFound, MethodNotAllowed, BadRequest and RequestRedirect instead of throwing them', () => {
    expect(map.tryMatch('/nope')).to.be.instanceOf(NotFound);
    const notAllowed = map.tryMatch('/login');
    expect(notAllowed).to.be.instanceOf(MethodNotAllowed);
    expect((notAllowed as MethodNotAllowed).validMethods).to.deep.equal(['POST']);
    expect(map.tryMatch('/user/%ZZ')).to.be.instanceOf(BadRequest);
    const redirect = map.tryMatch('/docs?q=1');
    expect(redirect).to.be.instanceOf(RequestRedirect);
    expect((redirect as RequestRedirect).newUrl).to.equal('/docs/?q=1');
  });

  it('match throws the very error tryMatch returns', () => {
    expect(() => map.match('/nope')).to.throw(NotFound, /404 Not Found/);
  });
});

describe('params belong to the caller', () => {
  it('each match returns a fresh params object, so changing one never leaks into the next', () => {
    const map = makeMap([['/u/<int:id>', 'u'], ['/static', 's', { defaults: { tab: 'a' } }], ['/plain', 'p']]);
    for (const path of ['/u/1', '/static', '/plain']) {
      const first = map.match(path).params;
      first.injected = true;
      expect(map.match(path).params).not.to.have.property('injected');
    }
  });
});

describe('matching the path as it is: what it cannot read is matched the full way', () => {
  // tryMatch walks the raw path first and falls back to cutting the query, decoding and
  // merging slashes where the raw path holds '%', '?', '#' or '//': the answers are the same.
  const map = makeMap([['/a/<v>', 'value'], ['/a/b/c', 'static'], ['/p/<path:rest>', 'rest'], ['/s/', 'slashed']]);

  it('an escape, a query or a fragment in a converter\'s text', () => {
    expect(outcome(map, '/a/x%2Fy')).to.deep.equal({ endpoint: 'value', params: { v: 'x/y' } });
    expect(outcome(map, '/a/b?x=1')).to.deep.equal({ endpoint: 'value', params: { v: 'b' } });
    expect(outcome(map, '/a/b#top')).to.deep.equal({ endpoint: 'value', params: { v: 'b' } });
    expect(outcome(map, '/p/x/%41?q')).to.deep.equal({ endpoint: 'rest', params: { rest: 'x/A' } });
  });

  it('an escape, a query or a fragment where a static text stands', () => {
    expect(outcome(map, '/a/b/%63')).to.deep.equal({ endpoint: 'static', params: {} });
    expect(outcome(map, '/a/b/c?x')).to.deep.equal({ endpoint: 'static', params: {} });
    expect(outcome(map, '/%61/b/c')).to.deep.equal({ endpoint: 'static', params: {} });
    expect(outcome(map, '/s?x=1')).to.deep.equal({ redirect: '/s/?x=1', code: 308 });
  });

  it('a miss stands only when nothing unread could change it: // past the last segment read, a malformed escape', () => {
    expect(outcome(map, '/a/b//c')).to.deep.equal({ redirect: '/a/b/c', code: 308 });
    expect(outcome(map, '/a//b')).to.deep.equal({ redirect: '/a/b', code: 308 });
    expect(outcome(map, '/x//y')).to.deep.equal({ error: 404 });
    expect(outcome(map, '/a/b/c/%zz')).to.deep.equal({ error: 400 });
    expect(outcome(map, '/nothing/%zz')).to.deep.equal({ error: 400 });
  });

  it('a miss decided at one segment: a query, a fragment or // further on changes nothing, an escape anywhere is still read', () => {
    expect(outcome(map, '/nothing/x?q=%zz')).to.deep.equal({ error: 404 });
    expect(outcome(map, '/nothing?%zz')).to.deep.equal({ error: 404 });
    expect(outcome(map, '/nothing/x//y#%zz')).to.deep.equal({ error: 404 });
    expect(outcome(map, '/nothing/x//%zz')).to.deep.equal({ error: 400 });
    expect(outcome(map, '/a/b/c/d?x')).to.deep.equal({ error: 404 });
    expect(outcome(map, '/a/b/c%3Fx')).to.deep.equal({ error: 404 });
  });

  it('a miss after a path converter read the rest: what follows it is matched the full way', () => {
    const tails = makeMap([['/f/<path:p>/raw', 'raw'], ['/g/<path:p>.txt', 'txt']]);
    expect(outcome(tails, '/f/a/b/raw?x=1')).to.deep.equal({ endpoint: 'raw', params: { p: 'a/b' } });
    expect(outcome(tails, '/f/a/raw#top')).to.deep.equal({ endpoint: 'raw', params: { p: 'a' } });
    expect(outcome(tails, '/f/a/r%61w')).to.deep.equal({ endpoint: 'raw', params: { p: 'a' } });
    expect(outcome(tails, '/g/a/b.txt?x')).to.deep.equal({ endpoint: 'txt', params: { p: 'a/b' } });
    expect(outcome(tails, '/g/a//b.txt')).to.deep.equal({ endpoint: 'txt', params: { p: 'a//b' } });
    expect(outcome(tails, '/f//raw')).to.deep.equal({ error: 404 });
  });

  it("a rule whose static text holds '%', '?' or '#' is matched on the decoded path only", () => {
    const odd = makeMap([['/100%', 'percent'], ['/<v>', 'any']]);
    expect(outcome(odd, '/100%25')).to.deep.equal({ endpoint: 'percent', params: {} });
    expect(outcome(odd, '/100%')).to.deep.equal({ error: 400 });
  });
});

describe('what match() answers', () => {
  it('is { endpoint, params }, equal to that object deeply, with the rule readable but not enumerable', () => {
    const map = new UrlMap();
    map.add('/u/<int:id>', { endpoint: 'user' });
    const m = map.match('/u/3');
    expect(m).to.deep.equal({ endpoint: 'user', params: { id: 3 } });
    expect(Object.keys(m)).to.deep.equal(['endpoint', 'params']);
    expect(m.rule.rule).to.equal('/u/<int:id>');
  });
});
