/**
 * How one entity holds another entity or asset: every chain of stakes from the first down to
 * the second, each with its share (the product along it) and the stakes of each link, beside the
 * solver's look-through share of the pair. `GET /api/reports/chains` and the ownership graph's
 * path finder call it.
 */
import {
  lookThroughReportFor,
  type NodeRef,
  nodeFor,
  type OwnershipChain,
  ownershipChainsBetween,
} from "../engine/ownership/index.js";
import { OrebookError } from "../model/errors.js";
import type { World } from "../model/world.js";

export interface ChainsRequest {
  /** The holder: an id, a name or part of one. */
  from: string;
  /** The held entity or asset. */
  to: string;
  /** Most links on a chain (default 8, at most 12). */
  maxHops?: number | undefined;
}

export interface ChainsReport {
  asOf: string;
  from: NodeRef;
  to: NodeRef;
  /** The solver's look-through share of `from` in `to` (cross-holdings counted); null: none. */
  lookThrough: { share: number; min: number; max: number } | null;
  chains: (OwnershipChain & { names: string[] })[];
  /** The sum of the chains' shares (equal to the look-through share without cross-holdings). */
  chainsShare: number;
  truncated: boolean;
  maxHops: number;
  minShare: number;
}

/** The chains between two nodes of `world`, with the look-through share beside them. */
export function ownershipChainsReport(world: World, req: ChainsRequest): ChainsReport {
  const maxHops = req.maxHops ?? 8;
  if (!Number.isInteger(maxHops) || maxHops < 1 || maxHops > 12)
    throw new OrebookError(
      "BAD_INPUT",
      `maxHops: expected a whole number from 1 to 12, got ${maxHops}`,
    );
  const from = nodeFor(world, req.from);
  const to = nodeFor(world, req.to);
  if (from.id === to.id)
    throw new OrebookError("BAD_INPUT", `from and to name the same node (${from.id}): choose two`);
  const minShare = 1e-6;
  const { chains, truncated } = ownershipChainsBetween(world, from.id, to.id, {
    maxHops,
    minShare,
  });
  const row = lookThroughReportFor(world, from.id).holdings.find((h) => h.id === to.id);
  const names = new Map<string, string>();
  for (const e of world.entities.values()) names.set(e.id, e.name);
  for (const a of world.assets.values()) names.set(a.id, a.name);
  const nameOf = (id: string) => names.get(id) ?? id;
  return {
    asOf: world.asOf,
    from,
    to,
    lookThrough: row ? { share: row.share, min: row.min, max: row.max } : null,
    chains: chains.map((c) => ({ ...c, names: c.ids.map(nameOf) })),
    chainsShare: chains.reduce((s, c) => s + c.share, 0),
    truncated,
    maxHops,
    minShare,
  };
}
