/**
 * Facts dated after the day they are read cannot have been observed: an actual production
 * figure for a period that has not begun (`period: "2098"`, basis actual), a customs figure for
 * a year to come, or a record whose `asOf` (when its source says it was true) is still ahead. A
 * fact that is scheduled (a stake passing to Gécamines in 2027) says so with a `validFrom` after
 * today, and may then carry an `asOf` as late as that. `today` is given: the model reads no clock.
 *
 * @example
 * futureDatedIssues(dataset, "2026-06-30") // [{ record: "production x", path: ["period"], … }]
 */
import { type Dataset, RECORD_KINDS } from "./dataset.js";
import { periodBounds } from "./dates.js";
import type { Issue } from "./errors.js";

/** The first day an as-of date covers: `2099-02` → `2099-02-01`, `2099-Q3` → `2099-07-01`. */
function asOfStart(asOf: string): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(asOf)) return asOf;
  if (/^\d{4}-\d{2}$/.test(asOf)) return `${asOf}-01`;
  return periodBounds(asOf).start;
}

/** Every record that states as observed something dated after `today` (YYYY-MM-DD). */
export function futureDatedIssues(ds: Partial<Dataset>, today: string): Issue[] {
  const issues: Issue[] = [];
  for (const kind of RECORD_KINDS)
    for (const r of (ds[kind] ?? []) as Record<string, unknown>[])
      issues.push(...futureDatedIssuesOf(kind, r, today, "asOf"));
  for (const kind of ["production", "tradeFlows"] as const)
    for (const r of (ds[kind] ?? []) as Record<string, unknown>[])
      issues.push(...futureDatedIssuesOf(kind, r, today, "period"));
  return issues;
}

/**
 * The same checks for one record (`asOf`, the period of an actual production figure or the
 * year of a trade figure, or both), on a record that may not have passed its schema yet: fields
 * that are not dates are left to the schema.
 */
export function futureDatedIssuesOf(
  kind: string,
  r: Record<string, unknown>,
  today: string,
  which: "asOf" | "period" | "both" = "both",
): Issue[] {
  const issues: Issue[] = [];
  const id = String(r.id);
  if (which !== "period" && typeof r.asOf === "string") {
    const scheduled = typeof r.validFrom === "string" && r.validFrom > today;
    let start: string | undefined;
    try {
      start = asOfStart(r.asOf);
    } catch {
      start = undefined;
    }
    if (!scheduled && start !== undefined && start > today)
      issues.push({
        record: `${kind} ${id}`,
        path: ["asOf"],
        message: `asOf ${r.asOf} is after today (${today}): a source cannot have said it yet. A fact that starts later is scheduled with validFrom; otherwise correct the date`,
      });
  }
  if (which === "asOf") return issues;
  if (kind === "production" && r.basis === "actual" && typeof r.period === "string") {
    let start: string | undefined;
    try {
      start = periodBounds(r.period).start;
    } catch {
      start = undefined;
    }
    if (start !== undefined && start > today)
      issues.push({
        record: `production ${id}`,
        path: ["period"],
        message: `An actual figure for period ${r.period}, which begins ${start}, after today (${today}): a figure for the future is basis estimate, guidance or capacity`,
      });
  }
  if (kind === "tradeFlows" && r.basis !== "estimate" && typeof r.year === "number")
    if (`${r.year}-01-01` > today)
      issues.push({
        record: `tradeFlows ${id}`,
        path: ["year"],
        message: `A ${r.basis} trade figure for ${r.year}, which has not begun on ${today}: only an estimate can be for the future`,
      });
  return issues;
}
