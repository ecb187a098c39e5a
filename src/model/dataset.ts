/**
 * A dataset is every record of every kind, before it is folded into a `World` at a date.
 * `RECORD_KINDS` maps each kind to its schema: the io layer reads files by it, and the ledger
 * stores records by it.
 */
import type { z } from "zod";
import { type Asset, assetSchema } from "./asset.js";
import { type ControlAgreement, controlAgreementSchema } from "./control-agreement.js";
import { type CorridorTarget, corridorTargetSchema } from "./corridor-target.js";
import { type CountryProduction, countryProductionSchema } from "./country-production.js";
import {
  REFERENCING_KINDS,
  type ReferenceTarget,
  referencesOf,
  unknownReferenceMessage,
} from "./dataset-references.js";
import { isValidOn } from "./dates.js";
import { type Deal, dealSchema } from "./deal.js";
import { type Demand, demandSchema } from "./demand.js";
import { type Entity, entitySchema } from "./entity.js";
import type { Issue } from "./errors.js";
import { type IndirectInterest, indirectInterestSchema } from "./indirect-interest.js";
import { type Offtake, offtakeSchema } from "./offtake.js";
import { type Price, priceSchema } from "./price.js";
import { type Production, productionSchema } from "./production.js";
import { type RouteLeg, type RouteNode, routeLegSchema, routeNodeSchema } from "./route.js";
import { type Source, sourceSchema } from "./source.js";
import { type Stake, stakeSchema } from "./stake.js";
import {
  type Stockpile,
  type StockpileMovement,
  stockpileMovementSchema,
  stockpileSchema,
} from "./stockpile.js";
import { type TerritoryControl, territoryControlSchema } from "./territory.js";
import { type TradeFlow, tradeFlowSchema } from "./trade-flow.js";
import { type TradeRule, tradeRuleSchema } from "./trade-rule.js";
import { type TransportRate, transportRateSchema } from "./transport-rate.js";

export const RECORD_SCHEMAS = {
  sources: sourceSchema,
  entities: entitySchema,
  assets: assetSchema,
  stakes: stakeSchema,
  production: productionSchema,
  offtakes: offtakeSchema,
  tradeRules: tradeRuleSchema,
  routeNodes: routeNodeSchema,
  routeLegs: routeLegSchema,
  stockpiles: stockpileSchema,
  stockpileMovements: stockpileMovementSchema,
  demand: demandSchema,
  prices: priceSchema,
  deals: dealSchema,
  territories: territoryControlSchema,
  countryProduction: countryProductionSchema,
  controlAgreements: controlAgreementSchema,
  tradeFlows: tradeFlowSchema,
  indirectInterests: indirectInterestSchema,
  transportRates: transportRateSchema,
  corridorTargets: corridorTargetSchema,
} as const satisfies Record<string, z.ZodType>;

export type RecordKind = keyof typeof RECORD_SCHEMAS;
export const RECORD_KINDS = Object.keys(RECORD_SCHEMAS) as RecordKind[];

export interface Dataset {
  sources: Source[];
  entities: Entity[];
  assets: Asset[];
  stakes: Stake[];
  production: Production[];
  offtakes: Offtake[];
  tradeRules: TradeRule[];
  routeNodes: RouteNode[];
  routeLegs: RouteLeg[];
  stockpiles: Stockpile[];
  stockpileMovements: StockpileMovement[];
  demand: Demand[];
  prices: Price[];
  deals: Deal[];
  territories: TerritoryControl[];
  countryProduction: CountryProduction[];
  controlAgreements: ControlAgreement[];
  tradeFlows: TradeFlow[];
  indirectInterests: IndirectInterest[];
  transportRates: TransportRate[];
  corridorTargets: CorridorTarget[];
}

export type RecordOf<K extends RecordKind> = Dataset[K][number];

/** An empty dataset, to fill. */
export function emptyDataset(): Dataset {
  return Object.fromEntries(RECORD_KINDS.map((k) => [k, []])) as unknown as Dataset;
}

/** True when `s` names a record kind. */
export function isRecordKind(s: string): s is RecordKind {
  return Object.hasOwn(RECORD_SCHEMAS, s);
}

/**
 * Every cross-reference problem in a dataset, all at once: duplicate ids, sources that do not
 * exist, stakes and offtakes naming unknown entities or assets, shares in one owned node that
 * add up to more than 1.
 */
export function datasetIssues(ds: Dataset): Issue[] {
  const issues: Issue[] = [];
  const sourceIds = new Set(ds.sources.map((s) => s.id as string));
  const entityIds = new Set(ds.entities.map((e) => e.id as string));
  const assetIds = new Set(ds.assets.map((a) => a.id as string));
  const nodeIds = new Set(ds.routeNodes.map((n) => n.id as string));
  const stockpileIds = new Set(ds.stockpiles.map((s) => s.id as string));

  for (const kind of RECORD_KINDS) {
    const seen = new Set<string>();
    for (const r of ds[kind] as { id: string }[]) {
      if (seen.has(r.id))
        issues.push({
          record: `${kind} ${r.id}`,
          path: ["id"],
          message: `Duplicate id ${r.id} in ${kind}`,
        });
      seen.add(r.id);
    }
  }
  for (const id of entityIds) {
    if (assetIds.has(id))
      issues.push({
        record: `assets ${id}`,
        path: ["id"],
        message: `Id ${id} is both an entity and an asset: ids must be unique across both`,
      });
  }

  const checkSources = (
    kind: RecordKind,
    id: string,
    list: readonly string[] | undefined,
    path: (string | number)[],
  ) => {
    for (const [i, s] of (list ?? []).entries()) {
      if (!sourceIds.has(s))
        issues.push({
          record: `${kind} ${id}`,
          path: [...path, i],
          message: `Unknown source ${s}: add it to sources`,
        });
    }
  };
  for (const kind of RECORD_KINDS) {
    if (kind === "sources") continue;
    for (const r of ds[kind] as {
      id: string;
      sources: string[];
      alternatives?: { sources: string[] }[];
    }[]) {
      checkSources(kind, r.id, r.sources, ["sources"]);
      for (const [i, alt] of (r.alternatives ?? []).entries())
        checkSources(kind, r.id, alt.sources, ["alternatives", i, "sources"]);
    }
  }
  for (const d of ds.deals)
    for (const [i, h] of d.statusHistory.entries())
      checkSources("deals", d.id, h.sources, ["statusHistory", i, "sources"]);

  const isNode = (id: string) => entityIds.has(id) || assetIds.has(id);
  const need = (ok: boolean, record: string, path: (string | number)[], message: string) => {
    if (!ok) issues.push({ record, path, message });
  };

  const byOwned = new Map<string, typeof ds.stakes>();
  for (const s of ds.stakes) {
    const rec = `stakes ${s.id}`;
    need(
      entityIds.has(s.owner),
      rec,
      ["owner"],
      `Unknown entity ${s.owner}: owners must be entities`,
    );
    need(isNode(s.owned), rec, ["owned"], `Unknown entity or asset ${s.owned}`);
    const list = byOwned.get(s.owned);
    if (list) list.push(s);
    else byOwned.set(s.owned, [s]);
  }
  // Stakes in one node must not add up to more than 100% on any day: check every day a stake
  // starts (the sum can only rise then), and the open past before the first start.
  for (const [owned, stakes] of byOwned) {
    const days = new Set<string>(["0000-01-01"]);
    for (const s of stakes) if (s.validFrom) days.add(s.validFrom);
    for (const day of [...days].sort()) {
      const live = stakes.filter((s) => isValidOn(day, s.validFrom, s.validTo));
      const total = live.reduce((t, s) => t + s.share, 0);
      if (total > 1 + 1e-9) {
        const first = live[live.length - 1];
        issues.push({
          record: `stakes ${first?.id ?? owned}`,
          path: ["share"],
          message: `Stakes in ${owned} add up to ${(total * 100).toFixed(2)}%, more than 100%${day === "0000-01-01" ? "" : ` on ${day}`} (${live.map((s) => s.id).join(", ")})`,
        });
        break;
      }
    }
  }
  // What a territory adds to its references: its boundaries' sources and its dates in order.
  const territoryRules = (t: TerritoryControl) => {
    if (t.boundary) checkSources("territories", t.id, t.boundary.sources, ["boundary", "sources"]);
    for (const [i, u] of (t.extent ?? []).entries())
      if (u.boundary)
        checkSources("territories", t.id, u.boundary.sources, ["extent", i, "boundary", "sources"]);
    if (t.validTo !== undefined)
      need(
        t.validTo >= t.validFrom,
        `territories ${t.id}`,
        ["validTo"],
        `validTo ${t.validTo} is before validFrom ${t.validFrom}`,
      );
  };
  // Every other reference, by the one table the ledger's streaming checker reads too.
  const known: Record<ReferenceTarget, (id: string) => boolean> = {
    entity: (id) => entityIds.has(id),
    asset: (id) => assetIds.has(id),
    node: isNode,
    routeNode: (id) => nodeIds.has(id),
    stockpile: (id) => stockpileIds.has(id),
  };
  for (const kind of REFERENCING_KINDS)
    for (const r of ds[kind] as { id: string }[]) {
      const rec = `${kind} ${r.id}`;
      for (const x of referencesOf(kind, r))
        need(known[x.target](x.id), rec, x.path, unknownReferenceMessage(x));
      if (kind === "territories") territoryRules(r as TerritoryControl);
    }
  return issues;
}
