/** Day arithmetic on ISO dates and periods, for prorating caps and production. Private. */
import { periodBounds } from "../../model/dates.js";

const MS_PER_DAY = 86_400_000;

function digits(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return Number.NaN;
    n = n * 10 + c;
  }
  return n;
}

/**
 * Days since 1970-01-01 of an ISO date (YYYY-MM-DD), by calendar arithmetic (Hinnant's
 * days-from-civil): the allocation and scenario engines call this for every record and day
 * span, and parsing a Date each time dominated their run time.
 */
export function _dayOf(iso: string): number {
  let y = digits(iso, 0, 4);
  const m = digits(iso, 5, 7);
  const d = digits(iso, 8, 10);
  if (iso.length !== 10 || Number.isNaN(y + m + d))
    return Math.round(Date.parse(`${iso}T00:00:00Z`) / MS_PER_DAY);
  y -= m <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
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
