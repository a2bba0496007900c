import '../guard.js';
/*
 * Flask 3.1 tests/test_converters.py, ported to Phial (SPEC §3: custom converters).
 * Nothing is skipped. A Werkzeug converter class is `app.addConverter(name, { toValue, toUrl })`.
 */
import { expect } from '@esm-bundle/chai';
import {
  session,
  urlFor,
} from '../../src/index.js';
import { flaskApp } from './helpers.js';

describe('Flask test_converters.py', () => {
  it('test_custom_converters: a list converter matches and builds', async () => {
    const app = flaskApp();
    app.addConverter('list', {
      toValue: (value) => value.split(','),
      toUrl: (value) => (value as unknown[]).map(String).join(','),
    });
    app.route('/<list:args>', function index(req) { return (req.params.args as unknown as string[]).join('|'); });

    expect((await app.test.get('/1,2,3')).html).to.equal('1|2|3');
    expect(app.urlFor('index', { args: [4, 5, 6] })).to.equal('/4,5,6');
  });

  it('test_context_available: a converter runs inside the request, where session and urlFor work', async () => {
    const app = flaskApp();
    app.route('/', function home() { return ''; });
    const seen: unknown[] = [];
    app.addConverter('ctx', {
      toValue(value) {
        seen.push(session.get('missing'), urlFor('home'));
        return value;
      },
      toUrl: (value) => String(value),
    });
    app.get('/<ctx:name>', function index(req) { return String(req.params.name); });

    expect((await app.test.get('/admin')).html).to.equal('admin');
    expect(seen).to.deep.equal([undefined, '/']);
  });
});
