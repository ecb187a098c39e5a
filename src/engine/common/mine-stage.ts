/**
 * Which assets' output counts as a country's mine production: mines and tailings, and the
 * processing plants of a country whose mines produce the commodity (its ore, treated at home, as
 * national statistics count it). Plants abroad are another stage. The control report and the
 * allocation (flows, routes, the stockpile plan) count the same assets with this, so their tonnes
 * add up to the same recorded output.
 */
import type { Commodity } from "../../model/commodity.js";
import type { World } from "../../model/world.js";
import { assetColumnsOf } from "./node-columns.js";

export const MINE_KINDS: ReadonlySet<string> = new Set(["mine", "tailings"]);

/** Whether an asset of this kind is a mine or tailings (else a plant, a port or a stockpile). */
export function isMineKind(kind: string): boolean {
  return MINE_KINDS.has(kind);
}

/** The countries with a mine or tailings of the commodity (from the columns when the world has them). */
export function mineCountriesOf(world: World, commodity: Commodity): Set<string> {
  const countries = new Set<string>();
  const cols = assetColumnsOf(world);
  if (cols) {
    for (let k = 0; k < cols.count; k++)
      if (MINE_KINDS.has(cols.kind(k)) && cols.commodities(k).includes(commodity))
        countries.add(cols.country(k));
  } else
    for (const a of world.assets.values())
      if (MINE_KINDS.has(a.kind) && a.commodities.includes(commodity)) countries.add(a.country);
  return countries;
}

/** Whether an asset's output counts as mine production, given the commodity's mine countries. */
export function countsAsMineOutput(
  kind: string,
  country: string,
  mineCountries: ReadonlySet<string>,
): boolean {
  if (MINE_KINDS.has(kind)) return true;
  if (kind === "port" || kind === "stockpile") return false;
  return mineCountries.has(country);
}
