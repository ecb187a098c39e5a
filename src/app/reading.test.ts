import { describe, expect, it } from "vitest";
import { DEFAULT_STOCKPILE, readingDates, stockpileHolderFor, today } from "./reading.js";
import { FLOWS_DATES } from "./world-reports.js";

const scenario = { baseDate: "2026-03-01", period: "2026-Q2" };

describe("readingDates()", () => {
  it("with a scenario and nothing asked, reads the scenario's base date and period", () => {
    expect(readingDates({}, scenario)).toEqual({ asOf: "2026-03-01", period: "2026-Q2" });
    expect(readingDates({}, scenario, FLOWS_DATES)).toEqual({
      asOf: "2026-03-01",
      period: "2026-Q2",
    });
  });

  it("a date or period asked for wins over the scenario's", () => {
    expect(readingDates({ asOf: "2025-12-31", period: "2025" }, scenario)).toEqual({
      asOf: "2025-12-31",
      period: "2025",
    });
  });

  it("the scenario's date wins over the end of the period asked for", () => {
    expect(readingDates({ period: "2024" }, scenario, FLOWS_DATES).asOf).toBe("2026-03-01");
  });

  it("without a scenario, flows read the period's last day, or today and its year", () => {
    expect(readingDates({ period: "2024-H1" }, undefined, FLOWS_DATES)).toEqual({
      asOf: "2024-06-30",
      period: "2024-H1",
    });
    const t = today();
    expect(readingDates({}, undefined, FLOWS_DATES)).toEqual({ asOf: t, period: t.slice(0, 4) });
  });

  it("without a scenario or flows' defaults, the period is left to the engine", () => {
    expect(readingDates({ asOf: "2025-06-30" }, undefined)).toEqual({
      asOf: "2025-06-30",
      period: undefined,
    });
  });
});

describe("stockpileHolderFor()", () => {
  it("takes the stockpile asked for, else the default one only when the dataset has it", () => {
    expect(stockpileHolderFor("other", { stockpiles: [] })).toBe("other");
    expect(stockpileHolderFor(undefined, { stockpiles: [] })).toBeUndefined();
    expect(
      stockpileHolderFor(undefined, { stockpiles: [{ id: DEFAULT_STOCKPILE }] as never }),
    ).toBe(DEFAULT_STOCKPILE);
  });
});
