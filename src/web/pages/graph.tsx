/**
 * Ownership graph: the stakes around one entity or asset (its owners up to the levels chosen,
 * its holdings down to the levels chosen, stakes below a share left out) in a layered layout,
 * owners on top, each edge labelled with its share (and range); edges inside a cross-holding
 * cycle are drawn in orange. Find a node by name; click a node to see it, centre on it or expand
 * its neighbours (and collapse them again); click a stake for its dated statements and recorded
 * versions. The chain finder lists every chain of stakes from a holder down to an entity or asset
 * with its share, beside the API's look-through share, and draws them. Labels that would overlap
 * another are left to the node's panel. The picture exports as PNG or SVG.
 */
import cytoscape from "cytoscape";
import { type ReactNode, useEffect, useId, useMemo, useRef, useState } from "react";
import type { LookThroughReport, LookThroughRow } from "../../engine/ownership/index.js";
import type { Stake } from "../../model/stake.js";
import { useApi } from "../api.js";
import { type Column, DataTable } from "../components/data-table.js";
import { NodeSearch, type SearchNode } from "../components/node-search.js";
import { Loading, ProblemNotice } from "../components/notice.js";
import { PageTitle } from "../components/page-title.js";
import { Section } from "../components/section.js";
import { colourOf, pct } from "../format.js";
import { DEFAULT_GRAPH_CENTRE } from "../read-ahead.js";
import { useSelection } from "../selection.js";

const MAX_NODES = 90;

/** Strongly connected components (Tarjan): node → component id, for cycle marking. */
function componentsOf(nodes: string[], out: Map<string, string[]>): Map<string, number> {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const comp = new Map<string, number>();
  const stack: string[] = [];
  const on = new Set<string>();
  let i = 0;
  let c = 0;
  const visit = (v: string) => {
    index.set(v, i);
    low.set(v, i);
    i++;
    stack.push(v);
    on.add(v);
    for (const w of out.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v) as number, low.get(w) as number));
      } else if (on.has(w)) low.set(v, Math.min(low.get(v) as number, index.get(w) as number));
    }
    if (low.get(v) === index.get(v)) {
      for (;;) {
        const w = stack.pop() as string;
        on.delete(w);
        comp.set(w, c);
        if (w === v) break;
      }
      c++;
    }
  };
  for (const v of nodes) if (!index.has(v)) visit(v);
  return comp;
}

export interface Reach {
  /** Levels of owners above the centre, and of holdings below it. */
  up: number;
  down: number;
  /** Stakes below this share are left out. */
  minShare: number;
}

/** The stakes around `centre`: owners `up` levels above, holdings `down` levels below. */
export function neighbourhoodOf(stakes: readonly Stake[], centre: string, reach: Reach): Stake[] {
  const up = new Map<string, Stake[]>();
  const down = new Map<string, Stake[]>();
  for (const s of stakes) {
    if (s.share < reach.minShare) continue;
    up.set(s.owned, [...(up.get(s.owned) ?? []), s]);
    down.set(s.owner, [...(down.get(s.owner) ?? []), s]);
  }
  const picked = new Set<Stake>();
  const seen = new Set([centre]);
  const walk = (from: Map<string, Stake[]>, levels: number, next: (s: Stake) => string) => {
    let frontier = [centre];
    for (let depth = 0; depth < levels && frontier.length && seen.size < MAX_NODES; depth++) {
      const after: string[] = [];
      for (const n of frontier)
        for (const s of from.get(n) ?? []) {
          picked.add(s);
          const m = next(s);
          if (!seen.has(m)) {
            seen.add(m);
            after.push(m);
          }
        }
      frontier = after;
    }
  };
  walk(up, reach.up, (s) => s.owner);
  walk(down, reach.down, (s) => s.owned);
  return [...picked];
}

function shareText(s: {
  share: number;
  shareMin?: number | undefined;
  shareMax?: number | undefined;
}): string {
  const lo = s.shareMin ?? s.share;
  const hi = s.shareMax ?? s.share;
  return lo !== hi ? `${pct(s.share)} (${pct(lo)}–${pct(hi)})` : pct(s.share);
}

interface NodeInfo {
  name: string;
  kind: string;
  country: string | null;
  asset: boolean;
  aliases: readonly string[];
}

/** What GET /api/reports/chains answers. */
interface ChainsReport {
  asOf: string;
  from: { id: string; name: string };
  to: { id: string; name: string };
  lookThrough: { share: number; min: number; max: number } | null;
  chains: {
    ids: string[];
    names: string[];
    links: {
      owner: string;
      owned: string;
      stakes: string[];
      share: number;
      min: number;
      max: number;
    }[];
    share: number;
    min: number;
    max: number;
  }[];
  chainsShare: number;
  truncated: boolean;
  maxHops: number;
  minShare: number;
}

/** One recorded version of a record (GET /api/records/{kind}/{id}/history). */
interface Version {
  version: number;
  recordedAt: string;
  recordedBy: string;
  note: string | null;
  deleted: boolean;
  record: Stake | null;
}

/** Boxes overlap (with a pixel of air). */
function overlaps(
  a: { x1: number; y1: number; x2: number; y2: number },
  b: { x1: number; y1: number; x2: number; y2: number },
): boolean {
  return a.x1 < b.x2 - 1 && b.x1 < a.x2 - 1 && a.y1 < b.y2 - 1 && b.y1 < a.y2 - 1;
}

/**
 * Labels that would overlap one already shown are hidden (their text stays in the node's or the
 * stake's panel and in the tables): nodes first (the centre and the most connected first), then
 * the edges' shares.
 */
function hideCollidingLabels(cy: cytoscape.Core, centre: string): void {
  cy.elements().removeClass("quiet");
  const shown: { x1: number; y1: number; x2: number; y2: number }[] = [];
  const nodes = cy
    .nodes()
    .toArray()
    .sort(
      (a, b) =>
        (b.id() === centre ? 1 : 0) - (a.id() === centre ? 1 : 0) ||
        (b.hasClass("on-path") ? 1 : 0) - (a.hasClass("on-path") ? 1 : 0) ||
        b.degree(false) - a.degree(false) ||
        a.id().localeCompare(b.id()),
    );
  // The nodes' own discs count as taken, so no label covers a node.
  for (const n of nodes) shown.push(n.boundingBox({ includeLabels: false }));
  const opts = {
    includeNodes: false,
    includeEdges: false,
    includeLabels: true,
    includeOverlays: false,
  } as const;
  for (const el of [...nodes, ...cy.edges().toArray()]) {
    const box = el.boundingBox(opts);
    if (!(box.w > 0)) continue;
    const own = el.isNode() ? el.boundingBox({ includeLabels: false }) : undefined;
    if (shown.some((b) => b !== own && (own === undefined || !sameBox(b, own)) && overlaps(b, box)))
      el.addClass("quiet");
    else shown.push(box);
  }
}

function sameBox(
  a: { x1: number; y1: number; x2: number; y2: number },
  b: { x1: number; y1: number; x2: number; y2: number },
): boolean {
  return a.x1 === b.x1 && a.y1 === b.y1 && a.x2 === b.x2 && a.y2 === b.y2;
}

function downloadBlob(name: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

function xmlText(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** The graph as drawn, as an SVG document: nodes, arrows and the labels shown. */
function svgOf(cy: cytoscape.Core): string {
  const bb = cy.elements().boundingBox({ includeLabels: true });
  const pad = 10;
  const parts: string[] = [];
  for (const e of cy.edges().toArray()) {
    const s = e.source().position();
    const t = e.target().position();
    const colour = e.data("cycle") ? "#e67e22" : "#8896a5";
    const dx = t.x - s.x;
    const dy = t.y - s.y;
    const len = Math.hypot(dx, dy) || 1;
    const r = e.target().width() / 2 + 2;
    const tx = t.x - (dx / len) * r;
    const ty = t.y - (dy / len) * r;
    const ax = tx - (dx / len) * 7;
    const ay = ty - (dy / len) * 7;
    const nx = (-dy / len) * 3.5;
    const ny = (dx / len) * 3.5;
    parts.push(
      `<line x1="${s.x}" y1="${s.y}" x2="${ax}" y2="${ay}" stroke="${colour}" stroke-width="1.5"/>`,
      `<path d="M${tx},${ty}L${ax + nx},${ay + ny}L${ax - nx},${ay - ny}Z" fill="${colour}"/>`,
    );
    if (!e.hasClass("quiet"))
      parts.push(
        `<text x="${(s.x + t.x) / 2}" y="${(s.y + t.y) / 2 + 3}" font-size="9" text-anchor="middle" fill="#1c2430" stroke="#fff" stroke-width="3" paint-order="stroke">${xmlText(String(e.data("label")))}</text>`,
      );
  }
  for (const n of cy.nodes().toArray()) {
    const p = n.position();
    const w = n.width();
    const fill = n.data("colour");
    const stroke = n.data("centre") ? "#f0a500" : "#333";
    const sw = n.data("centre") ? 4 : 1;
    parts.push(
      n.data("shape") === "round-rectangle"
        ? `<rect x="${p.x - w / 2}" y="${p.y - w / 2}" width="${w}" height="${w}" rx="4" fill="${fill}" stroke="${stroke}" stroke-width="${sw}"/>`
        : `<circle cx="${p.x}" cy="${p.y}" r="${w / 2}" fill="${fill}" stroke="${stroke}" stroke-width="${sw}"/>`,
    );
    if (!n.hasClass("quiet"))
      parts.push(
        `<text x="${p.x}" y="${p.y + w / 2 + 12}" font-size="10" text-anchor="middle" fill="#1c2430">${xmlText(String(n.data("label")))}</text>`,
      );
  }
  const w = bb.w + 2 * pad;
  const h = bb.h + 2 * pad;
  return `<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg" viewBox="${bb.x1 - pad} ${bb.y1 - pad} ${w} ${h}" width="${w}" height="${h}" font-family="sans-serif"><rect x="${bb.x1 - pad}" y="${bb.y1 - pad}" width="${w}" height="${h}" fill="#fff"/>${parts.join("")}</svg>\n`;
}

function StakePanel({
  stake,
  name,
  onClose,
}: {
  stake: Stake;
  name: (id: string) => string;
  onClose: () => void;
}): ReactNode {
  const { provenance } = useSelection();
  const history = useApi<{ items: Version[] }>(
    `/api/records/stakes/${encodeURIComponent(stake.id)}/history`,
  );
  return (
    <Section
      title={`${name(stake.owner)} in ${name(stake.owned)}: ${shareText(stake)}`}
      level={3}
      className="panel"
      testId="stake-panel"
    >
      <button type="button" className="link close" onClick={onClose}>
        Close
      </button>
      <h4>Statements</h4>
      <ul data-testid="stake-statements">
        <li title={provenance(stake.sources, `Stake ${stake.id}`)}>
          <strong>{shareText(stake)}</strong> ({stake.kind}
          {stake.asOf ? `, figure as of ${stake.asOf}` : ""}
          {stake.validFrom ? `, in force from ${stake.validFrom}` : ""}
          {stake.validTo ? ` to ${stake.validTo}` : ""}) — {stake.sources.length} source
          {stake.sources.length === 1 ? "" : "s"}
          {stake.note ? <div className="muted">{stake.note}</div> : null}
        </li>
        {(stake.alternatives ?? []).map((a) => (
          <li key={`${a.share}-${a.sources.join()}`} title={provenance(a.sources, "Alternative")}>
            Alternative: <strong>{pct(a.share)}</strong> — {a.sources.length} source
            {a.sources.length === 1 ? "" : "s"}
            {a.note ? <div className="muted">{a.note}</div> : null}
          </li>
        ))}
      </ul>
      <h4>Recorded versions</h4>
      {history.error && <ProblemNotice error={history.error} what="the stake's versions" />}
      {!history.data && !history.error && <Loading what="the stake's versions" />}
      {history.data && (
        <ol data-testid="stake-versions">
          {history.data.items.map((v) => (
            <li key={v.version}>
              Version {v.version}, recorded {v.recordedAt.slice(0, 10)} by {v.recordedBy}
              {v.deleted ? " (withdrawn)" : v.record ? `: ${shareText(v.record)}` : ""}
              {v.note ? ` — ${v.note}` : ""}
            </li>
          ))}
        </ol>
      )}
    </Section>
  );
}

export function GraphPage(): ReactNode {
  const { snapshot, focus, go, asOf, provenance, extra, setExtra, capabilities } = useSelection();
  const box = useRef<HTMLDivElement>(null);
  const cyRef = useRef<cytoscape.Core | null>(null);
  const ids = { minShare: useId(), up: useId(), down: useId() };
  const centre = focus ?? DEFAULT_GRAPH_CENTRE;
  const up = Number(extra.up ?? 6);
  const down = Number(extra.down ?? 2);
  const minShare = Number(extra.minShare ?? 0);
  const reach: Reach = useMemo(() => ({ up, down, minShare }), [up, down, minShare]);
  const pathTo = extra.to;
  const look = useApi<LookThroughReport>("/api/reports/lookthrough", { entity: centre, asOf });
  const hasChains = capabilities.has("get", "/api/reports/chains");
  const chains = useApi<ChainsReport>(hasChains && pathTo ? "/api/reports/chains" : null, {
    from: centre,
    to: pathTo,
    asOf,
  });
  const [expanded, setExpanded] = useState<string[]>([]);
  const [picked, setPicked] = useState<{ node?: string; stake?: string }>({});
  const [hidden, setHidden] = useState(0);
  // A new centre starts from its own neighbourhood, with nothing picked or expanded.
  // biome-ignore lint/correctness/useExhaustiveDependencies: the centre is what resets them
  useEffect(() => {
    setExpanded([]);
    setPicked({});
  }, [centre]);

  const nodesInfo = useMemo(() => {
    const m = new Map<string, NodeInfo>();
    for (const e of snapshot?.records.entities ?? [])
      m.set(e.id, {
        name: e.name,
        kind: e.kind,
        country: e.country,
        asset: false,
        aliases: e.aliases ?? [],
      });
    for (const a of snapshot?.records.assets ?? [])
      m.set(a.id, {
        name: a.name,
        kind: a.kind,
        country: a.country,
        asset: true,
        aliases: a.aliases ?? [],
      });
    return m;
  }, [snapshot]);
  const searchNodes: SearchNode[] = useMemo(
    () =>
      [...nodesInfo.entries()].map(([id, n]) => ({
        id,
        name: n.name,
        detail: [n.kind, n.country].filter(Boolean).join(", "),
        aliases: n.aliases,
      })),
    [nodesInfo],
  );
  const name = (id: string) => nodesInfo.get(id)?.name ?? id;
  const chainEdges = useMemo(() => {
    const set = new Set<string>();
    for (const c of chains.data?.chains ?? [])
      for (const l of c.links) for (const s of l.stakes) set.add(s);
    return set;
  }, [chains.data]);

  const graph = useMemo(() => {
    if (!snapshot) return undefined;
    const all = snapshot.records.stakes;
    const picked = new Set(neighbourhoodOf(all, centre, reach));
    // Expanded nodes bring their direct owners and holdings; chains found bring their stakes.
    for (const x of expanded)
      for (const s of all)
        if ((s.owner === x || s.owned === x) && s.share >= reach.minShare) picked.add(s);
    for (const s of all) if (chainEdges.has(s.id)) picked.add(s);
    const stakes = [...picked];
    const nodeIds = new Set([centre]);
    for (const s of stakes) {
      nodeIds.add(s.owner);
      nodeIds.add(s.owned);
    }
    const out = new Map<string, string[]>();
    for (const s of stakes) out.set(s.owner, [...(out.get(s.owner) ?? []), s.owned]);
    const comp = componentsOf([...nodeIds], out);
    const size = new Map<number, number>();
    for (const c of comp.values()) size.set(c, (size.get(c) ?? 0) + 1);
    const inCycle = (s: Stake) =>
      s.owner === s.owned ||
      (comp.get(s.owner) === comp.get(s.owned) && (size.get(comp.get(s.owner) as number) ?? 0) > 1);
    return { stakes, ids: [...nodeIds], inCycle };
  }, [snapshot, centre, reach, expanded, chainEdges]);

  useEffect(() => {
    if (!box.current || !graph) return;
    const hasOwner = new Set<string>(graph.stakes.map((s) => s.owned));
    const onPath = new Set<string>((chains.data?.chains ?? []).flatMap((c) => c.ids));
    const cy = cytoscape({
      container: box.current,
      elements: [
        ...graph.ids.map((id) => {
          const n = nodesInfo.get(id);
          return {
            data: {
              id,
              label: n?.name ?? id,
              colour: n?.asset ? "#f5d76e" : colourOf(n?.country ?? "unknown"),
              shape: n?.asset ? "round-rectangle" : "ellipse",
              centre: id === centre ? 1 : 0,
            },
            classes: onPath.has(id) ? "on-path" : "",
          };
        }),
        ...graph.stakes.map((s) => ({
          data: {
            id: `e:${s.id}`,
            stake: s.id,
            source: s.owner,
            target: s.owned,
            label: shareText(s),
            cycle: graph.inCycle(s) ? 1 : 0,
          },
          classes: chainEdges.has(s.id) ? "on-path" : "",
        })),
      ],
      layout: {
        name: "breadthfirst",
        directed: true,
        roots: graph.ids.filter((id) => !hasOwner.has(id)),
        spacingFactor: 1.15,
        padding: 20,
      },
      style: [
        {
          selector: "node",
          style: {
            label: "data(label)",
            "background-color": "data(colour)",
            shape: "data(shape)" as cytoscape.Css.NodeShape,
            "font-size": 10,
            "text-wrap": "wrap",
            "text-max-width": "110px",
            "text-valign": "bottom",
            "text-margin-y": 3,
            width: 22,
            height: 22,
            "border-width": 1,
            "border-color": "#333",
          },
        },
        {
          selector: "node[centre = 1]",
          style: { "border-width": 4, "border-color": "#f0a500", width: 30, height: 30 },
        },
        {
          selector: "edge",
          style: {
            label: "data(label)",
            "font-size": 9,
            "curve-style": "bezier",
            "target-arrow-shape": "triangle",
            "line-color": "#8896a5",
            "target-arrow-color": "#8896a5",
            width: 1.5,
            "text-background-color": "#ffffff",
            "text-background-opacity": 0.85,
            "text-background-padding": "1px",
          },
        },
        {
          selector: "edge[cycle = 1]",
          style: {
            "line-color": "#e67e22",
            "target-arrow-color": "#e67e22",
            width: 3,
            "line-style": "dashed",
          },
        },
        {
          selector: "edge.on-path",
          style: { "line-color": "#1f5fa8", "target-arrow-color": "#1f5fa8", width: 3.5 },
        },
        { selector: "node.on-path", style: { "border-width": 3, "border-color": "#1f5fa8" } },
        { selector: ".quiet", style: { label: "" } },
        { selector: ":selected", style: { "overlay-opacity": 0.15, "overlay-color": "#f0a500" } },
      ],
    });
    cy.on("tap", "node", (e) => setPicked({ node: e.target.id() }));
    cy.on("tap", "edge", (e) => setPicked({ stake: e.target.data("stake") }));
    const settle = () => {
      if (cy.destroyed()) return;
      hideCollidingLabels(cy, centre);
      setHidden(cy.elements(".quiet").length);
    };
    cy.ready(settle);
    cy.on("resize", settle);
    cyRef.current = cy;
    (window as unknown as { __orebookGraph?: unknown }).__orebookGraph = {
      nodes: cy.nodes().length,
      edges: cy.edges().length,
      /** A click on a node or a stake, as the canvas would report it (for tests). */
      tap: (id: string) => cy.getElementById(id).emit("tap"),
      /** Where a node is drawn, in page pixels (for a test's click). */
      at: (id: string) => {
        const r = box.current?.getBoundingClientRect();
        const p = cy.getElementById(id).renderedPosition();
        return { x: (r?.left ?? 0) + p.x, y: (r?.top ?? 0) + p.y };
      },
      /** The boxes of the labels drawn, in page pixels (for the overlap test). */
      labels: () => {
        const r = box.current?.getBoundingClientRect();
        const z = cy.zoom();
        const pan = cy.pan();
        return cy
          .elements()
          .not(".quiet")
          .toArray()
          .map((el) => {
            const b = el.boundingBox({
              includeNodes: false,
              includeEdges: false,
              includeLabels: true,
              includeOverlays: false,
            });
            return {
              id: el.id(),
              x1: (r?.left ?? 0) + b.x1 * z + pan.x,
              y1: (r?.top ?? 0) + b.y1 * z + pan.y,
              x2: (r?.left ?? 0) + b.x2 * z + pan.x,
              y2: (r?.top ?? 0) + b.y2 * z + pan.y,
            };
          })
          .filter((b) => b.x2 > b.x1);
      },
    };
    return () => {
      cyRef.current = null;
      cy.destroy();
    };
  }, [graph, nodesInfo, centre, chains.data, chainEdges]);

  if (!snapshot || !graph) return <Loading what="the ownership graph" />;
  const cycles = graph.stakes.filter(graph.inCycle).length;
  const lookColumns: Column<LookThroughRow>[] = [
    { header: "Name", cell: (r) => r.name, csv: (r) => r.id },
    { header: "Country", cell: (r) => r.country ?? "—" },
    {
      header: "Share",
      cell: (r) => pct(r.share),
      csv: (r) => r.share,
      numeric: true,
      title: (r) =>
        provenance(
          snapshot.records.stakes
            .filter((s) => s.owner === r.id || s.owned === r.id)
            .flatMap((s) => s.sources),
          `Look-through share, range ${pct(r.min)}–${pct(r.max)}`,
        ),
      testId: (r) => `look-${r.id}`,
    },
    {
      header: "Range",
      cell: (r) => `${pct(r.min)}–${pct(r.max)}`,
      csv: (r) => `${r.min};${r.max}`,
      sort: (r) => r.max,
      numeric: true,
    },
  ];
  const direct = graph.stakes.filter((s) => s.owned === centre || s.owner === centre);
  const pickedNode = picked.node;
  const pickedStake = snapshot.records.stakes.find((s) => s.id === picked.stake);
  const setReach = (patch: Partial<Record<"up" | "down" | "minShare", string>>) =>
    setExtra({ ...extra, ...patch }, true);

  return (
    <div className="page" aria-busy={look.loading || chains.loading}>
      <PageTitle period={false} commodity={false}>
        Ownership graph: {name(centre)}
      </PageTitle>
      <div className="form-row graph-tools">
        <NodeSearch
          label="Find"
          nodes={searchNodes}
          onPick={(id) => go("graph", id, {})}
          placeholder="an entity or asset by name"
          testId="graph-search"
        />
        <span className="field">
          <label htmlFor={ids.minShare}>Smallest stake shown</label>
          <select
            id={ids.minShare}
            value={String(reach.minShare)}
            onChange={(e) => setReach({ minShare: e.target.value })}
          >
            {[0, 0.01, 0.05, 0.1, 0.25, 0.5].map((v) => (
              <option key={v} value={String(v)}>
                {v === 0 ? "any" : `${v * 100} %`}
              </option>
            ))}
          </select>
        </span>
        <span className="field">
          <label htmlFor={ids.up}>Levels of owners</label>
          <select
            id={ids.up}
            value={String(reach.up)}
            onChange={(e) => setReach({ up: e.target.value })}
          >
            {[0, 1, 2, 3, 4, 6, 10].map((v) => (
              <option key={v} value={String(v)}>
                {v}
              </option>
            ))}
          </select>
        </span>
        <span className="field">
          <label htmlFor={ids.down}>Levels of holdings</label>
          <select
            id={ids.down}
            value={String(reach.down)}
            onChange={(e) => setReach({ down: e.target.value })}
          >
            {[0, 1, 2, 3, 4, 6].map((v) => (
              <option key={v} value={String(v)}>
                {v}
              </option>
            ))}
          </select>
        </span>
      </div>
      <p className="muted" data-testid="graph-counts">
        {graph.ids.length} nodes, {graph.stakes.length} stakes
        {cycles > 0 ? `, ${cycles} in cross-holding cycles (orange, dashed)` : ", no cycles"}
        {hidden > 0
          ? `; ${hidden} labels that would overlap others are left out (click for them)`
          : ""}
      </p>
      <div className="two-col">
        <div>
          <div
            ref={box}
            className="graph-box"
            data-testid="graph"
            role="img"
            aria-label={`Stake graph around ${name(centre)}: owners above, holdings below; the lists beside it have the same stakes`}
          />
          <div className="form-row">
            <button
              type="button"
              onClick={() => {
                const cy = cyRef.current;
                if (!cy) return;
                const blob = cy.png({ output: "blob", full: true, scale: 2, bg: "#ffffff" });
                downloadBlob(`ownership-${centre}-${asOf}.png`, blob);
              }}
            >
              Export PNG
            </button>
            <button
              type="button"
              onClick={() => {
                const cy = cyRef.current;
                if (!cy) return;
                downloadBlob(
                  `ownership-${centre}-${asOf}.svg`,
                  new Blob([svgOf(cy)], { type: "image/svg+xml" }),
                );
              }}
            >
              Export SVG
            </button>
          </div>
          <p className="legend">
            Owners above, holdings below; arrows point from owner to owned, labelled with the share
            (and its range where sources differ). Yellow squares are assets; circles are entities
            coloured by country; the centre has a thick outline; chains found are blue. Click a node
            or a stake for more.
          </p>
        </div>
        <div>
          {pickedNode && (
            <Section title={name(pickedNode)} level={3} className="panel" testId="node-panel">
              <p>
                {nodesInfo.get(pickedNode)?.kind}
                {nodesInfo.get(pickedNode)?.country
                  ? `, ${nodesInfo.get(pickedNode)?.country}`
                  : ""}
              </p>
              <div className="form-row">
                {pickedNode !== centre && (
                  <button type="button" onClick={() => go("graph", pickedNode, {})}>
                    Centre on it
                  </button>
                )}
                {expanded.includes(pickedNode) ? (
                  <button
                    type="button"
                    onClick={() => setExpanded(expanded.filter((x) => x !== pickedNode))}
                  >
                    Collapse its neighbours
                  </button>
                ) : (
                  <button type="button" onClick={() => setExpanded([...expanded, pickedNode])}>
                    Expand its owners and holdings
                  </button>
                )}
                {pickedNode !== centre && (
                  <button type="button" onClick={() => setExtra({ ...extra, to: pickedNode })}>
                    Chains from {name(centre)} to it
                  </button>
                )}
                <button type="button" className="link" onClick={() => setPicked({})}>
                  Close
                </button>
              </div>
            </Section>
          )}
          {pickedStake && (
            <StakePanel stake={pickedStake} name={name} onClose={() => setPicked({})} />
          )}
          <Section title="Chains of stakes" level={3} testId="chains">
            {hasChains ? (
              <div className="form-row">
                <span>From {name(centre)} to</span>
                <NodeSearch
                  label="Held entity or asset"
                  nodes={searchNodes}
                  value={pathTo ? name(pathTo) : ""}
                  onPick={(id) => setExtra({ ...extra, to: id })}
                  testId="chain-to"
                />
              </div>
            ) : (
              <p className="muted">This server does not offer the chain finder yet.</p>
            )}
            {chains.error && <ProblemNotice error={chains.error} what="the chains" />}
            {chains.data && (
              <>
                <p data-testid="chains-summary">
                  {chains.data.chains.length === 0
                    ? `${chains.data.from.name} holds nothing of ${chains.data.to.name} through recorded stakes (up to ${chains.data.maxHops} links).`
                    : `${chains.data.chains.length} chain${chains.data.chains.length === 1 ? "" : "s"} from ${chains.data.from.name} to ${chains.data.to.name}; together ${pct(chains.data.chainsShare)}.`}{" "}
                  Look-through share (all chains, cross-holdings counted):{" "}
                  <strong data-testid="chains-lookthrough">
                    {chains.data.lookThrough ? pct(chains.data.lookThrough.share) : "none"}
                  </strong>
                  {chains.data.truncated ? "; only the largest chains are listed" : ""}.
                </p>
                {chains.data.chains.length > 0 && (
                  <DataTable
                    caption={`Chains from ${chains.data.from.name} to ${chains.data.to.name}`}
                    columns={[
                      {
                        header: "Chain",
                        cell: (c) => c.names.join(" → "),
                        csv: (c) => c.ids.join(" > "),
                      },
                      { header: "Links", cell: (c) => c.links.length, numeric: true },
                      {
                        header: "Share",
                        cell: (c) => pct(c.share),
                        csv: (c) => c.share,
                        numeric: true,
                        testId: (c) => `chain-${c.ids.join(">")}`,
                        title: (c) =>
                          provenance(
                            snapshot.records.stakes
                              .filter((s) => c.links.some((l) => l.stakes.includes(s.id)))
                              .flatMap((s) => s.sources),
                            c.links
                              .map((l) => `${name(l.owner)} → ${name(l.owned)}: ${pct(l.share)}`)
                              .join("\n"),
                          ),
                      },
                      {
                        header: "Range",
                        cell: (c) => `${pct(c.min)}–${pct(c.max)}`,
                        csv: (c) => `${c.min};${c.max}`,
                        sort: (c) => c.max,
                        numeric: true,
                      },
                    ]}
                    rows={chains.data.chains}
                    rowKey={(c) => c.ids.join(">")}
                    filename={`chains-${centre}-${pathTo}-${asOf}.csv`}
                    testId="chain-table"
                  />
                )}
              </>
            )}
          </Section>
          {look.error && <ProblemNotice error={look.error} what="the look-through" />}
          {look.data && (
            <>
              <Section title="Ultimate owners (look-through)" level={3}>
                {look.data.owners.length === 0 ? (
                  <p>{look.data.subject.name} has no recorded owner: it is an ultimate owner.</p>
                ) : (
                  <DataTable
                    caption={`Who ultimately owns ${look.data.subject.name}`}
                    columns={lookColumns}
                    rows={look.data.owners}
                    rowKey={(r) => r.id}
                    onRowClick={(r) => r.end !== "remainder" && go("graph", r.id, {})}
                    filename={`owners-${centre}-${asOf}.csv`}
                    testId="look-owners"
                  />
                )}
              </Section>
              <Section title="Ultimate holdings (look-through)" level={3}>
                <DataTable
                  caption={`What ${look.data.subject.name} ultimately holds`}
                  columns={lookColumns}
                  rows={look.data.holdings}
                  rowKey={(r) => r.id}
                  onRowClick={(r) => go("graph", r.id, {})}
                  filename={`holdings-${centre}-${asOf}.csv`}
                  testId="look-holdings"
                />
              </Section>
            </>
          )}
          <Section title="Direct stakes" level={3}>
            <DataTable
              caption="Stakes held by or in the centre"
              columns={[
                {
                  header: "Owner",
                  cell: (s: Stake) => name(s.owner),
                  csv: (s) => s.owner,
                },
                {
                  header: "Owned",
                  cell: (s: Stake) => name(s.owned),
                  csv: (s) => s.owned,
                },
                {
                  header: "Share",
                  cell: (s: Stake) => shareText(s),
                  csv: (s) => s.share,
                  sort: (s) => s.share,
                  numeric: true,
                  title: (s) => provenance(s.sources, `Stake ${s.id} (${s.kind})`),
                },
              ]}
              rows={direct}
              rowKey={(s) => s.id}
              onRowClick={(s) => setPicked({ stake: s.id })}
              filename={`stakes-${centre}-${asOf}.csv`}
              testId="direct-stakes"
            />
          </Section>
        </div>
      </div>
    </div>
  );
}
