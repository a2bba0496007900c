import { expect } from '@esm-bundle/chai';
import { createFlashManager, type FlashStore } from '../../src/state/index.js';
import { PhialError } from '../../src/errors.js';
import { recordingHooks, rejection, uniqueName } from './helpers.js';

/** The page-view rules, the same for every store. */
export function describeFlashSemantics(storeName: string, makeStore: () => FlashStore): void {
  describe(`flash messages per page view (${storeName})`, () => {
    let store: FlashStore;
    let name: string;
    const manager = () => createFlashManager(store, name, recordingHooks());

    beforeEach(() => {
      store = makeStore();
      name = uniqueName('flash');
    });

    it('a message flashed before a redirect shows on the page the redirect leads to', async () => {
      const app = manager();
      const post = await app.begin();
      post.flash('Saved');
      await post.end('redirect');
      const page = await app.begin();
      expect(page.getFlashedMessages()).to.deep.equal(['Saved']);
      await page.end('rendered');
    });

    it('a message is shown by one page view only', async () => {
      const app = manager();
      await app.flash('Once');
      const first = await app.begin();
      expect(first.getFlashedMessages()).to.deep.equal(['Once']);
      await first.end('rendered');
      const second = await app.begin();
      expect(second.getFlashedMessages()).to.deep.equal([]);
      await second.end('rendered');
    });

    it('repeated reads in one page view return the same messages', async () => {
      const app = manager();
      await app.flash('A');
      await app.flash('B', 'error');
      const page = await app.begin();
      expect(page.getFlashedMessages()).to.deep.equal(['A', 'B']);
      expect(page.getFlashedMessages()).to.deep.equal(['A', 'B']);
      expect(page.getFlashedMessages({ withCategories: true })).to.deep.equal([
        ['message', 'A'],
        ['error', 'B'],
      ]);
      await page.end('rendered');
    });

    it('a message flashed before the first read is read by the same page view', async () => {
      const app = manager();
      const page = await app.begin();
      page.flash('Early');
      expect(page.getFlashedMessages()).to.deep.equal(['Early']);
      await page.end('rendered');
      const next = await app.begin();
      expect(next.getFlashedMessages()).to.deep.equal([]);
      await next.end('rendered');
    });

    it('a message flashed after the first read waits for the next page view', async () => {
      const app = manager();
      const page = await app.begin();
      expect(page.getFlashedMessages()).to.deep.equal([]);
      page.flash('Late');
      expect(page.getFlashedMessages()).to.deep.equal([]);
      await page.end('rendered');
      const next = await app.begin();
      expect(next.getFlashedMessages()).to.deep.equal(['Late']);
      await next.end('rendered');
    });

    it('a page view that reads nothing leaves its messages for the next', async () => {
      const app = manager();
      await app.flash('Kept');
      const quiet = await app.begin();
      await quiet.end('rendered');
      const next = await app.begin();
      expect(next.getFlashedMessages()).to.deep.equal(['Kept']);
      await next.end('rendered');
    });

    it('a hop that ends in a redirect gives back what it read, before what it flashed', async () => {
      const app = manager();
      await app.flash('Older');
      const post = await app.begin();
      expect(post.getFlashedMessages()).to.deep.equal(['Older']);
      post.flash('Saved');
      await post.end('redirect');
      const page = await app.begin();
      expect(page.getFlashedMessages()).to.deep.equal(['Older', 'Saved']);
      await page.end('rendered');
    });

    it('an aborted navigation gives back what it read', async () => {
      const app = manager();
      await app.flash('Not yet');
      const aborted = await app.begin();
      expect(aborted.getFlashedMessages()).to.deep.equal(['Not yet']);
      await aborted.end('aborted');
      const page = await app.begin();
      expect(page.getFlashedMessages()).to.deep.equal(['Not yet']);
      await page.end('rendered');
    });

    it('categoryFilter consumes only the messages it returns', async () => {
      const app = manager();
      await app.flash('Bad', 'error');
      await app.flash('Hello', 'info');
      await app.flash('Worse', 'error');
      const page = await app.begin();
      expect(page.getFlashedMessages({ categoryFilter: ['error'] })).to.deep.equal(['Bad', 'Worse']);
      expect(page.getFlashedMessages({ categoryFilter: 'error', withCategories: true })).to.deep.equal([
        ['error', 'Bad'],
        ['error', 'Worse'],
      ]);
      await page.end('rendered');
      const next = await app.begin();
      expect(next.getFlashedMessages()).to.deep.equal(['Hello']);
      await next.end('rendered');
    });

    it('an empty categoryFilter is no filter, as in Flask', async () => {
      const app = manager();
      await app.flash('A', 'x');
      const page = await app.begin();
      expect(page.getFlashedMessages({ categoryFilter: [] })).to.deep.equal(['A']);
      await page.end('rendered');
    });

    it('messages are JSON copies: changing what was flashed or read changes nothing stored', async () => {
      const app = manager();
      const message = { text: 'Hi', when: new Date(Date.UTC(2024, 0, 2)), tags: ['a'] };
      const page = await app.begin();
      page.flash(message);
      message.tags.push('b');
      const [read] = page.getFlashedMessages() as Array<{ text: string; when: string; tags: string[] }>;
      expect(read).to.deep.equal({ text: 'Hi', when: '2024-01-02T00:00:00.000Z', tags: ['a'] });
      read.tags.push('c');
      expect(page.getFlashedMessages()).to.deep.equal([{ text: 'Hi', when: '2024-01-02T00:00:00.000Z', tags: ['a'] }]);
      await page.end('redirect');
    });

    it('a message JSON cannot carry throws at flash() and is not stored', async () => {
      const app = manager();
      const page = await app.begin();
      expect(() => page.flash(() => 1)).to.throw(PhialError, /flashed message must be JSON-serialisable.*function/);
      expect(() => page.flash(undefined)).to.throw(PhialError, /undefined/);
      expect(() => page.flash(10n)).to.throw(PhialError, /bigint/);
      expect(() => page.flash(new Map())).to.throw(PhialError, /Map/);
      const cyclic: Record<string, unknown> = {};
      cyclic.self = cyclic;
      expect(() => page.flash(cyclic)).to.throw(PhialError, /cycle/);
      expect(() => page.flash({ n: NaN })).to.throw(PhialError, /at n is NaN/);
      expect(await rejection(app.flash(Symbol('s')))).to.be.instanceOf(PhialError);
      expect(page.getFlashedMessages()).to.deep.equal([]);
      await page.end('rendered');
    });

    it('a category that is not a string throws at flash()', async () => {
      const page = await manager().begin();
      expect(() => page.flash('x', 3 as unknown as string)).to.throw(PhialError, /category must be a string, not number/);
      await page.end('rendered');
    });

    it('a message flashed by a view after its page view ended is kept for the next one', async () => {
      const app = manager();
      const stale = await app.begin();
      await stale.end('aborted');
      stale.flash('Late');
      expect(stale.getFlashedMessages()).to.deep.equal([]);
      await app.peek();
      const page = await app.begin();
      expect(page.getFlashedMessages()).to.deep.equal(['Late']);
      await page.end('rendered');
    });

    it('messageFlashed hears every flash, with a copy and the category', async () => {
      const hooks = recordingHooks();
      const app = createFlashManager(store, name, hooks);
      const page = await app.begin();
      page.flash({ a: 1 }, 'info');
      page.flash('x');
      await app.flash('outside', 'warning');
      expect(hooks.flashed).to.deep.equal([
        [{ a: 1 }, 'info'],
        ['x', 'message'],
        ['outside', 'warning'],
      ]);
      await page.end('rendered');
    });

    it('a flash is in the store by the time end() resolves: a new manager sees it', async () => {
      const first = manager();
      const page = await first.begin();
      page.flash('Persisted');
      await page.end('redirect');
      const reloaded = manager();
      const next = await reloaded.begin();
      expect(next.getFlashedMessages()).to.deep.equal(['Persisted']);
      await next.end('rendered');
    });

    it('two apps with different names keep their messages apart on one store', async () => {
      const shop = createFlashManager(store, `${name}-shop`, recordingHooks());
      const blog = createFlashManager(store, `${name}-blog`, recordingHooks());
      await shop.flash('For the shop');
      const blogPage = await blog.begin();
      expect(blogPage.getFlashedMessages()).to.deep.equal([]);
      await blogPage.end('rendered');
      const shopPage = await shop.begin();
      expect(shopPage.getFlashedMessages()).to.deep.equal(['For the shop']);
      await shopPage.end('rendered');
    });

    it('peek shows what is pending without consuming it', async () => {
      const app = manager();
      await app.flash('One', 'info');
      expect(await app.peek()).to.deep.equal([['info', 'One']]);
      const page = await app.begin();
      expect(await app.peek()).to.deep.equal([['info', 'One']]);
      expect(page.getFlashedMessages()).to.deep.equal(['One']);
      await page.end('rendered');
      expect(await app.peek()).to.deep.equal([]);
    });

    it('a message a live element showed is not shown again', async () => {
      const app = manager();
      const shown: string[] = [];
      const unsubscribe = app.subscribe((flashed) => {
        shown.push(flashed.message as string);
        void flashed.markRead();
      });
      const page = await app.begin();
      expect(page.getFlashedMessages()).to.deep.equal([]);
      page.flash('Live');
      await page.end('rendered');
      unsubscribe();
      expect(shown).to.deep.equal(['Live']);
      const next = await app.begin();
      expect(next.getFlashedMessages()).to.deep.equal([]);
      await next.end('rendered');
    });

    it('a message a live element showed before the first read is not read again on the same page', async () => {
      const app = manager();
      let pending: Promise<void> = Promise.resolve();
      app.subscribe((flashed) => void (pending = flashed.markRead()));
      const page = await app.begin();
      page.flash('Live early');
      await pending;
      expect(page.getFlashedMessages()).to.deep.equal([]);
      await page.end('redirect');
      const next = await app.begin();
      expect(next.getFlashedMessages()).to.deep.equal([]);
      await next.end('rendered');
    });

    it('keeps flash order across give-backs', async () => {
      const app = manager();
      await app.flash('1');
      await app.flash('2');
      const hop = await app.begin();
      expect(hop.getFlashedMessages()).to.deep.equal(['1', '2']);
      await app.flash('3');
      hop.flash('4');
      await hop.end('redirect');
      const page = await app.begin();
      expect(page.getFlashedMessages()).to.deep.equal(['1', '2', '3', '4']);
      await page.end('rendered');
    });
  });
}
