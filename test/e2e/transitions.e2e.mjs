// The demo as most visitors see it: motion allowed, so Phial renders each navigation inside
// document.startViewTransition (viewTransitions: true). The other files run with reduced motion;
// these scenarios go through the transitions: links, Back/Forward, a POST with its redirect and
// flash, scroll restoration, and focus.
import {
  scenarios, assert, Session, path, historyLength, marker, flashes, settledScrollY, waitAnimations, waitH1, waitScrollY,
} from './harness.mjs';

const COUNT_TRANSITIONS = () => {
  window.__transitions = 0;
  const start = Document.prototype.startViewTransition;
  if (typeof start === 'function') {
    Document.prototype.startViewTransition = function (...args) {
      window.__transitions++;
      return start.apply(this, args);
    };
  }
};

function transitions(page) {
  return page.evaluate(() => window.__transitions);
}

scenarios({
  async 'links, Back and Forward render through view transitions, focus and title included'(s) {
    const { page } = s;
    await s.context.addInitScript(COUNT_TRANSITIONS);
    await s.load('/');
    const mark = await marker(page);
    const length = await historyLength(page);
    const before = await transitions(page);

    await page.click('nav a[href="/users/7"]');
    await waitH1(page, 'User #7');
    await waitAnimations(page);
    assert.equal(path(page), '/users/7');
    assert.equal(await page.title(), 'User 7 · Phial demo');
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'User #7', 'focus on the h1');

    await page.click('phial-outlet a:text("Next user")');
    await waitH1(page, 'User #8');
    await waitAnimations(page);
    await page.goBack();
    await waitH1(page, 'User #7');
    await waitAnimations(page);
    await page.goForward();
    await waitH1(page, 'User #8');
    await waitAnimations(page);
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'User #8');
    await page.waitForFunction(() => document.querySelector('[data-phial-announcer]')?.textContent === 'User 8 · Phial demo');

    assert.equal(await transitions(page) - before, 4, 'each of the four navigations rendered in a view transition');
    assert.equal(await historyLength(page), length + 2);
    assert.equal(await marker(page), mark);
  },

  async 'the guard, the POST sign-in and its flashes, through view transitions'(s) {
    const { page } = s;
    await s.load('/');
    await page.click('nav a[href="/admin"]');
    await waitH1(page, 'Sign in');
    await waitAnimations(page);
    assert.deepEqual(await flashes(page), ['Please sign in first.']);
    await page.click('phial-outlet input[name="name"]');
    await page.keyboard.type('Ada');
    await page.keyboard.press('Enter');
    await waitH1(page, 'Admin');
    await waitAnimations(page);
    assert.equal(path(page), '/admin/');
    assert.deepEqual(await flashes(page), ['Welcome, Ada!']);
    await page.click('nav a[href="/"]');
    await waitH1(page, 'Home');
    await waitAnimations(page);
    assert.deepEqual(await flashes(page), []);
    assert.match(await page.locator('phial-outlet').textContent(), /Signed in as Ada\./);
  },

  async 'Back restores the scroll position through a view transition'(s) {
    const { page } = s;
    await s.load('/');
    await page.click('nav a[href="/long#bottom"]');
    await waitH1(page, 'A long page');
    await waitAnimations(page);
    const y = await settledScrollY(page);
    assert.ok(y > 500, `scrolled to #bottom (${y})`);
    // The link next to #bottom is in view: a click where it is, nothing scrolls first.
    const box = await page.locator('phial-outlet a[href="/users/60"]').boundingBox();
    assert.ok(box && box.y >= 0 && box.y + box.height <= 700, 'the last user link is in view');
    const x = box.x + box.width / 2, yy = box.y + box.height / 2;
    // While a view transition runs, its overlay takes the hit test; a loaded machine can still
    // be finishing one here, so the click waits until the point hits the link itself.
    await page.waitForFunction(([px, py]) => {
      const hit = document.elementFromPoint(px, py);
      const inner = hit?.shadowRoot?.elementFromPoint(px, py) ?? hit;
      return inner?.closest?.('a')?.getAttribute('href') === '/users/60';
    }, [x, yy]);
    await page.mouse.click(x, yy);
    await waitH1(page, 'User #60');
    await waitAnimations(page);
    await waitScrollY(page, 0, 'a push goes to the top');
    await page.goBack();
    await waitH1(page, 'A long page');
    await waitScrollY(page, y, 'Back restores /long where it was left');
  },

  async 'with prefers-reduced-motion: reduce, no view transition'(s) {
    const other = await Session.open(s.engine, { motion: false });
    try {
      await other.context.addInitScript(COUNT_TRANSITIONS);
      await other.load('/');
      await other.page.click('nav a[href="/users/7"]');
      await waitH1(other.page, 'User #7');
      await other.page.goBack();
      await waitH1(other.page, 'Home');
      assert.equal(await transitions(other.page), 0);
      other.assertClean();
    } finally {
      await other.close();
    }
  },
}, { motion: true });
