/**
 * Why a country (or bucket) has its share of a commodity: asset by asset, the tonnes that reach
 * it in the chosen view and the ownership or control chains that carry them, largest first.
 */
import { OrebookError } from "../../model/errors.js";
import type { AssetId } from "../../model/ids.js";
import type { World } from "../../model/world.js";
import {
  type BucketKey,
  bucketKeyOf,
  bucketName,
  bucketOfEntity,
  type CountryView,
  groupedCountry,
  NOT_ON_RECORDED_ASSET,
  UNKNOWN,
} from "../common/index.js";
import type { ControlBasisKind, ControlStep } from "./consolidated-control.js";
import {
  type AssetController,
  type AssetRow,
  type ControlReport,
  type ControlReportOptions,
  controlReportFor,
} from "./control-report.js";
import { type DeFactoPlacement, placementText } from "./de-facto.js";
import { ultimateOwnersOf } from "./look-through.js";
import { ownershipPathsFrom } from "./ownership-paths.js";
import { ownershipGraphOf } from "./world-graph.js";

export const VIEWS = ["attributable", "consolidated", "deFacto", "location"] as const;
export type View = (typeof VIEWS)[number];

export interface ExplainPath {
  /** Names from the asset up to the owner, e.g. ["Kisanfu", "KFM Holding", "CMOC", "CATL"]. */
  chain: string[];
  ids: string[];
  shares: number[];
  share: number;
  tonnes: number;
  /** Links of the chain whose share is derived from a declared indirect interest, and how. */
  declared?: string[];
}

export interface ExplainRow {
  asset: AssetId;
  name: string;
  assetTonnes: number;
  /** The fraction of the asset's output counted for the bucket. */
  share: number;
  tonnes: number;
  /** Why: ownership paths (attributable), the control chain (consolidated), the territory (de facto). */
  reason: string;
  paths: ExplainPath[];
  /**
   * De facto view: the sources of the territory record (and boundary) that place the asset;
   * consolidated view: those of the control records and stakes along the chain.
   */
  sources?: string[];
  /** Consolidated view: how control is held (its basis) and every link with its own. */
  control?: { basis: ControlBasisKind | null; steps: ControlStep[] };
}

export interface Explanation {
  commodity: string;
  asOf: string;
  period: string;
  view: View;
  country: BucketKey;
  name: string;
  tonnes: number;
  /** Of `shareOfTonnes`: the national output by default, else the recorded tonnes. */
  share: number;
  /** Tonnes on recorded assets. */
  totalTonnes: number;
  shareOfTonnes: number;
  basis: ControlReport["basis"];
  rows: ExplainRow[];
  report: Pick<ControlReport, "hhi" | "notes" | "periodChoice" | "coverage">;
  /** The report's stale inputs that bear on the assets explained (stale-inputs.ts). */
  staleInputs: ControlReport["staleInputs"];
}

/**
 * The links of a chain (ids from the asset up to the owner) whose stake is derived from a
 * declared indirect interest: "Person 1 → Company B: Derived from the declared …".
 */
function declaredLinks(world: World, ids: string[]): string[] {
  const out: string[] = [];
  const name = (id: string) => world.entities.get(id)?.name ?? world.assets.get(id)?.name ?? id;
  for (let k = 0; k + 1 < ids.length; k++) {
    const owned = ids[k] as string;
    const owner = ids[k + 1] as string;
    for (const s of world.stakes)
      if (s.derivedFrom !== undefined && s.owner === owner && s.owned === owned)
        out.push(`${name(owner)} → ${name(owned)}: ${s.note ?? `derived from ${s.derivedFrom}`}`);
  }
  return out;
}

const LINK: Record<ControlBasisKind, string> = {
  agreement: "by agreement",
  operator: "as operator",
  majority: "by majority",
  joint: "jointly",
};

const pctText = (x: number) => `${(x * 100).toFixed(1).replace(/\.0$/, "")}%`;

/**
 * "joint control: Kamoa-Kakula ← [majority 100%] Kamoa Copper SA ← [majority 80%] Kamoa Holding
 * Ltd ← [jointly, ctrl-kamoa-holding-joint with Zijin Mining Group] Ivanhoe Mines (joint: 50% of
 * the asset)".
 */
function controlReason(world: World, a: AssetRow, mine: AssetController[]): string {
  const name = (id: string) => world.entities.get(id)?.name ?? world.assets.get(id)?.name ?? id;
  if (a.controlBasis === null)
    return a.controllers[0]?.country === UNKNOWN
      ? "no recorded owner"
      : "no controller: no agreement, majority or joint control";
  const stepOf = new Map(a.controlSteps.map((s) => [s.node, s]));
  const chains = mine.map((c) => {
    const parts = [name(c.chain[0] as string)];
    for (let k = 0; k + 1 < c.chain.length; k++) {
      const st = stepOf.get(c.chain[k] as string);
      const how = !st
        ? ""
        : st.basis === "majority"
          ? `majority ${pctText(st.shares?.[0] ?? 0)}`
          : `${LINK[st.basis]}${st.record ? `, ${st.record}` : st.basis === "joint" ? `, each needed for a majority (${(st.shares ?? []).map(pctText).join(", ")})` : ""}${
              st.by.length > 1
                ? ` with ${st.by
                    .filter((b) => b !== c.chain[k + 1])
                    .map(name)
                    .join(", ")}`
                : ""
            }`;
      parts.push(`${how ? `[${how}] ` : ""}${name(c.chain[k + 1] as string)}`);
    }
    return `${parts.join(" ← ")}${c.joint ? ` (joint: ${pctText(c.share)} of the asset)` : ""}`;
  });
  return `${a.controlBasis} control: ${chains.join("; ")}`;
}

/** Explains one bucket's figure in one view. */
export function explanationFor(
  world: World,
  opts: ControlReportOptions & { country: string; view?: View; maxPaths?: number },
): Explanation {
  const view = opts.view ?? "attributable";
  const g = opts.graph ?? ownershipGraphOf(world);
  const report = controlReportFor(world, { ...opts, graph: g });
  const cv: CountryView = report.countryView;
  const key = bucketKeyOf(opts.country, cv);
  const known = new Set(report.byCountry.map((r) => r.country));
  if (!known.has(key)) {
    const list = report.byCountry.map((r) => r.country).join(", ");
    throw new OrebookError(
      "NOT_FOUND",
      `${key} has no share of ${opts.commodity} in ${report.period}: the countries with a share are ${list}`,
    );
  }
  const nameOf = (i: number) => {
    const id = g.ids[i] as string;
    return world.entities.get(id)?.name ?? world.assets.get(id)?.name ?? id;
  };
  const rows: ExplainRow[] = [];
  for (const a of report.assets) {
    const i = g.indexOf.get(a.id);
    if (i === undefined) continue;
    if (view === "attributable") {
      let s = 0;
      for (const o of ultimateOwnersOf(g, i)) {
        const b =
          (g.colSum[o.index] ?? 0) > 0
            ? UNKNOWN
            : bucketOfEntity(world, g.ids[o.index] as string, cv);
        if (b === key) s += o.share;
      }
      if (s <= 1e-12) continue;
      const paths = ownershipPathsFrom(g, i, { minShare: 1e-5 })
        .filter((p) => {
          const end = p.nodes[p.nodes.length - 1] as number;
          const b =
            p.end === "remainder" ? UNKNOWN : bucketOfEntity(world, g.ids[end] as string, cv);
          return b === key;
        })
        .slice(0, opts.maxPaths ?? 5)
        .map((p) => {
          const ids = p.nodes.map((n) => g.ids[n] as string);
          const path: ExplainPath = {
            chain: p.nodes
              .map(nameOf)
              .concat(p.end === "remainder" ? ["(unrecorded holders)"] : []),
            ids,
            shares: p.shares,
            share: p.share,
            tonnes: p.share * a.tonnes,
          };
          const declared = declaredLinks(world, ids);
          if (declared.length > 0) path.declared = declared;
          return path;
        });
      rows.push({
        asset: a.id,
        name: a.name,
        assetTonnes: a.tonnes,
        share: s,
        tonnes: s * a.tonnes,
        reason: "look-through ownership",
        paths,
      });
    } else if (view === "consolidated" || (view === "deFacto" && !a.deFactoBy)) {
      // Consolidated (and de facto outside held areas): the controllers in this bucket.
      const mine = a.controllers.filter((c) => c.country === key);
      const s = mine.reduce((t, c) => t + c.share, 0);
      if (s <= 1e-12) continue;
      rows.push({
        asset: a.id,
        name: a.name,
        assetTonnes: a.tonnes,
        share: s,
        tonnes: s * a.tonnes,
        reason: controlReason(world, a, mine),
        paths: [],
        control: { basis: a.controlBasis, steps: a.controlSteps },
        sources: [...new Set(a.controlSteps.flatMap((st) => st.sources ?? []))],
      });
    } else {
      const bucket = view === "location" ? groupedCountry(a.country, cv) : a.deFacto;
      if (bucket !== key) continue;
      const reason =
        view === "location"
          ? `located in ${bucketName(world, a.country)}`
          : `inside territory held by ${bucketName(world, key)}: ${placementText(a.deFactoBy as DeFactoPlacement)}`;
      rows.push({
        asset: a.id,
        name: a.name,
        assetTonnes: a.tonnes,
        share: 1,
        tonnes: a.tonnes,
        reason,
        paths: [],
        ...(view === "deFacto" && a.deFactoBy ? { sources: a.deFactoBy.sources } : {}),
      });
    }
  }
  rows.sort((x, y) => y.tonnes - x.tonnes);
  // The residual has no asset and no chain: its tonnes are the national total less the recorded.
  // In the location view the residual is its country's (the national total is where it is).
  const reportRow = report.byCountry.find((r) => r.country === key);
  const tonnes =
    view === "location"
      ? (reportRow?.locationTonnes ?? 0)
      : key === NOT_ON_RECORDED_ASSET
        ? (reportRow?.attributableTonnes ?? 0)
        : rows.reduce((s, r) => s + r.tonnes, 0);
  return {
    commodity: opts.commodity,
    asOf: world.asOf,
    period: report.period,
    view,
    country: key,
    name: bucketName(world, key),
    tonnes,
    share: report.shareOfTonnes > 0 ? tonnes / report.shareOfTonnes : 0,
    totalTonnes: report.totalTonnes,
    shareOfTonnes: report.shareOfTonnes,
    basis: report.basis,
    rows,
    staleInputs: report.staleInputs.filter((x) =>
      x.assets.some((a) => rows.some((r) => r.asset === a)),
    ),
    report: {
      hhi: report.hhi,
      notes: report.notes,
      periodChoice: report.periodChoice,
      coverage: report.coverage,
    },
  };
}
