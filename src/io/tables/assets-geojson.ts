/**
 * A GeoJSON FeatureCollection (RFC 7946) of the assets that have a location, each with its
 * kind, status and, when a control report is given, its production and controller.
 *
 * @example
 * const fc = assetsGeoJson(world, controlReportFor(world, { commodity: "cobalt" }));
 */
import type { ControlReport } from "../../engine/ownership/index.js";
import type { World } from "../../model/world.js";

export interface AssetFeature {
  type: "Feature";
  id: string;
  geometry: { type: "Point"; coordinates: [number, number] };
  properties: Record<string, string | number | boolean | null | string[]>;
}

export interface AssetCollection {
  type: "FeatureCollection";
  features: AssetFeature[];
}

/** Every located asset as a Point feature (longitude, latitude), in the world's order. */
export function assetsGeoJson(world: World, report?: ControlReport): AssetCollection {
  const rows = new Map((report?.assets ?? []).map((a) => [a.id as string, a]));
  const features: AssetFeature[] = [];
  for (const a of world.assets.values()) {
    if (!a.location) continue;
    const row = rows.get(a.id);
    features.push({
      type: "Feature",
      id: a.id,
      geometry: { type: "Point", coordinates: [a.location.lon, a.location.lat] },
      properties: {
        name: a.name,
        kind: a.kind,
        status: a.status,
        country: a.country,
        province: a.province,
        commodities: [...a.commodities],
        operator: a.operator ?? null,
        precision: a.location.precision ?? null,
        ...(report
          ? {
              commodity: report.commodity,
              period: report.period,
              tonnes: row?.tonnes ?? null,
              basis: row?.basis ?? null,
              controller: row?.controller ?? null,
              controllerName: row?.controllerName ?? null,
              controllerCountry: row?.controllerCountry ?? null,
              deFacto: row?.deFacto ?? null,
            }
          : {}),
      },
    });
  }
  return { type: "FeatureCollection", features };
}
