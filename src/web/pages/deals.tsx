/**
 * Deals: the pipeline on the chosen date as a board (one column per status, the status each
 * deal had on that date from its dated history), a timeline of every status change, and for a
 * chosen deal its parties, conditions and the changes it makes when it closes; what those
 * changes do to the figures comes from the API's deal evaluation when the server has it.
 */
import { type ReactNode, useState } from "react";
import type { Deal, DealEffect, DealStatus } from "../../model/deal.js";
import { useApi } from "../api.js";
import { type Column, DataTable } from "../components/data-table.js";
import { Loading, NotInBuild, ProblemNotice } from "../components/notice.js";
import { PageTitle } from "../components/page-title.js";
import { Section } from "../components/section.js";
import { Deltas, dealScenario, useEffects } from "../effects.js";
import { pct, usd } from "../format.js";
import { useSelection } from "../selection.js";

const STATUSES: DealStatus[] = [
  "proposed",
  "negotiating",
  "agreed-in-principle",
  "signed",
  "conditions-pending",
  "closed",
  "collapsed",
];
const STATUS_COLOUR: Record<DealStatus, string> = {
  proposed: "#95a5a6",
  negotiating: "#f39c12",
  "agreed-in-principle": "#e67e22",
  signed: "#2980b9",
  "conditions-pending": "#8e44ad",
  closed: "#27ae60",
  collapsed: "#c0392b",
};

/** The status a deal had on `date`: its latest dated change on or before it. */
export function statusOn(deal: Deal, date: string): Deal["statusHistory"][number] | undefined {
  return deal.statusHistory
    .filter((h) => h.date <= date)
    .sort((a, b) => (a.date < b.date ? -1 : 1))
    .at(-1);
}

function effectText(e: DealEffect, name: (id: string) => string): string {
  switch (e.kind) {
    case "stake-transfer":
      return e.fraction !== undefined
        ? `${pct(e.fraction)} of ${name(e.from)}'s stake in ${name(e.owned)} passes to ${name(e.to)}`
        : `${pct(e.share ?? 0)} of ${name(e.owned)} passes from ${name(e.from)} to ${name(e.to)}`;
    case "control-agreement":
      return `Control of ${name(e.agreement.controlled)} by ${e.agreement.controllers.map(name).join(" and ")} (${e.agreement.basis})`;
    case "offtake":
      return `Offtake: ${name(e.offtake.seller)} sells ${e.offtake.commodity} to ${name(e.offtake.buyer)} (${e.offtake.term.kind})`;
    case "new-asset":
      return `New asset: ${e.asset.name} (${e.asset.kind})`;
    case "trade-rule":
      return `Trade rule: ${e.rule.kind} ${"commodity" in e.rule ? e.rule.commodity : ""}`;
    case "route-node":
      return `New route node: ${e.node.name}`;
    case "route-leg":
      return `New route leg: ${name(e.leg.from)} → ${name(e.leg.to)}`;
    case "obligation":
      return `Obligation of ${name(e.party)} (tracked, not computed): ${e.description}`;
  }
}

function DealEffects({ deal }: { deal: Deal }): ReactNode {
  const { capabilities, commodity, provenance, asOf, reportQuery, names } = useSelection();
  const period = reportQuery?.period;
  const can = capabilities.has("post", "/api/scenarios/compare");
  // The same evaluation as the Overview and the Scenario lab: the deal closing on this page's
  // date, for its period, against the same records without it.
  const view = { asOf, period, commodity };
  // A deal closed or collapsed by the date has nothing left to close: its changes are in the
  // records from its closing day, or never will be; the page says so instead of asking.
  const settledOn = statusOn(deal, asOf);
  const done =
    settledOn && (settledOn.status === "closed" || settledOn.status === "collapsed")
      ? settledOn
      : undefined;
  const result = useEffects(can && period && !done ? dealScenario(deal, view) : undefined, view);
  const name = (id: string) => names.get(id) ?? id;
  return (
    <Section title={deal.name} level={3} className="panel">
      <p title={provenance(deal.sources, deal.name)}>
        Parties: {deal.parties.map((p) => `${name(p.entity)} (${p.role})`).join("; ")}. Valuation:{" "}
        {usd(deal.valuationUsd ?? null)}
        {deal.valuationNote ? ` — ${deal.valuationNote}` : ""}
      </p>
      {deal.conditions.length > 0 && <p>Conditions: {deal.conditions.join("; ")}.</p>}
      <h4>Changes when it closes</h4>
      <ul data-testid="deal-effects">
        {deal.effects.map((e, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: effects have no id and never reorder
          <li key={i}>{effectText(e, name)}</li>
        ))}
      </ul>
      <h4>
        What that changes ({commodity}, {period ?? "…"}, closing on {asOf})
      </h4>
      {!can && (
        <NotInBuild route="POST /api/scenarios/compare" what="A deal's effect on the figures" />
      )}
      {done && (
        <p className="notice" data-testid="deal-settled">
          {done.status === "closed"
            ? `It closed on ${done.date}: its changes are in the records from that day, so every figure on this date already includes them.`
            : `It collapsed on ${done.date}: it will not close, so there is nothing to evaluate on this date. Choose a date before ${done.date} to see what closing would have changed.`}
        </p>
      )}
      {result.error && <ProblemNotice error={result.error} what="the deal's effects" />}
      {result.loading && <Loading what="the deal's effects" />}
      {result.data && <Deltas cmp={result.data} testId="deal-deltas" names={names} />}
    </Section>
  );
}

function Timeline({ deals, asOf }: { deals: Deal[]; asOf: string }): ReactNode {
  const { provenance } = useSelection();
  const dates = deals.flatMap((d) => d.statusHistory.map((h) => h.date));
  if (dates.length === 0) return null;
  const t = (d: string) => Date.parse(d.length === 4 ? `${d}-01-01` : d);
  const lo = Math.min(...dates.map(t));
  const hi = Math.max(...dates.map(t), t(asOf));
  const W = 900;
  const left = 270;
  const row = 24;
  const x = (d: string) => left + ((t(d) - lo) / Math.max(1, hi - lo)) * (W - left - 20);
  const years: number[] = [];
  for (let y = new Date(lo).getUTCFullYear() + 1; y <= new Date(hi).getUTCFullYear(); y++)
    years.push(y);
  return (
    <svg
      className="timeline"
      viewBox={`0 0 ${W} ${deals.length * row + 30}`}
      role="img"
      aria-label="Timeline of each deal's status changes; the table below lists the same dates"
      data-testid="deal-timeline"
    >
      {years.map((y) => (
        <g key={y}>
          <line
            x1={x(`${y}-01-01`)}
            x2={x(`${y}-01-01`)}
            y1={0}
            y2={deals.length * row}
            stroke="#e1e5ea"
          />
          <text
            x={x(`${y}-01-01`)}
            y={deals.length * row + 16}
            className="bar-label"
            textAnchor="middle"
          >
            {y}
          </text>
        </g>
      ))}
      <line
        x1={x(asOf)}
        x2={x(asOf)}
        y1={0}
        y2={deals.length * row}
        stroke="#f0a500"
        strokeWidth={2}
      >
        <title>{`As of ${asOf}`}</title>
      </line>
      {deals.map((d, i) => {
        const h = [...d.statusHistory].sort((a, b) => (a.date < b.date ? -1 : 1));
        const y = i * row + row / 2;
        return (
          <g key={d.id}>
            <text x={left - 8} y={y + 4} textAnchor="end" className="bar-label">
              {d.name.length > 34 ? `${d.name.slice(0, 33)}…` : d.name}
            </text>
            {h.length > 1 && (
              <line
                x1={x(h[0]?.date ?? "")}
                x2={x(h.at(-1)?.date ?? "")}
                y1={y}
                y2={y}
                stroke="#aab4bf"
              />
            )}
            {h.map((s) => (
              <circle
                key={`${s.date}-${s.status}`}
                cx={x(s.date)}
                cy={y}
                r={6}
                fill={STATUS_COLOUR[s.status]}
              >
                <title>
                  {provenance(
                    s.sources,
                    `${d.name}: ${s.status} on ${s.date}${s.note ? `\n${s.note}` : ""}`,
                  )}
                </title>
              </circle>
            ))}
          </g>
        );
      })}
    </svg>
  );
}

export function DealsPage(): ReactNode {
  const { asOf, provenance } = useSelection();
  const [chosen, setChosen] = useState<string>();
  const list = useApi<{ asOf: string; deals: (Deal & { statusAsOf: DealStatus | null })[] }>(
    "/api/deals",
    { asOf },
  );
  if (list.error) return <ProblemNotice error={list.error} what="the deals" />;
  if (!list.data) return <Loading what="the deals" />;
  const deals = list.data.deals;
  // The API gives each deal's status on the date; its history gives the day it began.
  const now = deals.flatMap((d) => {
    const at = statusOn(d, asOf);
    return d.statusAsOf !== null && at ? [{ deal: d, status: d.statusAsOf, at }] : [];
  });
  const columns: Column<(typeof now)[number]>[] = [
    { header: "Deal", cell: (x) => x.deal.name, csv: (x) => x.deal.id },
    {
      header: "Status",
      cell: (x) => x.status,
      title: (x) => provenance(x.at.sources, `${x.at.status} since ${x.at.date}`),
    },
    { header: "Since", cell: (x) => x.at.date },
    {
      header: "Valuation",
      cell: (x) => usd(x.deal.valuationUsd ?? null),
      csv: (x) => x.deal.valuationUsd ?? null,
      numeric: true,
      title: (x) => provenance(x.deal.sources, x.deal.valuationNote ?? "Valuation"),
    },
    { header: "Effects", cell: (x) => x.deal.effects.length, numeric: true },
  ];
  const deal = deals.find((d) => d.id === chosen);
  return (
    <div className="page">
      <PageTitle>Deals in the pipeline</PageTitle>
      <p className="lead">
        {now.length} of {deals.length} deals had been announced by this date; the status is each
        deal's latest dated change on or before it. Choose a deal for its changes.
      </p>
      <div className="board" data-testid="deal-board">
        {STATUSES.map((s) => (
          <section key={s} aria-label={`${s} deals`}>
            <h3>
              <span className="swatch" style={{ background: STATUS_COLOUR[s] }} />
              {s.replace(/-/g, " ")} ({now.filter((x) => x.status === s).length})
            </h3>
            {now
              .filter((x) => x.status === s)
              .map((x) => (
                <div
                  key={x.deal.id}
                  className="deal-card"
                  title={provenance(x.at.sources, `${s} since ${x.at.date}`)}
                >
                  <button
                    type="button"
                    className="link"
                    aria-pressed={chosen === x.deal.id}
                    onClick={() => setChosen(x.deal.id)}
                  >
                    {x.deal.name}
                  </button>
                  <div className="muted">
                    since {x.at.date} · {usd(x.deal.valuationUsd ?? null)}
                  </div>
                </div>
              ))}
          </section>
        ))}
      </div>
      {deal && <DealEffects deal={deal} />}
      <Section title="Timeline">
        <div className="table-scroll">
          <Timeline deals={deals} asOf={asOf} />
        </div>
      </Section>
      <DataTable
        caption={`Deals on ${asOf}`}
        columns={columns}
        rows={now}
        rowKey={(x) => x.deal.id}
        onRowClick={(x) => setChosen(x.deal.id)}
        filename={`deals-${asOf}.csv`}
        testId="deal-table"
      />
    </div>
  );
}
