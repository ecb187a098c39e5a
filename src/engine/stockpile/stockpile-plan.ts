/**
 * The procurement plan: a linear programme (HiGHS through `lp-solver.ts`) that chooses
 * purchases from the DRC supply a stockpile can reach (open market and tonnes allocated to
 * buyers of its country, bans and quotas applied, month by month), along routes to the
 * holder's market, to fill its targets as well as the budget allows.
 *
 * Two solves, lexicographic: (1) minimise the weighted unfilled share of the targets;
 * (2) holding that optimum, minimise cost with a small preference for earlier months.
 * Units inside the LP: kilotonnes and US$ million. Binding constraints are read from the
 * final plan's slacks, with the first solve's duals as their marginal value.
 * Formulation: docs/methodology-stockpile.md.
 */
import type { Commodity } from "../../model/commodity.js";
import { OrebookError } from "../../model/errors.js";
import type { Stockpile } from "../../model/stockpile.js";
import type { World } from "../../model/world.js";
import type { LookThrough } from "../allocation/index.js";
import { type CarriedFigure, carriedProduction } from "../common/index.js";
import { lookThroughFnFor } from "../ownership/index.js";
import { type LpModel, type LpOptimum, type LpSolver, lpOptimumOf } from "../routes/index.js";
import {
  _committedUsdOf,
  _commoditiesOf,
  _monthsAfter,
  _needOf,
  _positionOf,
  _priceOf,
  _stockpileFor,
  type Need,
  type PriceUsed,
  type StockpilePosition,
  type UserNeed,
} from "./_stockpile-inputs.js";
import { _supplyOf } from "./_stockpile-supply.js";
import { _targetTonnesOf } from "./stockpile-coverage.js";

export interface PlanOptions {
  /** A stockpile id or its holder entity. */
  holder: string;
  /** Default: the stockpile's budget. Money already committed is taken off. */
  budgetUsd?: number;
  /** Months 1..H after the world's month. Default 12. */
  horizonMonths?: number;
  /** Treat unknown holdings as empty (stated). Default false. */
  assumeEmpty?: boolean;
  /** User targets in tonnes (override the dataset's). */
  targets?: Readonly<Partial<Record<Commodity, number>>>;
  /** User need in tonnes a year, where the sources have no net-import tonnes. */
  need?: UserNeed;
  /** Weight per commodity in the objective. Default 1 each. */
  weights?: Readonly<Partial<Record<Commodity, number>>>;
  /** Only these commodities; default the stockpile's. */
  commodities?: readonly Commodity[];
}

export type SourceKind = "open-market" | "holder-country offtake";

/** Tonnes of one commodity one source can sell the stockpile, per month of the horizon. */
export interface PlanSource {
  commodity: Commodity;
  source: string;
  name: string;
  kind: SourceKind;
  monthly: number[];
  offtakes: string[];
  /** Figures carried forward (an assumption) that some of `monthly` rests on, by record id. */
  carriedFrom?: string[];
}

/** One way from a source to the holder's market. */
export interface PlanRoute {
  commodity: Commodity;
  source: string;
  kind: SourceKind;
  route: string;
  routed: boolean;
  legs: string[];
  port: string | null;
  corridors: string[];
  /** Share of the source's tonnes this route can carry (the router's result). */
  share: number;
  costUsdPerTonne: number | null;
}

/** Routes and the room left on capacitated legs; from `stockpilePlanRoutes` or "not routed". */
export interface PlanRouting {
  destination: string | null;
  routes: PlanRoute[];
  legCapacity: { leg: string; tonnesPerMonth: number }[];
  notes: string[];
}

export interface PlanCommodity {
  commodity: Commodity;
  weight: number;
  price: PriceUsed | null;
  need: Need;
  position: StockpilePosition;
  targetTonnes: number | null;
  targetBasis: string;
  targetFrom: "dataset" | "user input" | "none";
  /** Target less position and tonnes on order (≥ 0); null when not plannable. */
  toFillTonnes: number | null;
  /** "planned", or why the commodity is left out. */
  status: string;
  /** Where the horizon's DRC output goes when the stockpile cannot reach it; null when it can. */
  supplyNote?: string | null;
}

export interface PlanInputs {
  stockpile: string;
  holder: string;
  country: string;
  asOf: string;
  months: string[];
  budgetUsd: number;
  budgetBasis: string;
  committedUsd: number;
  availableUsd: number;
  assumeEmpty: boolean;
  commodities: PlanCommodity[];
  sources: PlanSource[];
  /** Production carried into the horizon's years where the sources give no figure. */
  carried: CarriedFigure[];
  notes: string[];
}

export interface Purchase {
  commodity: Commodity;
  source: string;
  sourceName: string;
  kind: SourceKind;
  route: string;
  routed: boolean;
  port: string | null;
  tonnes: number;
  cost: number;
  priceUsdPerTonne: number;
  routeCostUsdPerTonne: number | null;
  /** 1..H */
  month: number;
  monthLabel: string;
  /** Set when the month's supply rests on a figure carried forward: the record copied. */
  carriedFrom?: string;
}

export interface BindingConstraint {
  kind: "budget" | "availability" | "leg-capacity";
  id: string;
  message: string;
  /** Weighted target share gained per unit of relaxation (US$ million or kt), first solve. */
  marginal: number;
}

export interface CommodityResult {
  commodity: Commodity;
  status: string;
  targetTonnes: number | null;
  toFillTonnes: number | null;
  boughtTonnes: number;
  costUsd: number;
  filledShare: number | null;
  /** Last month with a purchase when the target is filled; null when not filled in the horizon. */
  monthsToFill: number | null;
  reason: string | null;
}

export interface StockpilePlan {
  inputs: PlanInputs;
  routing: PlanRouting;
  totalCost: number;
  budgetLeftUsd: number;
  /** Σ weight × filled share / Σ weight over planned commodities; null when none is planned. */
  filledScore: number | null;
  purchases: Purchase[];
  commodities: CommodityResult[];
  binding: BindingConstraint[];
  solver: { name: string; iterations: number; solveSeconds: number } | null;
  notes: string[];
}

const EPS_T = 1e-6; // kt
const TIME_PREFERENCE = 1e-4;

/**
 * The month-by-month tonnes each source of `commodity` can sell the holder (its open-market
 * tonnes and what goes to buyers of the holder's country), and, when there is none, why.
 */
function monthlySupplyOf(
  supplyWorld: World,
  s: Stockpile,
  commodity: Commodity,
  months: readonly string[],
  lookThrough: LookThrough,
  carriedOf: ReadonlyMap<string, CarriedFigure>,
): { sources: PlanSource[]; supplyNote: string | null } {
  const bySource = new Map<string, PlanSource>();
  const others = new Map<string, Set<string>>();
  const heldBack = new Set<string>();
  const unknown = new Set<string>();
  months.forEach((m, i) => {
    const sup = _supplyOf(supplyWorld, s, commodity, m, lookThrough);
    for (const u of sup.unknownProduction) unknown.add(u);
    for (const x of sup.sources) {
      if (x.heldBackTonnes > 0) heldBack.add(x.asset);
      for (const o of x.otherBuyers)
        others.set(x.asset, (others.get(x.asset) ?? new Set()).add(o.buyer));
    }
    for (const x of sup.sources)
      for (const [kind, tonnes, offtakes] of [
        ["open-market", x.openMarketTonnes, []],
        ["holder-country offtake", x.holderCountryTonnes, x.holderCountryOfftakes],
      ] as const) {
        if (!(tonnes > 0)) continue;
        const key = `${x.asset}|${kind}`;
        let ps = bySource.get(key);
        if (!ps) {
          ps = {
            commodity,
            source: x.asset,
            name: x.name,
            kind,
            monthly: new Array<number>(months.length).fill(0),
            offtakes: [...offtakes],
          };
          bySource.set(key, ps);
        }
        ps.monthly[i] = tonnes;
        const cf = carriedOf.get(`${commodity}|${x.asset}|${m.slice(0, 4)}`);
        if (cf && !ps.carriedFrom?.includes(cf.from))
          ps.carriedFrom = [...(ps.carriedFrom ?? []), cf.from];
      }
  });
  const sources = [...bySource.values()].sort((a, b) => (a.source < b.source ? -1 : 1));
  if (bySource.size > 0) return { sources, supplyNote: null };
  const why = [
    ...[...others].map(([a, b]) => `${a}'s output is committed to ${[...b].sort().join(", ")}`),
    ...(heldBack.size > 0 ? [`held back by rules at ${[...heldBack].sort().join(", ")}`] : []),
    ...(unknown.size > 0 ? [`no production figure for ${[...unknown].sort().join(", ")}`] : []),
  ];
  return {
    sources,
    supplyNote: why.length > 0 ? why.join("; ") : "no DRC producer of it is recorded",
  };
}

/** A commodity's target, position, price and need, and whether it can be planned (else why not). */
function planCommodityOf(
  world: World,
  s: Stockpile,
  opts: PlanOptions,
  commodity: Commodity,
  assumeEmpty: boolean,
): Omit<PlanCommodity, "supplyNote"> {
  const year = Number(world.asOf.slice(0, 4));
  const weight = opts.weights?.[commodity] ?? 1;
  if (!(weight > 0))
    throw new OrebookError("BAD_INPUT", `The weight of ${commodity} must be above 0`);
  const position = _positionOf(world, s, commodity, assumeEmpty);
  const need = _needOf(world, s.country, commodity, year, opts.need);
  const price = _priceOf(world, commodity);
  const user = opts.targets?.[commodity];
  const t =
    user !== undefined
      ? { tonnes: user, basis: `USER INPUT: target ${user} t given on the command line` }
      : _targetTonnesOf(
          s.targets,
          s.targetMonths,
          commodity,
          need.tonnesPerYear === null ? null : need.tonnesPerYear / 12,
        );
  const base = {
    commodity,
    weight,
    price,
    need,
    position,
    targetTonnes: t.tonnes,
    targetBasis: need.basis === "user input" ? `${t.basis} (need: user input)` : t.basis,
    targetFrom:
      user !== undefined || need.basis === "user input"
        ? ("user input" as const)
        : t.tonnes === null
          ? ("none" as const)
          : ("dataset" as const),
  };
  let status = "planned";
  if (t.tonnes === null)
    status =
      need.tonnesPerYear === null && t.basis !== "no target"
        ? `${commodity}: needs net-import tonnes (not in the sources); give --target ${commodity}=…t or --need ${commodity}=…t/yr`
        : `${commodity}: no target`;
  else if (position.tonnes === null)
    status = `${commodity}: holdings unknown (not in the sources); plan from zero only with --assume-empty`;
  else if (!price) status = `${commodity}: no price on or before ${world.asOf}`;
  const toFill =
    status === "planned"
      ? Math.max(0, (t.tonnes ?? 0) - (position.tonnes ?? 0) - position.onOrderTonnes)
      : null;
  return { ...base, toFillTonnes: toFill, status };
}

/** The notes on figures carried forward for the plan's sources and on money already committed. */
function inputNotes(
  carried: readonly CarriedFigure[],
  sources: readonly PlanSource[],
  committed: { usd: number; basis: string },
): string[] {
  const notes: string[] = [];
  const carriedUsed = carried.filter((c) =>
    sources.some((x) => x.commodity === c.commodity && x.carriedFrom?.includes(c.from)),
  );
  if (carriedUsed.length > 0)
    notes.push(
      `No production figure in the sources for ${[...new Set(carriedUsed.map((c) => c.year))].join(", ")} for ${carriedUsed.length} source${carriedUsed.length === 1 ? "" : "s"} of supply: each producer's latest figure carried forward (an assumption, not a forecast): ${carriedUsed
        .map(
          (c) =>
            `${c.assets.join("+")} ${c.commodity} ${Math.round(c.tonnes).toLocaleString("en-US")} t/yr from ${c.from} (${c.fromPeriod} ${c.fromBasis}, ${c.ageYears} year${c.ageYears === 1 ? "" : "s"} old)`,
        )
        .join("; ")}`,
    );
  if (committed.usd > 0)
    notes.push(
      `Money committed, US$${Math.round(committed.usd).toLocaleString("en-US")} (${committed.basis}), is taken off the budget; the tonnes on order count toward the targets`,
    );
  return notes;
}

/**
 * What a plan starts from: commodities, targets, positions, prices, budget and the month-by-month
 * supply each source can sell. Pure and synchronous.
 *
 * @example stockpilePlanInputs(world, { holder: "project-vault", assumeEmpty: true })
 */
export function stockpilePlanInputs(world: World, opts: PlanOptions): PlanInputs {
  const s = _stockpileFor(world, opts.holder);
  const h = opts.horizonMonths ?? 12;
  if (!Number.isInteger(h) || h < 1 || h > 120)
    throw new OrebookError("BAD_INPUT", `The horizon must be 1 to 120 months, not ${h}`);
  const budget = opts.budgetUsd ?? s.budgetUsd;
  if (budget === null)
    throw new OrebookError(
      "BAD_INPUT",
      `Stockpile ${s.id} has no recorded budget: give one (--budget)`,
    );
  if (!(budget >= 0))
    throw new OrebookError("BAD_INPUT", `The budget must be 0 or more, not ${budget}`);
  const committed = _committedUsdOf(world, s);
  const months = _monthsAfter(world.asOf, h);
  const assumeEmpty = opts.assumeEmpty ?? false;
  const notes: string[] = [];
  if (assumeEmpty) notes.push("Holdings not in the sources are assumed empty (--assume-empty)");
  const lt = lookThroughFnFor(world);
  const sources: PlanSource[] = [];
  const wanted = opts.commodities ?? [
    ...new Set([..._commoditiesOf(s), ...(Object.keys(opts.targets ?? {}) as Commodity[])]),
  ];
  // Years of the horizon the sources do not reach: each producer's latest figure carried forward.
  const carry = carriedProduction(
    world,
    months.map((m) => m.slice(0, 4)),
    new Set(wanted),
  );
  const supplyWorld: World =
    carry.production.length > 0
      ? { ...world, production: [...world.production, ...carry.production] }
      : world;
  const carriedOf = new Map<string, CarriedFigure>();
  for (const c of carry.carried)
    for (const a of c.assets) carriedOf.set(`${c.commodity}|${a}|${c.year}`, c);
  const commodities = wanted.map((commodity): PlanCommodity => {
    const planned = planCommodityOf(world, s, opts, commodity, assumeEmpty);
    if (planned.status !== "planned") return { ...planned, supplyNote: null };
    const supply = monthlySupplyOf(supplyWorld, s, commodity, months, lt, carriedOf);
    sources.push(...supply.sources);
    return { ...planned, supplyNote: supply.supplyNote };
  });
  notes.push(...inputNotes(carry.carried, sources, committed));
  return {
    stockpile: s.id,
    holder: s.holder,
    country: s.country,
    asOf: world.asOf,
    months,
    budgetUsd: budget,
    budgetBasis: opts.budgetUsd !== undefined ? "given" : `budgetUsd of ${s.id}`,
    committedUsd: committed.usd,
    availableUsd: Math.max(0, budget - committed.usd),
    assumeEmpty,
    commodities,
    sources,
    carried: carry.carried,
    notes,
  };
}

/** Every source on one "not routed" route: capacity = its available tonnes. */
export function notRouted(inputs: PlanInputs, why: string): PlanRouting {
  return {
    destination: null,
    routes: inputs.sources.map((s) => ({
      commodity: s.commodity,
      source: s.source,
      kind: s.kind,
      route: "not routed",
      routed: false,
      legs: [],
      port: null,
      corridors: [],
      share: 1,
      costUsdPerTonne: null,
    })),
    legCapacity: [],
    notes: [why],
  };
}

interface _Col {
  c: number;
  src: number;
  route: number;
  month: number;
}

/** The commodities the LP fills (planned, with tonnes to fill) and the bits every phase reads. */
interface _PlanFrame {
  inputs: PlanInputs;
  routing: PlanRouting;
  /** Months in the horizon. */
  H: number;
  planned: PlanCommodity[];
  /** A planned commodity's index in `planned`. */
  cIndex: Map<string, number>;
  /** One purchase column per (route, month) with supply: bought tonnes of a source by a route. */
  cols: _Col[];
  /** Σ of the planned commodities' weights. */
  wsum: number;
}

type _RowKind = "budget" | "target" | "availability" | "leg-capacity";

/** The LP's rows: 0 budget; then targets (one per planned commodity); availability (source, month); legs (leg, month). */
interface _PlanRows {
  lower: number[];
  upper: number[];
  name: { kind: _RowKind; id: string }[];
  target: number[];
  availability: Map<string, number>;
  leg: Map<string, number>;
}

/** The LP's columns, sparse by column: purchases, then one shortfall slack per planned commodity. */
interface _PlanMatrix {
  nCols: number;
  starts: number[];
  idx: number[];
  val: number[];
  colUpper: Float64Array;
}

/** The plan's frame: which commodities are planned and the purchase columns. */
function planFrame(inputs: PlanInputs, routing: PlanRouting): _PlanFrame {
  const H = inputs.months.length;
  const planned = inputs.commodities.filter(
    (c) => c.status === "planned" && (c.toFillTonnes ?? 0) > 0,
  );
  const cIndex = new Map(planned.map((c, i) => [c.commodity, i]));
  const srcIndex = new Map(
    inputs.sources.map((s, i) => [`${s.commodity}|${s.source}|${s.kind}`, i]),
  );
  const cols: _Col[] = [];
  routing.routes.forEach((r, ri) => {
    if (!cIndex.has(r.commodity) || !(r.share > 0)) return;
    const si = srcIndex.get(`${r.commodity}|${r.source}|${r.kind}`);
    if (si === undefined) return;
    const src = inputs.sources[si] as PlanSource;
    for (let m = 0; m < H; m++)
      if ((src.monthly[m] ?? 0) > 0)
        cols.push({ c: cIndex.get(r.commodity) as number, src: si, route: ri, month: m });
  });
  const wsum = planned.reduce((t, c) => t + c.weight, 0);
  return { inputs, routing, H, planned, cIndex, cols, wsum };
}

/** US$ per tonne of planned commodity `ci` bought by route `ri`: its price and the route's cost. */
function priceOf(f: _PlanFrame, ci: number, ri: number): number {
  return (f.planned[ci]?.price?.usdPerTonne ?? 0) + (f.routing.routes[ri]?.costUsdPerTonne ?? 0);
}

/** The LP's rows (in thousand tonnes and US$ million). */
function planRows(f: _PlanFrame): _PlanRows {
  const { inputs, routing, planned, cols } = f;
  const rows: _PlanRows = {
    lower: [],
    upper: [],
    name: [],
    target: [],
    availability: new Map(),
    leg: new Map(),
  };
  const addRow = (lo: number, up: number, kind: _RowKind, id: string) => {
    rows.lower.push(lo);
    rows.upper.push(up);
    rows.name.push({ kind, id });
    return rows.lower.length - 1;
  };
  addRow(Number.NEGATIVE_INFINITY, inputs.availableUsd / 1e6, "budget", "budget");
  rows.target = planned.map((c) =>
    addRow((c.toFillTonnes ?? 0) / 1e3, (c.toFillTonnes ?? 0) / 1e3, "target", c.commodity),
  );
  for (const col of cols) {
    const key = `${col.src}|${col.month}`;
    if (!rows.availability.has(key)) {
      const src = inputs.sources[col.src] as PlanSource;
      rows.availability.set(
        key,
        addRow(
          Number.NEGATIVE_INFINITY,
          (src.monthly[col.month] ?? 0) / 1e3,
          "availability",
          `${src.commodity}|${src.source}|${src.kind}|${col.month}`,
        ),
      );
    }
  }
  const legCap = new Map(routing.legCapacity.map((l) => [l.leg, l.tonnesPerMonth]));
  for (const col of cols)
    for (const leg of routing.routes[col.route]?.legs ?? []) {
      const cap = legCap.get(leg);
      const key = `${leg}|${col.month}`;
      if (cap === undefined || rows.leg.has(key)) continue;
      rows.leg.set(
        key,
        addRow(Number.NEGATIVE_INFINITY, Math.max(0, cap) / 1e3, "leg-capacity", key),
      );
    }
  return rows;
}

/** The LP's columns: each purchase's cost, target, availability and legs; each slack's target. */
function planMatrix(f: _PlanFrame, rows: _PlanRows): _PlanMatrix {
  const { inputs, routing, planned, cols } = f;
  const nx = cols.length;
  const nCols = nx + planned.length;
  const starts: number[] = [0];
  const idx: number[] = [];
  const val: number[] = [];
  const colUpper = new Float64Array(nCols);
  for (const col of cols) {
    const r = routing.routes[col.route] as PlanRoute;
    const src = inputs.sources[col.src] as PlanSource;
    colUpper[starts.length - 1] = (r.share * (src.monthly[col.month] ?? 0)) / 1e3;
    idx.push(0);
    val.push(priceOf(f, col.c, col.route) / 1e3);
    idx.push(rows.target[col.c] as number);
    val.push(1);
    idx.push(rows.availability.get(`${col.src}|${col.month}`) as number);
    val.push(1);
    for (const leg of r.legs) {
      const lr = rows.leg.get(`${leg}|${col.month}`);
      if (lr === undefined) continue;
      idx.push(lr);
      val.push(1);
    }
    starts.push(idx.length);
  }
  planned.forEach((c, i) => {
    colUpper[nx + i] = (c.toFillTonnes ?? 0) / 1e3;
    idx.push(rows.target[i] as number);
    val.push(1);
    starts.push(idx.length);
  });
  return { nCols, starts, idx, val, colUpper };
}

/** The LP with objective `cost`, and with `extra` as one more row (Σ coef x ≤ up) when given. */
function planModel(
  rows: _PlanRows,
  m: _PlanMatrix,
  cost: Float64Array,
  extra?: { coef: Float64Array; up: number },
): LpModel {
  const { nCols, starts, idx, val } = m;
  const nRows = rows.lower.length + (extra ? 1 : 0);
  const s2: number[] = [0];
  const i2: number[] = [];
  const v2: number[] = [];
  for (let j = 0; j < nCols; j++) {
    for (let k = starts[j] as number; k < (starts[j + 1] as number); k++) {
      i2.push(idx[k] as number);
      v2.push(val[k] as number);
    }
    if (extra && (extra.coef[j] ?? 0) !== 0) {
      i2.push(rows.lower.length);
      v2.push(extra.coef[j] as number);
    }
    s2.push(i2.length);
  }
  return {
    numCols: nCols,
    numRows: nRows,
    colCost: cost,
    colLower: new Float64Array(nCols),
    colUpper: m.colUpper,
    rowLower: Float64Array.from(extra ? [...rows.lower, Number.NEGATIVE_INFINITY] : rows.lower),
    rowUpper: Float64Array.from(extra ? [...rows.upper, extra.up] : rows.upper),
    colStarts: Int32Array.from(s2),
    rowIndex: Int32Array.from(i2),
    values: Float64Array.from(v2),
  };
}

/** A plan with nothing bought, for `why`. */
function emptyPlan(f: _PlanFrame, notes: string[], why: string): StockpilePlan {
  const { inputs, routing, planned } = f;
  return {
    inputs,
    routing,
    totalCost: 0,
    budgetLeftUsd: inputs.availableUsd,
    filledScore: planned.length > 0 ? 0 : null,
    purchases: [],
    commodities: inputs.commodities.map((c) => ({
      commodity: c.commodity,
      status: c.status,
      targetTonnes: c.targetTonnes,
      toFillTonnes: c.toFillTonnes,
      boughtTonnes: 0,
      costUsd: 0,
      filledShare: c.toFillTonnes === null ? null : c.toFillTonnes > 0 ? 0 : 1,
      monthsToFill: c.toFillTonnes === 0 ? 0 : null,
      reason:
        c.status !== "planned"
          ? c.status
          : c.toFillTonnes === 0
            ? "Target already met by holdings and tonnes on order"
            : c.supplyNote
              ? `${why} (${c.commodity}: ${c.supplyNote})`
              : why,
    })),
    binding: [],
    solver: null,
    notes: [...notes, why],
  };
}

/** The purchases of solution `x`, by month, commodity and source. */
function purchasesOf(f: _PlanFrame, x: ArrayLike<number>): Purchase[] {
  const { inputs, routing, planned, cols } = f;
  const purchases: Purchase[] = [];
  cols.forEach((col, j) => {
    const kt = x[j] ?? 0;
    if (!(kt > EPS_T)) return;
    const r = routing.routes[col.route] as PlanRoute;
    const src = inputs.sources[col.src] as PlanSource;
    const c = planned[col.c] as PlanCommodity;
    const tonnes = kt * 1e3;
    purchases.push({
      commodity: c.commodity,
      source: src.source,
      sourceName: src.name,
      kind: src.kind,
      route: r.route,
      routed: r.routed,
      port: r.port,
      tonnes,
      cost: tonnes * priceOf(f, col.c, col.route),
      priceUsdPerTonne: c.price?.usdPerTonne ?? 0,
      routeCostUsdPerTonne: r.costUsdPerTonne,
      month: col.month + 1,
      monthLabel: inputs.months[col.month] as string,
      ...(() => {
        const y = (inputs.months[col.month] as string).slice(0, 4);
        const cf = inputs.carried.find(
          (x) =>
            x.year === y && x.commodity === c.commodity && x.assets.some((a) => a === src.source),
        );
        return cf ? { carriedFrom: cf.from } : {};
      })(),
    });
  });
  purchases.sort(
    (a, b) =>
      a.month - b.month ||
      (a.commodity < b.commodity ? -1 : a.commodity > b.commodity ? 1 : 0) ||
      (a.source < b.source ? -1 : 1),
  );
  return purchases;
}

/** The rows binding in the final plan (`final`), with marginal values from the first solve's duals. */
function bindingOf(
  f: _PlanFrame,
  rows: _PlanRows,
  first: LpOptimum,
  final: LpOptimum,
  bought: boolean,
): BindingConstraint[] {
  const binding: BindingConstraint[] = [];
  const availBinding = new Map<string, { months: number[]; marginal: number }>();
  const legBinding = new Map<string, { months: number[]; marginal: number }>();
  rows.name.forEach((rn, i) => {
    const up = rows.upper[i] as number;
    const act = final.rowValues[i] ?? 0;
    const atBound = up - act <= Math.max(1e-7, Math.abs(up) * 1e-7);
    const dual = Math.abs(first.rowDuals[i] ?? 0);
    if (rn.kind === "budget") {
      if ((atBound && bought) || (up <= 0 && dual > 0))
        binding.push({
          kind: "budget",
          id: "budget",
          message: `The budget binds: US$${Math.round(f.inputs.availableUsd).toLocaleString("en-US")} available is spent`,
          marginal: dual,
        });
      return;
    }
    if (!atBound || rn.kind === "target" || !(up > 0)) return;
    const parts = rn.id.split("|");
    const month = Number(parts[parts.length - 1]);
    const key = parts.slice(0, -1).join("|");
    const map = rn.kind === "availability" ? availBinding : legBinding;
    const e = map.get(key) ?? { months: [], marginal: 0 };
    e.months.push(month + 1);
    e.marginal = Math.max(e.marginal, dual);
    map.set(key, e);
  });
  for (const [key, e] of availBinding) {
    const [c, src, kind] = key.split("|");
    binding.push({
      kind: "availability",
      id: key,
      message: `All ${c} ${kind === "open-market" ? "open-market tonnes" : "tonnes allocated to buyers of the holder's country"} of ${src} are bought in month${e.months.length > 1 ? "s" : ""} ${e.months.join(", ")}`,
      marginal: e.marginal,
    });
  }
  for (const [leg, e] of legBinding)
    binding.push({
      kind: "leg-capacity",
      id: leg,
      message: `Leg ${leg} is full in month${e.months.length > 1 ? "s" : ""} ${e.months.join(", ")}`,
      marginal: e.marginal,
    });
  return binding;
}

/** Each commodity's outcome (bought, cost, filled share, why not filled) and the weighted fill score. */
function commodityResultsOf(
  f: _PlanFrame,
  purchases: Purchase[],
  binding: BindingConstraint[],
): { results: CommodityResult[]; score: number } {
  const { inputs, H, cIndex, wsum } = f;
  const results: CommodityResult[] = [];
  let score = 0;
  for (const c of inputs.commodities) {
    const i = cIndex.get(c.commodity);
    const mine = purchases.filter((p) => p.commodity === c.commodity);
    const bought = mine.reduce((t, p) => t + p.tonnes, 0);
    const cost = mine.reduce((t, p) => t + p.cost, 0);
    if (i === undefined) {
      results.push({
        commodity: c.commodity,
        status: c.status,
        targetTonnes: c.targetTonnes,
        toFillTonnes: c.toFillTonnes,
        boughtTonnes: 0,
        costUsd: 0,
        filledShare: c.toFillTonnes === 0 ? 1 : null,
        monthsToFill: c.toFillTonnes === 0 ? 0 : null,
        reason:
          c.status !== "planned" ? c.status : "Target already met by holdings and tonnes on order",
      });
      continue;
    }
    const toFill = c.toFillTonnes ?? 0;
    const share = Math.min(1, bought / toFill);
    score += (c.weight / wsum) * share;
    const filled = share >= 1 - 1e-6;
    const supplyT = inputs.sources
      .filter((s) => s.commodity === c.commodity)
      .reduce((t, s) => t + s.monthly.reduce((a, b) => a + b, 0), 0);
    results.push({
      commodity: c.commodity,
      status: c.status,
      targetTonnes: c.targetTonnes,
      toFillTonnes: toFill,
      boughtTonnes: bought,
      costUsd: cost,
      filledShare: share,
      monthsToFill: filled ? Math.max(0, ...mine.map((p) => p.month)) : null,
      reason: filled
        ? null
        : supplyT <= EPS_T * 1e3
          ? `No reachable ${c.commodity} supply in the horizon${c.supplyNote ? `: ${c.supplyNote}` : ""}`
          : inputs.availableUsd <= 0
            ? "The budget left after commitments is 0"
            : binding.some((b) => b.kind === "budget")
              ? `Not filled in ${H} months: the budget binds`
              : `Not filled in ${H} months: reachable supply (${Math.round(supplyT).toLocaleString("en-US")} t) or route capacity binds`,
    });
  }
  return { results, score };
}

/**
 * The plan: solves the LP for `inputs` over `routing`. A budget of 0, no supply or no target
 * give a plan with nothing bought and the reason; an LP the solver cannot finish is a domain
 * error. Two phases: the first fills as much of the targets as it can (weighted unfilled share
 * least); the second keeps that fill and spends least, earlier months a little preferred.
 *
 * @example stockpilePlan(await loadLpSolver(), inputs, notRouted(inputs, "routes not asked for"))
 */
export function stockpilePlan(
  solver: LpSolver,
  inputs: PlanInputs,
  routing: PlanRouting,
  opts: { timeLimitSeconds?: number } = {},
): StockpilePlan {
  const f = planFrame(inputs, routing);
  const { H, planned, cols } = f;
  const notes = [...inputs.notes, ...routing.notes];
  const rows = planRows(f);
  const matrix = planMatrix(f, rows);
  const nx = cols.length;
  // Phase 1: minimise Σ w u / toFill (weighted unfilled share).
  const cost1 = new Float64Array(matrix.nCols);
  planned.forEach((c, i) => {
    cost1[nx + i] = c.weight / f.wsum / ((c.toFillTonnes ?? 1) / 1e3);
  });
  if (planned.length === 0)
    return emptyPlan(
      f,
      notes,
      "Nothing to plan: no commodity has a target in tonnes, known holdings (or --assume-empty) and a price",
    );
  if (nx === 0)
    return emptyPlan(
      f,
      notes,
      `Nothing bought: no reachable supply of ${planned.map((c) => c.commodity).join(", ")} in ${inputs.months[0]}–${inputs.months[H - 1]}`,
    );
  if (inputs.availableUsd <= 0)
    notes.push("Nothing can be bought: the budget left after commitments is 0");
  const tl = opts.timeLimitSeconds !== undefined ? { timeLimitSeconds: opts.timeLimitSeconds } : {};
  const p1 = lpOptimumOf(
    solver.solve(planModel(rows, matrix, cost1), tl),
    "Planning the stockpile",
    tl,
  );
  // Phase 2: keep the phase-1 fill, minimise cost (US$ million) with an early-month preference.
  const cost2 = new Float64Array(matrix.nCols);
  cols.forEach((col, j) => {
    cost2[j] = (priceOf(f, col.c, col.route) / 1e3) * (1 + TIME_PREFERENCE * (col.month + 1));
  });
  const tol = Math.max(1e-9, Math.abs(p1.objective) * 1e-9);
  const p2 = lpOptimumOf(
    solver.solve(planModel(rows, matrix, cost2, { coef: cost1, up: p1.objective + tol }), tl),
    "Planning the stockpile (cost)",
    tl,
  );

  const purchases = purchasesOf(f, p2.x);
  const totalCost = purchases.reduce((t, p) => t + p.cost, 0);
  const binding = bindingOf(f, rows, p1, p2, purchases.length > 0);
  const { results, score } = commodityResultsOf(f, purchases, binding);
  return {
    inputs,
    routing,
    totalCost,
    budgetLeftUsd: inputs.availableUsd - totalCost,
    filledScore: score,
    purchases,
    commodities: results,
    binding,
    solver: {
      name: solver.name,
      iterations: p1.iterations + p2.iterations,
      solveSeconds: p1.solveSeconds + p2.solveSeconds,
    },
    notes,
  };
}

/**
 * The plan as the CLI's JSON and the API's procurement job give it: totalCost, purchases and
 * binding constraints first, then the budget, each commodity with its inputs, and the notes.
 */
export function planReportFrom(p: StockpilePlan) {
  return {
    stockpile: p.inputs.stockpile,
    asOf: p.inputs.asOf,
    totalCost: p.totalCost,
    purchases: p.purchases,
    binding: p.binding,
    budget: {
      budgetUsd: p.inputs.budgetUsd,
      basis: p.inputs.budgetBasis,
      committedUsd: p.inputs.committedUsd,
      availableUsd: p.inputs.availableUsd,
      leftUsd: p.budgetLeftUsd,
    },
    filledScore: p.filledScore,
    commodities: p.commodities.map((c) => {
      const i = p.inputs.commodities.find((x) => x.commodity === c.commodity);
      return {
        ...c,
        targetBasis: i?.targetBasis,
        targetFrom: i?.targetFrom,
        position: i?.position,
        need: i?.need,
        price: i?.price,
        weight: i?.weight,
      };
    }),
    months: p.inputs.months,
    routing: { destination: p.routing.destination, notes: p.routing.notes },
    assumeEmpty: p.inputs.assumeEmpty,
    solver: p.solver,
    notes: p.notes,
  };
}
