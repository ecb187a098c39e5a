/** Day arithmetic on ISO dates and periods, for prorating caps and production. Private. */
import { periodBounds } from "../model/dates.js";

const MS_PER_DAY = 86_400_000;

/** Days since 1970-01-01 of an ISO date (YYYY-MM-DD). */
export function _dayOf(iso: string): number {
  return Math.round(Date.parse(`${iso}T00:00:00Z`) / MS_PER_DAY);
}

/** An ISO date from a day number. */
export function _isoOf(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/** A half-open span of days [from, to). */
export interface _DaySpan {
  from: number;
  to: number;
}

/** The days a period covers, as a half-open span. */
export function _spanOfPeriod(period: string): _DaySpan {
  const b = periodBounds(period);
  return { from: _dayOf(b.start), to: _dayOf(b.end) + 1 };
}

/** The span a dated record is valid for (inclusive ISO ends), open ends as ±Infinity. */
export function _spanOfValidity(validFrom?: string, validTo?: string): _DaySpan {
  return {
    from: validFrom ? _dayOf(validFrom) : Number.NEGATIVE_INFINITY,
    to: validTo ? _dayOf(validTo) + 1 : Number.POSITIVE_INFINITY,
  };
}

/** The overlap of two spans (empty spans have from >= to). */
export function _intersect(a: _DaySpan, b: _DaySpan): _DaySpan {
  return { from: Math.max(a.from, b.from), to: Math.min(a.to, b.to) };
}

/** The number of days in a span, 0 when empty. */
export function _daysIn(s: _DaySpan): number {
  return Math.max(0, s.to - s.from);
}
