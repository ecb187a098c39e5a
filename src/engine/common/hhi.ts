/**
 * The Herfindahl-Hirschman index on 0–10,000: the sum of squared percentage shares.
 * `hhiFrom([0.5, 0.5])` is 5,000; one supplier with everything is 10,000.
 */
export function hhiFrom(shares: Iterable<number>): number {
  let h = 0;
  for (const s of shares) {
    if (!(s >= 0 && s <= 1 + 1e-9))
      throw new RangeError(`A share must be a fraction in [0, 1], got ${s}`);
    h += (s * 100) ** 2;
  }
  return h;
}
