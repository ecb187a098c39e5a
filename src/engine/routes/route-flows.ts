/**
 * Routing: each asset's tonnes flow to their destinations over the open route network as a
 * min-cost multi-commodity flow with leg capacities (`route-model.ts` builds the LP, HiGHS
 * solves it through `lp-solver.ts`). What cannot be shipped is reported per shipment with the
 * constraint that binds, never dropped. Results: tonnes, cost and tonne-days per leg and per
 * route, use of each port and border post, and the binding capacities with their duals.
 * Methodology: docs/methodology-routes.md.
 */
import type { RouteLeg, RouteNode } from "../../model/route.js";
import { type LpOptimum, type LpSolver, lpOptimumOf } from "./lp-solver.js";
import {
  type RouteBinding,
  type RouteModel,
  type RouteModelOptions,
  type RouteObjective,
  routeModelFrom,
  type Shipment,
} from "./route-model.js";
import type { RouteNetwork, RouteOff } from "./route-network.js";

export interface RouteFlowsOptions extends RouteModelOptions {
  /** Time limit for the solver, seconds. Default 60. */
  timeLimitSeconds?: number;
  /** Names the problem in error messages ("Routing copper"). */
  label?: string;
}

export interface LegFlow {
  id: string;
  from: string;
  to: string;
  mode: RouteLeg["mode"];
  corridor: string | null;
  tonnes: number;
  /** Tonnes per year; null when unknown (the leg was treated as uncapacitated). */
  capacity: number | null;
  utilisation: number | null;
  costUsdPerTonne: number | null;
  /** Null when the leg's cost per tonne is unknown. */
  costUsd: number | null;
  days: number | null;
  tonneDays: number | null;
  distanceKm: number | null;
}

/** Tonnes of one shipment that took one path. */
export interface RouteFlow {
  asset: string;
  destination: string;
  buyer: string | null;
  buyerCountry: string | null;
  /** The first port on the path (the export port), if any. */
  port: string | null;
  /** The corridors of the path's legs, in order. */
  corridors: string[];
  legs: string[];
  nodes: string[];
  tonnes: number;
  costUsd: number | null;
  days: number | null;
  tonneDays: number | null;
}

/** Throughput of a port or border post. */
export interface NodeUse {
  id: string;
  name: string;
  kind: "port" | "border";
  country: string;
  tonnes: number;
  /** The capacity of the legs into the node, or else out of it, when every one is known. */
  capacity: number | null;
  capacityBasis: "legs in" | "legs out" | null;
  utilisation: number | null;
}

/** A leg whose capacity binds. */
export interface Bottleneck {
  leg: string;
  from: string;
  to: string;
  corridor: string | null;
  capacity: number;
  tonnes: number;
  /**
   * What one more tonne per year of capacity would save, in the objective's unit per tonne
   * (USD, days or km); null when the capacity holds tonnes back (see `limitsShipments`).
   */
  marginalValue: number | null;
  /** True when the capacity leaves tonnes unshipped: more capacity would ship more. */
  limitsShipments: boolean;
  /** Assets with unshipped tonnes that this leg holds back. */
  assets: string[];
}

export interface ShipmentResult {
  asset: string;
  destination: string | null;
  buyer: string | null;
  tonnes: number;
  shippedTonnes: number;
  unshippedTonnes: number;
  binding: RouteBinding | null;
}

export const OBJECTIVE_UNITS: Readonly<Record<RouteObjective, string>> = {
  generalised: "USD/t (generalised)",
  cost: "USD/t",
  days: "days",
  distance: "km",
  legs: "legs",
};

export interface RouteResult {
  /** What was minimised: USD, tonne-days, tonne-km, or tonne-legs. */
  objective: RouteObjective;
  objectiveUnit: string;
  /**
   * Usable legs with no figure for the objective, and the figure each was given (the largest
   * known for its mode); null when every usable leg has one.
   */
  objectiveFill: { legs: string[]; byMode: Record<string, number> } | null;
  legs: LegFlow[];
  routes: RouteFlow[];
  ports: NodeUse[];
  bottlenecks: Bottleneck[];
  shipments: ShipmentResult[];
  /** Shipments with unshipped tonnes, with the binding constraint. */
  unshipped: ShipmentResult[];
  unshippedTonnes: number;
  totals: {
    tonnes: number;
    shippedTonnes: number;
    unshippedTonnes: number;
    /** Unshipped tonnes by the kind of constraint that binds. */
    unshippedByKind: Partial<Record<RouteBinding["kind"], number>>;
    /** Null when a leg that carries tonnes has no cost per tonne. */
    costUsd: number | null;
    tonneDays: number | null;
    /** Σ tonnes × the objective's figure on each leg. */
    objectiveValue: number;
  };
  off: RouteOff[];
  opened: string[];
  closed: string[];
  solver: {
    name: string;
    solveSeconds: number;
    iterations: number;
    columns: number;
    rows: number;
    nonzeros: number;
  };
  notes: string[];
}

// Scaled tonnes below this are solver noise.
const EPS = 1e-6;

function _clean(x: number): number {
  return Math.abs(x) < 1e-6 ? 0 : Math.round(x * 1000) / 1000;
}

function _sumOrNull(xs: readonly (number | null)[]): number | null {
  let s = 0;
  for (const x of xs) {
    if (x === null) return null;
    s += x;
  }
  return s;
}

/**
 * Decomposes commodity k's flow into paths from each source, largest flows first, cancelling
 * any cycle met on the way. Calls `emit(src, legIdxs, scaledTonnes)` for each path.
 */
function _decompose(
  m: RouteModel,
  k: number,
  x: Float64Array,
  colOfLeg: Int32Array,
  supply: ReadonlyMap<number, number>,
  emit: (src: number, legs: number[], tonnes: number) => void,
): number {
  const net = m.network;
  const t = m.commodityNode[k] as number;
  const rem = x; // consumed in place: a copy made by the caller
  const pos = new Map<number, number>();
  let lost = 0;
  for (const [src, total] of [...supply.entries()].sort((a, b) => a[0] - b[0])) {
    let left = total;
    let guard =
      4 * ((m.commodityColStart[k + 1] as number) - (m.commodityColStart[k] as number)) + 16;
    while (left > EPS && guard-- > 0) {
      const nodes = [src];
      const legs: number[] = [];
      pos.clear();
      pos.set(src, 0);
      let u = src;
      while (u !== t) {
        let best = -1;
        let bestLeg = -1;
        for (let p = net.outStart[u] as number; p < (net.outStart[u + 1] as number); p++) {
          const e = net.outLegs[p] as number;
          const c = colOfLeg[e] as number;
          if (
            c >= 0 &&
            (rem[c] as number) > EPS &&
            (best < 0 || (rem[c] as number) > (rem[best] as number))
          ) {
            best = c;
            bestLeg = e;
          }
        }
        if (best < 0) break;
        const v = net.legTo[bestLeg] as number;
        const at = pos.get(v);
        if (at !== undefined) {
          // A cycle: cancel it and carry on from where it started.
          const cyc = [...legs.slice(at), bestLeg];
          let f = Number.POSITIVE_INFINITY;
          for (const e of cyc) f = Math.min(f, rem[colOfLeg[e] as number] as number);
          for (const e of cyc)
            rem[colOfLeg[e] as number] = (rem[colOfLeg[e] as number] as number) - f;
          for (const w of nodes.slice(at + 1)) pos.delete(w);
          nodes.length = at + 1;
          legs.length = at;
          u = v;
          continue;
        }
        legs.push(bestLeg);
        nodes.push(v);
        pos.set(v, nodes.length - 1);
        u = v;
      }
      if (u !== t) break;
      let f = left;
      for (const e of legs) f = Math.min(f, rem[colOfLeg[e] as number] as number);
      for (const e of legs) rem[colOfLeg[e] as number] = (rem[colOfLeg[e] as number] as number) - f;
      left -= f;
      emit(src, legs, f);
    }
    if (left > EPS) lost += left;
  }
  return lost;
}

/** Tonnes per leg (scaled) in solution `x`, and each leg's slack against its capacity. */
function legTonnesOf(m: RouteModel, x: Float64Array): { legT: Float64Array; slack: Float64Array } {
  const net = m.network;
  const L = net.legs.length;
  const legT = new Float64Array(L);
  for (let c = 0; c < m.lp.numCols; c++) {
    const e = m.colLeg[c] as number;
    if (e >= 0) legT[e] = (legT[e] as number) + (x[c] as number);
  }
  const slack = new Float64Array(L);
  for (let e = 0; e < L; e++)
    slack[e] = (net.capacity[e] as number) / m.tonneScale - (legT[e] as number);
  return { legT, slack };
}

/** Unshipped tonnes per shipment: all of one bound before the LP, else its slack column. */
function unshippedOf(m: RouteModel, x: Float64Array): Float64Array {
  const S = m.shipments.length;
  const ts = m.tonneScale;
  const unshipped = new Float64Array(S);
  for (let i = 0; i < S; i++) {
    const s = m.shipments[i] as Shipment;
    if (m.preBound.has(i)) unshipped[i] = s.tonnes;
    else if ((m.shipmentCol[i] as number) >= 0) {
      const u = (x[m.shipmentCol[i] as number] as number) * ts;
      unshipped[i] = u < EPS * ts ? 0 : Math.min(u, s.tonnes);
    }
  }
  return unshipped;
}

/**
 * Each shipment's routes (its shipped tonnes decomposed into paths, shared among the shipments
 * of one source in proportion) and, for each shipment with unshipped tonnes, what binds.
 */
function routeFlowsOf(
  m: RouteModel,
  x: Float64Array,
  unshipped: Float64Array,
  slack: Float64Array,
  notes: string[],
): { flows: RouteFlow[]; binding: Map<number, RouteBinding> } {
  const net = m.network;
  const L = net.legs.length;
  const S = m.shipments.length;
  const ts = m.tonneScale;
  const nodeId = (i: number) => (net.nodes[i] as RouteNode).id;
  const routeMap = new Map<string, RouteFlow>();
  const binding = new Map<number, RouteBinding>(m.preBound);
  const addRoute = (i: number, legIdx: number[], tonnes: number) => {
    if (tonnes <= 0) return;
    const key = `${i}:${legIdx.join(",")}`;
    const r = routeMap.get(key);
    if (r) {
      r.tonnes += tonnes;
      return;
    }
    const s = m.shipments[i] as Shipment;
    const legs = legIdx.map((e) => net.legs[e] as RouteLeg);
    const nodes = [nodeId(m.shipmentSource[i] as number), ...legs.map((l) => l.to)];
    const corridors: string[] = [];
    for (const l of legs)
      if (l.corridor !== undefined && corridors[corridors.length - 1] !== l.corridor)
        corridors.push(l.corridor);
    const dest = s.destination as string;
    routeMap.set(key, {
      asset: s.asset,
      destination: dest,
      buyer: s.buyer ?? null,
      buyerCountry: s.buyerCountry ?? net.allNodes.get(dest)?.country ?? null,
      port: nodes.find((id) => net.allNodes.get(id)?.kind === "port") ?? null,
      corridors,
      legs: legs.map((l) => l.id),
      nodes,
      tonnes,
      costUsd: null,
      days: null,
      tonneDays: null,
    });
  };

  // Shipments already at their destination.
  for (let i = 0; i < S; i++) {
    const s = m.shipments[i] as Shipment;
    if (!binding.has(i) && (m.shipmentCol[i] as number) < 0 && s.tonnes > 0)
      addRoute(i, [], s.tonnes);
  }

  const K = m.commodityNode.length;
  const colOfLeg = new Int32Array(L).fill(-1);
  const rem = Float64Array.from(x);
  let lost = 0;
  for (let k = 0; k < K; k++) {
    const c0 = m.commodityColStart[k] as number;
    const c1 = m.commodityColStart[k + 1] as number;
    for (let c = c0; c < c1; c++) {
      const e = m.colLeg[c] as number;
      if (e >= 0) colOfLeg[e] = c;
    }
    // Shipped tonnes per source node, and the shipments sharing each.
    const supply = new Map<number, number>();
    const sharers = new Map<number, number[]>();
    for (let i = 0; i < S; i++) {
      if (m.shipmentCommodity[i] !== k) continue;
      const src = m.shipmentSource[i] as number;
      const shipped = ((m.shipments[i] as Shipment).tonnes - (unshipped[i] as number)) / ts;
      supply.set(src, (supply.get(src) ?? 0) + shipped);
      const list = sharers.get(src);
      if (list) list.push(i);
      else sharers.set(src, [i]);
    }
    lost += _decompose(m, k, rem, colOfLeg, supply, (src, legs, f) => {
      const total = supply.get(src) as number;
      for (const i of sharers.get(src) as number[]) {
        const shipped = ((m.shipments[i] as Shipment).tonnes - (unshipped[i] as number)) / ts;
        if (total > 0) addRoute(i, legs, (f * shipped * ts) / total);
      }
    });
    // What binds for each shipment with unshipped tonnes: the full legs on the edge of what
    // it can still reach through spare capacity (or by pushing other tonnes back).
    const cut = new Map<number, RouteBinding>();
    for (const [src, list] of sharers) {
      if (!list.some((i) => (unshipped[i] as number) > EPS * ts)) continue;
      let b = cut.get(src);
      if (!b) {
        b = _capacityCut(m, k, src, x, slack, colOfLeg);
        cut.set(src, b);
      }
      for (const i of list) if ((unshipped[i] as number) > EPS * ts) binding.set(i, b);
    }
    for (let c = c0; c < c1; c++) {
      const e = m.colLeg[c] as number;
      if (e >= 0) colOfLeg[e] = -1;
    }
  }
  if (lost * ts > 1)
    notes.push(
      `Flow decomposition left ${Math.round(lost * ts)} t unassigned to a path (solver tolerance)`,
    );
  return { flows: [...routeMap.values()], binding };
}

/** Routes with their costs and times, by asset, destination and tonnes (largest first). */
function costedRoutes(net: RouteNetwork, flows: RouteFlow[]): RouteFlow[] {
  const legById = new Map(net.legs.map((l) => [l.id as string, l]));
  const routes = flows.map((r) => {
    const ls = r.legs.map((id) => legById.get(id) as RouteLeg);
    const cost = _sumOrNull(ls.map((l) => l.costUsdPerTonne));
    const days = _sumOrNull(ls.map((l) => l.transitDays));
    return {
      ...r,
      tonnes: _clean(r.tonnes),
      costUsd: cost === null ? null : _clean(cost * r.tonnes),
      days,
      tonneDays: days === null ? null : _clean(days * r.tonnes),
    };
  });
  routes.sort(
    (a, b) =>
      (a.asset < b.asset ? -1 : a.asset > b.asset ? 1 : 0) ||
      (a.destination < b.destination ? -1 : a.destination > b.destination ? 1 : 0) ||
      b.tonnes - a.tonnes,
  );
  return routes;
}

/** Each leg's tonnes, use of capacity, cost and tonne-days. */
function legFlowsOf(net: RouteNetwork, legT: Float64Array, ts: number): LegFlow[] {
  return net.legs.map((l, e) => {
    const tonnes = _clean((legT[e] as number) * ts);
    const cap = l.capacityTonnesPerYear;
    return {
      id: l.id,
      from: l.from,
      to: l.to,
      mode: l.mode,
      corridor: l.corridor ?? null,
      tonnes,
      capacity: cap,
      utilisation: cap === null ? null : tonnes / cap,
      costUsdPerTonne: l.costUsdPerTonne,
      costUsd: l.costUsdPerTonne === null ? null : _clean(tonnes * l.costUsdPerTonne),
      days: l.transitDays,
      tonneDays: l.transitDays === null ? null : _clean(tonnes * l.transitDays),
      distanceKm: l.distanceKm,
    };
  });
}

/** The tonnes through each port and border post, against the capacity of its legs in (or out). */
function portUsesOf(net: RouteNetwork, legT: Float64Array, ts: number): NodeUse[] {
  const ports: NodeUse[] = [];
  for (const [i, n] of net.nodes.entries()) {
    if (n.kind !== "port" && n.kind !== "border") continue;
    const side = (start: Int32Array, items: Int32Array) => {
      const caps: number[] = [];
      for (let p = start[i] as number; p < (start[i + 1] as number); p++)
        caps.push(net.capacity[items[p] as number] as number);
      return caps.length > 0 && caps.every(Number.isFinite)
        ? caps.reduce((a, b) => a + b, 0)
        : null;
    };
    let tonnes = 0;
    for (let p = net.inStart[i] as number; p < (net.inStart[i + 1] as number); p++)
      tonnes += legT[net.inLegs[p] as number] as number;
    tonnes = _clean(tonnes * ts);
    const capIn = side(net.inStart, net.inLegs);
    const capOut = side(net.outStart, net.outLegs);
    const capacity = capIn ?? capOut;
    ports.push({
      id: n.id,
      name: n.name,
      kind: n.kind,
      country: n.country,
      tonnes,
      capacity,
      capacityBasis: capIn !== null ? "legs in" : capOut !== null ? "legs out" : null,
      utilisation: capacity === null || capacity === 0 ? null : tonnes / capacity,
    });
  }
  return ports;
}

/**
 * The full or priced legs: those holding shipments back first, then by marginal value (the
 * capacity row's dual in US$ a tonne).
 */
function bottlenecksOf(
  m: RouteModel,
  opt: LpOptimum,
  legT: Float64Array,
  slack: Float64Array,
  binding: Map<number, RouteBinding>,
): Bottleneck[] {
  const net = m.network;
  const heldBy = new Map<string, Set<string>>();
  for (const [i, b] of binding)
    if (b.kind === "capacity")
      for (const leg of b.legs) {
        const set = heldBy.get(leg) ?? new Set<string>();
        set.add((m.shipments[i] as Shipment).asset);
        heldBy.set(leg, set);
      }
  const bottlenecks: Bottleneck[] = [];
  for (let r = 0; r < m.lp.numRows; r++) {
    const e = m.rowLeg[r] as number;
    if (e < 0) continue;
    const dual = Math.abs(opt.rowDuals[r] as number);
    const full = (slack[e] as number) <= EPS;
    if (!full && dual < 1e-9) continue;
    const l = net.legs[e] as RouteLeg;
    const limits = dual > m.penalty / 2 || heldBy.has(l.id);
    bottlenecks.push({
      leg: l.id,
      from: l.from,
      to: l.to,
      corridor: l.corridor ?? null,
      capacity: net.capacity[e] as number,
      tonnes: _clean((legT[e] as number) * m.tonneScale),
      marginalValue: limits ? null : _clean(dual * m.costScale),
      limitsShipments: limits,
      assets: [...(heldBy.get(l.id) ?? [])].sort(),
    });
  }
  bottlenecks.sort(
    (a, b) =>
      Number(b.limitsShipments) - Number(a.limitsShipments) ||
      (b.marginalValue ?? 0) - (a.marginalValue ?? 0) ||
      (a.leg < b.leg ? -1 : 1),
  );
  return bottlenecks;
}

/** What the routing assumed of legs with no cost, no objective figure or no capacity. */
function assumptionNotes(m: RouteModel, notes: string[]): void {
  const net = m.network;
  const L = net.legs.length;
  const isUsable = new Uint8Array(L);
  for (const e of m.colLeg) if (e >= 0) isUsable[e] = 1;
  const usable = net.legs.filter((_, e) => isUsable[e] === 1);
  const noCost = usable.filter((l) => l.costUsdPerTonne === null).length;
  const noCap = usable.filter((l) => l.capacityTonnesPerYear === null).length;
  if (m.objective !== "cost" && m.objective !== "generalised" && noCost > 0)
    notes.push(
      `Routed by ${m.objective === "legs" ? "number of legs" : m.objective === "days" ? "transit days (tonne-days minimised)" : "distance (tonne-km minimised)"}, not cost: ${noCost} of ${usable.length} usable legs have no cost per tonne in the data`,
    );
  if (m.filledLegs.length > 0) {
    const filled = new Set(m.filledLegs);
    const modes = [...new Set(net.legs.filter((l) => filled.has(l.id)).map((l) => l.mode))].sort();
    notes.push(
      `${m.filledLegs.length} of ${usable.length} usable legs have no ${m.objective === "days" ? "transit time" : m.objective} figure: for the choice of route each counts as the largest figure known for its mode (${modes.map((mode) => `${mode} ${m.fillByMode[mode]}`).join(", ")} ${OBJECTIVE_UNITS[m.objective]}), so an unknown leg is never preferred to a known one; reported figures stay null`,
    );
  }
  if (noCap > 0)
    notes.push(
      `${noCap} of ${usable.length} usable legs have no known capacity and were treated as uncapacitated`,
    );
}

/**
 * The results of an optimal routing LP: tonnes per leg, the routes each shipment took, ports
 * and border posts, bottlenecks, what was not shipped and why, totals and notes.
 */
export function routeResultFrom(m: RouteModel, opt: LpOptimum, solverName: string): RouteResult {
  const net = m.network;
  const L = net.legs.length;
  const ts = m.tonneScale;
  const x = opt.x;
  const notes: string[] = [];

  const { legT, slack } = legTonnesOf(m, x);
  const unshipped = unshippedOf(m, x);
  const { flows, binding } = routeFlowsOf(m, x, unshipped, slack, notes);
  const routes = costedRoutes(net, flows);
  const legs = legFlowsOf(net, legT, ts);
  const ports = portUsesOf(net, legT, ts);
  const bottlenecks = bottlenecksOf(m, opt, legT, slack, binding);

  const shipments: ShipmentResult[] = m.shipments.map((s, i) => {
    const u = _clean(unshipped[i] as number);
    return {
      asset: s.asset,
      destination: s.destination,
      buyer: s.buyer ?? null,
      tonnes: s.tonnes,
      shippedTonnes: _clean(s.tonnes - u),
      unshippedTonnes: u,
      binding: u > 0 ? (binding.get(i) ?? null) : null,
    };
  });
  const unshippedList = shipments.filter((s) => s.unshippedTonnes > 0);
  const total = shipments.reduce((a, s) => a + s.tonnes, 0);
  const unshippedTonnes = _clean(unshippedList.reduce((a, s) => a + s.unshippedTonnes, 0));
  const unshippedByKind: Partial<Record<RouteBinding["kind"], number>> = {};
  for (const u of unshippedList) {
    const kind = u.binding?.kind ?? "unexplained";
    unshippedByKind[kind] = _clean((unshippedByKind[kind] ?? 0) + u.unshippedTonnes);
  }
  const carrying = legs.filter((l) => l.tonnes > 0);
  let objectiveValue = 0;
  for (let e = 0; e < L; e++) objectiveValue += (legT[e] as number) * ts * (m.metric[e] as number);
  assumptionNotes(m, notes);

  return {
    objective: m.objective,
    objectiveUnit: OBJECTIVE_UNITS[m.objective],
    objectiveFill:
      m.filledLegs.length > 0 ? { legs: [...m.filledLegs], byMode: { ...m.fillByMode } } : null,
    legs,
    routes,
    ports,
    bottlenecks,
    shipments,
    unshipped: unshippedList,
    unshippedTonnes,
    totals: {
      tonnes: _clean(total),
      shippedTonnes: _clean(total - unshippedTonnes),
      unshippedTonnes,
      unshippedByKind,
      costUsd: _sumOrNull(carrying.map((l) => l.costUsd)),
      tonneDays: _sumOrNull(carrying.map((l) => l.tonneDays)),
      objectiveValue: _clean(objectiveValue),
    },
    off: [...net.off],
    opened: [...net.opened],
    closed: [...net.closed],
    solver: {
      name: solverName,
      solveSeconds: opt.solveSeconds,
      iterations: opt.iterations,
      columns: m.lp.numCols,
      rows: m.lp.numRows,
      nonzeros: m.lp.values.length,
    },
    notes,
  };
}

/**
 * The capacity cut holding back a source's tonnes: the nodes it can still reach through legs
 * with spare capacity or by pushing back tonnes already on a leg; the full legs leaving that
 * set are what binds.
 */
function _capacityCut(
  m: RouteModel,
  k: number,
  src: number,
  x: Float64Array,
  slack: Float64Array,
  colOfLeg: Int32Array,
): RouteBinding {
  const net = m.network;
  const t = m.commodityNode[k] as number;
  const seen = new Uint8Array(net.nodes.length);
  const stack = [src];
  seen[src] = 1;
  while (stack.length > 0) {
    const u = stack.pop() as number;
    for (let p = net.outStart[u] as number; p < (net.outStart[u + 1] as number); p++) {
      const e = net.outLegs[p] as number;
      const v = net.legTo[e] as number;
      if ((colOfLeg[e] as number) >= 0 && (slack[e] as number) > EPS && !seen[v]) {
        seen[v] = 1;
        stack.push(v);
      }
    }
    for (let p = net.inStart[u] as number; p < (net.inStart[u + 1] as number); p++) {
      const e = net.inLegs[p] as number;
      const v = net.legFrom[e] as number;
      const c = colOfLeg[e] as number;
      if (c >= 0 && (x[c] as number) > EPS && !seen[v]) {
        seen[v] = 1;
        stack.push(v);
      }
    }
  }
  const src_ = (net.nodes[src] as RouteNode).id;
  const dst = (net.nodes[t] as RouteNode).id;
  if (seen[t])
    return {
      kind: "unexplained",
      legs: [],
      message: `Tonnes from ${src_} to ${dst} were left unshipped although a route has room (solver tolerance)`,
    };
  const legs: string[] = [];
  for (let c = m.commodityColStart[k] as number; c < (m.commodityColStart[k + 1] as number); c++) {
    const e = m.colLeg[c] as number;
    if (e >= 0 && seen[net.legFrom[e] as number] && !seen[net.legTo[e] as number])
      legs.push((net.legs[e] as RouteLeg).id);
  }
  legs.sort();
  return {
    kind: "capacity",
    legs,
    message: `Capacity is full on ${legs.join(", ")} between ${src_} and ${dst}`,
  };
}

/**
 * Routes `shipments` over `network`: builds the LP, solves it and reads the results. Throws a
 * domain error when the solver stops at its time limit.
 *
 * @example routeFlows(await loadLpSolver(), routeNetworkFrom(world), shipments)
 */
export function routeFlows(
  solver: LpSolver,
  network: RouteNetwork,
  shipments: readonly Shipment[],
  opts: RouteFlowsOptions = {},
): RouteResult {
  const m = routeModelFrom(network, shipments, opts);
  const r = solver.solve(
    m.lp,
    opts.timeLimitSeconds !== undefined ? { timeLimitSeconds: opts.timeLimitSeconds } : {},
  );
  const opt = lpOptimumOf(
    r,
    opts.label ?? "Routing",
    opts.timeLimitSeconds !== undefined ? { timeLimitSeconds: opts.timeLimitSeconds } : {},
  );
  return routeResultFrom(m, opt, solver.name);
}
