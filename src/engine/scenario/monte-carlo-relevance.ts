/**
 * Which of a scenario's changes can move a Monte Carlo metric of one commodity (US-accessible
 * supply, China's consolidated and de facto shares, the stockpile shortfall). A change that
 * cannot is drawn but never applied, so runs that differ only in it are one outcome
 * (monte-carlo.ts). The test is structural and errs towards "can": a change is inert only when
 * nothing it touches reaches the commodity's producers, whatever else a run applies.
 *
 * - a deal: inert when every effect is (obligations always are: tracked, not computed);
 * - a stake transfer or control record: inert when the node it is about owns or controls no
 *   producer of the commodity, through any stake or control record of the dataset or of any
 *   change of the scenario;
 * - an offtake, trade rule, ban, quota or demand shock: inert when it is about another commodity;
 * - an outage: inert when it is about another commodity, or an asset that does not produce it;
 * - a territory change: inert when no producer of the commodity lies in its province;
 * - route, price and budget changes: always inert (the runs do not route, and the metrics are
 *   in tonnes and shares).
 *
 * @example
 * inertChanges(dataset, scenario, "cobalt"); // [false, true, …] per change
 */
import type { Commodity } from "../../model/commodity.js";
import type { Dataset } from "../../model/dataset.js";
import type { DealEffect } from "../../model/deal.js";
import type { Scenario } from "./scenario-schema.js";

type Change = Scenario["changes"][number];

/** Per change of `scenario`: true when it cannot move a metric of `commodity`. */
export function inertChanges(
  dataset: Dataset,
  scenario: Scenario,
  commodity: Commodity,
): boolean[] {
  // Producers of the commodity: a production record, or the commodity in the asset's list.
  const producers = new Set<string>();
  for (const p of dataset.production)
    if (p.commodity === commodity) {
      if (p.asset !== undefined) producers.add(p.asset);
      for (const x of p.split ?? []) producers.add(x.asset);
    }
  for (const a of dataset.assets) if (a.commodities.includes(commodity)) producers.add(a.id);

  // Every edge along which ownership or control can pass: holder → held.
  const up = new Map<string, Set<string>>(); // held → holders
  const edge = (holder: string, held: string) => {
    const s = up.get(held);
    if (s) s.add(holder);
    else up.set(held, new Set([holder]));
  };
  for (const s of dataset.stakes) edge(s.owner, s.owned);
  for (const c of dataset.controlAgreements) for (const x of c.controllers) edge(x, c.controlled);
  const effectEdges = (e: DealEffect) => {
    if (e.kind === "stake-transfer") edge(e.to, e.owned);
    else if (e.kind === "control-agreement")
      for (const x of e.agreement.controllers) edge(x, e.agreement.controlled);
  };
  for (const d of dataset.deals) for (const e of d.effects) effectEdges(e);
  for (const c of scenario.changes) if (c.kind === "stake-transfer") edge(c.to, c.owned);

  // Nodes that own or control a producer, directly or through others (producers included).
  const reaches = new Set<string>(producers);
  const queue = [...producers];
  while (queue.length > 0) {
    const n = queue.pop() as string;
    for (const h of up.get(n) ?? [])
      if (!reaches.has(h)) {
        reaches.add(h);
        queue.push(h);
      }
  }

  const provinces = new Set(
    dataset.assets.filter((a) => producers.has(a.id) && a.province).map((a) => a.province),
  );
  const ruleCommodity = new Map(dataset.tradeRules.map((r) => [r.id as string, r.commodity]));

  const effectInert = (e: DealEffect): boolean => {
    switch (e.kind) {
      case "obligation":
      case "route-node":
      case "route-leg":
        return true;
      case "stake-transfer":
        return !reaches.has(e.owned);
      case "control-agreement":
        return !reaches.has(e.agreement.controlled);
      case "offtake":
        return e.offtake.commodity !== commodity;
      case "trade-rule":
        return e.rule.commodity !== commodity;
      case "new-asset":
        return !e.asset.commodities.includes(commodity);
    }
  };
  const inert = (c: Change): boolean => {
    switch (c.kind) {
      case "deal-closes":
      case "deal-collapses": {
        const deal = dataset.deals.find((d) => d.id === c.deal);
        return deal?.effects.every(effectInert) === true;
      }
      case "stake-transfer":
        return !reaches.has(c.owned);
      case "offtake":
        return !c.commodities.includes(commodity);
      case "production-outage":
        return (
          (c.commodity !== undefined && c.commodity !== commodity) ||
          (c.asset !== undefined && !producers.has(c.asset))
        );
      case "territory-taken": {
        const like = c.territory
          ? dataset.territories.find((t) => t.id === c.territory)?.province
          : undefined;
        const province = c.province ?? like;
        return (
          province !== undefined &&
          !provinces.has(province) &&
          c.assets.every((a) => !producers.has(a))
        );
      }
      case "territory-returned":
        return false;
      case "export-ban":
      case "export-quota":
      case "demand-shock":
        return c.commodity !== commodity;
      case "quota-change": {
        const rc = ruleCommodity.get(c.rule);
        return rc !== undefined && rc !== commodity;
      }
      case "route-closed":
      case "route-opened":
      case "price-shock":
      case "stockpile-budget":
        return true;
    }
  };
  return scenario.changes.map(inert);
}
