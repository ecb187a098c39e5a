/**
 * The areas armed groups hold on the selected date, drawn on a map frame: each administrative
 * unit with a boundary as a polygon (hatched when held whole, dashed when only part of it is
 * held), towns held as diamonds (at their point, or at the centre of their territoire when the
 * sources give none), and the sites with their standing (held, in a unit held in part, not
 * held), each with its record, basis and sources on hover. Labels are placed so they never
 * overlap (label-layout.tsx). Everything comes from GET /api/reports/territory; nothing is
 * computed here but geometry.
 */
import type { geoPath } from "d3-geo";
import type { ReactNode } from "react";
import type { HeldAreasReport, SiteStanding } from "../../engine/ownership/index.js";
import type { AdminUnit, Geometry } from "../../model/territory.js";
import { type Box, layoutLabels, type PlacedLabel } from "./label-layout.js";

/** A projection fitted to a box: the map page's views satisfy it. */
export interface MapFrame {
  w: number;
  h: number;
  project: (lonLat: [number, number]) => [number, number];
  path: ReturnType<typeof geoPath>;
}

type HeldArea = HeldAreasReport["areas"][number];

/** The colour of an armed group: AFC/M23 in the map's purple, others in their own. */
export function groupColour(id: string): string {
  if (id === "afc-m23") return "#4a235a";
  if (id === "twirwaneho") return "#a04000";
  if (id === "codeco") return "#7d6608";
  return "#6c3483";
}

/** "Rubaya (Bibatama concession)" → "Rubaya"; a long name keeps its first word. */
export function shortSiteName(name: string): string {
  const base = name.replace(/\s*\(.*\)\s*$/, "");
  return base.length > 16 ? (base.split(/\s+/)[0] ?? base) : base;
}

function key(s: string): string {
  return s
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .trim();
}

/** Signed area of a ring in lon/lat (positive when counter-clockwise). */
function signedArea(ring: readonly (readonly [number, number])[]): number {
  let a = 0;
  for (let i = 1; i < ring.length; i++) {
    const [x0, y0] = ring[i - 1] as readonly [number, number];
    const [x1, y1] = ring[i] as readonly [number, number];
    a += x0 * y1 - x1 * y0;
  }
  return a / 2;
}

/**
 * The geometry wound as d3-geo expects (outlines clockwise, holes counter-clockwise): GeoJSON
 * files wind the other way, and d3 would then fill the whole globe but the unit.
 */
export function d3Wound(g: Geometry): Geometry {
  const poly = (rings: [number, number][][]) =>
    rings.map((r, i) => {
      const ccw = signedArea(r) > 0;
      const wantCcw = i > 0;
      return ccw === wantCcw ? r : [...r].reverse();
    });
  return g.type === "Polygon"
    ? { type: "Polygon", coordinates: poly(g.coordinates) }
    : { type: "MultiPolygon", coordinates: g.coordinates.map(poly) };
}

interface DrawnUnit {
  unit: AdminUnit;
  held: "whole" | "partial" | "town";
  areas: HeldArea[];
  geometry: Geometry;
}

export interface HeldAreasLayerProps {
  frame: MapFrame;
  report: HeldAreasReport;
  testId: string;
  /** Hover text naming the sources. */
  provenance: (sources: readonly string[], what?: string) => string;
  /** Draw labels, towns and every eastern site (the detail map), or the areas only. */
  detailed: boolean;
}

const RANK = { whole: 2, partial: 1, town: 0 } as const;

/** The units with a boundary, once each, held as much as the most any record holds them. */
export function drawnUnits(report: HeldAreasReport): DrawnUnit[] {
  const byKey = new Map<string, DrawnUnit>();
  for (const a of report.areas)
    for (const u of a.units) {
      if (!u.boundary) continue;
      const k = u.pcode ?? `${u.level}:${key(u.name)}`;
      const d = byKey.get(k);
      if (!d) {
        byKey.set(k, { unit: u, held: u.held, areas: [a], geometry: d3Wound(u.boundary.geometry) });
        continue;
      }
      d.areas.push(a);
      if (RANK[u.held] > RANK[d.held]) d.held = u.held;
    }
  // Partial first, so the units held whole are drawn on top.
  return [...byKey.values()].sort((a, b) => RANK[a.held] - RANK[b.held]);
}

interface TownMark {
  id: string;
  x: number;
  y: number;
  towns: { name: string; area: HeldArea }[];
  parent: string | null;
}

/** The layer: areas, towns and sites, with labels that do not overlap. */
export function HeldAreasLayer(props: HeldAreasLayerProps): ReactNode {
  const { frame, report, provenance, testId, detailed } = props;
  const units = drawnUnits(report);
  const hatch = `${testId}-hatch`;
  const inView = ([x, y]: [number, number]) => x > 0 && x < frame.w && y > 0 && y < frame.h;
  const centreOf = new Map<string, [number, number]>();
  for (const d of units)
    centreOf.set(key(d.unit.name), frame.path.centroid(d.geometry) as [number, number]);

  // Sites: at their point, else at their territoire's centre (drawn dashed).
  const sites = report.sites
    .map((s) => {
      const at: [number, number] | undefined = s.location
        ? frame.project([s.location.lon, s.location.lat])
        : s.territory
          ? centreOf.get(key(s.territory))
          : undefined;
      return at && inView(at) ? { s, x: at[0], y: at[1], located: s.location !== null } : null;
    })
    .filter((x): x is { s: SiteStanding; x: number; y: number; located: boolean } => x !== null);
  // Several unlocated sites at one centre are spread on a small circle.
  const seen = new Map<string, number>();
  for (const p of sites)
    if (!p.located) {
      const k = `${Math.round(p.x)},${Math.round(p.y)}`;
      const n = seen.get(k) ?? 0;
      seen.set(k, n + 1);
      p.x += 9 * Math.cos(n * 2.4 + 0.8);
      p.y += 9 * Math.sin(n * 2.4 + 0.8);
    }

  // Towns held: at their point, else grouped at their parent unit's centre.
  const towns = new Map<string, TownMark>();
  if (detailed)
    for (const a of report.areas)
      for (const u of a.units) {
        if (u.level !== "locality") continue;
        let at: [number, number] | undefined;
        let id: string;
        if (u.location) {
          at = frame.project([u.location.lon, u.location.lat]);
          // A town that is also a site shows through the site's marker.
          if (sites.some((p) => Math.hypot(p.x - (at?.[0] ?? 0), p.y - (at?.[1] ?? 0)) < 4))
            continue;
          id = `town-${key(u.name)}`;
        } else {
          at = u.within ? centreOf.get(key(u.within)) : undefined;
          id = `towns-${key(u.within ?? u.name)}`;
        }
        if (!at || !inView(at)) continue;
        const m = towns.get(id) ?? {
          id,
          x: at[0],
          y: at[1],
          towns: [],
          parent: u.location ? null : (u.within ?? null),
        };
        m.towns.push({ name: u.name, area: a });
        towns.set(id, m);
      }

  const siteR = 5.5;
  const obstacles: (Box & { id: string })[] = [
    ...sites.map((p) => ({
      id: `site-${p.s.asset}`,
      x0: p.x - siteR,
      y0: p.y - siteR,
      x1: p.x + siteR,
      y1: p.y + siteR,
    })),
    ...[...towns.values()].map((t) => ({
      id: t.id,
      x0: t.x - 5,
      y0: t.y - 5,
      x1: t.x + 5,
      y1: t.y + 5,
    })),
  ];
  const labels: PlacedLabel[] = detailed
    ? layoutLabels(
        [
          ...units
            .filter((d) => d.held === "whole")
            .map((d) => {
              const [x, y] = centreOf.get(key(d.unit.name)) ?? [0, 0];
              return {
                id: `unit-${key(d.unit.name)}`,
                text: d.unit.name,
                x,
                y,
                r: 2,
                priority: 3,
                bold: true,
              };
            }),
          ...sites.map((p) => ({
            id: `site-${p.s.asset}`,
            text: shortSiteName(p.s.name),
            x: p.x,
            y: p.y,
            r: siteR,
            priority: p.s.deFactoBy ? 2.5 : 2,
          })),
          ...[...towns.values()].map((t) => ({
            id: t.id,
            text:
              t.towns.length === 1
                ? (t.towns[0]?.name ?? "")
                : `${t.towns.length} towns${t.parent ? ` (${t.parent})` : ""}`,
            x: t.x,
            y: t.y,
            r: 5,
            priority: 1,
          })),
        ],
        frame,
        obstacles,
      )
    : [];

  const heldText = (d: DrawnUnit) =>
    d.areas
      .map(
        (a) =>
          `${a.controllerName}: ${a.units.find((u) => key(u.name) === key(d.unit.name))?.held ?? d.held} from ${a.validFrom}${a.validTo ? ` to ${a.validTo}` : ""} (${a.territory})`,
      )
      .join("\n");
  const standing = (s: SiteStanding) =>
    s.deFactoBy
      ? `Held by ${s.deFactoBy.controller} since ${s.deFactoBy.validFrom}: ${s.deFactoBy.basis === "named" ? "named by" : s.deFactoBy.basis === "admin-unit" ? `in ${s.deFactoBy.unit?.name}, held whole, per` : `its point inside ${s.deFactoBy.unit?.name ?? "the held boundary"}, per`} ${s.deFactoBy.territory}`
      : s.partlyHeld
        ? `Not counted as held: ${s.partlyHeld.map((p) => `${p.unit} is held in part by ${p.controller} (${p.territory})`).join("; ")}; the sources do not say the site is`
        : "Not on ground an armed group holds";

  return (
    <g data-testid={testId}>
      <defs>
        <pattern
          id={hatch}
          width="6"
          height="6"
          patternUnits="userSpaceOnUse"
          patternTransform="rotate(45)"
        >
          <rect width="6" height="6" fill="#4a235a" opacity="0.22" />
          <line x1="0" y1="0" x2="0" y2="6" stroke="#4a235a" strokeWidth="1.6" />
        </pattern>
      </defs>
      {units.map((d) => {
        const colour = groupColour(d.areas[0]?.controller ?? "");
        const sources = [
          ...new Set([...d.areas.flatMap((a) => a.sources), ...(d.unit.boundary?.sources ?? [])]),
        ];
        return (
          <path
            key={d.unit.pcode ?? d.unit.name}
            d={frame.path(d.geometry) ?? ""}
            fill={d.held === "whole" ? `url(#${hatch})` : colour}
            fillOpacity={d.held === "whole" ? 1 : 0.07}
            stroke={colour}
            strokeWidth={d.held === "whole" ? 1.6 : 1}
            strokeDasharray={d.held === "whole" ? undefined : "4 3"}
            data-testid={`${testId}-area`}
            data-unit={d.unit.name}
            data-held={d.held}
          >
            <title>
              {provenance(
                sources,
                `${d.unit.name} (${d.unit.level}${d.unit.pcode ? ` ${d.unit.pcode}` : ""}): ${d.held === "whole" ? "held whole" : "held in part; which part is not known"}\n${heldText(d)}`,
              )}
            </title>
          </path>
        );
      })}
      {[...towns.values()].map((t) => {
        const colour = groupColour(t.towns[0]?.area.controller ?? "");
        return (
          <g key={t.id} data-testid={`${testId}-town`}>
            <title>
              {provenance(
                [...new Set(t.towns.flatMap((x) => x.area.sources))],
                `${t.parent ? `Towns of ${t.parent} held (no coordinates in the sources: drawn at the territoire's centre)` : "Town held"}:\n${t.towns.map((x) => `${x.name} — ${x.area.controllerName} from ${x.area.validFrom} (${x.area.territory})`).join("\n")}`,
              )}
            </title>
            <path
              d={`M${t.x},${t.y - 5}L${t.x + 5},${t.y}L${t.x},${t.y + 5}L${t.x - 5},${t.y}Z`}
              fill={t.parent ? "#fff" : colour}
              stroke={colour}
              strokeWidth={1.4}
            />
          </g>
        );
      })}
      {sites.map((p) => {
        const s = p.s;
        const colour = s.deFactoBy ? groupColour(s.deFactoBy.controller) : "#555";
        return (
          <g
            key={s.asset}
            data-testid={`${testId}-site`}
            data-asset={s.asset}
            data-held={s.deFactoBy ? "held" : s.partlyHeld ? "partly" : "no"}
          >
            <title>
              {provenance(
                s.deFactoBy?.sources ?? [],
                `${s.name} (${s.commodities.join(", ")})\n${standing(s)}${p.located ? "" : "\nNo coordinates in the sources: drawn at its territoire's centre"}`,
              )}
            </title>
            <circle
              cx={p.x}
              cy={p.y}
              r={detailed ? siteR : 3.5}
              fill={s.deFactoBy ? colour : "#fff"}
              stroke={s.partlyHeld ? groupColour(s.partlyHeld[0]?.controller ?? "") : colour}
              strokeWidth={s.partlyHeld ? 1.8 : 1.2}
              strokeDasharray={s.partlyHeld || !p.located ? "2 1.5" : undefined}
            />
          </g>
        );
      })}
      {labels.map((l) => (
        <text
          key={l.id}
          x={l.x}
          y={l.y}
          textAnchor={l.anchor}
          className={`map-label${l.bold ? " held-label" : ""}`}
          data-label={l.id}
        >
          {l.text}
        </text>
      ))}
    </g>
  );
}
