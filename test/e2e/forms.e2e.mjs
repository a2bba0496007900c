// The search GET form, and /edit's block: a dirty form asks before a link or Back leaves it;
// refused, the URL and the history stay exactly as they were.
import {
  scenarios, assert, h1, path, historyLength, marker, settle, waitH1, refusedTraversal,
} from './harness.mjs';

const LEAVE = 'You have unsaved changes. Leave this page?';

/** From Home, click Edit and type into the notes: the form is dirty, the block is on. */
async function dirtyEdit(s, text = 'unsaved notes') {
  const { page } = s;
  await page.click('nav a[href="/edit"]');
  await waitH1(page, 'Edit');
  await page.click('phial-outlet textarea');
  await page.keyboard.type(text);
}

function textarea(page) {
  return page.locator('phial-outlet textarea').inputValue();
}

scenarios({
  async 'the search GET form puts ?q=... in the URL'(s) {
    const { page } = s;
    await s.load('/');
    const mark = await marker(page);
    const length = await historyLength(page);
    await page.click('phial-outlet input[name="q"]');
    await page.keyboard.type('ada lovelace');
    await page.keyboard.press('Enter');
    await waitH1(page, 'Search');
    assert.equal(path(page), '/search?q=ada+lovelace');
    assert.equal(await page.locator('phial-outlet q').textContent(), 'ada lovelace');
    assert.equal(await page.title(), 'Search · Phial demo');
    assert.equal(await historyLength(page), length + 1);
    assert.equal(await marker(page), mark, 'the form was not submitted to a server');

    // The button submits as well; Back returns to the previous search.
    await page.click('nav a[href="/"]');
    await waitH1(page, 'Home');
    await page.click('phial-outlet input[name="q"]');
    await page.keyboard.type('<b>x</b> & co');
    await page.click('phial-outlet button:text("Search")');
    await waitH1(page, 'Search');
    assert.equal(new URL(page.url()).searchParams.get('q'), '<b>x</b> & co');
    assert.equal(await page.locator('phial-outlet q').textContent(), '<b>x</b> & co');
    assert.equal(await page.locator('phial-outlet b').count(), 0);
    await page.goBack();
    await waitH1(page, 'Home');
    await page.goBack();
    await waitH1(page, 'Search');
    assert.equal(path(page), '/search?q=ada+lovelace');
  },

  async '/edit with typed text: a link asks; dismissed, nothing moves; accepted, it leaves'(s) {
    const { page } = s;
    await s.load('/');
    await dirtyEdit(s);
    const length = await historyLength(page);

    s.answerDialogs('dismiss');
    await page.click('nav a[href="/users/7"]');
    await s.waitDialogs(1);
    await settle(page);
    assert.equal(s.dialogs.length, 1, 'a confirm dialog was shown');
    assert.deepEqual(s.dialogs[0], { type: 'confirm', message: LEAVE, answer: 'dismiss' });
    assert.equal(path(page), '/edit', 'the URL did not change');
    assert.equal(await historyLength(page), length, 'no history entry');
    assert.equal(await h1(page), 'Edit');
    assert.equal(await textarea(page), 'unsaved notes', 'the typed text is still there');

    s.answerDialogs('accept');
    await page.click('nav a[href="/users/7"]');
    await waitH1(page, 'User #7');
    assert.equal(s.dialogs.length, 2);
    assert.equal(path(page), '/users/7');
    assert.equal(await historyLength(page), length + 1);

    // The block went with the page: leaving /users/7 asks nothing.
    await page.click('nav a[href="/"]');
    await waitH1(page, 'Home');
    assert.equal(s.dialogs.length, 2);
  },

  async '/edit with typed text: Back asks; dismissed, the URL and history stay; Forward still works'(s) {
    const { page } = s;
    await s.load('/');
    // Entries: Home, /edit, /users/7 — then Back to /edit, so that there is a Forward entry.
    await page.click('nav a[href="/edit"]');
    await waitH1(page, 'Edit');
    await page.click('nav a[href="/users/7"]');
    await waitH1(page, 'User #7');
    await page.goBack();
    await waitH1(page, 'Edit');
    await page.click('phial-outlet textarea');
    await page.keyboard.type('draft');
    const length = await historyLength(page);

    s.answerDialogs('dismiss');
    await refusedTraversal(s, page, 'back');
    // The fallback engine has put the entry back before it asked: wait for that move to land.
    await page.waitForURL((u) => u.pathname === '/edit');
    await settle(page);
    assert.equal(s.dialogs.length, 1, 'Back asked');
    assert.equal(path(page), '/edit', 'Back refused: the URL is /edit');
    assert.equal(await historyLength(page), length, 'Back refused: history.length is unchanged');
    assert.equal(await h1(page), 'Edit');
    assert.equal(await textarea(page), 'draft');

    s.answerDialogs('dismiss');
    await refusedTraversal(s, page, 'forward');
    await page.waitForURL((u) => u.pathname === '/edit');
    await settle(page);
    assert.equal(s.dialogs.length, 2, 'Forward asked');
    assert.equal(path(page), '/edit', 'Forward refused: the URL is /edit');
    assert.equal(await historyLength(page), length);
    assert.equal(await textarea(page), 'draft');

    // Forward, allowed: still leads to /users/7.
    s.answerDialogs('accept');
    await page.goForward();
    await waitH1(page, 'User #7');
    assert.equal(path(page), '/users/7');
    assert.equal(await historyLength(page), length, 'the entries are the same ones');
    // And Back leads where it led: /edit (fresh, nothing typed), then Home.
    await page.goBack();
    await waitH1(page, 'Edit');
    assert.equal(await textarea(page), '');
    await page.goBack();
    await waitH1(page, 'Home');
    assert.equal(s.dialogs.length, 3);
  },

  async '/edit with typed text: Back asks; accepted, it goes back'(s) {
    const { page } = s;
    await s.load('/');
    await dirtyEdit(s);
    s.answerDialogs('accept');
    await page.goBack();
    await waitH1(page, 'Home');
    assert.equal(path(page), `/?engine=${s.engine}`);
    assert.equal(s.dialogs.length, 1);
    // Forward to /edit asks nothing: the block went with the page.
    await page.goForward();
    await waitH1(page, 'Edit');
    assert.equal(s.dialogs.length, 1);
  },

  async '/edit saved: the block is lifted and "Saved." flashes live'(s) {
    const { page } = s;
    await s.load('/');
    await dirtyEdit(s);
    await page.click('phial-outlet button:text("Save")');
    await page.waitForFunction(() => document.querySelector('phial-flashes')?.shadowRoot?.textContent?.includes('Saved.'));
    await page.click('nav a[href="/users/7"]');
    await waitH1(page, 'User #7');
    assert.equal(s.dialogs.length, 0, 'nothing asked once saved');
  },
});
