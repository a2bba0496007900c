/** The `phial` global bundle: the core, the IndexedDB stores, the lit elements and the debug toolbar in one script. */
export * from './index.js';
export * from './idb/index.js';
export * from './lit/index.js';
export * from './debug/index.js';
