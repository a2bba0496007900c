/**
 * `App`, the type of the app for the modules app.ts is built from, none of which imports app.ts.
 * The one design decision: the type is bound late, by declaration merging. app.ts adds
 * `app: Phial` to `AppTypes` (as a TanStack Router app registers its router in `Register`), so
 * `req.app`, `state.app`, `app.test.app` and a signal's sender are a Phial to a user, while the
 * import graph stays a tree. It names the app a module keeps or hands on; a module that reads
 * fields of the app it is given declares those fields as an interface of its own.
 */

/** Filled in by app.ts: `interface AppTypes { app: Phial }`. */
export interface AppTypes {}

/** The Phial class, as app.ts registers it in `AppTypes`. */
export type App = AppTypes extends { app: infer A } ? A : never;
