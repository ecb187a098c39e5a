/**
 * De facto control: an asset inside territory an armed group holds on the world's date is
 * controlled by that group, whatever its legal owners. Inside means named by the territory
 * record, or in one of its second-level divisions (territoires) of the same province.
 */
import type { AssetId, EntityId, RecordId } from "../model/ids.js";
import type { World } from "../model/world.js";

/** The armed group holding the asset's ground on the world's date, if any. */
export function deFactoControllerOf(
  world: World,
  asset: AssetId,
): { controller: EntityId; territory: RecordId } | undefined {
  const a = world.assets.get(asset);
  if (!a) return undefined;
  for (const t of world.territories) {
    const named = t.assets.includes(asset);
    const inArea =
      a.country === t.country &&
      a.province !== null &&
      a.province === t.province &&
      typeof a.territory === "string" &&
      t.territories.includes(a.territory);
    if (named || inArea) return { controller: t.controller, territory: t.id };
  }
  return undefined;
}
