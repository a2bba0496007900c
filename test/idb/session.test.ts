import '../guard.js';
import { expect } from '@esm-bundle/chai';
import { createStore, set as idbSet } from 'idb-keyval';
import { createSession, type PhialSession } from '../../src/state/index.js';
import { indexedDBSession } from '../../src/idb/index.js';
import { describeSessionSemantics } from '../state/session-semantics.js';
import { captureWarnings, delay, inIframe, recordingHooks, uniqueName } from '../state/helpers.js';

describeSessionSemantics('indexedDB', indexedDBSession);

/** A session over its own store object and BroadcastChannel: for IndexedDB, another tab. */
async function tab(name: string): Promise<PhialSession> {
  const session = createSession(indexedDBSession(), name, recordingHooks());
  await session.beginRequest();
  await session.endRequest();
  return session;
}

/** Waits until `check` holds (another tab's change travels over a BroadcastChannel). */
async function eventually(check: () => boolean, what: string, ms = 3000): Promise<void> {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) throw new Error(`timed out waiting until ${what}`);
    await delay(10);
  }
}

describe('the indexedDB session across tabs', () => {
  it('a change in one tab reaches the others, key by key', async () => {
    const name = uniqueName('shared');
    const [a, b, c] = await Promise.all([tab(name), tab(name), tab(name)]);
    await a.set('user', { id: 1 });
    await eventually(() => b.has('user') && c.has('user'), 'the other tabs see the user');
    expect(b.get('user')).to.deep.equal({ id: 1 });
    await b.set('theme', 'dark');
    await eventually(() => a.get('theme') === 'dark' && c.get('theme') === 'dark', 'the theme spreads');
    expect(a.get('user')).to.deep.equal({ id: 1 });
  });

  it('logging out in one tab logs out everywhere', async () => {
    const name = uniqueName('logout');
    const [a, b] = await Promise.all([tab(name), tab(name)]);
    await a.set('user', 'ada');
    await a.set('cart', [1]);
    await eventually(() => b.get('user') === 'ada' && b.has('cart'), 'b sees the login');
    await b.clear();
    await eventually(() => !a.has('user') && !a.has('cart'), 'a sees the logout');
    const reloaded = await tab(name);
    expect(reloaded.entries()).to.deep.equal([]);
  });

  it('a request sees the session as it was when it started, plus its own writes', async () => {
    const name = uniqueName('snapshot');
    const [a, b] = await Promise.all([tab(name), tab(name)]);
    await a.set('count', 1);
    await eventually(() => b.get('count') === 1, 'b sees count 1');
    await b.beginRequest();
    await a.set('count', 2);
    await a.set('other', 'x');
    await delay(100);
    expect(b.get('count')).to.equal(1);
    expect(b.has('other')).to.equal(false);
    await b.set('mine', true);
    expect(b.get('mine')).to.equal(true);
    await b.endRequest();
    expect(b.get('count')).to.equal(2);
    expect(b.get('other')).to.equal('x');
  });

  it("a request's own write beats another tab's change it has not applied yet", async () => {
    const name = uniqueName('own-wins');
    const [a, b] = await Promise.all([tab(name), tab(name)]);
    await b.beginRequest();
    await a.set('color', 'red');
    await delay(50);
    await b.set('color', 'blue');
    await b.endRequest();
    expect(b.get('color')).to.equal('blue');
    await eventually(() => a.get('color') === 'blue', 'a takes the later write');
    expect((await tab(name)).get('color')).to.equal('blue');
  });

  it('one tab never brings back a key another tab deleted', async () => {
    const name = uniqueName('deleted');
    const [a, b] = await Promise.all([tab(name), tab(name)]);
    await a.set('token', 'secret');
    await a.set('page', 1);
    await eventually(() => b.get('token') === 'secret', 'b sees the token');
    // b is in a request, its view still holds the token, when a deletes it.
    await b.beginRequest();
    await a.delete('token');
    await b.set('page', 2);
    await b.endRequest();
    const reloaded = await tab(name);
    expect(reloaded.has('token')).to.equal(false);
    expect(reloaded.get('page')).to.equal(2);
    expect(b.has('token')).to.equal(false);
  });

  it('tabs writing one key at once agree on the newest write', async () => {
    const name = uniqueName('race');
    const tabs = await Promise.all([tab(name), tab(name), tab(name)]);
    await Promise.all(tabs.map((session, i) => session.set('winner', i)));
    const stored = (await tab(name)).get('winner');
    await eventually(() => tabs.every((session) => session.get('winner') === stored), 'every tab agrees');
  });

  it('a real second browsing context (an iframe) shares the session both ways', async () => {
    const name = uniqueName('iframe');
    const here = await tab(name);
    await here.set('user', 'from the page');
    const { frame, report } = await inIframe({ name, mode: 'session-set', value: 'from the iframe', channel: uniqueName('ch') });
    frame.remove();
    expect(report.read).to.deep.equal(['from the page']);
    await eventually(() => here.get('user') === 'from the iframe', 'the page sees the iframe write');
  });

  it('corrupt records are dropped with a warning, never thrown', async () => {
    const name = uniqueName('corrupt');
    const raw = createStore('phial-session', 'session');
    const key = `phial:session:${name}`;
    await idbSet([key, 'good'], { v: 'fine', t: 1, by: 'x' }, raw);
    await idbSet([key, 'bad'], 'junk', raw);
    const capture = captureWarnings();
    try {
      const session = await tab(name);
      expect(session.entries()).to.deep.equal([['good', 'fine']]);
      expect(capture.warnings.join('\n')).to.match(/dropped corrupt data in indexedDB under "phial:session:.*" \(a malformed session record "bad"\)/);
    } finally {
      capture.stop();
    }
  });
});
