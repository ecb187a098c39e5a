/**
 * The records a register import is made of, checked without zod: an entity, an asset, a stake
 * or a production figure with exactly the fields a table of the benchmark's shape gives
 * (`io/tables/table-reader.ts`). At a million entities the schemas' general parse was a fifth
 * of an import; these checks are the same rules written out for those shapes only.
 *
 * `bulkRecord` answers only when the record has one of those shapes and passes every rule:
 * then its value equals what the kind's schema parses (keys in the schema's order, defaults
 * filled), as `bulk-records.test.ts` checks against the schemas. Anything else (another field,
 * a problem) gets undefined, and the caller parses with the schema, which says what is wrong.
 */
import { ASSET_KINDS, ASSET_STATUSES } from "./asset.js";
import { COMMODITIES } from "./commodity.js";
import { isAsOf, isPeriod } from "./dates.js";
import { ENTITY_KINDS } from "./entity.js";
import { ID_PATTERN } from "./ids.js";
import { PRODUCTION_BASES } from "./production.js";
import { STAKE_KINDS } from "./stake.js";

type Rec = Record<string, unknown> & { id: string };

const ENTITY_KIND = new Set<unknown>(ENTITY_KINDS);
const ASSET_KIND = new Set<unknown>(ASSET_KINDS);
const ASSET_STATUS = new Set<unknown>(ASSET_STATUSES);
const COMMODITY = new Set<unknown>(COMMODITIES);
const BASIS = new Set<unknown>(PRODUCTION_BASES);
const STAKE_KIND = new Set<unknown>(STAKE_KINDS);
const COUNTRY = /^[A-Z]{2}$/;

/** The fields each shape has, every one required but where said (`kind` of a stake). */
const FIELDS = {
  entities: new Set(["id", "name", "kind", "country", "sources", "asOf"]),
  assets: new Set([
    "id",
    "name",
    "kind",
    "country",
    "province",
    "location",
    "status",
    "commodities",
    "sources",
    "asOf",
  ]),
  stakes: new Set(["id", "owner", "owned", "share", "kind", "sources", "asOf"]),
  production: new Set(["id", "asset", "commodity", "period", "tonnes", "basis", "sources", "asOf"]),
} as const;

/** The last id list found good, by identity: an import's records share one sources array. */
let lastIds: unknown;

const isId = (v: unknown): v is string => typeof v === "string" && ID_PATTERN.test(v);

function isIdList(v: unknown): v is string[] {
  if (v === lastIds) return true;
  if (!Array.isArray(v) || v.length === 0) return false;
  for (const x of v) if (!isId(x)) return false;
  lastIds = v;
  return true;
}

function isCommodityList(v: unknown): v is string[] {
  if (!Array.isArray(v) || v.length === 0) return false;
  for (const x of v) if (!COMMODITY.has(x)) return false;
  return true;
}

/** The number of own fields of `r` when every one is in `fields`, else -1. */
function fieldCount(r: object, fields: ReadonlySet<string>): number {
  let n = 0;
  for (const key in r) {
    if (!Object.hasOwn(r, key) || !fields.has(key)) return -1;
    n++;
  }
  return n;
}

/**
 * The record as its kind's schema parses it, when `raw` has one of the bulk shapes (see the
 * module comment) and passes every rule; otherwise undefined.
 */
export function bulkRecord(kind: string, raw: unknown): Rec | undefined {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) return undefined;
  const r = raw as Record<string, unknown>;
  switch (kind) {
    case "entities": {
      if (fieldCount(r, FIELDS.entities) !== 6) return undefined;
      const { id, name, kind: k, country, sources, asOf } = r;
      if (!isId(id) || typeof name !== "string" || name.length === 0 || !ENTITY_KIND.has(k))
        return undefined;
      if (country !== null && !(typeof country === "string" && COUNTRY.test(country)))
        return undefined;
      if (!isIdList(sources) || typeof asOf !== "string" || !isAsOf(asOf)) return undefined;
      return { id, name, kind: k, country, sources: [...sources], asOf };
    }
    case "assets": {
      if (fieldCount(r, FIELDS.assets) !== 10) return undefined;
      const { id, name, kind: k, country, province, location, status, commodities } = r;
      const { sources, asOf } = r;
      if (!isId(id) || typeof name !== "string" || name.length === 0 || !ASSET_KIND.has(k))
        return undefined;
      if (typeof country !== "string" || !COUNTRY.test(country)) return undefined;
      if (!(province === null || typeof province === "string") || location !== null)
        return undefined;
      if (!ASSET_STATUS.has(status) || !isCommodityList(commodities)) return undefined;
      if (!isIdList(sources) || typeof asOf !== "string" || !isAsOf(asOf)) return undefined;
      return {
        id,
        name,
        kind: k,
        country,
        province,
        location,
        status,
        commodities: [...commodities],
        sources: [...sources],
        asOf,
      };
    }
    case "stakes": {
      const n = fieldCount(r, FIELDS.stakes);
      const { id, owner, owned, share, kind: k = "equity", sources, asOf } = r;
      if (n !== (Object.hasOwn(r, "kind") ? 7 : 6) || !STAKE_KIND.has(k)) return undefined;
      if (!isId(id) || !isId(owner) || !isId(owned) || owner === owned) return undefined;
      if (typeof share !== "number" || !(share > 0 && share <= 1)) return undefined;
      if (!isIdList(sources) || typeof asOf !== "string" || !isAsOf(asOf)) return undefined;
      return { id, owner, owned, share, kind: k, sources: [...sources], asOf };
    }
    case "production": {
      if (fieldCount(r, FIELDS.production) !== 8) return undefined;
      const { id, asset, commodity, period, tonnes, basis, sources, asOf } = r;
      if (!isId(id) || !isId(asset) || !COMMODITY.has(commodity)) return undefined;
      if (typeof period !== "string" || !isPeriod(period) || !BASIS.has(basis)) return undefined;
      if (
        tonnes !== null &&
        !(typeof tonnes === "number" && Number.isFinite(tonnes) && tonnes >= 0)
      )
        return undefined;
      if (!isIdList(sources) || typeof asOf !== "string" || !isAsOf(asOf)) return undefined;
      return { id, asset, commodity, period, tonnes, basis, sources: [...sources], asOf };
    }
    default:
      return undefined;
  }
}
