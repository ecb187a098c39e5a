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
  for (const a of ds.assets) {
    if (a.operator)
      need(
        entityIds.has(a.operator),
        `assets ${a.id}`,
        ["operator"],
        `Unknown entity ${a.operator}`,
      );
  }
  for (const p of ds.production) {
    const rec = `production ${p.id}`;
    if (p.asset) need(assetIds.has(p.asset), rec, ["asset"], `Unknown asset ${p.asset}`);
    for (const [i, s] of (p.split ?? []).entries())
      need(assetIds.has(s.asset), rec, ["split", i, "asset"], `Unknown asset ${s.asset}`);
  }
  for (const o of ds.offtakes) {
    const rec = `offtakes ${o.id}`;
    need(isNode(o.seller), rec, ["seller"], `Unknown entity or asset ${o.seller}`);
    need(entityIds.has(o.buyer), rec, ["buyer"], `Unknown entity ${o.buyer}`);
    if (o.term.kind === "equity-proportional" && o.term.holder)
      need(
        entityIds.has(o.term.holder),
        rec,
        ["term", "holder"],
        `Unknown entity ${o.term.holder}`,
      );
  }
  for (const r of ds.tradeRules)
    for (const [i, a] of (r.allocations ?? []).entries())
      need(
        isNode(a.holder),
        `tradeRules ${r.id}`,
        ["allocations", i, "holder"],
        `Unknown entity or asset ${a.holder}`,
      );
  for (const n of ds.routeNodes)
    if (n.asset)
      need(assetIds.has(n.asset), `routeNodes ${n.id}`, ["asset"], `Unknown asset ${n.asset}`);
  for (const l of ds.routeLegs) {
    need(nodeIds.has(l.from), `routeLegs ${l.id}`, ["from"], `Unknown route node ${l.from}`);
    need(nodeIds.has(l.to), `routeLegs ${l.id}`, ["to"], `Unknown route node ${l.to}`);
  }
  for (const s of ds.stockpiles)
    need(entityIds.has(s.holder), `stockpiles ${s.id}`, ["holder"], `Unknown entity ${s.holder}`);
  for (const m of ds.stockpileMovements)
    need(
      stockpileIds.has(m.stockpile),
      `stockpileMovements ${m.id}`,
      ["stockpile"],
      `Unknown stockpile ${m.stockpile}`,
    );
  for (const t of ds.territories) {
    need(
      entityIds.has(t.controller),
      `territories ${t.id}`,
      ["controller"],
      `Unknown entity ${t.controller}`,
    );
    for (const [i, a] of t.assets.entries())
      need(assetIds.has(a), `territories ${t.id}`, ["assets", i], `Unknown asset ${a}`);
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
  }
  for (const c of ds.controlAgreements) {
    const rec = `controlAgreements ${c.id}`;
    need(isNode(c.controlled), rec, ["controlled"], `Unknown entity or asset ${c.controlled}`);
    for (const [i, e] of c.controllers.entries())
      need(entityIds.has(e), rec, ["controllers", i], `Unknown entity ${e}`);
  }
  for (const d of ds.deals) {
    const rec = `deals ${d.id}`;
    for (const [i, p] of d.parties.entries())
      need(entityIds.has(p.entity), rec, ["parties", i, "entity"], `Unknown entity ${p.entity}`);
    for (const [i, e] of d.effects.entries()) {
      if (e.kind === "stake-transfer") {
        need(entityIds.has(e.from), rec, ["effects", i, "from"], `Unknown entity ${e.from}`);
        need(entityIds.has(e.to), rec, ["effects", i, "to"], `Unknown entity ${e.to}`);
        need(isNode(e.owned), rec, ["effects", i, "owned"], `Unknown entity or asset ${e.owned}`);
      }
      if (e.kind === "control-agreement") {
        const a = e.agreement;
        need(
          isNode(a.controlled),
          rec,
          ["effects", i, "agreement", "controlled"],
          `Unknown entity or asset ${a.controlled}`,
        );
        for (const [k, c] of a.controllers.entries())
          need(
            entityIds.has(c),
            rec,
            ["effects", i, "agreement", "controllers", k],
            `Unknown entity ${c}`,
          );
      }
    }
  }
  for (const t of ds.corridorTargets ?? []) {
    const rec = `corridorTargets ${t.id}`;
    for (const [i, v] of t.via.entries())
      need(nodeIds.has(v), rec, ["via", i], `Unknown route node ${v}`);
    for (const [i, a] of (t.scope.assets ?? []).entries())
      need(assetIds.has(a), rec, ["scope", "assets", i], `Unknown asset ${a}`);
  }
  return issues;
}
