import '../guard.js';
import { expect } from '@esm-bundle/chai';
import { Phial, flash, getFlashedMessages, memorySession, memoryStore, redirect } from '../../src/index.js';

function mk(opts = {}) { return new Phial({ flashStore: memoryStore(), session: memorySession(), ...opts }); }

describe('audit: flash reads within one page view', () => {
  it('a filtered read then an unfiltered read in one page view (Flask)', async () => {
    const app = mk();
    const out: any = {};
    app.route('/set', function s() { flash('a', 'error'); flash('b', 'info'); return ''; });
    app.route('/read', function r() { out.f = getFlashedMessages({ categoryFilter: ['error'] }); out.all = getFlashedMessages(); out.wc = getFlashedMessages({ withCategories: true }); return ''; });
    app.route('/next', function n() { out.next = getFlashedMessages(); return ''; });
    await app.test.get('/set'); await app.test.get('/read'); await app.test.get('/next');
    expect(out).to.deep.equal({ f: ['a'], all: ['a', 'b'], wc: [['error', 'a'], ['info', 'b']], next: [] });
  });
  it('flash before the first read joins the pending ones (Flask)', async () => {
    const app = mk();
    const out: any = {};
    app.route('/old', function o() { flash('old'); return ''; });
    app.route('/newread', function nr() { flash('new'); out.nr = getFlashedMessages(); return ''; });
    app.route('/next', function n() { out.next = getFlashedMessages(); return ''; });
    await app.test.get('/old'); await app.test.get('/newread'); await app.test.get('/next');
    expect(out).to.deep.equal({ nr: ['old', 'new'], next: [] });
  });
  it('an error page is a page view: reading on it consumes', async () => {
    const app = mk();
    const out: any = {};
    app.route('/set', function s() { flash('m'); return ''; });
    app.errorHandler(404, () => { out.e = getFlashedMessages(); return ['nf', 404]; });
    app.route('/next', function n() { out.next = getFlashedMessages(); return ''; });
    await app.test.get('/set'); await app.test.get('/missing'); await app.test.get('/next');
    expect(out).to.deep.equal({ e: ['m'], next: [] });
  });
  it('flash in a before hook that redirects reaches the target', async () => {
    const app = mk();
    const out: any = {};
    app.beforeRequest((req) => { if (req.path === '/guarded') { flash('login first', 'warning'); return redirect('/login'); } });
    app.route('/guarded', function g() { return 'secret'; });
    app.route('/login', function login() { out.l = getFlashedMessages({ withCategories: true }); return 'login'; });
    const r = await app.test.get('/guarded', { followRedirects: true });
    expect(r.html).to.equal('login');
    expect(out.l).to.deep.equal([['warning', 'login first']]);
  });
});
