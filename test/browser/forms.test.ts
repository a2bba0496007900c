import '../guard.js';
// Form submissions (SPEC §11 Forms): GET to the action with the fields as its query (replacing
// the action's), POST with req.method and req.form (the submitter included), formaction and
// formmethod, a control named "action", method="dialog", 405, and Back to a POST's entry as a GET.
import { expect } from '@esm-bundle/chai';
import { redirect } from '../../src/index.js';
import { dispatches, fixture, forEachEngine, go, here, makeApp, mountOutlet, pageLoads, sleep, start, waitFor, historyLength } from './helpers.js';

forEachEngine('forms', () => {
  function formApp(options = {}) {
    const app = makeApp(options);
    const forms: Array<{ method: string; path: string; form: Array<[string, string]> | null }> = [];
    app.route('/', function index() { return 'home'; });
    app.route('/search', function search(req) { return `search ${req.query.toString()}`; });
    app.route('/save', function save(req) {
      forms.push({ method: req.method, path: req.fullPath, form: req.form ? [...req.form].map(([k, v]) => [k, String(v)]) : null });
      return `saved ${req.method}`;
    }, { methods: ['GET', 'POST'] });
    app.route('/post-only', function postOnly(req) { return `posted ${req.form?.get('x')}`; }, { methods: ['POST'] });
    app.route('/then', function then(req) { return redirect(`/app/search?after=${req.method}`, { code: 303 }); }, { methods: ['POST'] });
    const seen = dispatches(app);
    const outlet = mountOutlet(app);
    return { app, forms, seen, outlet };
  }

  function form(html: string, parent?: Element): HTMLFormElement {
    const box = fixture('div', html);
    if (parent) parent.append(box);
    return box.querySelector('form')!;
  }

  it('GET: the fields and the submitter go to the query, replacing the action\'s', async () => {
    const { app, outlet } = formApp();
    await start(app);
    const f = form(`<form action="/app/search?old=1"><input name="q" value="a b"><input type="checkbox" name="c" value="on" checked>
      <button name="go" value="yes">Go</button><button name="other" value="no">Other</button></form>`);
    const length = historyLength();
    f.requestSubmit(f.querySelector('button[name="go"]') as HTMLButtonElement);
    await waitFor(() => outlet.rendered.length === 2, 'the form to render');
    expect(here()).to.equal('/app/search?q=a+b&c=on&go=yes');
    expect(outlet.pages[1]!.response.body).to.equal('search q=a+b&c=on&go=yes');
    expect(historyLength()).to.equal(length + 1);
    expect(pageLoads).to.deep.equal([]);
  });

  it('POST: req.method is POST and req.form holds the fields and the submitter', async () => {
    const { app, forms, outlet } = formApp();
    await start(app);
    const f = form(`<form method="post" action="/app/save"><input name="title" value="Hello"><textarea name="body">Text</textarea>
      <button name="intent" value="publish">Publish</button></form>`);
    f.requestSubmit(f.querySelector('button') as HTMLButtonElement);
    await waitFor(() => outlet.rendered.length === 2, 'the form to render');
    expect(forms).to.deep.equal([{ method: 'POST', path: '/app/save', form: [['title', 'Hello'], ['body', 'Text'], ['intent', 'publish']] }]);
    expect(here()).to.equal('/app/save');
    expect(outlet.pages[1]!.response.body).to.equal('saved POST');
  });

  it('a click on a submit button submits as the browser does', async () => {
    const { app, forms, outlet } = formApp();
    await start(app);
    const f = form(`<form method="post" action="/app/save"><input name="x" value="1"><button name="b" value="clicked">B</button></form>`);
    (f.querySelector('button') as HTMLButtonElement).click();
    await waitFor(() => outlet.rendered.length === 2, 'the form to render');
    expect(forms[0]!.form).to.deep.equal([['x', '1'], ['b', 'clicked']]);
  });

  it('formaction and formmethod on the submitter win over the form\'s', async () => {
    const { app, forms, outlet } = formApp();
    await start(app);
    const f = form(`<form method="get" action="/app/search"><input name="x" value="1">
      <button name="b" value="v" formaction="/app/save" formmethod="post">Save</button></form>`);
    f.requestSubmit(f.querySelector('button') as HTMLButtonElement);
    await waitFor(() => outlet.rendered.length === 2, 'the form to render');
    expect(forms).to.deep.equal([{ method: 'POST', path: '/app/save', form: [['x', '1'], ['b', 'v']] }]);
  });

  it('formmethod="get" on the submitter of a POST form sends a GET', async () => {
    const { app, forms, outlet } = formApp();
    await start(app);
    const f = form(`<form method="post" action="/app/save"><input name="x" value="1">
      <button name="b" value="v" formmethod="get">Search</button></form>`);
    f.requestSubmit(f.querySelector('button') as HTMLButtonElement);
    await waitFor(() => outlet.rendered.length === 2, 'the form to render');
    expect(forms).to.deep.equal([{ method: 'GET', path: '/app/save?x=1&b=v', form: null }]);
  });

  it('a control named "action" (or "method") does not confuse the form\'s action and method', async () => {
    const { app, forms, outlet } = formApp();
    await start(app);
    const f = form(`<form method="post" action="/app/save"><input name="action" value="/app/search"><input name="method" value="get"></form>`);
    f.requestSubmit();
    await waitFor(() => outlet.rendered.length === 2, 'the form to render');
    expect(forms).to.deep.equal([{ method: 'POST', path: '/app/save', form: [['action', '/app/search'], ['method', 'get']] }]);
  });

  it('a form without an action submits to the URL shown', async () => {
    const { app, outlet } = formApp();
    await start(app);
    await app.navigate('/app/search?x=1');
    const f = form(`<form><input name="q" value="z"></form>`);
    f.requestSubmit();
    await waitFor(() => outlet.rendered.length === 3, 'the form to render');
    expect(here()).to.equal('/app/search?q=z');
  });

  it('method="dialog" is not the app\'s', async () => {
    const { app, seen } = formApp();
    await start(app);
    const dialog = fixture('dialog', `<form method="dialog" action="/app/save"><button value="ok">OK</button></form>`);
    dialog.show();
    dialog.querySelector('form')!.requestSubmit(dialog.querySelector('button') as HTMLButtonElement);
    await sleep(50);
    expect(dialog.open).to.equal(false);
    expect(dialog.returnValue).to.equal('ok');
    expect(seen).to.deep.equal(['GET /app/']);
    expect(pageLoads).to.deep.equal([]);
  });

  it('a form outside the base is a page load; one the page default-prevented is nobody\'s', async () => {
    const { app, seen } = formApp();
    await start(app);
    form(`<form action="/elsewhere"><input name="q" value="1"></form>`).requestSubmit();
    await sleep(50);
    expect(pageLoads.map((u) => new URL(u).pathname)).to.deep.equal(['/elsewhere']);
    const prevented = form(`<form action="/app/search"></form>`);
    prevented.addEventListener('submit', (e) => e.preventDefault());
    prevented.requestSubmit();
    await sleep(50);
    expect(seen).to.deep.equal(['GET /app/']);
    expect(pageLoads).to.have.length(1);
  });

  it('a form or submitter with a target other than _self is left to the browser, _top in a top-level page too', async () => {
    const { app, seen } = formApp();
    await start(app);
    form(`<form action="/app/search" target="_top"><input name="q" value="1"></form>`).requestSubmit();
    await sleep(50);
    const f = form(`<form action="/app/search"><button formtarget="_top">Go</button></form>`);
    f.requestSubmit(f.querySelector('button') as HTMLButtonElement);
    await sleep(50);
    expect(seen).to.deep.equal(['GET /app/']);
    expect(pageLoads.map((u) => new URL(u).pathname)).to.deep.equal(['/app/search', '/app/search']);
  });

  it('a form in an open shadow root is the app\'s on both engines (a click on its submit button)', async () => {
    const { app, forms, outlet } = formApp();
    await start(app);
    const shadow = fixture('div').attachShadow({ mode: 'open' });
    shadow.innerHTML = '<form action="/app/save" method="post"><input name="q" value="1"><button name="b" value="go">Go</button></form>';
    shadow.querySelector('button')!.click();
    await waitFor(() => outlet.rendered.length === 2, 'the shadow form to render');
    expect(forms).to.deep.equal([{ method: 'POST', path: '/app/save', form: [['q', '1'], ['b', 'go']] }]);
    expect(pageLoads).to.deep.equal([]);
  });

  it('a method the rule lacks is a 405 page', async () => {
    const { app, outlet } = formApp();
    await start(app);
    form(`<form method="post" action="/app/search"><input name="q" value="1"></form>`).requestSubmit();
    await waitFor(() => outlet.rendered.length === 2, 'the 405 page to render');
    expect(outlet.pages[1]!.response.status).to.equal(405);
    expect(outlet.pages[1]!.request.method).to.equal('POST');
    // And the other way: GET on a POST-only rule.
    await app.navigate('/app/post-only');
    expect(outlet.pages[2]!.response.status).to.equal(405);
  });

  it('a redirect after a POST (303) is followed as a GET, leaving one entry', async () => {
    const { app, outlet } = formApp();
    await start(app);
    const length = historyLength();
    form(`<form method="post" action="/app/then"><input name="x" value="1"></form>`).requestSubmit();
    await waitFor(() => outlet.rendered.length === 2, 'the redirect target to render');
    expect(here()).to.equal('/app/search?after=POST');
    expect(outlet.pages[1]!.request.method).to.equal('GET');
    expect(historyLength()).to.equal(length + 1);
  });

  it('Back to an entry a POST rendered dispatches a GET', async () => {
    const { app, forms, outlet } = formApp();
    await start(app);
    form(`<form method="post" action="/app/save"><input name="x" value="1"></form>`).requestSubmit();
    await waitFor(() => outlet.rendered.length === 2, 'the POST to render');
    await app.navigate('/app/search');
    await go(-1);
    await waitFor(() => outlet.rendered.length === 4, 'Back to render /app/save');
    expect(here()).to.equal('/app/save');
    expect(forms.map((f) => f.method)).to.deep.equal(['POST', 'GET']);
    expect(forms[1]!.form).to.equal(null);
    expect(outlet.pages[3]!.response.body).to.equal('saved GET');
  });

  it('with a custom root, forms outside it are not the app\'s', async () => {
    const root = fixture('div');
    const { app, seen, outlet } = formApp({ root });
    await start(app);
    form(`<form action="/app/search"><input name="q" value="out"></form>`).requestSubmit();
    await sleep(50);
    expect(seen).to.deep.equal(['GET /app/']);
    expect(pageLoads.map((u) => new URL(u).pathname + new URL(u).search)).to.deep.equal(['/app/search?q=out']);
    form(`<form action="/app/search"><input name="q" value="in"></form>`, root).requestSubmit();
    await waitFor(() => outlet.rendered.length === 2, 'the form inside root to render');
    expect(here()).to.equal('/app/search?q=in');
  });
});
