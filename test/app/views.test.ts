import '../guard.js';
import { expect } from '@esm-bundle/chai';
import { html } from 'lit';
import { PhialError, Response, wraps, type Request, type View } from '../../src/index.js';
import { captureErrors, makeApp } from './helpers.js';

describe('registering views', () => {
  it('takes the endpoint from the function name, or from { endpoint }', async () => {
    const app = makeApp();
    app.route('/', function index(req) { return String(req.endpoint); });
    const named = (req: Request) => String(req.endpoint);
    app.route('/named', named);
    app.route('/explicit', function whatever(req) { return String(req.endpoint); }, { endpoint: 'chosen' });
    app.addUrlRule('/added', 'added', (req) => String(req.endpoint));

    expect((await app.test.get('/')).html).to.equal('index');
    expect((await app.test.get('/named')).html).to.equal('named');
    expect((await app.test.get('/explicit')).html).to.equal('chosen');
    expect((await app.test.get('/added')).html).to.equal('added');
    expect(app.urlFor('chosen')).to.equal('/explicit');
  });

  it('refuses an anonymous view without an endpoint', () => {
    const app = makeApp();
    expect(() => app.route('/', (() => () => 'x')()))
      .to.throw(PhialError, 'The view of "/" is an anonymous function, so it has no endpoint name');
  });

  it('refuses one endpoint bound to two functions, and leaves no rule behind', () => {
    const app = makeApp();
    app.route('/a', function index() { return 'a'; });
    expect(() => app.route('/b', function index() { return 'b'; }))
      .to.throw(PhialError, "The endpoint 'index' is already bound to another view function (index)");
    expect(app.urlMap.rules.map((r) => r.rule)).to.deep.equal(['/a']);
  });

  it('lets one function serve several rules', async () => {
    const app = makeApp();
    function page(req: Request<{ n?: number }>) { return `page ${req.params.n ?? 1}`; }
    app.route('/', page);
    app.route('/p/<int:n>', page);
    expect((await app.test.get('/p/3')).html).to.equal('page 3');
    expect((await app.test.get('/')).html).to.equal('page 1');
  });

  it('keeps the endpoint of a view wrapped by a decorator with wraps()', async () => {
    const app = makeApp();
    const loginRequired = (view: View) => wraps(view, (req: Request) =>
      (req.query.get('user') ? view(req) : ['Please log in', 401] as const));
    app.route('/admin', loginRequired(function admin() { return 'Admin'; }));

    expect(app.viewFunctions.has('admin')).to.equal(true);
    expect((await app.test.get('/admin')).status).to.equal(401);
    expect((await app.test.get('/admin?user=ada')).html).to.equal('Admin');
  });

  it('registers GET by default, and shortcuts for the other methods', async () => {
    const app = makeApp();
    app.route('/', function index() { return 'get'; });
    app.post('/', function create() { return 'post'; });
    app.route('/both', function both(req) { return req.method; }, { methods: ['get', 'post'] });

    expect((await app.test.get('/')).html).to.equal('get');
    expect((await app.test.post('/')).html).to.equal('post');
    expect((await app.test.post('/both')).html).to.equal('POST');
    expect((await app.test.open('/both', { method: 'PUT' })).status).to.equal(405);
    expect(() => app.get('/x', function x() { return ''; }, { methods: ['POST'] } as never))
      .to.throw(PhialError, 'this shortcut fixes the method to GET');
  });
});

describe('view results', () => {
  it('shows a string as text: res.html escapes it', async () => {
    const app = makeApp();
    app.route('/', function index() { return '<b>not bold</b> & co'; });
    const res = await app.test.get('/');
    expect(res.body).to.equal('<b>not bold</b> & co');
    expect(res.html).to.equal('&lt;b&gt;not bold&lt;/b&gt; &amp; co');
    expect(res.status).to.equal(200);
  });

  it('renders a DOM Node as its outer HTML', async () => {
    const app = makeApp();
    app.route('/', function index() {
      const p = document.createElement('p');
      p.textContent = 'a < b';
      return p;
    });
    expect((await app.test.get('/')).html).to.equal('<p>a &lt; b</p>');
  });

  it('renders a lit TemplateResult with its values escaped, nested templates and lists included', async () => {
    const app = makeApp();
    app.route('/', function index() {
      const items = ['<x>', 'y'];
      return html`<h1>${'Tom & Jerry'}</h1><ul>${items.map((i) => html`<li>${i}</li>`)}</ul>`;
    });
    expect((await app.test.get('/')).html).to.equal('<h1>Tom &amp; Jerry</h1><ul><li>&lt;x&gt;</li><li>y</li></ul>');
  });

  it('accepts a Response and [body, status]', async () => {
    const app = makeApp();
    app.route('/r', function r() { return new Response('made', { status: 201, title: 'Made' }); });
    app.route('/t', function t() { return ['created', 201] as const; });
    app.route('/tr', function tr() { return [new Response('x', { title: 'T' }), 202] as const; });

    const r = await app.test.get('/r');
    expect([r.status, r.title, r.html]).to.deep.equal([201, 'Made', 'made']);
    const t = await app.test.get('/t');
    expect([t.status, t.html]).to.deep.equal([201, 'created']);
    const tr = await app.test.get('/tr');
    expect([tr.status, tr.title]).to.deep.equal([202, 'T']);
  });

  const invalid: Array<[string, () => unknown, string]> = [
    ['undefined', () => undefined, "The view 'bad' (endpoint 'bad') returned undefined, which is not a view result. Did you forget a return statement (or an await)?"],
    ['a boolean', () => true, "The view 'bad' (endpoint 'bad') returned a boolean (true), which is not a view result. A boolean often comes from `cond && value`"],
    ['a 1-element array', () => ['x'], "The view 'bad' (endpoint 'bad') returned an array of 1 item, which is not a view result. An array must be exactly [body, status]"],
    ['a 4-element array', () => ['x', 200, {}, 1], "returned an array of 4 items, which is not a view result. An array must be exactly [body, status]"],
    ['a list of templates', () => [html`a`, html`b`], 'To render a list of templates, wrap the list in one template: html`${items}`.'],
    ['a fetch Response', () => new globalThis.Response('x'), "returned a fetch Response, which is not a view result. It is the browser's fetch Response: import Phial's instead (import { Response } from 'phial')."],
    ['a number', () => 42, 'returned a number (42), which is not a view result'],
    ['a plain object', () => ({ a: 1 }), 'returned a plain object, which is not a view result'],
  ];
  for (const [what, result, message] of invalid) {
    it(`is an error that names the view for ${what}`, async () => {
      const app = makeApp({ testing: true });
      app.route('/', function bad() { return result() as never; });
      let caught: unknown = null;
      await app.test.get('/').catch((error) => { caught = error; });
      expect(caught).to.be.instanceOf(PhialError);
      expect((caught as Error).message).to.contain(message);
    });
  }

  it('is a 500 page when not testing', async () => {
    const app = makeApp();
    app.route('/', function bad() { return undefined as never; });
    const { result } = await captureErrors(() => app.test.get('/'));
    expect(result.status).to.equal(500);
  });

  it('refuses a status that is not an HTTP status', async () => {
    expect(() => new Response('x', { status: 1000 })).to.throw(PhialError, '1000 is not an HTTP status');
    const app = makeApp({ testing: true });
    app.route('/', function bad() { return ['x', 99] as const; });
    let caught: unknown = null;
    await app.test.get('/').catch((e) => { caught = e; });
    expect((caught as Error).message).to.contain("The view 'bad' (endpoint 'bad'): the status in [body, status]: 99 is not an HTTP status");
  });
});

describe('res.html of a text body', () => {
  it('is the text as the browser serialises it (innerHTML): &, <, > and no-break spaces escaped, quotes kept', async () => {
    const app = makeApp();
    const text = `say "don't" <b>&</b>\u00a0{"s":1}`;
    app.route('/t', function t() { return text; });
    const shown = document.createElement('div');
    shown.textContent = text;
    const res = await app.test.get('/t');
    expect(res.html).to.equal(shown.innerHTML);
    expect(res.html).to.equal('say "don\'t" &lt;b&gt;&amp;&lt;/b&gt;&nbsp;{"s":1}');
  });
});
