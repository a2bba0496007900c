import '../guard.js';
import { expect } from '@esm-bundle/chai';
import { BuildError, PhialError, Request } from '../../src/index.js';
import { makeApp } from './helpers.js';

describe('the request', () => {
  it('carries url, path, method, params, query, hash, form, endpoint, state and signal', async () => {
    const app = makeApp();
    let seen: Request<{ id: number }> | null = null;
    app.route('/u/<int:id>', function user(req) { seen = req; return 'ok'; }, { methods: ['GET', 'POST'] });

    await app.test.post('/u/7?tab=posts&tab=likes#top', { name: 'Ada', tags: ['a', 'b'] }, { state: { from: 'test' } });

    const req = seen as unknown as Request<{ id: number }>;
    expect(req.url).to.be.instanceOf(URL);
    expect(req.url.pathname).to.equal('/u/7');
    expect(req.path).to.equal('/u/7');
    expect(req.fullPath).to.equal('/u/7?tab=posts&tab=likes#top');
    expect(req.method).to.equal('POST');
    expect(req.params).to.deep.equal({ id: 7 });
    expect(req.query.getAll('tab')).to.deep.equal(['posts', 'likes']);
    expect(req.hash).to.equal('#top');
    expect(req.form?.get('name')).to.equal('Ada');
    expect(req.form?.getAll('tags')).to.deep.equal(['a', 'b']);
    expect(req.endpoint).to.equal('user');
    expect(req.urlRule?.rule).to.equal('/u/<int:id>');
    expect(req.state).to.deep.equal({ from: 'test' });
    expect(req.signal).to.be.instanceOf(AbortSignal);
    expect(req.app).to.equal(app);
  });

  it('has no form on a GET: a form given to a GET goes to the query, as a browser does', async () => {
    const app = makeApp();
    app.route('/search', function search(req) { return `${req.form === null} ${req.query.get('q')}`; });
    expect((await app.test.get('/search')).html).to.equal('true null');
    expect((await app.test.open('/search', { form: { q: 'cats' } })).html).to.equal('true cats');
    const data = new FormData();
    data.append('q', 'dogs');
    expect((await app.test.open('/search', { form: data })).html).to.equal('true dogs');
  });

  it('takes a full URL of any origin in the test client, and treats a path as a path', async () => {
    const app = makeApp();
    app.route('/x', function x(req) { return req.fullPath; });
    app.route('/', function index() { return 'root'; });
    expect((await app.test.get('http://localhost/x?a=1')).html).to.equal('/x?a=1');
    // '//x' is a path with a leading '//', which redirects to '/x', not a host.
    const res = await app.test.get('//x');
    expect(res.status).to.equal(308);
  });
});

describe('the base', () => {
  it('is stripped before matching and prefixed by urlFor; /app and /app/ are the same base', async () => {
    for (const base of ['/app', '/app/']) {
      const app = makeApp({ base });
      app.route('/', function index(req) { return `${req.path} ${req.url.pathname} ${req.urlFor('item', { id: 3 })}`; });
      app.route('/item/<int:id>', function item(req) { return `${req.path}`; });
      expect(app.base).to.equal('/app');
      expect((await app.test.get('/app/')).html).to.equal('/ /app/ /app/item/3');
      // The bare base redirects to the base's root, as Werkzeug does for an empty PATH_INFO.
      const bare = await app.test.get('/app');
      expect([bare.status, bare.location]).to.deep.equal([308, '/app/']);
      expect((await app.test.get('/app', { followRedirects: true })).html).to.equal('/ /app/ /app/item/3');
      expect((await app.test.get('/app/item/3')).html).to.equal('/item/3');
      expect((await app.test.get('/item/3')).status).to.equal(404);
      expect((await app.test.get('/application')).status).to.equal(404);
      expect(app.urlFor('item', { id: 4 }, { anchor: 'top' })).to.equal('/app/item/4#top');
    }
  });

  it('keeps the base and the hash in a routing redirect', async () => {
    const app = makeApp({ base: '/app' });
    app.route('/dir/', function dir() { return 'dir'; });
    const res = await app.test.get('/app/dir?x=1#h');
    expect([res.status, res.location]).to.deep.equal([308, '/app/dir/?x=1#h']);
  });

  it('must be a path', () => {
    expect(() => makeApp({ base: 'app' })).to.throw(PhialError, "the base is the path the app is mounted under, starting with one '/'");
    expect(() => makeApp({ base: 'https://x.test/app' })).to.throw(PhialError, 'no origin, query or hash');
  });

  it('names the app when no name is given', () => {
    expect(makeApp({ base: '/shop/' }).name).to.equal('/shop');
    expect(makeApp().name).to.equal('/');
    expect(makeApp({ name: 'mine' }).name).to.equal('mine');
  });
});

describe('urlFor', () => {
  it('runs urlDefaults hooks before building: app first, then blueprints outer to inner', async () => {
    const { Blueprint } = await import('../../src/index.js');
    const app = makeApp();
    const log: string[] = [];
    const parent = new Blueprint('parent');
    const child = new Blueprint('child');
    app.urlDefaults((endpoint) => { log.push(`app ${endpoint}`); });
    parent.urlDefaults(() => { log.push('parent'); });
    child.urlDefaults((endpoint, values) => { log.push('child'); values.page ??= 1; });
    child.route('/list/<int:page>', function list() { return ''; });
    parent.registerBlueprint(child);
    app.registerBlueprint(parent);

    const values = { extra: 'x' };
    expect(app.urlFor('parent.child.list', values)).to.equal('/list/1?extra=x');
    expect(values).to.deep.equal({ extra: 'x' });
    expect(log).to.deep.equal(['app parent.child.list', 'parent', 'child']);
  });

  it('refuses a urlDefaults hook that returns a promise', () => {
    const app = makeApp();
    app.route('/', function index() { return ''; });
    app.urlDefaults(async function slowDefaults() {});
    expect(() => app.urlFor('index')).to.throw(PhialError, "The urlDefaults hook 'slowDefaults' returned a promise: urlDefaults hooks are synchronous");
  });

  it('throws a BuildError for an unknown endpoint', () => {
    const app = makeApp();
    app.route('/', function index() { return ''; });
    expect(() => app.urlFor('indx')).to.throw(BuildError);
  });

  it('forwards addConverter to the map', async () => {
    const app = makeApp();
    app.addConverter('list', { toValue: (text) => text.split(','), toUrl: (value) => (value as string[]).join(',') });
    app.route('/l/<list:items>', function items(req) { return (req.params.items as string[]).join('|'); });
    expect((await app.test.get('/l/a,b')).html).to.equal('a|b');
    expect(app.urlFor('items', { items: ['x', 'y'] })).to.equal('/l/x,y');
  });
});
