import '../guard.js';
import { expect } from '@esm-bundle/chai';
import { html } from 'lit';
import { Response, signals } from '../../src/index.js';
import { viewsOf } from '../../src/browser/render.js';
import { PhialOutlet } from '../../src/lit/index.js';
import { makeApp, mount, start, useCleanup, visit } from './helpers.js';

describe('<phial-outlet>', () => {
  useCleanup();

  it('shows a string body as characters, never as HTML', async () => {
    const app = start(makeApp());
    app.route('/', function index() { return '<b>x</b> & <img src=x>'; });
    const outlet = mount('phial-outlet');

    await visit(app, '/');

    expect(outlet.textContent).to.equal('<b>x</b> & <img src=x>');
    expect(outlet.querySelector('b, img')).to.equal(null);
  });

  it('inserts a Node body as it is', async () => {
    const app = start(makeApp());
    const node = document.createElement('section');
    node.textContent = 'built by hand';
    app.route('/', function index() { return node; });
    const outlet = mount('phial-outlet');

    await visit(app, '/');

    expect(outlet.querySelector('section')).to.equal(node);
  });

  it('renders a TemplateResult as markup, its values as text', async () => {
    const app = start(makeApp());
    app.route('/u/<name>', function user(req) { return html`<h1>Hello ${req.params.name}</h1>`; });
    const outlet = mount('phial-outlet');

    await visit(app, '/u/%3Cb%3E');

    expect(outlet.querySelector('h1')?.textContent).to.equal('Hello <b>');
    expect(outlet.querySelector('b')).to.equal(null);
  });

  it('shows a body that only looks like a template (set by an after hook) as text', async () => {
    const app = start(makeApp());
    app.route('/', function index() { return 'ok'; });
    app.afterRequest((res) => {
      (res as { body: unknown }).body = JSON.parse('{"_$litType$":1,"strings":["<img src=x>"],"values":[]}');
    });
    const outlet = mount('phial-outlet');

    await visit(app, '/');

    expect(outlet.querySelector('img')).to.equal(null);
    expect(outlet.textContent).to.equal('[object Object]');
  });

  it('shows nothing for a null body', async () => {
    const app = start(makeApp());
    app.route('/', function index() { return 'Home'; });
    app.route('/empty', function empty() { return new Response(null); });
    const outlet = mount('phial-outlet');

    await visit(app, '/');
    await visit(app, '/empty');

    expect(outlet.textContent).to.equal('');
  });

  it('replaces one page with the next', async () => {
    const app = start(makeApp());
    app.route('/a', function a() { return html`<p id="a">A</p>`; });
    app.route('/b', function b() { return 'B'; });
    const outlet = mount('phial-outlet');

    await visit(app, '/a');
    expect(outlet.querySelector('#a')).to.not.equal(null);
    await visit(app, '/b');

    expect(outlet.querySelector('#a')).to.equal(null);
    expect(outlet.textContent).to.equal('B');
  });

  it('keeps its own children until the first page replaces them', async () => {
    const app = makeApp();
    app.route('/', function index() { return 'Home'; });
    const outlet = mount('phial-outlet', (el) => { el.textContent = 'Loading…'; });
    await outlet.updateComplete;
    expect(outlet.textContent).to.equal('Loading…');

    start(app);
    await visit(app, '/');

    expect(outlet.textContent).to.equal('Home');
  });

  it('connected before its app starts, shows the first page the app renders', async () => {
    const app = makeApp();
    app.route('/', function index() { return 'First'; });
    const outlet = mount('phial-outlet');

    start(app);
    await visit(app, '/');

    expect(outlet.textContent).to.equal('First');
  });

  it('connected after its app rendered, shows app.current at once', async () => {
    const app = start(makeApp());
    app.route('/', function index() { return 'Already here'; });
    await visit(app, '/');

    const outlet = mount('phial-outlet');
    await outlet.updateComplete;

    expect(outlet.textContent).to.equal('Already here');
  });

  it('shows the app set on its app property, not the current app', async () => {
    const current = start(makeApp());
    const other = makeApp();
    current.route('/', function index() { return 'current'; });
    other.route('/', function index() { return 'other'; });
    const ofOther = mount('phial-outlet', (el) => { el.app = other; });
    const ofCurrent = mount('phial-outlet');

    await visit(current, '/');
    expect(ofCurrent.textContent).to.equal('current');
    expect(ofOther.textContent).to.equal('');

    await visit(other, '/');
    expect(ofOther.textContent).to.equal('other');
    expect(ofCurrent.textContent).to.equal('current');
  });

  it('takes an app assigned before the element was defined', async () => {
    const app = makeApp();
    app.route('/', function index() { return 'upgraded'; });
    await visit(app, '/');
    const early = document.createElement('test-late-outlet') as HTMLElement & { app?: unknown };
    early.app = app;
    document.body.append(early);
    try {
      customElements.define('test-late-outlet', class extends PhialOutlet {});
      const outlet = early as unknown as PhialOutlet;
      await outlet.updateComplete;

      expect(outlet.app).to.equal(app);
      expect(outlet.textContent).to.equal('upgraded');
    } finally {
      early.remove();
    }
  });

  it('re-renders with the current page of the app its app property changes to', async () => {
    const first = makeApp();
    const second = makeApp();
    const third = makeApp();
    first.route('/', function index() { return 'first'; });
    second.route('/', function index() { return 'second'; });
    await visit(first, '/');
    await visit(second, '/');
    const outlet = mount('phial-outlet', (el) => { el.app = first; });
    await outlet.updateComplete;
    expect(outlet.textContent).to.equal('first');

    outlet.app = second;
    await outlet.updateComplete;
    expect(outlet.textContent).to.equal('second');

    outlet.app = third;
    await outlet.updateComplete;
    expect(outlet.textContent).to.equal('');
  });

  it('sends beforeRenderTemplate, then templateRendered once the page shows, from the app', async () => {
    const app = start(makeApp());
    app.route('/', function index() { return 'Signalled'; });
    const outlet = mount('phial-outlet');
    const seen: Array<[string, unknown, unknown, unknown, string | null]> = [];
    const offBefore = signals.beforeRenderTemplate.connect((sender, { request, response }) => {
      seen.push(['before', sender, request, response, outlet.textContent]);
    });
    const offAfter = signals.templateRendered.connect((sender, { request, response }) => {
      seen.push(['after', sender, request, response, outlet.textContent]);
    });
    try {
      const page = await visit(app, '/');
      expect(seen).to.deep.equal([
        ['before', app, page.request, page.response, ''],
        ['after', app, page.request, page.response, 'Signalled'],
      ]);
    } finally {
      offBefore();
      offAfter();
    }
  });

  it('renders one committed page once, however often it is handed the page', async () => {
    const app = start(makeApp());
    app.route('/', function index() { return 'Once'; });
    const outlet = mount('phial-outlet');
    let renders = 0;
    const off = signals.templateRendered.connect(() => { renders++; }, { sender: app });
    try {
      await visit(app, '/');
      outlet.remove();
      document.body.append(outlet);
      await outlet.updateComplete;
      expect(renders).to.equal(1);
      expect(outlet.textContent).to.equal('Once');
    } finally {
      off();
    }
  });

  it('is the element the navigator moves focus into; a flash list is not', async () => {
    const app = start(makeApp());
    const outlet = mount('phial-outlet');
    mount('phial-flashes');

    expect(viewsOf(app).map((view) => view.element).filter(Boolean)).to.deep.equal([outlet]);
  });

  it('stops showing the app once disconnected', async () => {
    const app = start(makeApp());
    app.route('/a', function a() { return 'A'; });
    app.route('/b', function b() { return 'B'; });
    const outlet = mount('phial-outlet');
    await visit(app, '/a');

    outlet.remove();
    await visit(app, '/b');

    expect(outlet.textContent).to.equal('A');
  });
});
