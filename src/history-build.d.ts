// The history package's production ES build (history.production.min.js), which fallback.ts
// loads instead of its main ES build: the same exports, without a read of process.env.
declare module 'history/history.production.min.js' {
  export * from 'history';
}
