/**
 * Look-through for one entity or asset: who ultimately owns it and what it ultimately holds,
 * each share with its range where stakes are uncertain.
 */
import { OrebookError } from "../../model/errors.js";
import type { AssetId, EntityId } from "../../model/ids.js";
import type { IndirectPlacement } from "../../model/indirect-interest.js";
import type { World } from "../../model/world.js";
import {
  assetColumnsOf,
  assetRowOfNode,
  entityColumnsOf,
  entityRowOfNode,
} from "../common/index.js";
import { holdingsReached, type ShareBound, ultimateOwnersOf } from "./look-through.js";
import { colSumFor, type OwnershipGraph, sharesFor } from "./ownership-graph.js";
import { ownershipGraphOf } from "./world-graph.js";

export interface NodeRef {
  id: string;
  name: string;
  kind: string;
  country: string | null;
}

export interface LookThroughRow extends NodeRef {
  share: number;
  min: number;
  max: number;
  /** For owners: "root" (an ultimate owner) or "remainder" (the unrecorded holders of this node). */
  end?: "root" | "remainder";
  /** The indirect share this row's owner (or holding) declares, where one is declared. */
  declared?: number;
}

/** A declared indirect interest in (or of) the subject, as the register gave it. */
export interface DeclaredRow {
  id: string;
  owner: NodeRef;
  owned: NodeRef;
  share: number;
  min: number;
  max: number;
  /** The entities between owner and owned, from the owner down. */
  through: string[];
  /** How it is counted: "components", "derived", "spanned" or "unplaced" (not counted). */
  placement: IndirectPlacement;
  note: string;
}

export interface LookThroughReport {
  asOf: string;
  subject: NodeRef;
  owners: LookThroughRow[];
  holdings: LookThroughRow[];
  /** Declared indirect interests of which the subject is the owner or the owned. */
  declared: DeclaredRow[];
}

function refOf(world: World, id: string): NodeRef {
  const e = world.entities.get(id);
  if (e) return { id, name: e.name, kind: e.kind, country: e.country };
  const a = world.assets.get(id);
  if (a) return { id, name: a.name, kind: a.kind, country: a.country };
  return { id, name: id, kind: "unknown", country: null };
}

/**
 * `refOf` node `j` of `g`: from the world's columns by node number when they number their
 * rows as `g` does (no id hashed, no record made), else by its id.
 */
function refOfNode(world: World, g: OwnershipGraph, j: number): NodeRef {
  const id = g.ids[j] as string;
  const e = entityColumnsOf(world);
  const a = assetColumnsOf(world);
  if (e?.nodes?.ids !== g.ids || a?.nodes?.ids !== g.ids) return refOf(world, id);
  const k = entityRowOfNode(e, g.ids, j);
  if (k >= 0) return { id, name: e.name(k), kind: e.kind(k), country: e.country(k) };
  const r = assetRowOfNode(a, g.ids, j);
  if (r >= 0) return { id, name: a.name(r), kind: a.kind(r), country: a.country(r) };
  return refOf(world, id);
}

/**
 * Entities and assets whose id, name or alias matches the query: a node whose id is the query
 * wins alone (found without reading any other record), then every exact id, name or alias
 * (ignoring case), then every partial one.
 */
export function nodesMatching(world: World, query: string): NodeRef[] {
  const id = query.trim();
  if (world.entities.has(id as EntityId) || world.assets.has(id as AssetId))
    return [refOf(world, id)];
  const q = id.toLowerCase();
  const all = [...world.entities.values(), ...world.assets.values()];
  const exact = all.filter(
    (x) =>
      x.id.toLowerCase() === q ||
      x.name.toLowerCase() === q ||
      (x.aliases ?? []).some((al) => al.toLowerCase() === q),
  );
  if (exact.length > 0) return exact.map((x) => refOf(world, x.id));
  return all
    .filter(
      (x) =>
        x.id.toLowerCase().includes(q) ||
        x.name.toLowerCase().includes(q) ||
        (x.aliases ?? []).some((al) => al.toLowerCase().includes(q)),
    )
    .map((x) => refOf(world, x.id));
}

/** Resolves a query to one node or throws NOT_FOUND / AMBIGUOUS listing the candidates. */
export function nodeFor(world: World, query: string): NodeRef {
  const found = nodesMatching(world, query);
  if (found.length === 1) return found[0] as NodeRef;
  if (found.length === 0)
    throw new OrebookError("NOT_FOUND", `No entity or asset matches "${query}"`);
  throw new OrebookError(
    "AMBIGUOUS",
    `"${query}" matches ${found.length} entities or assets: name one by its id`,
    {
      issues: found.map((f) => ({
        path: [],
        record: f.id,
        message: `${f.name} (${f.kind}${f.country ? `, ${f.country}` : ""})`,
      })),
      details: { candidates: found },
    },
  );
}

const BOUNDS: ShareBound[] = ["share", "min", "max"];

/** Who ultimately owns `id` and what `id` ultimately holds. */
/** `localeCompare` of ids with the default locale and options, without a collator made per call. */
const compareIds = new Intl.Collator().compare;

/** Largest share first, ties by id. */
function byShareThenId(a: LookThroughRow, b: LookThroughRow): number {
  return b.share - a.share || compareIds(a.id, b.id);
}

/** True when `g` reads the same shares and column sums for every bound (no share ranges). */
function oneBound(g: OwnershipGraph): boolean {
  return (
    sharesFor(g, "min") === g.share &&
    sharesFor(g, "max") === g.share &&
    colSumFor(g, "min") === g.colSum &&
    colSumFor(g, "max") === g.colSum
  );
}

export function lookThroughReportFor(
  world: World,
  id: string,
  graph?: OwnershipGraph,
): LookThroughReport {
  const g = graph ?? ownershipGraphOf(world);
  const i = g.indexOf.get(id);
  if (i === undefined) throw new OrebookError("NOT_FOUND", `No entity or asset with id ${id}`);

  // Without share ranges every bound reads the same arrays: one solve serves all three.
  const bounds = oneBound(g) ? (["share"] as const) : BOUNDS;
  const owners = new Map<number, { v: Record<ShareBound, number> }>();
  for (const bound of bounds) {
    for (const o of ultimateOwnersOf(g, i, { bound })) {
      const row = owners.get(o.index) ?? { v: { share: 0, min: Number.POSITIVE_INFINITY, max: 0 } };
      row.v[bound] = o.share;
      if (bounds.length === 1) {
        row.v.min = o.share;
        row.v.max = o.share;
      }
      owners.set(o.index, row);
    }
  }
  const ownerRows: LookThroughRow[] = [...owners.entries()]
    // A node with no recorded owners is its own ultimate owner: no row, the text says so.
    .filter(([j]) => j !== i)
    .map(([j, { v }]) => {
      const lo = Math.min(v.min === Number.POSITIVE_INFINITY ? 0 : v.min, v.max, v.share);
      const hi = Math.max(v.min === Number.POSITIVE_INFINITY ? 0 : v.min, v.max, v.share);
      const remainder = (g.colSum[j] ?? 0) > 0;
      const ref = refOfNode(world, g, j);
      return {
        ...ref,
        // The remainder is held by people the sources do not name: not of the node's kind or country.
        ...(remainder
          ? { name: `${ref.name}: unrecorded holders`, kind: "unrecorded", country: null }
          : {}),
        share: v.share,
        min: lo,
        max: hi,
        end: remainder ? ("remainder" as const) : ("root" as const),
      };
    })
    .filter((r) => r.max > 1e-12)
    .sort(byShareThenId);

  // The nodes i reaches are the same for every bound: the reach follows stakes, not shares.
  const holdingRows: LookThroughRow[] = [];
  if (bounds.length === 1) {
    const { nodes, values } = holdingsReached(g, i);
    for (let q = 0; q < nodes.length; q++) {
      const j = nodes[q] as number;
      const s = values[q] as number;
      if (j === i || s <= 1e-12) continue;
      holdingRows.push({ ...refOfNode(world, g, j), share: s, min: s, max: s });
    }
  }
  const byNode = new Map<number, [number, number, number]>();
  if (bounds.length > 1)
    BOUNDS.forEach((bound, b) => {
      const { nodes, values } = holdingsReached(g, i, { bound });
      for (let q = 0; q < nodes.length; q++) {
        const j = nodes[q] as number;
        let row = byNode.get(j);
        if (!row) {
          row = [0, 0, 0];
          byNode.set(j, row);
        }
        row[b] = values[q] as number;
      }
    });
  for (const [j, [s, mn, mx]] of byNode) {
    if (j === i) continue;
    if (Math.max(s, mn, mx) <= 1e-12) continue;
    holdingRows.push({
      ...refOfNode(world, g, j),
      share: s,
      min: Math.min(s, mn, mx),
      max: Math.max(s, mn, mx),
    });
  }
  holdingRows.sort(byShareThenId);

  const declared: DeclaredRow[] = [];
  for (const d of world.indirectInterests) {
    if (d.owned !== id && d.owner !== id) continue;
    const through: string[] = [];
    let at: string = d.owner;
    // The chain from the owner down, as far as the components lead.
    for (let step = 0; step < d.components.length; step++) {
      const next = d.components.find((c) => c.owner === at);
      if (!next || next.owned === d.owned) break;
      through.push(refOf(world, next.owned).name);
      at = next.owned;
    }
    declared.push({
      id: d.id,
      owner: refOf(world, d.owner),
      owned: refOf(world, d.owned),
      share: d.share,
      min: d.shareMin ?? d.share,
      max: d.shareMax ?? d.share,
      through,
      placement: d.placement,
      note: d.note ?? "",
    });
    const row =
      d.owned === id
        ? ownerRows.find((r) => r.id === d.owner && r.end === "root")
        : holdingRows.find((r) => r.id === d.owned);
    if (row) row.declared = (row.declared ?? 0) + d.share;
  }
  return {
    asOf: world.asOf,
    subject: refOf(world, id),
    owners: ownerRows,
    holdings: holdingRows,
    declared,
  };
}
