import '../guard.js';
// Registering rules: what parses, and the RuleError a broken rule raises at once, naming the
// rule and the 1-based column of the problem (SPEC §3, §13).
import { expect } from '@esm-bundle/chai';
import { UrlMap } from '../../src/routing/map.js';
import { PhialError, RuleError } from '../../src/errors.js';

/** Registers `rule` on a fresh map (with `prepare` run first) and returns the RuleError it raises. */
function ruleError(rule: string, prepare: (map: UrlMap) => void = () => {}): RuleError {
  const map = new UrlMap();
  prepare(map);
  let caught: unknown = null;
  try {
    map.add(rule, { endpoint: 'view' });
  } catch (e) {
    caught = e;
  }
  expect(caught, `registering ${JSON.stringify(rule)} should throw`).to.be.instanceOf(RuleError);
  return caught as RuleError;
}

/** Asserts the error names the rule as written and the column, in its fields and its message. */
function expectAt(err: RuleError, rule: string, column: number, ...says: string[]): void {
  expect(err).to.be.instanceOf(PhialError);
  expect(err.rule).to.equal(rule);
  expect(err.column, `column of the problem in ${rule}`).to.equal(column);
  expect(err.message).to.contain(JSON.stringify(rule));
  expect(err.message).to.contain(`column ${column}`);
  for (const text of says) expect(err.message).to.contain(text);
}

describe('rules: what registers', () => {
  it('accepts Werkzeug syntax: converters with arguments, several parts per segment, path, any with quoted items', () => {
    const map = new UrlMap();
    const rules = [
      '/',
      '/user/<int:id>',
      '/files/<path:rest>',
      '/page/<int(min=1):n>',
      '/<any(about, help):page>',
      '/post-<int:id>.html',
      '/v<int:major>.<int:minor>',
      '/n/<int(min=1, fixed_digits=4):n>',
      '/pick/<any(a, "b,c", \'d e\'):x>',
      '/s/<string(minlength=2, maxlength=8):s>',
      '/s2/<string(length=3):s>',
      '/f/<float(min=0.5, max=10, signed=True):f>',
      '/i/<int(signed=True):i>',
      '/u/<uuid:u>',
      '/files/<path:p>/edit',
      '/a>b',
    ];
    for (const [i, rule] of rules.entries()) map.add(rule, { endpoint: `e${i}` });
    expect(map.rules.map((r) => r.rule)).to.deep.equal(rules);
  });

  it("lists a rule's variables and its defaults' keys as its arguments", () => {
    const map = new UrlMap();
    const rule = map.add('/v<int:major>.<int:minor>/<path:rest>', { endpoint: 'v', defaults: { lang: 'en' } });
    expect([...rule.arguments].sort()).to.deep.equal(['lang', 'major', 'minor', 'rest']);
    expect(rule.endpoint).to.equal('v');
    expect(rule.defaults).to.deep.equal({ lang: 'en' });
  });

  it('upper-cases methods and lets GET imply HEAD; omitted methods mean any method', () => {
    const map = new UrlMap();
    const some = map.add('/a', { endpoint: 'a', methods: ['get', 'post'] });
    const any = map.add('/b', { endpoint: 'b' });
    expect([...some.methods!].sort()).to.deep.equal(['GET', 'HEAD', 'POST']);
    expect(any.methods).to.equal(null);
  });

  it('parses any() items as Werkzeug does: bare words and quoted strings holding commas and spaces', () => {
    const map = new UrlMap();
    map.add('/<any(about, "b,c", \'d e\'):x>', { endpoint: 'pick' });
    expect(map.match('/about').params).to.deep.equal({ x: 'about' });
    expect(map.match('/b,c').params).to.deep.equal({ x: 'b,c' });
    expect(map.match('/d%20e').params).to.deep.equal({ x: 'd e' });
  });
});

describe('rules: RuleError names the rule and the exact column', () => {
  describe('bad syntax', () => {
    it('a variable never closed: the column where its ">" is missing', () => {
      const err = ruleError('/a/<int:x');
      expectAt(err, '/a/<int:x', 10, 'never closed', 'column 4');
    });

    it('an empty variable <>: the column of the ">"', () => {
      expectAt(ruleError('/a/<>'), '/a/<>', 5, 'empty variable');
    });

    it('a converter without a variable name: the column after the ":"', () => {
      expectAt(ruleError('/a/<int:>'), '/a/<int:>', 9, "after 'int:'");
    });

    it('a variable name starting with a digit: the column of the digit', () => {
      expectAt(ruleError('/a/<1x>'), '/a/<1x>', 5, 'variable name');
    });

    it('a space inside a variable: the column of the space', () => {
      expectAt(ruleError('/<a b>'), '/<a b>', 4, 'unexpected " "');
    });

    it('a "<" inside a variable: the column of the second "<"', () => {
      expectAt(ruleError('/a<b<c>>'), '/a<b<c>>', 5, 'unexpected "<"');
    });

    it('converter arguments never closed: the column of the "("', () => {
      expectAt(ruleError('/a/<int(min=1:x>'), '/a/<int(min=1:x>', 8, 'never closed', "')'");
    });

    it('an argument that does not parse: the column where that argument starts', () => {
      expectAt(ruleError('/<int(min=1 2):x>'), '/<int(min=1 2):x>', 7, 'cannot parse converter argument "min=1 2"');
      expectAt(ruleError('/<int(min=1,,max=2):x>'), '/<int(min=1,,max=2):x>', 13, 'cannot parse converter argument ",max=2"');
      expectAt(ruleError('/<any(a b):x>'), '/<any(a b):x>', 7, 'cannot parse converter argument "a b"');
    });

    it('an unterminated quote in an argument: the column of the quote, not of the space before it', () => {
      // The message quotes the argument from its first character; the column points there too.
      expectAt(ruleError('/<any(a, "b):x>'), '/<any(a, "b):x>', 10, 'cannot parse converter argument "\\"b"');
    });

    it('columns count in the rule as written even when its doubled slashes are merged', () => {
      expectAt(ruleError('//a/<foo:x>'), '//a/<foo:x>', 6, "unknown converter 'foo'");
      expectAt(ruleError('/a//<int(mn=1):x>'), '/a//<int(mn=1):x>', 6, "unexpected argument 'mn'");
    });
  });

  describe('unknown converter', () => {
    it('points at the converter name and suggests the closest built-in', () => {
      const err = ruleError('/a/<intt:x>');
      expectAt(err, '/a/<intt:x>', 5, "unknown converter 'intt'", "Did you mean 'int'?", 'addConverter');
      expectAt(ruleError('/x/<pth:p>'), '/x/<pth:p>', 5, "Did you mean 'path'?");
    });

    it('suggests a custom converter registered earlier', () => {
      const err = ruleError('/<hexx:h>', (map) => map.addConverter('hex', { toValue: (t) => t, toUrl: String }));
      expectAt(err, '/<hexx:h>', 3, "unknown converter 'hexx'", "Did you mean 'hex'?");
    });

    it('suggests nothing when no converter is close, and lists the known ones', () => {
      const err = ruleError('/<zzzzzzzz:x>');
      expectAt(err, '/<zzzzzzzz:x>', 3, "unknown converter 'zzzzzzzz'", 'string, int, float, path, uuid, any');
      expect(err.message).not.to.contain('Did you mean');
    });

    it('a converter used before addConverter registers it is unknown', () => {
      const map = new UrlMap();
      expect(() => map.add('/<hex:h>', { endpoint: 'h' })).to.throw(RuleError, "unknown converter 'hex'");
      map.addConverter('hex', { toValue: (t) => t, toUrl: String });
      expect(() => map.add('/<hex:h>', { endpoint: 'h' })).not.to.throw();
    });

    it('a prototype key as converter name is an unknown converter, not a crash', () => {
      for (const name of ['constructor', 'toString', '__proto__', 'hasOwnProperty']) {
        expectAt(ruleError(`/<${name}:x>`), `/<${name}:x>`, 3, `unknown converter '${name}'`);
      }
    });
  });

  describe('bad converter arguments (the column of the converter)', () => {
    it('an argument the converter does not take', () => {
      expectAt(ruleError('/<int(mn=1):x>'), '/<int(mn=1):x>', 3, "unexpected argument 'mn'", 'fixed_digits, min, max, signed');
      expectAt(ruleError('/x/<path(x=1):p>'), '/x/<path(x=1):p>', 5, "unexpected argument 'x'");
    });

    it('more positional arguments than the converter takes', () => {
      expectAt(ruleError('/<int(1,2,3,4,5):x>'), '/<int(1,2,3,4,5):x>', 3, 'at most 4 arguments', 'got 5');
      expectAt(ruleError('/<uuid(1):x>'), '/<uuid(1):x>', 3, 'uuid()');
    });

    it('a value of the wrong kind', () => {
      expectAt(ruleError('/<int(min=1, max=x):n>'), '/<int(min=1, max=x):n>', 3, 'int(max=...) must be an integer');
      expectAt(ruleError('/<float(min=True):n>'), '/<float(min=True):n>', 3, 'float(min=...) must be a number');
      expectAt(ruleError('/<int(signed=1):n>'), '/<int(signed=1):n>', 3, 'True or False');
      expectAt(ruleError('/<string(length=0):s>'), '/<string(length=0):s>', 3, 'at least 1');
      expectAt(ruleError('/<int(fixed_digits=-1):n>'), '/<int(fixed_digits=-1):n>', 3, 'fixed_digits');
    });

    it('arguments that contradict each other, and any() without items', () => {
      expectAt(ruleError('/<string(3, 2):s>'), '/<string(3, 2):s>', 3, 'maxlength=2', 'minlength=3');
      expectAt(ruleError('/<any():x>'), '/<any():x>', 3, 'at least one item');
    });

    it('a custom converter given arguments', () => {
      const err = ruleError('/a/<hex(4):h>', (map) => map.addConverter('hex', { toValue: (t) => t, toUrl: String }));
      expectAt(err, '/a/<hex(4):h>', 5, "custom converter 'hex' takes no arguments");
    });
  });

  describe('missing leading slash', () => {
    it('column 1, and the fix spelled out', () => {
      expectAt(ruleError('users/<int:id>'), 'users/<int:id>', 1, "must start with '/'", 'Write "/users/<int:id>"');
    });

    it('the empty rule on a map (no blueprint prefix to stand for)', () => {
      expectAt(ruleError(''), '', 1, "must start with '/'", 'Write "/"');
    });
  });

  describe('duplicate variable names', () => {
    it('the column of the second use of the name', () => {
      expectAt(ruleError('/<x>/<x>'), '/<x>/<x>', 6, "variable name 'x' used twice");
    });

    it('whatever the converters, and within one segment', () => {
      expectAt(ruleError('/<int:id>/<string:id>'), '/<int:id>/<string:id>', 11, "'id' used twice");
      expectAt(ruleError('/<a>-<a>'), '/<a>-<a>', 6, "'a' used twice");
    });
  });

  it('a rule that failed to register leaves the map as it was', () => {
    const map = new UrlMap();
    map.add('/ok', { endpoint: 'ok' });
    expect(() => map.add('/bad/<nope:x>', { endpoint: 'bad' })).to.throw(RuleError);
    expect(map.rules.map((r) => r.rule)).to.deep.equal(['/ok']);
    expect(map.hasEndpoint('bad')).to.equal(false);
  });
});
