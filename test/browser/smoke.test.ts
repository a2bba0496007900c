import { expect } from '@esm-bundle/chai';
import './guard.js';
import { Phial, memoryStore, memorySession, redirect, isNavigationFailure, type Response } from '../../src/index.js';
import { connectView } from '../../src/browser/render.js';
// navigation.entries(), not history.length: the runner reuses one tab for every file, and
// history.length stops at Chromium's cap of 50 entries partway through a run.

describe('smoke', () => {
  it('starts, navigates, redirects, and aborts', async () => {
    const app = new Phial({ base: '/app', flashStore: memoryStore(), session: memorySession() });
    const rendered: string[] = [];
    const off = connectView({ app, render(page) { rendered.push(String(page.response.body)); } });
    app.route('/', function index() { return 'home'; });
    app.route('/a', function a() { return 'A'; });
    app.route('/r', function r() { return redirect('/app/a'); });
    app.route('/slow', async function slow() { await new Promise((r) => setTimeout(r, 50)); return 'slow'; });
    history.replaceState(null, '', '/app/');
    const len = navigation.entries().length;
    await app.start();
    expect(rendered).to.deep.equal(['home']);
    const res = await app.navigate('/app/r') as Response;
    expect(res.body).to.equal('A');
    expect(location.pathname).to.equal('/app/a');
    expect(navigation.entries().length).to.equal(len + 1);
    const p1 = app.navigate('/app/slow');
    const p2 = app.navigate('/app/');
    const [r1, r2] = await Promise.all([p1, p2]);
    expect(isNavigationFailure(r1, 'aborted')).to.equal(true);
    expect((r2 as Response).body).to.equal('home');
    expect(rendered).to.deep.equal(['home', 'A', 'home']);
    app.stop();
    off();
  });
});
