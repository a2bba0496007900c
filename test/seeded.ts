// The seeded generator the fuzz and property tests share (mulberry32): small, and a failing
// case can be replayed from the seed its message prints.

/** A generator of numbers in [0, 1) from `seed`. */
export function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
