// A lazy blueprint: this module is loaded the first time a URL under /docs is dispatched
// (or a link to it is hovered), never before.
import { Blueprint } from '../src/index.js';
import { html } from 'lit';

const docs = new Blueprint('docs');
docs.route('/', function index(req) {
  return html`<h1>Docs</h1><p>Loaded on demand.</p><p><a href=${req.urlFor('.page', { name: 'routing' })}>Routing</a></p>`;
});
docs.route('/<name>', function page(req) {
  return html`<h1>Docs: ${req.params.name}</h1><p>Rules with converters, as Werkzeug has them.</p>`;
});
export default docs;
