import '../guard.js';
import { expect } from '@esm-bundle/chai';
import {
  abort, Blueprint, BuildError, Phial, PhialError, Response, redirect, urlFor, memorySession, memoryStore, signals, RuleError,
} from '../../src/index.js';
import { captureErrors } from '../app/helpers.js';

function mk(opts = {}) { return new Phial({ flashStore: memoryStore(), session: memorySession(), ...opts }); }

describe('audit: ', () => {
  it('layouts nest and keep status/title; not redirects nor before answers nor abort(response)', async () => {
    const app = mk();
    const outer = new Blueprint('outer', { urlPrefix: '/o' });
    const inner = new Blueprint('inner', { urlPrefix: '/i' });
    app.layout((body) => `A(${body})`);
    outer.layout((body) => `O(${body})`);
    inner.layout((body) => `I(${body})`);
    inner.route('/v', function v() { return new Response('v', { status: 201, title: 'T' }); });
    inner.route('/r', function r() { return redirect('/x'); });
    inner.route('/ab', function ab() { abort(new Response('raw', { status: 409 })); });
    inner.route('/e', function e() { abort(404); });
    inner.errorHandler(410, () => ['gone', 410]);
    inner.route('/g', function g() { abort(410); });
    outer.registerBlueprint(inner);
    app.registerBlueprint(outer);
    app.route('/b', function b() { return 'b'; });
    app.beforeRequest((req) => (req.query.has('short') ? 'short' : undefined));
    const v = await app.test.get('/o/i/v');
    expect([v.body, v.status, v.title]).to.deep.equal(['A(O(I(v)))', 201, 'T']);
    const r = await app.test.get('/o/i/r');
    expect(r.status).to.equal(302); expect(r.html).to.equal('');
    expect((await app.test.get('/o/i/ab')).body).to.equal('raw');
    expect((await app.test.get('/o/i/v?short')).body).to.equal('short');
    const e = await app.test.get('/o/i/e');
    expect(e.status).to.equal(404);
    expect(String(e.body)).to.not.contain('I(');
    expect(e.html.startsWith('A(')).to.equal(true);
    expect((await app.test.get('/o/i/g')).body).to.equal('A(O(I(gone)))');
    const nf = await app.test.get('/nope');
    expect(nf.status).to.equal(404);
    expect(nf.html.startsWith('A(')).to.equal(true);
  });
  it('second layout is an error', () => {
    const app = mk();
    app.layout((b) => b as string);
    expect(() => app.layout((b) => b as string)).to.throw(PhialError);
  });
  it('lazy blueprint', async () => {
    const app = mk();
    let loads = 0;
    const loader = async () => { loads++; const bp = new Blueprint('admin'); bp.route('/users', function users() { return 'users'; }); return { default: bp }; };
    app.registerBlueprint(loader, { name: 'admin', urlPrefix: '/admin' });
    app.route('/', function index() { return 'i'; });
    let err: unknown;
    try { app.urlFor('admin.users'); } catch (e) { err = e; }
    expect(err).to.be.instanceOf(BuildError);
    expect(String(err)).to.contain('loadBlueprint');
    const [a, b] = await Promise.all([app.test.get('/admin/users'), app.test.get('/admin/users')]);
    expect(a.html).to.equal('users'); expect(b.html).to.equal('users');
    expect(loads).to.equal(1);
    expect(app.urlFor('admin.users')).to.equal('/admin/users');
  });
  it('lazy loader failing gives 500 and is retried', async () => {
    const app = mk();
    let n = 0;
    app.registerBlueprint(async () => { n++; if (n === 1) throw new Error('net'); const bp = new Blueprint('adm'); bp.route('/', function idx() { return 'ok'; }); return bp; }, { name: 'adm', urlPrefix: '/adm' });
    const { result } = await captureErrors(() => app.test.get('/adm/'));
    expect(result.status).to.equal(500);
    expect((await app.test.get('/adm/')).html).to.equal('ok');
  });
  it('loadBlueprint ahead of time', async () => {
    const app = mk();
    app.registerBlueprint(async () => { const bp = new Blueprint('x'); bp.route('/', function idx() { return 'ok'; }); return bp; }, { name: 'x', urlPrefix: '/x' });
    await app.loadBlueprint('x');
    expect(app.urlFor('x.idx')).to.equal('/x/');
  });
  it('lazy without name/prefix is error', () => {
    const app = mk();
    expect(() => app.registerBlueprint((async () => new Blueprint('q')) as never)).to.throw(PhialError);
  });
  it('changing a blueprint after registration is an error', () => {
    const app = mk();
    const bp = new Blueprint('bp');
    app.registerBlueprint(bp);
    expect(() => bp.route('/late', function late() { return ''; })).to.throw(PhialError);
    expect(() => bp.beforeRequest(() => {})).to.throw(PhialError);
  });
  it('routes after start/dispatch allowed', async () => {
    const app = mk();
    app.route('/', function index() { return ''; });
    await app.test.get('/');
    app.route('/late', function late() { return 'late'; });
    expect((await app.test.get('/late')).html).to.equal('late');
    const bp = new Blueprint('lb', { urlPrefix: '/lb' });
    bp.route('/', function idx() { return 'lb'; });
    app.registerBlueprint(bp);
    expect((await app.test.get('/lb/')).html).to.equal('lb');
  });
  it('after hook returns a new Response / mutates', async () => {
    const app = mk();
    app.afterRequest((res) => { res.title = 'T'; });
    app.afterRequest((res) => new Response(`new ${res.body}`, { status: 202 }));
    app.route('/', function index() { return 'x'; });
    const r = await app.test.get('/');
    expect([r.body, r.status, r.title]).to.deep.equal(['new x', 202, 'T']);
  });
  it('blueprint endpoint with a dot errors', () => {
    const bp = new Blueprint('bp');
    expect(() => bp.route('/', function idx() { return ''; }, { endpoint: 'a.b' })).to.throw(PhialError);
  });
  it('nested url prefix combos (Flask test_nesting_url_prefixes)', async () => {
    const combos: Array<[string | undefined, string | undefined, string | undefined, string | undefined]> = [
      ['/parent', '/child', undefined, undefined], ['/parent', undefined, undefined, '/child'],
      [undefined, undefined, '/parent', '/child'], ['/other', '/something', '/parent', '/child']];
    for (const [pi, ci, pr, cr] of combos) {
      const app = mk();
      const parent = new Blueprint('parent', { urlPrefix: pi });
      const child = new Blueprint('child', { urlPrefix: ci });
      child.route('/', function index() { return 'index'; });
      parent.registerBlueprint(child, { urlPrefix: cr });
      app.registerBlueprint(parent, { urlPrefix: pr });
      expect((await app.test.get('/parent/child/')).status, JSON.stringify([pi, ci, pr, cr])).to.equal(200);
    }
  });
  it('blueprint prefix slash (Flask test_blueprint_prefix_slash)', async () => {
    const combos = [['', '/', '/'], ['/', '', '/'], ['/', '/', '/'], ['/foo', '', '/foo'], ['/foo/', '', '/foo/'], ['', '/bar', '/bar'],
      ['/foo/', '/bar', '/foo/bar'], ['/foo/', 'bar', '/foo/bar'], ['/foo', '/bar', '/foo/bar'], ['/foo/', '//bar', '/foo/bar'], ['/foo//', '/bar', '/foo/bar']];
    for (const [prefix, rule, url] of combos) {
      const app = mk();
      const bp = new Blueprint('test', { urlPrefix: prefix });
      bp.route(rule, function index() { return ['', 204]; });
      app.registerBlueprint(bp);
      expect((await app.test.get(url)).status, JSON.stringify([prefix, rule, url])).to.equal(204);
    }
  });
  it('Response from handler with status tuple in blueprint', async () => {
    const app = mk();
    const bp = new Blueprint('bp');
    class MyErr extends Error {}
    bp.appErrorHandler(MyErr, () => ['app-wide', 418]);
    bp.route('/bp', function bpv() { throw new MyErr(); });
    app.route('/a', function a() { throw new MyErr(); });
    app.registerBlueprint(bp);
    expect((await app.test.get('/a')).status).to.equal(418);
    expect((await app.test.get('/bp')).html).to.equal('app-wide');
  });
  it('test client post with plain object and FormData; html of Node', async () => {
    const app = mk();
    app.route('/f', function f(req) { return `${req.method} ${req.form?.get('a')} ${req.form?.getAll('b').join(',')}`; }, { methods: ['POST'] });
    app.route('/n', function n() { const el = document.createElement('p'); el.textContent = 'a<b'; return el; });
    expect((await app.test.post('/f', { a: '1', b: ['2', '3'] } as any)).html).to.equal('POST 1 2,3');
    const fd = new FormData(); fd.append('a', 'x');
    expect((await app.test.post('/f', fd)).html).to.equal('POST x ');
    expect((await app.test.get('/n')).html).to.equal('<p>a&lt;b</p>');
  });
  it('test client followRedirects false returns redirect', async () => {
    const app = mk();
    app.route('/a', function a() { return redirect(urlFor('b')); });
    app.route('/b', function b() { return 'b'; });
    const r = await app.test.get('/a');
    expect(r.status).to.equal(302); expect(r.location).to.equal('/b');
    expect((await app.test.get('/a', { followRedirects: true })).html).to.equal('b');
  });
  it('defaults redirect: long URL with default value redirects to short', async () => {
    const app = mk();
    function page(req: any) { return `p${req.params.n}`; }
    app.route('/page/', page, { defaults: { n: 1 } });
    app.route('/page/<int:n>', page);
    expect(app.urlFor('page', { n: 1 })).to.equal('/page/');
    expect(app.urlFor('page', { n: 2 })).to.equal('/page/2');
    const r = await app.test.get('/page/1');
    expect(r.status).to.equal(308); expect(r.location).to.equal('/page/');
  });
  it('routing redirects skip hooks', async () => {
    const app = mk();
    const log: string[] = [];
    app.beforeRequest(() => { log.push('b'); });
    app.teardownRequest(() => { log.push('t'); });
    const d = signals.requestStarted.connect(() => { log.push('s'); }, { sender: app });
    app.route('/s/', function s() { return ''; });
    const r = await app.test.get('/s');
    d();
    expect(r.status).to.equal(308);
    expect(log).to.deep.equal([]);
  });
});
