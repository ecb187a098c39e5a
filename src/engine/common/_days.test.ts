import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { _dayOf, _isoOf } from "./_days.js";

describe("_dayOf()", () => {
  it("agrees with Date on every day from 1900 to 2200 and round-trips through _isoOf", () => {
    fc.assert(
      fc.property(fc.integer({ min: -25_567, max: 84_000 }), (day) => {
        const iso = new Date(day * 86_400_000).toISOString().slice(0, 10);
        expect(_dayOf(iso)).toBe(day);
        expect(_isoOf(_dayOf(iso))).toBe(iso);
      }),
      { numRuns: 2000 },
    );
    expect(_dayOf("1970-01-01")).toBe(0);
    expect(_dayOf("2024-02-29")).toBe(19_782);
  });
});
