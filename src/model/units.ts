/**
 * Units. Tonnes are of contained metal, money is in US dollars and a share is a fraction from
 * 0 to 1 in the model; the field names say so (`tonnes`, `usd…`, `share`). BODS writes shares as
 * percentages (0 to 100): they are converted, checked, where BODS is read.
 *
 * (Branded unit types were tried and removed: no record or engine signature carried them, so
 * they only added casts.)
 */

/** Converts a BODS percentage (0–100) to a fraction (0–1); a RangeError outside. */
export function shareFractionFromPercent(p: number): number {
  const f = p / 100;
  if (!(f >= 0 && f <= 1)) throw new RangeError(`A share fraction must be in [0, 1], got ${f}`);
  return f;
}
