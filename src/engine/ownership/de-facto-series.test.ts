import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Dataset } from "../../model/dataset.js";
import type { AssetId, RecordId, SourceId } from "../../model/ids.js";
import { worldFrom } from "../../model/world.js";
import { testDataset } from "../common/_test-world.js";
import { controlReportFor } from "./control-report.js";
import { deFactoSeriesFor, seriesDate } from "./de-facto-series.js";
import { heldAreasFor } from "./held-areas.js";

const SRC = "test-source" as SourceId;

/** Two tantalum mines, one in Masisi; the group takes Masisi's mine from `from`. */
function dataset(from: string, to?: string): Dataset {
  const ds = testDataset({
    entities: [
      ["m23", "armed-group", null],
      ["co", "company", "US"],
    ],
    assets: [
      ["rubaya", "CD", ["tantalum"], "North Kivu", "Masisi"],
      ["other", "CD", ["tantalum"], "Tanganyika", "Manono"],
      ["numbi", "CD", ["tantalum"], "South Kivu", "Kalehe"],
    ],
    stakes: [
      ["co", "rubaya", 1],
      ["co", "other", 1],
    ],
    production: [
      ["rubaya", "tantalum", "2023", 300],
      ["other", "tantalum", "2023", 100],
      ["rubaya", "tantalum", "2024", 315],
      ["other", "tantalum", "2024", 105],
    ],
  });
  ds.territories.push(
    {
      id: "masisi" as RecordId,
      controller: "m23" as never,
      country: "CD" as never,
      province: "North Kivu",
      territories: [],
      assets: ["rubaya" as AssetId],
      extent: [{ name: "Masisi", level: "territoire", held: "partial" }],
      validFrom: from as never,
      ...(to ? { validTo: to as never } : {}),
      sources: [SRC],
      asOf: "2024",
    },
    {
      id: "kalehe" as RecordId,
      controller: "m23" as never,
      country: "CD" as never,
      province: "South Kivu",
      territories: [],
      assets: ["numbi" as AssetId],
      validFrom: "2025-01-21" as never,
      sources: [SRC],
      asOf: "2025",
    },
  );
  return ds;
}

describe("deFactoSeriesFor", () => {
  it("gives each year the share held on its last day, null with a label where no figure exists", () => {
    const ds = dataset("2024-04-30");
    const s = deFactoSeriesFor((d) => worldFrom(ds, d), {
      commodities: ["tantalum"],
      from: 2023,
      to: 2025,
      asOf: "2025-06-30",
    });
    const pts = s.commodities[0]?.points ?? [];
    expect(pts.map((p) => [p.year, p.asOf, p.share])).toEqual([
      [2023, "2023-12-31", 0],
      [2024, "2024-12-31", 315 / 420],
      [2025, "2025-06-30", null],
    ]);
    expect(pts[1]?.byGroup).toEqual([{ controller: "m23", name: "M23", tonnes: 315 }]);
    expect(pts[2]?.sitesHeld.map((x) => [x.asset, x.tonnes])).toEqual([
      ["rubaya", null],
      ["numbi", null],
    ]);
    expect(pts[2]?.label).toBe(
      "No tantalum production figure for 2025 in the dataset; 2 site(s) held without one",
    );
  });

  it("agrees with the control report's armed-group de facto share, year by year, whatever the dates held", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1200 }),
        fc.option(fc.integer({ min: 0, max: 600 }), { nil: undefined }),
        (start, length) => {
          const day = (n: number) =>
            new Date(Date.UTC(2023, 0, 1) + n * 86_400_000).toISOString().slice(0, 10);
          const ds = dataset(day(start), length === undefined ? undefined : day(start + length));
          const s = deFactoSeriesFor((d) => worldFrom(ds, d), {
            commodities: ["tantalum"],
            from: 2023,
            to: 2024,
            asOf: "2026-01-01",
          });
          for (const p of s.commodities[0]?.points ?? []) {
            const r = controlReportFor(worldFrom(ds, seriesDate(p.year, "2026-01-01")), {
              commodity: "tantalum",
              period: String(p.year),
            });
            const armed = r.byCountry
              .filter((x) => x.country.startsWith("armed-group:"))
              .reduce((t, x) => t + x.deFactoShare, 0);
            expect(p.share).toBeCloseTo(armed, 12);
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe("heldAreasFor", () => {
  it("lists the records in force with their units and the sites placed, partly held or of an eastern commodity", () => {
    const ds = dataset("2024-04-30");
    ds.assets.push({
      ...(ds.assets[0] as (typeof ds.assets)[number]),
      id: "bisie" as AssetId,
      name: "BISIE",
      territory: "Masisi",
      commodities: ["tin"],
    });
    const r = heldAreasFor(worldFrom(ds, "2024-12-31"));
    expect(r.areas.map((a) => [a.territory, a.controllerName, a.units.map((u) => u.name)])).toEqual(
      [["masisi", "M23", ["Masisi"]]],
    );
    expect(
      r.sites.map((s) => [s.asset, s.deFactoBy?.basis ?? null, s.partlyHeld?.[0]?.unit ?? null]),
    ).toEqual([
      ["rubaya", "named", null],
      ["bisie", null, "Masisi"],
      ["other", null, null],
      ["numbi", null, null],
    ]);
    expect(r.notes).toEqual([
      "Not on the map (no boundary or point in the sources, nor a boundary for the unit they lie in): Masisi (masisi)",
    ]);
  });
});
