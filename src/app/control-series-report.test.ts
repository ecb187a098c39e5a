import { beforeAll, describe, expect, it } from "vitest";
import { flowsReportFor } from "../engine/metrics/flows-report.js";
import { controlReportFor } from "../engine/ownership/control-report.js";
import { loadDatasetDir, REFERENCE_DATA_DIR } from "../io/load-dataset.js";
import type { Dataset } from "../model/dataset.js";
import { worldFrom } from "../model/world.js";
import { controlSeriesReport, seriesEventsOf } from "./control-series-report.js";

let ds: Dataset;
beforeAll(() => {
  ds = loadDatasetDir(REFERENCE_DATA_DIR).dataset;
});

describe("the control series", () => {
  it("gives each year the control and flows reports of its output, read on its last day or the date asked", async () => {
    const s = await controlSeriesReport((d) => worldFrom(ds, d), {
      commodity: "cobalt",
      from: 2023,
      to: 2025,
      asOf: "2025-06-30",
    });
    expect(s.points.map((p) => [p.year, p.asOf])).toEqual([
      [2023, "2023-12-31"],
      [2024, "2024-12-31"],
      [2025, "2025-06-30"],
    ]);
    for (const p of s.points) {
      const world = worldFrom(ds, p.asOf);
      const control = controlReportFor(world, { commodity: "cobalt", period: String(p.year) });
      const flows = flowsReportFor(world, {
        commodity: "cobalt",
        period: String(p.year),
        quotaMode: "apply",
        offtakeStatuses: ["active"],
      });
      expect(p.producedTonnes).toBe(control.totalTonnes);
      expect(p.exportedTonnes).toBe(flows.exportedTonnes);
      expect(p.hhi.consolidated).toBe(control.hhi.consolidated);
      expect(p.hhi.buyerCountry).toBe(flows.hhi.byBuyerCountry);
      for (const c of control.byCountry)
        expect(p.countries.find((x) => x.country === c.country)?.deFacto).toBe(c.deFactoShare);
      for (const c of p.companies)
        expect(c.share).toBe(control.byCompany.find((x) => x.id === c.id)?.attributableShare ?? 0);
    }
  });

  it("says for each year what its shares are of: the national total (with its sources) or, without one, the recorded assets only", async () => {
    const s = await controlSeriesReport((d) => worldFrom(ds, d), {
      commodity: "cobalt",
      from: 2024,
      to: 2026,
      asOf: "2026-06-30",
    });
    const [y2024, y2025, y2026] = s.points;
    for (const p of [y2024, y2025]) {
      expect(p?.coverage.basis).toBe("national");
      expect(p?.coverage.nationalTonnes).toBeGreaterThan(p?.producedTonnes ?? Infinity);
      expect(p?.coverage.sources.length).toBeGreaterThan(0);
      expect(p?.yearComplete).toBe(true);
      // On the national basis, what no recorded asset produced is its own row: the share of the
      // national total the recorded assets do not cover.
      const residual = p?.countries.find((c) => c.country === "not-on-a-recorded-asset");
      expect(residual?.attributable).toBeCloseTo(1 - (p?.coverage.share ?? 0), 9);
    }
    // 2026 is read before its end and the dataset has no national total for it.
    expect(y2026?.yearComplete).toBe(false);
    expect(y2026?.coverage).toMatchObject({ basis: "recorded", nationalTonnes: null, share: null });
    expect(y2026?.countries.some((c) => c.country === "not-on-a-recorded-asset")).toBe(false);
    expect(s.basis).toContain("not comparable");
  });

  it("marks the DRC's cobalt export ban on the day its record begins, once, with its sources", async () => {
    const s = await controlSeriesReport((d) => worldFrom(ds, d), {
      commodity: "cobalt",
      asOf: "2025-12-31",
    });
    const rule = ds.tradeRules.find((r) => r.id === "drc-cobalt-export-ban-2025");
    if (!rule) throw new Error("the reference dataset lost its ban");
    const marked = s.events.filter((e) => e.record === rule.id && e.date === rule.validFrom);
    expect(marked).toHaveLength(1);
    expect(marked[0]?.kind).toBe("ban");
    expect(marked[0]?.sources).toEqual(rule.sources);
    expect(s.events.map((e) => e.date)).toEqual([...s.events.map((e) => e.date)].sort());
  });

  it("leaves out events of other commodities and those outside the years", () => {
    const world = worldFrom(ds, "2025-12-31");
    const events = seriesEventsOf(world, "copper", "2018-01-01", "2025-12-31");
    expect(events.some((e) => e.record === "drc-cobalt-export-ban-2025")).toBe(false);
    const none = seriesEventsOf(world, "cobalt", "2010-01-01", "2010-12-31");
    expect(none).toEqual([]);
  });

  it("refuses years out of order, saying which", async () => {
    await expect(
      controlSeriesReport((d) => worldFrom(ds, d), {
        commodity: "cobalt",
        from: 2025,
        to: 2020,
        asOf: "2025-12-31",
      }),
    ).rejects.toThrow("The series ends (2020) before it starts (2025)");
  });
});
