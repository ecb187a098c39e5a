/**
 * The routes report as `orebook report routes --format json` gives it: the allocation's (or
 * control's) shipments routed over the network as a min-cost flow (HiGHS), with the legs,
 * ports, bottlenecks, unshipped tonnes and the Sankey graph. Mirrors the CLI's composition.
 */

import type { Commodity } from "../model/commodity.js";
import type { World } from "../model/world.js";
import { allocationFor } from "./allocation.js";
import { controlReportFor } from "./control-report.js";
import { lookThroughFnFor } from "./look-through-fn.js";
import type { LpSolver } from "./lp-solver.js";
import { type RouteResult, routeFlows } from "./route-flows.js";
import type { RouteObjective, Shipment } from "./route-model.js";
import { routeNetworkFrom } from "./route-network.js";
import { type RouteSankey, routeSankeyFrom } from "./route-sankey.js";
import { shipmentsFromAllocation, shipmentsFromControl } from "./route-shipments.js";

/** A routes report: the routing result with what it was run on, and the Sankey graph. */
export interface RoutesReport extends RouteResult {
  commodity: string;
  period: string;
  asOf: string;
  shipmentsFrom: "allocation" | "control";
  /** Tonnes held back at the mines by export bans or quotas (not shipped, not lost). */
  heldBackTonnes: number;
  sankey: RouteSankey;
}

export interface RoutesReportOptions {
  commodity: Commodity;
  period?: string;
  shipmentsFrom: "allocation" | "control";
  open: string[];
  close: string[];
  openMarket?: string;
  defaultMarket?: string;
  objective?: RouteObjective;
  /** The solver's time limit (default the solver interface's). */
  timeLimitSeconds?: number;
}

/**
 * Which way a commodity's tonnes leave, and what cannot be shipped.
 *
 * @example routesReportFor(world, await loadLpSolver(), { commodity: "cobalt", shipmentsFrom: "allocation", open: [], close: ["lobito"], timeLimitSeconds: 10 })
 */
export function routesReportFor(
  world: World,
  solver: LpSolver,
  opts: RoutesReportOptions,
): RoutesReport {
  const control = controlReportFor(world, {
    commodity: opts.commodity,
    ...(opts.period ? { period: opts.period } : {}),
  });
  const controllerCountryOf = new Map(
    control.assets.map((a) => [a.id as string, a.controllerCountry]),
  );
  let shipments: Shipment[];
  let heldBackTonnes = 0;
  if (opts.shipmentsFrom === "allocation") {
    const alloc = allocationFor(world, {
      commodity: opts.commodity,
      period: control.period,
      lookThrough: lookThroughFnFor(world),
    });
    heldBackTonnes = alloc.totals.heldBackTonnes;
    shipments = shipmentsFromAllocation(world, alloc, {
      controllerCountryOf,
      ...(opts.openMarket !== undefined ? { openMarket: opts.openMarket } : {}),
      ...(opts.defaultMarket !== undefined ? { defaultMarket: opts.defaultMarket } : {}),
    });
  } else {
    const market = opts.defaultMarket ?? opts.openMarket;
    shipments = shipmentsFromControl(
      world,
      control,
      market !== undefined ? { defaultMarket: market } : {},
    );
  }
  const network = routeNetworkFrom(world, { open: opts.open, closed: opts.close });
  const result = routeFlows(solver, network, shipments, {
    label: `Routing ${opts.commodity}`,
    ...(opts.objective !== undefined ? { objective: opts.objective } : {}),
    ...(opts.timeLimitSeconds !== undefined ? { timeLimitSeconds: opts.timeLimitSeconds } : {}),
  });
  const names = new Map<string, string>();
  for (const a of world.assets.values()) names.set(a.id, a.name);
  for (const n of world.routeNodes.values()) names.set(n.id, n.name);
  return {
    commodity: opts.commodity,
    period: control.period,
    asOf: world.asOf,
    shipmentsFrom: opts.shipmentsFrom,
    heldBackTonnes,
    ...result,
    sankey: routeSankeyFrom(result, { controllerCountryOf, names }),
  };
}
