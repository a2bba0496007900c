import { expect } from '@esm-bundle/chai';
import { createSession, type SessionStore } from '../../src/state/index.js';
import { PhialError } from '../../src/errors.js';
import { recordingHooks, uniqueName } from './helpers.js';

/** The session rules every store keeps. */
export function describeSessionSemantics(storeName: string, makeStore: () => SessionStore): void {
  describe(`the session (${storeName})`, () => {
    let store: SessionStore;
    let name: string;
    const session = () => createSession(store, name, recordingHooks());

    beforeEach(() => {
      store = makeStore();
      name = uniqueName('session');
    });

    it('set is visible to get at once, before its promise resolves', async () => {
      const s = session();
      await s.beginRequest();
      const written = s.set('user', 'ada');
      expect(s.get('user')).to.equal('ada');
      expect(s.has('user')).to.equal(true);
      await written;
      await s.endRequest();
    });

    it('get of a missing key is undefined and has is false', async () => {
      const s = session();
      await s.beginRequest();
      expect(s.get('nope')).to.equal(undefined);
      expect(s.has('nope')).to.equal(false);
      await s.endRequest();
    });

    it('get(key, fallback) gives the fallback for a missing key only, as Flask\'s session.get(key, default)', async () => {
      const s = session();
      await s.beginRequest();
      await s.set('zero', 0);
      expect(s.get('nope', 'None')).to.equal('None');
      expect(s.get('zero', 'None')).to.equal(0);
      await s.endRequest();
    });

    it('values are JSON copies: a Date comes back as its string, mutations do not leak', async () => {
      const s = session();
      await s.beginRequest();
      const cart = { items: ['tea'], at: new Date(Date.UTC(2024, 4, 1)) };
      await s.set('cart', cart);
      cart.items.push('cake');
      const read = s.get('cart') as { items: string[]; at: string };
      expect(read).to.deep.equal({ items: ['tea'], at: '2024-05-01T00:00:00.000Z' });
      read.items.push('milk');
      expect(s.get('cart')).to.deep.equal({ items: ['tea'], at: '2024-05-01T00:00:00.000Z' });
      await s.endRequest();
    });

    it('a value that is not JSON throws at set and changes nothing', async () => {
      const s = session();
      await s.beginRequest();
      await s.set('kept', 1);
      expect(() => s.set('kept', () => 2)).to.throw(PhialError, /session value for "kept" must be JSON-serialisable.*function/);
      expect(() => s.set('k', undefined)).to.throw(PhialError, /undefined/);
      expect(() => s.set('k', new Set([1]))).to.throw(PhialError, /Set/);
      expect(() => s.set(7 as unknown as string, 1)).to.throw(PhialError, /key must be a string, not number/);
      expect(s.get('kept')).to.equal(1);
      expect(s.has('k')).to.equal(false);
      await s.endRequest();
    });

    it('delete and clear remove keys at once', async () => {
      const s = session();
      await s.beginRequest();
      await s.set('a', 1);
      await s.set('b', 2);
      const deleted = s.delete('a');
      expect(s.has('a')).to.equal(false);
      await deleted;
      const cleared = s.clear();
      expect(s.entries()).to.deep.equal([]);
      await cleared;
      await s.endRequest();
    });

    it('a new session over the same store (a reload) sees what was written', async () => {
      const first = session();
      await first.beginRequest();
      await first.set('user', { id: 7 });
      await first.set('gone', true);
      await first.delete('gone');
      await first.endRequest();
      const reloaded = session();
      await reloaded.beginRequest();
      expect(reloaded.get('user')).to.deep.equal({ id: 7 });
      expect(reloaded.has('gone')).to.equal(false);
      await reloaded.endRequest();
    });

    it('two apps on one store keep their sessions apart', async () => {
      const shop = createSession(store, `${name}-shop`, recordingHooks());
      const blog = createSession(store, `${name}-blog`, recordingHooks());
      await shop.set('user', 'ada');
      await blog.beginRequest();
      expect(blog.get('user')).to.equal(undefined);
      await blog.endRequest();
      const shopAgain = createSession(store, `${name}-shop`, recordingHooks());
      await shopAgain.beginRequest();
      expect(shopAgain.get('user')).to.equal('ada');
      await shopAgain.endRequest();
    });
  });
}
