/**
 * `phial/debug`: the debug toolbar, `<phial-debug-toolbar>`, defined on import. Importing it
 * costs an app nothing until a toolbar is connected: it listens (steps, signals, a pass-through
 * middleware) only while one is in the document.
 */
import { PhialDebugToolbar } from './toolbar.js';

export { PhialDebugToolbar, STORAGE_KEY, type PanelName } from './toolbar.js';

declare global {
  interface HTMLElementTagNameMap {
    'phial-debug-toolbar': PhialDebugToolbar;
  }
}

// Outside a browser there is nothing to define; a second copy on the page leaves the first.
if (globalThis.customElements && !customElements.get('phial-debug-toolbar')) {
  customElements.define('phial-debug-toolbar', PhialDebugToolbar);
}
