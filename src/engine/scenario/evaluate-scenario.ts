/**
 * One scenario, evaluated: the scenario applied to the dataset, the world folded at its base
 * date, and the engine run on it — control (look-through, consolidated and de facto shares),
 * allocation (bans, quotas, offtakes; US-accessible supply, buyers by country), routes and
 * stockpile when those parts are given. Each part is optional and says whether it was computed.
 * The headline metrics carry their parts per asset or company, so a comparison can say what
 * moved them. See docs/scenarios.md.
 */
import type { Commodity } from "../../model/commodity.js";
import type { Dataset } from "../../model/dataset.js";
import { OrebookError } from "../../model/errors.js";
import type { World } from "../../model/world.js";
import { worldFromOwned } from "../../model/world.js";
import { type Allocation, allocationFor } from "../allocation/index.js";
import { type PeriodChoice, reportPeriodFor } from "../common/index.js";
import { type FlowMetrics, flowMetricsFrom } from "../metrics/index.js";
import { type ControlReport, controlReportFor, lookThroughFnFor } from "../ownership/index.js";
import {
  type AppliedChange,
  type AppliedScenario,
  type ApplyOptions,
  applyScenario,
  type TrackedObligation,
} from "./apply-scenario.js";
import type { Scenario } from "./scenario-schema.js";

export const ENGINE_PARTS = ["control", "allocation", "routes", "stockpile"] as const;
export type EnginePart = (typeof ENGINE_PARTS)[number];

export type MetricUnit = "share" | "tonnes" | "hhi" | "usd" | "count";

/** One headline figure of one scenario. */
export interface Metric {
  id: string;
  label: string;
  commodity: Commodity | null;
  part: EnginePart;
  unit: MetricUnit;
  /** null when the part could not compute it. */
  value: number | null;
  /** What makes the figure, in tonnes per asset, company or buyer. */
  parts: Record<string, number>;
  /** A word on each part where it helps explain a change (an asset's controller). */
  labels?: Record<string, string>;
}

/** Metrics a route part adds, for one commodity; given by the caller (the LP solver is async). */
export type RouteMetricsFn = (
  world: World,
  commodity: Commodity,
  allocation: Allocation | null,
  control: ControlReport | null,
) => Metric[];

/** What a stockpile part adds (see stockpileMetricsFn in stockpile-metrics.ts). */
export type StockpileMetricsFn = (
  world: World,
  commodity: Commodity,
  flows: FlowMetrics | null,
) => Metric[];

export interface EvaluateOptions {
  commodities: readonly Commodity[];
  /** Production period for every commodity; default the scenario's, else the latest year with actual figures. */
  period?: string;
  /** Parts to run; default control and allocation (and routes/stockpile when their functions are given). */
  parts?: readonly EnginePart[];
  routes?: RouteMetricsFn;
  stockpile?: StockpileMetricsFn;
  /** Changes to include (the Monte Carlo's draw); default all. */
  include?: ApplyOptions["include"];
}

export interface PartStatus {
  part: EnginePart;
  computed: boolean;
  note: string;
}

export interface CommodityEvaluation {
  commodity: Commodity;
  period: string;
  control: ControlReport | null;
  flows: FlowMetrics | null;
  notes: string[];
}

export interface ScenarioEvaluation {
  scenario: string;
  asOf: string;
  applied: AppliedChange[];
  obligations: TrackedObligation[];
  parts: PartStatus[];
  commodities: CommodityEvaluation[];
  metrics: Metric[];
}

const FOCUS: { key: string; name: string }[] = [
  { key: "CN", name: "China" },
  { key: "US", name: "United States" },
  { key: "CD", name: "DR Congo" },
];

function controlMetrics(c: Commodity, r: ControlReport): Metric[] {
  const out: Metric[] = [];
  const total = r.totalTonnes;
  const m = (
    id: string,
    label: string,
    unit: MetricUnit,
    value: number | null,
    parts: Record<string, number>,
    labels?: Record<string, string>,
  ): Metric => ({
    id: `${c}.${id}`,
    label,
    commodity: c,
    part: "control",
    unit,
    value,
    parts,
    ...(labels ? { labels } : {}),
  });
  out.push(
    m(
      "production",
      `${c}: production counted (t)`,
      "tonnes",
      total,
      Object.fromEntries(r.assets.map((a) => [a.name, a.tonnes])),
    ),
  );
  const rootsBy = (country: string) =>
    Object.fromEntries(
      r.byCompany
        .filter((x) => x.ultimateTonnes > 0 && x.country === country)
        .map((x) => [x.name, x.ultimateTonnes]),
    );
  // Who controls each asset, in words: a change between scenarios is shown as "was → is".
  const labels = Object.fromEntries(
    r.assets.map((a) => [
      a.name,
      a.deFactoBy
        ? `held by ${a.deFacto.slice("armed-group:".length)} (${a.deFactoBy.territory}, ${a.deFactoBy.basis})`
        : a.controlBasis === null
          ? "no controller"
          : a.controllers.length > 1
            ? `controlled jointly by ${a.controllers.map((x) => `${x.name} (${x.country})`).join(" and ")}`
            : `controlled by ${a.controllerName} (${a.controllerCountry}, ${a.controlBasis})`,
    ]),
  );
  for (const f of FOCUS) {
    const row = r.byCountry.find((x) => x.country === f.key);
    out.push(
      m(
        `${f.key.toLowerCase()}.attributable`,
        `${c}: ${f.name} attributable share`,
        "share",
        total > 0 ? (row?.attributableShare ?? 0) : null,
        rootsBy(f.key),
      ),
    );
    // Each asset's tonnes counted for the country: its controllers' parts there (joint: a part).
    const controlled = (field: "consolidated" | "deFacto") =>
      Object.fromEntries(
        r.assets.flatMap((a) => {
          if (field === "deFacto" && a.deFactoBy)
            return a.deFacto === f.key ? [[a.name, a.tonnes]] : [];
          const part = a.controllers
            .filter((x) => x.country === f.key)
            .reduce((s, x) => s + x.share, 0);
          return part > 0 ? [[a.name, a.tonnes * part]] : [];
        }),
      );
    out.push(
      m(
        `${f.key.toLowerCase()}.consolidated`,
        `${c}: ${f.name} consolidated control share`,
        "share",
        total > 0 ? (row?.consolidatedShare ?? 0) : null,
        controlled("consolidated"),
        labels,
      ),
    );
    out.push(
      m(
        `${f.key.toLowerCase()}.deFacto`,
        `${c}: ${f.name} de facto control share`,
        "share",
        total > 0 ? (row?.deFactoShare ?? 0) : null,
        controlled("deFacto"),
        labels,
      ),
    );
  }
  const armed = r.assets.filter((a) => a.deFacto.startsWith("armed-group:"));
  out.push(
    m(
      "armedGroups.deFacto",
      `${c}: armed groups' de facto control share`,
      "share",
      total > 0 ? armed.reduce((s, a) => s + a.tonnes, 0) / total : null,
      Object.fromEntries(armed.map((a) => [a.name, a.tonnes])),
      labels,
    ),
  );
  out.push(m("hhi.attributable", `${c}: HHI, attributable`, "hhi", r.hhi.attributable, {}));
  out.push(m("hhi.consolidated", `${c}: HHI, consolidated control`, "hhi", r.hhi.consolidated, {}));
  out.push(m("hhi.deFacto", `${c}: HHI, de facto control`, "hhi", r.hhi.deFacto, {}));
  return out;
}

function flowMetrics(c: Commodity, f: FlowMetrics): Metric[] {
  const m = (
    id: string,
    label: string,
    unit: MetricUnit,
    value: number | null,
    parts: Record<string, number>,
  ): Metric => ({ id: `${c}.${id}`, label, commodity: c, part: "allocation", unit, value, parts });
  const lineParts = (keep: (l: FlowMetrics["lines"][number]) => boolean) => {
    const p: Record<string, number> = {};
    for (const l of f.lines)
      if (keep(l)) p[`${l.asset} → ${l.buyer}`] = (p[`${l.asset} → ${l.buyer}`] ?? 0) + l.tonnes;
    return p;
  };
  const accessible = new Set(f.usAccessible.buyers);
  return [
    m(
      "usAccessible",
      `${c}: US-accessible supply (t)`,
      "tonnes",
      f.usAccessible.tonnes,
      lineParts((l) => accessible.has(l.buyer)),
    ),
    m(
      "usAccessible.share",
      `${c}: US-accessible share of exports`,
      "share",
      f.usAccessible.share,
      {},
    ),
    ...f.byBuyerCountry.map((row) =>
      m(
        `buyers.${row.country}`,
        `${c}: to buyers in ${row.country === "unknown" ? "an unrecorded country" : row.name} (t)`,
        "tonnes",
        row.tonnes,
        lineParts((l) => (l.buyerCountry ?? "unknown") === row.country),
      ),
    ),
    m(
      "heldBack",
      `${c}: held back by bans and quotas (t)`,
      "tonnes",
      f.heldBackTonnes,
      Object.fromEntries(f.heldBack.map((h) => [`${h.asset} (${h.ruleId})`, h.tonnes])),
    ),
    m("exported", `${c}: exported (t)`, "tonnes", f.exportedTonnes, {}),
    m(
      "openMarket",
      `${c}: to the open market (t)`,
      "tonnes",
      f.openMarketTonnes,
      Object.fromEntries(f.bySeller.map((s) => [s.name, s.openMarketTonnes])),
    ),
  ];
}

/**
 * The period evaluated for a commodity: the option or the scenario's (its latest earlier year
 * with figures when it has none, labelled), else the report's default (report-period.ts).
 */
export function evaluationPeriod(
  world: World,
  commodity: Commodity,
  period: string | undefined,
): PeriodChoice {
  return reportPeriodFor(world, commodity, { period, fallBack: true });
}

/**
 * Applies `scenario` to `dataset` and runs the engine on the result.
 *
 * @example evaluateScenario(ds, scenario, { commodities: ["cobalt"] }).metrics
 */
export function evaluateScenario(
  dataset: Dataset,
  scenario: Scenario,
  opts: EvaluateOptions,
): ScenarioEvaluation {
  const applied = applyScenario(dataset, scenario, opts.include ? { include: opts.include } : {});
  return evaluateApplied(applied, scenario, opts);
}

/** Evaluates a scenario already applied (by `applyScenario` or the scenario-file reader). */
export function evaluateApplied(
  applied: AppliedScenario,
  scenario: Scenario,
  opts: EvaluateOptions,
): ScenarioEvaluation {
  const world = worldFromOwned(applied.dataset, applied.asOf);
  const ev = evaluateWorld(world, opts, scenario.period);
  return {
    scenario: scenario.name,
    asOf: applied.asOf,
    applied: applied.applied,
    obligations: applied.obligations,
    ...ev,
  };
}

/** Runs the engine's parts on a world already folded (the scenario applied). */
export function evaluateWorld(
  world: World,
  opts: EvaluateOptions,
  scenarioPeriod?: string,
): Pick<ScenarioEvaluation, "parts" | "commodities" | "metrics"> {
  const want = new Set<EnginePart>(
    opts.parts ?? [
      "control",
      "allocation",
      ...(opts.routes ? (["routes"] as const) : []),
      ...(opts.stockpile ? (["stockpile"] as const) : []),
    ],
  );
  const metrics: Metric[] = [];
  const commodities: CommodityEvaluation[] = [];
  const failures: Record<EnginePart, string[]> = {
    control: [],
    allocation: [],
    routes: [],
    stockpile: [],
  };
  for (const commodity of opts.commodities) {
    const choice = evaluationPeriod(world, commodity, opts.period ?? scenarioPeriod);
    const period = choice.period;
    const notes: string[] = choice.label !== null ? [choice.label] : [];
    let control: ControlReport | null = null;
    let flows: FlowMetrics | null = null;
    let allocation: Allocation | null = null;
    if (want.has("control")) {
      try {
        // Shares of the recorded tonnes: a scenario moves production, and the national totals
        // (statistics of what happened) do not move with it.
        control = controlReportFor(world, { commodity, period, basis: "recorded" });
        metrics.push(...controlMetrics(commodity, control));
      } catch (e) {
        if (!(e instanceof OrebookError)) throw e;
        failures.control.push(`${commodity}: ${e.message}`);
      }
    }
    if (want.has("allocation")) {
      try {
        allocation = allocationFor(world, {
          commodity,
          period,
          lookThrough: lookThroughFnFor(world),
        });
        flows = flowMetricsFrom(world, allocation);
        metrics.push(...flowMetrics(commodity, flows));
      } catch (e) {
        if (!(e instanceof OrebookError)) throw e;
        failures.allocation.push(`${commodity}: ${e.message}`);
      }
    }
    if (want.has("routes") && opts.routes) {
      try {
        metrics.push(...opts.routes(world, commodity, allocation, control));
      } catch (e) {
        if (!(e instanceof OrebookError)) throw e;
        failures.routes.push(`${commodity}: ${e.message}`);
      }
    }
    if (want.has("stockpile") && opts.stockpile)
      metrics.push(...opts.stockpile(world, commodity, flows));
    commodities.push({ commodity, period, control, flows, notes });
  }
  const parts: PartStatus[] = ENGINE_PARTS.map((part) => {
    if (!want.has(part))
      return {
        part,
        computed: false,
        note:
          part === "stockpile"
            ? "Not computed: no stockpile was named (coverage and shortfall need a holder)"
            : part === "routes"
              ? "Not computed: no route part was given (the route engine runs an LP)"
              : "Not asked for",
      };
    if ((part === "routes" && !opts.routes) || (part === "stockpile" && !opts.stockpile))
      return { part, computed: false, note: `Not computed: no ${part} function given` };
    const failed = failures[part];
    return failed.length > 0
      ? { part, computed: failed.length < opts.commodities.length, note: failed.join("; ") }
      : { part, computed: true, note: "Computed" };
  });
  return { parts, commodities, metrics };
}
