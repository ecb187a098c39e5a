import { beforeAll, describe, expect, it } from "vitest";
import { datasetWorldSource } from "../../app/dataset-world-source.js";
import { controlReport } from "../../app/world-reports.js";
import { CARRIED_FORWARD_LABEL, controlReportFor } from "../../engine/ownership/control-report.js";
import { loadDatasetDir, REFERENCE_DATA_DIR } from "../../io/load-dataset.js";
import type { Dataset } from "../../model/dataset.js";
import { worldFrom } from "../../model/world.js";
import { controlReportText, LISTED_ROWS, listedRows } from "./report.js";

let ds: Dataset;
beforeAll(() => {
  ds = loadDatasetDir(REFERENCE_DATA_DIR).dataset;
});

describe("report control's carried-forward section on the reference data", () => {
  it("prints the second coverage beside the actual one and leaves the headline as the engine gives it without the view", async () => {
    const asked = { commodity: "copper" as const, period: "2025", asOf: "2025-12-31" };
    const r = await controlReport(datasetWorldSource(ds), asked);
    const plain = controlReportFor(worldFrom(ds, asked.asOf), {
      commodity: "copper",
      period: "2025",
    });
    // The actual-figures view does not move.
    expect(r.byCountry).toEqual(plain.byCountry);
    expect(r.coverage).toEqual(plain.coverage);
    expect(r.hhi).toEqual(plain.hhi);
    expect(r.assets).toEqual(plain.assets);
    expect(r.staleInputs.filter((s) => s.view === undefined)).toEqual(plain.staleInputs);
    const v = r.carriedForward;
    if (!v) throw new Error("no carried-forward view");
    const text = controlReportText(r);
    const [head, section] = text.split(`\n${CARRIED_FORWARD_LABEL}`) as [string, string];
    expect(section).toBeDefined();
    const pct = (x: number | null) => `${((x ?? 0) * 100).toFixed(1)}%`;
    expect(section).toContain(
      `with ${v.assets.length} producers' last published figures carried forward`,
    );
    expect(section).toContain(
      `coverage ${pct(v.coverage.share)} (actual figures: ${pct(r.coverage.share)})`,
    );
    const first = v.assets[0];
    expect(section).toContain(`${first?.ageYears} yr  ${first?.name}:`);
    // The headline's coverage line is the actual one.
    expect(head).toContain(`(${pct(r.coverage.share)}); `);
    expect(head).not.toContain(pct(v.coverage.share));
  });
});

describe("listedRows()", () => {
  it("listedRows() keeps the largest companies and assets, says how many there are in listed and a note, and leaves a report within the limit as it is", async () => {
    const r = await controlReport(datasetWorldSource(ds), {
      commodity: "copper",
      period: "2024",
      asOf: "2025-12-31",
    });
    expect(r.assets.length).toBeGreaterThan(3);
    expect(r.byCompany.length).toBeGreaterThan(3);
    expect(r.assets.length).toBeLessThanOrEqual(LISTED_ROWS);
    expect(listedRows(r)).toBe(r);
    const shown = listedRows(r, 3);
    expect(shown.byCompany).toEqual(r.byCompany.slice(0, 3));
    expect(shown.assets).toEqual(r.assets.slice(0, 3));
    expect(shown.listed).toEqual({
      rows: 3,
      companies: r.byCompany.length,
      assets: r.assets.length,
    });
    expect(shown.notes.slice(0, -1)).toEqual(r.notes);
    expect(shown.notes.at(-1)).toBe(
      `Listed: the 3 largest of ${r.byCompany.length} companies and of ${r.assets.length} assets; the shares and the HHI count every one (--all lists them all)`,
    );
    // Everything else is the report's.
    const { byCompany: _c, assets: _a, notes: _n, listed: _l, ...rest } = shown;
    const { byCompany: _rc, assets: _ra, notes: _rn, ...all } = r;
    expect(rest).toEqual(all);
    expect(controlReportText(shown)).toContain("Note: Listed: the 3 largest of");
    // A report made with 3 rows prints as the full report cut to 3.
    const made = await controlReport(datasetWorldSource(ds), {
      commodity: "copper",
      period: "2024",
      asOf: "2025-12-31",
      listed: 3,
    });
    expect(made.byCompany.length).toBe(3);
    expect(JSON.stringify(listedRows(made))).toBe(JSON.stringify(shown));
  });
});
