import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Geometry } from "../../model/territory.js";
import { distanceToEdgeKm, pointInGeometry } from "./point-in-geometry.js";

type Ring = [number, number][];

/** A star-shaped ring around (cx, cy): one vertex per angle step, radius from `radii`, closed. */
function star(cx: number, cy: number, radii: number[], phase = 0): Ring {
  const n = radii.length;
  const ring: Ring = radii.map((r, i) => {
    const a = phase + (2 * Math.PI * i) / n;
    return [cx + r * Math.cos(a), cy + r * Math.sin(a)];
  });
  ring.push([...(ring[0] as [number, number])]);
  return ring;
}

/** Brute force, by another method: the winding number as the sum of the angles the ring turns. */
function winding(x: number, y: number, ring: Ring): number {
  let sum = 0;
  for (let i = 1; i < ring.length; i++) {
    const [ax, ay] = ring[i - 1] as [number, number];
    const [bx, by] = ring[i] as [number, number];
    let d = Math.atan2(by - y, bx - x) - Math.atan2(ay - y, ax - x);
    while (d > Math.PI) d -= 2 * Math.PI;
    while (d < -Math.PI) d += 2 * Math.PI;
    sum += d;
  }
  return Math.round(sum / (2 * Math.PI));
}

function bruteInside(x: number, y: number, g: Geometry): boolean {
  const polys = g.type === "Polygon" ? [g.coordinates] : g.coordinates;
  return polys.some(
    ([outline, ...holes]) =>
      outline !== undefined &&
      winding(x, y, outline) !== 0 &&
      holes.every((h) => winding(x, y, h) === 0),
  );
}

const radius = fc.double({ min: 1, max: 2, noNaN: true });
const holeRadius = fc.double({ min: 0.2, max: 0.5, noNaN: true });
const coordinate = fc.double({ min: -3, max: 3, noNaN: true });

describe("pointInGeometry", () => {
  it("agrees with a brute-force winding count on random star-shaped polygons with a hole", () => {
    fc.assert(
      fc.property(
        fc.array(radius, { minLength: 6, maxLength: 24 }),
        fc.array(holeRadius, { minLength: 3, maxLength: 12 }),
        fc.array(fc.tuple(coordinate, coordinate), { minLength: 20, maxLength: 20 }),
        (outer, hole, points) => {
          const g: Geometry = {
            type: "Polygon",
            coordinates: [star(28, -1.5, outer), star(28, -1.5, hole, 0.3)],
          };
          for (const [dx, dy] of points) {
            const p = { lon: 28 + dx, lat: -1.5 + dy };
            // Points within a hair of an edge are left to the edge test below.
            if (distanceToEdgeKm(p, g) < 1e-3) continue;
            expect(pointInGeometry(p, g)).toBe(bruteInside(p.lon, p.lat, g));
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it("agrees with the brute-force count on multipolygons whose parts overlap nothing", () => {
    fc.assert(
      fc.property(
        fc.array(radius, { minLength: 5, maxLength: 16 }),
        fc.array(radius, { minLength: 5, maxLength: 16 }),
        fc.array(fc.tuple(coordinate, coordinate), { minLength: 20, maxLength: 20 }),
        (a, b, points) => {
          const g: Geometry = {
            type: "MultiPolygon",
            coordinates: [[star(25, 0, a)], [star(31, 0, b)]],
          };
          for (const [dx, dy] of points) {
            for (const cx of [25, 31]) {
              const p = { lon: cx + dx, lat: dy };
              if (distanceToEdgeKm(p, g) < 1e-3) continue;
              expect(pointInGeometry(p, g)).toBe(bruteInside(p.lon, p.lat, g));
            }
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it("counts a point in a hole as outside and a point on any edge as inside", () => {
    const square = (x0: number, y0: number, s: number): Ring => [
      [x0, y0],
      [x0 + s, y0],
      [x0 + s, y0 + s],
      [x0, y0 + s],
      [x0, y0],
    ];
    const g: Geometry = { type: "Polygon", coordinates: [square(0, 0, 10), square(4, 4, 2)] };
    expect(pointInGeometry({ lon: 1, lat: 1 }, g)).toBe(true);
    expect(pointInGeometry({ lon: 5, lat: 5 }, g)).toBe(false);
    expect(pointInGeometry({ lon: 11, lat: 5 }, g)).toBe(false);
    expect(pointInGeometry({ lon: 0, lat: 5 }, g)).toBe(true);
    expect(pointInGeometry({ lon: 4, lat: 5 }, g)).toBe(true);
    expect(pointInGeometry({ lon: 10, lat: 10 }, g)).toBe(true);
    // A ray through a vertex is counted once.
    expect(pointInGeometry({ lon: -1, lat: 10 }, g)).toBe(false);
    expect(pointInGeometry({ lon: 5, lat: 0.5 }, g)).toBe(true);
  });

  it("measures the distance to the nearest edge in kilometres, holes included", () => {
    const g: Geometry = {
      type: "Polygon",
      coordinates: [
        [
          [0, 0],
          [1, 0],
          [1, 1],
          [0, 1],
          [0, 0],
        ],
      ],
    };
    // 0.1° of latitude from the bottom edge, at the equator: 11.06 km.
    expect(distanceToEdgeKm({ lon: 0.5, lat: 0.1 }, g)).toBeCloseTo(11.057, 2);
    expect(distanceToEdgeKm({ lon: 0.5, lat: 0 }, g)).toBe(0);
  });
});
