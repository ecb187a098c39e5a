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
import type { World } from "../../model/world.js";
import { type CarriedFigure, carriedProduction } from "../common/index.js";
import { lookThroughFnFor } from "../ownership/index.js";
import { type LpModel, type LpSolver, lpOptimumOf } from "../routes/index.js";
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
  const year = Number(world.asOf.slice(0, 4));
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
    let supplyNote: string | null = null;
    if (status === "planned") {
      const bySource = new Map<string, PlanSource>();
      const others = new Map<string, Set<string>>();
      const heldBack = new Set<string>();
      const unknown = new Set<string>();
      months.forEach((m, i) => {
        const sup = _supplyOf(supplyWorld, s, commodity, m, lt);
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
                monthly: new Array<number>(h).fill(0),
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
      sources.push(...[...bySource.values()].sort((a, b) => (a.source < b.source ? -1 : 1)));
      if (bySource.size === 0) {
        const why = [
          ...[...others].map(
            ([a, b]) => `${a}'s output is committed to ${[...b].sort().join(", ")}`,
          ),
          ...(heldBack.size > 0
            ? [`held back by rules at ${[...heldBack].sort().join(", ")}`]
            : []),
          ...(unknown.size > 0
            ? [`no production figure for ${[...unknown].sort().join(", ")}`]
            : []),
        ];
        supplyNote = why.length > 0 ? why.join("; ") : "no DRC producer of it is recorded";
      }
    }
    return { ...base, toFillTonnes: toFill, status, supplyNote };
  });
  const available = Math.max(0, budget - committed.usd);
  const carriedUsed = carry.carried.filter((c) =>
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
  return {
    stockpile: s.id,
    holder: s.holder,
    country: s.country,
    asOf: world.asOf,
    months,
    budgetUsd: budget,
    budgetBasis: opts.budgetUsd !== undefined ? "given" : `budgetUsd of ${s.id}`,
    committedUsd: committed.usd,
    availableUsd: available,
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

/**
 * The plan: solves the LP for `inputs` over `routing`. A budget of 0, no supply or no target
 * give a plan with nothing bought and the reason; an LP the solver cannot finish is a domain
 * error.
 *
 * @example stockpilePlan(await loadLpSolver(), inputs, notRouted(inputs, "routes not asked for"))
 */
export function stockpilePlan(
  solver: LpSolver,
  inputs: PlanInputs,
  routing: PlanRouting,
  opts: { timeLimitSeconds?: number } = {},
): StockpilePlan {
  const H = inputs.months.length;
  const planned = inputs.commodities.filter(
    (c) => c.status === "planned" && (c.toFillTonnes ?? 0) > 0,
  );
  const cIndex = new Map(planned.map((c, i) => [c.commodity, i]));
  const notes = [...inputs.notes, ...routing.notes];
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
  const priceOf = (ci: number, ri: number) =>
    (planned[ci]?.price?.usdPerTonne ?? 0) + (routing.routes[ri]?.costUsdPerTonne ?? 0);

  // Rows: 0 budget; then targets (one per planned commodity); availability (src, month); legs (leg, month).
  const rowLower: number[] = [];
  const rowUpper: number[] = [];
  const rowName: { kind: "budget" | "target" | "availability" | "leg-capacity"; id: string }[] = [];
  const addRow = (lo: number, up: number, kind: (typeof rowName)[number]["kind"], id: string) => {
    rowLower.push(lo);
    rowUpper.push(up);
    rowName.push({ kind, id });
    return rowLower.length - 1;
  };
  addRow(Number.NEGATIVE_INFINITY, inputs.availableUsd / 1e6, "budget", "budget");
  const targetRow = planned.map((c) =>
    addRow((c.toFillTonnes ?? 0) / 1e3, (c.toFillTonnes ?? 0) / 1e3, "target", c.commodity),
  );
  const availRow = new Map<string, number>();
  for (const col of cols) {
    const key = `${col.src}|${col.month}`;
    if (!availRow.has(key)) {
      const src = inputs.sources[col.src] as PlanSource;
      availRow.set(
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
  const legRow = new Map<string, number>();
  for (const col of cols)
    for (const leg of routing.routes[col.route]?.legs ?? []) {
      const cap = legCap.get(leg);
      const key = `${leg}|${col.month}`;
      if (cap === undefined || legRow.has(key)) continue;
      legRow.set(
        key,
        addRow(Number.NEGATIVE_INFINITY, Math.max(0, cap) / 1e3, "leg-capacity", key),
      );
    }
  const nx = cols.length;
  const nCols = nx + planned.length; // purchases, then one shortfall slack per planned commodity
  const starts: number[] = [0];
  const idx: number[] = [];
  const val: number[] = [];
  const colUpper = new Float64Array(nCols);
  cols.forEach((col) => {
    const r = routing.routes[col.route] as PlanRoute;
    const src = inputs.sources[col.src] as PlanSource;
    colUpper[starts.length - 1] = (r.share * (src.monthly[col.month] ?? 0)) / 1e3;
    idx.push(0);
    val.push(priceOf(col.c, col.route) / 1e3);
    idx.push(targetRow[col.c] as number);
    val.push(1);
    idx.push(availRow.get(`${col.src}|${col.month}`) as number);
    val.push(1);
    for (const leg of r.legs) {
      const lr = legRow.get(`${leg}|${col.month}`);
      if (lr === undefined) continue;
      idx.push(lr);
      val.push(1);
    }
    starts.push(idx.length);
  });
  planned.forEach((c, i) => {
    colUpper[nx + i] = (c.toFillTonnes ?? 0) / 1e3;
    idx.push(targetRow[i] as number);
    val.push(1);
    starts.push(idx.length);
  });
  // Phase 1: minimise Σ w u / toFill (weighted unfilled share).
  const wsum = planned.reduce((t, c) => t + c.weight, 0);
  const cost1 = new Float64Array(nCols);
  planned.forEach((c, i) => {
    cost1[nx + i] = c.weight / wsum / ((c.toFillTonnes ?? 1) / 1e3);
  });
  const model = (cost: Float64Array, extra?: { coef: Float64Array; up: number }): LpModel => {
    const nRows = rowLower.length + (extra ? 1 : 0);
    const s2: number[] = [0];
    const i2: number[] = [];
    const v2: number[] = [];
    for (let j = 0; j < nCols; j++) {
      for (let k = starts[j] as number; k < (starts[j + 1] as number); k++) {
        i2.push(idx[k] as number);
        v2.push(val[k] as number);
      }
      if (extra && (extra.coef[j] ?? 0) !== 0) {
        i2.push(rowLower.length);
        v2.push(extra.coef[j] as number);
      }
      s2.push(i2.length);
    }
    return {
      numCols: nCols,
      numRows: nRows,
      colCost: cost,
      colLower: new Float64Array(nCols),
      colUpper,
      rowLower: Float64Array.from(extra ? [...rowLower, Number.NEGATIVE_INFINITY] : rowLower),
      rowUpper: Float64Array.from(extra ? [...rowUpper, extra.up] : rowUpper),
      colStarts: Int32Array.from(s2),
      rowIndex: Int32Array.from(i2),
      values: Float64Array.from(v2),
    };
  };
  const results: CommodityResult[] = [];
  const emptyPlan = (why: string): StockpilePlan => ({
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
  });
  if (planned.length === 0)
    return emptyPlan(
      "Nothing to plan: no commodity has a target in tonnes, known holdings (or --assume-empty) and a price",
    );
  if (nx === 0)
    return emptyPlan(
      `Nothing bought: no reachable supply of ${planned.map((c) => c.commodity).join(", ")} in ${inputs.months[0]}–${inputs.months[H - 1]}`,
    );
  if (inputs.availableUsd <= 0)
    notes.push("Nothing can be bought: the budget left after commitments is 0");
  const tl = opts.timeLimitSeconds !== undefined ? { timeLimitSeconds: opts.timeLimitSeconds } : {};
  const p1 = lpOptimumOf(solver.solve(model(cost1), tl), "Planning the stockpile", tl);
  // Phase 2: keep the phase-1 fill, minimise cost (US$ million) with an early-month preference.
  const cost2 = new Float64Array(nCols);
  cols.forEach((col, j) => {
    cost2[j] = (priceOf(col.c, col.route) / 1e3) * (1 + TIME_PREFERENCE * (col.month + 1));
  });
  const tol = Math.max(1e-9, Math.abs(p1.objective) * 1e-9);
  const p2 = lpOptimumOf(
    solver.solve(model(cost2, { coef: cost1, up: p1.objective + tol }), tl),
    "Planning the stockpile (cost)",
    tl,
  );

  const purchases: Purchase[] = [];
  cols.forEach((col, j) => {
    const kt = p2.x[j] ?? 0;
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
      cost: tonnes * priceOf(col.c, col.route),
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
  const totalCost = purchases.reduce((t, p) => t + p.cost, 0);

  // Binding rows in the final plan; marginal values from the first solve's duals.
  const binding: BindingConstraint[] = [];
  const availBinding = new Map<string, { months: number[]; marginal: number }>();
  const legBinding = new Map<string, { months: number[]; marginal: number }>();
  rowName.forEach((rn, i) => {
    const up = rowUpper[i] as number;
    const act = p2.rowValues[i] ?? 0;
    const atBound = up - act <= Math.max(1e-7, Math.abs(up) * 1e-7);
    const dual = Math.abs(p1.rowDuals[i] ?? 0);
    if (rn.kind === "budget") {
      if ((atBound && purchases.length > 0) || (up <= 0 && dual > 0))
        binding.push({
          kind: "budget",
          id: "budget",
          message: `The budget binds: US$${Math.round(inputs.availableUsd).toLocaleString("en-US")} available is spent`,
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
