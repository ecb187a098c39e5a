import { describe, expect, it } from "vitest";
import type { CountryProduction } from "../../model/country-production.js";
import { worldFrom } from "../../model/world.js";
import { testDataset } from "./_test-world.js";
import { coverageFor } from "./national-coverage.js";

/** A world with the given national totals (country, year, tonnes, alternatives). */
function world(
  totals: [country: string, year: number, tonnes: number, alternatives?: number[]][],
  stage: CountryProduction["stage"] = "mine",
  estimate?: CountryProduction["estimate"],
) {
  const ds = testDataset({});
  for (const [i, [country, year, tonnes, alts]] of totals.entries())
    ds.countryProduction.push({
      id: `cp${i}` as never,
      country: country as never,
      commodity: "cobalt",
      year,
      tonnes,
      stage,
      ...(alts
        ? { alternatives: alts.map((t) => ({ tonnes: t, sources: ["alt-source" as never] })) }
        : {}),
      ...(estimate !== undefined ? { estimate } : {}),
      sources: ["test-source" as never],
      asOf: String(year),
    });
  return worldFrom(ds, "2025-12-31");
}

const ask = { commodity: "cobalt" as const, period: "2025", countries: ["CD"] };

describe("coverageFor()", () => {
  it("sets the recorded tonnes against the national total, with the residual and its sources", () => {
    const c = coverageFor(world([["CD", 2025, 200]]), { ...ask, recordedTonnes: 150 });
    expect(c).toMatchObject({
      requestedBasis: "national",
      basis: "national",
      countries: ["CD"],
      recordedTonnes: 150,
      nationalTonnes: 200,
      share: 0.75,
      residualTonnes: 50,
      excessTonnes: 0,
      denominatorTonnes: 200,
      records: ["cp0"],
      sources: ["test-source"],
      note: null,
    });
  });

  it("falls back to the recorded tonnes with a note, never an error, when the year has no national total", () => {
    const c = coverageFor(world([["CD", 2024, 200]]), { ...ask, recordedTonnes: 150 });
    expect(c.basis).toBe("recorded");
    expect(c.nationalTonnes).toBeNull();
    expect(c.share).toBeNull();
    expect(c.denominatorTonnes).toBe(150);
    expect(c.note).toBe(
      "No national total: the dataset has no cobalt mine production total for DR Congo in 2025; the shares are of the tonnes on recorded assets",
    );
  });

  it("does not take a refinery total, or a year's total for a quarter, as the national mine output", () => {
    const refinery = coverageFor(world([["CD", 2025, 200]], "refinery"), {
      ...ask,
      recordedTonnes: 150,
    });
    expect(refinery.nationalTonnes).toBeNull();
    const quarter = coverageFor(world([["CD", 2025, 200]]), {
      ...ask,
      period: "2025-Q3",
      recordedTonnes: 40,
    });
    expect(quarter.nationalTonnes).toBeNull();
    expect(quarter.note).toMatch(/national totals are annual and 2025-Q3 is part of a year/);
  });

  it("says so when the recorded tonnes exceed the national total, with no negative residual", () => {
    const c = coverageFor(world([["CD", 2025, 200]]), { ...ask, recordedTonnes: 230 });
    expect(c.residualTonnes).toBe(0);
    expect(c.excessTonnes).toBe(30);
    expect(c.denominatorTonnes).toBe(230);
    expect(c.share).toBeCloseTo(1.15, 12);
    expect(c.note).toMatch(/^The recorded assets' 230 t exceed DR Congo's national total of 200 t/);
  });

  it("gives every other source's total the coverage it would mean", () => {
    const c = coverageFor(world([["CD", 2025, 200, [160, 250]]]), { ...ask, recordedTonnes: 120 });
    expect(c.alternatives.map((a) => [a.tonnes, a.share, a.sources])).toEqual([
      [160, 0.75, ["alt-source"]],
      [250, 0.48, ["alt-source"]],
    ]);
    expect(c.note).toMatch(/other sources give 160 t \(alt-source: coverage 75\.0%\)/);
  });

  it("sums the totals of several countries, and has none when one of them lacks a total", () => {
    const w = world([
      ["CD", 2025, 200],
      ["ZM", 2025, 50],
    ]);
    expect(
      coverageFor(w, { ...ask, countries: ["ZM", "CD"], recordedTonnes: 100 }).nationalTonnes,
    ).toBe(250);
    expect(
      coverageFor(w, { ...ask, countries: ["CD", "US"], recordedTonnes: 100 }).nationalTonnes,
    ).toBeNull();
  });

  it("on the recorded basis takes the recorded tonnes as the denominator and still reports the residual", () => {
    const c = coverageFor(world([["CD", 2025, 200]]), {
      ...ask,
      recordedTonnes: 150,
      basis: "recorded",
    });
    expect(c.basis).toBe("recorded");
    expect(c.denominatorTonnes).toBe(150);
    expect(c.residualTonnes).toBe(50);
    expect(c.share).toBe(0.75);
  });

  it("names a total that is an estimate, with its method, label and the age of a year carried forward", () => {
    const w = world([["CD", 2025, 200]], "mine", {
      method: "carried-forward",
      fromYear: 2022,
      label: "2022 exports",
    });
    const c = coverageFor(w, { ...ask, recordedTonnes: 150 });
    expect(c.nationalTonnes).toBe(200);
    expect(c.estimates).toEqual([
      {
        record: "cp0",
        country: "CD",
        method: "carried-forward",
        fromYear: 2022,
        ageYears: 3,
        label: "2022 exports",
      },
    ]);
    expect(c.note).toBe(
      "DR Congo's national total for 2025 is an ESTIMATE, not a reported mine-production figure (an earlier year carried forward: the 2022 figure, 3 years old): 2022 exports",
    );
    const reported = coverageFor(world([["CD", 2025, 200]]), { ...ask, recordedTonnes: 150 });
    expect(reported.estimates).toEqual([]);
    expect(reported.note).toBeNull();
  });
});
