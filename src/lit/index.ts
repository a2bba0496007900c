/**
 * `phial/lit`: the lit elements. Importing it (or loading the IIFE bundle) defines
 * `<phial-outlet>` and `<phial-flashes>`; a second copy on the page leaves the first definitions.
 */
import { PhialFlashes } from './flashes.js';
import { PhialOutlet } from './outlet.js';

export { PhialFlashes } from './flashes.js';
export { PhialOutlet } from './outlet.js';
export { PageViewController, type PageViewOptions } from './page-view.js';

declare global {
  interface HTMLElementTagNameMap {
    'phial-outlet': PhialOutlet;
    'phial-flashes': PhialFlashes;
  }
}

function define(name: string, element: CustomElementConstructor): void {
  // Outside a browser (a server render, a test in Node) there is nothing to define.
  if (globalThis.customElements && !customElements.get(name)) customElements.define(name, element);
}

define('phial-outlet', PhialOutlet);
define('phial-flashes', PhialFlashes);
