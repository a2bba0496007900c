/**
 * Development or production. Phial's own production build (`dist/`) defines `__PHIAL_DEV__`
 * as false, and the bundler drops every `if (DEV)` branch: the long messages, hints and
 * extra checks. Anything that does not define it (its `dist/dev/` build, the sources run as
 * they are) is a development build: `typeof` keeps an undefined global from throwing.
 */
declare const __PHIAL_DEV__: boolean | undefined;

/** True in development builds: rich messages, hints and extra checks. */
export const DEV: boolean = typeof __PHIAL_DEV__ === 'boolean' ? __PHIAL_DEV__ : true;

/**
 * A production error message: short, with a code the README explains (its "Error codes"
 * section), so that a production error is still searchable. Development builds say more.
 */
export function prodMessage(code: number, short: string): string {
  return `Phial error P${code}: ${short} (see Phial's README, "Error codes", P${code}; a development build says more).`;
}
