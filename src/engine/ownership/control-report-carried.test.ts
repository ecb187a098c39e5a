import { describe, expect, it } from "vitest";
import { _testWorld } from "../allocation/_test-allocation-world.js";
import { CARRY_MAX_AGE_YEARS, carriedProduction } from "../common/production-carry-forward.js";
import { CARRIED_FORWARD_LABEL, controlReportFor } from "./control-report.js";

/** CN holds a and c (and d, e), CH holds b; only a has a 2025 figure, b's 2025 is a recorded gap. */
const world = _testWorld({
  asOf: "2025-12-31",
  entities: [
    { id: "cn", country: "CN" },
    { id: "ch", country: "CH" },
  ],
  assets: [{ id: "a" }, { id: "b" }, { id: "c" }, { id: "d" }, { id: "e", status: "suspended" }],
  stakes: [
    { owner: "cn", owned: "a", share: 1 },
    { owner: "ch", owned: "b", share: 1 },
    { owner: "cn", owned: "c", share: 1 },
    { owner: "cn", owned: "d", share: 1 },
    { owner: "cn", owned: "e", share: 1 },
  ],
  production: [
    { id: "a-2025", asset: "a", period: "2025", tonnes: 1000 },
    { id: "b-2024", asset: "b", period: "2024", tonnes: 500 },
    { id: "b-2025", asset: "b", period: "2025", tonnes: null },
    { id: "c-2023", asset: "c", period: "2023", tonnes: 200, basis: "estimate" },
    { id: "d-old", asset: "d", period: String(2025 - CARRY_MAX_AGE_YEARS - 1), tonnes: 300 },
    { id: "e-2024", asset: "e", period: "2024", tonnes: 100 },
  ],
  countryProduction: [
    { country: "CD", commodity: "cobalt", year: 2025, tonnes: 4000, stage: "mine" },
  ],
});

describe("the control report's carried-forward view", () => {
  const plain = controlReportFor(world, { commodity: "cobalt", period: "2025" });
  const r = controlReportFor(world, { commodity: "cobalt", period: "2025", carryForward: true });
  const v = r.carriedForward;

  it("carries each missing producer's last figure at most two years old, with its age and record", () => {
    expect(v?.label).toBe(CARRIED_FORWARD_LABEL);
    expect(
      v?.assets.map((a) => [a.assets, a.tonnes, a.period, a.basis, a.ageYears, a.record]),
    ).toEqual([
      [["b"], 500, "2024", "actual", 1, "b-2024"],
      [["c"], 200, "2023", "estimate", 2, "c-2023"],
    ]);
    expect(v?.carriedTonnes).toBe(700);
  });

  it("gives a second coverage of recorded plus carried tonnes against the same national total", () => {
    expect(r.coverage.share).toBeCloseTo(1000 / 4000, 12);
    expect(v?.coverage.share).toBeCloseTo((1000 + 700) / 4000, 12);
    expect(v?.coverage.nationalTonnes).toBe(4000);
    expect(v?.coverage.residualTonnes).toBeCloseTo(4000 - 1700, 9);
    const cn = v?.byCountry.find((x) => x.country === "CN");
    const ch = v?.byCountry.find((x) => x.country === "CH");
    expect(cn?.consolidatedShare).toBeCloseTo(1200 / 4000, 12);
    expect(cn?.attributableShare).toBeCloseTo(1200 / 4000, 12);
    expect(cn?.deFactoShare).toBeCloseTo(1200 / 4000, 12);
    expect(ch?.consolidatedShare).toBeCloseTo(500 / 4000, 12);
  });

  it("leaves the headline on actual figures exactly as without the view", () => {
    expect(plain.carriedForward).toBeUndefined();
    const { carriedForward: _v, staleInputs: s1, notes: n1, ...rest } = r;
    const { staleInputs: s0, notes: n0, ...rest0 } = plain;
    expect(rest).toEqual(rest0);
    expect(r.byCountry.find((x) => x.country === "CH")).toBeUndefined();
    expect(s1.filter((s) => s.view === undefined)).toEqual(s0);
    expect(n1.slice(0, n0.length)).toEqual(n0);
  });

  it("lists each carried figure with its age in the stale inputs and the notes, marked as the view's", () => {
    const carried = r.staleInputs.filter((s) => s.view === "carried-forward");
    expect(carried.map((s) => [s.record, s.date, s.usedFor, s.ageYears, s.tonnes])).toEqual([
      ["b-2024", "2024", "2025", 1, 500],
      ["c-2023", "2023", "2025", 2, 200],
    ]);
    const note = r.notes.find((n) => n.startsWith(CARRIED_FORWARD_LABEL)) ?? "";
    expect(note).toContain("coverage 42.5% against 25.0%");
    expect(note).toContain("b (2024 actual, 1 year old); c (2023 estimate, 2 years old)");
  });

  it("carries nothing older than the limit, nothing suspended, and nothing for a producer with a figure", () => {
    const ids = v?.assets.flatMap((a) => a.assets) ?? [];
    expect(ids).not.toContain("d");
    expect(ids).not.toContain("e");
    expect(ids).not.toContain("a");
  });

  it("is null for a part of a year and when nothing is missing", () => {
    const q = _testWorld({
      assets: [{ id: "a" }],
      production: [
        { asset: "a", period: "2024", tonnes: 40 },
        { asset: "a", period: "2025", tonnes: 50 },
        { asset: "a", period: "2025-Q1", tonnes: 10 },
      ],
    });
    expect(
      controlReportFor(q, { commodity: "cobalt", period: "2025", carryForward: true })
        .carriedForward,
    ).toBeNull();
    const quarter = controlReportFor(world, {
      commodity: "cobalt",
      period: "2025-Q1",
      carryForward: true,
    });
    expect(quarter.coverage.missing.length).toBeGreaterThan(0);
    expect(quarter.carriedForward).toBeNull();
    expect(
      controlReportFor(q, { commodity: "cobalt", period: "2025-Q1", carryForward: true })
        .carriedForward,
    ).toBeNull();
  });
});

describe("carriedProduction() for a producer named in several figures", () => {
  it("carries only its latest year, so a joint figure and an older own figure are not both counted", () => {
    const w = _testWorld({
      assets: [{ id: "f" }, { id: "g" }],
      production: [
        { id: "f-2023", asset: "f", period: "2023", tonnes: 100 },
        {
          id: "fg-2024",
          period: "2024",
          tonnes: 300,
          split: [
            { asset: "f", weight: 0.5 },
            { asset: "g", weight: 0.5 },
          ],
        },
      ],
    });
    expect(carriedProduction(w, ["2025"]).carried.map((c) => c.from)).toEqual(["fg-2024"]);
  });

  it("fills a year whose only figure is unknown when asked to treat it as a gap", () => {
    const w = _testWorld({
      assets: [{ id: "a" }],
      production: [
        { id: "a-2024", asset: "a", period: "2024", tonnes: 100 },
        { id: "a-2025", asset: "a", period: "2025", tonnes: null },
      ],
    });
    expect(carriedProduction(w, ["2025"]).carried).toEqual([]);
    expect(
      carriedProduction(w, ["2025"], undefined, { unknownIsGap: true }).carried.map((c) => c.from),
    ).toEqual(["a-2024"]);
  });
});
