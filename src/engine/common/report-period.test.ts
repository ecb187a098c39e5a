import { describe, expect, it } from "vitest";
import type { Dataset } from "../../model/dataset.js";
import type { ProductionBasis } from "../../model/production.js";
import { worldFrom } from "../../model/world.js";
import { controlReportFor } from "../ownership/control-report.js";
import { testDataset } from "./_test-world.js";
import { reportPeriodFor } from "./report-period.js";

/** One tantalum mine with the given figures (period, tonnes, basis). */
function dataset(figures: [string, number | null, ProductionBasis][]): Dataset {
  const ds = testDataset({
    entities: [["owner", "company", "CD"]],
    assets: [
      ["mine", "CD", ["tantalum"], "North Kivu", "Masisi"],
      ["quiet", "CD", ["tantalum"], "South Kivu", "Kalehe"],
    ],
    stakes: [["owner", "mine", 1]],
  });
  for (const [i, [period, tonnes, basis]] of figures.entries())
    ds.production.push({
      id: `f${i}` as never,
      asset: "mine" as never,
      commodity: "tantalum",
      period: period as never,
      tonnes,
      basis,
      sources: ["test-source" as never],
      asOf: period.slice(0, 4),
    });
  return ds;
}

describe("reportPeriodFor", () => {
  it("reads the latest actual year up to the date, without a label", () => {
    const w = worldFrom(
      dataset([
        ["2023", 10, "actual"],
        ["2024", 12, "estimate"],
        ["2026", 20, "actual"],
      ]),
      "2025-06-30",
    );
    expect(reportPeriodFor(w, "tantalum")).toEqual({
      period: "2023",
      how: "latest-actual",
      bases: ["actual"],
      latestYearWithFigures: "2024",
      label: null,
    });
  });

  it("falls back to the latest estimate or guidance when no year has an actual figure, and says so", () => {
    const w = worldFrom(
      dataset([
        ["2019", 270, "estimate"],
        ["2024", 315, "estimate"],
        ["2025", null, "actual"],
      ]),
      "2025-12-31",
    );
    expect(reportPeriodFor(w, "tantalum")).toEqual({
      period: "2024",
      how: "latest-estimate",
      bases: ["estimate"],
      latestYearWithFigures: "2024",
      label:
        "No actual tantalum production figure up to 2025 in the dataset: the figures are 2024 estimates, not reported output",
    });
  });

  it("answers with the world's year and no figure when there is none at all", () => {
    const w = worldFrom(dataset([["2025", null, "actual"]]), "2025-12-31");
    expect(reportPeriodFor(w, "tantalum")).toEqual({
      period: "2025",
      how: "no-figure",
      bases: [],
      label:
        "No tantalum production figure up to 2025 in the dataset: no site's tonnes are counted (a national total, where there is one, is all in the row not on a recorded asset); the sites recorded are listed with who holds them",
    });
  });

  it("keeps a requested period without figures and names the latest year that has some", () => {
    const w = worldFrom(dataset([["2024", 315, "estimate"]]), "2026-01-01");
    expect(reportPeriodFor(w, "tantalum", { period: "2025" })).toEqual({
      period: "2025",
      how: "requested-without-figures",
      requested: "2025",
      bases: [],
      latestYearWithFigures: "2024",
      label:
        "No tantalum production figure for 2025 in the dataset (the latest year with one is 2024): no site's tonnes are counted (a national total, where there is one, is all in the row not on a recorded asset); the sites recorded are listed with who holds them",
    });
    expect(reportPeriodFor(w, "tantalum", { period: "2024" }).how).toBe("requested");
  });

  it("lets an evaluation fall back from a requested year without figures to the latest earlier one", () => {
    const w = worldFrom(dataset([["2024", 315, "estimate"]]), "2026-03-01");
    const c = reportPeriodFor(w, "tantalum", { period: "2026", fallBack: true });
    expect(c.period).toBe("2024");
    expect(c.how).toBe("earlier-year");
    expect(c.label).toBe(
      "No tantalum production figure for 2026 in the dataset: the figures are 2024 estimates, the latest year before it with any",
    );
  });

  it("counts a year's quarters only when they cover it, as the report does", () => {
    const w = worldFrom(
      dataset([
        ["2024", 10, "actual"],
        ["2025-Q1", 3, "actual"],
      ]),
      "2025-12-31",
    );
    expect(reportPeriodFor(w, "tantalum").period).toBe("2024");
  });
});

describe("reportPeriodFor with capacity only", () => {
  it("falls back to the latest capacity when no output figure exists up to the date, and labels it", () => {
    const w = worldFrom(
      dataset([
        ["2024", 30, "capacity"],
        ["2025", 35, "capacity"],
        ["2025", null, "actual"],
      ]),
      "2025-12-31",
    );
    const c = reportPeriodFor(w, "tantalum");
    expect(c.period).toBe("2025");
    expect(c.how).toBe("latest-capacity");
    expect(c.bases).toEqual(["capacity"]);
    expect(c.label).toBe(
      "No actual, estimate or guidance tantalum production figure up to 2025 in the dataset: the figures are 2025 capacity (what the plants can produce, as their owners state it), not output",
    );
  });

  it("reads a requested year's capacity when it has no output figure, and an output figure when it has one", () => {
    const w = worldFrom(
      dataset([
        ["2024", 30, "capacity"],
        ["2024", 12, "estimate"],
        ["2025", 35, "capacity"],
      ]),
      "2026-06-30",
    );
    expect(reportPeriodFor(w, "tantalum", { period: "2025" })).toMatchObject({
      period: "2025",
      how: "requested-capacity",
      requested: "2025",
      bases: ["capacity"],
    });
    expect(reportPeriodFor(w, "tantalum", { period: "2024" })).toMatchObject({
      how: "requested",
      bases: ["estimate"],
    });
    expect(reportPeriodFor(w, "tantalum").how).toBe("latest-estimate");
  });

  it("keeps to the output bases when told not to fall back to capacity", () => {
    const w = worldFrom(dataset([["2025", 35, "capacity"]]), "2025-12-31");
    expect(reportPeriodFor(w, "tantalum", { capacityFallback: false }).how).toBe("no-figure");
  });
});

describe("controlReportFor without a period", () => {
  it("counts capacity, labelled, for a commodity whose only figures are capacity", () => {
    const w = worldFrom(dataset([["2025", 35, "capacity"]]), "2025-12-31");
    const r = controlReportFor(w, { commodity: "tantalum" });
    expect(r.totalTonnes).toBe(35);
    expect(r.assets.map((a) => [a.id, a.basis])).toEqual([["mine", "capacity"]]);
    expect(r.notes[0]).toBe(r.periodChoice.label);
    expect(r.notes.join("\n")).toMatch(/capacity, not actual output/);
  });

  it("answers from estimates with a visible label instead of failing", () => {
    const w = worldFrom(dataset([["2024", 315, "estimate"]]), "2025-12-31");
    const r = controlReportFor(w, { commodity: "tantalum" });
    expect(r.period).toBe("2024");
    expect(r.totalTonnes).toBe(315);
    expect(r.periodChoice.how).toBe("latest-estimate");
    expect(r.notes[0]).toBe(r.periodChoice.label);
  });

  it("answers with no tonnes, the sites it has and what is missing when there is no figure", () => {
    const w = worldFrom(dataset([]), "2025-12-31");
    const r = controlReportFor(w, { commodity: "tantalum" });
    expect(r.totalTonnes).toBe(0);
    expect(r.byCountry).toEqual([]);
    expect(r.coverage.missing.map((m) => [m.asset, m.reason])).toEqual([
      ["mine", "no production figure in the dataset"],
      ["quiet", "no production figure in the dataset"],
    ]);
    expect(r.notes.join("\n")).not.toMatch(/--/);
  });
});
