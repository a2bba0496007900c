/**
 * The contract between the navigator and its two engines (the Navigation API's and the
 * fallback's): what an engine offers, what it hands over, and what it reads of the navigator.
 * Types only, so that the engines and the navigator do not import each other.
 */
import type { NavigateOptions, Phial } from '../app.js';
import type { NavigationFailure } from '../errors.js';
import type { Response } from '../response.js';

/** How a navigation moves through history. */
export type NavigationKind = 'push' | 'replace' | 'traverse' | 'start';

/** A navigation the engine hands over: where, how, and how to commit it. */
export interface Intent {
  /** The full path (base, query, hash). */
  path: string;
  kind: NavigationKind;
  method?: string;
  form?: FormData | null;
  state?: unknown;
  /** The engine's own signal for this navigation (the Navigation API's), if any. */
  signal?: AbortSignal;
  /** Back or Forward, or start(): the blocks were asked already or do not apply. */
  skipBlocks?: boolean;
  /** Makes the address bar show `finalPath`; resolves once the entry is committed. */
  commit(finalPath: string): void | Promise<void>;
}

/** What an engine offers the navigator. */
export interface Engine {
  /** The app's current full path, as the address bar (or the memory history) holds it. */
  currentPath(): string;
  /** The current history entry's state. */
  currentState(): unknown;
  /** A key of the current history entry that survives reloads (for scroll positions). */
  entryKey(): string | null;
  /** Listens to the browser until `signal` aborts (app.stop()). */
  listen(signal: AbortSignal): void;
  /** A navigation of the app's own (app.navigate). */
  navigate(path: string, options: NavigateOptions): Promise<Response | NavigationFailure>;
  /** Shows `path` in the current entry without a navigation (the first page's redirect). */
  replaceSilently(path: string): void;
}

/** What an engine reads of the navigator, which implements it. */
export interface Host {
  readonly app: Phial;
  /** The app's base, without its trailing slash. */
  readonly prefix: string;
  /** Where clicks and submits are the app's. */
  readonly root: Document | Element;
  /** Asks the blocks about leaving for `path`; false when one refuses. */
  ask(path: string): Promise<boolean>;
  /** Asks the message blocks only, synchronously (a page load cannot wait). */
  askNow(): boolean;
  /** Runs a navigation: blocks, the dispatch hop by hop, the commit, the render. */
  perform(intent: Intent): Promise<Response | NavigationFailure>;
  /** A push or replace that only moves the hash: scroll and focus, no dispatch. */
  hashMoved(hash: string): Response | NavigationFailure;
  /** Back or Forward between entries that differ only in their hash. */
  hashTraversed(hash: string): void;
}
