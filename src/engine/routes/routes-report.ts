/**
 * The routes report as `orebook report routes --format json` gives it: the allocation's (or
 * control's) shipments routed over the network as a min-cost flow (HiGHS) on the generalised
 * cost, with the legs and what their costs rest on, ports, bottlenecks, what a ban or quota
 * holds back and what a capacity leaves unshipped, the destinations against the trade
 * statistics, and the Sankey graph. `routedBaseCase` is the composition the scenario metrics and
 * the calibration share.
 */

import type { Commodity } from "../../model/commodity.js";
import { periodYear } from "../../model/dates.js";
import type { World } from "../../model/world.js";
import { type Allocation, allocationFor } from "../allocation/index.js";
import { type Coverage, countsAsMineOutput, mineCountriesOf } from "../common/index.js";
import { controlReportFor, lookThroughFnFor } from "../ownership/index.js";
import { type DestinationPrior, destinationPriorFor } from "./destination-prior.js";
import type { LpSolver } from "./lp-solver.js";
import {
  type CalibrationRow,
  calibrationRowFor,
  capacityOverridesFrom,
  type FittedCapacity,
  fittedCapacitiesFor,
  type RouteCalibration,
} from "./route-calibration.js";
import {
  type LegCost,
  type PortCost,
  portCostsFrom,
  type RouteCosts,
  routeCostsFor,
} from "./route-costs.js";
import { type RouteResult, routeFlows } from "./route-flows.js";
import type { RouteObjective, Shipment } from "./route-model.js";
import { type RouteNetwork, routeNetworkFrom, WORLD_MARKET } from "./route-network.js";
import { type RouteSankey, routeSankeyFrom } from "./route-sankey.js";
import { shipmentsFromAllocation, shipmentsFromControl, UNRECORDED } from "./route-shipments.js";
import { shipmentsToTrailEnds, type TrailEnd } from "./trail-ends.js";

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
  /**
   * What a tonne pays from each mining hub to each port (cheapest path, generalised US$/t with
   * sourced, estimated and time parts); planned ports costed as if opened.
   */
  portCosts: PortCost[];
  /** Fitted parameters and the base case against every corridor target of the commodity. */
  calibration: RouteCalibration;
  /**
   * The country's mine output that is on no recorded asset (national total less the recorded
   * assets' tonnes, the control report's coverage), with the national total and its sources;
   * null when the dataset has no national total for the period or the assets cover it. The
   * Sankey draws it to "Destination unknown": the sources do not say where it goes.
   */
  notOnRecordedAsset: { tonnes: number; nationalTonnes: number; sources: string[] } | null;
  /**
   * Assets whose open routes reach no port: where the recorded trail ends, and whether their
   * tonnes without a recorded destination were delivered there (a trade record names its
   * country) or left unshipped.
   */
  trailEnds: TrailEnd[];
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
  /** Fitted capacities (t/y) of legs without one in the data (the calibration's). */
  capacity?: ReadonlyMap<string, number>;
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
  network: RouteNetwork;
  /** The control report's coverage of national output (its residual is on no recorded asset). */
  coverage: Coverage;
  /** Assets whose open routes reach no port, and what became of their tonnes. */
  trailEnds: TrailEnd[];
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
  // The assets whose output the allocation counts: mines, tailings and plants at home.
  const mineCountries = mineCountriesOf(world, opts.commodity);
  const producing = [...world.assets.values()].filter(
    (a) =>
      countsAsMineOutput(a.kind, a.country, mineCountries) &&
      a.commodities.includes(opts.commodity),
  );
  const network = routeNetworkFrom(world, {
    open: opts.open,
    closed: opts.close,
    worldMarket: true,
    connect: producing,
    ...(opts.capacity ? { capacity: opts.capacity } : {}),
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
  const trails = shipmentsToTrailEnds(world, network, shipments, opts.commodity, year);
  shipments = trails.shipments;
  const costs = routeCostsFor(world, network, opts.commodity, year);
  const result = routeFlows(solver, network, shipments, {
    label: `Routing ${opts.commodity}`,
    legCost: costs.generalised,
    ...(opts.objective !== undefined ? { objective: opts.objective } : {}),
    ...(opts.timeLimitSeconds !== undefined ? { timeLimitSeconds: opts.timeLimitSeconds } : {}),
  });
  for (const t of trails.trailEnds) {
    if (t.deliveredTo !== null) continue;
    for (const u of [...result.unshipped, ...result.shipments])
      if (u.asset === t.asset && u.destination === WORLD_MARKET && u.binding?.kind === "no-route")
        u.binding.message = t.message;
  }
  result.notes.unshift(
    ...costs.notes,
    ...(prior?.notes ?? []),
    ...trails.trailEnds.map(
      (t) =>
        `${t.asset}: ${t.message[0]?.toLowerCase()}${t.message.slice(1)} (${Math.round(t.tonnes * 1000) / 1000} t)`,
    ),
    ...network.connected.map(
      (c) =>
        `${c.asset} has no route node in the data: joined by road to ${c.hub} (${c.how}); the leg's cost is an estimate`,
    ),
  );
  return {
    period,
    allocation: alloc,
    prior,
    costs,
    shipments,
    result,
    controllerCountryOf,
    network,
    coverage: control.coverage,
    trailEnds: trails.trailEnds,
  };
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
  cal: { worldAt?: (asOf: string) => World } = {},
): RoutesReport {
  const calNotes: string[] = [];
  // 1. Fitted parameters: port capacities from the commodity's `use: fit` targets.
  const targets = world.corridorTargets.filter((t) => t.commodity === opts.commodity);
  const fitTargets = targets.filter((t) => t.use === "fit");
  let fitted: FittedCapacity[] = [];
  const worldOf = (year: number): World | null =>
    `${year}` === world.asOf.slice(0, 4)
      ? world
      : cal.worldAt
        ? cal.worldAt(`${year}-12-31`)
        : null;
  if (fitTargets.length > 0 && opts.shipmentsFrom === "allocation") {
    const fy = Math.max(...fitTargets.map((t) => t.year));
    const fw = worldOf(fy);
    if (fw === null)
      calNotes.push(
        `Calibration not fitted: the targets' year ${fy} needs the dataset at that date (the CLI gives it)`,
      );
    else {
      const scope = new Set<string>(
        fitTargets.map((t) => t.scope.country).filter((c) => c !== undefined),
      );
      const alloc = allocationFor(fw, {
        commodity: opts.commodity,
        period: String(fy),
        lookThrough: lookThroughFnFor(fw),
      });
      const exported = alloc.assets
        .filter((a) => scope.has(a.country))
        .reduce((t, a) => t + a.exportableTonnes, 0);
      const net = routeNetworkFrom(fw, { worldMarket: true });
      fitted = fittedCapacitiesFor(
        fitTargets.filter((t) => t.year === fy),
        exported,
        net,
      );
    }
  }
  const capacity = capacityOverridesFrom(fitted);
  const base = routedBaseCase(world, solver, { ...opts, capacity });
  const { result, allocation, prior, costs } = base;
  // 2. Every target against the base case of its year (same openings, closures and fit).
  const byYear = new Map<number, RouteResult | null>([[periodYear(base.period), result]]);
  const rows: CalibrationRow[] = [];
  for (const t of [...targets].sort((a, b) => a.year - b.year || (a.id < b.id ? -1 : 1))) {
    if (!byYear.has(t.year)) {
      const w = worldOf(t.year);
      byYear.set(
        t.year,
        w === null || opts.shipmentsFrom !== "allocation"
          ? null
          : routedBaseCase(w, solver, { ...opts, period: String(t.year), capacity }).result,
      );
    }
    rows.push(calibrationRowFor(world, t, byYear.get(t.year) ?? null));
  }
  if (rows.some((r) => r.model === null))
    calNotes.push(
      "Targets of other years are compared only when the report is given the dataset at those dates (the CLI does)",
    );
  const names = new Map<string, string>();
  for (const a of world.assets.values()) names.set(a.id, a.name);
  for (const n of world.routeNodes.values()) names.set(n.id, n.name);
  names.set(WORLD_MARKET, "World market (at the coast)");
  const notOnRecordedAsset = _notOnRecordedAsset(base.coverage);
  if (notOnRecordedAsset)
    result.notes.push(
      `${Math.round(notOnRecordedAsset.tonnes).toLocaleString("en-US")} t of the national mine output (${Math.round(notOnRecordedAsset.nationalTonnes).toLocaleString("en-US")} t; ${notOnRecordedAsset.sources.join(", ")}) is on no recorded asset: it is not routed, and the diagram draws it to "Destination unknown" because the sources do not say where it goes`,
    );
  const heldBack = _heldBack(allocation);
  const portCosts = _portCosts(world, base, opts);
  result.notes.push(...idlePortNotes(result, portCosts));
  return {
    portCosts,
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
    calibration: { fitted, rows, notes: calNotes },
    sankey: routeSankeyFrom(result, {
      controllerCountryOf: base.controllerCountryOf,
      names,
      heldBackByAsset: new Map(
        (allocation?.assets ?? []).map((a) => [a.asset as string, a.heldBackTonnes]),
      ),
      ...(notOnRecordedAsset ? { notOnRecordedAssetTonnes: notOnRecordedAsset.tonnes } : {}),
      trailEnds: base.trailEnds,
    }),
    notOnRecordedAsset,
    trailEnds: base.trailEnds,
  };
}

/** The national output on no recorded asset, when there is a national total and a residual. */
function _notOnRecordedAsset(coverage: Coverage): RoutesReport["notOnRecordedAsset"] {
  if (coverage.nationalTonnes === null || !(coverage.residualTonnes > 0)) return null;
  return {
    tonnes: coverage.residualTonnes,
    nationalTonnes: coverage.nationalTonnes,
    sources: [...coverage.sources],
  };
}

/** Port costs from the hubs the mines feed, on the routed network and, for planned ports, opened. */
function _portCosts(world: World, base: RoutedBaseCase, opts: RoutesReportOptions): PortCost[] {
  const net = base.network;
  const origins = new Set<string>();
  for (const l of net.legs)
    if (net.nodes[net.nodeIndex.get(l.from) ?? -1]?.kind === "mine") {
      const to = net.nodes[net.nodeIndex.get(l.to) ?? -1];
      if (to?.kind === "hub") origins.add(to.id);
    }
  const hubs = [...origins].sort();
  const out = portCostsFrom(net, base.costs, hubs);
  const planned = [...world.routeNodes.values()]
    .filter((n) => n.kind === "port" && n.status === "planned" && !net.nodeIndex.has(n.id))
    .map((n) => n.id as string);
  if (planned.length > 0) {
    const wide = routeNetworkFrom(world, {
      open: [...opts.open, ...planned],
      closed: opts.close,
      worldMarket: true,
      ...(opts.capacity ? { capacity: opts.capacity } : {}),
    });
    const costs = routeCostsFor(world, wide, opts.commodity, periodYear(base.period));
    for (const c of portCostsFrom(wide, costs, hubs))
      if (planned.includes(c.port)) out.push({ ...c, status: "if opened" });
  }
  return out.sort((a, b) =>
    a.origin < b.origin
      ? -1
      : a.origin > b.origin
        ? 1
        : (a.generalisedUsdPerTonne ?? Number.POSITIVE_INFINITY) -
          (b.generalisedUsdPerTonne ?? Number.POSITIVE_INFINITY),
  );
}

/**
 * Why an open port ships nothing: for each market the routes deliver to, its cheapest landed cost
 * (from the hub that reaches it most cheaply) against the dearest landed cost, from the same hub,
 * of the ports the routes do use for that market (the marginal one). Landed = what a tonne pays to
 * reach the port plus the sea leg to the market; both are estimates from sourced inputs.
 */
export function idlePortNotes(result: RouteResult, portCosts: readonly PortCost[]): string[] {
  const legTonnes = new Map(result.legs.map((l) => [l.id, l.tonnes]));
  const used = new Map<string, Set<string>>(); // market -> ports with tonnes on their sea leg
  const idle = new Set(
    result.ports.filter((p) => p.kind === "port" && p.tonnes <= 0).map((p) => p.id),
  );
  for (const c of portCosts)
    for (const l of c.landed)
      if ((legTonnes.get(l.seaLeg) ?? 0) > 0) {
        const set = used.get(l.market) ?? new Set<string>();
        set.add(c.port);
        used.set(l.market, set);
      }
  const f = (x: number) => x.toFixed(2);
  const notes: string[] = [];
  for (const port of [...idle].sort()) {
    const parts: string[] = [];
    for (const [market, ports] of [...used.entries()].sort()) {
      let best: { origin: string; landed: number } | null = null;
      for (const c of portCosts) {
        if (c.port !== port) continue;
        const l = c.landed.find((x) => x.market === market);
        if (l?.landedUsdPerTonne == null) continue;
        if (!best || l.landedUsdPerTonne < best.landed)
          best = { origin: c.origin, landed: l.landedUsdPerTonne };
      }
      if (!best) continue;
      let marginal: { port: string; landed: number } | null = null;
      for (const c of portCosts) {
        if (c.origin !== best.origin || !ports.has(c.port)) continue;
        const l = c.landed.find((x) => x.market === market);
        if (l?.landedUsdPerTonne == null) continue;
        if (!marginal || l.landedUsdPerTonne > marginal.landed)
          marginal = { port: c.port, landed: l.landedUsdPerTonne };
      }
      if (!marginal) continue;
      const gap = best.landed - marginal.landed;
      parts.push(
        `to ${market} from ${best.origin} it lands at ${f(best.landed)} US$/t, ${gap >= 0 ? `${f(gap)} more than` : `${f(-gap)} less than (the cheaper way is full)`} via ${marginal.port} (${f(marginal.landed)}), the dearest port the routes use for that market`,
      );
    }
    if (parts.length > 0) notes.push(`${port} ships nothing: ${parts.join("; ")}`);
  }
  return notes;
}
