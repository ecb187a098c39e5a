/**
 * Finds an entity or asset by id or name across the datasets of a store: in the dataset asked
 * for first, then, when it has no match, in every other dataset, saying where the match is.
 * An import goes to its own dataset (`imported` by default) while lookups default to the
 * reference dataset; this is what joins the two. The CLI and the API both call it, each with
 * its own way of reading a dataset's world.
 *
 * @example
 * const found = await findNodeInDatasets("Company A", {
 *   preferred: "drc",
 *   datasets: (await ledger.datasets()).map((d) => d.id),
 *   worldOf: async (id) => worldFrom(await ledger.datasetAt(id), asOf),
 * });
 * // found.dataset === "imported", found.elsewhere === true
 */
import {
  type LookThroughReport,
  lookThroughReportFor,
  type NodeRef,
  nodesMatching,
} from "../engine/ownership/index.js";
import { OrebookError } from "../model/errors.js";
import type { World } from "../model/world.js";

export interface NodeFound {
  node: NodeRef;
  /** The dataset the match is in. */
  dataset: string;
  world: World;
  /** True when the match is not in the preferred dataset. */
  elsewhere: boolean;
}

export interface FindNodeOptions {
  /** The dataset searched first (the one the caller asked for, or the default). */
  preferred: string;
  /** Every dataset of the store; the others are searched only when `preferred` has no match. */
  datasets: readonly string[];
  /** The world of one dataset (at the caller's date, as the caller may see it). */
  worldOf: (datasetId: string) => Promise<World>;
  /** Search only `preferred` (the caller named the dataset). */
  only?: boolean;
}

function ambiguous(query: string, hits: { node: NodeRef; dataset: string }[]): OrebookError {
  const places = new Set(hits.map((h) => h.dataset));
  return new OrebookError(
    "AMBIGUOUS",
    places.size > 1
      ? `"${query}" matches ${hits.length} entities or assets in datasets ${[...places].join(", ")}: name the dataset (--dataset) and the id`
      : `"${query}" matches ${hits.length} entities or assets: name one by its id`,
    {
      issues: hits.map((h) => ({
        path: [],
        record: h.node.id,
        message: `${h.node.name} (${h.node.kind}${h.node.country ? `, ${h.node.country}` : ""})${places.size > 1 ? ` in dataset ${h.dataset}` : ""}`,
      })),
      details: { candidates: hits.map((h) => ({ ...h.node, dataset: h.dataset })) },
    },
  );
}

/** Whether `node` is named exactly by `query` (id, name or alias, ignoring case). */
export function namesExactly(world: World, node: NodeRef, query: string): boolean {
  const q = query.trim().toLowerCase();
  const x = world.entities.get(node.id) ?? world.assets.get(node.id);
  if (!x) return false;
  return (
    x.id.toLowerCase() === q ||
    x.name.toLowerCase() === q ||
    (x.aliases ?? []).some((a) => a.toLowerCase() === q)
  );
}

/**
 * The one entity or asset `query` names, and the dataset it is in; NOT_FOUND or AMBIGUOUS. An
 * exact match (id, name or alias) in the preferred dataset wins, then one in another dataset,
 * then a partial match in the preferred dataset, then one elsewhere.
 */
export async function findNodeInDatasets(query: string, opts: FindNodeOptions): Promise<NodeFound> {
  const world = await opts.worldOf(opts.preferred);
  const here = nodesMatching(world, query);
  const exactHere = here.length > 0 && here.every((n) => namesExactly(world, n, query));
  if (here.length === 1 && (exactHere || opts.only))
    return { node: here[0] as NodeRef, dataset: opts.preferred, world, elsewhere: false };
  if (here.length > 1 && (exactHere || opts.only))
    throw ambiguous(
      query,
      here.map((node) => ({ node, dataset: opts.preferred })),
    );
  const others = opts.only ? [] : opts.datasets.filter((d) => d !== opts.preferred);
  const hits: { node: NodeRef; dataset: string; world: World; exact: boolean }[] = [];
  for (const d of others) {
    const w = await opts.worldOf(d);
    for (const node of nodesMatching(w, query))
      hits.push({ node, dataset: d, world: w, exact: namesExactly(w, node, query) });
  }
  const exact = hits.filter((h) => h.exact);
  const [one] = exact;
  if (one && exact.length === 1)
    return { node: one.node, dataset: one.dataset, world: one.world, elsewhere: true };
  if (exact.length > 1) throw ambiguous(query, exact);
  // Partial matches: the preferred dataset's first.
  if (here.length === 1)
    return { node: here[0] as NodeRef, dataset: opts.preferred, world, elsewhere: false };
  if (here.length > 1)
    throw ambiguous(
      query,
      here.map((node) => ({ node, dataset: opts.preferred })),
    );
  const [hit] = hits;
  if (hit && hits.length === 1)
    return { node: hit.node, dataset: hit.dataset, world: hit.world, elsewhere: true };
  if (hits.length > 1) throw ambiguous(query, hits);
  const searched = [opts.preferred, ...others];
  throw new OrebookError(
    "NOT_FOUND",
    searched.length > 1
      ? `No entity or asset matches "${query}" in any dataset (searched ${searched.join(", ")})`
      : `No entity or asset matches "${query}"`,
  );
}

/**
 * The look-through report of the entity or asset `query` names, found as `findNodeInDatasets`
 * finds it; the report says which dataset it read.
 */
export async function lookThroughByName(
  query: string,
  opts: FindNodeOptions,
): Promise<LookThroughReport & { dataset: string; foundElsewhere: boolean }> {
  const found = await findNodeInDatasets(query, opts);
  return {
    ...lookThroughReportFor(found.world, found.node.id),
    dataset: found.dataset,
    foundElsewhere: found.elsewhere,
  };
}
