/**
 * Ownership graph: the stakes around one entity or asset (every owner above it, its holdings two
 * levels down) in a layered layout, owners on top, each edge labelled with its share (and range);
 * edges inside a cross-holding cycle are drawn in orange. Clicking a node, or choosing one in
 * the list, re-centres on it; beside the graph, the API's look-through figures for the centre.
 */
import cytoscape from "cytoscape";
import { type ReactNode, useEffect, useId, useMemo, useRef } from "react";
import type { LookThroughReport, LookThroughRow } from "../../engine/entity-look-through.js";
import type { Stake } from "../../model/stake.js";
import { useApi } from "../api.js";
import { type Column, DataTable } from "../components/data-table.js";
import { Loading, ProblemNotice } from "../components/notice.js";
import { PageTitle } from "../components/page-title.js";
import { Section } from "../components/section.js";
import { colourOf, pct } from "../format.js";
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

/** The stakes around `centre`: all its owners up the chains, its holdings two levels down. */
export function neighbourhoodOf(stakes: readonly Stake[], centre: string): Stake[] {
  const up = new Map<string, Stake[]>();
  const down = new Map<string, Stake[]>();
  for (const s of stakes) {
    up.set(s.owned, [...(up.get(s.owned) ?? []), s]);
    down.set(s.owner, [...(down.get(s.owner) ?? []), s]);
  }
  const picked = new Set<Stake>();
  const seen = new Set([centre]);
  let frontier = [centre];
  while (frontier.length && seen.size < MAX_NODES) {
    const next: string[] = [];
    for (const n of frontier)
      for (const s of up.get(n) ?? []) {
        picked.add(s);
        if (!seen.has(s.owner)) {
          seen.add(s.owner);
          next.push(s.owner);
        }
      }
    frontier = next;
  }
  frontier = [centre];
  for (let depth = 0; depth < 2 && seen.size < MAX_NODES; depth++) {
    const next: string[] = [];
    for (const n of frontier)
      for (const s of down.get(n) ?? []) {
        picked.add(s);
        if (!seen.has(s.owned)) {
          seen.add(s.owned);
          next.push(s.owned);
        }
      }
    frontier = next;
  }
  return [...picked];
}

function shareText(s: Stake): string {
  const lo = s.shareMin ?? s.share;
  const hi = s.shareMax ?? s.share;
  return lo !== hi ? `${pct(s.share)} (${pct(lo)}–${pct(hi)})` : pct(s.share);
}

export function GraphPage(): ReactNode {
  const { snapshot, focus, go, asOf, provenance } = useSelection();
  const box = useRef<HTMLDivElement>(null);
  const selectId = useId();
  const centre = focus ?? "gecamines";
  const look = useApi<LookThroughReport>("/api/reports/lookthrough", { entity: centre, asOf });

  const nodesInfo = useMemo(() => {
    const m = new Map<
      string,
      { name: string; kind: string; country: string | null; asset: boolean }
    >();
    for (const e of snapshot?.records.entities ?? [])
      m.set(e.id, { name: e.name, kind: e.kind, country: e.country, asset: false });
    for (const a of snapshot?.records.assets ?? [])
      m.set(a.id, { name: a.name, kind: a.kind, country: a.country, asset: true });
    return m;
  }, [snapshot]);

  const graph = useMemo(() => {
    if (!snapshot) return undefined;
    const stakes = neighbourhoodOf(snapshot.records.stakes, centre);
    const ids = new Set([centre]);
    for (const s of stakes) {
      ids.add(s.owner);
      ids.add(s.owned);
    }
    const out = new Map<string, string[]>();
    for (const s of stakes) out.set(s.owner, [...(out.get(s.owner) ?? []), s.owned]);
    const comp = componentsOf([...ids], out);
    const size = new Map<number, number>();
    for (const c of comp.values()) size.set(c, (size.get(c) ?? 0) + 1);
    const inCycle = (s: Stake) =>
      s.owner === s.owned ||
      (comp.get(s.owner) === comp.get(s.owned) && (size.get(comp.get(s.owner) as number) ?? 0) > 1);
    return { stakes, ids: [...ids], inCycle };
  }, [snapshot, centre]);

  useEffect(() => {
    if (!box.current || !graph) return;
    const hasOwner = new Set<string>(graph.stakes.map((s) => s.owned));
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
          };
        }),
        ...graph.stakes.map((s) => ({
          data: {
            id: `e:${s.id}`,
            source: s.owner,
            target: s.owned,
            label: shareText(s),
            cycle: graph.inCycle(s) ? 1 : 0,
          },
        })),
      ],
      layout: {
        name: "breadthfirst",
        directed: true,
        roots: graph.ids.filter((id) => !hasOwner.has(id)),
        spacingFactor: 1.05,
        padding: 20,
      },
      style: [
        {
          selector: "node",
          style: {
            label: "data(label)",
            "background-color": "data(colour)",
            shape: "data(shape)" as never,
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
      ],
    });
    cy.on("tap", "node", (e) => go("graph", e.target.id()));
    (window as unknown as { __orebookGraph?: unknown }).__orebookGraph = {
      nodes: cy.nodes().length,
      edges: cy.edges().length,
    };
    return () => cy.destroy();
  }, [graph, nodesInfo, centre, go]);

  if (!snapshot || !graph) return <Loading what="the ownership graph" />;
  const choices = [...nodesInfo.entries()].sort((a, b) => a[1].name.localeCompare(b[1].name));
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
      numeric: true,
    },
  ];
  const direct = graph.stakes.filter((s) => s.owned === centre || s.owner === centre);

  return (
    <div className="page">
      <PageTitle period={false} commodity={false}>
        Ownership graph: {nodesInfo.get(centre)?.name ?? centre}
      </PageTitle>
      <div className="form-row">
        <label htmlFor={selectId}>Centre on</label>
        <select id={selectId} value={centre} onChange={(e) => go("graph", e.target.value)}>
          {choices.map(([id, n]) => (
            <option key={id} value={id}>
              {n.name} ({n.asset ? n.kind : (n.country ?? n.kind)})
            </option>
          ))}
        </select>
        <span className="muted">
          {graph.ids.length} nodes, {graph.stakes.length} stakes
          {cycles > 0 ? `, ${cycles} in cross-holding cycles (orange, dashed)` : ", no cycles"}
        </span>
      </div>
      <div className="two-col">
        <div>
          <div
            ref={box}
            className="graph-box"
            data-testid="graph"
            role="img"
            aria-label={`Stake graph around ${nodesInfo.get(centre)?.name ?? centre}: owners above, holdings below; the list beside it has the same stakes`}
          />
          <p className="legend">
            Owners above, holdings below; arrows point from owner to owned, labelled with the share
            (and its range where sources differ). Yellow squares are assets; circles are entities
            coloured by country; the centre has a thick outline. Click a node to re-centre.
          </p>
        </div>
        <div>
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
                    onRowClick={(r) => r.end !== "remainder" && go("graph", r.id)}
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
                  onRowClick={(r) => go("graph", r.id)}
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
                  cell: (s: Stake) => nodesInfo.get(s.owner)?.name ?? s.owner,
                  csv: (s) => s.owner,
                },
                {
                  header: "Owned",
                  cell: (s: Stake) => nodesInfo.get(s.owned)?.name ?? s.owned,
                  csv: (s) => s.owned,
                },
                {
                  header: "Share",
                  cell: (s: Stake) => shareText(s),
                  csv: (s) => s.share,
                  numeric: true,
                  title: (s) => provenance(s.sources, `Stake ${s.id} (${s.kind})`),
                },
              ]}
              rows={direct}
              rowKey={(s) => s.id}
              onRowClick={(s) => go("graph", s.owner === centre ? s.owned : s.owner)}
              filename={`stakes-${centre}-${asOf}.csv`}
            />
          </Section>
        </div>
      </div>
    </div>
  );
}
