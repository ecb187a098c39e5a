/**
 * Every chain of stakes from one entity down to another entity or asset: the nodes along it,
 * the stakes of each link (a link may rest on several stakes, summed as the ownership graph sums
 * them), and the product of the shares, with its range where sources differ. The look-through
 * total comes from the solver (`lookThroughReportFor`), which also counts cross-holdings; the
 * chains only show where it comes from, so they are cut at `maxHops`, below `minShare` and at
 * `maxChains`, and a node appears at most once on a chain.
 */
import type { World } from "../../model/world.js";

export interface ChainLink {
  owner: string;
  owned: string;
  /** The stakes the link rests on. */
  stakes: string[];
  share: number;
  min: number;
  max: number;
}

export interface OwnershipChain {
  /** Node ids from the owner down to the owned. */
  ids: string[];
  links: ChainLink[];
  share: number;
  min: number;
  max: number;
}

export interface ChainsBetween {
  chains: OwnershipChain[];
  /** True when more chains than `maxChains` were found: the smallest are left out. */
  truncated: boolean;
}

export interface ChainOptions {
  /** Most links on a chain (default 8). */
  maxHops?: number;
  /** Chains whose share falls below this are left out (default 1e-6). */
  minShare?: number;
  /** At most this many chains, the largest kept (default 200). */
  maxChains?: number;
}

/** The chains from `from` down to `to` in `world`, largest share first. */
export function ownershipChainsBetween(
  world: World,
  from: string,
  to: string,
  opts: ChainOptions = {},
): ChainsBetween {
  const maxHops = opts.maxHops ?? 8;
  const minShare = opts.minShare ?? 1e-6;
  const maxChains = opts.maxChains ?? 200;
  // Links by owner, stakes of the same pair summed.
  const byOwner = new Map<string, Map<string, ChainLink>>();
  for (const s of world.stakes) {
    const links = byOwner.get(s.owner) ?? new Map<string, ChainLink>();
    const was = links.get(s.owned);
    const min = s.shareMin ?? s.share;
    const max = s.shareMax ?? s.share;
    links.set(
      s.owned,
      was
        ? {
            ...was,
            stakes: [...was.stakes, s.id],
            share: was.share + s.share,
            min: was.min + min,
            max: was.max + max,
          }
        : { owner: s.owner, owned: s.owned, stakes: [s.id], share: s.share, min, max },
    );
    byOwner.set(s.owner, links);
  }
  const found: OwnershipChain[] = [];
  let truncated = false;
  const path: ChainLink[] = [];
  const on = new Set<string>([from]);
  // Enough chains are gathered before the cut by count, so that the largest survive it.
  const gather = maxChains * 20;
  const walk = (node: string, share: number, min: number, max: number) => {
    if (found.length >= gather) {
      truncated = true;
      return;
    }
    for (const link of [...(byOwner.get(node)?.values() ?? [])].sort((a, b) =>
      a.owned.localeCompare(b.owned),
    )) {
      if (on.has(link.owned)) continue;
      const next = share * Math.min(1, link.share);
      if (next < minShare) continue;
      path.push(link);
      if (link.owned === to)
        found.push({
          ids: [from, ...path.map((l) => l.owned)],
          links: [...path],
          share: next,
          min: min * Math.min(1, link.min),
          max: max * Math.min(1, link.max),
        });
      else if (path.length < maxHops) {
        on.add(link.owned);
        walk(link.owned, next, min * Math.min(1, link.min), max * Math.min(1, link.max));
        on.delete(link.owned);
      }
      path.pop();
    }
  };
  if (from !== to) walk(from, 1, 1, 1);
  found.sort((a, b) => b.share - a.share || a.ids.join().localeCompare(b.ids.join()));
  if (found.length > maxChains) truncated = true;
  return { chains: found.slice(0, maxChains), truncated };
}
