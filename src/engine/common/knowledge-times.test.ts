import { describe, expect, it } from "vitest";
import type { Dataset } from "../../model/dataset.js";
import { lastDayOf } from "../../model/dates.js";
import { knowledgeTimesOf } from "./knowledge-times.js";

const src = (id: string, published?: string, accessed?: string) => ({
  id,
  title: id,
  kind: "secondary",
  confidence: "medium",
  ...(published !== undefined ? { published } : {}),
  ...(accessed !== undefined ? { accessed } : {}),
});

function dataset(): Partial<Dataset> {
  return {
    sources: [
      src("old", "2016-11-18"),
      src("sep", "2025-09"),
      src("year", "2024"),
      src("got", undefined, "2025-02-03"),
      src("wiki"),
      src("future", "2030-01-01"),
    ],
    entities: [
      {
        id: "co",
        name: "Co",
        kind: "company",
        country: "CN",
        sources: ["sep", "old"],
        asOf: "2016",
      },
      { id: "state", name: "State", kind: "state", country: "CD", sources: ["wiki"], asOf: "2025" },
      {
        id: "ghost",
        name: "Ghost",
        kind: "company",
        country: null,
        sources: ["wiki"],
        asOf: "2025",
      },
    ],
    assets: [
      {
        id: "mine",
        name: "Mine",
        kind: "mine",
        country: "CD",
        province: null,
        territory: null,
        location: null,
        status: "operating",
        commodities: ["cobalt"],
        sources: ["year"],
        asOf: "2024",
      },
    ],
    stakes: [
      {
        id: "s-co",
        owner: "co",
        owned: "mine",
        share: 0.8,
        kind: "equity",
        sources: ["old", "sep"],
        asOf: "2025",
      },
      {
        id: "s-state",
        owner: "state",
        owned: "mine",
        share: 0.2,
        kind: "equity",
        sources: ["got", "wiki"],
        asOf: "2025",
      },
      {
        id: "s-ghost",
        owner: "ghost",
        owned: "mine",
        share: 0.1,
        kind: "equity",
        sources: ["wiki"],
        asOf: "2025",
      },
    ],
    production: [
      {
        id: "p-late",
        asset: "mine",
        commodity: "cobalt",
        period: "2024",
        tonnes: 1,
        basis: "actual",
        sources: ["future"],
        asOf: "2024",
      },
    ],
  } as unknown as Partial<Dataset>;
}

describe("knowledgeTimesOf()", () => {
  it("a year or month counts from its last day", () => {
    expect(lastDayOf("2025-09")).toBe("2025-09-30");
    expect(lastDayOf("2024")).toBe("2024-12-31");
    expect(lastDayOf("2024-02")).toBe("2024-02-29");
    expect(lastDayOf("2025-Q2")).toBe("2025-06-30");
    expect(lastDayOf("2025-H1")).toBe("2025-06-30");
    expect(lastDayOf("2025-03-04")).toBe("2025-03-04");
  });

  it("a figure is known once its last dated source is public; an entity from its first", () => {
    const t = knowledgeTimesOf(dataset(), "2026-01-15");
    expect(t.of("stakes", "s-co")).toBe("2025-09-30");
    expect(t.of("entities", "co")).toBe("2016-11-18");
    // A retrieval date stands in for a missing publication date; the undated source adds nothing.
    expect(t.of("stakes", "s-state")).toBe("2025-02-03");
    expect(t.of("sources", "sep")).toBe("2025-09-30");
  });

  it("a record is never known before what it names, nor after the release date", () => {
    const t = knowledgeTimesOf(dataset(), "2026-01-15");
    // The undated state exists from the first dated record naming it (s-state, 2025-02-03).
    expect(t.of("entities", "state")).toBe("2025-02-03");
    // The mine (2024 source) is known at the end of 2024; the stake in it no earlier.
    expect(t.of("assets", "mine")).toBe("2024-12-31");
    // A source dated after the release is capped at the release.
    expect(t.of("production", "p-late")).toBe("2026-01-15");
    // An undated source is known from the first record citing it.
    expect(t.of("sources", "wiki")).toBe("2025-02-03");
  });

  it("records with no dated source and things no dated record names are known from the release date, and listed", () => {
    const t = knowledgeTimesOf(dataset(), "2026-01-15");
    expect(t.of("stakes", "s-ghost")).toBe("2026-01-15");
    expect(t.of("entities", "ghost")).toBe("2026-01-15");
    expect(t.undated).toEqual([
      { kind: "entities", id: "ghost" },
      { kind: "stakes", id: "s-ghost" },
    ]);
    // Without a release date given, it is the latest source date.
    expect(knowledgeTimesOf(dataset()).release).toBe("2030-01-01");
  });
});
