import '../guard.js';
// Werkzeug's state machine on the shapes of issue 15, one case each (the answers are Werkzeug
// 3.1.8's, from python3; the differential fixtures in shapes.json hold the many more). A rule
// is a path of parts: one per segment up to its first `path` converter, one final part after.
import { expect } from '@esm-bundle/chai';
import { UrlMap } from '../../src/routing/map.js';
import { MethodNotAllowed, NotFound, RequestRedirect } from '../../src/errors.js';
import { captureWarnings, makeMap, type Spec } from './helpers.js';

function outcome(map: UrlMap, url: string, method = 'GET'): unknown {
  try {
    const m = map.match(url, method);
    return [m.endpoint, m.params];
  } catch (e) {
    if (e instanceof RequestRedirect) return ['redirect', e.newUrl];
    if (e instanceof MethodNotAllowed) return [405, [...e.validMethods].sort()];
    if (e instanceof NotFound) return 404;
    throw e;
  }
}

describe('parts: a final part ranks among the segment patterns by its weight', () => {
  it('static text before a path converter in one segment ranks before a plain string', () => {
    for (const talk of [{}, { strictSlashes: false }]) {
      const map = makeMap([['/Talk:<path:name>', 'talk', talk], ['/<page>', 'page'], ['/<page>/', 'dir']]);
      expect(outcome(map, '/Talk:a')).to.deep.equal(['talk', { name: 'a' }]);
      expect(outcome(map, '/Talk:x/')).to.deep.equal(['talk', { name: 'x/' }]);
      expect(outcome(map, '/Main')).to.deep.equal(['page', { page: 'Main' }]);
    }
  });

  it('a custom converter weighing more than 200 ranks after path; 200 ties, and registration decides', () => {
    for (const [weight, first, second] of [[150, 'custom', 'custom'], [200, 'custom', 'path'], [201, 'path', 'path'], [250, 'path', 'path']] as const) {
      const both: Spec[] = [['/<c:x>', 'custom'], ['/<path:p>', 'path']];
      const add = (m: UrlMap) => m.addConverter('c', { toValue: (t) => t, toUrl: String, weight });
      const endpoint = (specs: Spec[]) => (outcome(makeMap(specs, {}, add), '/q') as [string, unknown])[0];
      expect(endpoint(both), `weight ${weight}`).to.equal(first);
      expect(endpoint([...both].reverse()), `weight ${weight}, path first`).to.equal(second);
    }
  });

  it('two path converters in one segment: the first takes the shortest value', () => {
    const map = makeMap([['/<path:a>:<path:b>', 'two']]);
    expect(outcome(map, '/x:y')).to.deep.equal(['two', { a: 'x', b: 'y' }]);
    expect(outcome(map, '/a/b:c/d')).to.deep.equal(['two', { a: 'a/b', b: 'c/d' }]);
    expect(outcome(map, '/a:b:c')).to.deep.equal(['two', { a: 'a', b: 'b:c' }]);
    expect(outcome(map, '/a:b/c:d')).to.deep.equal(['two', { a: 'a', b: 'b/c:d' }]);
    expect(map.build('two', { a: 'x/y', b: 'z' })).to.equal('/x/y:z');
  });

  it('a rule ending in path against one where static text follows it: Werkzeug\'s answer, even with strictSlashes off', () => {
    for (const options of [{}, { strictSlashes: false }]) {
      const map = makeMap([['/items/<path:p>', 'items'], ['/items/<path:p>/-/raw', 'raw']], options);
      expect(outcome(map, '/items/c++/src/-/raw/')).to.deep.equal(['items', { p: 'c++/src/-/raw/' }]);
      expect(outcome(map, '/items/c++/src/-/raw')).to.deep.equal(['raw', { p: 'c++/src' }]);
    }
    // With nothing else at its node, strictSlashes false accepts the slash too (SPEC §3; Werkzeug: 404).
    const lax = makeMap([['/items/<path:p>/-/raw', 'raw', { strictSlashes: false }]]);
    expect(outcome(lax, '/items/a/-/raw/')).to.deep.equal(['raw', { p: 'a' }]);
  });
});

describe('parts: one regex, one state, whatever the converters\' arguments', () => {
  const photos: Spec[] = [['/photos/<int:id>/', 'photo'], ['/photos/<int(fixed_digits=4):year>', 'year']];

  it('fixed_digits beside a plain int: the exact match is not redirected to the slashed rule', () => {
    for (const specs of [photos, [...photos].reverse()]) {
      const map = makeMap(specs);
      expect(outcome(map, '/photos/2024')).to.deep.equal(['year', { year: 2024 }]);
      expect(outcome(map, '/photos/2024/')).to.deep.equal(['photo', { id: 2024 }]);
      // year rejects '24' and gives way to the next candidate (SPEC §3; Werkzeug: 404).
      expect(outcome(map, '/photos/24')).to.deep.equal(['redirect', '/photos/24/']);
    }
  });

  it('merged slashes redirect to the rule the merged path matches as it is', () => {
    for (const specs of [photos, [...photos].reverse()]) {
      expect(outcome(makeMap(specs), '/photos///0001')).to.deep.equal(['redirect', '/photos/0001']);
    }
  });

  it('a 405 counts the methods of every rule of the right shape, before any converter runs', () => {
    const map = makeMap([['/blog/<int(fixed_digits=4):year>', 'blog', { methods: ['GET'] }]]);
    expect(outcome(map, '/blog/24', 'POST')).to.deep.equal([405, ['GET', 'HEAD']]);
    expect(outcome(map, '/blog/24')).to.equal(404);
  });

  it('rules sharing a state are duplicates only when their converters agree', () => {
    const { warnings } = captureWarnings(() => makeMap([...photos, ['/photos/<int:n>/', 'again']]));
    expect(warnings).to.have.length(1);
    expect(warnings[0]).to.contain('/photos/<int:n>/').and.contain('/photos/<int:id>/');
  });
});
