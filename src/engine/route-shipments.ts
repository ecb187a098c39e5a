/**
 * What the router moves: `Shipment`s (asset, destination node, tonnes) from the allocation
 * waterfall (each offtake line to its buyer's destination; the open market to a declared
 * market), or, as a fallback when no allocation is wanted, each asset's production to the
 * market of its controller's country. Methodology: docs/methodology-routes.md.
 */
import type { World } from "../model/world.js";
import type { Allocation } from "./allocation.js";
import type { ControlReport } from "./control-report.js";
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
  /**
   * Where open-market tonnes go: a route node id. Default: the market of the asset's
   * controller country (from `controllerCountryOf`), else none (reported unshipped).
   */
  openMarket?: string;
  controllerCountryOf?: ReadonlyMap<string, string>;
  /** Where tonnes go whose buyer (or, for the open market, controller) country has no market node. */
  defaultMarket?: string;
}

/**
 * Shipments from an allocation: each offtake line goes to its `destination` when that is a
 * route node, else to the market of the buyer's country; open-market tonnes go to
 * `openMarket`. Tonnes held back by an export ban or quota stay at the mine and are not shipped.
 *
 * @example shipmentsFromAllocation(world, allocationFor(world, opts), { openMarket: "china-market" })
 */
export function shipmentsFromAllocation(
  world: Pick<World, "routeNodes">,
  alloc: Allocation,
  opts: ShipmentsFromAllocationOptions = {},
): Shipment[] {
  const out: Shipment[] = [];
  for (const a of alloc.assets) {
    for (const line of a.lines) {
      if (!(line.tonnes > 0)) continue;
      const named = line.destination !== null && world.routeNodes.has(line.destination);
      const own = named ? line.destination : marketNodeFor(world, line.buyerCountry);
      const market = own ?? opts.defaultMarket;
      out.push({
        asset: a.asset,
        destination: market ?? null,
        tonnes: line.tonnes,
        buyer: line.buyer,
        ...(line.buyerCountry !== null ? { buyerCountry: line.buyerCountry } : {}),
        note: named
          ? `Offtake ${line.offtake}: destination ${line.destination}`
          : own !== undefined
            ? `Offtake ${line.offtake}: the market of the buyer's country ${line.buyerCountry}`
            : market !== undefined
              ? `Offtake ${line.offtake}: the declared default market ${market} (no market node for the buyer's country ${line.buyerCountry ?? "(unknown)"})`
              : `Offtake ${line.offtake}: no market node for the buyer's country ${line.buyerCountry ?? "(unknown)"}; declare a default market`,
      });
    }
    if (a.openMarketTonnes > 0) {
      const country = opts.controllerCountryOf?.get(a.asset);
      const own = opts.openMarket ?? marketNodeFor(world, country);
      const market = own ?? opts.defaultMarket;
      out.push({
        asset: a.asset,
        destination: market ?? null,
        tonnes: a.openMarketTonnes,
        buyer: "open-market",
        note:
          opts.openMarket !== undefined
            ? `Open market: the declared open-market node ${opts.openMarket}`
            : own !== undefined
              ? `Open market: the market of the controller's country ${country}`
              : market !== undefined
                ? `Open market: the declared default market ${market} (no market node for the controller's country ${country ?? "(unknown)"})`
                : `Open market: no market node for the controller's country ${country ?? "(unknown)"}; declare an open-market or default market`,
      });
    }
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
