// Deep URLs on a page load, and the lazy /docs blueprint: its module is fetched on the first
// visit under /docs, once, and a reload of a /docs URL does not 404.
import {
  scenarios, assert, h1, path, appPath, marker, settle, waitH1, DOCS_MODULE,
} from './harness.mjs';

function docsRequests(s) {
  return s.requests.filter((u) => DOCS_MODULE.test(new URL(u).pathname));
}

scenarios({
  async 'a reload on a deep URL renders it: /users/7'(s) {
    const { page } = s;
    await s.load('/');
    await page.click('nav a[href="/users/7"]');
    await waitH1(page, 'User #7');
    await page.reload();
    await waitH1(page, 'User #7');
    assert.equal(path(page), '/users/7');
    assert.equal(await page.title(), 'User 7 · Phial demo');
    assert.equal(await marker(page), null, 'a reload is a real page load');
    assert.equal(s.documents.length, 2);
  },

  async 'a reload on a lazy deep URL renders it: /docs/routing (not a 404)'(s) {
    const { page } = s;
    await s.load('/');
    await page.click('nav a[href="/docs/"]');
    await waitH1(page, 'Docs');
    await page.click('phial-outlet a:text("Routing")');
    await waitH1(page, 'Docs: routing');
    assert.equal(path(page), '/docs/routing');
    await page.reload();
    await waitH1(page, 'Docs: routing');
    assert.equal(path(page), '/docs/routing');
    assert.equal(docsRequests(s).length, 2, 'the docs module is fetched again by the new document, once');
  },

  async 'a first load on a lazy deep URL renders it: /docs/routing'(s) {
    const { page } = s;
    await s.load('/docs/routing');
    assert.equal(await h1(page), 'Docs: routing');
    assert.equal(appPath(page), '/docs/routing');
    assert.equal(docsRequests(s).length, 1);
    // And its links work from there.
    await page.click('nav a[href="/users/7"]');
    await waitH1(page, 'User #7');
  },

  async 'the lazy /docs module is requested on the first visit under /docs, and only once'(s) {
    const { page } = s;
    await s.load('/');
    await page.click('nav a[href="/users/7"]');
    await waitH1(page, 'User #7');
    await page.click('nav a[href="/nope"]');
    await waitH1(page, 'Not found');
    await settle(page);
    assert.deepEqual(docsRequests(s), [], 'not requested before a visit under /docs');

    await page.click('nav a[href="/docs/"]');
    await waitH1(page, 'Docs');
    assert.equal(docsRequests(s).length, 1, 'requested by the first visit');
    assert.match(await page.locator('phial-outlet').textContent(), /Loaded on demand\./);

    await page.click('phial-outlet a:text("Routing")');
    await waitH1(page, 'Docs: routing');
    await page.click('nav a[href="/"]');
    await waitH1(page, 'Home');
    await page.goBack();
    await waitH1(page, 'Docs: routing');
    await page.click('nav a[href="/docs/"]');
    await waitH1(page, 'Docs');
    assert.equal(docsRequests(s).length, 1, 'never requested again in this document');
  },
});
