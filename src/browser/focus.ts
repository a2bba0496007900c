/**
 * Where focus goes after a navigation rendered, and the polite announcement of the new title:
 * what a screen reader user gets from a page load, which an SPA must do by hand.
 */

/**
 * Moves focus to the anchor's element, else the outlet's first heading, else the outlet. One
 * that does not take focus (a heading, an outlet, `<a name>`) and has no tabindex gets
 * tabindex="-1": focusable from script, still out of the tab order.
 */
export function focusPage(outlet: Element | null, anchor: Element | null): void {
  const target = anchor ?? (outlet ? outlet.querySelector('h1') ?? outlet.querySelector('h1, h2, h3, h4, h5, h6') ?? outlet : null);
  if (!(target instanceof HTMLElement || target instanceof SVGElement)) return;
  target.focus({ preventScroll: true });
  if ((target.getRootNode() as Document | ShadowRoot).activeElement !== target && !target.hasAttribute('tabindex')) {
    target.setAttribute('tabindex', '-1');
    target.focus({ preventScroll: true });
  }
}

let region: HTMLElement | null = null;

/** Says `text` through a visually hidden polite live region that Phial adds to the page once. */
export function announce(text: string): void {
  if (region === null || !region.isConnected) {
    region = document.createElement('div');
    region.setAttribute('aria-live', 'polite');
    region.setAttribute('aria-atomic', 'true');
    region.setAttribute('data-phial-announcer', '');
    region.style.cssText = 'position:absolute;width:1px;height:1px;padding:0;border:0;overflow:hidden;clip-path:inset(50%);white-space:nowrap';
    document.body.append(region);
  }
  // Said at once, so the region holds the title when navigate() resolves. The same title
  // twice in a row is cleared first and said a frame later, so that it is announced again.
  if (region.textContent !== text) {
    region.textContent = text;
    return;
  }
  region.textContent = '';
  const node = region;
  requestAnimationFrame(() => { node.textContent = text; });
}
