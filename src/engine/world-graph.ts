/** The ownership graph of a world: every entity and asset a node, every stake in force an edge. */
import type { World } from "../model/world.js";
import { type OwnershipGraph, ownershipGraphFrom, type StakeEdge } from "./ownership-graph.js";

/** Builds the graph once per world; entities first, then assets, in dataset order. */
export function ownershipGraphOf(world: World): OwnershipGraph {
  const ids = [...world.entities.keys(), ...world.assets.keys()] as string[];
  const edges: StakeEdge[] = world.stakes.map((s) => ({
    owner: s.owner,
    owned: s.owned,
    share: s.share,
    shareMin: s.shareMin ?? s.share,
    shareMax: s.shareMax ?? s.share,
  }));
  return ownershipGraphFrom(ids, edges);
}
