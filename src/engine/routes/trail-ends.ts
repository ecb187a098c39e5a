/**
 * Where tonnes go whose asset's recorded routes never reach the coast. Tonnes without a recorded
 * destination are delivered to the world market at the coast (route-shipments.ts); an asset whose
 * open routes reach no port, but end at a market or a hub short of the coast (Rubaya's coltan at
 * Gisenyi in Rwanda), cannot get there. When a trade record of the commodity (official or
 * informal) names the country of one of those trail ends as a destination of the asset's country,
 * the tonnes are delivered there, labelled with that country and the records; otherwise they stay
 * unshipped and the report says where the recorded trail ends. Methodology:
 * docs/methodology-routes.md ("Trails that end short of the coast").
 */
import type { Commodity } from "../../model/commodity.js";
import { countryNameFor } from "../../model/country.js";
import type { RouteNode } from "../../model/route.js";
import type { World } from "../../model/world.js";
import type { Shipment } from "./route-model.js";
import { type RouteNetwork, WORLD_MARKET } from "./route-network.js";
import { UNRECORDED } from "./route-shipments.js";

/** An asset whose recorded routes end short of the coast, and what became of its tonnes. */
export interface TrailEnd {
  asset: string;
  /** The asset's route node the trail starts from. */
  from: string;
  /** The nodes the recorded trail ends at (reachable, with no open leg onward), by id. */
  ends: string[];
  /** The end the tonnes are delivered to, when a trade record names its country; else null. */
  deliveredTo: string | null;
  /** The country of `deliveredTo`. */
  country: string | null;
  /** The trade records that name that country (the latest year at or before the period's). */
  flows: string[];
  /** Tonnes without a recorded destination that the trail concerns. */
  tonnes: number;
  /** What happened, in words (for the report's notes and the unshipped tonnes' message). */
  message: string;
}

/** The nodes reachable from `start` over open legs, in visiting order (start first). */
function reachable(net: RouteNetwork, start: number): number[] {
  const seen = new Set([start]);
  const order = [start];
  for (let i = 0; i < order.length; i++) {
    const u = order[i] as number;
    for (let k = net.outStart[u] as number; k < (net.outStart[u + 1] as number); k++) {
      const v = net.legTo[net.outLegs[k] as number] as number;
      if (seen.has(v)) continue;
      seen.add(v);
      order.push(v);
    }
  }
  return order;
}

/** A node's display name with its country: "Gisenyi (Rubavu), Rwanda". */
function placeOf(n: RouteNode): string {
  const country = countryNameFor(n.country);
  return n.name.includes(country) ? n.name : `${n.name}, ${country}`;
}

/** The trade records of `commodity` from `exporter` to `country` at or before `year`, latest year. */
function recordsTo(
  world: Pick<World, "tradeFlows">,
  commodity: Commodity,
  exporter: string,
  country: string,
  year: number,
): { year: number; ids: string[]; informal: boolean } | null {
  const rows = world.tradeFlows.filter(
    (f) =>
      f.commodity === commodity &&
      f.year <= year &&
      ((f.direction === "export" && f.reporter === exporter && f.partner === country) ||
        (f.direction === "import" && f.reporter === country && f.partner === exporter)),
  );
  if (rows.length === 0) return null;
  const latest = Math.max(...rows.map((f) => f.year));
  const used = rows.filter((f) => f.year === latest);
  return {
    year: latest,
    ids: used.map((f) => f.id as string).sort(),
    informal: used.every((f) => f.informal === true),
  };
}

/**
 * Redirects the tonnes without a recorded destination (open market, bound for the world market at
 * the coast) of assets whose open routes cannot reach the coast: to the trail end whose country a
 * trade record names as a destination of the asset's country (a market before a hub, then the
 * latest record, then the id), labelled with that country; otherwise they are left as they are
 * (the router leaves them unshipped) and the trail end says where the recorded trail stops.
 *
 * @example shipmentsToTrailEnds(world, network, shipments, "tantalum", 2024).trailEnds[0]?.deliveredTo // "east-rubavu"
 */
export function shipmentsToTrailEnds(
  world: Pick<World, "tradeFlows">,
  net: RouteNetwork,
  shipments: readonly Shipment[],
  commodity: Commodity,
  year: number,
): { shipments: Shipment[]; trailEnds: TrailEnd[] } {
  const wm = net.nodeIndex.get(WORLD_MARKET);
  if (wm === undefined) return { shipments: [...shipments], trailEnds: [] };
  const byAsset = new Map<string, TrailEnd | null>();
  const trailOf = (asset: string, tonnes: number): TrailEnd | null => {
    const known = byAsset.get(asset);
    if (known !== undefined) {
      if (known) known.tonnes += tonnes;
      return known;
    }
    let found: TrailEnd | null = null;
    for (const id of net.nodesOfAsset.get(asset) ?? []) {
      const i = net.nodeIndex.get(id);
      if (i === undefined) continue;
      const seen = reachable(net, i);
      if (seen.includes(wm)) {
        found = null;
        break;
      }
      if (found) continue;
      const start = net.nodes[i] as RouteNode;
      const ends = seen
        .filter((v) => v !== i && (net.outStart[v + 1] as number) === (net.outStart[v] as number))
        .map((v) => net.nodes[v] as RouteNode)
        .sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
      if (ends.length === 0) continue;
      const candidates = ends
        .map((n) => ({ n, rec: recordsTo(world, commodity, start.country, n.country, year) }))
        .filter((c) => c.rec !== null)
        .sort(
          (x, y) =>
            Number(y.n.kind === "market") - Number(x.n.kind === "market") ||
            (y.rec?.year ?? 0) - (x.rec?.year ?? 0) ||
            (x.n.id < y.n.id ? -1 : 1),
        );
      const best = candidates[0];
      const endsText = ends.map(placeOf).join("; ");
      found = {
        asset,
        from: start.id,
        ends: ends.map((n) => n.id),
        deliveredTo: best ? best.n.id : null,
        country: best ? best.n.country : null,
        flows: best?.rec?.ids ?? [],
        tonnes,
        message: best?.rec
          ? `No recorded route to the coast: the recorded trail from ${start.id} ends at ${endsText}; delivered ${ends.length === 1 ? "there" : `to ${placeOf(best.n)}`}, ${countryNameFor(best.n.country)} being a destination of ${start.country}'s ${commodity} in the trade records (${best.rec.ids.join(", ")}, ${best.rec.year}${best.rec.informal ? ", informal" : ""})`
          : `No recorded route to the coast: the recorded trail from ${start.id} ends at ${endsText}, and no trade record gives ${[...new Set(ends.map((n) => countryNameFor(n.country)))].join(" or ")} as a destination of ${start.country}'s ${commodity}: unshipped`,
      };
    }
    byAsset.set(asset, found);
    return found;
  };
  const out = shipments.map((s) => {
    if (
      s.destination !== WORLD_MARKET ||
      s.buyer !== "open-market" ||
      s.buyerCountry !== UNRECORDED ||
      s.from !== undefined
    )
      return s;
    const trail = trailOf(s.asset, s.tonnes);
    if (!trail?.deliveredTo || !trail.country) return s;
    return {
      ...s,
      destination: trail.deliveredTo,
      buyerCountry: trail.country,
      note: trail.message,
    };
  });
  const trailEnds = [...byAsset.values()].filter((t): t is TrailEnd => t !== null);
  return { shipments: out, trailEnds };
}
