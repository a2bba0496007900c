// The login guard, the POST form and the flashes: a message is shown by exactly one page view,
// and an entry a POST rendered is never sent again.
import {
  scenarios, assert, path, appPath, historyLength, marker, flashes, settle, waitH1,
} from './harness.mjs';

/** Waits until the flash list shows `texts` exactly (order included). */
async function waitFlashes(page, texts, what) {
  try {
    await page.waitForFunction((want) => {
      const got = [...(document.querySelector('phial-flashes')?.shadowRoot?.querySelectorAll('[part="message"] span') ?? [])]
        .map((e) => e.textContent);
      return JSON.stringify(got) === JSON.stringify(want);
    }, texts);
  } catch {
    assert.deepEqual(await flashes(page), texts, what);
  }
}

/** Signed out on Home, click Admin: the guard sends the tab to /login?next=/admin. */
async function toLoginThroughGuard(s) {
  const { page } = s;
  await s.load('/');
  await page.click('nav a[href="/admin"]');
  await waitH1(page, 'Sign in');
}

async function signIn(page, name) {
  await page.click('phial-outlet input[name="name"]');
  await page.keyboard.type(name);
  await page.click('phial-outlet button:text("Sign in")');
}

scenarios({
  async '/admin signed out redirects to /login with "Please sign in first." shown once'(s) {
    const { page } = s;
    const length0 = await (async () => { await s.load('/'); return historyLength(page); })();
    const mark = await marker(page);
    await page.click('nav a[href="/admin"]');
    await waitH1(page, 'Sign in');
    const url = new URL(page.url());
    assert.equal(url.pathname, '/login');
    // /admin is redirected to the blueprint's /admin/ (strict slashes) before the guard runs.
    assert.equal(url.searchParams.get('next'), '/admin/');
    assert.equal(await page.title(), 'Sign in · Phial demo');
    await waitFlashes(page, ['Please sign in first.'], 'the guard\'s flash, once');
    assert.equal(await historyLength(page), length0 + 1, 'the redirect leaves one entry, with the final URL');
    assert.equal(await marker(page), mark);

    // Another navigation: the message was read, it is not shown again.
    await page.click('nav a[href="/users/7"]');
    await waitH1(page, 'User #7');
    await settle(page);
    assert.deepEqual(await flashes(page), [], 'not shown again on the next page');

    // Back to /login, then a reload: still not shown.
    await page.goBack();
    await waitH1(page, 'Sign in');
    await settle(page);
    assert.deepEqual(await flashes(page), [], 'not shown again by Back');
    await page.reload();
    await waitH1(page, 'Sign in');
    await settle(page);
    assert.deepEqual(await flashes(page), [], 'not shown again after a reload');
  },

  async 'a reload right after the redirect does not show the flash again'(s) {
    const { page } = s;
    await toLoginThroughGuard(s);
    await waitFlashes(page, ['Please sign in first.']);
    await page.reload();
    await waitH1(page, 'Sign in');
    await settle(page);
    assert.deepEqual(await flashes(page), [], 'the page view that showed it consumed it');
    assert.equal(appPath(page), '/login?next=%2Fadmin%2F');
  },

  'signing in through the POST form goes to next (/admin/) with a "Welcome" flash': {
    // 1022ec2's fallback replaced the entry for a form posted to the URL shown (the login
    // form posts to its own URL), so Back skipped /login; Chromium pushes (fixed in cc595ac).
    async body(s) {
      const { page } = s;
      await toLoginThroughGuard(s);
      const mark = await marker(page);
      const length = await historyLength(page);
      await signIn(page, 'Ada');
      await waitH1(page, 'Admin');
      assert.equal(path(page), '/admin/');
      assert.equal(await page.title(), 'Admin · Phial demo');
      assert.match(await page.locator('phial-outlet').textContent(), /Only for Ada\./);
      await waitFlashes(page, ['Welcome, Ada!'], 'the flash of the POST, shown by the page it redirected to');
      assert.equal(await historyLength(page), length + 1, 'one entry for the POST and its redirect');
      assert.equal(await marker(page), mark, 'the form was not submitted to a server');
      assert.equal(s.documents.length, 1);

      // The session holds: Home says so.
      await page.click('nav a[href="/"]');
      await waitH1(page, 'Home');
      assert.match(await page.locator('phial-outlet').textContent(), /Signed in as Ada\./);
      assert.deepEqual(await flashes(page), []);
    },
  },

  'Back and Forward to the entry the POST rendered do not send the form again': {
    async body(s) {
      const { page } = s;
      await toLoginThroughGuard(s);
      await signIn(page, 'Ada');
      await waitH1(page, 'Admin');
      await waitFlashes(page, ['Welcome, Ada!']);
      const length = await historyLength(page);

      await page.goBack();
      await waitH1(page, 'Sign in');
      assert.equal(appPath(page), '/login?next=%2Fadmin%2F');
      await settle(page);
      assert.deepEqual(await flashes(page), [], 'no flash on the login page now');

      // Sign in as someone else without submitting: if Forward re-sent the form, the session
      // would say "Bob" (or a second "Welcome" would show).
      await page.click('phial-outlet input[name="name"]');
      await page.keyboard.type('Bob');
      await page.goForward();
      await waitH1(page, 'Admin');
      assert.equal(path(page), '/admin/');
      await settle(page);
      assert.deepEqual(await flashes(page), [], 'no second "Welcome": the form was not sent again');
      assert.match(await page.locator('phial-outlet').textContent(), /Only for Ada\./, 'the session was set once');
      assert.equal(await historyLength(page), length);

      // Nor by a reload of that entry.
      await page.reload();
      await waitH1(page, 'Admin');
      await settle(page);
      assert.deepEqual(await flashes(page), [], 'no "Welcome" after a reload');
      assert.match(await page.locator('phial-outlet').textContent(), /Only for Ada\./);

      // Nor by Back and Forward after the reload.
      await page.goBack();
      await waitH1(page, 'Sign in');
      await page.goForward();
      await waitH1(page, 'Admin');
      await settle(page);
      assert.deepEqual(await flashes(page), []);
      assert.match(await page.locator('phial-outlet').textContent(), /Only for Ada\./);
    },
  },

  async 'signing out (a POST from Home) flashes "Signed out." and Back does not sign in again'(s) {
    const { page } = s;
    await toLoginThroughGuard(s);
    await signIn(page, 'Ada');
    await waitH1(page, 'Admin');
    await page.click('nav a[href="/"]');
    await waitH1(page, 'Home');
    await page.click('phial-outlet button:text("Sign out")');
    await page.waitForFunction(() => document.querySelector('phial-outlet')?.textContent?.includes('Not signed in.'));
    await waitFlashes(page, ['Signed out.']);
    assert.equal(path(page), '/');
    await page.goBack();
    await waitH1(page, 'Home');
    await settle(page);
    assert.match(await page.locator('phial-outlet').textContent(), /Not signed in\./, 'the session stays cleared');
    assert.deepEqual(await flashes(page), []);
  },
});
