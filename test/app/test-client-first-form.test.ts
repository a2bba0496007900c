import '../guard.js';
// The page's very first test-client call (the request building loads on first use): the form is
// the one given at the call, as on every later call, even when the caller changes it before the
// request is made.
import { expect } from '@esm-bundle/chai';
import { Phial, type Request } from '../../src/index.js';

describe('the test client\'s first call', () => {
  it('sends the form as it stood at the call, a plain object and a FormData alike', async () => {
    const app = new Phial({ testing: true });
    app.route('/f', function f(req: Request) { return [...req.form!].map(([k, v]) => `${k}=${String(v)}`).join('&'); }, { methods: ['POST'] });
    const object: Record<string, string | string[]> = { x: '1', y: ['2'] };
    const data = new FormData();
    data.append('z', '1');
    const first = app.test.post('/f', object);
    const second = app.test.post('/f', data);
    object.x = '2';
    (object.y as string[]).push('3');
    data.append('z', '2');
    expect((await first).body).to.equal('x=1&y=2');
    expect((await second).body).to.equal('z=1');
  });
});
