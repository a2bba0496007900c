import '../guard.js';
// Werkzeug 3.1 tests/test_routing.py, converters and precedence, ported to Phial's UrlMap;
// plus the converter arguments and weights SPEC §3 names (int fixed_digits/min/max/signed,
// float, string lengths, uuid, any, path), each expectation checked against Werkzeug 3.1.8.
// Where SPEC §3 lists a deliberate difference, the test asserts Phial's behaviour and says so.
//
// Werkzeug converters are classes with a regex, `to_python` and `to_url`, and may take
// arguments; Phial's custom converters are `{ toValue, toUrl, weight?, regex? }` without
// arguments and see one segment at a time. Tests whose converter spans a '/' are ported
// with the '/' sent as %2F (SPEC §3: %2F inside a segment is part of the value).
//
// Skipped: none of this part; test_converter_parser's ValueError maps to RuleError.
import { expect } from '@esm-bundle/chai';
import { UrlMap } from '../../src/routing/map.js';
import { parseConverterArgs } from '../../src/routing/rule.js';
import { BuildError, PhialError, RuleError } from '../../src/errors.js';
import { buildError, expectMatch, found, mapOf, NOT_FOUND, redirectTo } from './helpers.js';

describe('werkzeug test_default_converters', () => {
  it('uses a converter added to one map, and only there', () => {
    // Werkzeug subclasses Map with an extra default converter 'foo' and passes 'bar' to one
    // map; Phial's equivalent is addConverter on that map.
    const map = new UrlMap();
    map.addConverter('foo', { toValue: (t) => t, toUrl: (v) => String(v) });
    map.addConverter('bar', { toValue: (t) => t, toUrl: (v) => String(v) });
    map.add('/a/<foo:a>', { endpoint: 'a' });
    map.add('/b/<foo:b>', { endpoint: 'b' });
    map.add('/c/<c>', { endpoint: 'c' });
    expectMatch(map, '/a/1', found('a', { a: '1' }));
    expectMatch(map, '/b/2', found('b', { b: '2' }));
    expectMatch(map, '/c/3', found('c', { c: '3' }));
    expect(() => new UrlMap().add('/a/<foo:a>', { endpoint: 'a' })).to.throw(RuleError, /unknown converter 'foo'/);
  });
});

describe('werkzeug test_uuid_converter', () => {
  it('matches a UUID and gives it lower-cased', () => {
    // Werkzeug gives a uuid.UUID; Phial gives its lower-case text (SPEC §3).
    const map = mapOf([['/a/<uuid:a_uuid>', 'a']]);
    expectMatch(map, '/a/a8098c1a-f86e-11da-bd1a-00112444be1e', found('a', { a_uuid: 'a8098c1a-f86e-11da-bd1a-00112444be1e' }));
    expectMatch(map, '/a/A8098C1A-F86E-11DA-BD1A-00112444BE1E', found('a', { a_uuid: 'a8098c1a-f86e-11da-bd1a-00112444be1e' }));
    expectMatch(map, '/a/a8098c1a-f86e-11da-bd1a-00112444be1', NOT_FOUND);
    expectMatch(map, '/a/a8098c1af86e11dabd1a00112444be1e', NOT_FOUND);
  });

  it('builds a UUID lower-cased', () => {
    // Werkzeug builds the text as given (upper case stays); SPEC §3: uuid values come out lower-cased.
    const map = mapOf([['/a/<uuid:a_uuid>', 'a']]);
    expect(map.build('a', { a_uuid: 'A8098C1A-F86E-11DA-BD1A-00112444BE1E' })).to.equal('/a/a8098c1a-f86e-11da-bd1a-00112444be1e');
    expect(buildError(map, 'a', { a_uuid: 'not-a-uuid' }).message).to.contain('not a UUID');
  });
});

describe('werkzeug test_converter_with_tuples', () => {
  // Werkzeug issue #709: a converter whose to_python returns a tuple. Werkzeug's regex spans
  // '/qwert/yuiop/'; a Phial converter sees one segment, so the pair is sent as qwert%2Fyuiop.
  const map = new UrlMap();
  map.addConverter('two', {
    toValue(text) {
      const parts = text.split('/');
      if (parts.length !== 2 || !parts.every((p) => /^\w{2,}$/.test(p))) throw new Error('not two words');
      return parts;
    },
    toUrl: (value) => (value as string[]).join('/'),
  });
  map.add('/<two:foo>/', { endpoint: 'handler' });

  it('gives the converter its value as it returned it', () => {
    expectMatch(map, '/qwert%2Fyuiop/', found('handler', { foo: ['qwert', 'yuiop'] }));
  });

  it('does not let a converter see the URL\'s own slashes', () => {
    expectMatch(map, '/qwert/yuiop/', NOT_FOUND);
  });

  it('builds the pair with the slash escaped, so that it matches back', () => {
    expect(map.build('handler', { foo: ['qwert', 'yuiop'] })).to.equal('/qwert%2Fyuiop/');
  });
});

describe('werkzeug test_part_isolating_default', () => {
  // Werkzeug: a converter whose regex holds '/' is not part-isolating and matches '/a/b/'.
  // Phial converters never span segments: the same value arrives through %2F.
  it('splits a two-part value sent with %2F', () => {
    const map = new UrlMap();
    map.addConverter('two', {
      regex: '\\w+/\\w+',
      toValue: (text) => text.split('/'),
      toUrl: (value) => (value as string[]).join('/'),
    });
    map.add('/<two:values>/', { endpoint: 'two' });
    expectMatch(map, '/a%2Fb/', found('two', { values: ['a', 'b'] }));
    expectMatch(map, '/a/b/', NOT_FOUND);
  });
});

describe('werkzeug test_nested_regex_groups', () => {
  // Werkzeug issue #2590: a converter regex with nested groups must not shift the values.
  // Werkzeug passes the regex as a converter argument; Phial's custom converters take none,
  // so the regex is the converter's own.
  const DATE = String.raw`((\d{8}T\d{6}([.,]\d{1,3})?)|(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}([.,]\d{1,3})?))Z`;

  it('matches two values of a regex with nested groups', () => {
    const map = new UrlMap();
    const whole = new RegExp(`^${DATE}$`);
    map.addConverter('date', {
      regex: DATE,
      toValue(text) { if (!whole.test(text)) throw new Error('not a date'); return text; },
      toUrl: (value) => String(value),
    });
    map.add('/<date:start>/<date:end>/', { endpoint: 'handler' });
    expectMatch(map, '/2023-02-16T23:36:36.266Z/2023-02-16T23:46:36.266Z/',
      found('handler', { start: '2023-02-16T23:36:36.266Z', end: '2023-02-16T23:46:36.266Z' }));
  });

  it('splits one segment between two regex converters by their regexes', () => {
    const map = new UrlMap();
    map.addConverter('date', {
      regex: DATE,
      toValue: (text) => text,
      toUrl: (value) => String(value),
    });
    map.add('/<date:start>..<date:end>', { endpoint: 'range' });
    expectMatch(map, '/20230216T233636Z..2023-02-16T23:46:36.266Z',
      found('range', { start: '20230216T233636Z', end: '2023-02-16T23:46:36.266Z' }));
  });
});

describe('werkzeug test_regex', () => {
  it('matches with a custom converter\'s regex', () => {
    // Werkzeug: <regex('[^/:]+\.[^/:]+'):value> with a RegexConverter taking the regex as argument.
    const map = new UrlMap();
    map.addConverter('dotted', {
      regex: String.raw`[^/:]+\.[^/:]+`,
      toValue(text) { if (!/^[^/:]+\.[^/:]+$/.test(text)) throw new Error('no dot'); return text; },
      toUrl: (value) => String(value),
    });
    map.add('/<dotted:value>', { endpoint: 'regex' });
    expectMatch(map, '/asdfsa.asdfs', found('regex', { value: 'asdfsa.asdfs' }));
    expectMatch(map, '/asdfsa', NOT_FOUND);
  });
});

describe('werkzeug test_anyconverter', () => {
  const map = mapOf([['/<any(a1, a2):a>', 'no_dot'], ['/<any(a.1, a.2):a>', 'yes_dot']]);
  it('matches only its items, dots taken literally', () => {
    expectMatch(map, '/a1', found('no_dot', { a: 'a1' }));
    expectMatch(map, '/a2', found('no_dot', { a: 'a2' }));
    expectMatch(map, '/a.1', found('yes_dot', { a: 'a.1' }));
    expectMatch(map, '/a.2', found('yes_dot', { a: 'a.2' }));
    expectMatch(map, '/ax1', NOT_FOUND);
    expectMatch(map, '/a3', NOT_FOUND);
  });

  it('takes quoted items with spaces and matches them percent-encoded', () => {
    const quoted = mapOf([['/any/<any(about, "help me", x.y):p>', 'any']]);
    expectMatch(quoted, '/any/help%20me', found('any', { p: 'help me' }));
    expectMatch(quoted, '/any/x.y', found('any', { p: 'x.y' }));
    expectMatch(quoted, '/any/xzy', NOT_FOUND);
    // Werkzeug builds '/any/help me' unquoted; Phial percent-encodes every value it builds.
    expect(quoted.build('any', { p: 'help me' })).to.equal('/any/help%20me');
  });
});

describe('werkzeug test_any_converter_build_validates_value', () => {
  const map = mapOf([['/<any(patient, provider):value>', 'actor']]);
  it('builds its items', () => {
    expect(map.build('actor', { value: 'patient' })).to.equal('/patient');
    expect(map.build('actor', { value: 'provider' })).to.equal('/provider');
  });

  it('refuses to build another value, naming the items', () => {
    // Werkzeug: ValueError "'invalid' is not one of 'patient', 'provider'"; Phial: BuildError.
    const err = buildError(map, 'actor', { value: 'invalid' });
    expect(err).to.be.instanceOf(PhialError);
    expect(err.message).to.contain("is not one of 'patient', 'provider'");
    expect(err.message).to.contain('invalid');
  });
});

describe('werkzeug test_weighting', () => {
  it('tries uuid before int wherever they were registered', () => {
    const uuid = '2b5b0911-fdcf-4dd2-921b-28ace88db8a0';
    for (const rules of [[['/<int:value>', 'int'], ['/<uuid:value>', 'uuid']], [['/<uuid:value>', 'uuid'], ['/<int:value>', 'int']]] as const) {
      const map = mapOf(rules.map(([r, e]) => [r, e]));
      expectMatch(map, `/${uuid}`, found('uuid', { value: uuid }));
      expectMatch(map, '/2', found('int', { value: 2 }));
    }
  });
});

describe('werkzeug test_multiple_converters_per_part', () => {
  it('splits one segment between a float and an int', () => {
    const map = mapOf([['/v<float:value>e<int:exponent>', 'internal']]);
    expectMatch(map, '/v1.2e3', found('internal', { value: 1.2, exponent: 3 }));
    expect(map.build('internal', { value: 1.2, exponent: 3 })).to.equal('/v1.2e3');
  });
});

describe('werkzeug test_static_regex_escape', () => {
  it('takes regex characters in static text literally', () => {
    const map = mapOf([['/x*y', 'star'], ['/a.b', 'dot'], ['/(c)+', 'group']]);
    expectMatch(map, '/x*y', found('star'));
    expectMatch(map, '/xy', NOT_FOUND);
    expectMatch(map, '/xxy', NOT_FOUND);
    expectMatch(map, '/a.b', found('dot'));
    expectMatch(map, '/axb', NOT_FOUND);
    expectMatch(map, '/(c)+', found('group'));
    expectMatch(map, '/cc', NOT_FOUND);
  });
});

describe('werkzeug test_converter_parser', () => {
  it('parses positional and keyword arguments into Python values', () => {
    expect(parseConverterArgs('test, a=1, b=3.0', '/<x(test, a=1, b=3.0):v>', 4)).to.deep.equal({ positional: ['test'], keyword: { a: 1, b: 3.0 } });
    const empty = parseConverterArgs('', '/<x():v>', 4);
    expect(empty.positional).to.deep.equal([]);
    expect(Object.keys(empty.keyword)).to.deep.equal([]);
    const trailing = parseConverterArgs('a, b, c,', '/<x(a, b, c,):v>', 4);
    expect(trailing.positional).to.deep.equal(['a', 'b', 'c']);
    expect(Object.keys(trailing.keyword)).to.deep.equal([]);
    expect(parseConverterArgs('True, False, None', '/r', 1).positional).to.deep.equal([true, false, null]);
    expect(parseConverterArgs('"foo", "bar"', '/r', 1).positional).to.deep.equal(['foo', 'bar']);
  });

  it('refuses min=0;max=500 (Werkzeug: ValueError) with a RuleError', () => {
    expect(() => parseConverterArgs('min=0;max=500', '/<int(min=0;max=500):v>', 7)).to.throw(RuleError);
    expect(() => new UrlMap().add('/<int(min=0;max=500):v>', { endpoint: 'v' })).to.throw(RuleError);
  });

  it('applies parsed arguments in a rule: quoted any items, numeric keywords', () => {
    const map = mapOf([['/<any("a,b", c):x>', 'any'], ['/n/<int(min=1, max=3):n>', 'n']]);
    expectMatch(map, '/a%2Cb', found('any', { x: 'a,b' }));
    expectMatch(map, '/a,b', found('any', { x: 'a,b' }));
    expectMatch(map, '/c', found('any', { x: 'c' }));
    expectMatch(map, '/n/3', found('n', { n: 3 }));
    expectMatch(map, '/n/4', NOT_FOUND);
  });
});

describe('werkzeug test_invalid_rule', () => {
  it('refuses a variable without a name (Werkzeug: ValueError)', () => {
    expect(() => new UrlMap().add('/<int()>', { endpoint: 'test' })).to.throw(RuleError);
  });

  it('refuses an unknown converter and bad converter arguments at registration', () => {
    expect(() => new UrlMap().add('/<nope:x>', { endpoint: 'x' })).to.throw(RuleError, /nope/);
    expect(() => new UrlMap().add('/<int(bogus=1):x>', { endpoint: 'x' })).to.throw(RuleError, /bogus/);
    expect(() => new UrlMap().add('/<x>/<x>', { endpoint: 'x' })).to.throw(RuleError);
  });
});

describe('int converter arguments', () => {
  const map = mapOf([
    ['/f/<int(fixed_digits=4):n>', 'f'],
    ['/mm/<int(min=1, max=10):n>', 'mm'],
    ['/s/<int(signed=True):n>', 's'],
  ]);

  it('fixed_digits matches exactly that many digits and builds zero-padded', () => {
    expectMatch(map, '/f/0042', found('f', { n: 42 }));
    expectMatch(map, '/f/42', NOT_FOUND);
    expectMatch(map, '/f/12345', NOT_FOUND);
    expect(map.build('f', { n: 42 })).to.equal('/f/0042');
  });

  it('fixed_digits refuses to build a number that would not fit', () => {
    // Werkzeug builds '/f/12345', which 404s (SPEC §3 deliberate difference: BuildError).
    expect(buildError(map, 'f', { n: 12345 }).message).to.contain('fixed_digits');
  });

  it('min and max bound what matches', () => {
    expectMatch(map, '/mm/0', NOT_FOUND);
    expectMatch(map, '/mm/1', found('mm', { n: 1 }));
    expectMatch(map, '/mm/10', found('mm', { n: 10 }));
    expectMatch(map, '/mm/11', NOT_FOUND);
  });

  it('min and max bound what builds', () => {
    // Werkzeug builds '/mm/0' and '/mm/11' (SPEC §3 deliberate difference: BuildError).
    expect(buildError(map, 'mm', { n: 0 }).message).to.contain('min=1');
    expect(buildError(map, 'mm', { n: 11 }).message).to.contain('max=10');
    expect(map.build('mm', { n: 5 })).to.equal('/mm/5');
    expect(map.build('mm', { n: '7' })).to.equal('/mm/7');
  });

  it('signed accepts a minus sign, -0 as 0', () => {
    expectMatch(map, '/s/-3', found('s', { n: -3 }));
    expectMatch(map, '/s/3', found('s', { n: 3 }));
    expectMatch(map, '/s/-0', found('s', { n: 0 }));
    expect(map.build('s', { n: -3 })).to.equal('/s/-3');
  });

  it('an unsigned int does not build a negative number', () => {
    // Werkzeug builds '/f/-005' (zfill), which its own rule rejects (SPEC §3: BuildError).
    expect(buildError(map, 'f', { n: -5 })).to.be.instanceOf(BuildError);
  });

  it('takes ASCII digits only (SPEC §3 deliberate difference)', () => {
    // Werkzeug's \d takes Arabic-Indic digits: '/f/٤٤٤٤' gives 4444 there.
    expectMatch(map, '/f/٤٤٤٤', NOT_FOUND);
    expectMatch(map, '/mm/٣', NOT_FOUND);
  });

  it('does not match an integer beyond Number.MAX_SAFE_INTEGER (SPEC §3 deliberate difference)', () => {
    const big = mapOf([['/<int:n>', 'n']]);
    expectMatch(big, '/9007199254740991', found('n', { n: 9007199254740991 }));
    expectMatch(big, '/9007199254740993', NOT_FOUND);
    expect(buildError(big, 'n', { n: 2 ** 60 })).to.be.instanceOf(BuildError);
  });

  it('builds only integers', () => {
    // Werkzeug's int(1.5) would build '/1'; a 1.5 that matches back as 1 is a BuildError here.
    const plain = mapOf([['/<int:n>', 'n']]);
    expect(buildError(plain, 'n', { n: 1.5 }).message).to.contain('not an integer');
    expect(buildError(plain, 'n', { n: 'abc' }).message).to.contain('not an integer');
  });
});

describe('float converter arguments', () => {
  const map = mapOf([
    ['/fl/<float:x>', 'fl'],
    ['/flm/<float(min=0.5, max=2.5):x>', 'flm'],
    ['/fs/<float(signed=True):x>', 'fs'],
  ]);

  it('needs digits on both sides of the point', () => {
    expectMatch(map, '/fl/1.5', found('fl', { x: 1.5 }));
    expectMatch(map, '/fl/1', NOT_FOUND);
    expectMatch(map, '/fl/.5', NOT_FOUND);
    expectMatch(map, '/fl/1.', NOT_FOUND);
    expectMatch(map, '/fl/-1.5', NOT_FOUND);
    expectMatch(map, '/fs/-1.5', found('fs', { x: -1.5 }));
  });

  it('min and max bound what matches', () => {
    expectMatch(map, '/flm/0.4', NOT_FOUND);
    expectMatch(map, '/flm/0.5', found('flm', { x: 0.5 }));
    expectMatch(map, '/flm/2.5', found('flm', { x: 2.5 }));
    expectMatch(map, '/flm/2.6', NOT_FOUND);
  });

  it('builds an integral value with .0', () => {
    expect(map.build('fl', { x: 1 })).to.equal('/fl/1.0');
    expect(map.build('fl', { x: 0.815 })).to.equal('/fl/0.815');
  });

  it('never builds exponent form (SPEC §3 deliberate difference)', () => {
    // Werkzeug builds '/fl/1e+20' and '/fl/1e-07', which its float converter does not match.
    expect(map.build('fl', { x: 1e20 })).to.equal('/fl/100000000000000000000.0');
    expect(map.build('fl', { x: 1e-7 })).to.equal('/fl/0.0000001');
    expectMatch(map, map.build('fl', { x: 1e-7 }), found('fl', { x: 1e-7 }));
  });

  it('refuses to build out of bounds (SPEC §3 deliberate difference)', () => {
    // Werkzeug builds '/flm/3.0'.
    expect(buildError(map, 'flm', { x: 3 }).message).to.contain('max=2.5');
  });
});

describe('string converter arguments', () => {
  const map = mapOf([
    ['/len/<string(length=3):t>', 'len'],
    ['/mn/<string(minlength=2, maxlength=4):t>', 'mn'],
  ]);

  it('length matches exactly that many characters, counted as code points', () => {
    expectMatch(map, '/len/abc', found('len', { t: 'abc' }));
    expectMatch(map, '/len/ab', NOT_FOUND);
    expectMatch(map, '/len/abcd', NOT_FOUND);
    expectMatch(map, '/len/' + encodeURIComponent('äöü'), found('len', { t: 'äöü' }));
    expectMatch(map, '/len/' + encodeURIComponent('😀😀😀'), found('len', { t: '😀😀😀' }));
  });

  it('minlength and maxlength bound the length', () => {
    expectMatch(map, '/mn/a', NOT_FOUND);
    expectMatch(map, '/mn/ab', found('mn', { t: 'ab' }));
    expectMatch(map, '/mn/abcd', found('mn', { t: 'abcd' }));
    expectMatch(map, '/mn/abcde', NOT_FOUND);
  });

  it('refuses to build a value of the wrong length (SPEC §3 deliberate difference)', () => {
    // Werkzeug builds '/len/ab'.
    expect(buildError(map, 'len', { t: 'ab' }).message).to.contain('3');
  });

  it('does not match an empty segment', () => {
    expectMatch(mapOf([['/s/<t>', 's']]), '/s/', NOT_FOUND);
  });
});

describe('path converter', () => {
  const map = mapOf([['/p/<path:p>', 'p']]);
  it('takes slashes, and a trailing slash at the end of the rule', () => {
    expectMatch(map, '/p/a/b/c', found('p', { p: 'a/b/c' }));
    expectMatch(map, '/p/a/b/', found('p', { p: 'a/b/' }));
  });

  it('builds slashes as they are and quotes the rest', () => {
    expect(map.build('p', { p: 'a/b c' })).to.equal('/p/a/b%20c');
  });

  it('refuses to build a leading slash, . or .. (SPEC §3 deliberate difference)', () => {
    expect(buildError(map, 'p', { p: '/evil' })).to.be.instanceOf(BuildError);
    expect(buildError(map, 'p', { p: '../x' })).to.be.instanceOf(BuildError);
    expect(buildError(map, 'p', { p: 'a/./b' })).to.be.instanceOf(BuildError);
  });
});

describe('precedence and weights (Werkzeug rule ordering)', () => {
  it('a static rule beats a converter whatever the order', () => {
    for (const rules of [[['/<name>', 'conv'], ['/about', 'static']], [['/about', 'static'], ['/<name>', 'conv']]] as Array<Array<[string, string]>>) {
      const map = mapOf(rules);
      expectMatch(map, '/about', found('static'));
      expectMatch(map, '/x', found('conv', { name: 'x' }));
    }
  });

  it('int (50) is tried before string (100) whatever the order', () => {
    for (const rules of [[['/<name>', 'str'], ['/<int:n>', 'int']], [['/<int:n>', 'int'], ['/<name>', 'str']]] as Array<Array<[string, string]>>) {
      const map = mapOf(rules);
      expectMatch(map, '/5', found('int', { n: 5 }));
      expectMatch(map, '/x', found('str', { name: 'x' }));
    }
  });

  it('uuid ranks before string (SPEC §3 deliberate difference)', () => {
    // Werkzeug ties them at 100 and the first registered wins: '/<v>' here.
    const uuid = '2b5b0911-fdcf-4dd2-921b-28ace88db8a0';
    const map = mapOf([['/<v>', 'str'], ['/<uuid:v>', 'uuid']]);
    expectMatch(map, `/${uuid}`, found('uuid', { v: uuid }));
  });

  it('more static pieces in a segment come first: /<a>.<b> before /<float:f>', () => {
    const map = mapOf([['/<float:f>', 'float'], ['/<a>.<b>', 'ab']]);
    expectMatch(map, '/1.5', found('ab', { a: '1', b: '5' }));
    expectMatch(map, '/x.y', found('ab', { a: 'x', b: 'y' }));
  });

  it('a segment with more static text beats one with more converters', () => {
    const map = mapOf([['/<a>-<b>', 'two'], ['/x-<b>', 'one']]);
    expectMatch(map, '/x-y', found('one', { b: 'y' }));
    expectMatch(map, '/z-y', found('two', { a: 'z', b: 'y' }));
  });

  it('a converter followed by static text takes the longest value', () => {
    expectMatch(mapOf([['/<a>-<b>', 'two']]), '/x-y-z', found('two', { a: 'x-y', b: 'z' }));
  });

  it('a string converter beats a path converter at the same place', () => {
    const map = mapOf([['/<path:p>', 'path'], ['/<s>', 'str']]);
    expectMatch(map, '/x', found('str', { s: 'x' }));
    expectMatch(map, '/x/y', found('path', { p: 'x/y' }));
  });

  it('equal rules: the first registered wins', () => {
    const map = new UrlMap();
    const warn = console.warn;
    console.warn = () => {};
    try {
      map.add('/<a>', { endpoint: 'first' });
      map.add('/<b>', { endpoint: 'second' });
    } finally {
      console.warn = warn;
    }
    expectMatch(map, '/x', found('first', { a: 'x' }));
  });

  it('a rejecting converter gives way to the next candidate (SPEC §3 deliberate difference)', () => {
    // Werkzeug 2.2+ answers 404 for '/7' here: the int rule was chosen, then rejected 7.
    const map = mapOf([['/<int(max=5):n>', 'small'], ['/<name>', 'name']]);
    expectMatch(map, '/3', found('small', { n: 3 }));
    expectMatch(map, '/7', found('name', { name: '7' }));
  });

  it('a slash redirect of a higher rule wins over a lower rule that matches as it is', () => {
    const map = mapOf([['/foo/', 'slash'], ['/<name>', 'name']]);
    expectMatch(map, '/foo', redirectTo('/foo/'));
  });

  it('a custom converter weight orders it against the built-ins', () => {
    const map = new UrlMap();
    map.addConverter('lower', { toValue(t) { if (!/^[a-z]+$/.test(t)) throw new Error('no'); return t; }, toUrl: String, weight: 10 });
    map.addConverter('heavy', { toValue: (t) => t, toUrl: String, weight: 150 });
    map.add('/<name>', { endpoint: 'str' });
    map.add('/<lower:l>', { endpoint: 'lower' });
    map.add('/h/<path:p>', { endpoint: 'path' });
    map.add('/h/<heavy:h>', { endpoint: 'heavy' });
    expectMatch(map, '/abc', found('lower', { l: 'abc' }));
    expectMatch(map, '/Abc', found('str', { name: 'Abc' }));
    expectMatch(map, '/h/x', found('heavy', { h: 'x' }));
  });
});
