/**
 * Scenario lab: pick shipped scenarios or compose one from the same changes the YAML files use
 * (a deal closes, a stake moves, an outage, a territory taken or left, a ban or quota, a route closed or
 * opened, a price or demand shock), compare them side by side with a base through the API, see
 * the largest changes as a chart, and run a Monte Carlo job with live progress (server-sent
 * events) to its distributions.
 */

import { type ReactNode, useEffect, useId, useRef, useState } from "react";
import type {
  Comparison,
  ComparisonRow,
  Distribution,
  Scenario,
  ScenarioChange,
} from "../../engine/scenario/index.js";
import { type ApiProblem, type JobProgress, runJob } from "../api.js";
import { type Column, DataTable } from "../components/data-table.js";
import { Histogram } from "../components/histogram.js";
import { JobProgressBar } from "../components/job-progress.js";
import { Loading, NotInBuild, ProblemNotice } from "../components/notice.js";
import { PageTitle } from "../components/page-title.js";
import { Section } from "../components/section.js";
import { TokenNeeded, useMayRun } from "../components/token-needed.js";
import { atView, compareAtView } from "../effects.js";
import { change, colourOf, metricLabel, valueIn } from "../format.js";
import { type NamedScenario, useSelection } from "../selection.js";

type FieldKind = "deal" | "entity" | "asset" | "node" | "commodity" | "number" | "text" | "armed";
interface Field {
  key: string;
  label: string;
  kind: FieldKind;
  optional?: boolean;
  /** Stored as a one-element list (the schema takes a list). */
  list?: boolean;
}

/** The changes the composer offers, with their fields, as in the scenario schema. */
export const CHANGE_FORMS: Record<string, { label: string; fields: Field[] }> = {
  "deal-closes": { label: "A deal closes", fields: [{ key: "deal", label: "Deal", kind: "deal" }] },
  "deal-collapses": {
    label: "A deal collapses",
    fields: [{ key: "deal", label: "Deal", kind: "deal" }],
  },
  "stake-transfer": {
    label: "A stake is sold",
    fields: [
      { key: "from", label: "Seller", kind: "entity" },
      { key: "to", label: "Buyer", kind: "entity" },
      { key: "owned", label: "Of", kind: "asset" },
      { key: "share", label: "Share moved (0–1)", kind: "number" },
    ],
  },
  "production-outage": {
    label: "Production outage",
    fields: [
      { key: "asset", label: "Asset", kind: "asset" },
      { key: "factor", label: "Output factor (0 = stop)", kind: "number" },
    ],
  },
  "territory-taken": {
    label: "An armed group takes territory",
    fields: [
      { key: "controller", label: "Armed group", kind: "armed" },
      { key: "province", label: "Province", kind: "text" },
      { key: "assets", label: "Asset held", kind: "asset", list: true },
    ],
  },
  "territory-returned": {
    label: "An armed group leaves a site",
    fields: [
      { key: "assets", label: "Site left", kind: "asset", list: true },
      {
        key: "units",
        label: "Unit left (name or place code, optional)",
        kind: "text",
        list: true,
        optional: true,
      },
    ],
  },
  "export-ban": {
    label: "Export ban",
    fields: [{ key: "commodity", label: "Commodity", kind: "commodity" }],
  },
  "export-quota": {
    label: "Export quota",
    fields: [
      { key: "commodity", label: "Commodity", kind: "commodity" },
      { key: "capTonnes", label: "Cap (t)", kind: "number" },
      { key: "capPeriod", label: "Cap period (YYYY)", kind: "text" },
    ],
  },
  "route-closed": {
    label: "A port or border closes",
    fields: [{ key: "node", label: "Node", kind: "node" }],
  },
  "route-opened": {
    label: "A planned port or route opens",
    fields: [{ key: "node", label: "Node", kind: "node" }],
  },
  "price-shock": {
    label: "Price shock",
    fields: [
      { key: "commodity", label: "Commodity", kind: "commodity" },
      { key: "factor", label: "Price factor", kind: "number" },
    ],
  },
  "demand-shock": {
    label: "Demand shock",
    fields: [
      { key: "commodity", label: "Commodity", kind: "commodity" },
      { key: "factor", label: "Demand factor", kind: "number" },
    ],
  },
};

function describe(c: ScenarioChange): string {
  const { kind, ...rest } = c as { kind: string } & Record<string, unknown>;
  const parts = Object.entries(rest)
    .filter(([, v]) => v !== undefined && !(Array.isArray(v) && v.length === 0))
    .map(([k, v]) => `${k} ${Array.isArray(v) ? v.join(", ") : String(v)}`);
  return `${CHANGE_FORMS[kind]?.label ?? kind}: ${parts.join("; ")}`;
}

function Composer({ onSave }: { onSave: (s: Scenario) => void }): ReactNode {
  const { snapshot, asOf, capabilities, reportQuery, commodity } = useSelection();
  const ids = { name: useId(), kind: useId(), field: useId() };
  const period = reportQuery?.period;
  const [name, setName] = useState("My scenario");
  const [kind, setKind] = useState("deal-closes");
  const [values, setValues] = useState<Record<string, string>>({});
  const [changes, setChanges] = useState<ScenarioChange[]>([]);
  const r = snapshot?.records;
  const options = (k: FieldKind): [string, string][] => {
    switch (k) {
      case "deal":
        return (r?.deals ?? []).map((d) => [d.id, d.name]);
      case "entity":
        return (r?.entities ?? []).map((e) => [e.id, e.name]);
      case "armed":
        return (r?.entities ?? [])
          .filter((e) => e.kind === "armed-group")
          .map((e) => [e.id, e.name]);
      case "asset":
        return (r?.assets ?? []).map((a) => [a.id, a.name]);
      case "node":
        return (r?.routeNodes ?? []).map((n) => [n.id, `${n.name} (${n.status})`]);
      case "commodity":
        return capabilities.commodities.map((c) => [c, c]);
      default:
        return [];
    }
  };
  const form = CHANGE_FORMS[kind];
  const add = () => {
    if (!form) return;
    const change: Record<string, unknown> = { kind };
    for (const f of form.fields) {
      const v = values[f.key] ?? options(f.kind)[0]?.[0] ?? "";
      if (v === "" && f.optional) continue;
      const x = f.kind === "number" ? Number(v) : v;
      change[f.key] = f.list ? [x] : x;
    }
    setChanges([...changes, change as ScenarioChange]);
    setValues({});
  };
  return (
    <form
      className="panel"
      aria-label="Compose a scenario"
      onSubmit={(e) => {
        e.preventDefault();
        onSave(
          atView(
            {
              name,
              baseDate: asOf as Scenario["baseDate"],
              carryForward: false,
              sources: [],
              changes,
            },
            { asOf, period, commodity },
          ),
        );
        setChanges([]);
      }}
    >
      <div className="form-row">
        <label htmlFor={ids.name}>Name</label>
        <input
          id={ids.name}
          type="text"
          value={name}
          onChange={(e) => setName(e.target.value)}
          required
        />
        <span className="muted">
          Runs on this page's date and period ({asOf}, {period ?? "…"}), like every evaluation.
        </span>
      </div>
      <fieldset className="change-form">
        <legend>Add a change</legend>
        <div className="form-row">
          <label htmlFor={ids.kind}>Change</label>
          <select
            id={ids.kind}
            value={kind}
            onChange={(e) => {
              setKind(e.target.value);
              setValues({});
            }}
          >
            {Object.entries(CHANGE_FORMS).map(([k, f]) => (
              <option key={k} value={k}>
                {f.label}
              </option>
            ))}
          </select>
          {form?.fields.map((f) => {
            const id = `${ids.field}-${f.key}`;
            const opts = options(f.kind);
            return (
              <span key={f.key} className="field">
                <label htmlFor={id}>{f.label}</label>
                {opts.length > 0 ? (
                  <select
                    id={id}
                    value={values[f.key] ?? opts[0]?.[0] ?? ""}
                    onChange={(e) => setValues({ ...values, [f.key]: e.target.value })}
                  >
                    {opts.map(([v, l]) => (
                      <option key={v} value={v}>
                        {l}
                      </option>
                    ))}
                  </select>
                ) : (
                  <input
                    id={id}
                    type={f.kind === "number" ? "number" : "text"}
                    step="any"
                    value={values[f.key] ?? ""}
                    onChange={(e) => setValues({ ...values, [f.key]: e.target.value })}
                  />
                )}
              </span>
            );
          })}
          <button type="button" onClick={add}>
            Add change
          </button>
        </div>
      </fieldset>
      <ol aria-label="Changes in this scenario" data-testid="composed-changes">
        {changes.map((c, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: the list only grows or shrinks by position
          <li key={i}>
            {describe(c)}{" "}
            <button
              type="button"
              aria-label={`Remove change ${i + 1}`}
              onClick={() => setChanges(changes.filter((_, j) => j !== i))}
            >
              Remove
            </button>
          </li>
        ))}
      </ol>
      <button type="submit" disabled={changes.length === 0}>
        Save scenario
      </button>
    </form>
  );
}

/** Grouped bars of the largest changes: each metric on its own scale, labelled in its unit. */
function ComparisonChart({ cmp }: { cmp: Comparison }): ReactNode {
  const rows = cmp.rows.slice(0, 8);
  if (rows.length === 0) return null;
  const scen = [cmp.base, ...cmp.scenarios.filter((s) => s !== cmp.base)];
  const W = 760;
  const left = 270;
  const span = W - left - 110;
  const bar = 14;
  const group = scen.length * bar + 12;
  const fill = (j: number) => (j === 0 ? "#9aa5b4" : colourOf(`s${j}`));
  return (
    <svg
      className="bars"
      viewBox={`0 0 ${W} ${rows.length * group + 24}`}
      role="img"
      aria-label="The largest changes, one bar per scenario, each metric on its own scale; the table lists the same figures"
      data-testid="comparison-chart"
    >
      {rows.map((r, i) => {
        const values = [
          r.base,
          ...scen.slice(1).map((s) => r.cells.find((c) => c.scenario === s)?.value ?? null),
        ];
        const max = Math.max(1e-12, ...values.map((v) => Math.abs(v ?? 0)));
        return (
          <g key={r.id} transform={`translate(0 ${i * group})`}>
            <text x={left - 6} y={group / 2 + 2} textAnchor="end" className="bar-label">
              {r.label.length > 42 ? `${r.label.slice(0, 41)}…` : r.label}
            </text>
            {values.map((v, j) => {
              const w = Math.max(1, (Math.abs(v ?? 0) / max) * span);
              return (
                <g key={scen[j] ?? j}>
                  <rect x={left} y={j * bar + 4} width={w} height={bar - 3} fill={fill(j)}>
                    <title>{`${scen[j]}: ${valueIn(v, r.unit)}`}</title>
                  </rect>
                  <text x={left + w + 4} y={j * bar + 14} className="bar-value">
                    {valueIn(v, r.unit)}
                  </text>
                </g>
              );
            })}
          </g>
        );
      })}
      <g transform={`translate(${left} ${rows.length * group + 8})`}>
        {scen.map((s, j) => (
          <g key={s} transform={`translate(${j * 170} 0)`}>
            <rect width={10} height={10} fill={fill(j)} />
            <text x={14} y={9} className="bar-label">
              {s.length > 24 ? `${s.slice(0, 23)}…` : s}
            </text>
          </g>
        ))}
      </g>
    </svg>
  );
}

function Compare({ picked }: { picked: NamedScenario[] }): ReactNode {
  const { commodity, capabilities, asOf, reportQuery } = useSelection();
  const [state, setState] = useState<{ data?: Comparison; error?: ApiProblem; busy?: boolean }>({});
  if (!capabilities.has("post", "/api/scenarios/compare"))
    return <NotInBuild route="POST /api/scenarios/compare" what="Comparing scenarios" />;
  const period = reportQuery?.period;
  const run = () => {
    if (picked.length === 0) return;
    setState({ busy: true });
    // The same evaluation as the Overview and the Deals page: on this page's date and period.
    compareAtView(
      picked.map((p) => p.scenario),
      { asOf, period, commodity },
    ).then(
      (data) => setState({ data }),
      (error: ApiProblem) => setState({ error }),
    );
  };
  const cmp = state.data;
  const columns: Column<ComparisonRow>[] = cmp
    ? [
        { header: "Metric", cell: (r) => r.label, csv: (r) => r.id },
        {
          header: cmp.base,
          cell: (r) => valueIn(r.base, r.unit),
          csv: (r) => r.base,
          numeric: true,
        },
        ...cmp.scenarios
          .filter((s) => s !== cmp.base)
          .map((s, j) => ({
            header: s,
            cell: (r: ComparisonRow) => {
              const c = r.cells.find((x) => x.scenario === s);
              return `${valueIn(c?.value, r.unit)} (${change(c?.change, r.unit)})`;
            },
            csv: (r: ComparisonRow) => r.cells.find((x) => x.scenario === s)?.value ?? null,
            numeric: true,
            title: (r: ComparisonRow) => r.cells.find((x) => x.scenario === s)?.explanation ?? "",
            testId: (r: ComparisonRow) => `cmp-${j}-${r.id}`,
          })),
      ]
    : [];
  return (
    <>
      <button type="button" onClick={run} disabled={picked.length === 0 || state.busy === true}>
        Compare {picked.length} scenario{picked.length === 1 ? "" : "s"} with the base ({commodity})
      </button>
      {state.busy && <Loading what="the comparison" />}
      {state.error && <ProblemNotice error={state.error} what="the comparison" />}
      {cmp && (
        <>
          <ComparisonChart cmp={cmp} />
          <DataTable
            caption={`Scenarios side by side (${commodity}); hover a change for why it moved`}
            columns={columns}
            rows={cmp.rows}
            rowKey={(r) => r.id}
            filename={`comparison-${commodity}.csv`}
            testId="comparison-table"
          />
          <ul>
            {cmp.changes.map((c) => (
              <li key={c.scenario}>
                <strong>{c.scenario}</strong>: {c.applied.join("; ") || "no changes"}
                {c.obligations.length > 0 &&
                  ` (tracked, not computed: ${c.obligations.join("; ")})`}
                {c.changeNothing.length > 0 &&
                  `; changing nothing on this date and period: ${c.changeNothing.join("; ")}`}
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}

interface MonteCarloResult {
  scenario: string;
  runs: number;
  distinctOutcomes: number;
  seconds: number;
  distributions: Distribution[];
  notes: string[];
}

function MonteCarlo({ picked }: { picked: NamedScenario[] }): ReactNode {
  const { commodity, capabilities, asOf } = useSelection();
  const ids = { runs: useId(), seed: useId() };
  const [runs, setRuns] = useState(5000);
  const [seed, setSeed] = useState(1);
  const [progress, setProgress] = useState<JobProgress>();
  const [state, setState] = useState<"idle" | "running" | "done" | "failed">("idle");
  const [result, setResult] = useState<MonteCarloResult>();
  const [problem, setProblem] = useState<string>();
  const source = useRef<EventSource | null>(null);
  useEffect(() => () => source.current?.close(), []);
  const mayRun = useMayRun();
  const tokenId = useId();
  const first = picked[0];
  // A problem belongs to the run that met it: other inputs or a sign-in clear it.
  // biome-ignore lint/correctness/useExhaustiveDependencies: these inputs make a new run
  useEffect(() => setProblem(undefined), [first?.key, runs, seed, commodity, mayRun]);
  if (!capabilities.jobKinds.includes("monte-carlo"))
    return <NotInBuild route="POST /api/jobs (monte-carlo)" what="Monte Carlo runs" />;
  const start = () => {
    setState("running");
    setProblem(undefined);
    setResult(undefined);
    setProgress({ done: 0, total: runs });
    // A Monte Carlo draws the scenario's risks over its own date and period, as written.
    const params = {
      ...(first ? { scenario: first.shippedId ?? first.scenario } : { asOf }),
      runs,
      seed,
      commodity,
    };
    runJob<MonteCarloResult>("monte-carlo", params, "Monte Carlo jobs", {
      source: (es) => {
        source.current = es;
      },
      progress: setProgress,
      done: (r) => {
        setResult(r);
        setState("done");
      },
      failed: (message) => {
        setState("failed");
        setProblem(message);
      },
    });
  };
  return (
    <>
      <div className="form-row">
        <label htmlFor={ids.runs}>Runs</label>
        <input
          id={ids.runs}
          type="number"
          min={1}
          max={200000}
          value={runs}
          onChange={(e) => setRuns(Number(e.target.value))}
        />
        <label htmlFor={ids.seed}>Seed</label>
        <input
          id={ids.seed}
          type="number"
          value={seed}
          onChange={(e) => setSeed(Number(e.target.value))}
        />
        <button
          type="button"
          onClick={start}
          disabled={state === "running" || !mayRun}
          aria-describedby={mayRun ? undefined : tokenId}
        >
          Run Monte Carlo on {first ? `“${first.scenario.name}”` : "the pending deals"}
        </button>
      </div>
      {!mayRun && <TokenNeeded what="Running a Monte Carlo" id={tokenId} />}
      {first && (
        <p className="muted">
          The Monte Carlo draws the scenario's risks on its own date and period (
          {first.scenario.baseDate}, {first.scenario.period ?? "the latest with figures"}), as it is
          written.
        </p>
      )}
      {progress && (
        <JobProgressBar
          progress={progress}
          state={state}
          label="Monte Carlo progress"
          testId="mc-progress"
        />
      )}
      {problem && (
        <p className="notice problem" role="alert">
          {problem}
        </p>
      )}
      {result && (
        <DataTable
          caption={`${result.scenario}: ${result.runs} runs, ${result.distinctOutcomes} distinct outcomes, ${result.seconds.toFixed(1)} s`}
          columns={[
            {
              header: "Metric",
              cell: (d: Distribution) => metricLabel(d.metric),
              csv: (d: Distribution) => d.metric,
            },
            { header: "Runs", cell: (d: Distribution) => d.n, numeric: true },
            ...(["p10", "p50", "p90", "mean"] as const).map((k) => ({
              header: k.toUpperCase(),
              cell: (d: Distribution) =>
                valueIn(d[k], d.metric.endsWith("Share") ? "share" : "tonnes"),
              csv: (d: Distribution) => d[k],
              numeric: true,
              testId: (d: Distribution) => `mc-${k}-${d.metric}`,
            })),
          ]}
          rows={result.distributions}
          rowKey={(d) => d.metric}
          filename={`montecarlo-${commodity}-${seed}.csv`}
          testId="mc-table"
        />
      )}
      {result && (
        <div className="histograms" data-testid="mc-histograms">
          {result.distributions.map((d) => {
            const unit = d.metric.endsWith("Share") ? "share" : "tonnes";
            return (
              <Histogram
                key={d.metric}
                label={metricLabel(d.metric)}
                bins={d.histogram}
                marks={[
                  { name: "P10", value: d.p10 },
                  { name: "P50", value: d.p50 },
                  { name: "P90", value: d.p90 },
                ]}
                format={(x) => valueIn(x, unit)}
                testId={`mc-histogram-${d.metric}`}
              />
            );
          })}
        </div>
      )}
    </>
  );
}

export function ScenarioPage(): ReactNode {
  const { scenarios, composed, setComposed, setScenario } = useSelection();
  const [picked, setPicked] = useState<string[]>([]);
  if (scenarios.length === 0 && composed.length === 0) return <Loading what="the scenarios" />;
  const chosen = picked
    .map((k) => scenarios.find((s) => s.key === k))
    .filter((s): s is NamedScenario => s !== undefined);
  return (
    <div className="page">
      <PageTitle>Scenario lab</PageTitle>
      <div className="two-col">
        <Section title="Scenarios">
          <fieldset className="scenario-list" data-testid="scenario-list">
            <legend>Choose scenarios to compare (the first also drives the Monte Carlo)</legend>
            {scenarios.map((s) => (
              <div key={s.key}>
                <label>
                  <input
                    type="checkbox"
                    checked={picked.includes(s.key)}
                    onChange={(e) =>
                      setPicked(
                        e.target.checked ? [...picked, s.key] : picked.filter((k) => k !== s.key),
                      )
                    }
                  />{" "}
                  {s.scenario.name}
                  {s.shippedId ? "" : " (composed)"}
                </label>{" "}
                <span className="muted">
                  {s.scenario.baseDate} · {s.scenario.changes.length} change
                  {s.scenario.changes.length === 1 ? "" : "s"}
                </span>{" "}
                <button
                  type="button"
                  className="link"
                  onClick={() => setScenario(s.key, "overview")}
                >
                  Show on overview
                </button>
              </div>
            ))}
          </fieldset>
        </Section>
        <Section title="Compose">
          <Composer
            onSave={(s) => {
              const others = composed.filter((c) => c.name !== s.name);
              setComposed([...others, s]);
              setPicked((p) => [
                ...p.filter((k) => k !== `composed:${s.name}`),
                `composed:${s.name}`,
              ]);
            }}
          />
        </Section>
      </div>
      <Section title="Compare">
        <Compare picked={chosen} />
      </Section>
      <Section title="Monte Carlo">
        <MonteCarlo picked={chosen} />
      </Section>
    </div>
  );
}
