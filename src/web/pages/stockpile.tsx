/**
 * Stockpile: the stockpiles on record (holder, budget, target months, holdings), and from the
 * API the coverage per commodity, the shortfall under the chosen scenario and the procurement
 * plan for a budget. Coverage and plans are the engine's: until the server answers them the page
 * says so and shows only the records.
 */
import { type ReactNode, useId, useState } from "react";
import { type ApiProblem, postJson, useApi } from "../api.js";
import { useSelection } from "../app.js";
import { type Column, DataTable } from "../components/data-table.js";
import { Loading, NotInBuild, ProblemNotice } from "../components/notice.js";
import { Section } from "../components/section.js";
import { usd } from "../format.js";

type Row = Record<string, unknown>;

/** A table of any list of flat objects the API returns: one column per key. */
function GenericTable({
  caption,
  rows,
  filename,
}: {
  caption: string;
  rows: Row[];
  filename: string;
}): ReactNode {
  const keys = [...new Set(rows.flatMap((r) => Object.keys(r)))].filter((k) =>
    rows.every((r) => r[k] === null || typeof r[k] !== "object"),
  );
  const columns: Column<Row>[] = keys.map((k) => ({
    header: k,
    cell: (r) => {
      const v = r[k];
      return typeof v === "number"
        ? v.toLocaleString("en-US", { maximumFractionDigits: 2 })
        : String(v ?? "—");
    },
    csv: (r) => {
      const v = r[k];
      return typeof v === "number" || typeof v === "string" ? v : null;
    },
    numeric: rows.some((r) => typeof r[k] === "number"),
  }));
  return (
    <DataTable
      caption={caption}
      columns={columns}
      rows={rows}
      rowKey={(r) => JSON.stringify(r)}
      filename={filename}
    />
  );
}

function listsOf(x: unknown): [string, Row[]][] {
  if (!x || typeof x !== "object") return [];
  return Object.entries(x as Row).filter(
    (e): e is [string, Row[]] =>
      Array.isArray(e[1]) && e[1].length > 0 && e[1].every((r) => r && typeof r === "object"),
  );
}

export function StockpilePage(): ReactNode {
  const { snapshot, asOf, commodity, capabilities, provenance, scenarios, selectedScenario } =
    useSelection();
  const has = capabilities.has("get", "/api/reports/stockpile");
  const scenario = scenarios.find((s) => s.key === selectedScenario)?.shippedId ?? undefined;
  const report = useApi<unknown>(has ? "/api/reports/stockpile" : null, {
    commodity,
    asOf,
    ...(scenario ? { scenario } : {}),
  });
  const budgetId = useId();
  const [budget, setBudget] = useState(1_000_000_000);
  const [plan, setPlan] = useState<{ data?: unknown; error?: ApiProblem }>();
  // The job kinds the server names; one whose engine has not landed answers with a problem saying so.
  const canPlan = capabilities.jobKinds.includes("procurement");
  if (!snapshot) return <Loading what="the stockpiles" />;
  const stockpiles = snapshot.records.stockpiles;
  return (
    <div className="page">
      <h1>
        Stockpile — {commodity}, {asOf}
      </h1>
      <DataTable
        caption="Stockpiles on record"
        columns={[
          { header: "Stockpile", cell: (s) => s.name, csv: (s) => s.id },
          { header: "Country", cell: (s) => s.country },
          { header: "Status", cell: (s) => s.status },
          {
            header: "Budget",
            cell: (s) => usd(s.budgetUsd ?? null),
            csv: (s) => s.budgetUsd ?? null,
            numeric: true,
            title: (s) => provenance(s.sources, `${s.name} budget`),
          },
          { header: "Target (months)", cell: (s) => s.targetMonths ?? "—", numeric: true },
          { header: "Commodities", cell: (s) => s.commodities.join(", ") },
          { header: "Holdings", cell: (s) => s.holdings.length, numeric: true },
        ]}
        rows={stockpiles}
        rowKey={(s) => s.id}
        filename={`stockpiles-${asOf}.csv`}
        testId="stockpile-table"
      />
      <Section title="Coverage and shortfall">
        {!has && <NotInBuild route="GET /api/reports/stockpile" what="Coverage and shortfall" />}
        {report.error && <ProblemNotice error={report.error} what="the stockpile report" />}
        {has && !report.data && !report.error && <Loading what="the stockpile report" />}
        {listsOf(report.data).map(([k, rows]) => (
          <GenericTable key={k} caption={k} rows={rows} filename={`stockpile-${k}-${asOf}.csv`} />
        ))}
      </Section>
      <Section title="Procurement plan">
        <div className="form-row">
          <label htmlFor={budgetId}>Budget (USD)</label>
          <input
            id={budgetId}
            type="number"
            min={0}
            step={1e8}
            value={budget}
            onChange={(e) => setBudget(Number(e.target.value))}
          />
          <button
            type="button"
            disabled={!canPlan}
            onClick={() =>
              postJson<unknown>("/api/jobs", {
                kind: "procurement",
                params: { commodity, budgetUsd: budget },
              }).then(
                (data) => setPlan({ data }),
                (error: ApiProblem) => setPlan({ error }),
              )
            }
          >
            Plan purchases
          </button>
        </div>
        {!canPlan && (
          <NotInBuild route="POST /api/jobs (procurement)" what="The procurement plan" />
        )}
        {plan?.error && <ProblemNotice error={plan.error} what="the plan" />}
        {listsOf(plan?.data).map(([k, rows]) => (
          <GenericTable key={k} caption={k} rows={rows} filename={`plan-${k}.csv`} />
        ))}
      </Section>
    </div>
  );
}
