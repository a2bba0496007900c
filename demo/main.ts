// The demo: a single-page app on Phial. Links and forms are intercepted, <phial-outlet> renders
// the committed page, <phial-flashes> shows the flashed messages, a login guard protects /admin,
// /docs is a lazy blueprint, /edit blocks leaving while its form is dirty.
import { Phial, Blueprint, Response, redirect, safeNext, signals } from '../src/index.js';
import '../src/lit/index.js';
import { html } from 'lit';

const app = new Phial({ name: 'demo', viewTransitions: true });

app.route('/', function index(req) {
  const user = req.app.session.get('user') as string | undefined;
  return new Response(html`<h1>Home</h1>
    <p>${user ? `Signed in as ${user}.` : 'Not signed in.'}</p>
    <form method="get" action=${req.urlFor('search')}>
      <label>Search users <input name="q" value=""></label> <button>Search</button>
    </form>
    ${user ? html`<form method="post" action=${req.urlFor('logout')}><button>Sign out</button></form>`
           : html`<p><a href=${req.urlFor('login')}>Sign in</a></p>`}`, { title: 'Home · Phial demo' });
});

app.route('/users/<int:id>', function user(req) {
  return new Response(html`<h1>User #${req.params.id}</h1><p><a href=${req.urlFor('user', { id: req.params.id + 1 })}>Next user</a></p>`,
    { title: `User ${req.params.id} · Phial demo` });
});
app.route('/users/<name>', function userByName(req) {
  // A string is text: whatever the URL holds is shown as characters, never as markup.
  return new Response(html`<h1>User named ${req.params.name}</h1>`, { title: `${req.params.name} · Phial demo` });
});
app.route('/search', function search(req) {
  return new Response(html`<h1>Search</h1><p>You searched for: <q>${req.query.get('q') ?? ''}</q></p>`, { title: 'Search · Phial demo' });
});

app.route('/login', async function login(req) {
  if (req.method === 'POST') {
    const name = String(req.form?.get('name') ?? '').trim();
    if (!name) {
      req.flash('Type a name to sign in.', 'error');
      return redirect(req.urlFor('login', { next: req.form?.get('next') ?? undefined }));
    }
    await req.app.session.set('user', name);
    req.flash(`Welcome, ${name}!`, 'success');
    return redirect(safeNext(req, req.urlFor('index')));
  }
  return new Response(html`<h1>Sign in</h1>
    <form method="post">
      <input type="hidden" name="next" value=${req.query.get('next') ?? ''}>
      <label>Name <input name="name" autocomplete="username"></label>
      <button>Sign in</button>
    </form>`, { title: 'Sign in · Phial demo' });
}, { methods: ['GET', 'POST'] });

app.route('/logout', async function logout(req) {
  await req.app.session.delete('user');
  req.flash('Signed out.', 'info');
  return redirect(req.urlFor('index'));
}, { methods: ['POST'] });

const admin = new Blueprint('admin', { urlPrefix: '/admin' });
admin.beforeRequest(function loginRequired(req) {
  if (!req.app.session.get('user')) {
    req.flash('Please sign in first.', 'warning');
    return redirect(req.urlFor('login', { next: req.fullPath }));
  }
});
admin.route('/', function dashboard(req) {
  return new Response(html`<h1>Admin</h1><p>Only for ${String(req.app.session.get('user'))}.</p>`, { title: 'Admin · Phial demo' });
});
app.registerBlueprint(admin);

app.registerBlueprint(() => import('./docs.js'), { name: 'docs', urlPrefix: '/docs' });

let unblock: (() => void) | null = null;
app.route('/edit', function edit() {
  const dirty = () => { unblock ??= app.block('You have unsaved changes. Leave this page?'); };
  const saved = (e: Event) => { e.preventDefault(); unblock?.(); unblock = null; void app.flash('Saved.', 'success'); };
  return new Response(html`<h1>Edit</h1>
    <form @submit=${saved}><label>Notes <textarea name="notes" @input=${dirty}></textarea></label> <button>Save</button></form>
    <p>Type something, then try a link or Back: Phial asks first.</p>`, { title: 'Edit · Phial demo' });
});

app.route('/long', function long(req) {
  // Links all the way down: follow one from the middle, then Back restores where you were.
  const paras = Array.from({ length: 60 }, (_, i) => (i + 1) % 10 === 0
    ? html`<p>Paragraph ${i + 1}: <a href=${req.urlFor('user', { id: i + 1 })}>user ${i + 1}</a>.</p>`
    : html`<p>Paragraph ${i + 1}.</p>`);
  return new Response(html`<h1 id="top-of-long">A long page</h1>${paras}<h2 id="bottom">The bottom</h2><p><a href="#top-of-long">Back to the top</a></p>`, { title: 'Long · Phial demo' });
});

app.errorHandler(404, function notFound(_e, req) {
  return new Response(html`<h1>Not found</h1><p>Nothing at <code>${req.path}</code>.</p>`, { status: 404, title: 'Not found · Phial demo' });
});

signals.navigationCommitted.connect((_app, { request }) => {
  if (request.path !== '/edit' && unblock) { unblock(); unblock = null; }
}, { sender: app });

(document.getElementById('engine') as HTMLElement).textContent =
  typeof (window as { navigation?: unknown }).navigation === 'object' ? 'the Navigation API' : 'the history package';

// The debug toolbar (phial/debug) behind a toggle, remembered by the tab (?debug=1 turns it on):
// its code loads only when it is switched on, and before start() so it sees the first page.
const debugToggle = document.getElementById('debug-toggle') as HTMLInputElement;
async function showToolbar(on: boolean): Promise<void> {
  sessionStorage.setItem('phial-demo-debug', on ? '1' : '0');
  const shown = document.querySelector('phial-debug-toolbar');
  if (!on) {
    shown?.remove();
    return;
  }
  if (shown) return;
  await import('../src/debug/index.js');
  const toolbar = document.createElement('phial-debug-toolbar');
  toolbar.app = app;
  document.body.append(toolbar);
}
debugToggle.checked = new URLSearchParams(location.search).get('debug') === '1' || sessionStorage.getItem('phial-demo-debug') === '1';
debugToggle.addEventListener('change', () => void showToolbar(debugToggle.checked));

void (debugToggle.checked ? showToolbar(true) : Promise.resolve()).then(() => app.start());
(window as unknown as { demoApp: Phial }).demoApp = app;
