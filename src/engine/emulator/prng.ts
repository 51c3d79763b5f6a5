/**
 * mulberry32: a tiny seeded PRNG. The emulator draws all its randomness from one of these,
 * so the same seed gives the same trace on every machine.
 */
export function createPrng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Number of Bernoulli(p) trials up to and including the first success (≥ 1). */
export function geometric(random: () => number, p: number): number {
  if (p >= 1) return 1;
  const u = 1 - random(); // in (0, 1]: log stays finite
  return Math.max(1, Math.ceil(Math.log(u) / Math.log1p(-p)));
}
