/**
 * Whether a point lies inside a GeoJSON Polygon or MultiPolygon, and how far it is from the
 * nearest edge. Coordinates are [longitude, latitude] in degrees, treated as a plane (the areas
 * are a few hundred kilometres across near the equator, where the error of doing so is far
 * below the boundaries' own precision). A polygon's first ring is its outline, the others are
 * holes. A point on an edge (outline or hole) counts as inside: the boundary belongs to the
 * area. Pure: no I/O.
 */
import type { Geometry } from "../../model/territory.js";

type Ring = readonly (readonly [number, number])[];

/** Kilometres per degree of latitude, and of longitude at the equator (WGS 84, mean). */
const KM_PER_DEG_LAT = 110.574;
const KM_PER_DEG_LON = 111.32;

/** True when (x, y) lies on the segment a–b (within a tolerance of 1e-12 degrees). */
function onSegment(x: number, y: number, ax: number, ay: number, bx: number, by: number): boolean {
  const cross = (bx - ax) * (y - ay) - (by - ay) * (x - ax);
  if (Math.abs(cross) > 1e-12 * Math.max(1, Math.abs(bx - ax) + Math.abs(by - ay))) return false;
  return (
    x >= Math.min(ax, bx) - 1e-12 &&
    x <= Math.max(ax, bx) + 1e-12 &&
    y >= Math.min(ay, by) - 1e-12 &&
    y <= Math.max(ay, by) + 1e-12
  );
}

/** Where the point is against one ring: on its edge, inside (even-odd rule) or outside. */
function ringPlace(x: number, y: number, ring: Ring): "edge" | "in" | "out" {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i] as readonly [number, number];
    const [xj, yj] = ring[j] as readonly [number, number];
    if (onSegment(x, y, xj, yj, xi, yi)) return "edge";
    // Half-open rule on y, so a ray through a vertex counts it once.
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside ? "in" : "out";
}

/** The polygons of a geometry, each a list of rings (outline first, then holes). */
function polygonsOf(g: Geometry): readonly (readonly Ring[])[] {
  return g.type === "Polygon" ? [g.coordinates] : g.coordinates;
}

const boxes = new WeakMap<Geometry, [number, number, number, number]>();

/** The geometry's bounding box [minLon, minLat, maxLon, maxLat], computed once per object. */
function boxOf(g: Geometry): [number, number, number, number] {
  let b = boxes.get(g);
  if (b) return b;
  b = [Infinity, Infinity, -Infinity, -Infinity];
  for (const poly of polygonsOf(g))
    for (const [x, y] of poly[0] ?? []) {
      if (x < b[0]) b[0] = x;
      if (y < b[1]) b[1] = y;
      if (x > b[2]) b[2] = x;
      if (y > b[3]) b[3] = y;
    }
  boxes.set(g, b);
  return b;
}

/**
 * True when the point lies inside the geometry: inside some polygon's outline and outside each
 * of that polygon's holes, or on an edge of either.
 *
 * @example pointInGeometry({ lon: 29.22, lat: -1.68 }, goma.geometry) // true
 */
export function pointInGeometry(p: { lon: number; lat: number }, g: Geometry): boolean {
  const [x0, y0, x1, y1] = boxOf(g);
  if (p.lon < x0 || p.lon > x1 || p.lat < y0 || p.lat > y1) return false;
  for (const poly of polygonsOf(g)) {
    const [outline, ...holes] = poly;
    if (!outline) continue;
    const o = ringPlace(p.lon, p.lat, outline);
    if (o === "edge") return true;
    if (o === "out") continue;
    let inHole = false;
    for (const h of holes) {
      const place = ringPlace(p.lon, p.lat, h);
      if (place === "edge") return true;
      if (place === "in") {
        inHole = true;
        break;
      }
    }
    if (!inHole) return true;
  }
  return false;
}

/**
 * The distance in kilometres from the point to the nearest edge of the geometry (outline or
 * hole), on a local flat approximation: a degree of longitude is 111.32 km × cos(latitude).
 */
export function distanceToEdgeKm(p: { lon: number; lat: number }, g: Geometry): number {
  const kx = KM_PER_DEG_LON * Math.cos((p.lat * Math.PI) / 180);
  const ky = KM_PER_DEG_LAT;
  let best = Infinity;
  for (const poly of polygonsOf(g))
    for (const ring of poly)
      for (let i = 1; i < ring.length; i++) {
        const [ax, ay] = ring[i - 1] as readonly [number, number];
        const [bx, by] = ring[i] as readonly [number, number];
        const ux = (bx - ax) * kx;
        const uy = (by - ay) * ky;
        const wx = (p.lon - ax) * kx;
        const wy = (p.lat - ay) * ky;
        const len2 = ux * ux + uy * uy;
        const t = len2 > 0 ? Math.max(0, Math.min(1, (wx * ux + wy * uy) / len2)) : 0;
        const d = Math.hypot(wx - t * ux, wy - t * uy);
        if (d < best) best = d;
      }
  return best;
}
