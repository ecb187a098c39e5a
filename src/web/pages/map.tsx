/**
 * Map: the DRC and its neighbours from Natural Earth (world-atlas, bundled), the assets with
 * recorded coordinates sized by production and coloured by their controlling country, assets
 * without coordinates at their province's centroid (the mean of the located assets there), the
 * areas armed groups hold on the date (the units with a boundary as polygons, the sites they hold
 * ringed), a detail map of the east with the held areas, towns and sites labelled, the armed
 * groups' de facto share of each eastern commodity year by year, and the corridors and ports
 * with their use drawn between their nodes' sourced coordinates (width by tonnes routed). Labels
 * are placed so that none overlaps another (`placeLabels`). Nothing is drawn that the data does
 * not give, and the legend says so.
 */
import { geoMercator, geoPath } from "d3-geo";
import { type ReactNode, useId, useMemo } from "react";
import { feature } from "topojson-client";
import type { GeometryCollection, Topology } from "topojson-specification";
import world from "world-atlas/countries-50m.json";
import type {
  ControlReport,
  DeFactoSeries,
  HeldAreasReport,
} from "../../engine/ownership/index.js";
import type { Asset } from "../../model/asset.js";
import { useApi } from "../api.js";
import { type Column, DataTable } from "../components/data-table.js";
import { DeFactoSeriesChart } from "../components/de-facto-series-chart.js";
import { groupColour, HeldAreasLayer, shortSiteName } from "../components/held-areas-map.js";
import { Loading, NotInBuild, ProblemNotice } from "../components/notice.js";
import { PageTitle } from "../components/page-title.js";
import { Section } from "../components/section.js";
import { colourOf, tonnes } from "../format.js";
import { useSelection } from "../selection.js";

const W = 760;
const H = 640;
/** ISO 3166-1 numeric codes of the DRC and the countries around it, with the alpha-2 the data uses. */
const SHOWN: Record<string, string> = {
  "180": "CD",
  "024": "AO",
  "178": "CG",
  "140": "CF",
  "728": "SS",
  "800": "UG",
  "646": "RW",
  "108": "BI",
  "834": "TZ",
  "894": "ZM",
  "454": "MW",
  "508": "MZ",
  "516": "NA",
  "266": "GA",
  "120": "CM",
  "404": "KE",
  "072": "BW",
  "716": "ZW",
};

const topo = world as unknown as Topology<{ countries: GeometryCollection<{ name: string }> }>;
const countries = feature(topo, topo.objects.countries).features.filter(
  (f) => SHOWN[String(f.id)] !== undefined,
);
/** A map view: a Mercator projection fitted to a box of longitudes and latitudes. */
interface View {
  w: number;
  h: number;
  project: (lonLat: [number, number]) => [number, number];
  path: ReturnType<typeof geoPath>;
}

function viewOf(w: number, h: number, corners: [[number, number], [number, number]]): View {
  const projection = geoMercator().fitExtent(
    [
      [8, 8],
      [w - 8, h - 8],
    ],
    { type: "MultiPoint", coordinates: corners },
  );
  return {
    w,
    h,
    project: (p) => (projection(p) as [number, number] | null) ?? [0, 0],
    path: geoPath(projection),
  };
}

/** The DRC and a margin around it. */
const MAIN_VIEW = viewOf(W, H, [
  [11, 6.5],
  [32.5, -14.5],
]);
/** The Copperbelt's provinces, where most of the assets are. */
const COPPERBELT = new Set(["Lualaba", "Haut-Katanga"]);
/** Without located Copperbelt assets: the belt from Kolwezi to Lubumbashi. */
const COPPERBELT_BOX: [[number, number], [number, number]] = [
  [25.0, -10.2],
  [28.8, -13.0],
];

/**
 * The Copperbelt detail framed on its assets: the box around the located assets of Lualaba and
 * Haut-Katanga with a figure for the commodity (all located ones when fewer than two have one),
 * with a margin for their circles and labels; the detail's height follows the box's shape.
 */
function copperbeltView(placed: readonly Placed[]): View {
  const inBelt = placed.filter(
    (p) => p.how === "recorded" && p.asset.province && COPPERBELT.has(p.asset.province),
  );
  const withFigure = inBelt.filter((p) => p.tonnes !== null && p.tonnes > 0);
  const pts = withFigure.length >= 2 ? withFigure : inBelt;
  if (pts.length < 2) return viewOf(W, 400, COPPERBELT_BOX);
  const lons = pts.map((p) => p.lon);
  const lats = pts.map((p) => p.lat);
  // A margin for the circles and labels: an eighth of the larger span, at least 0.1°.
  const span = Math.max(
    Math.max(...lons) - Math.min(...lons),
    Math.max(...lats) - Math.min(...lats),
  );
  const m = Math.max(0.1, span / 8);
  const box: [[number, number], [number, number]] = [
    [Math.min(...lons) - m, Math.max(...lats) + m],
    [Math.max(...lons) + m, Math.min(...lats) - m],
  ];
  // The height that lets the box fill the width, between a strip and a square.
  const fitted = geoMercator().fitWidth(W - 16, { type: "MultiPoint", coordinates: box });
  const [, y0] = fitted(box[0]) ?? [0, 0];
  const [, y1] = fitted(box[1]) ?? [0, 0];
  const h = Math.round(Math.min(560, Math.max(300, Math.abs(y1 - y0) + 16)));
  return viewOf(W, h, box);
}

/**
 * The countries' outlines and centroids in a view, projected once per view (the 1:50m outlines
 * take a while to project; the page draws them on every render).
 */
const SHAPES = new WeakMap<
  View,
  { f: (typeof countries)[number]; d: string; c: [number, number] }[]
>();
function shapesOf(view: View) {
  let shapes = SHAPES.get(view);
  if (shapes === undefined) {
    shapes = countries.map((f) => ({ f, d: view.path(f) ?? "", c: view.path.centroid(f) }));
    SHAPES.set(view, shapes);
  }
  return shapes;
}

/** The Kivus, from Lubero to Uvira: where the held areas and the eastern sites are. */
const EAST_VIEW = viewOf(520, 780, [
  [27.2, 0.25],
  [29.95, -3.9],
]);
// The fixed views' outlines are projected as the page's code loads (ahead of a visit when the
// dashboard reads ahead), not on the first draw.
shapesOf(MAIN_VIEW);
shapesOf(EAST_VIEW);

/** "AFC/M23 (Alliance …)" → "AFC/M23": the label beside a marker stays short. */
function shortName(name: string): string {
  return name.replace(/\s*\(.*\)\s*$/, "");
}

/** A leg drawn as a line between its ends' sourced coordinates, its width by tonnes routed. */
interface CorridorLine {
  id: string;
  from: [number, number];
  to: [number, number];
  tonnes: number;
  title: string;
}

/** A port or border post at its sourced coordinates. */
interface RouteMark {
  id: string;
  name: string;
  kind: string;
  lon: number;
  lat: number;
  tonnes: number | null;
  title: string;
}

/** A label to place: its anchor point and the offsets it may take, in order of preference. */
interface LabelItem {
  key: string;
  x: number;
  y: number;
  text: string;
  className: string;
  testId?: string;
  /** Font size in px (default 11): the box reserved grows with it. */
  size?: number;
  /** [dx, dy, anchor] */
  at: [number, number, "start" | "end" | "middle"][];
}

/** A label's box for a font of `size` px (~11): width from its characters, with a margin. */
function boxOf(
  x: number,
  y: number,
  text: string,
  anchor: "start" | "end" | "middle",
  size = 11,
): [number, number, number, number] {
  const w = (text.length * 7 * size) / 11 + 4;
  const left = anchor === "start" ? x - 2 : anchor === "end" ? x - w + 2 : x - w / 2;
  return [left, y - size, w, size + 4];
}

/**
 * Greedy label placement: each label takes its first offset whose box stays in the frame and
 * overlaps no label placed before it; a label with no such offset is left out (its marker keeps
 * its tooltip). Labels come in order of importance.
 */
export function placeLabels(
  items: readonly LabelItem[],
  w: number,
  h: number,
): { item: LabelItem; x: number; y: number; anchor: "start" | "end" | "middle" }[] {
  const boxes: [number, number, number, number][] = [];
  const out: { item: LabelItem; x: number; y: number; anchor: "start" | "end" | "middle" }[] = [];
  for (const it of items)
    for (const [dx, dy, anchor] of it.at) {
      const x = it.x + dx;
      const y = it.y + dy;
      const b = boxOf(x, y, it.text, anchor, it.size);
      if (b[0] < 0 || b[1] < 0 || b[0] + b[2] > w || b[1] + b[3] > h) continue;
      if (
        boxes.some(
          (o) =>
            b[0] < o[0] + o[2] && o[0] < b[0] + b[2] && b[1] < o[1] + o[3] && o[1] < b[1] + b[3],
        )
      )
        continue;
      boxes.push(b);
      out.push({ item: it, x, y, anchor });
      break;
    }
  return out;
}

const AROUND = (r: number): [number, number, "start" | "end" | "middle"][] => [
  [r + 3, 4, "start"],
  [-r - 3, 4, "end"],
  [0, -r - 4, "middle"],
  [0, r + 13, "middle"],
  [r + 3, -8, "start"],
  [-r - 3, -8, "end"],
  [r + 3, 16, "start"],
  [-r - 3, 16, "end"],
];

interface Placed {
  asset: Asset;
  lon: number;
  lat: number;
  /** Its place among the assets drawn at one province centroid (spread on a small spiral). */
  k: number | null;
  /** "recorded": its own coordinates; "province": its province's centroid. */
  how: "recorded" | "province";
  tonnes: number | null;
  controller: string;
  sources: string[];
}

interface Layers {
  placed: Placed[];
  corridors: CorridorLine[];
  routeMarks: RouteMark[];
  centroids: { province: string; lon: number; lat: number; n: number }[];
  held: HeldAreasReport | undefined;
  radius: (t: number | null) => number;
  commodity: string;
  provenance: (sources: readonly string[], what?: string) => string;
  entityName: Map<string, string>;
}

/** Where a placed asset is drawn: its point, or a step along a spiral around its centroid. */
function positionOf(p: Placed, view: View): [number, number] {
  const [x, y] = view.project([p.lon, p.lat]);
  if (p.k === null) return [x, y];
  const angle = p.k * 0.9;
  const r = 10 + 3 * p.k;
  return [x + r * Math.cos(angle), y + r * Math.sin(angle)];
}

/**
 * The DRC and its neighbours in a view, with the neighbours' names where they fit (unless
 * `labels` is false: the caller places them among its own labels, see `countryLabels`).
 */
function CountryShapes({ view, labels = true }: { view: View; labels?: boolean }): ReactNode {
  return (
    <>
      {shapesOf(view).map(({ f, d, c }) => {
        const code = SHOWN[String(f.id)] as string;
        return (
          <g key={String(f.id)}>
            <path
              d={d}
              fill={code === "CD" ? "#fbf6e9" : "#eceff2"}
              stroke="#8d99a6"
              strokeWidth={code === "CD" ? 1.4 : 0.7}
              data-country={code}
            >
              <title>{f.properties.name}</title>
            </path>
            {labels &&
              code !== "CD" &&
              c[0] > 20 &&
              c[0] < view.w - 20 &&
              c[1] > 20 &&
              c[1] < view.h - 20 && (
                <text x={c[0]} y={c[1]} className="country-label" textAnchor="middle">
                  {f.properties.name}
                </text>
              )}
          </g>
        );
      })}
    </>
  );
}

/** The neighbours' names as labels to place first, at their shapes' centroids. */
function countryLabels(view: View): LabelItem[] {
  const out: LabelItem[] = [];
  for (const { f, c } of shapesOf(view)) {
    const code = SHOWN[String(f.id)] as string;
    if (code === "CD" || !(c[0] > 20 && c[0] < view.w - 20 && c[1] > 20 && c[1] < view.h - 20))
      continue;
    out.push({
      key: `country-${code}`,
      x: c[0],
      y: c[1],
      text: f.properties.name,
      className: "country-label",
      size: 12,
      at: [
        [0, 0, "middle"],
        [0, 16, "middle"],
        [0, -16, "middle"],
      ],
    });
  }
  return out;
}

function MapSvg(
  props: Layers & { frame: View; label: string; testId: string; named?: boolean },
): ReactNode {
  const { frame: view, placed, centroids, held, radius, commodity, provenance } = props;
  // An id without the colons useId() gives, which url(#…) would need escaped.
  const heldId = `held-${useId().replace(/[^a-zA-Z0-9]/g, "")}`;
  const located = new Map(placed.map((p) => [p.asset.id as string, p]));
  const inView = ([x, y]: [number, number]) => x > 0 && x < view.w && y > 0 && y < view.h;
  const name = (id: string) => props.entityName.get(id) ?? id;
  const { corridors, routeMarks } = props;
  const maxCorridor = Math.max(1, ...corridors.map((c) => c.tonnes));
  // Labels in order of importance: the title and the neighbours' names (fixed), ports and
  // borders, held territory, assets, provinces.
  const labelItems: LabelItem[] = [];
  if (props.named)
    labelItems.push({
      key: "inset-title",
      x: 12,
      y: 22,
      text: props.label,
      className: "map-label inset-title",
      size: 14,
      at: [[0, 0, "start"]],
    });
  labelItems.push(...countryLabels(view));
  for (const m of routeMarks) {
    const [x, y] = view.project([m.lon, m.lat]);
    if (!inView([x, y])) continue;
    labelItems.push({
      key: `route-${m.id}`,
      x,
      y,
      text: shortName(m.name),
      className: "map-label route-label",
      testId: `${props.testId}-label`,
      at: AROUND(6),
    });
  }
  for (const site of held?.sites ?? []) {
    const by = site.deFactoBy;
    const p = by ? located.get(site.asset) : undefined;
    if (!by || !p) continue;
    const [x, y] = positionOf(p, view);
    if (!inView([x, y])) continue;
    labelItems.push({
      key: `held-${site.asset}`,
      x,
      y,
      text: `${shortName(name(by.controller))}: ${shortSiteName(site.name)}`,
      className: "map-label held-label",
      testId: `${props.testId}-label`,
      at: AROUND(radius(p.tonnes) + 5),
    });
  }
  if (props.named)
    for (const p of [...placed].sort((a, b) => (b.tonnes ?? 0) - (a.tonnes ?? 0))) {
      if (!(p.tonnes !== null && p.tonnes > 0)) continue;
      const [x, y] = positionOf(p, view);
      if (!inView([x, y])) continue;
      labelItems.push({
        key: `asset-${p.asset.id}`,
        x,
        y,
        text: p.asset.name,
        className: "map-label",
        testId: `${props.testId}-label`,
        at: AROUND(radius(p.tonnes)),
      });
    }
  for (const c of centroids) {
    const [x, y] = view.project([c.lon, c.lat]);
    if (!inView([x, y])) continue;
    labelItems.push({
      key: `province-${c.province}`,
      x,
      y,
      text: c.province,
      className: "map-label province-label",
      testId: `${props.testId}-label`,
      at: [[7, 16, "start"], ...AROUND(6)],
    });
  }
  return (
    <svg
      className="map-svg"
      viewBox={`0 0 ${view.w} ${view.h}`}
      aria-label={props.label}
      data-testid={props.testId}
    >
      <title>{props.label}</title>
      <defs>
        <pattern
          id={heldId}
          width="6"
          height="6"
          patternUnits="userSpaceOnUse"
          patternTransform="rotate(45)"
        >
          <rect width="6" height="6" fill="#4a235a" opacity="0.25" />
          <line x1="0" y1="0" x2="0" y2="6" stroke="#4a235a" strokeWidth="2" />
        </pattern>
      </defs>
      <CountryShapes view={view} labels={false} />
      {held && (
        <HeldAreasLayer
          frame={view}
          report={held}
          testId={`${props.testId}-held`}
          provenance={provenance}
          detailed={false}
        />
      )}
      {(held?.sites ?? []).map((site) => {
        const by = site.deFactoBy;
        const p = by ? located.get(site.asset) : undefined;
        if (!by || !p) return null;
        const [x, y] = positionOf(p, view);
        if (!inView([x, y])) return null;
        return (
          <g key={`held-${site.asset}`} data-testid={`${props.testId}-held-territory`}>
            <title>
              {provenance(
                by.sources,
                `${shortSiteName(site.name)}: held by ${name(by.controller)} since ${by.validFrom} (${by.territory}, ${by.basis})`,
              )}
            </title>
            <circle
              cx={x}
              cy={y}
              r={radius(p.tonnes) + 5}
              fill={`url(#${heldId})`}
              stroke={groupColour(by.controller)}
              strokeDasharray="3 2"
            />
          </g>
        );
      })}
      {corridors.map((c) => {
        const a = view.project(c.from);
        const b = view.project(c.to);
        if (!inView(a) && !inView(b)) return null;
        return (
          <line
            key={c.id}
            x1={a[0]}
            y1={a[1]}
            x2={b[0]}
            y2={b[1]}
            stroke={c.tonnes > 0 ? "#0b4f6c" : "#9aa5b1"}
            strokeOpacity={c.tonnes > 0 ? 0.7 : 0.6}
            strokeWidth={c.tonnes > 0 ? 1.5 + 10 * Math.sqrt(c.tonnes / maxCorridor) : 1}
            strokeDasharray={c.tonnes > 0 ? undefined : "4 3"}
            strokeLinecap="round"
            data-testid={`${props.testId}-corridor`}
            data-leg={c.id}
            data-tonnes={c.tonnes}
          >
            <title>{c.title}</title>
          </line>
        );
      })}
      {centroids.map((c) => {
        const [x, y] = view.project([c.lon, c.lat]);
        if (!inView([x, y])) return null;
        return (
          <g key={c.province} className="province">
            <title>
              {`${c.province}: centroid of ${c.n} located asset${c.n === 1 ? "" : "s"} (no boundary in the data)`}
            </title>
            <path d={`M${x - 5},${y}h10M${x},${y - 5}v10`} stroke="#333" strokeWidth={1.2} />
          </g>
        );
      })}
      {placed
        .slice()
        .sort((a, b) => (b.tonnes ?? 0) - (a.tonnes ?? 0))
        .map((p) => {
          const [x, y] = positionOf(p, view);
          if (!inView([x, y])) return null;
          return (
            <a
              key={p.asset.id}
              href={`#/graph/${encodeURIComponent(p.asset.id)}`}
              aria-label={`${p.asset.name}: ${p.tonnes ? tonnes(p.tonnes) : `no ${commodity} figure`}, controlled from ${p.controller}${p.how === "province" ? ", placed at its province centroid" : ""}`}
              data-testid={`${props.testId}-asset`}
              data-asset={p.asset.id}
            >
              <title>
                {provenance(
                  p.sources,
                  `${p.asset.name} (${p.asset.kind}, ${p.asset.status})\n${p.tonnes ? `${tonnes(p.tonnes)} ${commodity}` : `No ${commodity} figure`}; controller country ${p.controller}${p.how === "province" ? "\nNo coordinates recorded: drawn at its province centroid" : ""}`,
                )}
              </title>
              <circle
                cx={x}
                cy={y}
                r={radius(p.tonnes)}
                fill={p.tonnes ? colourOf(p.controller) : "#ffffff"}
                fillOpacity={p.how === "province" ? 0.45 : 0.85}
                stroke={p.tonnes ? "#222" : "#777"}
                strokeDasharray={p.how === "province" ? "2 2" : undefined}
                strokeWidth={1}
              />
            </a>
          );
        })}
      {routeMarks.map((m) => {
        const [x, y] = view.project([m.lon, m.lat]);
        if (!inView([x, y])) return null;
        return (
          <g key={m.id} data-testid={`${props.testId}-route-node`} data-node={m.id}>
            <title>{m.title}</title>
            {m.kind === "port" ? (
              <rect x={x - 4.5} y={y - 4.5} width={9} height={9} fill="#0b4f6c" stroke="#fff" />
            ) : (
              <path d={`M${x},${y - 5}l5,5l-5,5l-5,-5z`} fill="#b35c00" stroke="#fff" />
            )}
          </g>
        );
      })}
      <g className="labels">
        {placeLabels(labelItems, view.w, view.h).map(({ item, x, y, anchor }) => (
          <text
            key={item.key}
            x={x}
            y={y}
            textAnchor={anchor}
            className={item.className}
            data-testid={item.testId}
          >
            {item.text}
          </text>
        ))}
      </g>
    </svg>
  );
}

export function MapPage(): ReactNode {
  const { commodity, asOf, snapshot, provenance, capabilities, controlQuery, reportQuery } =
    useSelection();
  const report = useApi<ControlReport>("/api/reports/control", controlQuery);
  const hasRoutes = capabilities.has("get", "/api/reports/routes");
  const hasHeld = capabilities.has("get", "/api/reports/territory");
  const held = useApi<HeldAreasReport>(hasHeld ? "/api/reports/territory" : null, { asOf });
  const hasSeries = capabilities.has("get", "/api/reports/de-facto-series");
  const series = useApi<DeFactoSeries>(hasSeries ? "/api/reports/de-facto-series" : null, {
    asOf,
  });
  const routes = useApi<{
    legs?: { id: string; tonnes?: number }[];
    ports?: { id: string; tonnes: number; utilisation: number | null }[];
  }>(hasRoutes ? "/api/reports/routes" : null, reportQuery);

  const model = useMemo(() => {
    if (!snapshot) return undefined;
    const rows = new Map((report.data?.assets ?? []).map((a) => [a.id as string, a]));
    const byProvince = new Map<string, [number, number][]>();
    for (const a of snapshot.records.assets)
      if (a.location && a.province) {
        const list = byProvince.get(a.province) ?? [];
        list.push([a.location.lon, a.location.lat]);
        byProvince.set(a.province, list);
      }
    const centroids = [...byProvince.entries()].map(([province, pts]) => {
      const lon = pts.reduce((s, p) => s + p[0], 0) / pts.length;
      const lat = pts.reduce((s, p) => s + p[1], 0) / pts.length;
      return { province, lon, lat, n: pts.length };
    });
    const centroidOf = new Map(centroids.map((c) => [c.province, c]));
    const placed: Placed[] = [];
    const unplaced: Asset[] = [];
    const perCentroid = new Map<string, number>();
    for (const a of snapshot.records.assets) {
      const row = rows.get(a.id);
      const base = {
        asset: a,
        tonnes: row ? row.tonnes : null,
        controller: row?.controllerCountry ?? "unknown",
        sources: [...(row?.sources ?? []), ...(a.location?.sources ?? a.sources)],
      };
      if (a.location) {
        placed.push({
          ...base,
          lon: a.location.lon,
          lat: a.location.lat,
          k: null,
          how: "recorded",
        });
      } else if (a.province && centroidOf.has(a.province)) {
        const c = centroidOf.get(a.province) as (typeof centroids)[number];
        // Several assets at one centroid are spread on a small circle so each can be seen.
        const k = perCentroid.get(a.province) ?? 0;
        perCentroid.set(a.province, k + 1);
        placed.push({ ...base, lon: c.lon, lat: c.lat, k, how: "province" });
      } else unplaced.push(a);
    }
    return { placed, unplaced, centroids, copperbelt: copperbeltView(placed) };
  }, [snapshot, report.data]);

  if (report.error && report.error.status !== 404)
    return <ProblemNotice error={report.error} what="the control report" />;
  if (!snapshot || !model) return <Loading what="the map" />;
  const max = Math.max(1, ...model.placed.map((p) => p.tonnes ?? 0));
  const radius = (t: number | null) => (t && t > 0 ? 4 + 18 * Math.sqrt(t / max) : 3.5);
  const controllers = [...new Set(model.placed.filter((p) => p.tonnes).map((p) => p.controller))];
  const entityName = new Map(snapshot.records.entities.map((e) => [e.id as string, e.name]));
  const nodeById = new Map(snapshot.records.routeNodes.map((n) => [n.id as string, n]));
  const assetById = new Map(snapshot.records.assets.map((a) => [a.id as string, a]));
  const pointOf = (id: string): [number, number] | null => {
    const n = nodeById.get(id);
    const loc = n?.location ?? (n?.asset ? assetById.get(n.asset)?.location : null) ?? null;
    return loc ? [loc.lon, loc.lat] : null;
  };
  const routedLegs = new Map((routes.data?.legs ?? []).map((l) => [l.id, l.tonnes ?? 0]));
  const corridors: CorridorLine[] = [];
  for (const l of snapshot.records.routeLegs) {
    if (l.mode === "sea" || l.status !== "operating") continue;
    const a = pointOf(l.from);
    const b = pointOf(l.to);
    if (!a || !b) continue;
    const t = routedLegs.get(l.id) ?? 0;
    corridors.push({
      id: l.id,
      from: a,
      to: b,
      tonnes: t,
      title: provenance(
        l.sources,
        `${nodeById.get(l.from)?.name ?? l.from} → ${nodeById.get(l.to)?.name ?? l.to} (${l.mode}${l.corridor ? `, ${l.corridor}` : ""}): ${hasRoutes && routes.data ? `${tonnes(t)} ${commodity} routed` : "routes not computed"}`,
      ),
    });
  }
  const routeMarks: RouteMark[] = [];
  for (const n of snapshot.records.routeNodes) {
    if ((n.kind !== "port" && n.kind !== "border") || !n.location) continue;
    const use = routes.data?.ports?.find((x) => x.id === n.id)?.tonnes ?? null;
    routeMarks.push({
      id: n.id,
      name: n.name,
      kind: n.kind,
      lon: n.location.lon,
      lat: n.location.lat,
      tonnes: use,
      title: provenance(
        n.sources,
        `${n.name} (${n.kind}, ${n.status})${use === null ? "" : `: ${tonnes(use)} ${commodity} routed`}`,
      ),
    });
  }
  routeMarks.sort((a, b) => (b.tonnes ?? 0) - (a.tonnes ?? 0));
  const layers: Layers = {
    placed: model.placed,
    corridors,
    routeMarks,
    centroids: model.centroids,
    held: held.data,
    radius,
    commodity,
    provenance,
    entityName,
  };
  const nodes = snapshot.records.routeNodes;
  const nodeName = new Map(nodes.map((n) => [n.id as string, n.name]));
  const legUse = new Map((routes.data?.legs ?? []).map((l) => [l.id, l.tonnes]));
  const portUse = new Map((routes.data?.ports ?? []).map((n) => [n.id, n.tonnes]));
  const legColumns: Column<(typeof snapshot.records.routeLegs)[number]>[] = [
    { header: "From", cell: (l) => nodeName.get(l.from) ?? l.from, csv: (l) => l.from },
    { header: "To", cell: (l) => nodeName.get(l.to) ?? l.to, csv: (l) => l.to },
    { header: "Mode", cell: (l) => l.mode },
    {
      header: "Capacity (t/yr)",
      cell: (l) =>
        l.capacityTonnesPerYear == null ? "not recorded" : tonnes(l.capacityTonnesPerYear),
      csv: (l) => l.capacityTonnesPerYear ?? null,
      numeric: true,
      title: (l) => provenance(l.sources, `Leg ${l.id}`),
    },
    {
      header: `Use (${commodity})`,
      cell: (l) => (hasRoutes ? tonnes(legUse.get(l.id) ?? 0) : "needs routes"),
      csv: (l) => (hasRoutes ? (legUse.get(l.id) ?? 0) : null),
      numeric: true,
    },
    { header: "Status", cell: (l) => l.status },
  ];

  return (
    <div className="page" aria-busy={report.loading || routes.loading || held.loading}>
      <PageTitle>Map of assets and their controllers</PageTitle>
      <div className="two-col">
        <figure className="map-figure">
          <MapSvg
            frame={MAIN_VIEW}
            label={`Map of the DR Congo and its neighbours with ${model.placed.length} assets`}
            testId="map"
            {...layers}
          />
          <MapSvg
            frame={model.copperbelt}
            label="Detail: the Copperbelt (Lualaba and Haut-Katanga)"
            testId="map-copperbelt"
            named
            {...layers}
          />
          <figcaption className="legend">
            <ul aria-label="Controlling country">
              {controllers.map((c) => (
                <li key={c}>
                  <span className="swatch" style={{ background: colourOf(c) }} />
                  {c}
                </li>
              ))}
              <li>
                <span className="swatch hollow" /> no {commodity} figure
              </li>
            </ul>
            <p>
              Circle area ∝ {commodity} tonnes ({report.data?.period ?? "latest"}). Solid: recorded
              coordinates. Dashed and faint: no coordinates in the data, drawn at the province's
              centroid (+), the mean of the located assets in it; the data holds no province
              boundaries, so none are drawn. Purple areas: territoires and villes an armed group
              holds on the date, hatched when held whole, dashed when only part is held; hatched
              ring: a site on held ground (see the east below). Countries: Natural Earth 1:50m.
            </p>
            {model.unplaced.length > 0 && (
              <p>
                Not on the map (no coordinates and no located asset in their province):{" "}
                {model.unplaced.map((a) => a.name).join(", ")}.
              </p>
            )}
          </figcaption>
        </figure>
        <div>
          <Section title="Ports and corridors">
            <p className="muted">
              Corridors are drawn between their nodes' sourced coordinates (straight lines, not the
              road or rail alignment), their width by the {commodity} tonnes the routes report sends
              along them; dashed: open but unused. Squares: ports; diamonds: border posts. Labels
              that would overlap another are left out (the marker keeps its tooltip).
            </p>
            <DataTable
              caption="Ports"
              columns={[
                { header: "Port", cell: (n) => n.name, csv: (n) => n.id },
                { header: "Country", cell: (n) => n.country },
                { header: "Status", cell: (n) => n.status },
                {
                  header: `Use (${commodity})`,
                  cell: (n) => (hasRoutes && routes.data ? tonnes(portUse.get(n.id) ?? 0) : "—"),
                  csv: (n) => (hasRoutes && routes.data ? (portUse.get(n.id) ?? 0) : null),
                  numeric: true,
                  title: (n) => provenance(n.sources, `${n.name}: tonnes routed (routes report)`),
                  testId: (n) => `port-use-${n.id}`,
                },
                {
                  header: "Legs",
                  cell: (n) =>
                    snapshot.records.routeLegs.filter((l) => l.from === n.id || l.to === n.id)
                      .length,
                  numeric: true,
                  title: (n) => provenance(n.sources, n.name),
                },
              ]}
              rows={nodes.filter((n) => n.kind === "port")}
              rowKey={(n) => n.id}
              filename={`ports-${asOf}.csv`}
            />
            {!hasRoutes && (
              <NotInBuild route="GET /api/reports/routes" what="The use of each leg" />
            )}
            {hasRoutes && routes.error && <ProblemNotice error={routes.error} what="the routes" />}
          </Section>
        </div>
      </div>
      <Section title={`The east — areas armed groups hold on ${asOf}`}>
        {!hasHeld && <NotInBuild route="GET /api/reports/territory" what="The held areas" />}
        {held.error && <ProblemNotice error={held.error} what="the held areas" />}
        {hasHeld && !held.data && !held.error && <Loading what="the held areas" />}
        {held.data && (
          <EastMap report={held.data} provenance={provenance} entityName={entityName} />
        )}
      </Section>
      <Section title="Share of each eastern commodity under armed groups' de facto control">
        {!hasSeries && (
          <NotInBuild route="GET /api/reports/de-facto-series" what="The time series" />
        )}
        {series.error && <ProblemNotice error={series.error} what="the time series" />}
        {hasSeries && !series.data && !series.error && <Loading what="the time series" />}
        {series.data && <DeFactoSeriesChart series={series.data} />}
      </Section>
      <DataTable
        caption="Route legs"
        columns={legColumns}
        rows={snapshot.records.routeLegs}
        rowKey={(l) => l.id}
        filename={`route-legs-${asOf}.csv`}
      />
    </div>
  );
}

/** The east at a larger scale: held areas, towns and sites labelled, with the list beside it. */
function EastMap(props: {
  report: HeldAreasReport;
  provenance: (sources: readonly string[], what?: string) => string;
  entityName: Map<string, string>;
}): ReactNode {
  const { report, provenance } = props;
  const view = EAST_VIEW;
  const name = (id: string) => props.entityName.get(id) ?? id;
  const groups = [...new Set(report.areas.map((a) => a.controller))];
  const areaColumns: Column<HeldAreasReport["areas"][number]>[] = [
    {
      header: "Held by",
      cell: (a) => name(a.controller).replace(/\s*\(.*\)\s*$/, ""),
      csv: (a) => a.controller,
    },
    {
      header: "Area",
      cell: (a) =>
        a.units
          .filter((u) => u.level !== "province")
          .map(
            (u) =>
              `${u.name}${u.held === "whole" ? " (whole)" : u.held === "partial" ? " (part)" : ""}`,
          )
          .join(", "),
      title: (a) => provenance(a.sources, a.note ?? a.territory),
    },
    { header: "From", cell: (a) => a.validFrom },
    { header: "To", cell: (a) => a.validTo ?? "open" },
    { header: "Record", cell: (a) => a.territory },
  ];
  const siteColumns: Column<HeldAreasReport["sites"][number]>[] = [
    { header: "Site", cell: (s) => s.name, csv: (s) => s.asset },
    { header: "Commodities", cell: (s) => s.commodities.join(", ") },
    {
      header: "De facto",
      cell: (s) =>
        s.deFactoBy
          ? `${name(s.deFactoBy.controller).replace(/\s*\(.*\)\s*$/, "")} (${s.deFactoBy.basis === "named" ? "named" : s.deFactoBy.basis === "admin-unit" ? `${s.deFactoBy.unit?.name} held whole` : `inside ${s.deFactoBy.unit?.name ?? "the held boundary"}`})`
          : s.partlyHeld
            ? `not counted: ${s.partlyHeld.map((p) => p.unit).join(", ")} held in part`
            : "not held",
      title: (s) =>
        provenance(
          s.deFactoBy?.sources ?? [],
          s.deFactoBy
            ? `Record ${s.deFactoBy.territory}, held since ${s.deFactoBy.validFrom}`
            : s.name,
        ),
      testId: (s) => `east-site-${s.asset}`,
    },
  ];
  return (
    <div className="two-col" data-testid="map-east-section">
      <figure className="map-figure">
        <svg
          className="map-svg"
          viewBox={`0 0 ${view.w} ${view.h}`}
          aria-label={`Map of the eastern DR Congo with ${report.areas.length} areas held on ${report.asOf}`}
          data-testid="map-east"
        >
          <title>{`Areas armed groups hold on ${report.asOf}`}</title>
          <CountryShapes view={view} />
          <HeldAreasLayer
            frame={view}
            report={report}
            testId="map-east-held"
            provenance={provenance}
            detailed
          />
        </svg>
        <figcaption className="legend">
          <ul aria-label="Armed groups">
            {groups.map((g) => (
              <li key={g}>
                <span className="swatch" style={{ background: groupColour(g) }} />
                {name(g)}
              </li>
            ))}
          </ul>
          <p>
            Hatched: a territoire or ville held whole. Dashed: part of it is held (which part the
            sources do not say; a site inside is not counted as held). Diamonds: towns held, at
            their point, or hollow at the centre of their territoire when the sources give none.
            Circles: sites, filled when held (named by the record, in a unit held whole, or by their
            point inside a held boundary), dashed ring when their territoire is held only in part.
            Boundaries: geoBoundaries COD ADM2 (OCHA COD-AB / RGC), CC BY 3.0 IGO, simplified to
            about 110 m. Labels that would overlap are left to the hover text and the tables.
          </p>
          {report.notes.map((n) => (
            <p key={n} className="muted">
              {n}
            </p>
          ))}
        </figcaption>
      </figure>
      <div>
        <DataTable
          caption={`Areas held on ${report.asOf}`}
          columns={areaColumns}
          rows={report.areas}
          rowKey={(a) => a.territory}
          filename={`held-areas-${report.asOf}.csv`}
        />
        <DataTable
          caption="Eastern sites and who holds their ground"
          columns={siteColumns}
          rows={report.sites}
          rowKey={(s) => s.asset}
          filename={`east-sites-${report.asOf}.csv`}
        />
      </div>
    </div>
  );
}
