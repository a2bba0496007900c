/**
 * Response bodies as markup, without lit: a string is text (escaped), a Node is its outer HTML,
 * a lit TemplateResult is recognised by its shape (`_$litType$`, `strings`, `values`) and
 * serialised with its values escaped. The core never imports lit; the outlet renders with it.
 */

/** What lit's `html` returns, as far as Phial needs to know: recognised structurally. */
export interface TemplateResultLike {
  readonly ['_$litType$']: unknown;
  readonly strings?: TemplateStringsArray | readonly string[];
  readonly values: readonly unknown[];
}

/**
 * True for a lit TemplateResult. Its `strings` must be a real template strings array (an array
 * with its own `raw`, frozen by the engine), as lit itself checks: an object of the same shape
 * built from JSON (a message, an API answer) would otherwise be rendered as markup.
 * A compiled template (lit's optimisation) carries its template in place of `strings`.
 */
export function isTemplateResult(value: unknown): value is TemplateResultLike {
  if (typeof value !== 'object' || value === null || !('_$litType$' in value)) return false;
  const { strings, values, _$litType$: type } = value as { strings?: unknown; values?: unknown; _$litType$: unknown };
  if (!Array.isArray(values)) return false;
  if (strings !== undefined) return isTemplateStringsArray(strings);
  // A compiled template keeps its markup in `_$litType$.h`, which lit requires to be one too.
  return typeof type === 'object' && type !== null && isTemplateStringsArray((type as { h?: unknown }).h);
}

function isTemplateStringsArray(value: unknown): boolean {
  return Array.isArray(value) && Object.isFrozen(value) && Object.prototype.hasOwnProperty.call(value, 'raw');
}

/** True for a DOM Node, from this document or another realm (an iframe's). */
export function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null &&
    typeof (value as Node).nodeType === 'number' && typeof (value as Node).nodeName === 'string';
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML content and quoted attributes. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

/**
 * Escapes text as a browser serialises a text node (innerHTML): &, <, > and the no-break space;
 * quotes stay as they are, since text is never inside an attribute.
 */
function escapeText(text: string): string {
  return text.replace(/[&<>\u00a0]/g, (c) => (c === '\u00a0' ? '&nbsp;' : ESCAPES[c]!));
}

/** A body as markup: what Flask's `response.data` is to a Flask test. */
export function bodyToHtml(body: unknown): string {
  if (body === null || body === undefined) return '';
  if (typeof body === 'string') return escapeText(body);
  if (isNode(body)) return nodeToHtml(body);
  if (isTemplateResult(body)) return templateToHtml(body);
  return escapeText(String(body));
}

function nodeToHtml(node: Node): string {
  switch (node.nodeType) {
    case 1: return (node as Element).outerHTML;
    case 3: return escapeText((node as Text).data);
    case 8: return `<!--${(node as Comment).data}-->`;
    case 9: case 11: return [...node.childNodes].map(nodeToHtml).join('');
    default: return '';
  }
}

function templateToHtml(template: TemplateResultLike): string {
  const { strings, values } = template;
  // A compiled template (lit's optimisation) keeps no strings: only its values can be shown.
  if (!strings) return values.map(valueToHtml).join('');
  let html = strings[0];
  for (let i = 1; i < strings.length; i++) html += valueToHtml(values[i - 1]) + strings[i];
  return html;
}

function valueToHtml(value: unknown): string {
  if (value === null || value === undefined) return '';
  // Event listeners, property bindings' functions, lit's `nothing` and `noChange`: no markup.
  if (typeof value === 'function' || typeof value === 'symbol') return '';
  if (typeof value === 'string') return escapeHtml(value);
  if (isNode(value)) return nodeToHtml(value);
  if (isTemplateResult(value)) return templateToHtml(value);
  if (typeof value === 'object') {
    if ('_$litDirective$' in value) return '';
    if (Symbol.iterator in value) return [...(value as Iterable<unknown>)].map(valueToHtml).join('');
  }
  return escapeHtml(String(value));
}

/**
 * A TemplateResult made without lit, for Phial's own pages (the default error pages): lit
 * renders it with its values as text, and `bodyToHtml` reads it like any other.
 */
export function markup(strings: TemplateStringsArray, ...values: unknown[]): TemplateResultLike {
  return { ['_$litType$']: 1, strings, values };
}
