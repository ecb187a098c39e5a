/**
 * Dates are ISO calendar dates (`2025-12-31`). Periods name a span of production or a
 * quota: a year (`2025`), a half (`2025-H1`), a quarter (`2025-Q3`) or a month (`2025-10`).
 */
import { z } from "zod";
import { OrebookError } from "./errors.js";

export type IsoDate = string & { readonly __isoDate: true };
export type Period = string & { readonly __period: true };

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const PERIOD_RE = /^(\d{4})(?:-(H[12]|Q[1-4]|\d{2}))?$/;

/** The one pattern of a period (months 01 to 12), for schemas and forms: the source of `isPeriod`. */
export const PERIOD_PATTERN = "^\\d{4}(-(H[12]|Q[1-4]|0[1-9]|1[0-2]))?$";
const PERIOD_STRICT_RE = new RegExp(PERIOD_PATTERN);
/** What a bad period is told, everywhere. */
export const PERIOD_EXPECTED = "Expected a period as YYYY, YYYY-H1, YYYY-Q3 or YYYY-MM";
/** What a bad date is told, everywhere. */
export const DATE_EXPECTED = "Expected a calendar date as YYYY-MM-DD";

/** True when `s` is a period: `2025`, `2025-H1`, `2025-Q3` or `2025-10`. */
export function isPeriod(s: string): boolean {
  return PERIOD_STRICT_RE.test(s);
}

/** A string known to be a calendar date, branded; a RangeError if it is not one. */
export function asIsoDate(s: string): IsoDate {
  if (!isIsoDate(s)) throw new RangeError(`Not a date: ${s}`);
  return s as IsoDate;
}

/** A string known to be a period, branded; a RangeError if it is not one. */
export function asPeriod(s: string): Period {
  if (!isPeriod(s)) throw new RangeError(`Not a period: ${s}`);
  return s as Period;
}

/** The UTC calendar day of an instant, as YYYY-MM-DD (pure: the caller reads the clock). */
export function dayOf(instant: Date): IsoDate {
  return instant.toISOString().slice(0, 10) as IsoDate;
}

/**
 * Today, UTC, as YYYY-MM-DD: the one place the code turns the clock into a day. The shells, the
 * use cases (`app/reading.ts`), io's defaults and the dashboard call it; the engine never does
 * (it is given its dates).
 */
export function todayIso(): IsoDate {
  return dayOf(new Date());
}

/**
 * An optional date input checked: `undefined` stays undefined, a calendar date passes, anything
 * else is a BAD_INPUT naming the input (`--as-of`, `asOf`).
 */
export function dateInput(name: string, value: string | undefined): string | undefined {
  if (value === undefined || isIsoDate(value)) return value;
  throw new OrebookError(
    "BAD_INPUT",
    `${name} ${value} is not a date: expected YYYY-MM-DD, e.g. 2025-12-31`,
  );
}

/** An optional period input checked, as `dateInput`. */
export function periodInput(name: string, value: string | undefined): string | undefined {
  if (value === undefined || isPeriod(value)) return value;
  throw new OrebookError(
    "BAD_INPUT",
    `${name} ${value} is not a period: expected YYYY, YYYY-H1, YYYY-Q3 or YYYY-MM`,
  );
}

/**
 * The last string `isIsoDate` found a date: the records of an import mostly carry the same
 * dates, and building a `Date` for each was a second of a 700k-record import.
 */
let lastIsoDate = "";

/** True when `s` is a real calendar date in `YYYY-MM-DD` form. */
export function isIsoDate(s: string): boolean {
  if (s === lastIsoDate) return true;
  const m = DATE_RE.exec(s);
  if (!m) return false;
  const d = new Date(`${s}T00:00:00Z`);
  const ok = !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
  if (ok) lastIsoDate = s;
  return ok;
}

export const isoDateSchema = z
  .string()
  .refine(isIsoDate, DATE_EXPECTED)
  .transform((s) => s as IsoDate);

/** An as-of date may be a day, a month (`2025-10`) or a year (`2025`): whatever the source gives. */
export const asOfSchema = z
  .string()
  .refine(isAsOf, "Expected an as-of date as YYYY-MM-DD, YYYY-MM, YYYY, YYYY-Qn or YYYY-Hn");

/** True when `s` is an as-of date: a day, a month, a year, a quarter or a half. */
export function isAsOf(s: string): boolean {
  return isIsoDate(s) || /^\d{4}(-(0[1-9]|1[0-2]))?$/.test(s) || /^\d{4}-(H[12]|Q[1-4])$/.test(s);
}

export const periodSchema = z
  .string()
  .refine(isPeriod, PERIOD_EXPECTED)
  .transform((s) => s as Period);

/** The first and last day (inclusive) a period covers. */
export function periodBounds(p: string): { start: IsoDate; end: IsoDate; months: number } {
  const m = PERIOD_RE.exec(p);
  if (!m) throw new RangeError(`Not a period: ${p}`);
  const y = Number(m[1]);
  const sub = m[2];
  let m0 = 1;
  let months = 12;
  if (sub?.startsWith("H")) {
    m0 = sub === "H1" ? 1 : 7;
    months = 6;
  } else if (sub?.startsWith("Q")) {
    m0 = (Number(sub.slice(1)) - 1) * 3 + 1;
    months = 3;
  } else if (sub) {
    m0 = Number(sub);
    months = 1;
  }
  const start = new Date(Date.UTC(y, m0 - 1, 1));
  const end = new Date(Date.UTC(y, m0 - 1 + months, 0));
  return {
    start: start.toISOString().slice(0, 10) as IsoDate,
    end: end.toISOString().slice(0, 10) as IsoDate,
    months,
  };
}

/**
 * The last day of a date given as YYYY, YYYY-MM, YYYY-Qn, YYYY-Hn or YYYY-MM-DD (a date is its
 * own last day). Lenient, as the readers of dated records need: anything after the year that is
 * not a month, a quarter or H1 counts as the whole year.
 *
 * @example lastDayOf("2025-Q2") // "2025-06-30"
 */
export function lastDayOf(d: string): IsoDate {
  if (/^\d{4}-\d{2}-\d{2}$/.test(d)) return d as IsoDate;
  const y = Number(d.slice(0, 4));
  const sub = d.slice(5);
  let month = 12;
  if (/^\d{2}$/.test(sub)) month = Number(sub);
  else if (/^Q[1-4]$/.test(sub)) month = Number(sub.slice(1)) * 3;
  else if (sub === "H1") month = 6;
  return new Date(Date.UTC(y, month, 0)).toISOString().slice(0, 10) as IsoDate;
}

/** The year a period falls in. */
export function periodYear(p: string): number {
  return Number(p.slice(0, 4));
}

/** True when `date` lies in [from, to] (open ends when absent). Dates compare as strings. */
export function isValidOn(date: string, from?: string | null, to?: string | null): boolean {
  if (from && date < from) return false;
  if (to && date > to) return false;
  return true;
}
