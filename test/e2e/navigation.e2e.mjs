// Links, the first page, new tabs, the 404 page and markup in URLs: the app's navigations are
// same-document, the others are left to the browser.
import {
  scenarios, assert, h1, path, appPath, historyLength, marker, settle, waitH1, waitRendered,
} from './harness.mjs';

scenarios({
  async 'the first load renders Home in the outlet, with its title, focus left alone'(s) {
    const { page } = s;
    await s.load('/');
    assert.equal(await h1(page), 'Home');
    assert.equal(await page.title(), 'Home · Phial demo');
    assert.match(await page.locator('phial-outlet').textContent(), /Not signed in\./);
    // The first page from start() is not a navigation: focus stays where the browser put it.
    assert.equal(await page.evaluate(() => document.activeElement?.localName), 'body');
    assert.deepEqual(s.documents.map((u) => new URL(u).pathname), ['/']);
  },

  async 'a link click changes the URL and renders, without a page load, one history entry more'(s) {
    const { page } = s;
    await s.load('/');
    const mark = await marker(page);
    const length = await historyLength(page);

    await page.click('nav a[href="/users/7"]');
    await waitH1(page, 'User #7');
    assert.equal(path(page), '/users/7');
    assert.equal(await page.title(), 'User 7 · Phial demo');
    assert.equal(await marker(page), mark, 'window.__marker survives: no page load');
    assert.equal(await historyLength(page), length + 1);

    // A link inside the outlet is the app's too.
    await page.click('phial-outlet a:text("Next user")');
    await waitH1(page, 'User #8');
    assert.equal(path(page), '/users/8');
    assert.equal(await marker(page), mark);
    assert.equal(await historyLength(page), length + 2);
    assert.equal(s.documents.length, 1, `one document load only: ${s.documents.join(', ')}`);
  },

  async 'ctrl-click (cmd-click on a Mac), shift-click and middle-click are left to the browser'(s) {
    const { page, context } = s;
    await s.load('/');
    const mark = await marker(page);
    const length = await historyLength(page);
    const cases = [
      ['ctrl/cmd-click', { modifiers: ['ControlOrMeta'] }, '/users/7', 'User #7'],
      ['shift-click', { modifiers: ['Shift'] }, '/users/ada', 'User named ada'],
      ['middle-click', { button: 'middle' }, '/docs/', 'Docs'],
    ];
    for (const [what, options, href, heading] of cases) {
      const opened = context.waitForEvent('page');
      await page.click(`nav a[href="${href}"]`, options);
      const other = await opened.catch(() => null);
      assert.ok(other, `${what}: the browser opens the link in a new tab or window`);
      await other.waitForURL((u) => u.pathname === href);
      await waitRendered(other);
      assert.equal(await h1(other), heading, `${what}: the new tab shows ${href}`);
      await other.close();
      await settle(page);
      assert.equal(path(page), `/?engine=${s.engine}`, `${what}: the current tab stays where it was`);
      assert.equal(await h1(page), 'Home', `${what}: the current tab still shows Home`);
      assert.equal(await historyLength(page), length, `${what}: no history entry in the current tab`);
      assert.equal(await marker(page), mark, `${what}: the current tab was not reloaded`);
    }
  },

  'a Meta-click, which Chromium on Linux follows in the same tab, is left to the browser': {
    // SPEC §11: a click "with a modifier key" is not the app's navigation. Chromium on Linux
    // opens no new tab for Meta (its new-tab key is Ctrl), so the browser's own navigation
    // happens: a real page load. The fallback engine leaves it alone (clickedLink checks
    // metaKey); a NavigateEvent carries no modifiers, so the Navigation API engine remembers
    // the link of a modified click and leaves its navigation alone.
    async body(s) {
      if (process.platform === 'darwin') return; // Cmd-click opens a new tab there: the case above
      const { page } = s;
      await s.load('/');
      const loads = s.documents.length;
      await page.click('nav a[href="/users/7"]', { modifiers: ['Meta'] });
      await page.waitForURL((u) => u.pathname === '/users/7');
      await waitH1(page, 'User #7');
      assert.equal(s.documents.length, loads + 1, 'a Meta-click is a real page load, as without Phial');
      assert.equal(await marker(page), null, 'the document was replaced');
    },
  },

  async 'the 404 page for /nope, by a link and by a page load'(s) {
    const { page } = s;
    await s.load('/');
    const mark = await marker(page);
    await page.click('nav a[href="/nope"]');
    await waitH1(page, 'Not found');
    assert.equal(path(page), '/nope');
    assert.equal(await page.title(), 'Not found · Phial demo');
    assert.match(await page.locator('phial-outlet').textContent(), /Nothing at \/nope\./);
    assert.equal(await marker(page), mark);

    await s.load('/nope');
    assert.equal(await h1(page), 'Not found');
    assert.equal(appPath(page), '/nope');
    assert.equal(await page.title(), 'Not found · Phial demo');
  },

  async 'a user name with markup in the URL shows the characters, never elements'(s) {
    const { page } = s;
    await s.load('/users/%3Cb%3Ex%3C%2Fb%3E');
    assert.equal(await h1(page), 'User named <b>x</b>');
    assert.equal(await page.locator('phial-outlet b').count(), 0, 'no <b> element in the outlet');
    assert.equal(await page.title(), '<b>x</b> · Phial demo');

    // The same through a navigation (a link the test puts on the page, clicked for real).
    await s.load('/');
    await page.evaluate(() => {
      const a = document.createElement('a');
      a.href = '/users/%3Cimg%20src%3Dx%20onerror%3D%22window.__pwned%3D1%22%3E';
      a.id = 'evil';
      a.textContent = 'evil';
      document.querySelector('nav').append(a);
    });
    await page.click('#evil');
    await waitH1(page, 'User named <img src=x onerror="window.__pwned=1">');
    assert.equal(await page.locator('phial-outlet img').count(), 0, 'no <img> element in the outlet');
    assert.equal(await page.evaluate(() => window.__pwned ?? null), null);
  },

  async 'a second tab in the same context navigates on its own'(s) {
    const { page } = s;
    const other = await s.newTab();
    await s.load('/');
    await s.load('/users/7', other);
    const [markA, markB] = [await marker(page), await marker(other)];
    const [lenA, lenB] = [await historyLength(page), await historyLength(other)];

    await other.click('phial-outlet a:text("Next user")');
    await waitH1(other, 'User #8');
    assert.equal(path(other), '/users/8');
    assert.equal(path(page), `/?engine=${s.engine}`, 'the first tab did not move');
    assert.equal(await h1(page), 'Home');

    await page.click('nav a[href="/docs/"]');
    await waitH1(page, 'Docs');
    assert.equal(path(page), '/docs/');
    assert.equal(path(other), '/users/8', 'the second tab did not move');
    assert.equal(await h1(other), 'User #8');

    await other.goBack();
    await waitH1(other, 'User #7');
    assert.equal(path(page), '/docs/');
    await page.goBack();
    await waitH1(page, 'Home');
    assert.equal(await h1(other), 'User #7');
    assert.equal(await historyLength(page), lenA + 1);
    assert.equal(await historyLength(other), lenB + 1);
    assert.equal(await marker(page), markA);
    assert.equal(await marker(other), markB);
  },
});
