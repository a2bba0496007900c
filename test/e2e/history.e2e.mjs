// Back, Forward and reload: the pages and the scroll positions come back; a push to an anchor
// scrolls to it and focuses it; after a navigation, focus goes to the page's h1 and the new
// title is announced.
import {
  scenarios, assert, h1, path, historyLength, marker, settle, settledScrollY, waitAnimations, waitH1, waitScrollY,
} from './harness.mjs';

/** Scrolls with the mouse wheel by about `dy`; returns where the page settled. */
async function wheelBy(page, dy) {
  await waitAnimations(page);
  const from = await settledScrollY(page);
  await page.mouse.move(500, 400);
  for (let left = dy; left !== 0;) {
    const d = Math.abs(left) <= 400 ? left : Math.sign(left) * 400;
    await page.mouse.wheel(0, d);
    left -= d;
  }
  const at = await settledScrollY(page);
  assert.ok(Math.abs(at - from) > Math.abs(dy) / 2, `the wheel scrolled the page (${from} → ${at})`);
  return at;
}

/**
 * Clicks a link of the outlet that is wholly in view, where it is (a mouse click at its centre:
 * nothing scrolls first), and waits for its page; returns its href.
 */
async function clickLinkInView(page) {
  await waitAnimations(page);
  const y = await settledScrollY(page);
  const link = await page.evaluate(() => {
    for (const a of document.querySelectorAll('phial-outlet a[href^="/users/"]')) {
      const r = a.getBoundingClientRect();
      if (r.top >= 0 && r.bottom <= innerHeight) return { href: a.getAttribute('href'), x: r.left + r.width / 2, y: r.top + r.height / 2 };
    }
    return null;
  });
  assert.ok(link, `a link is in view where the page is scrolled (${y})`);
  await page.mouse.click(link.x, link.y);
  await waitH1(page, `User #${link.href.split('/').pop()}`);
  return link.href;
}

async function focusState(page) {
  // The announcement is written a frame after the render.
  await page.waitForFunction(() => document.querySelector('[data-phial-announcer]')?.textContent === document.title)
    .catch(() => {});
  return page.evaluate(() => {
    const el = document.activeElement;
    const outlet = document.querySelector('phial-outlet');
    return {
      focused: el ? el.localName + (el.id ? '#' + el.id : '') : null,
      inOutlet: !!(el && outlet?.contains(el)),
      text: el?.textContent ?? null,
      announced: document.querySelector('[data-phial-announcer]')?.textContent ?? null,
      liveRegion: document.querySelector('[data-phial-announcer]')?.getAttribute('aria-live') ?? null,
      title: document.title,
    };
  });
}

scenarios({
  async 'Back and Forward restore the pages, without a page load'(s) {
    const { page } = s;
    await s.load('/');
    const mark = await marker(page);
    const length = await historyLength(page);
    await page.click('nav a[href="/users/7"]');
    await waitH1(page, 'User #7');
    await page.click('nav a[href="/docs/"]');
    await waitH1(page, 'Docs');

    await page.goBack();
    await waitH1(page, 'User #7');
    assert.equal(path(page), '/users/7');
    assert.equal(await page.title(), 'User 7 · Phial demo');
    await page.goBack();
    await waitH1(page, 'Home');
    assert.equal(path(page), `/?engine=${s.engine}`);
    assert.equal(await page.title(), 'Home · Phial demo');
    await page.goForward();
    await waitH1(page, 'User #7');
    await page.goForward();
    await waitH1(page, 'Docs');
    assert.equal(path(page), '/docs/');
    // The docs views give no title: the one the document had when start() ran.
    assert.equal(await page.title(), 'Phial demo');
    assert.equal(await historyLength(page), length + 2, 'Back and Forward add no entry');
    assert.equal(await marker(page), mark, 'no page load');
    assert.equal(s.documents.length, 1);
  },

  // Before 1022ec2 both engines failed the next two: perform() saved the scroll position with
  // `save(engine.entryKey())` when, for Back and Forward, the entry had moved already, so the
  // position of the page left overwrote the one of the page returned to.
  async 'Back restores the scroll position /long was left at'(s) {
    const { page } = s;
    await s.load('/');
    await page.click('nav a[href="/long#bottom"]');
    await waitH1(page, 'A long page');
    // From the anchor, to the top and then into the middle of the page with the wheel.
    await page.keyboard.press('Home');
    await settledScrollY(page);
    const y = await wheelBy(page, 1000);

    const href = await clickLinkInView(page);
    await waitScrollY(page, 0, 'a push goes to the top');

    await page.goBack();
    await waitH1(page, 'A long page');
    await waitScrollY(page, y, 'Back restores the position /long was left at');

    await page.goForward();
    await waitH1(page, `User #${href.split('/').pop()}`);
    await waitScrollY(page, 0, 'Forward restores the top of the user page');

    await page.goBack();
    await waitH1(page, 'A long page');
    await waitScrollY(page, y, 'Back again restores it again');
  },

  async 'Forward restores the scroll position /long was left at by Back'(s) {
    const { page } = s;
    await s.load('/');
    await page.click('nav a[href="/long#bottom"]');
    await waitH1(page, 'A long page');
    await settledScrollY(page);
    const y = await wheelBy(page, -600);

    await page.goBack();
    await waitH1(page, 'Home');
    await waitScrollY(page, 0, 'Home is at the top');
    // A restore that cannot reach its position (a page now shorter) keeps trying for 2s and
    // would scroll the next page there: read Home as a user would, past that.
    await page.waitForTimeout(2100);
    await page.goForward();
    await waitH1(page, 'A long page');
    await waitScrollY(page, y, 'Forward restores /long where it was left');
  },

  async 'a reload keeps the scroll position, and Back to it after the reload too'(s) {
    const { page } = s;
    await s.load('/');
    await page.click('nav a[href="/long#bottom"]');
    await waitH1(page, 'A long page');
    await page.keyboard.press('Home');
    await settledScrollY(page);
    const y = await wheelBy(page, 1000);

    await page.reload();
    await waitH1(page, 'A long page');
    await waitScrollY(page, y, 'a reload restores it');
    assert.equal(path(page), '/long#bottom');

    // A reload again, after scrolling elsewhere: the newer position wins.
    const y2 = await wheelBy(page, -600);
    await page.reload();
    await waitH1(page, 'A long page');
    await waitScrollY(page, y2, 'a second reload restores the newer position');

    // After the reload, away and Back: restored too.
    await clickLinkInView(page);
    await page.goBack();
    await waitH1(page, 'A long page');
    await waitScrollY(page, y2, 'Back after the reload restores it');
  },

  async 'a push to /long#bottom scrolls to #bottom and focuses it'(s) {
    const { page } = s;
    await s.load('/');
    await page.click('nav a[href="/long#bottom"]');
    await waitH1(page, 'A long page');
    assert.equal(path(page), '/long#bottom');
    await settle(page);
    const state = await page.evaluate(() => {
      const r = document.getElementById('bottom').getBoundingClientRect();
      return { focused: document.activeElement?.id ?? null, top: r.top, inView: r.top >= 0 && r.bottom <= innerHeight, y: scrollY };
    });
    assert.equal(state.focused, 'bottom', '#bottom has focus');
    assert.ok(state.inView && state.y > 0, `#bottom is scrolled into view (${JSON.stringify(state)})`);

    // The anchor link at the bottom only moves the fragment: no dispatch, focus to the anchor.
    const length = await historyLength(page);
    await waitAnimations(page);
    await page.click('phial-outlet a[href="#top-of-long"]');
    await page.waitForFunction(() => location.hash === '#top-of-long');
    await settle(page);
    const top = await page.evaluate(() => ({ focused: document.activeElement?.id ?? null, top: document.getElementById('top-of-long').getBoundingClientRect().top }));
    assert.equal(top.focused, 'top-of-long');
    assert.ok(top.top >= 0 && top.top < 100, `the heading is at the top (${top.top})`);
    assert.equal(await historyLength(page), length + 1);
  },

  async 'after a navigation, focus is on the page\'s h1 and the live region says the new title'(s) {
    const { page } = s;
    await s.load('/');
    await page.click('nav a[href="/users/7"]');
    await waitH1(page, 'User #7');
    let state = await focusState(page);
    assert.equal(state.focused, 'h1');
    assert.ok(state.inOutlet, 'the focused h1 is the outlet\'s');
    assert.equal(state.text, 'User #7');
    assert.equal(state.announced, 'User 7 · Phial demo');
    assert.equal(state.liveRegion, 'polite');

    // Keyboard: Tab moves on from the heading, Enter on a link navigates, focus lands again.
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Next user');
    await page.keyboard.press('Enter');
    await waitH1(page, 'User #8');
    state = await focusState(page);
    assert.equal(state.focused, 'h1');
    assert.equal(state.text, 'User #8');
    assert.equal(state.announced, 'User 8 · Phial demo');

    await page.goBack();
    await waitH1(page, 'User #7');
    state = await focusState(page);
    assert.equal(state.focused, 'h1', 'Back focuses the h1 too');
    assert.equal(state.announced, 'User 7 · Phial demo');
  },
});
