/**
 * Which production figure counts for an asset, a commodity and a period. An annual figure is
 * preferred; failing that, quarters or halves that cover the whole year are summed. Among
 * figures for the same span, actual beats estimate beats guidance; capacity counts only when
 * asked. A figure reported jointly for several assets (`split`) is shared by its weights.
 */
import type { Commodity } from "../../model/commodity.js";
import type { AssetId, RecordId, SourceId } from "../../model/ids.js";
import type { Production, ProductionBasis } from "../../model/production.js";
import type { World } from "../../model/world.js";
import { assetColumnsOf } from "./node-columns.js";
import {
  figuresOfCommodity,
  type ProductionColumns,
  productionColumnsOf,
} from "./production-columns.js";

export const BASIS_ORDER: readonly ProductionBasis[] = [
  "actual",
  "estimate",
  "guidance",
  "capacity",
];

/** One asset's share of a production figure. */
export interface AssetOutput {
  asset: AssetId;
  tonnes: number;
  basis: ProductionBasis;
  /** The period of the figures used (the year, or the sub-periods summed). */
  periods: string[];
  records: RecordId[];
  /** Set when the figure was reported jointly and shared out by weights. */
  joint?: { record: RecordId; assets: AssetId[]; weight: number; splitBasis: string };
}

export interface PeriodOutputs {
  period: string;
  outputs: AssetOutput[];
  /** Assets listed for the commodity with no usable figure for the period, and why. */
  missing: { asset: AssetId; reason: string }[];
}

function rank(b: ProductionBasis): number {
  return BASIS_ORDER.indexOf(b);
}

function best(
  records: Production[],
  allowed: ReadonlySet<ProductionBasis>,
): Production | undefined {
  // One figure (at scale, nearly every asset's): no list to sort.
  if (records.length === 1) {
    const r = records[0] as Production;
    return r.tonnes !== null && allowed.has(r.basis) ? r : undefined;
  }
  return records
    .filter((r) => r.tonnes !== null && allowed.has(r.basis))
    .sort(
      (a, b) => rank(a.basis) - rank(b.basis) || (a.asOf < b.asOf ? 1 : a.asOf > b.asOf ? -1 : 0),
    )[0];
}

const SUBPERIOD_SETS = [
  ["Q1", "Q2", "Q3", "Q4"],
  ["H1", "H2"],
] as const;

/** The latest year up to `maxYear` for which any asset has an actual figure for the commodity. */
export function latestActualYear(
  world: World,
  commodity: Commodity,
  maxYear: number,
): number | undefined {
  let y: number | undefined;
  for (const p of world.production) {
    if (p.commodity !== commodity || p.basis !== "actual" || p.tonnes === null) continue;
    const year = Number(p.period.slice(0, 4));
    if (year <= maxYear && (y === undefined || year > y)) y = year;
  }
  return y;
}

/**
 * An output counted from one figure of a world's production columns, the figure made a record
 * only when asked. Its figure is held in private fields (not enumerable: the output reads, prints
 * and compares as the plain output it stands for), not in a weak map: at scale a report counts
 * a third of a million figures, and a weak map's entry per output cost as much as the output.
 */
class ColumnOutput implements AssetOutput {
  asset: AssetId;
  tonnes: number;
  basis: ProductionBasis;
  periods: string[];
  records: RecordId[];
  readonly #cols: ProductionColumns;
  readonly #i: number;
  #made: readonly Production[] | undefined;

  constructor(
    cols: ProductionColumns,
    i: number,
    asset: AssetId,
    tonnes: number,
    basis: ProductionBasis,
    periods: string[],
  ) {
    this.asset = asset;
    this.tonnes = tonnes;
    this.basis = basis;
    this.periods = periods;
    this.records = [cols.id(i) as RecordId];
    this.#cols = cols;
    this.#i = i;
  }

  static figures(o: ColumnOutput): readonly Production[] {
    o.#made ??= [o.#cols.record(o.#i)];
    return o.#made;
  }

  static node(o: ColumnOutput, ids: readonly string[]): number | undefined {
    if (o.#cols.nodes?.ids !== ids) return undefined;
    const n = o.#cols.assetNode[o.#i];
    return n !== undefined && n >= 0 ? n : undefined;
  }

  static sources(o: ColumnOutput): (readonly SourceId[])[] {
    return o.#made ? o.#made.map((p) => p.sources) : [o.#cols.sources(o.#i)];
  }
}

/** The figures each output made of records was made of (one, or the sub-periods summed). */
const figures = new WeakMap<AssetOutput, readonly Production[]>();

/**
 * The figures an output of `productionForPeriod` was made of, in the order of its `records`
 * (read without scanning the world's figures for its record ids).
 */
export function figuresOf(output: AssetOutput): readonly Production[] {
  if (output instanceof ColumnOutput) return ColumnOutput.figures(output);
  return figures.get(output) ?? [];
}

/**
 * The node of an output's asset in a graph whose node ids are `ids`, when the output was
 * counted from production columns numbered as that graph (`ProductionColumns.nodes`): no id
 * hashed. Undefined otherwise (look its asset id up).
 */
export function outputNodeOf(output: AssetOutput, ids: readonly string[]): number | undefined {
  return output instanceof ColumnOutput ? ColumnOutput.node(output, ids) : undefined;
}

/** The sources of each figure of an output, in order (from the columns: no record made). */
export function figureSourcesOf(output: AssetOutput): (readonly SourceId[])[] {
  if (output instanceof ColumnOutput) return ColumnOutput.sources(output);
  return (figures.get(output) ?? []).map((p) => p.sources);
}

/** Each world's outputs already worked out, by commodity, period and bases (read-only). */
const known = new WeakMap<World, Map<string, PeriodOutputs>>();

/**
 * The output of every asset for a commodity in a year (`period` = "YYYY"). Exact sub-periods
 * ("2025-Q3") are also accepted and then only figures for that sub-period count. Worked out
 * once per world and question (a report asks for its period's outputs to choose the period,
 * then to count them: each a pass over every figure); the answer is shared, not to be changed.
 */
export function productionForPeriod(
  world: World,
  commodity: Commodity,
  period: string,
  opts: { bases?: readonly ProductionBasis[] } = {},
): PeriodOutputs {
  const key = `${commodity}|${period}|${[...new Set(opts.bases ?? ["actual", "estimate", "guidance"])].sort().join(",")}`;
  let mine = known.get(world);
  if (!mine) {
    mine = new Map();
    known.set(world, mine);
  }
  let out = mine.get(key);
  if (!out) {
    out = outputsFor(world, commodity, period, opts);
    mine.set(key, out);
  }
  return out;
}

function outputsFor(
  world: World,
  commodity: Commodity,
  period: string,
  opts: { bases?: readonly ProductionBasis[] },
): PeriodOutputs {
  const allowed: ReadonlySet<ProductionBasis> = new Set<ProductionBasis>(
    opts.bases ?? ["actual", "estimate", "guidance"],
  );
  const outputs: AssetOutput[] = [];
  const covered = new Set<string>();
  const skippedJoint: Production[] = [];
  const isYear = /^\d{4}$/.test(period);

  const emit = (
    p: Production,
    periods: string[],
    records: RecordId[],
    tonnes: number,
    basis: ProductionBasis,
    made: readonly Production[],
  ) => {
    if (!p.asset && (p.split ?? []).some((x) => covered.has(x.asset))) {
      skippedJoint.push(p);
      return;
    }
    if (p.asset) {
      const o: AssetOutput = { asset: p.asset, tonnes, basis, periods, records };
      figures.set(o, made);
      outputs.push(o);
      covered.add(p.asset);
      return;
    }
    const split = p.split ?? [];
    const total = split.reduce((s, x) => s + x.weight, 0);
    for (const part of split) {
      const o: AssetOutput = {
        asset: part.asset,
        tonnes: (tonnes * part.weight) / total,
        basis,
        periods,
        records,
        joint: {
          record: p.id,
          assets: split.map((x) => x.asset),
          weight: part.weight / total,
          splitBasis: p.splitBasis ?? "",
        },
      };
      figures.set(o, made);
      outputs.push(o);
      covered.add(part.asset);
    }
  };

  /** Counts one asset's (or one group of assets') figures of the commodity, if any counts. */
  const count = (records: Production[]) => {
    const exact = best(
      records.filter((r) => r.period === period),
      allowed,
    );
    if (exact && exact.tonnes !== null) {
      emit(exact, [exact.period], [exact.id], exact.tonnes, exact.basis, [exact]);
      return;
    }
    if (!isYear) return;
    for (const subs of SUBPERIOD_SETS) {
      const parts = subs.map((s) =>
        best(
          records.filter((r) => r.period === `${period}-${s}`),
          allowed,
        ),
      );
      if (parts.every((x) => x !== undefined)) {
        const ps = parts as Production[];
        const worst = ps.reduce(
          (w, x) => (rank(x.basis) > rank(w) ? x.basis : w),
          "actual" as ProductionBasis,
        );
        const first = ps[0] as Production;
        emit(
          first,
          ps.map((x) => x.period),
          ps.map((x) => x.id),
          ps.reduce((s, x) => s + (x.tonnes ?? 0), 0),
          worst,
          ps,
        );
        break;
      }
    }
  };

  const cols = productionColumnsOf(world);
  const groups = cols ? figuresByAsset(cols, commodity) : undefined;
  const assetCols = assetColumnsOf(world);
  // The assets covered by their node, when the figures' asset nodes number the asset columns'
  // rows (a register world's): no set of a third of a million ids at scale.
  const assetNodes = assetCols?.nodes;
  const coveredNode =
    cols && groups && assetNodes && cols.nodes?.ids === assetNodes.ids
      ? new Uint8Array(assetNodes.ids.length)
      : undefined;
  /** The commodity's figures naming an asset (the figures of a missing asset, from the groups). */
  let figuresOfAsset: ((asset: string) => Production[]) | undefined;
  if (cols && groups) {
    // Single-asset figures only, in asset id order; an asset's one figure counted from the
    // columns, several made records and counted as below.
    const { figs, start, order } = groups;
    const figuresIn = (g: number) =>
      Array.from(figs.subarray(start[g] as number, start[g + 1] as number), (k) => cols.record(k));
    // One list of the period for every output counted from the columns (read-only, as the
    // whole answer is): not an array per counted figure.
    const periods = [period];
    for (const g of order) {
      const i = figs[start[g] as number] as number;
      if ((start[g + 1] as number) - (start[g] as number) > 1) {
        const before = outputs.length;
        count(figuresIn(g));
        if (coveredNode && outputs.length > before) coveredNode[cols.assetNode[i] as number] = 1;
        continue;
      }
      if (cols.period(i) !== period) continue;
      const tonnes = cols.tonnes(i);
      const basis = cols.basis(i);
      if (Number.isNaN(tonnes) || !allowed.has(basis)) continue;
      const asset = cols.asset(i) as AssetId;
      outputs.push(new ColumnOutput(cols, i, asset, tonnes, basis, periods));
      if (coveredNode) coveredNode[cols.assetNode[i] as number] = 1;
      else covered.add(asset);
    }
    let byAsset: Map<string, number> | undefined;
    figuresOfAsset = (asset) => {
      if (byAsset === undefined) {
        byAsset = new Map();
        for (const g of order)
          byAsset.set(cols.asset(figs[start[g] as number] as number) as string, g);
      }
      const g = byAsset.get(asset);
      return g === undefined ? [] : figuresIn(g);
    };
  } else {
    const byKey = new Map<string, Production[]>();
    // Joint figures are grouped by the set of assets they cover, so that two records for the
    // same group and period (an estimate and a guidance) compete instead of adding up.
    const keyOf = (p: Production) =>
      p.asset
        ? `a:${p.asset}`
        : `s:${(p.split ?? [])
            .map((x) => x.asset as string)
            .sort()
            .join("+")}`;
    for (const p of world.production) {
      if (p.commodity !== commodity) continue;
      const k = keyOf(p);
      const list = byKey.get(k);
      if (list) list.push(p);
      else byKey.set(k, [p]);
    }
    // Single-asset figures first: a joint figure only counts for assets without their own.
    // (The default sort orders strings by code unit, as < does, without calling back into JS.)
    for (const k of [...byKey.keys()].sort()) count(byKey.get(k) as Production[]);
  }

  const missing: { asset: AssetId; reason: string }[] = [];
  const reasonFor = (asset: AssetId): string => {
    const any = figuresOfAsset
      ? figuresOfAsset(asset)
      : world.production.filter(
          (p) =>
            p.commodity === commodity &&
            (p.asset === asset || p.split?.some((s) => s.asset === asset)),
        );
    const known = any.filter((p) => p.tonnes !== null).map((p) => p.period);
    return known.length === 0
      ? "no production figure in the dataset"
      : `no ${[...allowed].join("/")} figure for ${period} (figures exist for ${[...new Set(known)].sort().join(", ")})`;
  };
  // The assets listed for the commodity: from the columns when the world has them.
  if (assetCols) {
    const offset = assetNodes?.offset ?? 0;
    for (let k = 0; k < assetCols.count; k++) {
      if (!assetCols.commodities(k).includes(commodity)) continue;
      if (coveredNode ? coveredNode[offset + k] === 1 : covered.has(assetCols.id(k))) continue;
      const kind = assetCols.kind(k);
      if (kind === "port" || kind === "stockpile") continue;
      const asset = assetCols.id(k) as AssetId;
      missing.push({ asset, reason: reasonFor(asset) });
    }
  } else
    for (const a of world.assets.values()) {
      if (!a.commodities.includes(commodity) || covered.has(a.id)) continue;
      if (a.kind === "port" || a.kind === "stockpile") continue;
      missing.push({ asset: a.id, reason: reasonFor(a.id) });
    }
  for (const p of skippedJoint)
    missing.push({
      asset: (p.split?.[0]?.asset ?? "") as AssetId,
      reason: `joint figure ${p.id} not used: some of its assets have figures of their own for ${period}`,
    });
  return { period, outputs, missing };
}

/**
 * The figures of `commodity` grouped by asset: group `g` is figures `figs[start[g]]` …
 * `figs[start[g + 1] - 1]` (in dataset order), `order` the groups in asset id order (as the keys
 * `a:ID` sort). Undefined when a figure of the commodity is split between assets (then the
 * figures are read as records). Typed arrays, not an array per asset: at scale a third of a
 * million assets.
 */
function figuresByAsset(
  c: ProductionColumns,
  commodity: Commodity,
): { figs: Int32Array; start: Int32Array; order: Int32Array } | undefined {
  const of = figuresOfCommodity(c, commodity);
  const keys = new Float64Array(of.length);
  let n = 0;
  for (let f = 0; f < of.length; f++) {
    const i = of[f] as number;
    const node = c.assetNode[i] as number;
    if (node < 0 || c.asset(i) === null) return undefined;
    // Node, then dataset order, in one double (exact: node × count + i is far below 2^53).
    keys[n++] = node * c.count + i;
  }
  const sorted = keys.subarray(0, n).sort();
  const figs = new Int32Array(n);
  const starts: number[] = [];
  let last = -1;
  for (let k = 0; k < n; k++) {
    const key = sorted[k] as number;
    const node = Math.floor(key / c.count);
    figs[k] = key - node * c.count;
    if (node !== last) starts.push(k);
    last = node;
  }
  starts.push(n);
  const start = Int32Array.from(starts);
  const groups = starts.length - 1;
  const order = new Int32Array(groups);
  for (let g = 0; g < groups; g++) order[g] = g;
  const idOf = (g: number) => c.asset(figs[start[g] as number] as number) as string;
  let inOrder = true;
  for (let g = 1; g < groups && inOrder; g++) if (idOf(g - 1) >= idOf(g)) inOrder = false;
  if (!inOrder)
    order.sort((a, b) => {
      const x = idOf(a);
      const y = idOf(b);
      return x < y ? -1 : x > y ? 1 : 0;
    });
  return { figs, start, order };
}
