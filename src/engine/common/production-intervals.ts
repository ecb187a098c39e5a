/**
 * Production over a period with dated disruptions: outages (output × a factor over an interval
 * of days) and ramps (the factor moving linearly from one value to another across the
 * interval). Output is integrated day by day: on each day the lowest factor of the disruptions
 * in force applies (1 when none), so overlapping disruptions do not compound — two outages of
 * the same quarter stop it once — and the order they are given in never matters. The result is
 * the fraction of the period's output that remains.
 *
 * @example
 * // Two idle quarters of 2026 leave 182 of 365 days.
 * remainingFraction(_spanOfPeriod("2026"), [
 *   { span: _spanOfPeriod("2026-Q2"), factor: 0 },
 *   { span: _spanOfPeriod("2026-Q3"), factor: 0 },
 * ]); // 182 / 365
 */
import type { _DaySpan } from "./_days.js";

/** One disruption: `factor` over `span` (half-open days; ±Infinity for every period). */
export interface Disruption {
  span: _DaySpan;
  factor: number;
  /** A ramp: the factor moves linearly from `factor` on the first day to this on the last. */
  factorEnd?: number | undefined;
}

/** The factor of `d` on day `day` (read at the middle of the day). */
export function factorOn(d: Disruption, day: number): number {
  if (d.factorEnd === undefined) return d.factor;
  const len = d.span.to - d.span.from;
  if (!(len > 0 && Number.isFinite(len))) return d.factor;
  return d.factor + (d.factorEnd - d.factor) * ((day + 0.5 - d.span.from) / len);
}

/** True when `d` covers some day of `span`. */
export function overlaps(d: Disruption, span: _DaySpan): boolean {
  return d.span.from < span.to && d.span.to > span.from && span.to > span.from;
}

/**
 * The fraction of a period's output (the days of `period`, read as evenly spread) that remains
 * under `disruptions`: the mean over its days of the lowest factor in force (1 when none).
 */
export function remainingFraction(period: _DaySpan, disruptions: readonly Disruption[]): number {
  const len = period.to - period.from;
  if (!(len > 0)) return 1;
  const active = disruptions.filter((d) => overlaps(d, period));
  if (active.length === 0) return 1;
  // Cut the period where a disruption starts or ends: between cuts the same ones are in force.
  const cuts = new Set<number>([period.from, period.to]);
  for (const d of active) {
    if (d.span.from > period.from) cuts.add(d.span.from);
    if (d.span.to < period.to) cuts.add(d.span.to);
  }
  const xs = [...cuts].sort((a, b) => a - b);
  let sum = 0;
  for (let k = 0; k + 1 < xs.length; k++) {
    const a = xs[k] as number;
    const b = xs[k + 1] as number;
    const here = active.filter((d) => d.span.from <= a && d.span.to >= b);
    if (here.length === 0) sum += b - a;
    else if (here.every((d) => d.factorEnd === undefined))
      sum += (b - a) * Math.min(...here.map((d) => d.factor));
    else for (let day = a; day < b; day++) sum += Math.min(...here.map((d) => factorOn(d, day)));
  }
  return sum / len;
}
