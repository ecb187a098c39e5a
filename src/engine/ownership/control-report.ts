/**
 * Who owns and who controls a commodity's production: country shares by location, by
 * look-through attributable interest, by consolidated (majority) control and by de facto
 * control, each with its HHI, plus the companies behind them. Definitions and sources are in
 * docs/methodology.md.
 */
import type { Asset } from "../../model/asset.js";
import type { Commodity } from "../../model/commodity.js";
import type { Entity } from "../../model/entity.js";
import { OrebookError } from "../../model/errors.js";
import type { AssetId, EntityId, RecordId, SourceId } from "../../model/ids.js";
import type { ProductionBasis } from "../../model/production.js";
import type { World } from "../../model/world.js";
import {
  type AssetColumns,
  type AssetOutput,
  assetColumnsOf,
  assetCountryOf,
  assetNameOf,
  assetRowOfNode,
  type BucketKey,
  bucketName,
  bucketOfNode,
  CARRY_MAX_AGE_YEARS,
  type CountedAsset,
  type CountryBasis,
  type CountryGroup,
  type CountryView,
  type Coverage,
  carriedProduction,
  countryOfEntity,
  countsAsMineOutput,
  coverageFor,
  entityColumnsOf,
  entityNameOf,
  entityRowOfNode,
  figureSourcesOf,
  groupedCountry,
  hhiFrom,
  isConcentrationBucket,
  isMineKind,
  mineCountriesOf,
  NO_MAJORITY,
  NOT_ON_RECORDED_ASSET,
  outputNodeOf,
  type PeriodChoice,
  productionForPeriod,
  reportPeriodFor,
  type ShareBasis,
  type StaleInput,
  staleInputsFor,
  UNKNOWN,
} from "../common/index.js";
import {
  type ControlBasisKind,
  type ControlStep,
  type ControlStepMemo,
  consolidatedControlOf,
  controlOf,
  equalPartnersOf,
  type NodeControl,
} from "./consolidated-control.js";
import {
  type DeFactoPlacement,
  deFactoControllerOf,
  NEAR_EDGE_KM,
  type PartialHold,
  partialHoldsOf,
  placementText,
} from "./de-facto.js";
import { lookThrough, retainedFrom, type ShareBound } from "./look-through.js";
import type { OwnershipGraph } from "./ownership-graph.js";
import { ownershipGraphOf } from "./world-graph.js";

export interface ControlReportOptions extends CountryView {
  commodity: Commodity;
  /**
   * A year ("2025") or sub-period; default: the latest year with actual figures up to the
   * world's date, else with estimates or guidance (see report-period.ts).
   */
  period?: string;
  /** A requested period without any figure falls back to the latest earlier year with one. */
  fallBack?: boolean;
  /** Majority threshold for control, strictly exceeded; default 0.5. */
  controlThreshold?: number;
  bases?: readonly ProductionBasis[];
  /**
   * What the shares are of: `national` (default) the country's mine output for the year, with a
   * residual row for what no recorded asset accounts for; `recorded` the recorded tonnes only.
   */
  basis?: ShareBasis;
  /** Reuse a graph already built for this world. */
  graph?: OwnershipGraph;
  /**
   * Make at most this many company and asset rows, the largest of each, when there are more of
   * either (`listed` then says how many there are); the shares, HHI, notes, coverage and stale
   * inputs count every one. Default: every row. At a million entities the full lists are
   * hundreds of thousands of rows that a shell printing the largest would make for nothing.
   */
  listed?: number;
  /**
   * Add the carried-forward view (`carriedForward`): the producers without a figure for the
   * year counted at their last published figure, beside the headline. Off by default (the
   * series, scenario and Monte Carlo loops do not need it); the app's control report sets it.
   */
  carryForward?: boolean;
}

/** The carried-forward view's label, shown wherever its figures are. */
export const CARRIED_FORWARD_LABEL = "Last published figure carried forward";

/** A producer without a figure for the year, counted at its last published figure. */
export interface CarriedForwardAsset {
  /** The assets the figure is for (two or more: a joint figure, shared by its weights). */
  assets: AssetId[];
  name: string;
  tonnes: number;
  /** The figure's own period and basis. */
  period: string;
  basis: ProductionBasis;
  /** The report's year − the figure's year. */
  ageYears: number;
  /** The figure carried. */
  record: RecordId;
  sources: SourceId[];
}

/**
 * The report as it would read if every producer without a figure for the year (coverage.missing)
 * kept producing at its last published figure, at most `maxAgeYears` old
 * (production-carry-forward.ts). An assumption, not a forecast: never part of the headline.
 */
export interface CarriedForwardView {
  label: string;
  maxAgeYears: number;
  assets: CarriedForwardAsset[];
  carriedTonnes: number;
  /** Recorded tonnes plus the carried tonnes, against the same national total. */
  coverage: Coverage;
  shareOfTonnes: number;
  byCountry: CountryRow[];
  hhi: ControlReport["hhi"];
}

export interface CountryRow {
  country: BucketKey;
  name: string;
  locationShare: number;
  attributableShare: number;
  /** The attributable share's range when stakes or joint figures are uncertain. */
  attributableMin: number;
  attributableMax: number;
  consolidatedShare: number;
  /** The part of the consolidated share held jointly with another controller. */
  consolidatedJointShare: number;
  deFactoShare: number;
  /** The part of the de facto share held jointly (outside held areas, as consolidated). */
  deFactoJointShare: number;
  locationTonnes: number;
  attributableTonnes: number;
  consolidatedTonnes: number;
  consolidatedJointTonnes: number;
  deFactoTonnes: number;
  deFactoJointTonnes: number;
}

export interface CompanyRow {
  id: EntityId;
  name: string;
  country: string | null;
  kind: string;
  /** Look-through attributable tonnes (its economic interest, through every chain). */
  attributableTonnes: number;
  attributableMin: number;
  attributableMax: number;
  attributableShare: number;
  /** Tonnes that stop here as ultimate owner (roots only; the rest flows to its own owners). */
  ultimateTonnes: number;
  /** Tonnes of assets it ultimately controls (100% each, a joint controller its part). */
  consolidatedTonnes: number;
  consolidatedShare: number;
  /** The part of `consolidatedTonnes` it controls jointly with others. */
  consolidatedJointTonnes: number;
}

/** One ultimate controller of an asset and the part of it that it controls. */
export interface AssetController {
  id: string;
  name: string;
  country: BucketKey;
  /** 1, or its part of a joint control. */
  share: number;
  joint: boolean;
  /** Ids from the asset up to the controller. */
  chain: string[];
}

export interface AssetRow {
  id: AssetId;
  name: string;
  tonnes: number;
  basis: ProductionBasis;
  periods: string[];
  records: RecordId[];
  joint?: AssetOutput["joint"];
  country: string;
  /** The ultimate controller (under joint control: the first of the joint controllers). */
  controller: EntityId | AssetId;
  controllerName: string;
  /** The controller's country; under joint control the countries joined by "+" (CA+CN). */
  controllerCountry: BucketKey;
  controlChain: string[];
  /** How control is held: agreement, operator, majority or joint; null when no one controls it. */
  controlBasis: ControlBasisKind | null;
  /** Every ultimate controller with its part (two or more under joint control). */
  controllers: AssetController[];
  /** The links from the asset up, each with its basis, record and sources. */
  controlSteps: ControlStep[];
  deFacto: BucketKey;
  /** Why the asset is under an armed group's de facto control: the record, the basis, the unit. */
  deFactoBy?: DeFactoPlacement;
  /** Not placed, but its territoire is held in part: a gap (which part is not known), not counted. */
  partlyHeld?: PartialHold[];
  sources: SourceId[];
}

/** An asset counted for nothing (no usable figure), with who holds its ground if anyone does. */
export interface MissingAsset {
  asset: AssetId;
  name: string;
  reason: string;
  deFactoBy?: DeFactoPlacement;
  partlyHeld?: PartialHold[];
}

export interface ControlReport {
  commodity: Commodity;
  asOf: string;
  period: string;
  /** What the shares are of (national output, or the recorded tonnes). */
  basis: ShareBasis;
  /** How entities' countries are counted: incorporation or headquarters, and any group. */
  countryView: { countryBasis: CountryBasis; group?: CountryGroup };
  /** How the period was chosen, and the label to show when it is not the one asked for. */
  periodChoice: PeriodChoice;
  controlThreshold: number;
  /** Tonnes counted on recorded assets. */
  totalTonnes: number;
  /** The tonnes every share is of: the national total, or the recorded tonnes (coverage). */
  shareOfTonnes: number;
  /** Country rows; on the national basis, with the residual row `not-on-a-recorded-asset`. */
  byCountry: CountryRow[];
  byCompany: CompanyRow[];
  hhi: { location: number; attributable: number; consolidated: number; deFacto: number };
  assets: AssetRow[];
  coverage: Coverage & {
    assetsWithFigures: number;
    /** Mines and tailings producing the commodity without a usable figure (plants not listed). */
    missing: MissingAsset[];
    /** National statistics for the same commodity and year, to judge how much the assets cover. */
    reference: {
      country: string | null;
      year: number;
      tonnes: number;
      stage: string;
      sources: SourceId[];
    }[];
  };
  /**
   * Inputs used for a later date or period than their own (stale-inputs.ts): stake statements
   * older than three years, production of an earlier year; largest tonnes first.
   */
  staleInputs: StaleInput[];
  /**
   * The carried-forward view beside the headline (asked with `carryForward`, for a whole year
   * counted from actual, estimate or guidance figures); null when nothing can be carried.
   */
  carriedForward?: CarriedForwardView | null;
  notes: string[];
  /** Set when `listed` left rows out: the rows made of each, and how many there are. */
  listed?: { rows: number; companies: number; assets: number };
}

type Tally = Map<BucketKey, number>;

const tonnesText = (x: number) => Math.round(x).toLocaleString("en-US");
const pctText = (x: number) => `${(x * 100).toFixed(1)}%`;

function add(t: Tally, k: BucketKey, x: number): void {
  if (x !== 0) t.set(k, (t.get(k) ?? 0) + x);
}

/** Attributable tonnes per bucket for one production vector and bound. */
function attributableTally(
  world: World,
  g: OwnershipGraph,
  p: Float64Array,
  bound: ShareBound,
  view: CountryView,
): { tally: Tally; v: Float64Array; r: Float64Array } {
  const v = lookThrough(g, p, 1, { bound });
  const r = retainedFrom(g, v, 1, bound);
  const tally: Tally = new Map();
  const colSum = bound === "min" ? g.colSumMin : bound === "max" ? g.colSumMax : g.colSum;
  for (let j = 0; j < g.n; j++) {
    const x = r[j] ?? 0;
    if (x <= 0) continue;
    // A node with recorded owners keeps only its unrecorded remainder: that is unknown.
    const key = (colSum[j] ?? 0) > 0 ? UNKNOWN : bucketOfNode(world, g.ids, j, view);
    add(tally, key, x);
  }
  return { tally, v, r };
}

/** The production vectors to bound a joint figure: its weights, then all of it to each member. */
function productionVariants(g: OwnershipGraph, outputs: AssetOutput[]): Float64Array[] {
  const base = new Float64Array(g.n);
  const joints = new Map<string, AssetOutput[]>();
  for (const o of outputs) {
    const i = outputNodeOf(o, g.ids) ?? g.indexOf.get(o.asset);
    if (i === undefined) continue;
    base[i] = (base[i] ?? 0) + o.tonnes;
    if (o.joint) {
      const list = joints.get(o.joint.record);
      if (list) list.push(o);
      else joints.set(o.joint.record, [o]);
    }
  }
  const variants = [base];
  for (const members of joints.values()) {
    const total = members.reduce((s, m) => s + m.tonnes, 0);
    for (const target of members) {
      const p = new Float64Array(base);
      for (const m of members) {
        const i = g.indexOf.get(m.asset) as number;
        p[i] = (p[i] ?? 0) - m.tonnes + (m === target ? total : 0);
      }
      variants.push(p);
    }
  }
  return variants;
}

/**
 * What the country view changes, and who has no country: the entities counted by headquarters
 * that are incorporated elsewhere, the group's members, and the ultimate holders without a
 * country with the reason the data gives (each with its share, largest first).
 */
function countryViewNotes(
  world: World,
  g: OwnershipGraph,
  retained: Float64Array,
  controlledBy: Float64Array,
  view: CountryView,
  denominator: number,
): string[] {
  const notes: string[] = [];
  const weight = (j: number) =>
    denominator > 0 ? Math.max(retained[j] ?? 0, controlledBy[j] ?? 0) / denominator : 0;
  const moved: [string, number][] = [];
  const noCountry: [string, number][] = [];
  // From the columns when the world has them: a record only for what the notes may name.
  const cols = entityColumnsOf(world);
  for (let j = 0; j < g.n; j++) {
    const w = weight(j);
    if (w <= 1e-9) continue;
    if (cols && view.countryBasis !== "headquarters") {
      const k = entityRowOfNode(cols, g.ids, j);
      if (k < 0 || cols.country(k) !== null) continue;
    }
    const e = world.entities.get(g.ids[j] as EntityId);
    if (!e || e.kind === "public-float" || e.kind === "armed-group") continue;
    if (view.countryBasis === "headquarters" && e.headquarters && e.headquarters !== e.country)
      moved.push([`${e.name} (incorporated ${e.country ?? "?"}, run from ${e.headquarters})`, w]);
    // Only holders that keep tonnes (no recorded owners of their own) stand in a bucket.
    if (e.country === null && (g.colSum[j] ?? 0) === 0 && (retained[j] ?? 0) > 0)
      noCountry.push([`${e.name}: ${e.countryReason ?? "the sources reviewed do not give it"}`, w]);
  }
  const list = (xs: [string, number][]) =>
    xs
      .sort((a, b) => b[1] - a[1])
      .map(([t, w]) => `${t} (${pctText(w)})`)
      .join("; ");
  if (view.countryBasis === "headquarters")
    notes.push(
      moved.length > 0
        ? `Countries by headquarters: ${list(moved)} counted where they are run from`
        : "Countries by headquarters: no holder in this report is run from a country other than its own",
    );
  if (view.group === "greater-china")
    notes.push("Greater China: China, Hong Kong and Macao counted together (greater-china)");
  if (noCountry.length > 0)
    notes.push(`Holders without a country, counted as unknown: ${list(noCountry)}`);
  return notes;
}

/**
 * The asset row of an output's asset: by its node when the output was counted from production
 * columns numbered as the asset columns (no id hashed), else by its id.
 */
function assetRowOfOutput(c: AssetColumns, o: AssetOutput): number {
  const node = c.nodes ? outputNodeOf(o, c.nodes.ids) : undefined;
  if (node === undefined || !c.nodes) return c.rowOf(o.asset);
  const k = node - c.nodes.offset;
  return k >= 0 && k < c.count ? k : -1;
}

/**
 * A country's mine production: the output of mines and tailings, and of processing plants in a
 * country whose mines produce the commodity (its ore, treated at home). Plants abroad are another
 * stage and not counted; plants without a figure are not listed as missing, only counted.
 */
function mineProduction(
  world: World,
  commodity: Commodity,
  p: { outputs: AssetOutput[]; missing: { asset: AssetId; reason: string }[] },
): {
  outputs: AssetOutput[];
  missing: { asset: AssetId; reason: string }[];
  plantsWithoutFigure: number;
  countries: string[];
} {
  const countries = mineCountriesOf(world, commodity);
  // From the columns when the world has them (no asset made a record).
  const cols = assetColumnsOf(world);
  const fieldOf = (id: AssetId, field: "kind" | "country"): string => {
    if (!cols) return world.assets.get(id)?.[field] ?? "";
    const k = cols.rowOf(id);
    return k < 0 ? "" : field === "kind" ? cols.kind(k) : cols.country(k);
  };
  const isMine = (id: AssetId) => isMineKind(fieldOf(id, "kind"));
  // The allocation's rule (`countsAsMineOutput`): a port or a stockpile is never mine output.
  // An output's asset looked up once (at scale, a third of a million outputs).
  const counts = (id: AssetId): boolean => {
    if (!cols) return countsAsMineOutput(fieldOf(id, "kind"), fieldOf(id, "country"), countries);
    return countsRow(cols, cols.rowOf(id));
  };
  const countsRow = (c: AssetColumns, k: number): boolean =>
    k < 0
      ? countsAsMineOutput("", "", countries)
      : countsAsMineOutput(c.kind(k), c.country(k), countries);
  // An output counted from columns numbered as the asset columns: by its asset's node.
  const countsOutput = (o: AssetOutput): boolean =>
    cols ? countsRow(cols, assetRowOfOutput(cols, o)) : counts(o.asset);
  return {
    outputs: p.outputs.filter((o) => countsOutput(o)),
    missing: p.missing.filter((m) => isMine(m.asset)),
    plantsWithoutFigure: new Set(
      p.missing.filter((m) => !isMine(m.asset) && counts(m.asset)).map((m) => m.asset),
    ).size,
    countries: [...countries],
  };
}

/** `{ partlyHeld }` when records hold the asset's territoire in part, else nothing. */
function partlyHeldOf(world: World, asset: Asset): { partlyHeld?: PartialHold[] } {
  const p = partialHoldsOf(world.territories, asset);
  return p.length > 0 ? { partlyHeld: p } : {};
}

/** What every phase of a report reads: its period, the counted outputs, the graph, the coverage. */
interface ReportBasis {
  view: CountryView;
  threshold: number;
  periodChoice: PeriodChoice;
  year: string;
  counted: ProductionBasis[];
  outputs: AssetOutput[];
  missing: { asset: AssetId; reason: string }[];
  plantsWithoutFigure: number;
  g: OwnershipGraph;
  variants: Float64Array[];
  total: number;
  cov: ReturnType<typeof coverageFor>;
  countries: string[];
  denominator: number;
  residual: number;
}

/** The options checked, the period chosen, its outputs counted and what the shares are of. */
function reportBasis(world: World, opts: ControlReportOptions): ReportBasis {
  const threshold = opts.controlThreshold ?? 0.5;
  const view: CountryView = {
    countryBasis: opts.countryBasis ?? "incorporation",
    ...(opts.group !== undefined ? { group: opts.group } : {}),
  };
  if (!(threshold > 0 && threshold < 1))
    throw new OrebookError(
      "BAD_INPUT",
      `The control threshold must be between 0 and 1, got ${threshold}`,
    );
  const bases = opts.bases ?? ["actual", "estimate", "guidance"];
  const periodChoice = reportPeriodFor(world, opts.commodity, {
    period: opts.period,
    bases,
    ...(opts.fallBack ? { fallBack: true } : {}),
  });
  const year = periodChoice.period;
  // Capacity counts only when the period has no output figure (labelled by the choice).
  const counted: ProductionBasis[] =
    periodChoice.bases.includes("capacity") && !bases.includes("capacity")
      ? [...bases, "capacity"]
      : [...bases];
  const { outputs, missing, plantsWithoutFigure, countries } = mineProduction(
    world,
    opts.commodity,
    productionForPeriod(world, opts.commodity, year, { bases: counted }),
  );
  const g = opts.graph ?? ownershipGraphOf(world);
  const variants = productionVariants(g, outputs);
  const assetCols = assetColumnsOf(world);
  const countryOfOutput = (o: AssetOutput): string => {
    if (!assetCols) return assetCountryOf(world, o.asset) ?? "";
    const k = assetRowOfOutput(assetCols, o);
    return k < 0 ? "" : assetCols.country(k);
  };
  const total = outputs.reduce((s, o) => s + o.tonnes, 0);
  const cov = coverageFor(world, {
    commodity: opts.commodity,
    period: year,
    recordedTonnes: total,
    countries: outputs.length > 0 ? outputs.map((o) => countryOfOutput(o)) : countries,
    ...(opts.basis ? { basis: opts.basis } : {}),
  });
  return {
    view,
    threshold,
    periodChoice,
    year,
    counted,
    outputs,
    missing,
    plantsWithoutFigure,
    g,
    variants,
    total,
    cov,
    countries,
    denominator: cov.denominatorTonnes,
    residual: cov.basis === "national" ? cov.residualTonnes : 0,
  };
}

/** The attributable view: the preferred shares, and their range over bounds and joint splits. */
interface Attributable {
  preferred: { tally: Tally; v: Float64Array; r: Float64Array };
  lo: Tally;
  hi: Tally;
  companyLo: Float64Array;
  companyHi: Float64Array;
}

/** Attributable: preferred shares, then the range over share bounds and joint-figure splits. */
function attributableView(world: World, b: ReportBasis): Attributable {
  const { g, variants, view } = b;
  const base = variants[0] as Float64Array;
  const preferred = attributableTally(world, g, base, "share", view);
  const lo: Tally = new Map();
  const hi: Tally = new Map();
  const companyLo = new Float64Array(g.n).fill(Number.POSITIVE_INFINITY);
  const companyHi = new Float64Array(g.n);
  // Without share bounds the three bounds solve the same system: the base's is the preferred
  // one, solved once (a full solve and a tally over every node saved twice per variant and
  // three times for the base).
  const bounds = g.hasBounds ? (["min", "max", "share"] as const) : (["share"] as const);
  for (const p of variants) {
    for (const bound of bounds) {
      const { tally, v } =
        p === base && bound === "share" ? preferred : attributableTally(world, g, p, bound, view);
      const keys = new Set([
        ...tally.keys(),
        ...lo.keys(),
        ...hi.keys(),
        ...preferred.tally.keys(),
      ]);
      for (const k of keys) {
        const x = tally.get(k) ?? 0;
        lo.set(k, Math.min(lo.get(k) ?? Number.POSITIVE_INFINITY, x));
        hi.set(k, Math.max(hi.get(k) ?? 0, x));
      }
      for (let j = 0; j < g.n; j++) {
        const x = v[j] ?? 0;
        if (x < (companyLo[j] ?? 0)) companyLo[j] = x;
        if (x > (companyHi[j] ?? 0)) companyHi[j] = x;
      }
    }
  }
  return { preferred, lo, hi, companyLo, companyHi };
}

/** The consolidated and de facto views, asset by asset, and the rows of the counted assets. */
interface ControlView {
  location: Tally;
  consolidated: Tally;
  consolidatedJoint: Tally;
  deFacto: Tally;
  deFactoJoint: Tally;
  /** Tonnes each node ultimately controls, and the part of them it controls jointly. */
  controlledBy: Float64Array;
  controlledJointly: Float64Array;
  controlNotes: Set<string>;
  /** Every counted asset, largest tonnes first. */
  counted: CountedRow[];
  /** The rows made (the first `listed` of `counted`, or every one), in the same order. */
  assets: AssetRow[];
  /** The rows the notes read (held, in part or whole, or jointly controlled), in order. */
  noted: AssetRow[];
}

/** A counted asset before its row is made: what the shares, notes and stale inputs read. */
interface CountedRow {
  id: AssetId;
  /** Its node in the graph. */
  i: number;
  /** Its row in the asset columns (−1 without columns). */
  k: number;
  /** Its name; read from the columns when its row is made (when the world has columns). */
  name?: string;
  country: string;
  tonnes: number;
  outs: AssetOutput[];
  basis: ProductionBasis;
  joint?: AssetOutput["joint"];
  periods: string[];
  records: RecordId[];
  /** Its row, made when it is listed or the notes read it. */
  row?: AssetRow;
}

/**
 * The counted outputs of each asset in the graph, the assets in the order of their first
 * output (grouped by node: an asset id is looked up once per output, not kept in a map).
 */
function outputsByNode(
  g: OwnershipGraph,
  outputs: readonly AssetOutput[],
): { asset: AssetId; i: number; outs: AssetOutput[] }[] {
  const slot = new Int32Array(g.n).fill(-1);
  const groups: { asset: AssetId; i: number; outs: AssetOutput[] }[] = [];
  for (const o of outputs) {
    const i = outputNodeOf(o, g.ids) ?? g.indexOf.get(o.asset);
    if (i === undefined) continue;
    const s = slot[i] as number;
    if (s < 0) {
      slot[i] = groups.length;
      groups.push({ asset: o.asset, i, outs: [o] });
    } else (groups[s] as { outs: AssetOutput[] }).outs.push(o);
  }
  return groups;
}

/**
 * The records an asset's counted outputs were made of, and their sources, each once in order
 * (read from the outputs' own figures; one output of one figure, at scale nearly every
 * asset's, without a set).
 */
function recordsAndSources(outs: readonly AssetOutput[]): {
  records: RecordId[];
  sources: SourceId[];
} {
  const o = outs[0] as AssetOutput;
  const figs = figureSourcesOf(o);
  if (outs.length === 1 && o.records.length === 1 && figs.length === 1) {
    const ss = figs[0] as readonly SourceId[];
    return {
      records: [o.records[0] as RecordId],
      sources: ss.length === 1 ? [...ss] : [...new Set(ss)],
    };
  }
  const records = new Set<RecordId>();
  const sources = new Set<SourceId>();
  for (const x of outs) {
    for (const r of x.records) records.add(r);
    for (const ss of figureSourcesOf(x)) for (const s of ss) sources.add(s);
  }
  return { records: [...records], sources: [...sources] };
}

/**
 * The records an asset's counted outputs were made of, each once in order (an output's own
 * list, read-only, when it is the only one).
 */
function recordsOf(outs: readonly AssetOutput[]): RecordId[] {
  const o = outs[0] as AssetOutput;
  if (outs.length === 1) return o.records;
  return [...new Set(outs.flatMap((x) => x.records))];
}

/**
 * Consolidated and de facto control, asset by asset: agreements and operatorships, then
 * majorities, then joint control (see consolidated-control.ts). Every counted asset is tallied;
 * a row with its chains, steps and sources is made for the first `listed` by tonnes and for
 * those the notes read.
 */
function controlView(world: World, b: ReportBasis, listed: number): ControlView {
  const { g, view } = b;
  const cc = consolidatedControlOf(world, g, b.threshold);
  const out: ControlView = {
    location: new Map(),
    consolidated: new Map(),
    consolidatedJoint: new Map(),
    deFacto: new Map(),
    deFactoJoint: new Map(),
    controlledBy: new Float64Array(g.n),
    controlledJointly: new Float64Array(g.n),
    controlNotes: new Set(),
    counted: [],
    assets: [],
    noted: [],
  };
  const nameOf = (id: string) => entityNameOf(world, id) ?? assetNameOf(world, id) ?? id;
  // A link's step is the same whichever asset's chain reaches it: made once.
  const steps: ControlStepMemo = new Map();
  // Without territory records no asset is held (nor in part): its record is not needed for it.
  const held = world.territories.length > 0;
  const cols = assetColumnsOf(world);
  // A controller's name by its node, from columns numbered as the graph (no id hashed).
  const ents = entityColumnsOf(world);
  const byNode = ents?.nodes?.ids === g.ids && cols?.nodes?.ids === g.ids;
  const nameOfNode = (j: number): string => {
    const id = g.ids[j] as string;
    if (!byNode || !ents || !cols) return nameOf(id);
    const k = entityRowOfNode(ents, g.ids, j);
    if (k >= 0) return ents.name(k);
    const a = assetRowOfNode(cols, g.ids, j);
    return a >= 0 ? cols.name(a) : id;
  };
  // An entity's bucket, read once per controller.
  const buckets = new Map<number, BucketKey>();
  const bucketOf = (j: number): BucketKey => {
    let k = buckets.get(j);
    if (k === undefined) {
      k = bucketOfNode(world, g.ids, j, view);
      buckets.set(j, k);
    }
    return k;
  };
  // Without notes and joint control records, an asset whose ultimate single controller has no
  // equal partners has one leaf, that controller, whole: its chain is walked only for its row.
  const plain = cc.notes.size === 0 && cc.jointRecord.size === 0;
  const rowOf = (r: CountedRow, ctl: NodeControl, df: DeFactoPlacement | undefined): AssetRow => {
    const { i, id: assetId } = r;
    const hasOwners = (g.ownedStart[i + 1] ?? 0) > (g.ownedStart[i] ?? 0);
    const controllers: AssetController[] = ctl.leaves.map((l) => {
      const id = g.ids[l.index] as string;
      return {
        id,
        name: nameOfNode(l.index),
        country: l.index === i ? (hasOwners ? NO_MAJORITY : UNKNOWN) : bucketOf(l.index),
        share: l.share,
        joint: l.joint,
        chain: l.chain,
      };
    });
    const first = controllers[0] as AssetController;
    const controllerBucket = [...new Set(controllers.map((c) => c.country))].sort().join("+");
    const dfBucket = df ? `armed-group:${df.controller}` : controllerBucket;
    const out0 = r.outs[0] as AssetOutput;
    const { records, sources } = recordsAndSources(r.outs);
    const name = r.name ?? (cols as AssetColumns).name(r.k);
    return {
      id: assetId,
      name,
      tonnes: r.tonnes,
      basis: out0.basis,
      periods: out0.periods,
      records,
      ...(out0.joint ? { joint: out0.joint } : {}),
      country: r.country,
      controller: first.id as EntityId,
      controllerName: first.id === assetId ? name : first.name,
      controllerCountry: controllerBucket,
      controlChain: first.chain,
      controlBasis: ctl.basis,
      controllers,
      controlSteps: ctl.steps,
      deFacto: dfBucket,
      ...(df
        ? { deFactoBy: df }
        : held
          ? partlyHeldOf(world, cols ? cols.record(r.k) : (world.assets.get(assetId) as Asset))
          : {}),
      sources,
    };
  };
  // One counted asset's share `share` controlled by node `index` (its own node: no majority
  // owner, or no owner), tallied in the consolidated and de facto views.
  const tally = (
    i: number,
    hasOwners: boolean,
    tonnes: number,
    df: DeFactoPlacement | undefined,
    index: number,
    share: number,
    joint: boolean,
  ): void => {
    const country = index === i ? (hasOwners ? NO_MAJORITY : UNKNOWN) : bucketOf(index);
    const x = tonnes * share;
    add(out.consolidated, country, x);
    if (joint) add(out.consolidatedJoint, country, x);
    if (!df) {
      add(out.deFacto, country, x);
      if (joint) add(out.deFactoJoint, country, x);
    }
    out.controlledBy[index] = (out.controlledBy[index] ?? 0) + x;
    if (joint) out.controlledJointly[index] = (out.controlledJointly[index] ?? 0) + x;
  };
  for (const { asset: assetId, i, outs } of outputsByNode(g, b.outputs)) {
    const k = cols ? assetRowOfNode(cols, g.ids, i) : -1;
    // With columns, the name is read only for the rows made (no record, no object per asset).
    let country: string;
    let name: string | undefined;
    if (cols) {
      if (k < 0) continue;
      country = cols.country(k);
    } else {
      const a = world.assets.get(assetId);
      if (!a) continue;
      country = a.country;
      name = a.name;
    }
    let tonnes = 0;
    for (const o of outs) tonnes += o.tonnes;
    const top = cc.ultimate[i] ?? i;
    // The whole chain only where joint control or a note may be on it.
    const ctl =
      plain && equalPartnersOf(world, g, top, cc.threshold) === null
        ? null
        : controlOf(world, g, cc, i, steps);
    if (ctl) for (const t of ctl.notes) out.controlNotes.add(t);
    const hasOwners = (g.ownedStart[i + 1] ?? 0) > (g.ownedStart[i] ?? 0);
    const df = held ? deFactoControllerOf(world, assetId) : undefined;
    add(out.location, groupedCountry(country, view), tonnes);
    let jointly = false;
    if (ctl)
      for (const l of ctl.leaves) {
        tally(i, hasOwners, tonnes, df, l.index, l.share, l.joint);
        if (l.joint) jointly = true;
      }
    else tally(i, hasOwners, tonnes, df, top, 1, false);
    if (df) add(out.deFacto, `armed-group:${df.controller}`, tonnes);
    const out0 = outs[0] as AssetOutput;
    const r: CountedRow = {
      id: assetId,
      i,
      k,
      country,
      tonnes,
      outs,
      basis: out0.basis,
      periods: out0.periods,
      records: recordsOf(outs),
    };
    if (name !== undefined) r.name = name;
    if (out0.joint) r.joint = out0.joint;
    // The notes read the rows of held and jointly controlled assets.
    if (held || jointly) r.row = rowOf(r, ctl ?? controlOf(world, g, cc, i, steps), df);
    out.counted.push(r);
  }
  out.counted.sort((a, b) => b.tonnes - a.tonnes);
  const made = Math.min(listed, out.counted.length);
  for (let n = 0; n < out.counted.length; n++) {
    const r = out.counted[n] as CountedRow;
    // Held rows were all made above.
    if (n < made && !r.row) r.row = rowOf(r, controlOf(world, g, cc, r.i, steps), undefined);
    if (n < made) out.assets.push(r.row as AssetRow);
    if (r.row && (held || r.row.controllers.some((c) => c.joint))) out.noted.push(r.row);
  }
  return out;
}

/** The country rows, largest attributable first, with the residual rows on the national basis. */
function countryRows(world: World, b: ReportBasis, a: Attributable, c: ControlView): CountryRow[] {
  const { denominator, residual, view, cov } = b;
  const { preferred, lo, hi } = a;
  const { location, consolidated, consolidatedJoint, deFacto, deFactoJoint } = c;
  const share = (x: number) => (denominator > 0 ? x / denominator : 0);
  const keys = new Set<BucketKey>([
    ...location.keys(),
    ...preferred.tally.keys(),
    ...consolidated.keys(),
    ...deFacto.keys(),
    ...hi.keys(),
  ]);
  const byCountry: CountryRow[] = [...keys]
    .map((k) => ({
      country: k,
      name: bucketName(world, k),
      locationShare: share(location.get(k) ?? 0),
      attributableShare: share(preferred.tally.get(k) ?? 0),
      attributableMin: share(Math.min(lo.get(k) ?? 0, preferred.tally.get(k) ?? 0)),
      attributableMax: share(Math.max(hi.get(k) ?? 0, preferred.tally.get(k) ?? 0)),
      consolidatedShare: share(consolidated.get(k) ?? 0),
      consolidatedJointShare: share(consolidatedJoint.get(k) ?? 0),
      deFactoShare: share(deFacto.get(k) ?? 0),
      deFactoJointShare: share(deFactoJoint.get(k) ?? 0),
      locationTonnes: location.get(k) ?? 0,
      attributableTonnes: preferred.tally.get(k) ?? 0,
      consolidatedTonnes: consolidated.get(k) ?? 0,
      consolidatedJointTonnes: consolidatedJoint.get(k) ?? 0,
      deFactoTonnes: deFacto.get(k) ?? 0,
      deFactoJointTonnes: deFactoJoint.get(k) ?? 0,
    }))
    .filter(
      (r) =>
        r.locationTonnes +
          r.attributableTonnes +
          r.consolidatedTonnes +
          r.deFactoTonnes +
          r.attributableMax >
        1e-9,
    )
    .sort(
      (a, b) =>
        b.attributableTonnes - a.attributableTonnes ||
        b.consolidatedTonnes - a.consolidatedTonnes ||
        a.country.localeCompare(b.country),
    );

  // The national output no recorded asset accounts for: a row with no owner and no country.
  // Its location is known when the total is one country's: there, not in the row.
  const residualHome =
    cov.countries.length === 1 ? groupedCountry(cov.countries[0] as string, view) : null;
  if (residual > 0 && residualHome !== null) {
    const home = byCountry.find((r) => r.country === residualHome);
    if (home) {
      home.locationTonnes += residual;
      home.locationShare = share(home.locationTonnes);
    } else
      byCountry.push({
        country: residualHome,
        name: bucketName(world, residualHome),
        locationShare: share(residual),
        attributableShare: 0,
        attributableMin: 0,
        attributableMax: 0,
        consolidatedShare: 0,
        deFactoShare: 0,
        locationTonnes: residual,
        attributableTonnes: 0,
        consolidatedTonnes: 0,
        deFactoTonnes: 0,
        consolidatedJointShare: 0,
        deFactoJointShare: 0,
        consolidatedJointTonnes: 0,
        deFactoJointTonnes: 0,
      });
  }
  if (residual > 0)
    byCountry.push({
      country: NOT_ON_RECORDED_ASSET,
      name: bucketName(world, NOT_ON_RECORDED_ASSET),
      locationShare: residualHome !== null ? 0 : share(residual),
      attributableShare: share(residual),
      attributableMin: share(residual),
      attributableMax: share(residual),
      consolidatedShare: share(residual),
      deFactoShare: share(residual),
      locationTonnes: residualHome !== null ? 0 : residual,
      attributableTonnes: residual,
      consolidatedTonnes: residual,
      deFactoTonnes: residual,
      consolidatedJointShare: 0,
      deFactoJointShare: 0,
      consolidatedJointTonnes: 0,
      deFactoJointTonnes: 0,
    });
  return byCountry;
}

/**
 * The first `listed` of `nodes` by `v`, largest first, ties by id: those at or above the
 * `listed`-th largest value sorted (at scale a thousand of a third of a million; the values
 * alone sorted as numbers to find it).
 */
function largestOf(
  nodes: number[],
  v: ArrayLike<number>,
  ids: readonly string[],
  listed: number,
): number[] {
  const value = (j: number) => v[j] ?? 0;
  let keep = nodes;
  if (nodes.length > listed) {
    const values = Float64Array.from(nodes, value).sort();
    const cut = values[values.length - listed] as number;
    // NaN sorts last: then every node is sorted, as before.
    if (!Number.isNaN(values[values.length - 1] as number))
      keep = nodes.filter((j) => value(j) >= cut);
  }
  keep.sort((x, y) => value(y) - value(x) || (ids[x] as string).localeCompare(ids[y] as string));
  return keep.length > listed ? keep.slice(0, listed) : keep;
}

/**
 * The companies with attributable or controlled tonnes, largest attributable first: the first
 * `listed` made rows, and how many there are. Read node by node: an entity without either, or
 * not listed, is never made a record (at scale, most of a register).
 */
function companyRows(
  world: World,
  b: ReportBasis,
  a: Attributable,
  c: ControlView,
  listed: number,
): { rows: CompanyRow[]; count: number } {
  const { g, view, denominator } = b;
  const { preferred, companyLo, companyHi } = a;
  const share = (x: number) => (denominator > 0 ? x / denominator : 0);
  // Name, kind and country of incorporation read from the columns when the world has them.
  const cols = view.countryBasis === "headquarters" ? undefined : entityColumnsOf(world);
  // The companies' nodes and their rows in the columns (−1 without columns).
  const nodes: number[] = [];
  const rowsIn = new Int32Array(cols ? g.n : 0);
  for (let j = 0; j < g.n; j++) {
    const v = preferred.v[j] ?? 0;
    const ctl = c.controlledBy[j] ?? 0;
    if (v < 1e-9 && ctl < 1e-9) continue;
    if (cols) {
      const k = entityRowOfNode(cols, g.ids, j);
      if (k < 0) continue;
      rowsIn[j] = k;
    } else if (!world.entities.has(g.ids[j] as EntityId)) continue;
    nodes.push(j);
  }
  const v = preferred.v;
  const rows: CompanyRow[] = [];
  for (const j of largestOf(nodes, v, g.ids, listed)) {
    const x = v[j] ?? 0;
    const ctl = c.controlledBy[j] ?? 0;
    let e: Pick<Entity, "id" | "name" | "kind"> & { country: string | null };
    if (cols) {
      const k = rowsIn[j] as number;
      e = {
        id: g.ids[j] as EntityId,
        name: cols.name(k),
        kind: cols.kind(k),
        country: cols.country(k),
      };
    } else {
      const r = world.entities.get(g.ids[j] as EntityId) as Entity;
      e = { id: r.id, name: r.name, kind: r.kind, country: countryOfEntity(r, view) };
    }
    rows.push({
      id: e.id,
      name: e.name,
      country: e.country,
      kind: e.kind,
      attributableTonnes: x,
      attributableMin: Math.min(companyLo[j] ?? x, x),
      attributableMax: Math.max(companyHi[j] ?? x, x),
      attributableShare: share(x),
      ultimateTonnes: (g.colSum[j] ?? 0) > 0 ? 0 : (preferred.r[j] ?? 0),
      consolidatedTonnes: ctl,
      consolidatedShare: share(ctl),
      consolidatedJointTonnes: c.controlledJointly[j] ?? 0,
    });
  }
  return { rows, count: nodes.length };
}

/** The assets counted for nothing, with who holds their ground if anyone does. */
function missingAssetRows(world: World, missing: ReportBasis["missing"]): MissingAsset[] {
  return missing.map((m) => {
    const df = deFactoControllerOf(world, m.asset);
    const asset = world.assets.get(m.asset);
    return {
      ...m,
      name: asset?.name ?? m.asset,
      ...(df ? { deFactoBy: df } : asset ? partlyHeldOf(world, asset) : {}),
    };
  });
}

/** The report's notes: what the shares are of, the country view, held and joint assets, gaps. */
function reportNotes(
  world: World,
  opts: ControlReportOptions,
  b: ReportBasis,
  a: Attributable,
  c: ControlView,
  missingRows: readonly MissingAsset[],
): string[] {
  const { periodChoice, cov, year, total, residual, missing, plantsWithoutFigure } = b;
  // The rows of held and jointly controlled assets; every counted asset's basis and joint figure.
  const { noted: assets, counted } = c;
  const notes: string[] = [];
  if (periodChoice.label !== null) notes.push(periodChoice.label);
  const where = cov.countries.map((k) => bucketName(world, k)).join(" + ");
  if (cov.basis === "national" && cov.nationalTonnes !== null)
    notes.push(
      `Shares are of ${where}'s ${opts.commodity} mine production in ${year}, ${tonnesText(cov.nationalTonnes)} t (${cov.sources.join(", ")}): the recorded assets hold ${tonnesText(total)} t (${pctText(cov.share ?? 0)})${residual > 0 ? `; ${tonnesText(residual)} t is not on a recorded asset (artisanal and unlisted output), a row with no owner and no country, which the HHI counts for no one (a lower bound)` : ""}`,
    );
  else if (cov.basis === "recorded" && cov.requestedBasis === "recorded")
    notes.push(
      `Shares are of the ${tonnesText(total)} t on recorded assets (basis recorded)${cov.share !== null ? `, ${pctText(cov.share)} of ${where}'s national total of ${tonnesText(cov.nationalTonnes ?? 0)} t` : ""}`,
    );
  if (cov.note !== null) notes.push(cov.note);
  notes.push(...countryViewNotes(world, b.g, a.preferred.r, c.controlledBy, b.view, b.denominator));
  const heldMissing = missingRows.filter((m) => m.deFactoBy);
  if (heldMissing.length > 0)
    notes.push(
      `Held by an armed group on ${world.asOf} but without a ${opts.commodity} figure for ${year}, so not in the shares: ${heldMissing
        .map(
          (m) =>
            `${m.name} (${bucketName(world, `armed-group:${m.deFactoBy?.controller}`)}, ${placementText(m.deFactoBy as DeFactoPlacement)})`,
        )
        .join("; ")}`,
    );
  const partly = [...assets, ...missingRows].filter((x) => x.partlyHeld);
  if (partly.length > 0)
    notes.push(
      `Not counted as held, though an armed group holds part of their territoire (the sources do not say the site is held; a gap): ${partly
        .map(
          (x) =>
            `${x.name} (${(x.partlyHeld ?? []).map((p) => `${p.unit} ${p.held === "town" ? "town" : "in part"}, ${p.territory}`).join("; ")})`,
        )
        .join("; ")}`,
    );
  const nearEdge = assets.filter(
    (x) => x.deFactoBy?.basis === "polygon" && (x.deFactoBy.edgeKm ?? Infinity) < NEAR_EDGE_KM,
  );
  if (nearEdge.length > 0)
    notes.push(
      `Placed in a held area by a point less than ${NEAR_EDGE_KM} km inside its boundary, within the precision of the boundary and the point: ${nearEdge.map((x) => x.name).join(", ")}`,
    );
  if (assets.some((x) => x.controllers.some((k) => k.joint)))
    notes.push(
      `Jointly controlled, each joint controller counted for an equal part (consolidated view): ${assets
        .filter((x) => x.controllers.some((k) => k.joint))
        .map((x) => `${x.name} (${x.controllers.map((k) => `${k.name}, ${k.country}`).join("; ")})`)
        .join("; ")}`,
    );
  for (const t of c.controlNotes) notes.push(t);
  if (missing.length > 0)
    notes.push(
      `${missing.length} mine(s) or tailings producing ${opts.commodity} have no usable figure for ${year} and are not counted (each is listed as not counted, with the reason)`,
    );
  if (plantsWithoutFigure > 0)
    notes.push(
      `${plantsWithoutFigure} processing plant(s) in ${where || "the country"} without a ${opts.commodity} figure for ${year} are not listed: they treat ore from the mines or bought in`,
    );
  if (counted.some((x) => x.joint))
    notes.push(
      "Some output is reported jointly for several assets and shared by stated weights; the attributable range covers every split",
    );
  if (counted.some((x) => x.basis !== "actual"))
    notes.push(
      `Some figures are ${[...new Set(counted.filter((x) => x.basis !== "actual").map((x) => x.basis))].join("/")}, not actual output`,
    );
  return notes;
}

/**
 * The stale inputs of the counted assets, and (asked with `carryForward`) the carried-forward
 * view, its carried figures added to the stale inputs and its note to `notes`.
 */
function staleAndCarried(
  world: World,
  opts: ControlReportOptions,
  b: ReportBasis,
  assets: readonly CountedAsset[],
  notes: string[],
): { staleInputs: StaleInput[]; carriedForward: CarriedForwardView | null | undefined } {
  const { year, cov } = b;
  const forYear = reportYearOf(world, b.periodChoice);
  const staleInputs = staleInputsFor(world, {
    assets,
    shareOfTonnes: b.denominator,
    forYear,
  });
  if (!opts.carryForward) return { staleInputs, carriedForward: undefined };
  const carriedForward = carriedForwardView(world, opts, b.g, year, b.counted, b.missing);
  if (carriedForward) {
    const v = carriedForward;
    for (const a of v.assets)
      staleInputs.push({
        record: a.record,
        kind: "production",
        what: `${a.name}'s ${opts.commodity} output of ${a.period} (${a.basis}), carried forward to ${year}${String(forYear) !== year ? ` and read for ${forYear}` : ""}: in the carried-forward view only, not in the headline shares`,
        date: a.period,
        usedFor: String(forYear),
        ageYears: forYear - Number(a.period.slice(0, 4)),
        assets: a.assets,
        tonnes: a.tonnes,
        share: v.shareOfTonnes > 0 ? a.tonnes / v.shareOfTonnes : null,
        view: "carried-forward",
      });
    staleInputs.sort(
      (a, b) => b.tonnes - a.tonnes || b.ageYears - a.ageYears || (a.record < b.record ? -1 : 1),
    );
    notes.push(
      `${v.label}: ${v.assets.length} producer${v.assets.length === 1 ? "" : "s"} without a ${opts.commodity} figure for ${year} counted at their last published figure (at most ${v.maxAgeYears} years old), ${tonnesText(v.carriedTonnes)} t; coverage ${v.coverage.share !== null ? pctText(v.coverage.share) : "not known"} against ${cov.share !== null ? pctText(cov.share) : "not known"} on actual figures (an assumption, not a forecast; the headline shares do not use it): ${v.assets
        .map(
          (a) =>
            `${a.name} (${a.period} ${a.basis}, ${a.ageYears} year${a.ageYears === 1 ? "" : "s"} old)`,
        )
        .join("; ")}`,
    );
  }
  return { staleInputs, carriedForward };
}

/**
 * Builds the control report for one commodity and period of a world, in phases: the period and
 * its outputs (`reportBasis`), the attributable view, the control views asset by asset, the
 * country and company rows, the notes, the stale inputs and the carried-forward view.
 */
export function controlReportFor(world: World, opts: ControlReportOptions): ControlReport {
  const b = reportBasis(world, opts);
  const a = attributableView(world, b);
  const limit = opts.listed ?? Number.POSITIVE_INFINITY;
  const c = controlView(world, b, limit);
  const byCountry = countryRows(world, b, a, c);
  const companies = companyRows(world, b, a, c, limit);
  // Rows are left out only when there are more than `listed` of either list: then both stop there.
  const cut = companies.count > limit || c.counted.length > limit;
  const byCompany = companies.rows;
  const reference = world.countryProduction
    .filter((x) => x.commodity === opts.commodity && x.year === Number(b.year.slice(0, 4)))
    .map((x) => ({
      country: x.country,
      year: x.year,
      tonnes: x.tonnes,
      stage: x.stage,
      sources: x.sources,
    }));
  const missingRows = missingAssetRows(world, b.missing);
  const notes = reportNotes(world, opts, b, a, c, missingRows);
  const { staleInputs, carriedForward } = staleAndCarried(world, opts, b, c.counted, notes);
  const hhiOf = (
    field: "locationShare" | "attributableShare" | "consolidatedShare" | "deFactoShare",
  ) => hhiFrom(byCountry.filter((r) => isConcentrationBucket(r.country)).map((r) => r[field]));

  return {
    commodity: opts.commodity,
    asOf: world.asOf,
    period: b.year,
    basis: b.cov.basis,
    countryView: {
      countryBasis: b.view.countryBasis ?? "incorporation",
      ...(b.view.group !== undefined ? { group: b.view.group } : {}),
    },
    periodChoice: b.periodChoice,
    controlThreshold: b.threshold,
    totalTonnes: b.total,
    shareOfTonnes: b.denominator,
    byCountry,
    byCompany,
    hhi: {
      location: hhiOf("locationShare"),
      attributable: hhiOf("attributableShare"),
      consolidated: hhiOf("consolidatedShare"),
      deFacto: hhiOf("deFactoShare"),
    },
    assets: c.assets,
    coverage: {
      ...b.cov,
      assetsWithFigures: c.counted.length,
      missing: missingRows,
      reference,
    },
    staleInputs,
    ...(carriedForward !== undefined ? { carriedForward } : {}),
    notes,
    ...(cut
      ? { listed: { rows: limit, companies: companies.count, assets: c.counted.length } }
      : {}),
  };
}

/**
 * The carried-forward view of a report: the same report on the world with the missing
 * producers' last published figures copied into `year`, reduced to its coverage and country
 * rows. Null when the period is not a whole year, is counted from capacity, or nothing is carried.
 */
function carriedForwardView(
  world: World,
  opts: ControlReportOptions,
  g: OwnershipGraph,
  year: string,
  counted: readonly ProductionBasis[],
  missing: readonly { asset: AssetId }[],
): CarriedForwardView | null {
  if (!/^\d{4}$/.test(year) || counted.includes("capacity") || !counted.includes("estimate"))
    return null;
  const gaps = new Set<string>(missing.map((m) => m.asset));
  // Only figures whose every asset is a gap are carried: none without a gap.
  if (gaps.size === 0) return null;
  const carry = carriedProduction(world, [year], new Set([opts.commodity]), {
    unknownIsGap: true,
  });
  const keep = new Set(
    carry.carried.filter((c) => c.assets.every((a) => gaps.has(a))).map((c) => c.record as string),
  );
  if (keep.size === 0) return null;
  const carried = carry.carried.filter((c) => keep.has(c.record));
  const copies = carry.production.filter((p) => keep.has(p.id));
  const byId = new Map(world.production.map((p) => [p.id as string, p]));
  const r = controlReportFor(
    { ...world, production: [...world.production, ...copies] },
    {
      ...opts,
      period: year,
      fallBack: false,
      bases: counted.filter((b) => b !== "capacity"),
      carryForward: false,
      graph: g,
    },
  );
  return {
    label: CARRIED_FORWARD_LABEL,
    maxAgeYears: CARRY_MAX_AGE_YEARS,
    assets: carried
      .map((c) => ({
        assets: c.assets,
        name: c.assets.map((a) => world.assets.get(a)?.name ?? a).join(" + "),
        tonnes: c.tonnes,
        period: c.fromPeriod,
        basis: c.fromBasis,
        ageYears: c.ageYears,
        record: c.from,
        sources: [...(byId.get(c.from)?.sources ?? [])],
      }))
      .sort((a, b) => b.tonnes - a.tonnes || (a.record < b.record ? -1 : 1)),
    carriedTonnes: carried.reduce((t, c) => t + c.tonnes, 0),
    coverage: (({ assetsWithFigures: _a, missing: _m, reference: _r, ...c }) => c)(r.coverage),
    shareOfTonnes: r.shareOfTonnes,
    byCountry: r.byCountry,
    hhi: r.hhi,
  };
}

/** The year a report stands for: the period asked for, else the as-of date's year. */
export function reportYearOf(world: World, choice: PeriodChoice): number {
  return Number(
    (choice.requested ?? (choice.how === "requested" ? choice.period : world.asOf)).slice(0, 4),
  );
}
