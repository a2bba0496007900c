// The guard lives at test/guard.ts: every test file imports it.
export * from '../guard.js';
