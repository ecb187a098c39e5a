import { describe, expect, it } from "vitest";
import { datasetIssues, emptyDataset } from "./dataset.js";
import type { EntityId, SourceId } from "./ids.js";
import { territoryControlSchema } from "./territory.js";

const base = {
  id: "m23-masisi",
  controller: "m23",
  country: "CD",
  province: "North Kivu",
  validFrom: "2024-04-30",
  sources: ["s"],
  asOf: "2024-04-30",
};
const square = [
  [28.8, -1.6],
  [28.9, -1.6],
  [28.9, -1.5],
  [28.8, -1.5],
  [28.8, -1.6],
];

function messages(input: unknown): string[] {
  const r = territoryControlSchema.safeParse(input);
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
}

describe("territoryControlSchema", () => {
  it("still accepts a record written before extents existed", () => {
    const r = territoryControlSchema.parse({
      ...base,
      territories: ["Masisi"],
      assets: ["rubaya"],
    });
    expect(r.extent).toBeUndefined();
    expect(r.territories).toEqual(["Masisi"]);
  });

  it("accepts an extent of named units, one with a sourced polygon and one a point", () => {
    const r = territoryControlSchema.parse({
      ...base,
      extent: [
        {
          name: "Masisi",
          level: "territoire",
          pcode: "CD6103",
          held: "partial",
          boundary: { geometry: { type: "Polygon", coordinates: [square] }, sources: ["gb"] },
        },
        {
          name: "Rubaya",
          level: "locality",
          within: "Masisi",
          held: "town",
          location: { lat: -1.558, lon: 28.884 },
        },
      ],
    });
    expect(r.extent?.map((u) => u.name)).toEqual(["Masisi", "Rubaya"]);
  });

  it("refuses a ring that does not end where it starts", () => {
    const open = square.slice(0, 4).concat([[28.85, -1.55]]);
    expect(
      messages({
        ...base,
        boundary: { geometry: { type: "Polygon", coordinates: [open] }, sources: ["gb"] },
      }),
    ).toEqual([
      "boundary.geometry.coordinates.0: A linear ring must end where it starts (first and last positions equal)",
    ]);
  });

  it("refuses a position whose latitude is off the globe", () => {
    const bad = square.map(([lon, lat], k) => (k === 1 ? [lon, 120] : [lon, lat]));
    expect(
      messages({
        ...base,
        boundary: { geometry: { type: "MultiPolygon", coordinates: [[bad]] }, sources: ["gb"] },
      }),
    ).toEqual(["boundary.geometry.coordinates.0.0.1.1: Too big: expected number to be <=90"]);
  });

  it("refuses a unit level it does not know and a held extent it does not know", () => {
    expect(messages({ ...base, extent: [{ name: "Goma", level: "city", held: "most" }] })).toEqual([
      'extent.0.level: Invalid option: expected one of "province"|"territoire"|"ville"|"chefferie"|"secteur"|"groupement"|"locality"',
      'extent.0.held: Invalid option: expected one of "whole"|"partial"|"town"',
    ]);
  });

  it("refuses a boundary that names no source", () => {
    expect(
      messages({
        ...base,
        boundary: { geometry: { type: "Polygon", coordinates: [square] }, sources: [] },
      }),
    ).toEqual(["boundary.sources: A boundary names the source it was drawn from"]);
  });
});

describe("datasetIssues() on territories", () => {
  function dataset(record: Record<string, unknown>) {
    const ds = emptyDataset();
    ds.sources.push({ id: "s" as SourceId, title: "S", kind: "secondary", confidence: "medium" });
    ds.entities.push({
      id: "m23" as EntityId,
      name: "M23",
      kind: "armed-group",
      country: null,
      sources: ["s" as SourceId],
      asOf: "2025",
    });
    ds.territories.push(territoryControlSchema.parse({ ...base, ...record }));
    return ds;
  }

  it("names a boundary source that is not in the sources", () => {
    const ds = dataset({
      extent: [
        {
          name: "Masisi",
          level: "territoire",
          held: "whole",
          boundary: { geometry: { type: "Polygon", coordinates: [square] }, sources: ["nowhere"] },
        },
      ],
    });
    expect(datasetIssues(ds)).toEqual([
      {
        record: "territories m23-masisi",
        path: ["extent", 0, "boundary", "sources", 0],
        message: "Unknown source nowhere: add it to sources",
      },
    ]);
  });

  it("refuses a record that ends before it starts", () => {
    const ds = dataset({ validTo: "2024-04-29" });
    expect(datasetIssues(ds).map((i) => i.message)).toEqual([
      "validTo 2024-04-29 is before validFrom 2024-04-30",
    ]);
  });
});
