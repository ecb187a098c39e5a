/**
 * A world's look-through interests as a plain function `(holder, asset) → share`, the form
 * the allocation waterfall takes. One graph per world, one holdings solve per holder (cached).
 */
import type { World } from "../../model/world.js";
import { holdingsOf, type ShareBound } from "./look-through.js";
import { ownershipGraphOf } from "./world-graph.js";

/**
 * The integrated look-through interest of each holder in each node of `world`; 0 for ids the
 * world does not know.
 *
 * @example lookThroughFnFor(world)("orion-cmc", "kamoto") // 0.4 × Glencore's share of KCC
 */
export function lookThroughFnFor(
  world: World,
  bound: ShareBound = "share",
): (holder: string, asset: string) => number {
  const g = ownershipGraphOf(world);
  const cache = new Map<number, Float64Array>();
  return (holder, asset) => {
    const i = g.indexOf.get(holder);
    const j = g.indexOf.get(asset);
    if (i === undefined || j === undefined || i === j) return 0;
    let h = cache.get(i);
    if (!h) {
      h = holdingsOf(g, i, { bound });
      cache.set(i, h);
    }
    return h[j] ?? 0;
  };
}
