/** How numbers from different methods are compared. */

/** Relative error |a − b| / max(|a|, |b|, 1e-300). */
export function relativeError(a: number, b: number): number {
  if (a === b) return 0;
  return Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b), 1e-300);
}

/**
 * Whether a and b agree to a relative tolerance, where `scale` is the size of the terms that were summed to
 * make them (a value that cancels to nearly 0 is compared relative to its terms, not to itself), and `noise`
 * an absolute error the method is known to carry.
 */
export function agreeWithin(a: number, b: number, tolerance: number, scale = 0, noise = 0): boolean {
  if (!Number.isFinite(a) || !Number.isFinite(b)) return a === b;
  return Math.abs(a - b) <= tolerance * Math.max(Math.abs(a), Math.abs(b), scale) + noise;
}
