/**
 * Flows: where the tonnes go, for the commodity and date chosen and any shipped scenario. A
 * Sankey from assets through controller countries and the ports or corridors they leave by to
 * buyer countries (the API's routes report, a min-cost flow over the network), the unshipped
 * tonnes, and the allocation's shares by buyer country with their HHI (the flows report).
 */
import { type SankeyGraph, sankey, sankeyLinkHorizontal } from "d3-sankey";
import { type ReactNode, useId, useMemo } from "react";
import type { FlowMetrics, FlowsReport } from "../../engine/metrics/index.js";
import type { RouteResult, RouteSankey, SankeyNode } from "../../engine/routes/index.js";
import { countryNameFor } from "../../model/country.js";
import { useApi } from "../api.js";
import { type Column, DataTable } from "../components/data-table.js";
import { HeadlineShare, StaleInputsList } from "../components/freshness.js";
import { Loading, NotInBuild, ProblemNotice } from "../components/notice.js";
import { PageTitle } from "../components/page-title.js";
import { Section } from "../components/section.js";
import { colourOf, hhi, pct, tonnes } from "../format.js";
import { useSelection } from "../selection.js";

export interface RoutesReport extends RouteResult {
  commodity: string;
  period: string;
  asOf: string;
  heldBackTonnes: number;
  notOnRecordedAsset: { tonnes: number; nationalTonnes: number; sources: string[] } | null;
  sankey: RouteSankey;
}

interface N extends SankeyNode {
  name: string;
}
interface L {
  source: string;
  target: string;
  value: number;
}

const W = 960;
const H = 520;

/** A country node's colour is its country's (keyed by the code in its id, not its label). */
function colourOfNode(n: SankeyNode): string {
  // Output the records do not place (on no recorded asset, its route unknown) is grey.
  if (n.id === "asset:not-on-a-recorded-asset" || n.id === "via:not-recorded") return "#aab7b8";
  if (n.layer === 1) return colourOf(n.id.slice("controller:".length));
  if (n.layer === 3 && !n.id.startsWith("buyer:open-market:"))
    return colourOf(n.id.slice("buyer:".length));
  if (n.layer === 2)
    // Unshipped, including tonnes whose recorded trail ends short of the coast, is red.
    return n.id === "via:unshipped" || n.id.startsWith("via:no-route-to-coast:")
      ? "#c0392b"
      : n.id === "via:held-back"
        ? "#7d3c98"
        : "#5d6d7e";
  if (n.layer === 3 && n.id.startsWith("buyer:open-market:")) return "#aab7b8";
  return "#b7950b";
}

/** The width of `text` in the Sankey's labels (12 px), measured in the page's font. */
function labelWidth(text: string): number {
  const ctx = labelCanvas()?.getContext("2d");
  if (!ctx) return text.length * 7.2;
  ctx.font = `12px ${getComputedStyle(document.body).fontFamily}`;
  return ctx.measureText(text).width;
}
let canvas: HTMLCanvasElement | undefined;
function labelCanvas(): HTMLCanvasElement | undefined {
  if (typeof document === "undefined") return undefined;
  canvas ??= document.createElement("canvas");
  return canvas;
}

/** A label cut with "…" to fit `max` units. */
function fitted(text: string, max: number): string {
  if (labelWidth(text) <= max) return text;
  let n = text.length - 1;
  while (n > 1 && labelWidth(`${text.slice(0, n)}…`) > max) n--;
  return `${text.slice(0, n)}…`;
}

/** The room for labels left of the first layers and right of the last (SVG units). */
const LEFT_MAX = 230;
const RIGHT_MAX = 170;

export function Sankey({ graph, label }: { graph: RouteSankey; label: string }): ReactNode {
  const laid = useMemo(() => {
    // Labels as they will be drawn (cut only when longer than the room there is), and the room
    // they take: the diagram starts where the longest asset name ends, so none is clipped.
    const shown = new Map(
      graph.nodes.map((n) => [n.id, fitted(n.label, n.layer < 2 ? LEFT_MAX : RIGHT_MAX)]),
    );
    const widest = (layers: number[]) =>
      Math.max(
        0,
        ...graph.nodes
          .filter((n) => layers.includes(n.layer))
          .map((n) => labelWidth(shown.get(n.id) ?? n.label)),
      );
    const left = Math.ceil(widest([0]) + 12);
    const right = Math.ceil(widest([3]) + 12);
    const nodes: N[] = graph.nodes.map((n) => ({ ...n, name: shown.get(n.id) ?? n.label }));
    const links: L[] = graph.links
      .filter((l) => l.tonnes > 0)
      .map((l) => ({ source: l.source, target: l.target, value: l.tonnes }));
    const layout = sankey<N, L>()
      .nodeId((n) => n.id)
      .nodeAlign((n) => (n as unknown as SankeyNode).layer)
      .nodeWidth(12)
      .nodePadding(8)
      .extent([
        [left, 10],
        [W - right, H - 10],
      ]);
    return layout({ nodes, links } as SankeyGraph<N, L>);
  }, [graph]);
  const full = useMemo(() => new Map(graph.nodes.map((n) => [n.id, n.label])), [graph]);
  const path = sankeyLinkHorizontal<N, L>();
  return (
    <svg
      className="sankey"
      viewBox={`0 0 ${W} ${H}`}
      role="img"
      aria-label={`${label}; the table below lists the same links`}
      data-testid="sankey"
    >
      {laid.links.map((l, i) => {
        const s = l.source as unknown as N;
        const t = l.target as unknown as N;
        return (
          <path
            // biome-ignore lint/suspicious/noArrayIndexKey: links are recomputed whole
            key={i}
            d={path(l) ?? ""}
            fill="none"
            stroke={colourOfNode(s)}
            strokeOpacity={0.35}
            strokeWidth={Math.max(1, l.width ?? 1)}
          >
            <title>{`${full.get(s.id) ?? s.name} → ${full.get(t.id) ?? t.name}: ${tonnes(l.value)}`}</title>
          </path>
        );
      })}
      {laid.nodes.map((n) => (
        <g key={n.id}>
          <rect
            x={n.x0}
            y={n.y0}
            width={(n.x1 ?? 0) - (n.x0 ?? 0)}
            height={Math.max(1, (n.y1 ?? 0) - (n.y0 ?? 0))}
            fill={colourOfNode(n)}
          >
            <title>{`${full.get(n.id) ?? n.name}: ${tonnes(n.value)}`}</title>
          </rect>
          <text
            x={n.layer < 2 ? (n.x0 ?? 0) - 4 : (n.x1 ?? 0) + 4}
            y={((n.y0 ?? 0) + (n.y1 ?? 0)) / 2 + 4}
            textAnchor={n.layer < 2 ? "end" : "start"}
            className="bar-label"
          >
            {n.name}
          </text>
        </g>
      ))}
    </svg>
  );
}

/**
 * The buyer HHI counts named buyers only: with tonnes on the open market (buyers unknown) it is
 * a lower bound, and says so with the share it leaves out.
 */
export function BuyerHhiBound({ flows }: { flows: FlowMetrics }): ReactNode {
  if (flows.openMarketTonnes <= 0 || flows.exportedTonnes <= 0) return null;
  return (
    <span className="muted" data-testid="buyer-hhi-bound">
      {" "}
      (a lower bound: {pct(flows.openMarketTonnes / flows.exportedTonnes)} of exports go to the open
      market, whose buyers are not recorded)
    </span>
  );
}

/**
 * The buyer countries' rows and what completes them to the tonnes the shares are of: the tonnes
 * sold on the open market (no buyer recorded) and those held back by bans and quotas, each as a
 * row of its own beside the report's residual row (output on no recorded asset).
 */
export function buyerRows(
  f: FlowsReport,
): { country: string; name: string; tonnes: number; share: number }[] {
  const of = f.shareOfTonnes > 0 ? f.shareOfTonnes : f.exportedTonnes;
  const extra = [
    {
      country: "open-market",
      name: "Open market (buyers not recorded)",
      tonnes: f.openMarketTonnes,
    },
    // Held back tonnes are part of what the shares are of on the national basis only.
    ...(f.basis === "national"
      ? [{ country: "held-back", name: "Held back by bans and quotas", tonnes: f.heldBackTonnes }]
      : []),
  ]
    .filter((r) => r.tonnes > 0)
    .map((r) => ({ ...r, share: of > 0 ? r.tonnes / of : 0 }));
  return [...f.byBuyerCountry, ...extra];
}

/**
 * The largest destination of the Sankey's buyer layer, as a share of what the flows report's
 * shares are of: a named buyers' country ("China"), or the country the trade statistics place
 * open-market tonnes in ("China, open market"); never "Destination unknown".
 */
export function largestDestination(
  graph: RouteSankey,
  f: FlowsReport,
): { name: string; share: number; what: string } | undefined {
  const of = f.shareOfTonnes > 0 ? f.shareOfTonnes : f.exportedTonnes;
  if (!(of > 0)) return undefined;
  const into = new Map<string, number>();
  for (const l of graph.links)
    if (l.target.startsWith("buyer:")) into.set(l.target, (into.get(l.target) ?? 0) + l.tonnes);
  const top = [...into.entries()]
    .filter(([id]) => id !== "buyer:open-market:unrecorded" && id !== "buyer:unknown")
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0];
  if (!top) return undefined;
  const [id, t] = top;
  const open = id.startsWith("buyer:open-market:");
  const code = id.slice(open ? "buyer:open-market:".length : "buyer:".length);
  const name = countryNameFor(code);
  return open
    ? {
        name: `${name}, open market`,
        share: t / of,
        what: "largest destination: open-market tonnes, no buyer recorded, placed by the trade statistics",
      }
    : { name, share: t / of, what: "largest destination: named buyers" };
}

/** What completes the story: the open market, the tonnes held back and the residual. */
function rest(f: FlowsReport): string {
  const of = f.shareOfTonnes > 0 ? f.shareOfTonnes : f.exportedTonnes;
  const parts = [
    f.openMarketTonnes > 0 && `${pct(f.openMarketTonnes / of)} sold on the open market`,
    f.basis === "national" &&
      f.heldBackTonnes > 0 &&
      `${pct(f.heldBackTonnes / of)} held back by bans and quotas`,
    ...f.byBuyerCountry
      .filter((c) => c.country === "not-on-a-recorded-asset")
      .map((c) => `${pct(c.share)} on no recorded asset (artisanal and unlisted output)`),
  ].filter((x): x is string => typeof x === "string");
  return parts.length > 0 ? `Of the same total: ${parts.join(", ")}.` : "";
}

export function FlowsPage(): ReactNode {
  const {
    commodity,
    asOf,
    capabilities,
    scenarios,
    provenance,
    snapshot,
    reportQuery,
    scenario: chosen,
    setScenario,
  } = useSelection();
  const selectId = useId();
  const hasRoutes = capabilities.has("get", "/api/reports/routes");
  const hasFlows = capabilities.has("get", "/api/reports/flows");
  const shipped = scenarios.filter((s) => s.shippedId !== null);
  // Only a shipped scenario can be routed by the reports; a composed one is named, not applied.
  const scenario = shipped.some((s) => s.shippedId === chosen) ? chosen : undefined;
  // The scenario's changes apply on the page's date, for the page's period.
  const q = reportQuery && { ...reportQuery, scenario };
  const routes = useApi<RoutesReport>(hasRoutes ? "/api/reports/routes" : null, q);
  const flows = useApi<FlowsReport>(hasFlows ? "/api/reports/flows" : null, q);
  // The largest named buyer country, never the residual row or unknown buyers.
  const topBuyer = (flows.data?.byBuyerCountry ?? [])
    .filter((c) => c.country !== "not-on-a-recorded-asset" && c.country !== "unknown")
    .sort((a, b) => b.share - a.share)[0];
  // The headline: the largest destination as the Sankey draws it (same report, same period),
  // open-market tonnes placed by the trade statistics included and labelled as such.
  const topDestination =
    flows.data && routes.data ? largestDestination(routes.data.sankey, flows.data) : undefined;
  const names = new Map((snapshot?.records.routeNodes ?? []).map((n) => [n.id as string, n.name]));
  const sankeyNames = new Map((routes.data?.sankey.nodes ?? []).map((n) => [n.id, n.label]));
  const offtakeSources = (snapshot?.records.offtakes ?? []).flatMap((o) => o.sources);
  /** The records behind a band: the asset's production, the legs of its port, the offtakes. */
  const sourcesOfLink = (l: { source: string; target: string }): string[] => {
    const r = snapshot?.records;
    if (!r) return [];
    const [kind, id] = l.source.split(/:(.*)/s) as [string, string | undefined];
    // The output on no recorded asset (the engine's NOT_ON_RECORDED_ASSET_NODE and its band on)
    // rests on the national total's sources; named here so the page does not bundle the engine.
    if (
      l.source === "asset:not-on-a-recorded-asset" ||
      l.source === "via:not-recorded" ||
      l.target === "via:not-recorded"
    )
      return routes.data?.notOnRecordedAsset?.sources ?? [];
    if (kind === "asset")
      return [
        ...(r.assets.find((a) => a.id === id)?.sources ?? []),
        ...r.production
          .filter((p) => p.asset === id && p.commodity === commodity)
          .flatMap((p) => p.sources),
      ];
    // A trail's end ("via:trail-end:<node>") rests on the legs into that node.
    const via = (l.target.startsWith("via:") ? l.target : l.source)
      .slice(4)
      .replace(/^trail-end:/, "");
    if (kind === "controller" || kind === "via")
      return [
        ...r.routeLegs.filter((g) => g.from === via || g.to === via).flatMap((g) => g.sources),
        ...(kind === "via" ? offtakeSources : []),
      ];
    return offtakeSources;
  };
  const linkColumns: Column<RouteSankey["links"][number]>[] = [
    { header: "From", cell: (l) => sankeyNames.get(l.source) ?? l.source, csv: (l) => l.source },
    { header: "To", cell: (l) => sankeyNames.get(l.target) ?? l.target, csv: (l) => l.target },
    {
      header: "Tonnes",
      cell: (l) => tonnes(l.tonnes),
      csv: (l) => l.tonnes,
      numeric: true,
      testId: (l) => `link-${l.source}-${l.target}`,
      title: (l) => provenance(sourcesOfLink(l), `Routes report, ${commodity}`),
    },
  ];
  return (
    <div className="page" aria-busy={routes.loading || flows.loading}>
      <PageTitle under={shipped.find((s) => s.shippedId === scenario)?.scenario.name}>
        Flows
      </PageTitle>
      <div className="form-row">
        <label htmlFor={selectId}>Scenario</label>
        <select
          id={selectId}
          value={scenario ?? ""}
          onChange={(e) => setScenario(e.target.value || undefined)}
        >
          <option value="">None (the records as of {asOf})</option>
          {shipped.map((s) => (
            <option key={s.key} value={s.shippedId ?? ""}>
              {s.scenario.name}
            </option>
          ))}
        </select>
        {chosen && !scenario && (
          <span className="muted">
            The scenario chosen was composed in the lab: only the shipped ones can be routed here.
          </span>
        )}
      </div>
      {!hasRoutes && <NotInBuild route="GET /api/reports/routes" what="The Sankey of flows" />}
      {routes.error && <ProblemNotice error={routes.error} what="the routes" />}
      {hasRoutes && !routes.data && !routes.error && <Loading what="the routed flows" />}
      {routes.data && (
        <>
          <p className="lead" data-testid="routes-summary">
            {tonnes(routes.data.totals.shippedTonnes)} shipped of{" "}
            {tonnes(routes.data.totals.tonnes)}
            {routes.data.totals.unshippedTonnes > 0 &&
              `; ${tonnes(routes.data.totals.unshippedTonnes)} cannot be shipped`}
            {routes.data.heldBackTonnes > 0 &&
              `; ${tonnes(routes.data.heldBackTonnes)} held back by bans and quotas`}
            {routes.data.notOnRecordedAsset &&
              `; ${tonnes(routes.data.notOnRecordedAsset.tonnes)} of the national output of ${tonnes(routes.data.notOnRecordedAsset.nationalTonnes)} is on no recorded asset (drawn to "Destination unknown": the sources do not say where it goes)`}
            .
          </p>
          {routes.data.sankey.links.some((l) => l.tonnes > 0) ? (
            <div className="table-scroll">
              <Sankey
                graph={routes.data.sankey}
                label={`${commodity}: assets → controller countries → ports and corridors → buyer countries`}
              />
            </div>
          ) : (
            <p className="notice" data-testid="no-flows">
              No {commodity} tonnes to route in {routes.data.period}: the records give no output for
              it on a named asset.
            </p>
          )}
          <p className="legend">
            Left to right: assets, the country that controls each, the port or corridor the tonnes
            leave by (red: unshipped; purple: held back at the mine by export bans and quotas), the
            buyer country (grey: open-market tonnes, no buyer recorded, placed in a country by the
            trade statistics, or of unknown destination). Hover a band for its tonnes.
          </p>
          <DataTable
            caption="Flow links (the Sankey's bands)"
            columns={linkColumns}
            rows={routes.data.sankey.links}
            rowKey={(l) => `${l.source}>${l.target}`}
            filename={`flows-${commodity}-${scenario || asOf}.csv`}
            testId="sankey-links"
          />
          <Section title="Ports and borders">
            <DataTable
              caption="Tonnes through each port and border post"
              columns={[
                {
                  header: "Node",
                  cell: (n) => n.name || names.get(n.id) || n.id,
                  csv: (n) => n.id,
                },
                { header: "Country", cell: (n) => n.country },
                {
                  header: "Tonnes",
                  cell: (n) => tonnes(n.tonnes),
                  csv: (n) => n.tonnes,
                  numeric: true,
                },
                {
                  header: "Utilisation",
                  cell: (n) => (n.utilisation === null ? "capacity unknown" : pct(n.utilisation)),
                  csv: (n) => n.utilisation,
                  numeric: true,
                },
              ]}
              rows={routes.data.ports}
              rowKey={(n) => n.id}
              filename={`ports-${commodity}-${scenario || asOf}.csv`}
            />
          </Section>
        </>
      )}
      <Section title="Buyers" testId="buyers">
        {!hasFlows && <NotInBuild route="GET /api/reports/flows" what="Shares by buyer" />}
        {flows.error && <ProblemNotice error={flows.error} what="the flows" />}
        {flows.data && (
          <>
            {topDestination ? (
              <HeadlineShare
                name={topDestination.name}
                share={topDestination.share}
                coverage={flows.data.coverage}
                what={topDestination.what}
              />
            ) : (
              topBuyer && (
                <HeadlineShare
                  name={topBuyer.name}
                  share={topBuyer.share}
                  coverage={flows.data.coverage}
                  what="buyer country"
                />
              )
            )}
            {topDestination && (
              <p className="muted" data-testid="buyers-story">
                {topBuyer
                  ? `Largest named buyer country: ${topBuyer.name} ${pct(topBuyer.share)}. `
                  : "No buyer country recorded. "}
                {rest(flows.data)}
              </p>
            )}
            <p>
              Exported {tonnes(flows.data.exportedTonnes)}: {tonnes(flows.data.toBuyersTonnes)} to
              named buyers, {tonnes(flows.data.openMarketTonnes)} to the open market. Concentration
              of buyer countries (HHI):{" "}
              <strong data-testid="buyer-hhi">{hhi(flows.data.hhi.byBuyerCountry)}</strong>
              <BuyerHhiBound flows={flows.data} />. Reaching US buyers:{" "}
              {tonnes(flows.data.usAccessible.tonnes)} ({pct(flows.data.usAccessible.share)}).
            </p>
            <DataTable
              caption="Where the output goes: buyer countries, the open market, tonnes held back"
              columns={[
                { header: "Country", cell: (c) => c.name, csv: (c) => c.country },
                {
                  header: "Tonnes",
                  cell: (c) => tonnes(c.tonnes),
                  csv: (c) => c.tonnes,
                  numeric: true,
                  title: (c) => provenance(offtakeSources, `Tonnes bought from ${c.name}`),
                },
                {
                  header: "Share",
                  cell: (c) => pct(c.share),
                  csv: (c) => c.share,
                  numeric: true,
                  testId: (c) => `buyer-share-${c.country}`,
                },
              ]}
              rows={buyerRows(flows.data)}
              rowKey={(c) => c.country}
              filename={`buyers-${commodity}-${scenario || asOf}.csv`}
            />
          </>
        )}
      </Section>
      {flows.data && flows.data.staleInputs.length > 0 && (
        <Section title="Notes">
          <StaleInputsList items={flows.data.staleInputs} />
        </Section>
      )}
    </div>
  );
}
