/**
 * Scroll positions per history entry, kept in sessionStorage so that Back, Forward and a
 * reload find them again; restored once the page has rendered, and retried while the page is
 * still too short to reach the position (content that arrives late).
 */
const LIMIT = 200;

export class ScrollMemory {
  readonly #key: string;
  #positions: Record<string, [number, number]> = {};

  constructor(appName: string) {
    this.#key = `phial-scroll:${appName}`;
    try {
      // Nothing stored reads as null (JSON.parse(null) is null).
      const parsed: unknown = JSON.parse(sessionStorage.getItem(this.#key)!);
      if (parsed && typeof parsed === 'object') this.#positions = parsed as Record<string, [number, number]>;
    } catch {
      // Storage that throws or holds garbage: start empty, positions live in memory only.
    }
  }

  /** Remembers where the page is scrolled for the entry `entry`. */
  save(entry: string | null): void {
    if (entry === null) return;
    delete this.#positions[entry];
    this.#positions[entry] = [window.scrollX, window.scrollY];
    const keys = Object.keys(this.#positions);
    for (let i = 0; i < keys.length - LIMIT; i++) delete this.#positions[keys[i]!];
  }

  /**
   * Writes the positions to sessionStorage, for a reload or a Back into this document: only on
   * pagehide, since serialising them on every navigation cost more than the navigation itself.
   */
  persist(): void {
    try {
      sessionStorage.setItem(this.#key, JSON.stringify(this.#positions));
    } catch {
      // Full or unavailable storage: keep the positions for this document only.
    }
  }

  /** Scrolls to the position saved for `entry`; false when there is none. */
  restore(entry: string | null): boolean {
    const pos = entry === null ? undefined : this.#positions[entry];
    if (!Array.isArray(pos)) return false;
    scrollWhenReachable(pos[0], pos[1]);
    return true;
  }
}

/** Bumped by every scroll Phial makes: a restore still waiting for its page gives up then. */
let scrolls = 0;

/**
 * Scrolls to (x, y) now, and again as the document grows, for up to two seconds; it gives up
 * as soon as Phial scrolls for another navigation or anything else (the user) scrolls.
 */
function scrollWhenReachable(x: number, y: number): void {
  const mine = ++scrolls;
  const until = performance.now() + 2000;
  /** Where the last try left the page: moved from there, it was scrolled by someone else. */
  let left: [number, number] | null = null;
  const step = () => {
    if (mine !== scrolls || (left && !reached(...left)) || performance.now() >= until) return;
    window.scrollTo(x, y);
    left = [window.scrollX, window.scrollY];
    if (!reached(x, y)) requestAnimationFrame(step);
  };
  step();
}

function reached(x: number, y: number): boolean {
  return Math.abs(window.scrollX - x) < 1 && Math.abs(window.scrollY - y) < 1;
}

/** The element a fragment names: by id, then the first `name` (as browsers look it up). */
export function anchorElement(hash: string): Element | null {
  if (hash === '' || hash === '#') return null;
  let id = hash.slice(1);
  try {
    id = decodeURIComponent(id);
  } catch {
    // keep the raw text
  }
  return document.getElementById(id) ?? document.getElementsByName(id)[0] ?? null;
}

/** A push: to the fragment's element when there is one, else to the top. */
export function scrollForPush(hash: string): Element | null {
  scrolls++;
  const target = anchorElement(hash);
  if (target) target.scrollIntoView();
  else window.scrollTo(0, 0);
  return target;
}
