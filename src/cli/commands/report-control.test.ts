import { beforeAll, describe, expect, it } from "vitest";
import { datasetWorldSource } from "../../app/dataset-world-source.js";
import { controlReport } from "../../app/world-reports.js";
import { CARRIED_FORWARD_LABEL, controlReportFor } from "../../engine/ownership/control-report.js";
import { loadDatasetDir, REFERENCE_DATA_DIR } from "../../io/load-dataset.js";
import type { Dataset } from "../../model/dataset.js";
import { worldFrom } from "../../model/world.js";
import { controlReportText } from "./report.js";

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
