/**
 * Routes for a procurement plan: each source's tonnes go to the holder country's market node
 * over the route network (`routeFlows`, the min-cost flow LP), together with the tonnes
 * other buyers' offtakes already ship (they keep their room on each leg). The path the router
 * gives one tonne from each source becomes the plan's route; what a capacitated leg has left after the other buyers'
 * tonnes becomes a capacity row of the plan. Without a market node or a usable network the
 * sources stay "not routed". Formulation: docs/methodology-stockpile.md.
 */
import { OrebookError } from "../../model/errors.js";
import type { World } from "../../model/world.js";
import { allocationFor } from "../allocation/index.js";
import { lookThroughFnFor } from "../ownership/index.js";
import type { LpSolver, Shipment } from "../routes/index.js";
import {
  marketNodeFor,
  type RouteNetworkOptions,
  routeFlows,
  routeNetworkFrom,
  shipmentsFromAllocation,
} from "../routes/index.js";
import { notRouted, type PlanInputs, type PlanRoute, type PlanRouting } from "./stockpile-plan.js";

const TAG = "stockpile:";

/**
 * The routes from each source of `inputs` to the holder's market.
 *
 * @example stockpilePlanRoutes(solver, world, inputs)
 */
export function stockpilePlanRoutes(
  solver: LpSolver,
  world: World,
  inputs: PlanInputs,
  opts: { network?: RouteNetworkOptions; timeLimitSeconds?: number } = {},
): PlanRouting {
  const destination = marketNodeFor(world, inputs.country);
  if (destination === undefined)
    return notRouted(inputs, `No market node for ${inputs.country}: sources are not routed`);
  if (inputs.sources.length === 0) return { ...notRouted(inputs, ""), destination, notes: [] };
  const net = routeNetworkFrom(world, opts.network ?? {});
  // 1. Other buyers' offtakes keep their room: the year of the first month, each plan commodity.
  const lt = lookThroughFnFor(world);
  const year = (inputs.months[0] as string).slice(0, 4);
  const others: Shipment[] = [];
  for (const c of new Set(inputs.sources.map((s) => s.commodity))) {
    const a = allocationFor(world, { commodity: c, period: year, lookThrough: lt });
    for (const sh of shipmentsFromAllocation(world, a))
      if (sh.buyer !== "open-market" && sh.buyerCountry !== inputs.country && sh.destination)
        others.push(sh);
  }
  // 2. One tonne from each source finds its cheapest path; the plan's leg rows carry capacity.
  const probes: Shipment[] = inputs.sources.map((s, i) => ({
    asset: s.source,
    destination,
    tonnes: 1,
    buyer: `${TAG}${i}`,
    buyerCountry: inputs.country,
  }));
  const route = (shipments: Shipment[]) =>
    routeFlows(solver, net, shipments, {
      label: "Routing the stockpile's purchases",
      ...(opts.timeLimitSeconds !== undefined ? { timeLimitSeconds: opts.timeLimitSeconds } : {}),
    });
  let result: ReturnType<typeof routeFlows>;
  let base: ReturnType<typeof routeFlows> | null;
  try {
    base = others.length > 0 ? route(others) : null;
    result = route(probes);
  } catch (e) {
    if (!(e instanceof OrebookError) || e.code === "INTERNAL") throw e;
    return notRouted(inputs, `Routing failed (${e.message}): sources are not routed`);
  }
  const routes: PlanRoute[] = [];
  const otherOnLeg = new Map<string, number>();
  for (const l of base?.legs ?? []) otherOnLeg.set(l.id, l.tonnes);
  const notes: string[] = [];
  inputs.sources.forEach((s, i) => {
    const mine = result.routes.filter((r) => r.buyer === `${TAG}${i}` && r.tonnes > 0);
    for (const r of mine) {
      const knownCost = r.costUsd !== null && r.tonnes > 0 ? r.costUsd / r.tonnes : null;
      routes.push({
        commodity: s.commodity,
        source: s.source,
        kind: s.kind,
        route: `${r.port ? `via ${r.port}` : "direct"}${r.corridors.length ? ` (${[...new Set(r.corridors)].join(", ")})` : ""}: ${r.legs.join(" > ")}`,
        routed: true,
        legs: [...r.legs],
        port: r.port,
        corridors: [...new Set(r.corridors)],
        share: 1,
        costUsdPerTonne: knownCost,
      });
    }
    if (mine.length === 0) {
      const res = result.shipments.find((x) => x.buyer === `${TAG}${i}`);
      notes.push(
        `${s.commodity} from ${s.source} cannot reach ${destination}${res?.binding ? ` (${res.binding.message})` : ""}`,
      );
    }
  });
  const legCapacity: PlanRouting["legCapacity"] = [];
  const used = new Set(routes.flatMap((r) => r.legs));
  for (const l of result.legs)
    if (used.has(l.id) && l.capacity !== null && Number.isFinite(l.capacity))
      legCapacity.push({
        leg: l.id,
        tonnesPerMonth: Math.max(0, l.capacity - (otherOnLeg.get(l.id) ?? 0)) / 12,
      });
  if (result.routes.some((r) => r.buyer?.startsWith(TAG) && r.costUsd === null))
    notes.push(
      "Route costs per tonne are not in the sources for some legs: purchases carry the price only",
    );
  return { destination, routes, legCapacity, notes };
}
