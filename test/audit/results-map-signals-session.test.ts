import '../guard.js';
import { expect } from '@esm-bundle/chai';
import { html } from 'lit';
import {
  abort, Blueprint, BuildError, Phial, PhialError, Response, redirect, urlFor, memorySession, memoryStore, signals, Signal,
  RequestRedirect, NotFound, MethodNotAllowed, BadRequest, sessionStorageStore, sessionStorageSession,
} from '../../src/index.js';
import { captureErrors } from '../app/helpers.js';

function mk(opts = {}) { return new Phial({ flashStore: memoryStore(), session: memorySession(), ...opts }); }

describe('audit: ', () => {
  it('view returning null / number / list of templates', async () => {
    const app = mk({ testing: true });
    app.route('/n', function nullView() { return null as never; });
    app.route('/num', function numView() { return 5 as never; });
    app.route('/l', function listView() { return [html`<p>a</p>`, html`<p>b</p>`] as never; });
    for (const [u, name] of [['/n', 'nullView'], ['/num', 'numView'], ['/l', 'listView']]) {
      let err: unknown;
      try { await app.test.get(u); } catch (e) { err = e; }
      expect(err, u).to.be.instanceOf(PhialError);
      expect(String(err), u).to.contain(name);
    }
    let err: unknown;
    try { await app.test.get('/l'); } catch (e) { err = e; }
    expect(String(err)).to.match(/one template|wrap/i);
  });
  it('TemplateResult html', async () => {
    const app = mk();
    app.route('/', function index() { return html`<h1>${'a<b'}</h1><ul>${[1, 2].map((i) => html`<li>${i}</li>`)}</ul>`; });
    expect((await app.test.get('/')).html).to.equal('<h1>a&lt;b</h1><ul><li>1</li><li>2</li></ul>');
  });
  it('BuildError: unknown endpoint suggestion, missing values', () => {
    const app = mk();
    app.route('/u/<int:id>', function user() { return ''; });
    let e1: any; try { app.urlFor('usr'); } catch (e) { e1 = e; }
    expect(e1).to.be.instanceOf(BuildError);
    expect(e1.suggestion).to.equal('user');
    expect(e1.message).to.contain('user');
    let e2: any; try { app.urlFor('user'); } catch (e) { e2 = e; }
    expect(e2).to.be.instanceOf(BuildError);
    expect(e2.message).to.contain('id');
  });
  it('urlMap.match errors and RequestRedirect', () => {
    const app = mk();
    app.route('/s/', function s() { return ''; });
    app.route('/p', function p() { return ''; }, { methods: ['POST'] });
    let e: any;
    try { app.urlMap.match('/s?x=1'); } catch (x) { e = x; }
    expect(e).to.be.instanceOf(RequestRedirect);
    expect(e.code).to.equal(308);
    expect(e.newUrl).to.equal('/s/?x=1');
    expect(() => app.urlMap.match('/nope')).to.throw(NotFound);
    expect(() => app.urlMap.match('/p')).to.throw(MethodNotAllowed);
    expect(() => app.urlMap.match('/%zz')).to.throw(BadRequest);
    expect(app.urlMap.match('/p', 'POST').endpoint).to.equal('p');
  });
  it('urlMap.build query', () => {
    const app = mk({ base: '/app' });
    app.route('/u/<int:id>', function user() { return ''; });
    expect(app.urlMap.build('user', { id: 3, q: 'x' })).to.equal('/u/3?q=x');
    expect(app.urlFor('user', { id: 3, q: 'x' })).to.equal('/app/u/3?q=x');
  });
  it('throwing signal receiver reported, others run, navigation continues', async () => {
    const app = mk();
    const got: string[] = [];
    const d1 = signals.requestStarted.connect(() => { throw new Error('bad receiver'); }, { sender: app });
    const d2 = signals.requestStarted.connect(() => { got.push('second'); }, { sender: app });
    app.route('/', function index() { return 'ok'; });
    const { result, reports } = await captureErrors(() => app.test.get('/'));
    d1(); d2();
    expect(result.html).to.equal('ok');
    expect(got).to.deep.equal(['second']);
    expect(reports.length).to.be.greaterThan(0);
  });
  it('rejected receiver promise reported', async () => {
    const s = new Signal('s');
    s.connect(async () => { throw new Error('async bad'); });
    const { reports } = await captureErrors(async () => { s.send(null, {}); await new Promise((r) => setTimeout(r, 10)); });
    expect(reports.length).to.equal(1);
  });
  it('session values are JSON copies', async () => {
    const app = mk();
    const obj: any = { a: 1 };
    await app.session.set('k', obj);
    obj.a = 2;
    expect(app.session.get('k')).to.deep.equal({ a: 1 });
    const got: any = app.session.get('k');
    got.a = 3;
    expect(app.session.get('k')).to.deep.equal({ a: 1 });
  });
  it('flash message read back as JSON copy', async () => {
    const app = mk();
    const msg: any = { t: 'x', d: new Date(0) };
    let shown: any[] = [];
    app.route('/set', function set(req) { req.flash(msg); msg.t = 'y'; return ''; });
    app.route('/get', function get(req) { shown = req.getFlashedMessages(); return ''; });
    await app.test.get('/set'); await app.test.get('/get');
    expect(shown).to.deep.equal([{ t: 'x', d: '1970-01-01T00:00:00.000Z' }]);
  });
  it('two apps with default stores keep apart (name from base)', async () => {
    const tag = Math.random().toString(36).slice(2);
    const a = new Phial({ base: `/one${tag}` });
    const b = new Phial({ base: `/two${tag}` });
    let sa: unknown[] = []; let sb: unknown[] = [];
    a.route('/set', function set(req) { req.flash('from a'); return ''; });
    a.route('/get', function get(req) { sa = req.getFlashedMessages(); return ''; });
    b.route('/get', function get(req) { sb = req.getFlashedMessages(); return ''; });
    await a.test.get(`/one${tag}/set`);
    await b.test.get(`/two${tag}/get`);
    await a.test.get(`/one${tag}/get`);
    expect(sb).to.deep.equal([]);
    expect(sa).to.deep.equal(['from a']);
    await a.session.set('x', 1);
    expect(b.session.get('x')).to.equal(undefined);
    await a.session.clear();
  });
  it('app.flash outside request', async () => {
    const app = mk();
    let s: unknown[] = [];
    app.route('/get', function get(req) { s = req.getFlashedMessages(); return ''; });
    await app.flash('outside', 'info');
    await app.test.get('/get');
    expect(s).to.deep.equal(['outside']);
  });
  it('hash mode: urlFor gives #/ hrefs and test client accepts both', async () => {
    const app = mk({ history: 'hash' });
    app.route('/users/<int:id>', function user(req) { return `u${req.params.id}`; });
    app.route('/r', function r() { return redirect(urlFor('user', { id: 7 })); });
    expect(app.urlFor('user', { id: 7 })).to.equal('#/users/7');
    expect((await app.test.get('/users/7')).html).to.equal('u7');
    expect((await app.test.get('#/users/7')).html).to.equal('u7');
    expect((await app.test.get('/r', { followRedirects: true })).html).to.equal('u7');
  });
  it('beforeFirstRequest before first before hooks, awaited', async () => {
    const app = mk();
    const log: string[] = [];
    app.beforeFirstRequest(async () => { await new Promise((r) => setTimeout(r, 5)); log.push('first'); });
    app.beforeRequest(() => { log.push('before'); });
    app.route('/', function index() { return ''; });
    await Promise.all([app.test.get('/'), app.test.get('/')]);
    expect(log).to.deep.equal(['first', 'before', 'before']);
  });
  it('an after hook error on the 500 page is only reported', async () => {
    const app = mk();
    app.afterRequest(() => { throw new Error('after'); });
    app.errorHandler(500, () => ['Hello Server Error', 500]);
    app.route('/', function index() { return 'Foo'; });
    const { result } = await captureErrors(() => app.test.get('/'));
    expect(result.status).to.equal(500);
    expect(result.html).to.equal('Hello Server Error');
  });
  it('before hook error goes to error handlers', async () => {
    const app = mk();
    app.beforeRequest(() => { throw new RangeError('x'); });
    app.errorHandler(RangeError, () => ['range', 400]);
    app.route('/', function index() { return 'Foo'; });
    const r = await app.test.get('/');
    expect([r.status, r.html]).to.deep.equal([400, 'range']);
  });
  it('teardown errors reported never thrown', async () => {
    const app = mk({ testing: true });
    app.teardownRequest(() => { throw new Error('td'); });
    app.route('/', function index() { return 'Foo'; });
    const { result, reports } = await captureErrors(() => app.test.get('/'));
    expect(result.html).to.equal('Foo');
    expect(reports.length).to.be.greaterThan(0);
  });
});
