import { describe, expect, it } from "vitest";
import { bulkRecord } from "./bulk-records.js";
import { RECORD_SCHEMAS } from "./dataset.js";

/** Records as an import of the benchmark's tables makes them (`io/tables/table-reader.ts`). */
const BASE: Record<string, Record<string, unknown>> = {
  entities: {
    id: "E0000001",
    name: "Kakomon Capital",
    kind: "company",
    country: "AE",
    sources: ["csv-import"],
    asOf: "2025-01-01",
  },
  assets: {
    id: "E0000002",
    name: "Nono Mine",
    kind: "mine",
    country: "CD",
    province: null,
    location: null,
    status: "operating",
    commodities: ["cobalt", "copper"],
    sources: ["csv-import"],
    asOf: "2025-01-01",
  },
  stakes: {
    id: "E0048299:E0118881",
    owner: "E0048299",
    owned: "E0118881",
    share: 0.172127,
    sources: ["csv-import"],
    asOf: "2025-01-01",
  },
  production: {
    id: "E0140718:copper:2024",
    asset: "E0140718",
    commodity: "copper",
    period: "2024",
    tonnes: 114088.009,
    basis: "actual",
    sources: ["csv-import"],
    asOf: "2025-01-01",
  },
};

/** Values every field is tried with: good and bad ones of every type. */
const VALUES: unknown[] = [
  null,
  "",
  " ",
  "A",
  "CD",
  "cd",
  "CDX",
  "E0000001",
  "E0118881",
  "E 1",
  "-x",
  "é",
  0,
  -0,
  1,
  0.5,
  1.5,
  -1,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  [],
  ["csv-import"],
  ["csv-import", "other"],
  ["bad id"],
  [1],
  ["copper"],
  ["copper", "unobtainium"],
  {},
  { lat: 1, lon: 2 },
  true,
  "2024",
  "2025-01-01",
  "2025-13",
  "2025-02-30",
  "2025-Q3",
  "2025-H1",
  "2025-10",
  "copper",
  "equity",
  "free-carried",
  "mine",
  "operating",
  "actual",
  "guidance",
  "company",
  "state",
  "asset",
];

/** Every variant of a base record: each field deleted or set to each value, fields added. */
function* variants(base: Record<string, unknown>): Generator<Record<string, unknown>> {
  yield base;
  yield Object.fromEntries(Object.entries(base).reverse());
  for (const key of Object.keys(base)) {
    const { [key]: _gone, ...rest } = base;
    yield rest;
    yield { ...base, [key]: undefined };
    for (const v of VALUES) yield { ...base, [key]: v };
  }
  for (const extra of ["kind", "note", "validFrom", "shareMin", "split", "territory", "restricted"])
    for (const v of [undefined, "x", "2025-01-01", 0.1, true, null])
      if (!(extra in base)) yield { ...base, [extra]: v };
  yield { ...base, owned: base.owner };
  yield Object.assign(Object.create({ note: "inherited" }), base);
}

describe("bulkRecord", () => {
  for (const kind of Object.keys(BASE) as (keyof typeof BASE & keyof typeof RECORD_SCHEMAS)[])
    it(`answers for ${kind} only what the schema parses, equal and in the schema's key order`, () => {
      let answered = 0;
      let tried = 0;
      for (const raw of variants(BASE[kind] as Record<string, unknown>)) {
        tried++;
        const before = JSON.stringify(raw);
        const fast = bulkRecord(kind, raw);
        const slow = RECORD_SCHEMAS[kind].safeParse(raw);
        expect(JSON.stringify(raw)).toBe(before);
        if (fast === undefined) continue;
        answered++;
        expect(slow.success, `${kind} ${before}`).toBe(true);
        expect(JSON.stringify(fast)).toBe(JSON.stringify(slow.data));
        expect(fast).toEqual(slow.data);
      }
      // The shapes an import makes are answered here, not all handed to the schema.
      expect(bulkRecord(kind, BASE[kind])).toBeDefined();
      expect(answered).toBeGreaterThan(10);
      expect(tried - answered).toBeGreaterThan(100);
    });

  it("fills a stake's default kind where the schema does", () => {
    expect(bulkRecord("stakes", BASE.stakes)?.kind).toBe("equity");
    expect(bulkRecord("stakes", { ...BASE.stakes, kind: "free-carried" })?.kind).toBe(
      "free-carried",
    );
  });

  it("leaves other kinds and other shapes to the schema", () => {
    expect(bulkRecord("sources", { id: "x" })).toBeUndefined();
    expect(bulkRecord("entities", null)).toBeUndefined();
    expect(bulkRecord("entities", [BASE.entities])).toBeUndefined();
    expect(bulkRecord("stakes", { ...BASE.stakes, owned: "E0048299" })).toBeUndefined();
  });
});
