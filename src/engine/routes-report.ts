/**
 * The routes report as `orebook report routes --format json` gives it: the allocation's (or
 * control's) shipments routed over the network as a min-cost flow (HiGHS) on the generalised
 * cost, with the legs and what their costs rest on, ports, bottlenecks, what a ban or quota
 * holds back and what a capacity leaves unshipped, the destinations against the trade
 * statistics, and the Sankey graph. `routedBaseCase` is the composition the scenario metrics and
 * the calibration share.
 */

import type { Commodity } from "../model/commodity.js";
import { periodYear } from "../model/dates.js";
import type { World } from "../model/world.js";
import { type Allocation, allocationFor } from "./allocation.js";
import { controlReportFor } from "./control-report.js";
import { type DestinationPrior, destinationPriorFor } from "./destination-prior.js";
import { lookThroughFnFor } from "./look-through-fn.js";
import type { LpSolver } from "./lp-solver.js";
import { type LegCost, type RouteCosts, routeCostsFor } from "./route-costs.js";
import { type RouteResult, routeFlows } from "./route-flows.js";
import type { RouteObjective, Shipment } from "./route-model.js";
import { routeNetworkFrom, WORLD_MARKET } from "./route-network.js";
import { type RouteSankey, routeSankeyFrom } from "./route-sankey.js";
import { shipmentsFromAllocation, shipmentsFromControl, UNRECORDED } from "./route-shipments.js";

/** Tonnes a ban or quota holds back at the mines, by rule. */
export interface HeldBack {
  rule: string;
  tonnes: number;
  assets: string[];
}

/** The model's tonnes to a destination country against the trade statistics. */
export interface TradeGapRow {
  country: string;
  /** Tonnes the routing delivers to the country (named buyers and the prior). */
  modelTonnes: number;
  /** Share of the routed exports. */
  modelShare: number;
  /** The statistics: contained tonnes (range) and share of the exporter's total; null if none. */
  statisticTonnes: number | null;
  statisticMin: number | null;
  statisticMax: number | null;
  statisticShare: number | null;
  /** modelShare − statisticShare, in share points; null without a statistic. */
  gap: number | null;
  flows: string[];
}

/** A routes report: the routing result with what it was run on, and the Sankey graph. */
export interface RoutesReport extends RouteResult {
  commodity: string;
  period: string;
  asOf: string;
  shipmentsFrom: "allocation" | "control";
  /** Tonnes held back at the mines by export bans or quotas (not shipped, not lost). */
  heldBackTonnes: number;
  heldBack: HeldBack[];
  /** What each open leg's generalised cost rests on (sourced, estimate, …). */
  legCosts: LegCost[];
  /** The destination prior used for tonnes without a named buyer. */
  prior: DestinationPrior | null;
  /** Destinations by country against the trade statistics. */
  tradeGap: TradeGapRow[];
  sankey: RouteSankey;
}

export interface RoutesReportOptions {
  commodity: Commodity;
  period?: string;
  shipmentsFrom: "allocation" | "control";
  open: string[];
  close: string[];
  openMarket?: string;
  defaultMarket?: string;
  objective?: RouteObjective;
  /** The solver's time limit (default the solver interface's). */
  timeLimitSeconds?: number;
}

/** What the base case routes, and with what. */
export interface RoutedBaseCase {
  period: string;
  allocation: Allocation | null;
  prior: DestinationPrior | null;
  costs: RouteCosts;
  shipments: Shipment[];
  result: RouteResult;
  controllerCountryOf: Map<string, string>;
}

/**
 * The base case of a commodity and period: the allocation's tonnes (or control's) to their
 * destinations (buyer countries' markets, the trade statistics' destinations, the world market
 * at the coast), routed on the generalised cost.
 *
 * @example routedBaseCase(world, solver, { commodity: "copper", period: "2025", shipmentsFrom: "allocation", open: [], close: [] })
 */
export function routedBaseCase(
  world: World,
  solver: LpSolver,
  opts: RoutesReportOptions,
  allocation?: Allocation | null,
): RoutedBaseCase {
  const control = controlReportFor(world, {
    commodity: opts.commodity,
    ...(opts.period ? { period: opts.period } : {}),
  });
  const period = control.period;
  const controllerCountryOf = new Map(
    control.assets.map((a) => [a.id as string, a.controllerCountry]),
  );
  const year = periodYear(period);
  const producing = [...world.assets.values()].filter(
    (a) => (a.kind === "mine" || a.kind === "tailings") && a.commodities.includes(opts.commodity),
  );
  const network = routeNetworkFrom(world, {
    open: opts.open,
    closed: opts.close,
    worldMarket: true,
    connect: producing,
    provinces: new Map([...world.assets.values()].map((a) => [a.id as string, a.province])),
  });
  const defaultMarket = opts.defaultMarket ?? WORLD_MARKET;
  let shipments: Shipment[];
  let alloc: Allocation | null = null;
  let prior: DestinationPrior | null = null;
  if (opts.shipmentsFrom === "allocation") {
    alloc =
      allocation ??
      allocationFor(world, {
        commodity: opts.commodity,
        period,
        lookThrough: lookThroughFnFor(world),
      });
    prior = destinationPriorFor(world, opts.commodity, year);
    shipments = shipmentsFromAllocation(world, alloc, {
      defaultMarket,
      prior,
      ...(opts.openMarket !== undefined ? { openMarket: opts.openMarket } : {}),
    });
  } else {
    shipments = shipmentsFromControl(world, control, { defaultMarket });
  }
  const costs = routeCostsFor(world, network, opts.commodity, year);
  const result = routeFlows(solver, network, shipments, {
    label: `Routing ${opts.commodity}`,
    legCost: costs.generalised,
    ...(opts.objective !== undefined ? { objective: opts.objective } : {}),
    ...(opts.timeLimitSeconds !== undefined ? { timeLimitSeconds: opts.timeLimitSeconds } : {}),
  });
  result.notes.unshift(
    ...costs.notes,
    ...(prior?.notes ?? []),
    ...network.connected.map(
      (c) =>
        `${c.asset} has no route node in the data: joined by road to ${c.hub} (${c.how}); the leg's cost is an estimate`,
    ),
  );
  return { period, allocation: alloc, prior, costs, shipments, result, controllerCountryOf };
}

function _heldBack(alloc: Allocation | null): HeldBack[] {
  const by = new Map<string, HeldBack>();
  for (const a of alloc?.assets ?? [])
    for (const h of a.heldBackByRule) {
      if (!(h.tonnes > 0)) continue;
      const r = by.get(h.ruleId) ?? { rule: h.ruleId, tonnes: 0, assets: [] };
      r.tonnes += h.tonnes;
      if (!r.assets.includes(a.asset)) r.assets.push(a.asset);
      by.set(h.ruleId, r);
    }
  return [...by.values()].sort((x, y) => y.tonnes - x.tonnes);
}

/** The model's destinations by country against the trade statistics. */
export function tradeGapFrom(result: RouteResult, prior: DestinationPrior | null): TradeGapRow[] {
  const model = new Map<string, number>();
  let total = 0;
  for (const r of result.routes) {
    const c = r.buyerCountry ?? UNRECORDED;
    model.set(c, (model.get(c) ?? 0) + r.tonnes);
    total += r.tonnes;
  }
  const countries = new Set([...model.keys(), ...(prior?.entries.map((e) => e.country) ?? [])]);
  const rows: TradeGapRow[] = [];
  for (const c of countries) {
    const e = prior?.entries.find((x) => x.country === c);
    const modelTonnes = model.get(c) ?? 0;
    const modelShare = total > 0 ? modelTonnes / total : 0;
    const statShare = e ? (prior?.total ? e.share : null) : null;
    rows.push({
      country: c,
      modelTonnes: Math.round(modelTonnes * 1000) / 1000,
      modelShare,
      statisticTonnes: e?.statisticTonnes ?? null,
      statisticMin: e?.statisticMin ?? null,
      statisticMax: e?.statisticMax ?? null,
      statisticShare: statShare,
      gap: statShare === null ? null : modelShare - statShare,
      flows: e?.flows ?? [],
    });
  }
  return rows.sort((a, b) => b.modelTonnes - a.modelTonnes);
}

/**
 * Which way a commodity's tonnes leave, and what cannot be shipped.
 *
 * @example routesReportFor(world, await loadLpSolver(), { commodity: "cobalt", shipmentsFrom: "allocation", open: [], close: ["lobito"], timeLimitSeconds: 10 })
 */
export function routesReportFor(
  world: World,
  solver: LpSolver,
  opts: RoutesReportOptions,
): RoutesReport {
  const base = routedBaseCase(world, solver, opts);
  const { result, allocation, prior, costs } = base;
  const names = new Map<string, string>();
  for (const a of world.assets.values()) names.set(a.id, a.name);
  for (const n of world.routeNodes.values()) names.set(n.id, n.name);
  names.set(WORLD_MARKET, "World market (at the coast)");
  const heldBack = _heldBack(allocation);
  return {
    commodity: opts.commodity,
    period: base.period,
    asOf: world.asOf,
    shipmentsFrom: opts.shipmentsFrom,
    heldBackTonnes: allocation?.totals.heldBackTonnes ?? 0,
    heldBack,
    ...result,
    legCosts: costs.legs,
    prior,
    tradeGap: tradeGapFrom(result, prior),
    sankey: routeSankeyFrom(result, { controllerCountryOf: base.controllerCountryOf, names }),
  };
}
