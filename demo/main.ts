// The demo: a small Phial app, dispatched through its test client as the URL map and the
// pipeline land; the outlet, link interception and history arrive with the browser issue.
import { Phial, Blueprint, abort, redirect, Response } from '../src/index.js';

const app = new Phial({ name: 'demo' });

app.route('/', function index(req) {
  const flashes = req.getFlashedMessages();
  return `Home.${flashes.length ? ` Flashed: ${flashes.join(', ')}` : ''}`;
});
app.route('/users/new', function newUser() { return 'A form for a new user (static beats the converter).'; }, { methods: ['GET', 'POST'] });
app.route('/users/<int:id>', function user(req) { return `User #${req.params.id}`; });
app.route('/users/<name>', function userByName(req) { return `User named ${req.params.name}`; });
app.route('/docs/', function docs() { return 'Docs (visiting /docs redirects here: strict slashes).'; });
app.route('/files/<path:rest>.txt', function textFile(req) { return `Text file ${req.params.rest}.txt`; });
function page(req: { params: Record<string, unknown> }) { return `Page ${req.params.page}`; }
app.route('/page/', page, { defaults: { page: 1 } });
app.route('/page/<int:page>', page);

const api = new Blueprint('api', { urlPrefix: '/v<int:major>.<int:minor>' });
api.route('/status', function status(req) { return `API ${req.params.major}.${req.params.minor}: ok`; });
app.registerBlueprint(api);

const admin = new Blueprint('admin', { urlPrefix: '/admin' });
admin.beforeRequest(function loginRequired(req) {
  if (!req.app.session.get('user')) {
    req.flash('Please log in first.', 'warning');
    return redirect(req.urlFor('index'));
  }
});
admin.route('/', function dashboard() { return 'Admin dashboard'; });
app.registerBlueprint(admin);

app.errorHandler(404, (err) => new Response(`Nothing here: ${err.description}`, { status: 404, title: 'Not found' }));
void abort;

const $ = <T extends Element>(sel: string) => document.querySelector<T>(sel)!;

function row(dt: string, dd: string) {
  const t = document.createElement('dt'); t.textContent = dt;
  const d = document.createElement('dd'); d.textContent = dd;
  $('#result').append(t, d);
}

async function dispatch(url: string, method: string) {
  $('#result').replaceChildren();
  try {
    const res = method === 'POST' ? await app.test.post(url, {}, { followRedirects: true }) : await app.test.get(url, { followRedirects: true });
    row('status', String(res.status));
    try {
      const m = app.urlMap.match(url.replace(/^\//, '/'), method);
      row('endpoint', m.endpoint);
      row('params', JSON.stringify(m.params));
    } catch (e) {
      row('match', String(e));
    }
    if (res.title) row('title', res.title);
    $('#page').innerHTML = res.html;
  } catch (e) {
    row('error', String(e));
  }
}

$('#go').addEventListener('submit', (e) => {
  e.preventDefault();
  void dispatch($<HTMLInputElement>('#url').value, $<HTMLSelectElement>('#method').value);
});
for (const a of document.querySelectorAll<HTMLAnchorElement>('.try a')) {
  a.addEventListener('click', (e) => {
    e.preventDefault();
    $<HTMLInputElement>('#url').value = a.dataset.url!;
    void dispatch(a.dataset.url!, 'GET');
  });
}
const tbody = $('#rules tbody');
for (const r of app.urlMap.rules) {
  const tr = document.createElement('tr');
  for (const text of [r.rule, r.endpoint, r.methods ? [...r.methods].join(', ') : 'any']) {
    const td = document.createElement('td'); td.textContent = text; tr.append(td);
  }
  tbody.append(tr);
}
void dispatch('/users/7', 'GET');
