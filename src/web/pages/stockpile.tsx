/**
 * Stockpile: the stockpiles on record, then for the chosen one (default the API's) the
 * API's coverage per commodity (GET /api/reports/stockpile), its shortfall per commodity and
 * month under the chosen shipped scenario, and the procurement plan for a budget (the
 * `procurement` job, followed live over server-sent events). Nothing is computed in the browser:
 * figures are the API's, user inputs (need, "assume empty") are labelled as such on screen and
 * sent as the API's USER INPUT parameters. Methodology: docs/methodology-stockpile.md.
 */

import { type ReactNode, useEffect, useId, useMemo, useRef, useState } from "react";
import { type JobProgress, runJob, useApi } from "../api.js";
import { DataTable } from "../components/data-table.js";
import { JobProgressBar } from "../components/job-progress.js";
import { Loading, NotInBuild, ProblemNotice } from "../components/notice.js";
import { PageTitle } from "../components/page-title.js";
import { Section } from "../components/section.js";
import { TokenNeeded, useMayRun } from "../components/token-needed.js";
import { pct, plain, tonnes, usd } from "../format.js";
import { useSelection } from "../selection.js";

interface Need {
  tonnesPerYear: number | null;
  basis: string;
  sources: string[];
  netImportReliance: number | null;
  note: string;
}
interface Price {
  usdPerTonne: number | null;
  date: string | null;
  sources: string[];
  quoted?: string;
}
interface Position {
  tonnes: number | null;
  basis: string;
  onOrderTonnes: number;
  movements: string[];
  note: string;
}
interface CoverageRow {
  commodity: string;
  position: Position;
  usableTonnes: number | null;
  need: Need;
  monthlyNeedTonnes: number | null;
  monthsCovered: number | null;
  status: string;
  targetTonnes: number | null;
  targetBasis?: string;
  gapTonnes: number | null;
}
interface ShortfallMonth {
  month: string;
  needTonnes: number | null;
  reachTonnes: number | null;
  baselineReachTonnes: number | null;
  shortfallTonnes: number | null;
  supplyLostTonnes: number | null;
}
interface ShortfallRow {
  commodity: string;
  need: Need;
  months: ShortfallMonth[];
  shortfallTonnes: number | null;
  supplyLostTonnes: number | null;
  price?: Price | null;
  coverUsd: number | null;
  notes: string[];
}
export interface StockpileReport {
  coverage: {
    stockpile: string;
    name: string;
    country: string;
    asOf: string;
    unavailableFraction: number;
    assumeEmpty: boolean;
    commodities: CoverageRow[];
    notes: string[];
  };
  shortfall: {
    asOf: string;
    year: number;
    baseline: boolean;
    commodities: ShortfallRow[];
    notes: string[];
  };
}
interface Purchase {
  commodity: string;
  source: string;
  sourceName?: string;
  kind: string;
  route: string | null;
  tonnes: number;
  cost: number;
  priceUsdPerTonne: number | null;
  month: number;
  monthLabel: string;
}
interface PlanCommodity {
  commodity: string;
  status: string;
  targetTonnes: number | null;
  boughtTonnes: number;
  costUsd: number;
  filledShare: number | null;
  reason?: string | null;
  targetBasis?: string;
  targetFrom?: string;
  need?: Need;
  price?: Price | null;
}
export interface ProcurementResult {
  stockpile: string;
  asOf: string;
  totalCost: number;
  purchases: Purchase[];
  binding: { kind: string; id: string; message: string; marginal?: number | null }[];
  budget: {
    budgetUsd: number | null;
    basis: string;
    committedUsd: number;
    availableUsd: number | null;
    leftUsd: number | null;
  };
  commodities: PlanCommodity[];
  months: string[];
  assumeEmpty: boolean;
  notes: string[];
}

const num = (x: number | null | undefined, digits = 1) =>
  x === null || x === undefined || !Number.isFinite(x)
    ? "—"
    : x.toLocaleString("en-US", { maximumFractionDigits: digits });

/** Why coverage is unknown, in the API's words shortened. */
function unknownReason(r: CoverageRow): string {
  const why: string[] = [];
  if (r.usableTonnes === null) why.push("holdings not in the sources");
  if (r.monthlyNeedTonnes === null) why.push("net-import tonnes not in the sources");
  return why.length ? why.join("; ") : r.status;
}

export function StockpilePage(): ReactNode {
  const {
    snapshot,
    asOf,
    capabilities,
    scenarios,
    scenario: chosenScenario,
    setScenario,
  } = useSelection();
  const has = capabilities.has("get", "/api/reports/stockpile");
  const canPlan = capabilities.jobKinds.includes("procurement");
  const ids = {
    holder: useId(),
    scenario: useId(),
    unavailable: useId(),
    empty: useId(),
    budget: useId(),
    needPrefix: useId(),
  };
  const stockpiles = snapshot?.records.stockpiles ?? [];
  // The stockpile picked here, else the one the API measures when none is named.
  const [picked, setHolder] = useState<string | undefined>(undefined);
  const holder = picked ?? snapshot?.defaultStockpile ?? "";
  const [unavailablePct, setUnavailablePct] = useState(0);
  const [assumeEmpty, setAssumeEmpty] = useState(false);
  const [needs, setNeeds] = useState<Record<string, number | "">>({});
  const [budget, setBudget] = useState(12e9);
  const shipped = scenarios.filter((s) => s.shippedId !== null);
  // The report applies shipped scenarios only; a composed one stays in the lab.
  const scenario = shipped.some((s) => s.shippedId === chosenScenario) ? chosenScenario : "";
  const holderKnown = stockpiles.some((s) => s.id === holder);
  const chosen = stockpiles.find((s) => s.id === holder);

  // The user's need inputs that are numbers (an empty field sends nothing).
  const given = Object.entries(needs).filter(
    (e): e is [string, number] => typeof e[1] === "number" && Number.isFinite(e[1]) && e[1] >= 0,
  );
  const needParam = given.length ? given.map(([c, t]) => `${c}=${t}`).join(",") : undefined;
  const unavailable = Math.min(100, Math.max(0, unavailablePct)) / 100;
  const report = useApi<StockpileReport>(has && holderKnown ? "/api/reports/stockpile" : null, {
    holder,
    // The scenario's changes apply on the page's date.
    asOf,
    scenario: scenario || undefined,
    unavailable: unavailable > 0 ? unavailable.toFixed(4) : undefined,
    assumeEmpty: assumeEmpty ? "1" : undefined,
    need: needParam,
  });

  const sourceTitles = useMemo(() => {
    const m = new Map<string, string>();
    for (const s of snapshot?.records.sources ?? []) m.set(s.id, `${s.title} (${s.id})`);
    return m;
  }, [snapshot]);
  /** Hover text: what the figure is, its as-of date and its sources by title. */
  const hover = (what: string, on: string, ids: (string | undefined)[], extra?: string) => {
    const list = [...new Set(ids.filter((x): x is string => !!x))].map(
      (id) => `• ${sourceTitles.get(id) ?? id}`,
    );
    return `${what}\nAs of ${on}${extra ? `\n${extra}` : ""}${list.length ? `\nSources:\n${list.join("\n")}` : "\nSources: none named"}`;
  };
  const movementSources = (mids: string[]) =>
    (snapshot?.records.stockpileMovements ?? [])
      .filter((m) => mids.includes(m.id))
      .flatMap((m) => m.sources);
  const recordSources = chosen?.sources ?? [];

  if (!snapshot) return <Loading what="the stockpiles" />;
  const cov = report.data?.coverage;
  const sf = report.data?.shortfall;
  const months = sf?.commodities[0]?.months.map((m) => m.month) ?? [];
  // Commodities whose need the sources lack: the user may give it (USER INPUT).
  const needless = (cov?.commodities ?? [])
    .filter((c) => c.need.basis === "missing" || c.need.basis === "user input")
    .map((c) => c.commodity);
  const scenarioName = scenario
    ? (shipped.find((s) => s.shippedId === scenario)?.scenario.name ?? scenario)
    : "Base (no scenario)";

  return (
    <div className="page stockpile">
      <PageTitle period={false} commodity={false} under={scenario ? scenarioName : undefined}>
        Stockpile: {chosen?.name ?? holder}
      </PageTitle>
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
            title: (s) => hover(`${s.name} budget`, asOf, s.sources),
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

      <fieldset className="panel stockpile-controls">
        <legend>What to measure</legend>
        <div className="form-row">
          <label htmlFor={ids.holder}>Stockpile</label>
          <select id={ids.holder} value={holder} onChange={(e) => setHolder(e.target.value)}>
            {stockpiles.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </div>
        <div className="form-row">
          <label htmlFor={ids.scenario}>Scenario</label>
          <select
            id={ids.scenario}
            value={scenario}
            onChange={(e) => setScenario(e.target.value || undefined)}
          >
            <option value="">Base (no scenario, as of {asOf})</option>
            {shipped.map((s) => (
              <option key={s.key} value={s.shippedId ?? ""}>
                {s.scenario.name}
              </option>
            ))}
          </select>
        </div>
        <div className="form-row">
          <label htmlFor={ids.unavailable}>Inventory that cannot be drawn (%)</label>
          <input
            id={ids.unavailable}
            type="number"
            min={0}
            max={100}
            step={5}
            value={unavailablePct}
            onChange={(e) => setUnavailablePct(Number(e.target.value) || 0)}
          />
        </div>
        <div className="form-row">
          <input
            id={ids.empty}
            type="checkbox"
            checked={assumeEmpty}
            onChange={(e) => setAssumeEmpty(e.target.checked)}
          />
          <label htmlFor={ids.empty}>
            ASSUMPTION: treat holdings the sources do not give as empty (0 t)
          </label>
        </div>
        {needless.length > 0 && (
          <div className="needs">
            <p className="hint">
              The sources lack net-import tonnes for these commodities. A need typed here is a{" "}
              <strong>USER INPUT</strong>, sent as such and marked in every result.
            </p>
            <div className="form-row">
              {needless.map((c) => (
                <span className="field" key={c}>
                  <label htmlFor={`${ids.needPrefix}-${c}`}>USER INPUT {c} need (t/yr)</label>
                  <input
                    id={`${ids.needPrefix}-${c}`}
                    type="number"
                    min={0}
                    step={100}
                    className="need-input"
                    value={needs[c] ?? ""}
                    onChange={(e) =>
                      setNeeds({
                        ...needs,
                        [c]: e.target.value === "" ? "" : Number(e.target.value),
                      })
                    }
                  />
                </span>
              ))}
            </div>
          </div>
        )}
      </fieldset>

      {!has && <NotInBuild route="GET /api/reports/stockpile" what="Coverage and shortfall" />}
      {report.error && <ProblemNotice error={report.error} what="the stockpile report" />}
      {has && report.loading && <Loading what="coverage and shortfall" />}

      <Section title="Coverage per commodity">
        {cov && (
          <>
            <p className="hint">
              {cov.name} ({cov.country}), as of {cov.asOf}: months of the country's net imports the
              usable inventory covers ({pct(cov.unavailableFraction)} cannot be drawn).
              {cov.assumeEmpty && (
                <strong> ASSUMPTION: holdings missing from the sources are taken as empty.</strong>
              )}
            </p>
            <DataTable
              caption={`Coverage, ${cov.name}, ${cov.asOf}`}
              testId="coverage-table"
              rows={cov.commodities}
              rowKey={(r) => r.commodity}
              filename={`stockpile-coverage-${cov.stockpile}-${cov.asOf}.csv`}
              columns={[
                { header: "Commodity", cell: (r) => r.commodity },
                {
                  header: "Months covered",
                  numeric: true,
                  cell: (r) =>
                    r.monthsCovered === null ? (
                      <span className="unknown">unknown — {unknownReason(r)}</span>
                    ) : (
                      num(r.monthsCovered)
                    ),
                  csv: (r) => r.monthsCovered,
                  testId: (r) => `cov-months-${r.commodity}`,
                  title: (r) =>
                    hover(
                      `${r.commodity}: months covered (${r.status})`,
                      cov.asOf,
                      [
                        ...recordSources,
                        ...movementSources(r.position.movements),
                        ...r.need.sources,
                      ],
                      `${r.position.note}\n${r.need.note}`,
                    ),
                },
                {
                  header: "Usable",
                  numeric: true,
                  cell: (r) =>
                    r.usableTonnes === null
                      ? "unknown"
                      : `${tonnes(r.usableTonnes)}${r.position.basis === "assumed empty" ? " (assumed)" : ""}`,
                  csv: (r) => r.usableTonnes,
                  testId: (r) => `cov-usable-${r.commodity}`,
                  title: (r) =>
                    hover(
                      `${r.commodity}: usable inventory (${r.position.basis})`,
                      cov.asOf,
                      [...recordSources, ...movementSources(r.position.movements)],
                      r.position.note,
                    ),
                },
                {
                  header: "On order",
                  numeric: true,
                  cell: (r) => tonnes(r.position.onOrderTonnes),
                  csv: (r) => r.position.onOrderTonnes,
                  title: (r) =>
                    hover(
                      `${r.commodity}: tonnes on order`,
                      cov.asOf,
                      movementSources(r.position.movements),
                    ),
                },
                {
                  header: "Need / month",
                  numeric: true,
                  cell: (r) =>
                    r.monthlyNeedTonnes === null
                      ? "unknown"
                      : `${tonnes(r.monthlyNeedTonnes)}${r.need.basis === "user input" ? " (USER INPUT)" : ""}`,
                  csv: (r) => r.monthlyNeedTonnes,
                  title: (r) =>
                    hover(
                      `${r.commodity}: need (${r.need.basis})`,
                      cov.asOf,
                      r.need.sources,
                      r.need.note,
                    ),
                },
                {
                  header: "Target",
                  numeric: true,
                  cell: (r) => tonnes(r.targetTonnes),
                  csv: (r) => r.targetTonnes,
                  title: (r) =>
                    hover(`${r.commodity}: target`, cov.asOf, recordSources, r.targetBasis),
                },
                {
                  header: "Gap",
                  numeric: true,
                  cell: (r) => tonnes(r.gapTonnes),
                  csv: (r) => r.gapTonnes,
                  title: (r) =>
                    hover(
                      `${r.commodity}: target less usable inventory (tonnes on order not counted)`,
                      cov.asOf,
                      recordSources,
                    ),
                },
              ]}
            />
            <Notes notes={cov.notes} />
          </>
        )}
      </Section>

      <Section title={`Shortfall under ${scenarioName}`}>
        {sf && (
          <>
            <p className="hint">
              Need less the DRC supply still reaching {cov?.country ?? "the holder's country"}, per
              month of {sf.year}
              {sf.baseline ? ", against the dataset without the scenario" : ""}. Unknown where the
              sources give no yearly need: type your own figure above (it is marked as yours).
            </p>
            <DataTable
              caption={`Shortfall per commodity and month (t), ${scenarioName}, ${sf.asOf}`}
              testId="shortfall-table"
              rows={sf.commodities}
              rowKey={(r) => r.commodity}
              filename={`stockpile-shortfall-${holder}-${scenario || "base"}-${sf.asOf}.csv`}
              columns={[
                { header: "Commodity", cell: (r) => r.commodity },
                {
                  header: `Total ${sf.year} (t)`,
                  numeric: true,
                  cell: (r) => (r.shortfallTonnes === null ? "unknown" : tonnes(r.shortfallTonnes)),
                  csv: (r) => r.shortfallTonnes,
                  testId: (r) => `sf-total-${r.commodity}`,
                  title: (r) =>
                    hover(
                      `${r.commodity}: shortfall ${sf.year} (need: ${r.need.basis})`,
                      sf.asOf,
                      r.need.sources,
                      [r.need.note, ...r.notes].join("\n"),
                    ),
                },
                {
                  header: "Cover (US$)",
                  numeric: true,
                  cell: (r) => usd(r.coverUsd),
                  csv: (r) => r.coverUsd,
                  testId: (r) => `sf-usd-${r.commodity}`,
                  title: (r) =>
                    hover(
                      `${r.commodity}: cost of buying the shortfall at ${r.price?.usdPerTonne ? `US$${r.price.usdPerTonne.toLocaleString("en-US")}/t` : "an unknown price"}${r.price?.date ? ` (price of ${r.price.date})` : ""}`,
                      sf.asOf,
                      [...(r.price?.sources ?? []), ...r.need.sources],
                      r.price?.quoted,
                    ),
                },
                {
                  header: "DRC supply lost (t)",
                  numeric: true,
                  cell: (r) => tonnes(r.supplyLostTonnes),
                  csv: (r) => r.supplyLostTonnes,
                  title: (r) =>
                    hover(`${r.commodity}: DRC supply lost against the baseline`, sf.asOf, []),
                },
                ...months.map((m, i) => ({
                  header: m,
                  numeric: true,
                  cell: (r: ShortfallRow) => {
                    const v = r.months[i]?.shortfallTonnes ?? null;
                    return v === null ? "—" : num(v, 0);
                  },
                  csv: (r: ShortfallRow) => r.months[i]?.shortfallTonnes ?? null,
                  testId: (r: ShortfallRow) => `sf-${r.commodity}-${m}`,
                  title: (r: ShortfallRow) => {
                    const x = r.months[i];
                    return hover(
                      `${r.commodity}, ${m}: shortfall ${x?.shortfallTonnes === null ? "unknown (need not in the sources)" : tonnes(x?.shortfallTonnes)}; need ${tonnes(x?.needTonnes)}, reach ${tonnes(x?.reachTonnes)}, baseline reach ${tonnes(x?.baselineReachTonnes)}`,
                      sf.asOf,
                      r.need.sources,
                    );
                  },
                })),
              ]}
            />
            <Notes notes={sf.notes} />
          </>
        )}
      </Section>

      <Section title="Procurement plan">
        <div className="form-row">
          <label htmlFor={ids.budget}>Budget (US$)</label>
          <input
            id={ids.budget}
            type="number"
            min={0}
            step={1e8}
            value={budget}
            onChange={(e) => setBudget(Number(e.target.value))}
          />
          <span className="hint">{usd(budget)}</span>
        </div>
        {canPlan ? (
          <Procurement
            params={{
              holder,
              budgetUsd: Math.max(0, budget),
              ...(scenario ? { scenario } : { asOf }),
              assumeEmpty,
              ...(given.length ? { need: Object.fromEntries(given) } : {}),
            }}
            scenarioName={scenarioName}
            hover={hover}
          />
        ) : (
          <NotInBuild route="POST /api/jobs (procurement)" what="The procurement plan" />
        )}
      </Section>
    </div>
  );
}

function Notes({ notes, title }: { notes: string[]; title?: string }): ReactNode {
  if (!notes.length) return null;
  return (
    <div className="notes">
      {title && <h3>{title}</h3>}
      <ul>
        {notes.map((n) => (
          <li key={n}>{plain(n)}</li>
        ))}
      </ul>
    </div>
  );
}

function Procurement({
  params,
  scenarioName,
  hover,
}: {
  params: {
    holder: string;
    budgetUsd: number;
    scenario?: string;
    asOf?: string;
    assumeEmpty: boolean;
    need?: Record<string, number>;
  };
  scenarioName: string;
  hover: (what: string, on: string, ids: (string | undefined)[], extra?: string) => string;
}): ReactNode {
  const [progress, setProgress] = useState<JobProgress>();
  const [state, setState] = useState<"idle" | "running" | "done" | "failed">("idle");
  const [result, setResult] = useState<ProcurementResult>();
  const [asked, setAsked] = useState<typeof params>();
  const [problem, setProblem] = useState<string>();
  const source = useRef<EventSource | null>(null);
  useEffect(() => () => source.current?.close(), []);
  const mayRun = useMayRun();
  const tokenId = useId();
  // A problem belongs to the request that met it: new inputs or a sign-in clear it.
  const paramsKey = JSON.stringify(params);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the key stands for the inputs
  useEffect(() => setProblem(undefined), [paramsKey, mayRun]);

  const start = () => {
    source.current?.close();
    setState("running");
    setProblem(undefined);
    setResult(undefined);
    setAsked(params);
    setProgress({ done: 0, total: 3, message: "submitting" });
    runJob<ProcurementResult>("procurement", params, "procurement jobs", {
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
  const userInputs = asked
    ? [
        ...Object.entries(asked.need ?? {}).map(
          ([c, t]) => `USER INPUT: ${c} need ${t.toLocaleString("en-US")} t/yr`,
        ),
        `USER INPUT: budget ${usd(asked.budgetUsd)}`,
        ...(asked.assumeEmpty
          ? ["ASSUMPTION: holdings missing from the sources taken as empty"]
          : []),
        `Scenario: ${scenarioName}`,
      ]
    : [];
  const prices = new Map(result?.commodities.map((c) => [c.commodity, c.price]) ?? []);
  return (
    <>
      <div className="form-row">
        <button
          type="button"
          onClick={start}
          disabled={state === "running" || !mayRun}
          aria-describedby={mayRun ? undefined : tokenId}
        >
          Plan purchases for {usd(params.budgetUsd)}
        </button>
      </div>
      {!mayRun && <TokenNeeded what="Planning purchases" id={tokenId} />}
      {progress && (
        <JobProgressBar
          progress={progress}
          state={state}
          label="Procurement plan progress"
          testId="plan-progress"
        />
      )}
      {problem && (
        <p className="notice problem" role="alert">
          {problem}
        </p>
      )}
      {result && (
        <>
          <dl className="plan-summary">
            <dt>Total cost</dt>
            <dd
              data-testid="plan-total"
              title={hover(
                "Total cost of the purchases (prices; route costs where the sources give them)",
                result.asOf,
                result.commodities.flatMap((c) => c.price?.sources ?? []),
              )}
            >
              {usd(result.totalCost)}
            </dd>
            <dt>Budget available</dt>
            <dd>
              {usd(result.budget.availableUsd)} ({result.budget.basis};{" "}
              {usd(result.budget.committedUsd)} committed)
            </dd>
            <dt>Left</dt>
            <dd data-testid="plan-left">{usd(result.budget.leftUsd)}</dd>
            <dt>Months</dt>
            <dd>
              {result.months[0]} to {result.months[result.months.length - 1]}
            </dd>
          </dl>
          <DataTable
            caption={`Purchases, ${result.stockpile}, from ${result.asOf}`}
            testId="plan-purchases"
            rows={result.purchases}
            rowKey={(p) => `${p.commodity}|${p.source}|${p.kind}|${p.route}|${p.month}`}
            filename={`procurement-${result.stockpile}-${result.asOf}.csv`}
            columns={[
              { header: "Month", cell: (p) => p.monthLabel },
              { header: "Commodity", cell: (p) => p.commodity },
              {
                header: "Source",
                cell: (p) => `${p.sourceName ?? p.source} (${p.kind})`,
                csv: (p) => p.source,
              },
              { header: "Route", cell: (p) => p.route ?? "not routed", csv: (p) => p.route },
              {
                header: "Tonnes",
                numeric: true,
                cell: (p) => tonnes(p.tonnes),
                csv: (p) => p.tonnes,
                testId: (p) => `plan-t-${p.commodity}-${p.source}-${p.month}`,
                title: (p) =>
                  hover(
                    `${p.commodity} from ${p.sourceName ?? p.source}, ${p.monthLabel}`,
                    result.asOf,
                    [],
                  ),
              },
              {
                header: "Cost",
                numeric: true,
                cell: (p) => usd(p.cost),
                csv: (p) => p.cost,
                testId: (p) => `plan-usd-${p.commodity}-${p.source}-${p.month}`,
                title: (p) => {
                  const pr = prices.get(p.commodity);
                  return hover(
                    `${p.commodity}: price US$${num(p.priceUsdPerTonne, 0)}/t${pr?.date ? ` (price of ${pr.date})` : ""}`,
                    result.asOf,
                    pr?.sources ?? [],
                    pr?.quoted,
                  );
                },
              },
            ]}
          />
          <DataTable
            caption="Per commodity: target, bought and why"
            testId="plan-commodities"
            rows={result.commodities}
            rowKey={(c) => c.commodity}
            filename={`procurement-commodities-${result.stockpile}-${result.asOf}.csv`}
            columns={[
              { header: "Commodity", cell: (c) => c.commodity },
              { header: "Status", cell: (c) => c.status },
              {
                header: "Target",
                numeric: true,
                cell: (c) =>
                  `${tonnes(c.targetTonnes)}${c.targetFrom === "user input" ? " (USER INPUT)" : ""}`,
                csv: (c) => c.targetTonnes,
                title: (c) =>
                  hover(
                    `${c.commodity}: target`,
                    result.asOf,
                    c.need?.sources ?? [],
                    c.targetBasis,
                  ),
              },
              {
                header: "Bought",
                numeric: true,
                cell: (c) => tonnes(c.boughtTonnes),
                csv: (c) => c.boughtTonnes,
              },
              {
                header: "Cost",
                numeric: true,
                cell: (c) => usd(c.costUsd),
                csv: (c) => c.costUsd,
                title: (c) => hover(`${c.commodity}: cost`, result.asOf, c.price?.sources ?? []),
              },
              {
                header: "Filled",
                numeric: true,
                cell: (c) => pct(c.filledShare),
                csv: (c) => c.filledShare,
              },
              {
                header: "Why",
                cell: (c) => (c.reason && c.reason !== c.status ? c.reason : "—"),
                csv: (c) => c.reason ?? null,
              },
            ]}
          />
          <DataTable
            caption="Binding constraints"
            testId="plan-binding"
            rows={result.binding}
            rowKey={(b) => `${b.kind}|${b.id}`}
            filename={`procurement-binding-${result.stockpile}-${result.asOf}.csv`}
            columns={[
              { header: "Constraint", cell: (b) => b.kind },
              { header: "What binds", cell: (b) => b.message },
              {
                header: "Marginal",
                numeric: true,
                cell: (b) => num(b.marginal ?? null, 3),
                csv: (b) => b.marginal ?? null,
              },
            ]}
          />
          <Notes title="Given by the user or assumed" notes={userInputs} />
          <Notes title="Notes from the plan" notes={result.notes} />
        </>
      )}
    </>
  );
}
