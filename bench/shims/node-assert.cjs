// find-my-way calls node:assert's assert(value, message) while registering routes; the bundle
// also runs in a page, which has no node:assert, so run.mjs maps the import here.
module.exports = function assert(value, message) {
  if (!value) throw new Error(message || 'Assertion failed');
};
