/**
 * What the address bar keeps: the page, its focus (an entity for the graph), the commodity, the
 * date, the period and the scenario, as a hash route `#/page/focus?commodity=…&asOf=…`, so any
 * static server serves the dashboard, a link opens the same view and back and forward step
 * through the views seen. Only values that differ from the defaults are left out, except the
 * date, which is always written so that a link shared later still opens on the same day.
 */
import { isPeriod } from "../model/dates.js";
import { PAGES, type PageId } from "./selection.js";

export interface ViewState {
  page: PageId;
  /** An entity or asset id the page centres on (the graph), or a second one for a path. */
  focus: string | undefined;
  commodity: string;
  /** YYYY-MM-DD; undefined: today. */
  asOf: string | undefined;
  /** A production period (YYYY, YYYY-H1, YYYY-Q3, YYYY-MM); undefined: the latest with figures. */
  period: string | undefined;
  /** The scenario chosen: a shipped scenario's id, or `composed:NAME`. */
  scenario: string | undefined;
  /** Page-specific extras (the graph's path target, filters), kept as given. */
  extra: Record<string, string>;
}

export const DEFAULT_COMMODITY = "cobalt";
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const KNOWN = new Set(["commodity", "asOf", "period", "scenario"]);

/** The view a hash names; anything unreadable falls back to its default. */
export function viewFromHash(hash: string): ViewState {
  const raw = hash.replace(/^#\/?/, "");
  const q = raw.indexOf("?");
  const path = q < 0 ? raw : raw.slice(0, q);
  const params = new URLSearchParams(q < 0 ? "" : raw.slice(q + 1));
  const [p, ...rest] = path.split("/");
  const page = PAGES.find((x) => x.id === p)?.id ?? "overview";
  const f = rest.join("/");
  const asOf = params.get("asOf") ?? undefined;
  const period = params.get("period") ?? undefined;
  const extra: Record<string, string> = {};
  for (const [k, v] of params) if (!KNOWN.has(k)) extra[k] = v;
  return {
    page,
    focus: f ? decodeURIComponent(f) : undefined,
    commodity: params.get("commodity") || DEFAULT_COMMODITY,
    asOf: asOf && DATE.test(asOf) ? asOf : undefined,
    period: period && isPeriod(period) ? period : undefined,
    scenario: params.get("scenario") || undefined,
    extra,
  };
}

/** The hash of a view; `asOf` is written as given (the shell passes the date in force). */
export function hashOfView(v: ViewState): string {
  const params = new URLSearchParams();
  params.set("commodity", v.commodity);
  if (v.asOf) params.set("asOf", v.asOf);
  if (v.period) params.set("period", v.period);
  if (v.scenario) params.set("scenario", v.scenario);
  for (const [k, x] of Object.entries(v.extra).sort()) if (x !== "") params.set(k, x);
  const focus = v.focus ? `/${encodeURIComponent(v.focus)}` : "";
  return `#/${v.page}${focus}?${params.toString()}`;
}
