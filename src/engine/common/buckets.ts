/**
 * Where tonnes are counted: a country (ISO alpha-2), `public-float` (explicit public-float
 * holders), `unknown` (holders not recorded, or an owner whose country the sources do not give),
 * `armed-group:<id>` for territory held by an armed group (de facto view), or `no-majority` for an
 * asset with recorded owners but no controller: no agreement, majority or joint control
 * (consolidated and de facto views), or `not-on-a-recorded-asset` for national output no
 * recorded asset accounts for. Joint controllers of different countries make an asset's
 * controller country "CA+CN" (the tonnes themselves go to each country's bucket).
 */
import { countryNameFor } from "../../model/country.js";
import type { EntityId } from "../../model/ids.js";
import type { World } from "../../model/world.js";
import { entityColumnsOf, entityRowOfNode } from "./node-columns.js";

export type BucketKey = string;
export const UNKNOWN: BucketKey = "unknown";
export const PUBLIC_FLOAT: BucketKey = "public-float";
/** Consolidated view: an asset with recorded owners and no controller (no agreement, majority or joint control). */
export const NO_MAJORITY: BucketKey = "no-majority";
/** National output no recorded asset accounts for (artisanal and unlisted): no owner, no country. */
export const NOT_ON_RECORDED_ASSET: BucketKey = "not-on-a-recorded-asset";

/** Which country an entity counts for: where it is incorporated (default) or run from. */
export const COUNTRY_BASES = ["incorporation", "headquarters"] as const;
export type CountryBasis = (typeof COUNTRY_BASES)[number];
/** Countries counted together: `greater-china` is China with Hong Kong and Macao. */
export const COUNTRY_GROUPS = ["greater-china"] as const;
export type CountryGroup = (typeof COUNTRY_GROUPS)[number];
export const GREATER_CHINA: BucketKey = "greater-china";
const GROUP_MEMBERS: Record<CountryGroup, readonly string[]> = {
  "greater-china": ["CN", "HK", "MO"],
};

/** How countries are counted in a share report (default: incorporation, no group). */
export interface CountryView {
  countryBasis?: CountryBasis | undefined;
  group?: CountryGroup | undefined;
}

/** The country an entity counts for under the view's basis (null when the sources give none). */
export function countryOfEntity(
  e: { country: string | null; headquarters?: string | undefined },
  view: CountryView = {},
): string | null {
  return view.countryBasis === "headquarters" ? (e.headquarters ?? e.country) : e.country;
}

/** A country's bucket under the view's group: a member of the group counts as the group. */
export function groupedCountry(code: string, view: CountryView = {}): BucketKey {
  return view.group !== undefined && GROUP_MEMBERS[view.group].includes(code) ? view.group : code;
}

/** The bucket an ultimate owner's tonnes go to. */
export function bucketOfEntity(world: World, id: string, view: CountryView = {}): BucketKey {
  return bucketOf(world, id, -2, view);
}

/**
 * The bucket of node `j` of a graph whose node ids are `ids` (`bucketOfEntity` of its id, its
 * row in the world's columns found from its number where the columns number it so).
 */
export function bucketOfNode(
  world: World,
  ids: readonly string[],
  j: number,
  view: CountryView = {},
): BucketKey {
  const cols = view.countryBasis === "headquarters" ? undefined : entityColumnsOf(world);
  return bucketOf(world, ids[j] as string, cols ? entityRowOfNode(cols, ids, j) : -2, view);
}

/** `row`: the entity's row in the columns (−1 none), −2 when not yet looked up. */
function bucketOf(world: World, id: string, row: number, view: CountryView): BucketKey {
  const cols = view.countryBasis === "headquarters" ? undefined : entityColumnsOf(world);
  if (cols) {
    // Read from the columns: kind and country of incorporation.
    const k = row === -2 ? cols.rowOf(id) : row;
    if (k >= 0) {
      const kind = cols.kind(k);
      if (kind === "public-float") return PUBLIC_FLOAT;
      if (kind === "armed-group") return `armed-group:${id}`;
      const c = cols.country(k);
      return c === null ? UNKNOWN : groupedCountry(c, view);
    }
  }
  const e = world.entities.get(id as EntityId);
  if (!e) {
    const a = world.assets.get(id);
    return a ? groupedCountry(a.country, view) : UNKNOWN;
  }
  if (e.kind === "public-float") return PUBLIC_FLOAT;
  if (e.kind === "armed-group") return `armed-group:${e.id}`;
  const c = countryOfEntity(e, view);
  return c === null ? UNKNOWN : groupedCountry(c, view);
}

/** The bucket a country code given by a user stands for under the view (CN → greater-china). */
export function bucketKeyOf(key: string, view: CountryView = {}): BucketKey {
  const k = key.length === 2 ? key.toUpperCase() : key;
  return /^[A-Z]{2}$/.test(k) ? groupedCountry(k, view) : k;
}

/** True for buckets that stand for a country or an armed group (counted in HHI). */
export function isConcentrationBucket(key: BucketKey): boolean {
  return (
    key !== UNKNOWN && key !== PUBLIC_FLOAT && key !== NO_MAJORITY && key !== NOT_ON_RECORDED_ASSET
  );
}

/** A readable name for a bucket. */
export function bucketName(world: World, key: BucketKey): string {
  if (key === UNKNOWN) return "Unknown / unrecorded holders";
  if (key === PUBLIC_FLOAT) return "Public float";
  if (key === NO_MAJORITY) return "No controller (no agreement, majority or joint control)";
  if (key === NOT_ON_RECORDED_ASSET)
    return "Not on a recorded asset (artisanal and unlisted output)";
  if (key === GREATER_CHINA) return "Greater China (China, Hong Kong, Macao)";
  if (key.startsWith("armed-group:")) {
    const id = key.slice("armed-group:".length);
    return `${world.entities.get(id as EntityId)?.name ?? id} (armed group)`;
  }
  return countryNameFor(key);
}
