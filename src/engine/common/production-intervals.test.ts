import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { _daysIn, _intersect, _spanOfPeriod } from "./_days.js";
import { type Disruption, remainingFraction } from "./production-intervals.js";

const YEAR = _spanOfPeriod("2026");
const QUARTERS = ["2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4"].map(_spanOfPeriod);
const days = (s: { from: number; to: number }) => s.to - s.from;

/** A disruption inside or around 2026: an outage or a ramp over some days. */
const disruption: fc.Arbitrary<Disruption> = fc
  .record({
    start: fc.integer({ min: YEAR.from - 60, max: YEAR.to + 30 }),
    length: fc.integer({ min: 1, max: 200 }),
    factor: fc.double({ min: 0, max: 1.5, noNaN: true }),
    ramp: fc.option(fc.double({ min: 0, max: 1.5, noNaN: true }), { nil: undefined }),
  })
  .map(({ start, length, factor, ramp }) => ({
    span: { from: start, to: start + length },
    factor,
    ...(ramp !== undefined ? { factorEnd: ramp } : {}),
  }));

describe("remainingFraction()", () => {
  it("two disjoint quarter outages leave the other half of the year, day for day", () => {
    for (let a = 0; a < 4; a++)
      for (let b = a + 1; b < 4; b++) {
        const qa = QUARTERS[a] as { from: number; to: number };
        const qb = QUARTERS[b] as { from: number; to: number };
        const f = remainingFraction(YEAR, [
          { span: qa, factor: 0 },
          { span: qb, factor: 0 },
        ]);
        expect(f).toBeCloseTo((days(YEAR) - days(qa) - days(qb)) / days(YEAR), 12);
        expect(Math.abs(f - 0.5)).toBeLessThan(0.01);
      }
  });

  it("overlapping outages do not compound: the lowest factor of the day applies", () => {
    const q2 = QUARTERS[1] as { from: number; to: number };
    const once = remainingFraction(YEAR, [{ span: q2, factor: 0.4 }]);
    expect(
      remainingFraction(YEAR, [
        { span: q2, factor: 0.4 },
        { span: q2, factor: 0.4 },
      ]),
    ).toBeCloseTo(once, 12);
    expect(
      remainingFraction(YEAR, [
        { span: q2, factor: 0.4 },
        { span: q2, factor: 0.8 },
      ]),
    ).toBeCloseTo(once, 12);
  });

  it("the order of the disruptions never matters", () => {
    fc.assert(
      fc.property(fc.array(disruption, { maxLength: 6 }), fc.nat(), (ds, k) => {
        const shuffled = [...ds];
        for (let i = shuffled.length - 1; i > 0; i--) {
          const j = (k + i * 7919) % (i + 1);
          [shuffled[i], shuffled[j]] = [shuffled[j] as Disruption, shuffled[i] as Disruption];
        }
        expect(remainingFraction(YEAR, shuffled)).toBeCloseTo(remainingFraction(YEAR, ds), 12);
      }),
    );
  });

  it("a disruption outside the period changes nothing", () => {
    fc.assert(
      fc.property(
        fc.array(disruption, { maxLength: 4 }),
        disruption,
        fc.nat({ max: 400 }),
        fc.boolean(),
        (ds, d, gap, before) => {
          const length = d.span.to - d.span.from;
          const outside: Disruption = {
            ...d,
            span: before
              ? { from: YEAR.from - gap - length, to: YEAR.from - gap }
              : { from: YEAR.to + gap, to: YEAR.to + gap + length },
          };
          expect(_daysIn(_intersect(outside.span, YEAR))).toBe(0);
          expect(remainingFraction(YEAR, [...ds, outside])).toBeCloseTo(
            remainingFraction(YEAR, ds),
            12,
          );
        },
      ),
    );
  });

  it("never leaves more than the highest factor nor less than the lowest, and a full stop over the year leaves nothing", () => {
    fc.assert(
      fc.property(fc.array(disruption, { minLength: 1, maxLength: 5 }), (ds) => {
        const f = remainingFraction(YEAR, ds);
        const factors = ds.flatMap((d) => [d.factor, d.factorEnd ?? d.factor]);
        expect(f).toBeLessThanOrEqual(Math.max(1, ...factors) + 1e-12);
        expect(f).toBeGreaterThanOrEqual(Math.min(1, ...factors) - 1e-12);
      }),
    );
    expect(remainingFraction(YEAR, [{ span: YEAR, factor: 0 }])).toBe(0);
  });

  it("a ramp from 0 to 1 over a quarter gives half that quarter's output", () => {
    const q3 = QUARTERS[2] as { from: number; to: number };
    const f = remainingFraction(q3, [{ span: q3, factor: 0, factorEnd: 1 }]);
    expect(f).toBeCloseTo(0.5, 12);
    // After a stop in Q2 and a ramp in Q3, the year keeps Q1, half of Q3 and Q4.
    const q2 = QUARTERS[1] as { from: number; to: number };
    const year = remainingFraction(YEAR, [
      { span: q2, factor: 0 },
      { span: q3, factor: 0, factorEnd: 1 },
    ]);
    expect(year).toBeCloseTo((days(YEAR) - days(q2) - days(q3) / 2) / days(YEAR), 12);
  });
});
