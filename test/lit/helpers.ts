// Shared by the element tests: apps whose page views the elements read as the navigator makes
// them read (inside the dispatch), committed pages rendered through the registry, and cleanup.
import { expect } from '@esm-bundle/chai';
import type { Phial } from '../../src/index.js';
import { Request } from '../../src/index.js';
import { readPage, renderPage, type Page } from '../../src/browser/render.js';
import { activateApp, deactivateApp } from '../../src/context.js';
import { serve } from '../../src/serve.js';
import { isRedirect } from '../../src/response.js';
import { makeApp as makeMemoryApp } from '../app/helpers.js';
import '../../src/lit/index.js';

const started = new Set<Phial>();
const added = new Set<Element>();

/** Every test: what it added and started is gone (test/guard.ts fails it on a console.error). */
export function useCleanup(): void {
  afterEach(() => {
    for (const element of added) element.remove();
    added.clear();
    for (const app of started) deactivateApp(app);
    started.clear();
  });
}

/**
 * An app with memory stores whose page views the connected elements read, as the navigator
 * makes them: an after hook runs inside the dispatch, before the flash claims end.
 */
export function makeApp(): Phial {
  const app = makeMemoryApp();
  app.afterRequest((res, req) => {
    if (!isRedirect(res)) readPage(app, req, res);
  });
  return app;
}

/** The app is the current app, as `start()` makes it, until the test ends. */
export function start(app: Phial): Phial {
  activateApp(app);
  started.add(app);
  return app;
}

/** One page view of `path`: dispatched, committed as `app.current`, rendered by every view. */
export async function visit(app: Phial, path: string): Promise<Page> {
  const request = new Request(app, path);
  const response = await serve(app, request);
  const page = { request, response };
  app.current = page;
  await renderPage(app, page);
  return page;
}

/** Adds an element to the document until the test ends. */
export function mount<K extends keyof HTMLElementTagNameMap>(tag: K, setup: (el: HTMLElementTagNameMap[K]) => void = () => {}): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  setup(element);
  document.body.append(element);
  added.add(element);
  return element;
}
