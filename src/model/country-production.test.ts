import { describe, expect, it } from "vitest";
import { countryProductionSchema } from "./country-production.js";

const base = {
  id: "cp-cd-gold-2025",
  country: "CD",
  commodity: "gold",
  year: 2025,
  tonnes: 27.9,
  stage: "mine",
  sources: ["s1"],
  asOf: "2025",
};

function issues(x: unknown): string[] {
  const r = countryProductionSchema.safeParse(x);
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
}

describe("countryProductionSchema", () => {
  it("takes a total without an estimate, and an estimate with its label", () => {
    expect(issues(base)).toEqual([]);
    expect(
      issues({
        ...base,
        estimate: { method: "carried-forward", fromYear: 2024, label: "2024 exports" },
      }),
    ).toEqual([]);
    expect(issues({ ...base, estimate: { method: "exports-proxy", label: "exports" } })).toEqual(
      [],
    );
  });

  it("refuses a carried-forward total without the year it comes from, or from its own year or later", () => {
    expect(issues({ ...base, estimate: { method: "carried-forward", label: "x" } })).toEqual([
      "estimate.fromYear: A carried-forward total needs fromYear: the year whose figure it is",
    ]);
    expect(
      issues({ ...base, estimate: { method: "carried-forward", fromYear: 2025, label: "x" } }),
    ).toEqual(["estimate.fromYear: fromYear must be before the record's year (2025)"]);
  });

  it("refuses fromYear on a total that is not carried forward, an empty label and unknown methods", () => {
    expect(
      issues({ ...base, estimate: { method: "derived", fromYear: 2023, label: "x" } }),
    ).toEqual(["estimate.fromYear: fromYear is only for a carried-forward total"]);
    expect(issues({ ...base, estimate: { method: "derived", label: "" } })).toHaveLength(1);
    expect(issues({ ...base, estimate: { method: "guess", label: "x" } })).toHaveLength(1);
  });
});
