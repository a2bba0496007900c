import '../guard.js';
import { expect } from '@esm-bundle/chai';
import {
  abort, Phial, PhialError, Response, redirect, memorySession, memoryStore, signals, isNavigationFailure, NavigationFailure, flash,
} from '../../src/index.js';
import { captureErrors } from '../app/helpers.js';

function mk(opts = {}) { return new Phial({ history: 'memory', flashStore: memoryStore(), session: memorySession(), ...opts }); }

describe('audit: navigate in memory mode', () => {
  it('navigate resolves to Response; current; navigationCommitted', async () => {
    const app = mk();
    app.route('/', function index() { return 'home'; });
    app.route('/a', function a() { return new Response('A', { title: 'TA' }); });
    const log: string[] = [];
    const d = signals.navigationCommitted.connect((s, dt: any) => { log.push(`${s === app} ${dt.request.path} ${dt.response.body}`); });
    await app.start();
    try {
      expect(app.current?.response.body).to.equal('home');
      const r = await app.navigate('/a');
      expect(r).to.be.instanceOf(Response);
      expect((r as Response).body).to.equal('A');
      expect(app.current?.request.path).to.equal('/a');
      expect(log).to.include('true /a A');
      await app.start(); // idempotent
    } finally { d(); app.stop(); }
  });
  it('aborted navigation → NavigationFailure aborted; teardown runs; after hooks not; navigationAborted', async () => {
    const app = mk();
    let release!: () => void;
    const gate = new Promise<void>((r) => { release = r; });
    const log: string[] = [];
    app.route('/', function index() { return 'home'; });
    app.route('/slow', async function slow() { await gate; return 'slow'; });
    app.route('/fast', function fast() { return 'fast'; });
    app.afterRequest((res, req) => { log.push('after ' + req.path); });
    app.teardownRequest((e, req) => { log.push('teardown ' + req.path); });
    const d1 = signals.navigationAborted.connect((s, dt: any) => { log.push('aborted ' + dt.request.path); }, { sender: app });
    const d2 = signals.requestTearingDown.connect((s, dt: any) => { log.push('tearingdown ' + dt.request.path); }, { sender: app });
    const d3 = signals.requestFinished.connect((s, dt: any) => { log.push('finished ' + dt.request.path); }, { sender: app });
    await app.start();
    log.length = 0;
    try {
      const p1 = app.navigate('/slow');
      await new Promise((r) => setTimeout(r, 10));
      const p2 = app.navigate('/fast');
      release();
      const [r1, r2] = await Promise.all([p1, p2]);
      expect(isNavigationFailure(r1, 'aborted')).to.equal(true);
      expect((r1 as NavigationFailure).to).to.contain('/slow');
      expect((r2 as Response).body).to.equal('fast');
      await new Promise((r) => setTimeout(r, 20));
      expect(log).to.include('teardown /slow');
      expect(log).to.include('aborted /slow');
      expect(log).to.include('tearingdown /slow');
      expect(log).not.to.include('after /slow');
      expect(log).not.to.include('finished /slow');
      expect(app.current?.request.path).to.equal('/fast');
    } finally { d1(); d2(); d3(); app.stop(); }
  });
  it('block with function → cancelled', async () => {
    const app = mk();
    app.route('/', function index() { return 'home'; });
    app.route('/a', function a() { return 'A'; });
    await app.start();
    try {
      const unblock = app.block(() => false);
      const r = await app.navigate('/a');
      expect(isNavigationFailure(r, 'cancelled')).to.equal(true);
      expect(app.current?.request.path).to.equal('/');
      unblock();
      const r2 = await app.navigate('/a');
      expect((r2 as Response).body).to.equal('A');
    } finally { app.stop(); }
  });
  it('block with string uses confirm', async () => {
    const app = mk();
    app.route('/', function index() { return 'home'; });
    app.route('/a', function a() { return 'A'; });
    await app.start();
    const orig = window.confirm;
    const asked: string[] = [];
    window.confirm = (m?: string) => { asked.push(String(m)); return false; };
    try {
      const unblock = app.block('Leave?');
      const r = await app.navigate('/a');
      expect(isNavigationFailure(r, 'cancelled')).to.equal(true);
      expect(asked).to.deep.equal(['Leave?']);
      unblock();
    } finally { window.confirm = orig; app.stop(); }
  });
  it('navigate with bad argument rejects', async () => {
    const app = mk();
    app.route('/', function index() { return 'home'; });
    await app.start();
    try {
      let err: unknown;
      try { await app.navigate(42 as never); } catch (e) { err = e; }
      expect(err).to.be.instanceOf(PhialError);
    } finally { app.stop(); }
  });
  it('navigate follows redirects; flash across redirect', async () => {
    const app = mk();
    let shown: unknown[] = [];
    app.route('/', function index() { return 'home'; });
    app.route('/save', function save() { flash('Saved'); return redirect('/show'); });
    app.route('/show', function show(req) { shown = req.getFlashedMessages(); return 'show'; });
    await app.start();
    try {
      const r = await app.navigate('/save');
      expect((r as Response).body).to.equal('show');
      expect(app.current?.request.path).to.equal('/show');
      expect(shown).to.deep.equal(['Saved']);
    } finally { app.stop(); }
  });
  it('redirect loop in navigate is 500 page not failure', async () => {
    const app = mk();
    app.route('/', function index() { return 'home'; });
    app.route('/l', function l() { return redirect('/l'); });
    await app.start();
    try {
      const { result } = await captureErrors(() => app.navigate('/l'));
      expect((result as Response).status).to.equal(500);
    } finally { app.stop(); }
  });
  it('stop then start again works', async () => {
    const app = mk();
    app.route('/', function index() { return 'home'; });
    app.route('/a', function a() { return 'A'; });
    await app.start();
    app.stop();
    await app.start();
    try {
      expect(((await app.navigate('/a')) as Response).body).to.equal('A');
    } finally { app.stop(); }
  });
  it('req.signal aborted for overtaken navigation; fetch AbortError not reported', async () => {
    const app = mk();
    let sig: AbortSignal | null = null;
    app.route('/', function index() { return 'home'; });
    app.route('/slow', async function slow(req) {
      sig = req.signal;
      await new Promise((resolve, reject) => { req.signal.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))); });
      return 'never';
    });
    app.route('/b', function b() { return 'b'; });
    await app.start();
    try {
      const p1 = app.navigate('/slow');
      await new Promise((r) => setTimeout(r, 10));
      const r2 = await app.navigate('/b');
      const r1 = await p1;
      expect(isNavigationFailure(r1, 'aborted')).to.equal(true);
      expect((r2 as Response).body).to.equal('b');
      expect(sig!.aborted).to.equal(true);
    } finally { app.stop(); }
  });
});
