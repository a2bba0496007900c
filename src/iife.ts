/** The `phial` global bundle: the core, the IndexedDB stores and the lit elements in one script. */
export * from './index.js';
export * from './idb/index.js';
export * from './lit/index.js';
