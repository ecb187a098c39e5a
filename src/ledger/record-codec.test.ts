import { describe, expect, it } from "vitest";
import { encodeRecord, RecordDecoder } from "./record-codec.js";

const stake = (id: string, sources: string[], asOf = "2025") => ({
  id,
  owner: "a",
  owned: "b",
  share: 0.5,
  kind: "equity",
  sources,
  asOf,
});

/** The body as each record's own JSON (what the codec wrote before it kept the last one). */
function ownBody(rec: Record<string, unknown>): string {
  const { id: _id, owner: _o, owned: _d, share: _s, ...rest } = rec;
  return JSON.stringify(rest);
}

describe("encodeRecord's body", () => {
  it("is each record's own JSON whether or not its rest equals the last one", () => {
    const shared = ["s1"];
    const recs: Record<string, unknown>[] = [
      stake("x1", shared),
      stake("x2", shared),
      stake("x3", ["s1"]),
      stake("x4", ["s1", "s2"]),
      stake("x5", shared, "2024"),
      { ...stake("x6", shared), note: "a note" },
      stake("x7", shared),
      { ...stake("x8", shared), kind: undefined },
      { ...stake("x9", shared), extra: { nested: [1] } },
      { ...stake("x10", shared), extra: { nested: [1] } },
    ];
    for (const r of recs)
      expect(encodeRecord("stakes", r as { id: string } & Record<string, unknown>).body).toBe(
        ownBody(r),
      );
  });

  it("sees an array changed in place since the last record", () => {
    const shared = ["s1"];
    expect(encodeRecord("stakes", stake("y1", shared)).body).toContain('["s1"]');
    shared.push("s2");
    expect(encodeRecord("stakes", stake("y2", shared)).body).toContain('["s1","s2"]');
    shared[0] = "s0";
    expect(encodeRecord("stakes", stake("y3", shared)).body).toContain('["s0","s2"]');
  });

  it("keeps kinds apart and decodes back to the record", () => {
    const entity = {
      id: "e",
      name: "E",
      kind: "company",
      country: "CD",
      sources: ["s"],
      asOf: "2025",
    };
    const asset = {
      id: "m",
      name: "M",
      kind: "mine",
      country: "CD",
      province: null,
      location: null,
      status: "operating",
      commodities: ["cobalt"],
      sources: ["s"],
      asOf: "2025",
    };
    const d = new RecordDecoder();
    for (const [kind, rec] of [
      ["entities", entity],
      ["assets", asset],
      ["entities", entity],
    ] as const) {
      const e = encodeRecord(kind, rec);
      expect(d.decode(kind, rec.id, e.body, e.text1, e.text2, e.text3, e.num1)).toEqual(rec);
    }
  });
});
