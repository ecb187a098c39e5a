/**
 * Units carried in the type: tonnes of contained metal, US dollars, and the two ways a
 * share is written (a fraction 0–1 in the model, a percentage 0–100 in BODS).
 */
import type { Brand } from "./ids.js";

export type Tonnes = Brand<number, "Tonnes">;
export type Usd = Brand<number, "Usd">;
/** A share as a fraction, 0 to 1. */
export type ShareFraction = Brand<number, "ShareFraction">;
/** A share as a percentage, 0 to 100 (BODS). */
export type SharePercent = Brand<number, "SharePercent">;

/** Tonnes from a plain number; rejects negatives and non-finite values. */
export function tonnesFrom(n: number): Tonnes {
  if (!Number.isFinite(n) || n < 0)
    throw new RangeError(`Tonnes must be finite and >= 0, got ${n}`);
  return n as Tonnes;
}

/** US dollars from a plain number; rejects non-finite values. */
export function usdFrom(n: number): Usd {
  if (!Number.isFinite(n)) throw new RangeError(`USD must be finite, got ${n}`);
  return n as Usd;
}

/** A share fraction in [0, 1]. */
export function shareFractionFrom(n: number): ShareFraction {
  if (!(n >= 0 && n <= 1)) throw new RangeError(`A share fraction must be in [0, 1], got ${n}`);
  return n as ShareFraction;
}

/** Converts a BODS percentage (0–100) to a fraction (0–1). */
export function shareFractionFromPercent(p: SharePercent | number): ShareFraction {
  return shareFractionFrom(p / 100);
}

/** Converts a fraction (0–1) to a BODS percentage (0–100). */
export function sharePercentFrom(f: ShareFraction | number): SharePercent {
  if (!(f >= 0 && f <= 1)) throw new RangeError(`A share fraction must be in [0, 1], got ${f}`);
  return (f * 100) as SharePercent;
}

/** Tonnes per US pound-based price: 1 t = 2204.62262 lb. */
export const POUNDS_PER_TONNE = 2204.62262185;
