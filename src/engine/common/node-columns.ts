/**
 * A world's entities and assets as columns, given by whoever read the world from columns
 * (`app/register-world.ts`): the fields a report reads of many of them (name, kind, country,
 * an asset's commodities) without making each a record. At scale a control report names a
 * third of a million holders and reads every asset; a record is made only where a field
 * outside the columns is read (headquarters, the reason a country is not known, where an asset
 * stands).
 *
 * A world made from another (`{ ...world, production }`) shares its maps, and so these.
 */
import type { Asset } from "../../model/asset.js";
import type { Entity } from "../../model/entity.js";
import type { AssetId, EntityId } from "../../model/ids.js";
import type { World } from "../../model/world.js";

export interface EntityColumns {
  /** The entity's row, −1 when `id` is not an entity's. */
  rowOf(id: string): number;
  name(k: number): string;
  kind(k: number): Entity["kind"];
  country(k: number): string | null;
  /** Row `k` as a record: the object the world's entity map gives for its id. */
  record(k: number): Entity;
  /**
   * When the rows are the first `count` nodes of node ids `ids` (entities first, as the
   * world's graph numbers them): a graph with these ids (the same array) finds a node's row
   * from its number, without hashing its id.
   */
  nodes?: { ids: readonly string[]; count: number };
}

/** The entity row of node `j` of a graph whose node ids are `ids`, −1 when not an entity. */
export function entityRowOfNode(c: EntityColumns, ids: readonly string[], j: number): number {
  const nodes = c.nodes;
  if (nodes !== undefined && nodes.ids === ids) return j < nodes.count ? j : -1;
  return c.rowOf(ids[j] as string);
}

/** Keyed by the entity map, which worlds made from one world share. */
const attached = new WeakMap<object, EntityColumns>();

/** Gives `world`'s entity map its columns (the same entities). */
export function attachEntityColumns(world: World, columns: EntityColumns): void {
  attached.set(world.entities, columns);
}

/** The columns of the world's entities, when whoever made the world gave them. */
export function entityColumnsOf(world: Pick<World, "entities">): EntityColumns | undefined {
  return attached.get(world.entities);
}

/** An entity's kind, or undefined when `id` is not an entity's. */
export function entityKindOf(
  world: Pick<World, "entities">,
  id: string,
): Entity["kind"] | undefined {
  const c = attached.get(world.entities);
  if (!c) return world.entities.get(id as EntityId)?.kind;
  const k = c.rowOf(id);
  return k < 0 ? undefined : c.kind(k);
}

/** The kind of node `j` of a graph whose node ids are `ids`, undefined when not an entity. */
export function entityKindOfNode(
  world: Pick<World, "entities">,
  ids: readonly string[],
  j: number,
): Entity["kind"] | undefined {
  const c = attached.get(world.entities);
  if (!c) return world.entities.get(ids[j] as EntityId)?.kind;
  const k = entityRowOfNode(c, ids, j);
  return k < 0 ? undefined : c.kind(k);
}

/** An entity's name, or undefined when `id` is not an entity's. */
export function entityNameOf(world: Pick<World, "entities">, id: string): string | undefined {
  const c = attached.get(world.entities);
  if (!c) return world.entities.get(id as EntityId)?.name;
  const k = c.rowOf(id);
  return k < 0 ? undefined : c.name(k);
}

export interface AssetColumns {
  count: number;
  /** The asset's row, −1 when `id` is not an asset's. */
  rowOf(id: string): number;
  id(k: number): string;
  name(k: number): string;
  kind(k: number): Asset["kind"];
  country(k: number): string;
  commodities(k: number): readonly string[];
  /** Row `k` as a record: the object the world's asset map gives for its id. */
  record(k: number): Asset;
  /**
   * When the rows are the nodes `offset` … `offset + count − 1` of node ids `ids` (after the
   * entities, as the world's graph numbers them): a graph with these ids (the same array)
   * finds a node's row from its number.
   */
  nodes?: { ids: readonly string[]; offset: number };
}

/** The asset row of node `j` of a graph whose node ids are `ids`, −1 when not an asset. */
export function assetRowOfNode(c: AssetColumns, ids: readonly string[], j: number): number {
  const nodes = c.nodes;
  if (nodes !== undefined && nodes.ids === ids) {
    const k = j - nodes.offset;
    return k >= 0 && k < c.count ? k : -1;
  }
  return c.rowOf(ids[j] as string);
}

const attachedAssets = new WeakMap<object, AssetColumns>();

/** Gives `world`'s asset map its columns (the same assets, in the map's order). */
export function attachAssetColumns(world: World, columns: AssetColumns): void {
  attachedAssets.set(world.assets, columns);
}

/** The columns of the world's assets, when whoever made the world gave them. */
export function assetColumnsOf(world: Pick<World, "assets">): AssetColumns | undefined {
  return attachedAssets.get(world.assets);
}

/** An asset's country, or undefined when `id` is not an asset's. */
export function assetCountryOf(world: Pick<World, "assets">, id: string): string | undefined {
  const c = attachedAssets.get(world.assets);
  if (!c) return world.assets.get(id as AssetId)?.country;
  const k = c.rowOf(id);
  return k < 0 ? undefined : c.country(k);
}

/** An asset's name, or undefined when `id` is not an asset's. */
export function assetNameOf(world: Pick<World, "assets">, id: string): string | undefined {
  const c = attachedAssets.get(world.assets);
  if (!c) return world.assets.get(id as AssetId)?.name;
  const k = c.rowOf(id);
  return k < 0 ? undefined : c.name(k);
}
