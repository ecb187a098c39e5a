/**
 * The route network as the router sees it: the nodes and legs open on the world's date, in
 * flat arrays with adjacency lists. Planned nodes and legs (the Banana port) are off unless a
 * scenario opens them; a scenario can also close a node, a leg or a whole corridor.
 * Methodology: docs/methodology-routes.md.
 */

import type { Asset } from "../../model/asset.js";
import { OrebookError } from "../../model/errors.js";
import type { RouteLeg, RouteNode } from "../../model/route.js";
import type { World } from "../../model/world.js";
import { greatCircleKm } from "./route-geo.js";

export interface RouteNetworkOptions {
  /**
   * Planned or closed nodes, legs or corridors (by id or corridor name) to switch on. Opening a
   * node also opens the planned legs that touch it; opening a corridor opens its legs and the
   * planned nodes at their ends.
   */
  open?: readonly string[];
  /** Nodes, legs or corridors (by id or corridor name) to close. */
  closed?: readonly string[];
  /**
   * Add the world market at the coast: a node reached from every open port at no cost, where
   * tonnes with no recorded buyer country (or none with a market node) are delivered.
   */
  worldMarket?: boolean;
  /**
   * Producing assets with no route node of their own: each gets one, joined by road to the
   * nearest hub of its country (by its sourced coordinates), else to the hub the other mines of
   * its province use. The node and leg are engine-made and listed in `connected`.
   */
  connect?: readonly Asset[];
  /**
   * Capacities (t/y) for legs that have none in the data: fitted parameters of the calibration
   * (`capacityOverridesFrom`). A leg with a sourced capacity keeps it.
   */
  capacity?: ReadonlyMap<string, number>;
  /** The province of every asset, for `connect` (joining the hub of a province's mines). */
  provinces?: ReadonlyMap<string, string | null>;
}

/** An asset the engine joined to the network, and how. */
export interface RouteConnection {
  asset: string;
  node: string;
  leg: string;
  hub: string;
  how: string;
}

/** The node id of the world market at the coast (added by `worldMarket: true`). */
export const WORLD_MARKET = "world-market";

/** A node or leg that is not part of the network, and why. */
export interface RouteOff {
  id: string;
  kind: "node" | "leg";
  reason: string;
}

export interface RouteNetwork {
  /** Open nodes; a node's index is its position here. */
  readonly nodes: readonly RouteNode[];
  readonly nodeIndex: ReadonlyMap<string, number>;
  /** Open legs between open nodes; a leg's index is its position here. */
  readonly legs: readonly RouteLeg[];
  readonly legFrom: Int32Array;
  readonly legTo: Int32Array;
  /** Tonnes per year; `Infinity` where the capacity is unknown. */
  readonly capacity: Float64Array;
  /** Legs leaving node i: `outLegs[outStart[i] .. outStart[i + 1] - 1]`. */
  readonly outStart: Int32Array;
  readonly outLegs: Int32Array;
  /** Legs entering node i. */
  readonly inStart: Int32Array;
  readonly inLegs: Int32Array;
  /** Every node of the world, open or not, by id (to explain what is off). */
  readonly allNodes: ReadonlyMap<string, RouteNode>;
  /** Every leg of the world, open or not. */
  readonly allLegs: readonly RouteLeg[];
  /** The node ids that stand for each asset (open or not). */
  readonly nodesOfAsset: ReadonlyMap<string, readonly string[]>;
  /** Nodes and legs that are off, with the reason. */
  readonly off: readonly RouteOff[];
  /** What the options opened and closed, as given. */
  readonly opened: readonly string[];
  readonly closed: readonly string[];
  /** Legs the engine added (to the world market at the coast), not in the data. */
  readonly virtualLegs: ReadonlySet<string>;
  /** Legs whose capacity is a fitted parameter (`capacity`), not a sourced figure. */
  readonly fittedLegs: ReadonlySet<string>;
  /** Assets the engine joined to the network (`connect`). */
  readonly connected: readonly RouteConnection[];
}

function _csr(n: number, keys: Int32Array): { start: Int32Array; items: Int32Array } {
  const start = new Int32Array(n + 1);
  for (const k of keys) start[k + 1] = (start[k + 1] as number) + 1;
  for (let i = 0; i < n; i++) start[i + 1] = (start[i + 1] as number) + (start[i] as number);
  const fill = start.slice(0, n);
  const items = new Int32Array(keys.length);
  for (let e = 0; e < keys.length; e++) {
    const k = keys[e] as number;
    items[fill[k] as number] = e;
    fill[k] = (fill[k] as number) + 1;
  }
  return { start, items };
}

/** The network as it is assembled: its nodes and legs, and the nodes added by the engine. */
interface _Net {
  nodes: RouteNode[];
  nodeIndex: Map<string, number>;
  nodesOfAsset: Map<string, string[]>;
  legs: RouteLeg[];
  extra: Map<string, RouteNode>;
}

/** The legs by id and the corridor names; rejects an unknown id or one both opened and closed. */
function checkedIds(
  world: Pick<World, "routeNodes" | "routeLegs">,
  open: readonly string[],
  closed: readonly string[],
): { legById: Map<string, RouteLeg>; corridors: Set<string> } {
  const corridors = new Set<string>();
  const legById = new Map<string, RouteLeg>();
  for (const l of world.routeLegs) {
    legById.set(l.id, l);
    if (l.corridor !== undefined) corridors.add(l.corridor);
  }
  const known = (id: string) => world.routeNodes.has(id) || legById.has(id) || corridors.has(id);
  const unknown = [...open, ...closed].filter((id) => !known(id));
  if (unknown.length > 0)
    throw new OrebookError(
      "BAD_INPUT",
      `Unknown route node, leg or corridor: ${[...new Set(unknown)].join(", ")}`,
      {
        issues: [...new Set(unknown)].map((id) => ({
          path: ["routes"],
          message: `${id} is not a route node id, a route leg id or a corridor name`,
        })),
      },
    );
  const both = open.filter((id) => closed.includes(id));
  if (both.length > 0)
    throw new OrebookError(
      "BAD_INPUT",
      `Route ${both.join(", ")} cannot be both opened and closed`,
    );
  return { legById, corridors };
}

/**
 * What opening `open` opens: a node and its planned legs, a leg, a corridor's legs and the
 * planned nodes at their ends.
 */
function openedBy(
  world: Pick<World, "routeNodes" | "routeLegs">,
  open: ReadonlySet<string>,
  legById: ReadonlyMap<string, RouteLeg>,
  corridors: ReadonlySet<string>,
): { openedNodes: Set<string>; openedLegs: Set<string> } {
  const openedNodes = new Set<string>();
  const openedLegs = new Set<string>();
  for (const id of open) {
    if (world.routeNodes.has(id)) {
      openedNodes.add(id);
      for (const l of world.routeLegs)
        if ((l.from === id || l.to === id) && l.status === "planned") openedLegs.add(l.id);
    }
    if (legById.has(id)) openedLegs.add(id);
    if (corridors.has(id))
      for (const l of world.routeLegs) {
        if (l.corridor !== id) continue;
        openedLegs.add(l.id);
        for (const end of [l.from, l.to])
          if (world.routeNodes.get(end)?.status === "planned") openedNodes.add(end);
      }
  }
  return { openedNodes, openedLegs };
}

/** The nodes in use, by id; the others go to `off` with the reason (returned by id too). */
function nodesOn(
  world: Pick<World, "routeNodes" | "routeLegs">,
  closed: ReadonlySet<string>,
  openedNodes: ReadonlySet<string>,
  off: RouteOff[],
): { net: _Net; nodeOff: Map<string, string> } {
  const nodes: RouteNode[] = [];
  const nodeIndex = new Map<string, number>();
  const nodesOfAsset = new Map<string, string[]>();
  const nodeOff = new Map<string, string>();
  for (const n of [...world.routeNodes.values()].sort((a, b) => (a.id < b.id ? -1 : 1))) {
    if (n.asset !== undefined) {
      const list = nodesOfAsset.get(n.asset);
      if (list) list.push(n.id);
      else nodesOfAsset.set(n.asset, [n.id]);
    }
    let reason: string | undefined;
    if (closed.has(n.id)) reason = "closed by the scenario";
    else if (n.status !== "operating" && !openedNodes.has(n.id))
      reason = n.status === "planned" ? "planned, not opened" : "closed in the data";
    if (reason !== undefined) {
      nodeOff.set(n.id, reason);
      off.push({ id: n.id, kind: "node", reason });
      continue;
    }
    nodeIndex.set(n.id, nodes.length);
    nodes.push(n);
  }
  return { net: { nodes, nodeIndex, nodesOfAsset, legs: [], extra: new Map() }, nodeOff };
}

/**
 * The legs in use (with a fitted capacity where the data has none) into `net.legs`; the others
 * go to `off` with the reason. The ids of the legs whose capacity was fitted.
 */
function addLegsOn(
  world: Pick<World, "routeNodes" | "routeLegs">,
  opts: RouteNetworkOptions,
  closed: ReadonlySet<string>,
  openedLegs: ReadonlySet<string>,
  net: _Net,
  nodeOff: ReadonlyMap<string, string>,
  off: RouteOff[],
): Set<string> {
  const fittedLegs = new Set<string>();
  for (const l of [...world.routeLegs].sort((a, b) => (a.id < b.id ? -1 : 1))) {
    let reason: string | undefined;
    if (closed.has(l.id)) reason = "closed by the scenario";
    else if (l.corridor !== undefined && closed.has(l.corridor))
      reason = `corridor ${l.corridor} closed by the scenario`;
    else if (l.status !== "operating" && !openedLegs.has(l.id))
      reason = l.status === "planned" ? "planned, not opened" : "closed in the data";
    else if (!net.nodeIndex.has(l.from))
      reason = `node ${l.from} is off (${nodeOff.get(l.from) ?? "unknown node"})`;
    else if (!net.nodeIndex.has(l.to))
      reason = `node ${l.to} is off (${nodeOff.get(l.to) ?? "unknown node"})`;
    if (reason !== undefined) {
      off.push({ id: l.id, kind: "leg", reason });
      continue;
    }
    const fitted = opts.capacity?.get(l.id);
    if (fitted !== undefined && l.capacityTonnesPerYear === null) {
      fittedLegs.add(l.id);
      net.legs.push({ ...l, capacityTonnesPerYear: fitted });
    } else net.legs.push(l);
  }
  return fittedLegs;
}

/** Whether an open port can be reached from a node (memoised): a mine is never joined to a dead end. */
function reachesPortFn(net: _Net): (start: string) => boolean {
  const reach = new Map<string, boolean>();
  return (start: string): boolean => {
    const known = reach.get(start);
    if (known !== undefined) return known;
    const seen = new Set([start]);
    const stack = [start];
    let found = false;
    while (stack.length > 0 && !found) {
      const u = stack.pop() as string;
      for (const l of net.legs) {
        if (l.from !== u || seen.has(l.to)) continue;
        if (net.nodes[net.nodeIndex.get(l.to) ?? -1]?.kind === "port") found = true;
        seen.add(l.to);
        stack.push(l.to);
      }
    }
    reach.set(start, found);
    return found;
  };
}

/**
 * The hub an asset with no route node is joined to: the nearest of its country's hubs that reach
 * a port by its coordinates, else the hub the other mines of its province use; and how.
 */
function hubFor(
  world: Pick<World, "routeNodes" | "routeLegs">,
  opts: RouteNetworkOptions,
  a: Asset,
  hubs: readonly RouteNode[],
): { hub: RouteNode; how: string } | undefined {
  if (a.location) {
    let hub: RouteNode | undefined;
    let best = Number.POSITIVE_INFINITY;
    for (const h of hubs) {
      if (!h.location) continue;
      const d = greatCircleKm(a.location, h.location);
      if (d < best) {
        best = d;
        hub = h;
      }
    }
    if (hub)
      return {
        hub,
        how: `nearest hub by the asset's coordinates (${Math.round(best)} km straight line)`,
      };
  }
  if (a.province) {
    const assetProvince = (id: string) => opts.provinces?.get(id) ?? null;
    const count = new Map<string, number>();
    for (const n of world.routeNodes.values()) {
      if (n.kind !== "mine" || n.asset === undefined) continue;
      if (assetProvince(n.asset) !== a.province) continue;
      for (const l of world.routeLegs)
        if (l.from === n.id && hubs.some((h) => h.id === l.to))
          count.set(l.to, (count.get(l.to) ?? 0) + 1);
    }
    const top = [...count.entries()].sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1))[0];
    if (top) {
      const hub = hubs.find((h) => h.id === top[0]);
      if (hub)
        return { hub, how: `the hub the other mines of ${a.province} use (${top[1]} of them)` };
    }
  }
  return undefined;
}

/** Joins each asset of `opts.connect` with no route node to a hub by a node and a road leg. */
function connectAssets(
  world: Pick<World, "routeNodes" | "routeLegs">,
  opts: RouteNetworkOptions,
  net: _Net,
): RouteConnection[] {
  const connected: RouteConnection[] = [];
  const reachesPort = reachesPortFn(net);
  for (const a of opts.connect ?? []) {
    if ((net.nodesOfAsset.get(a.id) ?? []).length > 0) continue;
    const hubs = net.nodes.filter(
      (n) => n.kind === "hub" && n.country === a.country && reachesPort(n.id),
    );
    const found = hubFor(world, opts, a, hubs);
    if (!found) continue;
    const { hub, how } = found;
    const id = `auto-node-${a.id}`;
    const node = {
      id,
      name: a.name,
      kind: "mine",
      country: a.country,
      location: a.location,
      asset: a.id,
      status: "operating",
      sources: a.sources,
      asOf: a.asOf,
      note: `Added by the engine: ${a.id} has no route node; joined to ${hub.id} (${how}).`,
    } as unknown as RouteNode;
    net.nodeIndex.set(id, net.nodes.length);
    net.nodes.push(node);
    net.extra.set(id, node);
    net.nodesOfAsset.set(a.id, [id]);
    const legId = `auto-leg-${a.id}`;
    net.legs.push({
      id: legId,
      from: id,
      to: hub.id,
      mode: "road",
      distanceKm: null,
      capacityTonnesPerYear: null,
      costUsdPerTonne: null,
      transitDays: null,
      status: "operating",
      sources: a.sources,
      asOf: a.asOf,
      note: node.note,
    } as unknown as RouteLeg);
    connected.push({ asset: a.id, node: id, leg: legId, hub: hub.id, how });
  }
  return connected;
}

/** Adds the world market at the coast and a free sea leg to it from every port; their ids. */
function addWorldMarket(net: _Net): Set<string> {
  const virtualLegs = new Set<string>();
  const ports = net.nodes.filter((n) => n.kind === "port");
  const wm = {
    id: WORLD_MARKET,
    name: "World market (at the coast)",
    kind: "market",
    country: "ZZ",
    location: null,
    status: "operating",
    sources: [],
    asOf: "",
    note: "Added by the engine: tonnes with no recorded buyer country are delivered at the export port.",
  } as unknown as RouteNode;
  net.nodeIndex.set(WORLD_MARKET, net.nodes.length);
  net.nodes.push(wm);
  net.extra.set(WORLD_MARKET, wm);
  for (const p of ports) {
    const id = `${p.id}--${WORLD_MARKET}`;
    virtualLegs.add(id);
    net.legs.push({
      id,
      from: p.id,
      to: WORLD_MARKET,
      mode: "sea",
      distanceKm: 0,
      capacityTonnesPerYear: null,
      costUsdPerTonne: 0,
      transitDays: 0,
      status: "operating",
      sources: [],
      asOf: "",
    } as unknown as RouteLeg);
  }
  return virtualLegs;
}

/**
 * The open route network of `world`, with the scenario's openings and closures: the nodes and
 * legs in use (the rest listed as off, with the reason), assets joined to a hub, the world
 * market, and the legs out of and into each node as index arrays.
 *
 * @example routeNetworkFrom(world, { open: ["banana-port"], closed: ["Lobito"] })
 */
export function routeNetworkFrom(
  world: Pick<World, "routeNodes" | "routeLegs">,
  opts: RouteNetworkOptions = {},
): RouteNetwork {
  const open = [...(opts.open ?? [])];
  const closed = [...(opts.closed ?? [])];
  const { legById, corridors } = checkedIds(world, open, closed);
  const closedSet = new Set(closed);
  const { openedNodes, openedLegs } = openedBy(world, new Set(open), legById, corridors);

  const off: RouteOff[] = [];
  const { net, nodeOff } = nodesOn(world, closedSet, openedNodes, off);
  const fittedLegs = addLegsOn(world, opts, closedSet, openedLegs, net, nodeOff, off);
  const connected = connectAssets(world, opts, net);
  const virtualLegs = opts.worldMarket ? addWorldMarket(net) : new Set<string>();
  const { nodes, nodeIndex, legs, nodesOfAsset, extra } = net;
  const allNodes: ReadonlyMap<string, RouteNode> =
    extra.size > 0 ? new Map([...world.routeNodes, ...extra]) : world.routeNodes;

  const m = legs.length;
  const legFrom = new Int32Array(m);
  const legTo = new Int32Array(m);
  const capacity = new Float64Array(m);
  for (const [e, l] of legs.entries()) {
    legFrom[e] = nodeIndex.get(l.from) as number;
    legTo[e] = nodeIndex.get(l.to) as number;
    capacity[e] = l.capacityTonnesPerYear ?? Number.POSITIVE_INFINITY;
  }
  const out = _csr(nodes.length, legFrom);
  const inn = _csr(nodes.length, legTo);
  return {
    nodes,
    nodeIndex,
    legs,
    legFrom,
    legTo,
    capacity,
    outStart: out.start,
    outLegs: out.items,
    inStart: inn.start,
    inLegs: inn.items,
    allNodes,
    allLegs: world.routeLegs,
    nodesOfAsset,
    off,
    opened: open,
    closed,
    virtualLegs,
    fittedLegs,
    connected,
  };
}
