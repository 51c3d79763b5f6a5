/**
 * How often a real Python run's threads are sampled: python-run.ts samples on `setInterval(1)`,
 * which Node fires every 1.05–1.15 ms here (median 1.1 ms). What the sampler resolves follows
 * from it: verify's sampler lens, and the `~` on real holds (hold-resolution.ts).
 */
export const SAMPLE_PERIOD_US = 1_000;
