/**
 * The ownership graph of a world: every entity and asset a node, every stake in force an edge.
 * A world keeps its graph: built once on first use, or attached by whoever built both (a world
 * read from the store's columns comes with the graph built from them, `app/register-world.ts`),
 * so every report on one world reads one graph.
 */
import type { World } from "../../model/world.js";
import { type OwnershipGraph, ownershipGraphFrom, type StakeEdge } from "./ownership-graph.js";

const graphs = new WeakMap<World, OwnershipGraph>();

/** Gives `world` the graph of its entities, assets and stakes, built by the caller. */
export function attachGraph(world: World, graph: OwnershipGraph): void {
  graphs.set(world, graph);
}

/** The world's graph; entities first, then assets, in dataset order. */
export function ownershipGraphOf(world: World): OwnershipGraph {
  const known = graphs.get(world);
  if (known) return known;
  const ids = [...world.entities.keys(), ...world.assets.keys()] as string[];
  const edges: StakeEdge[] = world.stakes.map((s) => ({
    owner: s.owner,
    owned: s.owned,
    share: s.share,
    shareMin: s.shareMin ?? s.share,
    shareMax: s.shareMax ?? s.share,
  }));
  const graph = ownershipGraphFrom(ids, edges);
  graphs.set(world, graph);
  return graph;
}
