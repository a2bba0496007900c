import '../guard.js';
import { expect } from '@esm-bundle/chai';
import { Phial, flash, getFlashedMessages, memorySession, memoryStore, isNavigationFailure, Response, signals, urlFor } from '../../src/index.js';

function mk(opts = {}) { return new Phial({ history: 'memory', flashStore: memoryStore(), session: memorySession(), ...opts }); }

describe('audit: ', () => {
  it('aborted navigation gives back the flashes it read', async () => {
    const app = mk();
    let release!: () => void;
    const gate = new Promise<void>((r) => { release = r; });
    const out: any = {};
    app.route('/', function index() { return 'home'; });
    app.route('/set', function set() { flash('m'); return 'set'; });
    app.route('/slow', async function slow() { out.slow = getFlashedMessages(); await gate; return 'slow'; });
    app.route('/other', function other() { return 'other'; });
    app.route('/read', function read() { out.read = getFlashedMessages(); return 'read'; });
    await app.start();
    try {
      await app.navigate('/set');
      const p = app.navigate('/slow');
      await new Promise((r) => setTimeout(r, 10));
      const o = await app.navigate('/other');
      release();
      expect(isNavigationFailure(await p, 'aborted')).to.equal(true);
      expect((o as Response).body).to.equal('other');
      await app.navigate('/read');
      expect(out).to.deep.equal({ slow: ['m'], read: ['m'] });
    } finally { app.stop(); }
  });
  it('navigate state reaches req.state', async () => {
    const app = mk();
    let st: unknown;
    app.route('/', function index() { return 'home'; });
    app.route('/s', function s(req) { st = req.state; return 's'; });
    await app.start();
    try {
      await app.navigate('/s', { state: { a: 1 } });
      expect(st).to.deep.equal({ a: 1 });
    } finally { app.stop(); }
  });
  it('module-level urlFor with no dispatch uses the last started app', async () => {
    const app = mk();
    app.route('/', function index() { return 'home'; });
    await app.start();
    try {
      expect(urlFor('index')).to.equal('/');
    } finally { app.stop(); }
  });
  it('navigate with a query and hash', async () => {
    const app = mk();
    let got = '';
    app.route('/', function index() { return 'home'; });
    app.route('/q', function q(req) { got = `${req.query.get('a')} ${req.hash}`; return 'q'; });
    await app.start();
    try {
      await app.navigate('/q?a=1#h');
      expect(got).to.equal('1 #h');
      expect(app.current?.request.url.search).to.equal('?a=1');
    } finally { app.stop(); }
  });
  it('navigate to 404 resolves to 404 Response and commits', async () => {
    const app = mk();
    app.route('/', function index() { return 'home'; });
    await app.start();
    try {
      const r = await app.navigate('/missing');
      expect((r as Response).status).to.equal(404);
      expect(app.current?.request.path).to.equal('/missing');
    } finally { app.stop(); }
  });
  it('requestStarted etc. fire for navigations with app as sender', async () => {
    const app = mk();
    const log: string[] = [];
    const d = signals.requestStarted.connect((s, { request }) => { log.push(request.path); }, { sender: app });
    app.route('/', function index() { return 'home'; });
    app.route('/a', function a() { return 'a'; });
    await app.start();
    try {
      await app.navigate('/a');
      expect(log).to.deep.equal(['/', '/a']);
    } finally { d(); app.stop(); }
  });
});
