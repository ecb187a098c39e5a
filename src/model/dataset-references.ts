/**
 * The integrity rules of references, written once: for each record kind, every id a record names
 * and what it must name (an entity, an asset, either, a route node or a stockpile). Read by both
 * checkers: `datasetIssues` (a whole dataset in memory) and the ledger's `DatasetChecker` (records
 * streamed kind by kind into the store), so the two cannot drift apart.
 */
import type { Asset } from "./asset.js";
import type { ControlAgreement } from "./control-agreement.js";
import type { CorridorTarget } from "./corridor-target.js";
import type { Deal } from "./deal.js";
import type { IndirectInterest } from "./indirect-interest.js";
import type { Offtake } from "./offtake.js";
import type { Production } from "./production.js";
import type { RouteLeg, RouteNode } from "./route.js";
import type { Stockpile, StockpileMovement } from "./stockpile.js";
import type { TerritoryControl } from "./territory.js";
import type { TradeRule } from "./trade-rule.js";

/** What a reference must name. */
export type ReferenceTarget = "entity" | "asset" | "node" | "routeNode" | "stockpile";

/** One id a record names, at its path. */
export interface Reference {
  path: (string | number)[];
  id: string;
  target: ReferenceTarget;
}

/** The kinds whose records name others (besides sources and stakes), with their record types. */
interface Referencing {
  assets: Asset;
  production: Production;
  offtakes: Offtake;
  tradeRules: TradeRule;
  routeNodes: RouteNode;
  routeLegs: RouteLeg;
  stockpiles: Stockpile;
  stockpileMovements: StockpileMovement;
  territories: TerritoryControl;
  controlAgreements: ControlAgreement;
  indirectInterests: IndirectInterest;
  deals: Deal;
  corridorTargets: CorridorTarget;
}
export type ReferencingKind = keyof Referencing;

const ref = (target: ReferenceTarget, id: string, ...path: (string | number)[]): Reference => ({
  path,
  id,
  target,
});

/** The message of a reference that names nothing of its kind. */
export function unknownReferenceMessage(r: Reference): string {
  switch (r.target) {
    case "entity":
      return `Unknown entity ${r.id}`;
    case "asset":
      return `Unknown asset ${r.id}`;
    case "node":
      return `Unknown entity or asset ${r.id}`;
    case "routeNode":
      return `Unknown route node ${r.id}`;
    case "stockpile":
      return `Unknown stockpile ${r.id}`;
  }
}

/**
 * The references of each kind checked after the stakes (stakes' owner and owned are checked with
 * their shares), in the order the problems are listed: kind by kind, record by record, rule by
 * rule.
 */
export const REFERENCE_RULES: { [K in ReferencingKind]: (r: Referencing[K]) => Reference[] } = {
  assets: (a) => (a.operator ? [ref("entity", a.operator, "operator")] : []),
  production: (p) => [
    ...(p.asset ? [ref("asset", p.asset, "asset")] : []),
    ...(p.split ?? []).map((s, i) => ref("asset", s.asset, "split", i, "asset")),
  ],
  offtakes: (o) => [
    ref("node", o.seller, "seller"),
    ref("entity", o.buyer, "buyer"),
    ...(o.term.kind === "equity-proportional" && o.term.holder
      ? [ref("entity", o.term.holder, "term", "holder")]
      : []),
  ],
  tradeRules: (r) =>
    (r.allocations ?? []).map((a, i) => ref("node", a.holder, "allocations", i, "holder")),
  routeNodes: (n) => (n.asset ? [ref("asset", n.asset, "asset")] : []),
  routeLegs: (l) => [ref("routeNode", l.from, "from"), ref("routeNode", l.to, "to")],
  stockpiles: (s) => [ref("entity", s.holder, "holder")],
  stockpileMovements: (m) => [ref("stockpile", m.stockpile, "stockpile")],
  territories: (t) => [
    ref("entity", t.controller, "controller"),
    ...t.assets.map((a, i) => ref("asset", a, "assets", i)),
  ],
  controlAgreements: (c) => [
    ref("node", c.controlled, "controlled"),
    ...c.controllers.map((e, i) => ref("entity", e, "controllers", i)),
  ],
  indirectInterests: (d) => [
    ref("entity", d.owner, "owner"),
    ref("node", d.owned, "owned"),
    ...d.components.flatMap((c, i) => [
      ref("entity", c.owner, "components", i, "owner"),
      ref("node", c.owned, "components", i, "owned"),
    ]),
  ],
  deals: (d) => [
    ...d.parties.map((p, i) => ref("entity", p.entity, "parties", i, "entity")),
    ...d.effects.flatMap((e, i) =>
      e.kind === "stake-transfer"
        ? [
            ref("entity", e.from, "effects", i, "from"),
            ref("entity", e.to, "effects", i, "to"),
            ref("node", e.owned, "effects", i, "owned"),
          ]
        : e.kind === "control-agreement"
          ? [
              ref("node", e.agreement.controlled, "effects", i, "agreement", "controlled"),
              ...e.agreement.controllers.map((c, k) =>
                ref("entity", c, "effects", i, "agreement", "controllers", k),
              ),
            ]
          : [],
    ),
  ],
  corridorTargets: (t) => [
    ...t.via.map((v, i) => ref("routeNode", v, "via", i)),
    ...(t.scope.assets ?? []).map((a, i) => ref("asset", a, "scope", "assets", i)),
  ],
};

/** The kinds the table covers, in the order their problems are listed. */
export const REFERENCING_KINDS = Object.keys(REFERENCE_RULES) as ReferencingKind[];

/** The references of one record of `kind` (a record that passed its kind's schema). */
export function referencesOf(kind: string, r: object): Reference[] {
  const rule = (REFERENCE_RULES as Record<string, ((r: object) => Reference[]) | undefined>)[kind];
  return rule ? rule(r) : [];
}
