/**
 * What the router moves: `Shipment`s (asset, destination node, tonnes) from the allocation
 * waterfall (each offtake line to its buyer's destination; the open market to a declared
 * market), or, as a fallback when no allocation is wanted, each asset's production to the
 * market of its controller's country. Methodology: docs/methodology-routes.md.
 */
import type { World } from "../../model/world.js";
import type { Allocation } from "../allocation/index.js";
import type { ControlReport } from "../ownership/index.js";
import type { DestinationPrior } from "./destination-prior.js";
import type { Shipment } from "./route-model.js";

/** The market node of a country (the first by id when there are several). */
export function marketNodeFor(
  world: Pick<World, "routeNodes">,
  country: string | null | undefined,
): string | undefined {
  if (!country) return undefined;
  let best: string | undefined;
  for (const n of world.routeNodes.values())
    if (n.kind === "market" && n.country === country && (best === undefined || n.id < best))
      best = n.id;
  return best;
}

export interface ShipmentsFromAllocationOptions {
  /** Where open-market tonnes go: a route node id. Default: the destination prior, else the world market. */
  openMarket?: string;
  /**
   * Where tonnes go whose buyer country has no market node. Default: the world market at the
   * coast (`WORLD_MARKET`, when the network has it), labelled with the buyer's country.
   */
  defaultMarket?: string;
  /** The trade statistics' destinations for tonnes without a named buyer (`destinationPriorFor`). */
  prior?: DestinationPrior;
}

/** The buyer-country label of tonnes whose destination no record gives. */
export const UNRECORDED = "unrecorded";

/**
 * Shipments from an allocation. Each offtake line goes to its `destination` when that is a route
 * node, else to the market node of the buyer's country, else to the default market (the world
 * market at the coast) labelled with the buyer's country. Open-market tonnes follow the
 * destination prior: each country of the trade statistics receives what its statistical share of
 * all exported tonnes leaves after the named buyers of that country (all assets give the same
 * fraction of their open-market tonnes); the rest goes to the default market labelled
 * "unrecorded". Tonnes held back by an export ban or quota stay at the mine and are not shipped.
 *
 * @example shipmentsFromAllocation(world, allocationFor(world, opts), { defaultMarket: WORLD_MARKET, prior })
 */
export function shipmentsFromAllocation(
  world: Pick<World, "routeNodes">,
  alloc: Allocation,
  opts: ShipmentsFromAllocationOptions = {},
): Shipment[] {
  const out: Shipment[] = [];
  const fallback = opts.defaultMarket;
  const toCountry = (country: string | null) => {
    const own = marketNodeFor(world, country);
    return { node: own ?? fallback ?? null, own: own !== undefined };
  };
  const named = new Map<string, number>();
  let exported = 0;
  let pool = 0;
  for (const a of alloc.assets) {
    for (const line of a.lines) {
      if (!(line.tonnes > 0)) continue;
      exported += line.tonnes;
      const c = line.buyerCountry ?? UNRECORDED;
      named.set(c, (named.get(c) ?? 0) + line.tonnes);
      const isNode = line.destination !== null && world.routeNodes.has(line.destination);
      const to = isNode ? { node: line.destination, own: true } : toCountry(line.buyerCountry);
      out.push({
        asset: a.asset,
        destination: to.node,
        tonnes: line.tonnes,
        buyer: line.buyer,
        buyerCountry: line.buyerCountry ?? UNRECORDED,
        note: isNode
          ? `Offtake ${line.offtake}: destination ${line.destination}`
          : to.own
            ? `Offtake ${line.offtake}: the market of the buyer's country ${line.buyerCountry}`
            : to.node !== null
              ? `Offtake ${line.offtake}: buyer's country ${line.buyerCountry ?? "(not recorded)"} has no market node; delivered to ${to.node}`
              : `Offtake ${line.offtake}: no market node for the buyer's country ${line.buyerCountry ?? "(unknown)"}; declare a default market`,
      });
    }
    exported += a.openMarketTonnes;
    pool += a.openMarketTonnes;
  }
  // Fractions of every asset's open-market tonnes per destination country (the prior).
  const fractions: { country: string; f: number }[] = [];
  if (opts.openMarket === undefined && opts.prior && pool > 0) {
    const need = opts.prior.entries.map((e) => ({
      country: e.country,
      t: Math.max(0, e.share * exported - (named.get(e.country) ?? 0)),
    }));
    const want = need.reduce((x, n) => x + n.t, 0);
    const scale = want > pool ? pool / want : 1;
    for (const n of need)
      if (n.t > 0) fractions.push({ country: n.country, f: (n.t * scale) / pool });
  }
  const placed = fractions.reduce((x, y) => x + y.f, 0);
  for (const a of alloc.assets) {
    if (!(a.openMarketTonnes > 0)) continue;
    if (opts.openMarket !== undefined) {
      out.push({
        asset: a.asset,
        destination: opts.openMarket,
        tonnes: a.openMarketTonnes,
        buyer: "open-market",
        buyerCountry: world.routeNodes.get(opts.openMarket)?.country ?? UNRECORDED,
        note: `Open market: the declared open-market node ${opts.openMarket}`,
      });
      continue;
    }
    for (const { country, f } of fractions) {
      const to = toCountry(country);
      out.push({
        asset: a.asset,
        destination: to.node,
        tonnes: a.openMarketTonnes * f,
        buyer: "open-market",
        buyerCountry: country,
        note: `Open market: ${country} by the trade statistics (${opts.prior?.entries.find((e) => e.country === country)?.flows.join(", ") ?? ""})${to.own ? "" : `; no market node for ${country}, delivered to ${to.node ?? "(none)"}`}`,
      });
    }
    const rest = a.openMarketTonnes * Math.max(0, 1 - placed);
    if (rest > 1e-9)
      out.push({
        asset: a.asset,
        destination: fallback ?? null,
        tonnes: rest,
        buyer: "open-market",
        buyerCountry: UNRECORDED,
        note:
          fallback !== undefined
            ? `Open market: destination not recorded (no buyer, not placed by the trade statistics); delivered to ${fallback}`
            : "Open market: destination not recorded and no default market declared",
      });
  }
  return out;
}

/**
 * The fallback: each asset's production (as counted by the control report) to the market of
 * its controller's country, or to `defaultMarket` when that country has none.
 */
export function shipmentsFromControl(
  world: Pick<World, "routeNodes">,
  report: ControlReport,
  opts: { defaultMarket?: string } = {},
): Shipment[] {
  return report.assets
    .filter((a) => a.tonnes > 0)
    .map((a) => {
      const own = marketNodeFor(world, a.controllerCountry);
      const market = own ?? opts.defaultMarket;
      return {
        asset: a.id,
        destination: market ?? null,
        tonnes: a.tonnes,
        buyerCountry:
          own !== undefined
            ? a.controllerCountry
            : (world.routeNodes.get(market ?? "")?.country ?? a.controllerCountry),
        note:
          own !== undefined
            ? `Production to the market of the controller's country ${a.controllerCountry}`
            : market !== undefined
              ? `Production to the declared default market ${market} (no market node for ${a.controllerCountry})`
              : `No market node for the controller's country ${a.controllerCountry}; declare a default market`,
      };
    });
}
