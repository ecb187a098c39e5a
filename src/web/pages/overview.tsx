/**
 * Overview: for the commodity and date chosen in the header, the country shares by location,
 * attributable interest, consolidated and de facto control (and buyer, when the server routes
 * flows), each with its HHI; a country's row opens the assets and chains behind its share; the
 * headline changes of the scenario selected in the lab.
 */
import { type ReactNode, useId, useMemo, useState } from "react";
import type { FlowMetrics } from "../../engine/metrics/index.js";
import type {
  AssetRow,
  ControlReport,
  CountryRow,
  Explanation,
  View,
} from "../../engine/ownership/index.js";
import { useApi } from "../api.js";
import { type Column, DataTable } from "../components/data-table.js";
import {
  CoverageNote,
  HeadlineShare,
  StaleInputsList,
  StaleMark,
} from "../components/freshness.js";
import { Loading, NotInBuild, ProblemNotice } from "../components/notice.js";
import { PageTitle } from "../components/page-title.js";
import { Section } from "../components/section.js";
import { ShareBars } from "../components/share-bars.js";
import { Deltas, useEffects } from "../effects.js";
import { colourOf, hhi, pct, plain, tonnes } from "../format.js";
import { useSelection } from "../selection.js";

const VIEW_LABEL: Record<View | "buyer", string> = {
  location: "Location",
  attributable: "Attributable interest",
  consolidated: "Consolidated control",
  deFacto: "De facto control",
  buyer: "Buyer",
};

/**
 * The sources of the assets behind a country's figure in a view. Control is read from each
 * asset's list of controllers, so an asset held jointly (controller countries "CA+CN") counts
 * for each of its controllers' countries.
 */
function sourcesFor(r: ControlReport, country: string, view: View): string[] {
  const out: string[] = [];
  for (const a of r.assets) {
    const counts =
      view === "location"
        ? a.country === country
        : view === "consolidated"
          ? a.controllers.some((c) => c.country === country)
          : view === "deFacto"
            ? a.deFactoBy
              ? a.deFacto === country
              : a.controllers.some((c) => c.country === country)
            : true;
    if (counts) out.push(...a.sources);
  }
  return out;
}

/**
 * How an asset's control is held, in words: the basis that sums up its chain (joint if any link
 * is joint, else agreement, else operator, else majority; docs/methodology.md).
 */
export const CONTROL_BASIS_WORDS: Record<NonNullable<AssetRow["controlBasis"]>, string> = {
  agreement: "by agreement",
  operator: "as operator",
  majority: "by majority",
  joint: "jointly",
};
const CONTROL_BASIS_HELP =
  "How control is held, from the asset up its chain: by agreement (a recorded management, shareholder or board agreement, or a golden share, gives control whatever the stakes); as operator (the recorded operator runs the asset); by majority (an owner holds more than half, at each link up the chain); jointly (two or more owners are each needed to decide, by a recorded agreement or as 50/50 owners: each counts for its part); no one (no majority, agreement or joint control on record).";

function controlledBy(a: AssetRow): string {
  if (a.controlBasis === null) return "no one";
  return a.controllers
    .map((c) => (c.joint ? `${c.name} (${pct(c.share)}, joint)` : c.name))
    .join("; ");
}

function AssetControlTable({ r }: { r: ControlReport }): ReactNode {
  const { asOf, provenance, names } = useSelection();
  const name = (id: string) => names.get(id) ?? id;
  const columns: Column<AssetRow>[] = [
    { header: "Asset", cell: (a) => a.name, csv: (a) => a.id },
    {
      header: "Output",
      cell: (a) => tonnes(a.tonnes),
      csv: (a) => a.tonnes,
      numeric: true,
      title: (a) => provenance(a.sources, `${a.name}: ${r.commodity} ${r.period}`),
    },
    {
      header: "Controlled by",
      cell: controlledBy,
      csv: (a) => a.controllers.map((c) => c.id).join(";"),
    },
    {
      header: "Controllers' countries",
      cell: (a) => [...new Set(a.controllers.map((c) => c.country))].join(" and "),
      testId: (a) => `asset-controller-country-${a.id}`,
    },
    {
      header: "How control is held",
      cell: (a) =>
        a.controlBasis === null ? "no one controls it" : CONTROL_BASIS_WORDS[a.controlBasis],
      csv: (a) => a.controlBasis,
      title: (a) =>
        a.controlSteps
          .map(
            (s) =>
              `${name(s.node)} controlled ${CONTROL_BASIS_WORDS[s.basis]} by ${s.by.map(name).join(" and ")}`,
          )
          .join("\n"),
      testId: (a) => `asset-control-basis-${a.id}`,
      help: CONTROL_BASIS_HELP,
    },
  ];
  return (
    <DataTable
      caption={`${r.commodity} ${r.period}: assets and who controls them`}
      columns={columns}
      rows={r.assets}
      limit={15}
      rowKey={(a) => a.id}
      filename={`asset-control-${r.commodity}-${r.period}-${asOf}.csv`}
      testId="asset-control-table"
    />
  );
}

function ExplainPanel({ country, view }: { country: string; view: View }): ReactNode {
  const { asOf, provenance, snapshot, controlQuery } = useSelection();
  const ex = useApi<Explanation>("/api/reports/explain", { ...controlQuery, country, view });
  if (ex.error) return <ProblemNotice error={ex.error} what="the explanation" />;
  if (!ex.data) return <Loading what="the explanation" />;
  const e = ex.data;
  const assetSources = new Map<string, readonly string[]>(
    (snapshot?.records.assets ?? []).map((a) => [a.id, a.sources]),
  );
  const columns: Column<Explanation["rows"][number]>[] = [
    { header: "Asset", cell: (r) => r.name, csv: (r) => r.asset },
    {
      header: "Asset output",
      cell: (r) => tonnes(r.assetTonnes),
      csv: (r) => r.assetTonnes,
      numeric: true,
      title: (r) => provenance(assetSources.get(r.asset) ?? [], `${r.name} output`),
    },
    { header: "Counted", cell: (r) => pct(r.share), csv: (r) => r.share, numeric: true },
    { header: "Tonnes", cell: (r) => tonnes(r.tonnes), csv: (r) => r.tonnes, numeric: true },
    { header: "Why", cell: (r) => r.reason },
  ];
  return (
    <Section
      title={
        <>
          Why {e.name} has {pct(e.share)} ({VIEW_LABEL[e.view]}, {e.commodity} {e.period})
        </>
      }
      level={3}
      className="panel"
    >
      <DataTable
        caption={`Assets behind ${e.name}'s ${VIEW_LABEL[e.view].toLowerCase()} share`}
        columns={columns}
        rows={e.rows}
        rowKey={(r) => r.asset}
        filename={`explain-${e.commodity}-${e.country}-${e.view}-${asOf}.csv`}
      />
    </Section>
  );
}

function ScenarioDeltas(): ReactNode {
  const {
    scenarios,
    scenario: selectedScenario,
    setScenario: selectScenario,
    capabilities,
    commodity,
    href,
    asOf,
    reportQuery,
    names,
  } = useSelection();
  const picked = scenarios.find((s) => s.key === selectedScenario);
  const can = capabilities.has("post", "/api/scenarios/compare");
  const selectId = useId();
  // The same evaluation as the Deals page and the Scenario lab: on this page's date and period.
  const period = reportQuery?.period;
  const result = useEffects(can && period ? picked?.scenario : undefined, {
    asOf,
    period,
    commodity,
  });
  if (!can)
    return (
      <NotInBuild route="POST /api/scenarios/compare" what="The scenario's headline changes" />
    );
  return (
    <>
      <div className="form-row">
        <label htmlFor={selectId}>Scenario</label>
        <select
          id={selectId}
          value={selectedScenario ?? ""}
          onChange={(e) => selectScenario(e.target.value || undefined)}
        >
          <option value="">None</option>
          {scenarios.map((s) => (
            <option key={s.key} value={s.key}>
              {s.scenario.name}
              {s.shippedId ? "" : " (composed)"}
            </option>
          ))}
        </select>
        <a href={href("scenarios")}>Compose one in the Scenario lab</a>
      </div>
      {picked && (
        <p className="muted">
          Evaluated on this page's date and period ({asOf}, {period ?? "…"}) against the same
          records without it.
        </p>
      )}
      {picked && result.error && <ProblemNotice error={result.error} what="the comparison" />}
      {picked && result.loading && <Loading what="the scenario's changes" />}
      {picked && result.data && <Deltas cmp={result.data} testId="scenario-deltas" names={names} />}
    </>
  );
}

export function OverviewPage(): ReactNode {
  const { asOf, provenance, capabilities, go, controlQuery, reportQuery } = useSelection();
  const report = useApi<ControlReport>("/api/reports/control", controlQuery);
  const hasFlows = capabilities.has("get", "/api/reports/flows");
  const flows = useApi<FlowMetrics>(hasFlows ? "/api/reports/flows" : null, reportQuery);
  const [explain, setExplain] = useState<{ country: string; view: View }>();
  const [view, setView] = useState<View>("attributable");

  const buyerShare = useMemo(() => {
    const m = new Map<string, number>();
    for (const b of flows.data?.byBuyerCountry ?? []) m.set(b.country, b.share);
    return m;
  }, [flows.data]);

  if (report.error) return <ProblemNotice error={report.error} what="the control report" />;
  if (!report.data) return <Loading what="the control report" />;
  const r = report.data;
  const all = r.assets.flatMap((a) => a.sources);
  const cell = (v: View, pick: (c: CountryRow) => number) => ({
    cell: (c: CountryRow) => pct(pick(c)),
    csv: pick,
    numeric: true,
    title: (c: CountryRow) =>
      provenance(
        sourcesFor(r, c.country, v),
        `${VIEW_LABEL[v]} share of ${c.name}, ${r.commodity} ${r.period}`,
      ),
    testId: (c: CountryRow) => `share-${v}-${c.country}`,
  });
  const columns: Column<CountryRow>[] = [
    { header: "Country", cell: (c) => c.name, csv: (c) => c.country },
    {
      header: "Location",
      ...cell("location", (c) => c.locationShare),
      help: "Share of the counted output mined in the country.",
    },
    {
      header: "Attributable",
      ...cell("attributable", (c) => c.attributableShare),
      help: "Share of the output owned by the country's companies, state and people, followed through every chain of stakes to its ultimate owners.",
    },
    {
      header: "Attributable range",
      cell: (c) => `${pct(c.attributableMin)} – ${pct(c.attributableMax)}`,
      csv: (c) => `${c.attributableMin};${c.attributableMax}`,
      sort: (c) => c.attributableMax,
      numeric: true,
      help: "Where sources give different stakes, the lowest and highest attributable share.",
    },
    {
      header: "Consolidated",
      ...cell("consolidated", (c) => c.consolidatedShare),
      help: "Share of the output of assets whose controlling owner (by majority, up the chain) is of the country, each asset counted whole.",
    },
    {
      header: "De facto",
      ...cell("deFacto", (c) => c.deFactoShare),
      help: "As consolidated, but with who actually holds each site: an armed group or an operator in charge replaces the owner on record.",
    },
    {
      header: "Buyer",
      cell: (c) => (hasFlows && flows.data ? pct(buyerShare.get(c.country) ?? 0) : "—"),
      csv: (c) => (hasFlows && flows.data ? (buyerShare.get(c.country) ?? 0) : null),
      numeric: true,
      help: "Share of exports bought by buyers of the country through recorded offtakes; tonnes sold on the open market have no buyer country.",
    },
    {
      header: "Attributable tonnes",
      cell: (c) => tonnes(c.attributableTonnes),
      csv: (c) => c.attributableTonnes,
      numeric: true,
    },
  ];
  const pick: Record<View, (c: CountryRow) => number> = {
    location: (c) => c.locationShare,
    attributable: (c) => c.attributableShare,
    consolidated: (c) => c.consolidatedShare,
    deFacto: (c) => c.deFactoShare,
  };
  // The headline: the largest country in the view shown, never the residual row.
  const headline = r.byCountry
    .filter((c) => c.country !== "not-on-a-recorded-asset" && pick[view](c) > 0)
    .sort((a, b) => pick[view](b) - pick[view](a))[0];
  const hhis: [string, number | null | undefined, string][] = [
    ["location", r.hhi.location, "Location"],
    ["attributable", r.hhi.attributable, "Attributable"],
    ["consolidated", r.hhi.consolidated, "Consolidated"],
    ["deFacto", r.hhi.deFacto, "De facto"],
    ["buyer", hasFlows ? flows.data?.hhi.byBuyerCountry : undefined, "Buyer"],
  ];

  return (
    <div className="page" aria-busy={report.loading || flows.loading}>
      <PageTitle commodity={false}>Who owns and controls {r.commodity}</PageTitle>
      <p className="lead">
        <span data-testid="total-tonnes" title={provenance(all, `Total ${r.commodity} counted`)}>
          {tonnes(r.totalTonnes)}
        </span>{" "}
        of contained {r.commodity} from {r.assets.length} assets with figures, as of {r.asOf}
        {r.coverage.missing.length > 0 &&
          `; ${r.coverage.missing.length} producing assets have no figure`}
        .{" "}
        <StaleMark
          items={r.staleInputs.filter((x) => x.kind === "production" && x.view === undefined)}
        />
      </p>
      {headline && (
        <HeadlineShare
          name={headline.name}
          share={pick[view](headline)}
          coverage={r.coverage}
          what={VIEW_LABEL[view].toLowerCase()}
        />
      )}
      <Section title={<>Concentration (HHI, 0–10,000)</>}>
        <dl className="cards">
          {hhis.map(([k, v, label]) => (
            <div key={k} className="card" title={provenance(all, `HHI by ${label.toLowerCase()}`)}>
              <dt>{label}</dt>
              <dd data-testid={`hhi-${k}`}>
                {k === "buyer" && !hasFlows ? <span className="muted">not offered</span> : hhi(v)}
              </dd>
              {k === "buyer" && flows.data && flows.data.openMarketTonnes > 0 && (
                <dd className="card-note" data-testid="buyer-hhi-lower-bound">
                  lower bound: {pct(flows.data.openMarketTonnes / flows.data.exportedTonnes)} to
                  unrecorded buyers
                </dd>
              )}
            </div>
          ))}
        </dl>
      </Section>
      <Section title={<>Country shares</>}>
        <fieldset className="view-switch">
          <legend className="visually-hidden">Share shown in the chart</legend>
          {(Object.keys(pick) as View[]).map((v) => (
            <button key={v} type="button" aria-pressed={view === v} onClick={() => setView(v)}>
              {VIEW_LABEL[v]}
            </button>
          ))}
        </fieldset>
        <p className="share-basis">
          Shares <CoverageNote coverage={r.coverage} />
        </p>
        <ShareBars
          label={`${VIEW_LABEL[view]} share of ${r.commodity} by country`}
          rows={r.byCountry
            .map((c) => ({
              key: c.country,
              label: c.name,
              value: pick[view](c),
              colour: colourOf(c.country),
              title: provenance(sourcesFor(r, c.country, view), `${VIEW_LABEL[view]}: ${c.name}`),
            }))
            .filter((x) => x.value > 0)}
        />
        <DataTable
          caption={`${r.commodity} ${r.period}: shares by country (select a country to see why)`}
          columns={columns}
          rows={r.byCountry}
          rowKey={(c) => c.country}
          filename={`control-${r.commodity}-${r.period}-${asOf}.csv`}
          onRowClick={(c) => setExplain({ country: c.country, view })}
          testId="country-table"
        />
        {!hasFlows && (
          <NotInBuild route="GET /api/reports/flows" what="The buyer column and buyer HHI" />
        )}
      </Section>
      {explain && <ExplainPanel country={explain.country} view={explain.view} />}
      <Section title={<>Companies</>}>
        <DataTable
          caption={`${r.commodity} ${r.period}: companies by attributable tonnes (select one for its ownership graph)`}
          columns={[
            { header: "Company", cell: (c) => c.name, csv: (c) => c.id },
            { header: "Country", cell: (c) => c.country ?? "—" },
            {
              header: "Attributable output",
              cell: (c) => tonnes(c.attributableTonnes),
              csv: (c) => c.attributableTonnes,
              numeric: true,
              help: "Tonnes the company owns through its stakes, followed down its own chain to the assets.",
            },
            {
              header: "Share through its chain",
              cell: (c) => pct(c.attributableShare),
              csv: (c) => c.attributableShare,
              numeric: true,
              testId: (c) => `company-share-${c.id}`,
              help: "The company's attributable output as a share of all counted output. Each company is measured along its own chain of stakes, so a parent counts the tonnes its subsidiaries hold: a parent and its subsidiary count the same tonnes, and the column does not add up to 100 %.",
            },
            {
              header: "Controlled output",
              cell: (c) => tonnes(c.consolidatedTonnes),
              csv: (c) => c.consolidatedTonnes,
              numeric: true,
              help: "Output of the assets the company controls by majority (directly or through subsidiaries), each counted whole.",
            },
          ]}
          rows={r.byCompany}
          limit={15}
          rowKey={(c) => c.id}
          onRowClick={(c) => go("graph", c.id)}
          filename={`companies-${r.commodity}-${r.period}-${asOf}.csv`}
        />
      </Section>
      <Section title={<>Assets and who controls them</>}>
        <AssetControlTable r={r} />
      </Section>
      <Section title={<>Selected scenario</>}>
        <ScenarioDeltas />
      </Section>
      {(r.notes.length > 0 || r.staleInputs.length > 0) && (
        <Section title={<>Notes</>}>
          <ul>
            {r.notes.map((n) => (
              <li key={n}>{plain(n)}</li>
            ))}
          </ul>
          {r.coverage.missing.length > 0 && (
            <p data-testid="not-counted">
              Not counted (no figure for {r.period}):{" "}
              {r.coverage.missing.map((m) => m.name).join(", ")}.
            </p>
          )}
          <StaleInputsList items={r.staleInputs} />
        </Section>
      )}
    </div>
  );
}
