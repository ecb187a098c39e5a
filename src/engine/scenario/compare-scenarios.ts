/**
 * Scenarios side by side: every headline metric of each scenario with its change from the base
 * (the first), the largest changes first, each explained by the assets, companies or buyers
 * whose parts moved most and by the changes the scenario made. See docs/scenarios.md.
 */
import type { Commodity } from "../../model/commodity.js";
import type {
  EnginePart,
  Metric,
  MetricUnit,
  PartStatus,
  ScenarioEvaluation,
} from "./evaluate-scenario.js";

export interface ComparisonCell {
  scenario: string;
  value: number | null;
  /** value − base value; null when either is unknown. */
  change: number | null;
  /** What moved it: the parts that changed most, in words. */
  explanation: string;
}

export interface ComparisonRow {
  id: string;
  label: string;
  commodity: Commodity | null;
  part: EnginePart;
  unit: MetricUnit;
  base: number | null;
  cells: ComparisonCell[];
  /** The largest change across scenarios, scaled to compare units (shares in points, tonnes as a fraction of base). */
  magnitude: number;
}

export interface Comparison {
  base: string;
  scenarios: string[];
  rows: ComparisonRow[];
  /** Which parts each scenario computed. */
  parts: { scenario: string; parts: PartStatus[] }[];
  /**
   * What each scenario changed, in words, the obligations tracked but not computed, and the
   * changes that touch no figure of the records evaluated (an outage dated where they have no
   * production figure), which change nothing.
   */
  changes: {
    scenario: string;
    applied: string[];
    obligations: string[];
    changeNothing: string[];
  }[];
}

export interface CompareOptions {
  /** Keep rows with no change at all; default false. */
  includeUnchanged?: boolean;
  /** How many moved parts to name per explanation; default 3. */
  explainTop?: number;
}

const EPS = 1e-9;

function tonnesChange(x: number): string {
  return `${x >= 0 ? "+" : "−"}${Math.round(Math.abs(x)).toLocaleString("en-US")} t`;
}

function explain(base: Metric | undefined, now: Metric | undefined, top: number): string {
  const b = base?.parts ?? {};
  const n = now?.parts ?? {};
  const why = (k: string) => {
    const was = base?.labels?.[k];
    const is = now?.labels?.[k];
    return was !== undefined && is !== undefined && was !== is ? ` (${was} → ${is})` : "";
  };
  const moved = [...new Set([...Object.keys(b), ...Object.keys(n)])]
    .map((k) => ({ k, d: (n[k] ?? 0) - (b[k] ?? 0) }))
    .filter((x) => Math.abs(x.d) > 0.5)
    .sort((a, b) => Math.abs(b.d) - Math.abs(a.d) || (a.k < b.k ? -1 : 1));
  if (moved.length === 0) return "";
  // Parts are tonnes whatever the metric's unit (a share's parts are the tonnes it counts).
  const words = moved
    .slice(0, top)
    .map((x) => `${x.k} ${tonnesChange(x.d)}${why(x.k)}`)
    .join(", ");
  return moved.length > top ? `${words}, and ${moved.length - top} more` : words;
}

function magnitudeOf(unit: MetricUnit, base: number | null, change: number | null): number {
  if (change === null) return 0;
  if (unit === "share") return Math.abs(change);
  if (unit === "hhi") return Math.abs(change) / 10_000;
  const b = Math.abs(base ?? 0);
  return b > EPS ? Math.abs(change) / b : Math.abs(change) > EPS ? 1 : 0;
}

/**
 * Compares evaluations: the first is the base. Rows are ordered by the largest change
 * (share points, HHI/10,000, tonnes relative to base), then by metric id.
 *
 * @example compareScenarios([evaluateScenario(ds, base, o), evaluateScenario(ds, orion, o)])
 */
export function compareScenarios(
  evaluations: readonly ScenarioEvaluation[],
  opts: CompareOptions = {},
): Comparison {
  const [first, ...others] = evaluations;
  if (!first) return { base: "", scenarios: [], rows: [], parts: [], changes: [] };
  const top = opts.explainTop ?? 3;
  const ids = [...new Set(evaluations.flatMap((e) => e.metrics.map((m) => m.id)))];
  const rows: ComparisonRow[] = [];
  for (const id of ids) {
    const b = first.metrics.find((m) => m.id === id);
    const any = b ?? evaluations.flatMap((e) => e.metrics).find((m) => m.id === id);
    if (!any) continue;
    // A tonnes metric missing where its part was computed is a flow that does not occur: 0.
    const absent = (e: ScenarioEvaluation) =>
      any.unit === "tonnes" && e.parts.some((p) => p.part === any.part && p.computed) ? 0 : null;
    const baseValue = b ? b.value : absent(first);
    const cells: ComparisonCell[] = others.map((e) => {
      const m = e.metrics.find((x) => x.id === id);
      const value = m ? m.value : absent(e);
      const change = value !== null && baseValue !== null ? value - baseValue : null;
      return {
        scenario: e.scenario,
        value,
        change,
        explanation: change !== null && Math.abs(change) > EPS ? explain(b, m, top) : "",
      };
    });
    const magnitude = Math.max(0, ...cells.map((c) => magnitudeOf(any.unit, baseValue, c.change)));
    if (!opts.includeUnchanged && magnitude < 1e-6 && others.length > 0) continue;
    rows.push({
      id,
      label: any.label,
      commodity: any.commodity,
      part: any.part,
      unit: any.unit,
      base: baseValue,
      cells,
      magnitude,
    });
  }
  rows.sort((a, b) => b.magnitude - a.magnitude || (a.id < b.id ? -1 : 1));
  return {
    base: first.scenario,
    scenarios: others.map((e) => e.scenario),
    rows,
    parts: evaluations.map((e) => ({ scenario: e.scenario, parts: e.parts })),
    changes: evaluations.map((e) => ({
      scenario: e.scenario,
      applied: e.applied.filter((a) => a.changesNothing !== true).map((a) => a.summary),
      changeNothing: e.applied.filter((a) => a.changesNothing === true).map((a) => a.summary),
      obligations: e.obligations.map((o) => `${o.party}: ${o.description} (${o.deal})`),
    })),
  };
}
