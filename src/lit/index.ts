/**
 * `phial/lit`: the lit elements (`<phial-outlet>`, `<phial-flashes>`, `<phial-debug-toolbar>`).
 * They arrive with the browser-integration issue, on top of the navigator; this entry exists
 * now so that the package's export map, types and IIFE bundle are stable from the start.
 */
export {};
