/**
 * The routing LP, built as sparse arrays: a multi-commodity min-cost flow where a commodity
 * is a destination (tonnes bound for one market are interchangeable; tonnes bound for
 * different markets are not). Columns are (leg, destination) flows and one "unshipped" column
 * per shipment; rows are flow conservation per (node, destination) and one capacity row per
 * capacitated leg. Methodology and the penalty argument: docs/methodology-routes.md.
 */
import { OrebookError } from "../../model/errors.js";
import type { RouteLeg, RouteNode } from "../../model/route.js";
import type { LpModel } from "./lp-solver.js";
import type { RouteNetwork } from "./route-network.js";

/** Tonnes of one asset to move to one destination (a route node id). */
export interface Shipment {
  asset: string;
  /** The route node the tonnes go to, or null when none could be found (see `note`). */
  destination: string | null;
  tonnes: number;
  /** The route node the tonnes leave from; default: the asset's open node. */
  from?: string;
  buyer?: string;
  /** The buyer's country, for the flow graph; default: the destination's country. */
  buyerCountry?: string;
  /** Why the destination is what it is (or why there is none). */
  note?: string;
}

/** What the router minimises: cost when every usable leg has one, else a declared proxy. */
export type RouteObjective = "generalised" | "cost" | "days" | "distance" | "legs";
export const ROUTE_OBJECTIVES: readonly RouteObjective[] = [
  "generalised",
  "cost",
  "days",
  "distance",
  "legs",
];

/** Why tonnes could not be shipped. */
export interface RouteBinding {
  kind: "no-node" | "no-destination" | "no-route" | "capacity" | "unexplained";
  /** The legs that bind: full capacities, or off legs that would have opened a route. */
  legs: string[];
  message: string;
}

export interface RouteModelOptions {
  /** Force an objective; at least one usable leg must have a figure for it. */
  objective?: RouteObjective;
  /**
   * The generalised cost (US$/t) of each open leg, in the network's leg order (`routeCostsFor`).
   * When given, it is the objective unless another is forced.
   */
  legCost?: Float64Array;
}

export interface RouteModel {
  readonly network: RouteNetwork;
  readonly shipments: readonly Shipment[];
  readonly objective: RouteObjective;
  /**
   * Usable legs with no figure for the objective: each was given the largest figure known for
   * a usable leg of its mode (of any mode when its mode has none), so that an unknown leg is
   * never preferred to a known one. Reported figures (days, costs) stay null for them.
   */
  readonly filledLegs: readonly string[];
  /** The figure given to unknown legs, by mode. */
  readonly fillByMode: Readonly<Record<string, number>>;
  /** The objective's value per tonne on each leg, gaps filled (unscaled; 1 per leg for "legs"). */
  readonly metric: Float64Array;
  readonly lp: LpModel;
  /** LP tonnes = tonnes / tonneScale; LP cost = metric / costScale. */
  readonly tonneScale: number;
  readonly costScale: number;
  /** Cost (scaled) of leaving one scaled tonne unshipped. */
  readonly penalty: number;
  /** Destination node of each commodity. */
  readonly commodityNode: Int32Array;
  /** Columns of commodity k: `commodityColStart[k] .. commodityColStart[k + 1] - 1`. */
  readonly commodityColStart: Int32Array;
  /** The leg of each column; -1 for a shipment's unshipped column. */
  readonly colLeg: Int32Array;
  /** Per shipment: its source and destination node, commodity, unshipped column; -1 when not in the LP. */
  readonly shipmentSource: Int32Array;
  readonly shipmentCommodity: Int32Array;
  readonly shipmentCol: Int32Array;
  /** Shipments that cannot enter the LP, and why. */
  readonly preBound: ReadonlyMap<number, RouteBinding>;
  /** Leg of each capacity row, -1 for conservation rows. */
  readonly rowLeg: Int32Array;
}

/** A growable typed buffer, to build arrays of unknown length without boxing. */
class _Buf<T extends Int32Array | Float64Array> {
  n = 0;
  constructor(
    public a: T,
    private readonly make: (n: number) => T,
  ) {}
  push(v: number): void {
    if (this.n === this.a.length) {
      const b = this.make(this.a.length * 2 + 16);
      b.set(this.a);
      this.a = b;
    }
    this.a[this.n++] = v;
  }
  done(): T {
    return this.a.slice(0, this.n) as T;
  }
}
const _ints = () => new _Buf(new Int32Array(1024), (n) => new Int32Array(n));
const _floats = () => new _Buf(new Float64Array(1024), (n) => new Float64Array(n));

const METRIC: Record<
  Exclude<RouteObjective, "legs" | "generalised">,
  (l: RouteLeg) => number | null
> = {
  cost: (l) => l.costUsdPerTonne,
  days: (l) => l.transitDays,
  distance: (l) => l.distanceKm,
};

/** The order the router tries objectives in when none is forced. */
const AUTO_ORDER = ["cost", "days", "distance"] as const;

function _offReason(net: RouteNetwork, id: string): string | undefined {
  return net.off.find((o) => o.kind === "node" && o.id === id)?.reason;
}

/** The source node of a shipment, or why it has none. */
function _source(net: RouteNetwork, s: Shipment): number | RouteBinding {
  const ids = s.from !== undefined ? [s.from] : (net.nodesOfAsset.get(s.asset) ?? []);
  for (const id of ids) {
    const i = net.nodeIndex.get(id);
    if (i !== undefined) return i;
  }
  if (ids.length === 0)
    return {
      kind: "no-node",
      legs: [],
      message: `${s.asset} has no node in the route network`,
    };
  return {
    kind: "no-node",
    legs: [],
    message: `${s.asset}'s route node ${ids.map((id) => `${id} is ${_offReason(net, id) ?? "not in the network"}`).join(", ")}`,
  };
}

function _destination(net: RouteNetwork, s: Shipment): number | RouteBinding {
  if (s.destination === null)
    return { kind: "no-destination", legs: [], message: s.note ?? "No destination" };
  const i = net.nodeIndex.get(s.destination);
  if (i !== undefined) return i;
  const why = net.allNodes.has(s.destination)
    ? `is ${_offReason(net, s.destination) ?? "off"}`
    : "is not a route node";
  return { kind: "no-destination", legs: [], message: `Destination ${s.destination} ${why}` };
}

/**
 * Legs that are off and leave the part of the network reachable from `src`: what would have
 * opened a route.
 */
export function blockedLegsFrom(net: RouteNetwork, src: number): string[] {
  const seen = new Uint8Array(net.nodes.length);
  const queue = [src];
  seen[src] = 1;
  while (queue.length > 0) {
    const u = queue.pop() as number;
    for (let p = net.outStart[u] as number; p < (net.outStart[u + 1] as number); p++) {
      const v = net.legTo[net.outLegs[p] as number] as number;
      if (!seen[v]) {
        seen[v] = 1;
        queue.push(v);
      }
    }
  }
  const reached = new Set<string>();
  for (let i = 0; i < seen.length; i++)
    if (seen[i]) reached.add((net.nodes[i] as { id: string }).id);
  const offLegs = new Set(net.off.filter((o) => o.kind === "leg").map((o) => o.id));
  return net.allLegs
    .filter((l) => offLegs.has(l.id) && reached.has(l.from))
    .map((l) => l.id as string)
    .sort();
}

/** Where each shipment starts and ends (node indices, -1 when bound before the LP) and why not. */
interface _Ends {
  shipmentSource: Int32Array;
  dest: Int32Array;
  preBound: Map<number, RouteBinding>;
  /** The largest shipment with both ends on the network, tonnes. */
  maxTonnes: number;
}

/** Each shipment's source and destination node, or the binding that keeps it off the network. */
function shipmentEndsOf(net: RouteNetwork, shipments: readonly Shipment[]): _Ends {
  const S = shipments.length;
  const shipmentSource = new Int32Array(S).fill(-1);
  const preBound = new Map<number, RouteBinding>();
  const dest = new Int32Array(S).fill(-1);
  let maxTonnes = 0;
  for (const [i, s] of shipments.entries()) {
    if (!(Number.isFinite(s.tonnes) && s.tonnes >= 0))
      throw new OrebookError(
        "BAD_INPUT",
        `Shipment of ${s.asset} has ${s.tonnes} tonnes: expected a number >= 0`,
      );
    const src = _source(net, s);
    const dst = _destination(net, s);
    if (typeof dst !== "number") preBound.set(i, dst);
    else if (typeof src !== "number") preBound.set(i, src);
    else {
      shipmentSource[i] = src;
      dest[i] = dst;
      if (s.tonnes > maxTonnes) maxTonnes = s.tonnes;
    }
  }
  return { shipmentSource, dest, preBound, maxTonnes };
}

/** Commodities: the distinct destinations, in node order, each with its shipments. */
function commoditiesOf(
  shipments: readonly Shipment[],
  dest: Int32Array,
): { dests: number[]; byDest: Map<number, number[]> } {
  const byDest = new Map<number, number[]>();
  for (let i = 0; i < shipments.length; i++) {
    const d = dest[i] as number;
    if (d < 0 || (shipments[i] as Shipment).tonnes <= 0) continue;
    const list = byDest.get(d);
    if (list) list.push(i);
    else byDest.set(d, [i]);
  }
  return { dests: [...byDest.keys()].sort((a, b) => a - b), byDest };
}

/** The LP's sparse columns and rows as they are built, and the scratch the builder reuses. */
class _LpBuilder {
  readonly colLeg = _ints();
  readonly starts = _ints();
  readonly rowIndex = _ints();
  readonly values = _floats();
  readonly rowLower = _floats();
  readonly rowUpper = _floats();
  readonly rowLeg = _ints();
  readonly unshippedShipments: number[] = [];
  readonly capRow: Int32Array;
  readonly fwd: Int32Array;
  readonly bwd: Int32Array;
  readonly rowOf: Int32Array;
  readonly queue: Int32Array;
  readonly fwdList: Int32Array;
  readonly usedLeg: Uint8Array;
  maxRelevantNodes = 1;

  constructor(
    readonly net: RouteNetwork,
    readonly shipments: readonly Shipment[],
    readonly ends: _Ends,
    readonly tonneScale: number,
    readonly shipmentCommodity: Int32Array,
    readonly shipmentCol: Int32Array,
  ) {
    const N = net.nodes.length;
    const L = net.legs.length;
    this.capRow = new Int32Array(L).fill(-1);
    this.fwd = new Int32Array(N).fill(-1);
    this.bwd = new Int32Array(N).fill(-1);
    this.rowOf = new Int32Array(N);
    this.queue = new Int32Array(N);
    this.fwdList = new Int32Array(N);
    this.usedLeg = new Uint8Array(L);
  }

  /** Marks (bwd = k) the nodes that can reach destination `t`. */
  markBackward(k: number, t: number): void {
    const { net, bwd, queue } = this;
    let qh = 0;
    let qt = 0;
    bwd[t] = k;
    queue[qt++] = t;
    while (qh < qt) {
      const v = queue[qh++] as number;
      for (let p = net.inStart[v] as number; p < (net.inStart[v + 1] as number); p++) {
        const u = net.legFrom[net.inLegs[p] as number] as number;
        if (bwd[u] !== k) {
          bwd[u] = k;
          queue[qt++] = u;
        }
      }
    }
  }

  /**
   * Marks (fwd = k) and lists the nodes reached forward from the sources of `list` that can
   * reach `t`, through such nodes only; a source that cannot is bound "no-route". The count.
   */
  markForward(k: number, t: number, list: readonly number[]): number {
    const { net, bwd, fwd, fwdList } = this;
    const { shipmentSource, preBound } = this.ends;
    let nf = 0;
    for (const i of list) {
      const src = shipmentSource[i] as number;
      if (src === t) continue; // already at its destination: nothing to move
      if (bwd[src] !== k) {
        const legs = blockedLegsFrom(net, src);
        preBound.set(i, {
          kind: "no-route",
          legs,
          message: `No open route from ${(net.nodes[src] as RouteNode).id} to ${(net.nodes[t] as RouteNode).id}${legs.length > 0 ? `; off on the way: ${legs.join(", ")}` : ""}`,
        });
        continue;
      }
      if (fwd[src] !== k) {
        fwd[src] = k;
        fwdList[nf++] = src;
      }
    }
    for (let h = 0; h < nf; h++) {
      const u = fwdList[h] as number;
      if (u === t) continue;
      for (let p = net.outStart[u] as number; p < (net.outStart[u + 1] as number); p++) {
        const v = net.legTo[net.outLegs[p] as number] as number;
        if (bwd[v] === k && fwd[v] !== k) {
          fwd[v] = k;
          fwdList[nf++] = v;
        }
      }
    }
    return nf;
  }

  /** One conservation row per relevant node but the destination; supply on the right. */
  addConservationRows(t: number, nf: number): void {
    let relevant = 0;
    for (let h = 0; h < nf; h++) {
      const u = this.fwdList[h] as number;
      if (u === t) continue;
      this.rowOf[u] = this.rowLower.n;
      this.rowLower.push(0);
      this.rowUpper.push(0);
      this.rowLeg.push(-1);
      relevant++;
    }
    if (relevant + 1 > this.maxRelevantNodes) this.maxRelevantNodes = relevant + 1;
  }

  /** Flow columns: one per leg out of a relevant node, in its capacity row when it has one. */
  addFlowColumns(k: number, t: number, nf: number): void {
    const { net, fwd, fwdList, rowOf, capRow } = this;
    for (let h = 0; h < nf; h++) {
      const u = fwdList[h] as number;
      if (u === t) continue;
      for (let p = net.outStart[u] as number; p < (net.outStart[u + 1] as number); p++) {
        const e = net.outLegs[p] as number;
        const v = net.legTo[e] as number;
        if (v === u || (v !== t && fwd[v] !== k)) continue; // a loop carries nothing
        this.starts.push(this.rowIndex.n);
        this.colLeg.push(e);
        this.usedLeg[e] = 1;
        this.rowIndex.push(rowOf[u] as number);
        this.values.push(1);
        if (v !== t) {
          this.rowIndex.push(rowOf[v] as number);
          this.values.push(-1);
        }
        if (net.capacity[e] !== Number.POSITIVE_INFINITY) {
          if ((capRow[e] as number) < 0) {
            capRow[e] = this.rowLower.n;
            this.rowLower.push(Number.NEGATIVE_INFINITY);
            this.rowUpper.push((net.capacity[e] as number) / this.tonneScale);
            this.rowLeg.push(e);
          }
          this.rowIndex.push(capRow[e] as number);
          this.values.push(1);
        }
      }
    }
  }

  /** One unshipped column per shipment, in its source's row, while `rowOf` is this commodity's. */
  addUnshippedColumns(k: number, t: number, list: readonly number[]): void {
    const { shipmentSource, preBound } = this.ends;
    for (const i of list) {
      const src = shipmentSource[i] as number;
      if (preBound.has(i) || src === t) continue;
      this.shipmentCommodity[i] = k;
      const r = this.rowOf[src] as number;
      const tonnes = (this.shipments[i] as Shipment).tonnes / this.tonneScale;
      this.rowLower.a[r] = (this.rowLower.a[r] as number) + tonnes;
      this.rowUpper.a[r] = (this.rowUpper.a[r] as number) + tonnes;
      this.shipmentCol[i] = this.colLeg.n;
      this.starts.push(this.rowIndex.n);
      this.colLeg.push(-1);
      this.rowIndex.push(r);
      this.values.push(1);
      this.unshippedShipments.push(i);
    }
  }
}

/**
 * The objective: cost if every usable leg has one, else the first complete proxy, else the
 * proxy known on most usable legs (its gaps are filled pessimistically, see `metricOf`).
 */
function objectiveOf(
  used: readonly RouteLeg[],
  legs: number,
  opts: RouteModelOptions,
): RouteObjective {
  const known = (o: Exclude<RouteObjective, "legs" | "generalised">) =>
    used.filter((l) => METRIC[o](l) !== null).length;
  if (opts.objective === "generalised" || (opts.objective === undefined && opts.legCost)) {
    if (!opts.legCost || opts.legCost.length !== legs)
      throw new OrebookError(
        "BAD_INPUT",
        "Cannot route by generalised cost: no generalised cost per leg was given",
      );
    return "generalised";
  }
  if (opts.objective !== undefined) {
    const objective = opts.objective;
    if (objective !== "legs" && used.length > 0 && known(objective) === 0)
      throw new OrebookError(
        "INVALID_DATA",
        `Cannot route by ${objective}: no usable leg has a ${objective} figure`,
      );
    return objective;
  }
  const complete = AUTO_ORDER.find((o) => known(o) === used.length);
  const most = [...AUTO_ORDER].sort(
    (x, y) => known(y) - known(x),
  )[0] as (typeof AUTO_ORDER)[number];
  return complete ?? (known(most) > 0 ? most : "legs");
}

/**
 * Each leg's figure for `objective`; a leg without one counts as the largest known for its mode
 * (else of all), so an unknown leg is never preferred to a known one.
 */
function metricOf(
  net: RouteNetwork,
  objective: RouteObjective,
  used: readonly RouteLeg[],
  usedLeg: Uint8Array,
  opts: RouteModelOptions,
): { metric: Float64Array; filledLegs: string[]; fillByMode: Record<string, number> } {
  const L = net.legs.length;
  const metric = new Float64Array(L);
  const filledLegs: string[] = [];
  const fillByMode: Record<string, number> = {};
  if (objective === "legs") metric.fill(1);
  else if (objective === "generalised") metric.set(opts.legCost as Float64Array);
  else {
    const get = METRIC[objective];
    let maxAll = 0;
    for (const l of used) {
      const v = get(l);
      if (v === null) continue;
      if (v > maxAll) maxAll = v;
      if (v > (fillByMode[l.mode] ?? Number.NEGATIVE_INFINITY)) fillByMode[l.mode] = v;
    }
    for (let e = 0; e < L; e++) {
      const l = net.legs[e] as RouteLeg;
      const v = get(l);
      if (v !== null) metric[e] = v;
      else {
        fillByMode[l.mode] ??= maxAll;
        metric[e] = fillByMode[l.mode] as number;
        if (usedLeg[e]) filledLegs.push(l.id);
      }
    }
  }
  return { metric, filledLegs, fillByMode };
}

/**
 * The routing LP for `shipments` over `network`: one commodity per destination, a conservation
 * row per node that matters to it, a column per leg it may use and one for its unshipped tonnes.
 *
 * @example const m = routeModelFrom(net, [{ asset: "kamoa-kakula", destination: "market-cn", tonnes: 400_000 }]);
 */
export function routeModelFrom(
  network: RouteNetwork,
  shipments: readonly Shipment[],
  opts: RouteModelOptions = {},
): RouteModel {
  const net = network;
  const L = net.legs.length;
  const S = shipments.length;

  const ends = shipmentEndsOf(net, shipments);
  const { shipmentSource, preBound } = ends;
  const shipmentCommodity = new Int32Array(S).fill(-1);
  const shipmentCol = new Int32Array(S).fill(-1);
  // Tonnes in units that put the largest shipment between 10 and 1,000.
  const tonneScale = 10 ** Math.max(0, Math.floor(Math.log10(Math.max(ends.maxTonnes, 1))) - 2);

  const { dests, byDest } = commoditiesOf(shipments, ends.dest);
  const K = dests.length;
  const commodityNode = Int32Array.from(dests);
  const commodityColStart = new Int32Array(K + 1);

  const b = new _LpBuilder(net, shipments, ends, tonneScale, shipmentCommodity, shipmentCol);
  for (let k = 0; k < K; k++) {
    const t = dests[k] as number;
    const list = byDest.get(t) as number[];
    b.markBackward(k, t);
    const nf = b.markForward(k, t, list);
    b.addConservationRows(t, nf);
    b.addFlowColumns(k, t, nf);
    b.addUnshippedColumns(k, t, list);
    commodityColStart[k + 1] = b.colLeg.n;
  }
  b.starts.push(b.rowIndex.n);

  const used: RouteLeg[] = [];
  for (let e = 0; e < L; e++) if (b.usedLeg[e]) used.push(net.legs[e] as RouteLeg);
  const objective = objectiveOf(used, L, opts);
  const { metric, filledLegs, fillByMode } = metricOf(net, objective, used, b.usedLeg, opts);
  let costScale = 0;
  for (let e = 0; e < L; e++)
    if (b.usedLeg[e] && (metric[e] as number) > costScale) costScale = metric[e] as number;
  if (!(costScale > 0)) costScale = 1;
  // Larger than twice the dearest simple path (at most maxRelevantNodes - 1 legs at cost <= 1):
  // a tonne is left unshipped only when no route has room, even counting one displaced shipment.
  const penalty = 2 * b.maxRelevantNodes + 1;

  const numCols = b.starts.n - 1;
  const colCost = new Float64Array(numCols);
  const colLower = new Float64Array(numCols);
  const colUpper = new Float64Array(numCols).fill(Number.POSITIVE_INFINITY);
  const legOfCol = b.colLeg.done();
  for (let c = 0; c < numCols; c++) {
    const e = legOfCol[c] as number;
    if (e >= 0) colCost[c] = (metric[e] as number) / costScale;
  }
  for (const i of b.unshippedShipments) {
    const c = shipmentCol[i] as number;
    colCost[c] = penalty;
    colUpper[c] = (shipments[i] as Shipment).tonnes / tonneScale;
  }
  const lp: LpModel = {
    numCols,
    numRows: b.rowLower.n,
    colCost,
    colLower,
    colUpper,
    rowLower: b.rowLower.done(),
    rowUpper: b.rowUpper.done(),
    colStarts: b.starts.done(),
    rowIndex: b.rowIndex.done(),
    values: b.values.done(),
  };
  return {
    network: net,
    shipments,
    objective,
    metric,
    filledLegs,
    fillByMode,
    lp,
    tonneScale,
    costScale,
    penalty,
    commodityNode,
    commodityColStart,
    colLeg: legOfCol,
    shipmentSource,
    shipmentCommodity,
    shipmentCol,
    preBound,
    rowLeg: b.rowLeg.done(),
  };
}
