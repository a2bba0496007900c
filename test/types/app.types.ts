// Type-level tests of the app's type as the core's modules hand it out: `req.app`, a blueprint's
// setup state, the test client and a signal's sender are a Phial, although the modules that
// declare them never import app.ts (src/app-type.ts binds `App` to Phial).
import { Blueprint, Phial, signals, type Request } from '../../src/index.js';

type Equal<X, Y> = (<T>() => T extends X ? 1 : 2) extends (<T>() => T extends Y ? 1 : 2) ? true : false;
function assertType<T extends true>(): T | void {}

assertType<Equal<Request['app'], Phial>>();
assertType<Equal<Phial['test']['app'], Phial>>();
assertType<Equal<Parameters<Parameters<Blueprint['record']>[0]>[0]['app'], Phial>>();
assertType<Equal<Parameters<Parameters<typeof signals.requestStarted.connect>[0]>[0], Phial>>();

const app = new Phial();
app.route('/', function index(req) {
  // What a view reads of its app: the session, urlFor, redirect.
  void req.app.session.get('user');
  return req.app.redirect(req.app.urlFor('index'));
});
// @ts-expect-error: req.app is a Phial, not any
app.route('/x', function x(req) { return req.app.noSuchMember; });
