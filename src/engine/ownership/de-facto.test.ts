import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Dataset } from "../../model/dataset.js";
import type { AssetId, RecordId, SourceId } from "../../model/ids.js";
import type { AdminUnit, Geometry, TerritoryControl } from "../../model/territory.js";
import { worldFrom } from "../../model/world.js";
import { _dayOf, _isoOf } from "../common/_days.js";
import { testDataset } from "../common/_test-world.js";
import { deFactoControllerOf, placementText } from "./de-facto.js";

const BOUNDARY_SRC = "boundary-source" as SourceId;

/** A square around (lon, lat) with half-side `h` degrees. */
function square(lon: number, lat: number, h: number): Geometry {
  return {
    type: "Polygon",
    coordinates: [
      [
        [lon - h, lat - h],
        [lon + h, lat - h],
        [lon + h, lat + h],
        [lon - h, lat + h],
        [lon - h, lat - h],
      ],
    ],
  };
}

/** Masisi-like world: m23 (armed group), smb owns a mine in Masisi at (28.88, -1.56). */
function world0(): Dataset {
  const ds = testDataset({
    entities: [
      ["m23", "armed-group", null],
      ["smb", "company", "CD"],
    ],
    assets: [["mine", "CD", ["tantalum"], "North Kivu", "Masisi"]],
    stakes: [["smb", "mine", 1]],
    production: [["mine", "tantalum", "2024", 100]],
  });
  ds.sources.push({ id: BOUNDARY_SRC, title: "Boundary", kind: "reference", confidence: "medium" });
  const mine = ds.assets[0];
  if (mine) mine.location = { lat: -1.56, lon: 28.88 };
  return ds;
}

function record(over: Partial<TerritoryControl>): TerritoryControl {
  return {
    id: "held" as RecordId,
    controller: "m23" as never,
    country: "CD" as never,
    province: "North Kivu",
    territories: [],
    assets: [],
    validFrom: "2024-04-30" as never,
    sources: ["test-source" as SourceId],
    asOf: "2024",
    ...over,
  };
}

function unit(over: Partial<AdminUnit>): AdminUnit {
  return { name: "Masisi", level: "territoire", held: "whole", ...over };
}

const placements = {
  named: { assets: ["mine" as AssetId] },
  "admin-unit": { extent: [unit({})] },
  "legacy territories": { territories: ["Masisi"] },
  polygon: {
    extent: [
      unit({
        name: "Somewhere",
        boundary: { geometry: square(28.9, -1.5, 0.2), sources: [BOUNDARY_SRC] },
      }),
    ],
  },
  "drawn boundary": {
    boundary: { geometry: square(28.88, -1.56, 0.05), sources: [BOUNDARY_SRC] },
  },
} satisfies Record<string, Partial<TerritoryControl>>;
type Way = keyof typeof placements;

describe("deFactoControllerOf", () => {
  it("places a site by name, by a territoire held whole and by its point inside a held boundary", () => {
    const expected: Record<string, string> = {
      named: "named",
      "admin-unit": "admin-unit",
      "legacy territories": "admin-unit",
      polygon: "polygon",
      "drawn boundary": "polygon",
    };
    for (const [what, over] of Object.entries(placements) as [Way, Partial<TerritoryControl>][]) {
      const ds = world0();
      ds.territories.push(record(over));
      const p = deFactoControllerOf(worldFrom(ds, "2025-01-01"), "mine" as AssetId);
      expect(p?.basis, what).toBe(expected[what]);
      expect(p?.controller).toBe("m23");
      expect(p?.territory).toBe("held");
    }
  });

  it("moves a site to the group exactly on validFrom and back the day after validTo, whichever way it is placed", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...(Object.keys(placements) as Way[])),
        fc.integer({ min: _dayOf("2019-01-01"), max: _dayOf("2026-12-31") }),
        fc.option(fc.integer({ min: 0, max: 900 }), { nil: undefined }),
        fc.integer({ min: -3, max: 3 }),
        (what, from, length, shift) => {
          const validFrom = _isoOf(from);
          const validTo = length === undefined ? undefined : _isoOf(from + length);
          const ds = world0();
          ds.territories.push(
            record({
              ...placements[what],
              validFrom: validFrom as never,
              ...(validTo ? { validTo: validTo as never } : {}),
            }),
          );
          const heldOn = (day: number) =>
            deFactoControllerOf(worldFrom(ds, _isoOf(day)), "mine" as AssetId)?.controller;
          expect(heldOn(from - 1)).toBeUndefined();
          expect(heldOn(from)).toBe("m23");
          if (length !== undefined) {
            expect(heldOn(from + length)).toBe("m23");
            expect(heldOn(from + length + 1)).toBeUndefined();
          }
          const day = from + shift;
          const inside = day >= from && (length === undefined || day <= from + length);
          expect(heldOn(day) === "m23").toBe(inside);
        },
      ),
      { numRuns: 200 },
    );
  });

  it("never places a site by a unit held only in part or by its town", () => {
    for (const held of ["partial", "town"] as const) {
      const ds = world0();
      ds.territories.push(
        record({
          extent: [
            unit({
              held,
              boundary: { geometry: square(28.9, -1.5, 0.2), sources: [BOUNDARY_SRC] },
            }),
          ],
        }),
      );
      expect(deFactoControllerOf(worldFrom(ds, "2025-01-01"), "mine" as AssetId)).toBeUndefined();
    }
  });

  it("respects a hole in a held boundary", () => {
    const ds = world0();
    const outer = square(28.9, -1.5, 0.3);
    const hole = square(28.88, -1.56, 0.02);
    ds.territories.push(
      record({
        extent: [
          unit({
            name: "Ring",
            boundary: {
              geometry: {
                type: "Polygon",
                coordinates: [outer.coordinates[0] ?? [], hole.coordinates[0] ?? []],
              } as Geometry,
              sources: [BOUNDARY_SRC],
            },
          }),
        ],
      }),
    );
    expect(deFactoControllerOf(worldFrom(ds, "2025-01-01"), "mine" as AssetId)).toBeUndefined();
  });

  it("prefers a named site over a unit, and a unit over a polygon, across records", () => {
    const ds = world0();
    ds.entities.push({
      id: "other" as never,
      name: "Other",
      kind: "armed-group",
      country: null,
      sources: ["test-source" as SourceId],
      asOf: "2025",
    });
    ds.territories.push(
      record({ id: "by-polygon" as RecordId, controller: "other" as never, ...placements.polygon }),
      record({ id: "by-unit" as RecordId, validFrom: "2024-06-01" as never, extent: [unit({})] }),
    );
    expect(deFactoControllerOf(worldFrom(ds, "2025-01-01"), "mine" as AssetId)?.territory).toBe(
      "by-unit",
    );
    ds.territories.push(
      record({ id: "by-name" as RecordId, controller: "other" as never, ...placements.named }),
    );
    const p = deFactoControllerOf(worldFrom(ds, "2025-01-01"), "mine" as AssetId);
    expect(p?.territory).toBe("by-name");
    expect(p?.controller).toBe("other");
  });

  it("does not place a site of another province by a unit of the same name", () => {
    const ds = world0();
    ds.territories.push(record({ province: "South Kivu", extent: [unit({})] }));
    expect(deFactoControllerOf(worldFrom(ds, "2025-01-01"), "mine" as AssetId)).toBeUndefined();
  });

  it("names the record, the unit, the boundary's source and the distance to the edge", () => {
    const ds = world0();
    ds.territories.push(record(placements.polygon));
    const p = deFactoControllerOf(worldFrom(ds, "2025-01-01"), "mine" as AssetId);
    expect(p?.sources).toEqual(["test-source", BOUNDARY_SRC]);
    expect(p?.edgeKm).toBeCloseTo(15.5, 0);
    expect(p && placementText(p)).toBe(
      "its point lies inside the boundary of Somewhere (territoire), held whole per territory record held (held since 2024-04-30; 15.5 km from the edge)",
    );
  });
});
