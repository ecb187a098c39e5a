/**
 * The generalised cost of each open leg, in US$ per tonne: what the router minimises when the
 * data do not give every leg a tariff. A leg's own sourced cost (`costUsdPerTonne`) is used as
 * it is; a leg without one gets an estimate built from sourced inputs, labelled as such with
 * them: its distance (sourced, or the straight line between its ends' sourced coordinates times
 * the detour factor of the legs that have both) times the sourced freight rate per tonne-km of
 * its mode. Every leg also carries the value of the tonne's time in transit: its days (sourced,
 * or its distance over the sourced effective speed of its mode) times the sourced value of a
 * tonne-day. A sea leg is priced the same way from its distance (derived along a published
 * maritime network, see the data) and the sea rate; a sea leg without a distance takes the
 * dearest sea estimate, and when no sea leg can be priced, sea legs are not costed at all (the
 * ports then compete on the inland cost). Nothing here is a tariff: estimates are reported as
 * estimates, never as costs.
 * Methodology: docs/methodology-routes.md (generalised cost).
 */
import type { Commodity } from "../../model/commodity.js";
import type { RouteLeg, RouteNode } from "../../model/route.js";
import type { TransportRate } from "../../model/transport-rate.js";
import type { World } from "../../model/world.js";
import { greatCircleKm } from "./route-geo.js";
import type { RouteNetwork } from "./route-network.js";

export { greatCircleKm };

/** How a leg's money cost per tonne was obtained. */
export type LegCostBasis =
  /** The leg's own sourced cost per tonne. */
  | "sourced"
  /** Distance × a sourced rate per tonne-km of the leg's mode. */
  | "estimate"
  /** No distance and no rate: the dearest estimate of the leg's mode (pessimistic). */
  | "pessimistic"
  /** A sea leg when no sea leg has both a distance and a sea rate: not costed. */
  | "not-costed"
  /** A leg the engine adds (to the world market at the coast): nothing to cost. */
  | "virtual";

export interface LegCost {
  leg: string;
  /** Money cost per tonne used for the choice of route (sourced or estimated). */
  moneyUsdPerTonne: number;
  moneyBasis: LegCostBasis;
  /** Days in transit used for the value of time, and where they come from. */
  days: number;
  daysBasis: "sourced" | "estimate" | "unknown";
  /** The value of the tonne's time on the leg: days × US$ per tonne-day. */
  timeUsdPerTonne: number;
  /** Money + time: the figure the router minimises. */
  generalisedUsdPerTonne: number;
  /** The distance used, and whether it is sourced or derived from coordinates. */
  distanceKm: number | null;
  distanceBasis: "sourced" | "estimate" | null;
  /** The inputs of an estimate, in words (rate ids, distance, detour factor). */
  inputs: string;
}

export interface RouteCostInputs {
  /** US$ per tonne-km by mode, with the record it comes from. */
  ratePerKm: Partial<Record<RouteLeg["mode"], TransportRate>>;
  /** Effective km per day by mode. */
  speed: Partial<Record<RouteLeg["mode"], TransportRate>>;
  /** US$ per tonne-day in transit, for the commodity (or for all). */
  timeValue: TransportRate | null;
  /** Road km per straight-line km, by mode, from legs with a sourced distance and located ends. */
  detour: Partial<Record<RouteLeg["mode"], { factor: number; legs: number }>>;
}

export interface RouteCosts {
  /** Per open leg of the network, in the network's leg order. */
  legs: LegCost[];
  /** The generalised cost per tonne of each open leg (what the LP minimises). */
  generalised: Float64Array;
  inputs: RouteCostInputs;
  notes: string[];
}

/** The point of a route node: its own location, else its asset's. */
export function nodePoint(
  world: Pick<World, "assets">,
  n: RouteNode | undefined,
): { lat: number; lon: number } | null {
  if (!n) return null;
  if (n.location) return n.location;
  const a = n.asset !== undefined ? world.assets.get(n.asset) : undefined;
  return a?.location ?? null;
}

/** The figure of `measure` in force for a year: the latest year at or before it, else the earliest. */
function _pick(
  rates: readonly TransportRate[],
  measure: TransportRate["measure"],
  year: number,
  match: (r: TransportRate) => boolean,
): TransportRate | null {
  const xs = rates.filter((r) => r.measure === measure && match(r));
  if (xs.length === 0) return null;
  const before = xs.filter((r) => r.year <= year);
  const pool = before.length > 0 ? before : xs;
  const best =
    before.length > 0 ? Math.max(...pool.map((r) => r.year)) : Math.min(...pool.map((r) => r.year));
  return pool.filter((r) => r.year === best).sort((a, b) => (a.id < b.id ? -1 : 1))[0] ?? null;
}

function _median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
}

const _r = (x: number, d = 2) => Math.round(x * 10 ** d) / 10 ** d;

/**
 * The generalised cost of every open leg of `net` for `commodity` in `year`.
 *
 * @example routeCostsFor(world, routeNetworkFrom(world), "copper", 2025).generalised
 */
export function routeCostsFor(
  world: Pick<World, "assets" | "transportRates">,
  net: RouteNetwork,
  commodity: Commodity,
  year: number,
): RouteCosts {
  const notes: string[] = [];
  const modes = [...new Set(net.legs.map((l) => l.mode))];
  const ratePerKm: RouteCostInputs["ratePerKm"] = {};
  const speed: RouteCostInputs["speed"] = {};
  for (const m of modes) {
    const r = _pick(world.transportRates, "usd-per-tonne-km", year, (x) => x.mode === m);
    if (r) ratePerKm[m] = r;
    const s = _pick(world.transportRates, "km-per-day", year, (x) => x.mode === m);
    if (s) speed[m] = s;
  }
  const timeValue =
    _pick(world.transportRates, "usd-per-tonne-day", year, (x) => x.commodity === commodity) ??
    _pick(world.transportRates, "usd-per-tonne-day", year, (x) => x.commodity === undefined);

  // Detour factor per mode: sourced distance over the straight line, on legs with both.
  const point = (id: string) => nodePoint(world, net.allNodes.get(id));
  const ratios: Partial<Record<RouteLeg["mode"], number[]>> = {};
  for (const l of net.allLegs) {
    if (l.distanceKm === null || l.mode === "sea") continue;
    const a = point(l.from);
    const b = point(l.to);
    if (!a || !b) continue;
    const gc = greatCircleKm(a, b);
    if (gc < 20) continue; // short hops say nothing about detours
    const list = ratios[l.mode] ?? [];
    list.push(l.distanceKm / gc);
    ratios[l.mode] = list;
  }
  const detour: RouteCostInputs["detour"] = {};
  for (const [m, xs] of Object.entries(ratios) as [RouteLeg["mode"], number[]][])
    if (xs.length > 0) detour[m] = { factor: _r(Math.max(1, _median(xs)), 3), legs: xs.length };

  const legs: LegCost[] = [];
  const pending: number[] = [];
  const seaPending: number[] = [];
  for (const l of net.legs) {
    const virtual = net.virtualLegs.has(l.id);
    let distanceKm: number | null = l.distanceKm;
    let distanceBasis: LegCost["distanceBasis"] = distanceKm !== null ? "sourced" : null;
    const inputs: string[] = [];
    if (distanceKm === null && !virtual && l.mode !== "sea") {
      const a = point(l.from);
      const b = point(l.to);
      const f = detour[l.mode]?.factor ?? detour.road?.factor;
      if (a && b && f !== undefined) {
        distanceKm = _r(greatCircleKm(a, b) * f, 1);
        distanceBasis = "estimate";
        inputs.push(
          `distance ${distanceKm} km = straight line between the ends' coordinates × detour factor ${f}`,
        );
      }
    }
    let days = l.transitDays ?? 0;
    let daysBasis: LegCost["daysBasis"] = l.transitDays !== null ? "sourced" : "unknown";
    if (l.transitDays === null && distanceKm !== null && !virtual) {
      const s = speed[l.mode];
      if (s) {
        days = _r(distanceKm / s.value, 2);
        daysBasis = "estimate";
        inputs.push(`${days} days = ${distanceKm} km ÷ ${s.value} km/day (${s.id})`);
      }
    }
    if (virtual) daysBasis = "sourced";
    const timeUsd = timeValue && !virtual ? _r(days * timeValue.value, 4) : 0;
    if (timeValue && days > 0 && !virtual)
      inputs.push(`time ${days} d × ${timeValue.value} US$/t-day (${timeValue.id})`);
    let money = 0;
    let basis: LegCostBasis;
    if (virtual) basis = "virtual";
    else if (l.costUsdPerTonne !== null) {
      money = l.costUsdPerTonne;
      basis = "sourced";
    } else {
      const rate = ratePerKm[l.mode];
      if (rate && distanceKm !== null) {
        money = _r(distanceKm * rate.value, 2);
        basis = "estimate";
        inputs.unshift(`${money} US$/t = ${distanceKm} km × ${rate.value} US$/t-km (${rate.id})`);
      } else if (l.mode === "sea") {
        // Priced below with the dearest sea estimate if any sea leg has one, else not costed.
        basis = "not-costed";
        seaPending.push(legs.length);
      } else {
        basis = "pessimistic";
        pending.push(legs.length);
        inputs.unshift(
          rate
            ? "no distance and no located ends: the dearest estimate of its mode"
            : `no sourced rate per tonne-km for ${l.mode}: the dearest estimate of any mode`,
        );
      }
    }
    legs.push({
      leg: l.id,
      moneyUsdPerTonne: money,
      moneyBasis: basis,
      days,
      daysBasis,
      timeUsdPerTonne: timeUsd,
      generalisedUsdPerTonne: 0,
      distanceKm,
      distanceBasis,
      inputs: inputs.join("; "),
    });
  }
  // Pessimistic fill: the dearest estimated (or sourced) money cost of the leg's mode, else of any.
  const dearest: Partial<Record<RouteLeg["mode"], number>> = {};
  let dearestAll = 0;
  for (const [e, c] of legs.entries()) {
    if (c.moneyBasis !== "estimate" && c.moneyBasis !== "sourced") continue;
    const m = (net.legs[e] as RouteLeg).mode;
    dearest[m] = Math.max(dearest[m] ?? 0, c.moneyUsdPerTonne);
    dearestAll = Math.max(dearestAll, c.moneyUsdPerTonne);
  }
  const dearestSea = dearest.sea;
  if (dearestSea !== undefined)
    for (const e of seaPending) {
      const c = legs[e] as LegCost;
      c.moneyBasis = "pessimistic";
      c.moneyUsdPerTonne = dearestSea;
      c.inputs = `no distance: the dearest sea estimate (${dearestSea} US$/t)`;
    }
  for (const e of pending) {
    const c = legs[e] as LegCost;
    const m = (net.legs[e] as RouteLeg).mode;
    c.moneyUsdPerTonne = dearest[m] ?? dearestAll;
    c.inputs = `${c.inputs} (${c.moneyUsdPerTonne} US$/t)`;
  }
  const generalised = new Float64Array(legs.length);
  for (const [e, c] of legs.entries()) {
    c.generalisedUsdPerTonne = _r(c.moneyUsdPerTonne + c.timeUsdPerTonne, 4);
    generalised[e] = c.generalisedUsdPerTonne;
  }
  const count = (b: LegCostBasis) => legs.filter((c) => c.moneyBasis === b).length;
  const real = legs.length - count("virtual");
  notes.push(
    `Generalised cost (US$/t): ${count("sourced")} of ${real} open legs have a sourced cost, ${count("estimate")} an estimate from distance × a sourced rate per tonne-km, ${count("pessimistic")} the dearest estimate of their mode (no distance or rate), ${count("not-costed")} sea legs are not costed (no sea leg has both a distance and a sea rate)${timeValue ? `; time in transit at ${timeValue.value} US$/t-day (${timeValue.id})` : "; time in transit not valued (no sourced value of a tonne-day)"}`,
  );
  return { legs, generalised, inputs: { ratePerKm, speed, timeValue, detour }, notes };
}

/** The cheapest generalised cost from an origin to an export port, with what it rests on. */
export interface PortCost {
  origin: string;
  port: string;
  /** "open" in the network routed; "if opened": a planned port, costed with the planned legs opened. */
  status: "open" | "if opened";
  /** Generalised US$/t (money + time) on the cheapest path; null when no open path. */
  generalisedUsdPerTonne: number | null;
  /** Money on that path: sourced costs and estimates, apart. */
  sourcedUsdPerTonne: number | null;
  estimatedUsdPerTonne: number | null;
  timeUsdPerTonne: number | null;
  days: number | null;
  legs: string[];
  /**
   * Landed at each market the port's open sea legs reach: the inland cost above plus the sea
   * leg's (an estimate from its distance and the sea rate; null when sea legs are not costed).
   */
  landed: LandedCost[];
}

/** What a tonne pays from an origin through one port to one market. */
export interface LandedCost {
  market: string;
  seaLeg: string;
  seaKm: number | null;
  seaUsdPerTonne: number | null;
  landedUsdPerTonne: number | null;
}

/**
 * The cheapest generalised cost from each origin to each open port (Dijkstra over the open legs,
 * engine-made legs to the world market excluded): what a tonne pays to reach each coast.
 *
 * @example portCostsFrom(net, routeCostsFor(world, net, "copper", 2025), ["kolwezi-hub"])
 */
export function portCostsFrom(
  net: RouteNetwork,
  costs: RouteCosts,
  origins: readonly string[],
): PortCost[] {
  const out: PortCost[] = [];
  const ports = net.nodes.map((n, i) => [n, i] as const).filter(([n]) => n.kind === "port");
  for (const origin of origins) {
    const s = net.nodeIndex.get(origin);
    if (s === undefined) continue;
    const N = net.nodes.length;
    const dist = new Float64Array(N).fill(Number.POSITIVE_INFINITY);
    const via = new Int32Array(N).fill(-1);
    const done = new Uint8Array(N);
    dist[s] = 0;
    for (;;) {
      let u = -1;
      for (let i = 0; i < N; i++)
        if (
          !done[i] &&
          (dist[i] as number) < Number.POSITIVE_INFINITY &&
          (u < 0 || (dist[i] as number) < (dist[u] as number))
        )
          u = i;
      if (u < 0) break;
      done[u] = 1;
      if (net.nodes[u]?.kind === "port" && u !== s) continue; // a port is where the land route ends
      for (let p = net.outStart[u] as number; p < (net.outStart[u + 1] as number); p++) {
        const e = net.outLegs[p] as number;
        const l = net.legs[e];
        if (!l || net.virtualLegs.has(l.id) || l.mode === "sea") continue;
        const v = net.legTo[e] as number;
        const d = (dist[u] as number) + (costs.generalised[e] as number);
        if (d < (dist[v] as number)) {
          dist[v] = d;
          via[v] = e;
        }
      }
    }
    for (const [n, i] of ports) {
      if (!((dist[i] as number) < Number.POSITIVE_INFINITY)) {
        out.push({
          origin,
          port: n.id,
          status: "open",
          generalisedUsdPerTonne: null,
          sourcedUsdPerTonne: null,
          estimatedUsdPerTonne: null,
          timeUsdPerTonne: null,
          days: null,
          legs: [],
          landed: [],
        });
        continue;
      }
      const legs: number[] = [];
      for (
        let v = i;
        v !== s && (via[v] as number) >= 0;
        v = net.legFrom[via[v] as number] as number
      )
        legs.unshift(via[v] as number);
      let sourced = 0;
      let estimated = 0;
      let time = 0;
      let days = 0;
      for (const e of legs) {
        const c = costs.legs[e] as LegCost;
        if (c.moneyBasis === "sourced") sourced += c.moneyUsdPerTonne;
        else estimated += c.moneyUsdPerTonne;
        time += c.timeUsdPerTonne;
        days += c.days;
      }
      const r2 = (x: number) => Math.round(x * 100) / 100;
      out.push({
        origin,
        port: n.id,
        status: "open",
        generalisedUsdPerTonne: r2(dist[i] as number),
        sourcedUsdPerTonne: r2(sourced),
        estimatedUsdPerTonne: r2(estimated),
        timeUsdPerTonne: r2(time),
        days: r2(days),
        legs: legs.map((e) => (net.legs[e] as { id: string }).id),
        landed: _landed(net, costs, i, dist[i] as number),
      });
    }
  }
  return out;
}

/** The port's open sea legs to markets, each with the landed cost through it. */
function _landed(net: RouteNetwork, costs: RouteCosts, port: number, inland: number): LandedCost[] {
  const out: LandedCost[] = [];
  for (let p = net.outStart[port] as number; p < (net.outStart[port + 1] as number); p++) {
    const e = net.outLegs[p] as number;
    const l = net.legs[e];
    if (!l || l.mode !== "sea" || net.virtualLegs.has(l.id)) continue;
    const to = net.nodes[net.legTo[e] as number];
    if (!to || to.kind !== "market") continue;
    const c = costs.legs[e] as LegCost;
    const sea = c.moneyBasis === "not-costed" ? null : (costs.generalised[e] as number);
    out.push({
      market: to.id,
      seaLeg: l.id,
      seaKm: c.distanceKm,
      seaUsdPerTonne: sea === null ? null : Math.round(sea * 100) / 100,
      landedUsdPerTonne: sea === null ? null : Math.round((inland + sea) * 100) / 100,
    });
  }
  return out.sort((a, b) => (a.market < b.market ? -1 : 1));
}
