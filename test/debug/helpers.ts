// Shared by the toolbar tests: apps under '/app' with memory stores and a memory history (the
// address bar never moves), toolbars connected until the test ends, and readers of the shadow DOM.
import '../guard.js';
import { memorySession, memoryStore, Phial, type PhialOptions } from '../../src/index.js';
import { STORAGE_KEY, type PanelName, type PhialDebugToolbar } from '../../src/debug/index.js';
import { mount, useCleanup as useElementCleanup } from '../lit/helpers.js';

export { mount };

const apps = new Set<Phial>();

/** Every test: its toolbars and outlets removed, its apps stopped, the toolbar's memory wiped. */
export function useCleanup(): void {
  useElementCleanup();
  beforeEach(() => localStorage.removeItem(STORAGE_KEY));
  afterEach(() => {
    for (const app of apps) app.stop();
    apps.clear();
    localStorage.removeItem(STORAGE_KEY);
  });
}

export function makeApp(options: PhialOptions = {}): Phial {
  const app = new Phial({ base: '/app', history: 'memory', flashStore: memoryStore(), session: memorySession(), ...options });
  apps.add(app);
  return app;
}

/** A toolbar for `app`, open on `panel`, rendered. */
export async function toolbarOn(app: Phial | null, panel: PanelName = 'request'): Promise<PhialDebugToolbar> {
  const toolbar = mount('phial-debug-toolbar', (el) => {
    if (app) el.app = app;
    el.open = true;
    el.panel = panel;
  });
  await settle(toolbar);
  return toolbar;
}

/** Two animation frames (the toolbar renders changes in the next one), then its update. */
export async function settle(toolbar: PhialDebugToolbar): Promise<void> {
  await new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve())));
  await toolbar.updateComplete;
}

export function root(toolbar: PhialDebugToolbar): ShadowRoot {
  return toolbar.shadowRoot!;
}

/** The text of the panel shown. */
export function panelText(toolbar: PhialDebugToolbar): string {
  return root(toolbar).querySelector('[role="tabpanel"]')?.textContent?.replace(/\s+/g, ' ') ?? '';
}

/** The cells of the table captioned `caption` (its body rows), as text. */
export function tableRows(scope: ParentNode, caption: string | RegExp): string[][] {
  const table = [...scope.querySelectorAll('table')].find((t) => {
    const text = t.caption?.textContent?.trim() ?? '';
    return typeof caption === 'string' ? text === caption : caption.test(text);
  });
  if (!table) throw new Error(`No table captioned ${String(caption)}.`);
  return [...table.tBodies[0].rows].map((row) => [...row.cells].map((cell) => cell.textContent!.trim()));
}

/** Types `text` into an input of the toolbar, as a user does (an input event per change). */
export function type(input: HTMLInputElement, text: string): void {
  input.value = text;
  input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
}
