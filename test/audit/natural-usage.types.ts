import { html } from 'lit';
import {
  abort, Blueprint, flash, getFlashedMessages, HTTPException, InternalServerError, NotFound, Phial, redirect, Response, session, signals, Signal, urlFor,
  isNavigationFailure, memoryStore, memorySession, type Request,
} from '../../src/index.js';
import { indexedDBStore, indexedDBSession } from '../../src/idb/index.js';

const app = new Phial({ testing: true, flashStore: memoryStore(), session: memorySession() });
app.route('/', function index() { return 'Hello'; });
app.route('/u/<int:id>', function user(req) { return `user ${req.params.id * 2}`; });
app.route('/t', function tpl() { return html`<h1>${'x'}</h1>`; });
app.route('/tuple', function tuple() { return ['x', 404]; });
app.route('/tuple2', () => [html`<p>x</p>`, 201], { endpoint: 'tuple2' });
app.route('/cond', function cond(req) { if (req.query.has('a')) return redirect(urlFor('index')); return ['x', 400]; });
app.route('/r', function r() { return new Response('x', { status: 201, title: 'T' }); });
app.route('/async', async function asyncView(req) { await Promise.resolve(); return req.method; }, { methods: ['GET', 'POST'] });
app.route('/abort', function ab() { abort(404); });
app.route('/node', function node() { return document.createElement('div'); });
app.route('/flash', function fl(req) { flash('x'); flash({ a: 1 }, 'error'); req.flash('y', 'info'); return ''; });
app.route('/msgs', function msgs(req) {
  const m: unknown[] = getFlashedMessages();
  const pairs = getFlashedMessages({ withCategories: true });
  const c: string = pairs[0]![0];
  const f = req.getFlashedMessages({ categoryFilter: ['error'] });
  return `${m.length} ${c} ${f.length}`;
});
app.route('/sess', async function sess(req) {
  await session.set('a', 1);
  const v = session.get('a');
  await req.app.session.delete('a');
  return String(v) + String(session.has('a'));
});
app.beforeRequest((req) => { if (req.path === '/x') return redirect('/'); });
app.beforeRequest(async (req) => { req.g.user = 'ada'; });
app.afterRequest((res, req) => { res.title = 'x'; return res; });
app.afterRequest((res) => { res.status = 201; });
app.teardownRequest((err, req) => { void err; void req; });
app.errorHandler(404, (e) => [`nf ${e.code} ${e.description}`, 404]);
app.errorHandler(500, (e) => `wrapped ${e.originalError}`);
app.errorHandler(HTTPException, (e) => String(e.code));
app.errorHandler(Error, (e, req) => `${e.message} ${req.path}`);
app.errorHandler(NotFound, (e) => e);
app.registerErrorHandler(InternalServerError, (e) => String(e.originalError));
app.urlDefaults((endpoint, values) => { if (app.urlMap.isEndpointExpecting(endpoint, 'lang')) values.lang ??= 'en'; });
app.urlValuePreprocessor((endpoint, params, req) => { req.g.lang = params.lang; delete params.lang; });
app.beforeFirstRequest(() => {});
app.wrap((next) => async (req) => { const res = await next(req); return res; });
const d = signals.requestStarted.connect((sender, { request }) => { void sender; void request.path; }, { sender: app });
d();
signals.requestFinished.connect((sender, data) => { void data.response.status; });
signals.gotRequestException.connect((s, { error }) => { void error; });
signals.messageFlashed.connect((s, { message, category }) => { void message; void category; });
const sig = new Signal('custom');
sig.connect((s, data) => { void data; });
sig.send(app, { x: 1 });

const bp = new Blueprint('bp', { urlPrefix: '/bp' });
bp.route('/', function bpIndex(req) { return req.urlFor('.bpIndex'); });
bp.beforeAppRequest(() => {});
bp.afterAppRequest((res) => res);
bp.teardownAppRequest(() => {});
bp.appErrorHandler(404, () => 'x');
bp.appUrlDefaults(() => {});
bp.appUrlValuePreprocessor(() => {});
bp.layout((body) => html`<main>${body}</main>`);
bp.errorHandler(403, () => ['forbidden', 403]);
const child = new Blueprint('child');
bp.registerBlueprint(child, { urlPrefix: '/c' });
app.registerBlueprint(bp);
app.registerBlueprint(bp, { name: 'bp2', urlPrefix: '/bp2', urlDefaults: { x: 1 } });
app.registerBlueprint(async () => new Blueprint('lz'), { name: 'lazy', urlPrefix: '/lazy' });
app.layout((body, req: Request) => html`<nav></nav>${body}`);

async function t() {
  const res = await app.test.get('/', { followRedirects: true });
  const s: number = res.status; const h: string = res.html; const l: string | null = res.location; const ti: string | null = res.title;
  await app.test.post('/async', { a: '1' });
  await app.test.post('/async', new FormData());
  const r = await app.navigate('/u/1');
  if (isNavigationFailure(r, 'aborted')) void r.from;
  else void r.body;
  const un = app.block('Sure?'); un();
  app.block(async (to) => to.pathname !== '/x');
  void app.current?.request.params;
  void [s, h, l, ti];
  void indexedDBStore(); void indexedDBSession();
}
void t;
