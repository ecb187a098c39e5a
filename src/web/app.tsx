/**
 * The dashboard's shell: the header with the commodity, the as-of date slider and the API token,
 * the page navigation (hash routes, so any static server can serve it), and the shared
 * selection every page reads. Heavy pages (map, graph, flows) load their code when opened.
 */
import { lazy, type ReactNode, Suspense, useEffect, useId, useMemo, useState } from "react";
import type { Scenario } from "../engine/scenario-schema.js";
import { signIn, signOut, useApi, useCapabilities, type Who } from "./api.js";
import { Loading, ProblemNotice } from "./components/notice.js";
import { OverviewPage } from "./pages/overview.js";
import {
  PAGES,
  type PageId,
  type ScenarioList,
  type Selection,
  SelectionContext,
  type Snapshot,
} from "./selection.js";

const MapPage = lazy(() => import("./pages/map.js").then((m) => ({ default: m.MapPage })));
const GraphPage = lazy(() => import("./pages/graph.js").then((m) => ({ default: m.GraphPage })));
const FlowsPage = lazy(() => import("./pages/flows.js").then((m) => ({ default: m.FlowsPage })));
const DealsPage = lazy(() => import("./pages/deals.js").then((m) => ({ default: m.DealsPage })));
const ScenarioPage = lazy(() =>
  import("./pages/scenarios.js").then((m) => ({ default: m.ScenarioPage })),
);
const StockpilePage = lazy(() =>
  import("./pages/stockpile.js").then((m) => ({ default: m.StockpilePage })),
);

function todayIso(): string {
  return new Date().toISOString().slice(0, 10);
}

/** Quarter ends from 2018 to today, then today: the stops of the date slider. */
export function sliderDates(today: string): string[] {
  const out: string[] = [];
  const y1 = Number(today.slice(0, 4));
  for (let y = 2018; y <= y1; y++)
    for (const md of ["03-31", "06-30", "09-30", "12-31"]) {
      const d = `${y}-${md}`;
      if (d < today) out.push(d);
    }
  out.push(today);
  return out;
}

function routeFromHash(): { page: PageId; focus: string | undefined } {
  const [p, f] = window.location.hash.replace(/^#\/?/, "").split("/");
  const page = PAGES.find((x) => x.id === p)?.id ?? "overview";
  return { page, focus: f ? decodeURIComponent(f) : undefined };
}

/** The token form: the token goes once to POST /api/session; the page keeps only the session. */
function SignInForm({ onDone, className }: { onDone?: () => void; className?: string }): ReactNode {
  const [value, setValue] = useState("");
  const [problem, setProblem] = useState<string>();
  const id = useId();
  return (
    <form
      className={className}
      onSubmit={(e) => {
        e.preventDefault();
        signIn(value.trim()).then(
          () => {
            setValue("");
            setProblem(undefined);
            onDone?.();
          },
          (err: unknown) => setProblem(err instanceof Error ? err.message : String(err)),
        );
      }}
    >
      <label htmlFor={id}>API token (orebook token create); the page keeps only a session</label>
      <input
        id={id}
        type="password"
        autoComplete="off"
        value={value}
        onChange={(e) => setValue(e.target.value)}
      />
      <button type="submit">Sign in</button>
      {problem && <p role="alert">{problem}</p>}
    </form>
  );
}

function TokenControl({ who }: { who: Who | undefined }): ReactNode {
  const [open, setOpen] = useState(false);
  const signedIn = who !== undefined && who.via === "session";
  return (
    <div className="token">
      <button
        type="button"
        aria-expanded={open}
        onClick={() => setOpen(!open)}
        data-testid="token-button"
      >
        {signedIn ? `Signed in: ${who?.role}` : "Sign in with a token"}
      </button>
      {open && (
        <div className="token-form">
          <SignInForm onDone={() => setOpen(false)} className="token-fields" />
          {signedIn && (
            <button type="button" onClick={() => signOut().then(() => setOpen(false))}>
              Sign out
            </button>
          )}
        </div>
      )}
    </div>
  );
}

function Page({ page }: { page: PageId }): ReactNode {
  switch (page) {
    case "overview":
      return <OverviewPage />;
    case "map":
      return <MapPage />;
    case "graph":
      return <GraphPage />;
    case "flows":
      return <FlowsPage />;
    case "deals":
      return <DealsPage />;
    case "scenarios":
      return <ScenarioPage />;
    case "stockpile":
      return <StockpilePage />;
  }
}

export function App(): ReactNode {
  const caps = useCapabilities();
  const [route, setRoute] = useState(routeFromHash);
  const today = useMemo(todayIso, []);
  const dates = useMemo(() => sliderDates(today), [today]);
  const [dateIndex, setDateIndex] = useState(dates.length - 1);
  const asOf = dates[dateIndex] ?? today;
  const [commodity, setCommodity] = useState("cobalt");
  const [composed, setComposed] = useState<Scenario[]>([]);
  // Who the caller is decides the rest: a server without --public answers nothing before sign-in.
  const who = useApi<Who>("/api/session");
  const readable = who.data !== undefined;
  const shipped = useApi<ScenarioList>(readable ? "/api/scenarios" : null);
  const [selectedScenario, selectScenario] = useState<string | null>(null);
  const snapshot = useApi<Snapshot>(readable ? "/api/snapshot" : null, { asOf });
  const ids = { commodity: useId(), date: useId() };

  useEffect(() => {
    const on = () => setRoute(routeFromHash());
    window.addEventListener("hashchange", on);
    return () => window.removeEventListener("hashchange", on);
  }, []);
  useEffect(() => {
    const label = PAGES.find((p) => p.id === route.page)?.label ?? "";
    document.title = `${label} — Orebook`;
  }, [route.page]);

  const sources = useMemo(() => {
    const m = new Map<string, string>();
    for (const s of snapshot.data?.records.sources ?? [])
      m.set(
        s.id,
        `${s.title}${s.publisher ? `, ${s.publisher}` : ""}${s.published ? ` (${s.published})` : ""}`,
      );
    return m;
  }, [snapshot.data]);

  if (caps.error) return <ProblemNotice error={caps.error} what="the API description" />;
  if (!caps.data) return <Loading what="the dashboard" />;

  const selection: Selection = {
    commodity,
    asOf,
    scenarios: [
      ...(shipped.data?.items ?? []).map((i) => ({
        key: `shipped:${i.id}`,
        shippedId: i.id,
        scenario: i.scenario,
      })),
      ...composed.map((c) => ({ key: `composed:${c.name}`, shippedId: null, scenario: c })),
    ],
    composed,
    setComposed,
    selectedScenario,
    selectScenario,
    capabilities: caps.data,
    snapshot: snapshot.data,
    provenance: (ids, what) => {
      const list = [...new Set(ids)].map((id) => `• ${sources.get(id) ?? id}`);
      return `${what ? `${what}\n` : ""}As of ${asOf}${list.length ? `\nSources:\n${list.join("\n")}` : "\nSources: none named"}`;
    },
    go: (page, focus) => {
      window.location.hash = `#/${page}${focus ? `/${encodeURIComponent(focus)}` : ""}`;
    },
    focus: route.focus,
  };

  return (
    <SelectionContext.Provider value={selection}>
      <a className="skip" href="#main">
        Skip to content
      </a>
      <header className="top">
        <div className="brand">
          <strong>Orebook</strong>
          <span>DR Congo critical minerals: ownership, control and flows</span>
        </div>
        <nav aria-label="Pages">
          <ul>
            {PAGES.map((p) => (
              <li key={p.id}>
                <a href={`#/${p.id}`} aria-current={route.page === p.id ? "page" : undefined}>
                  {p.label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <div className="controls">
          <label htmlFor={ids.commodity}>Commodity</label>
          <select
            id={ids.commodity}
            value={commodity}
            onChange={(e) => setCommodity(e.target.value)}
          >
            {caps.data.commodities.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
          <label htmlFor={ids.date}>As of</label>
          <input
            id={ids.date}
            type="range"
            min={0}
            max={dates.length - 1}
            step={1}
            value={dateIndex}
            aria-valuetext={asOf}
            onChange={(e) => setDateIndex(Number(e.target.value))}
          />
          <output htmlFor={ids.date} data-testid="as-of">
            {asOf}
          </output>
          <TokenControl who={who.data} />
        </div>
      </header>
      {/* biome-ignore lint/correctness/useUniqueElementIds: one shell per page; the skip link targets it */}
      <main id="main" tabIndex={-1}>
        {who.error?.status === 401 ? (
          <section className="page sign-in" aria-label="Sign in">
            <h1>Sign in</h1>
            <p>
              This server shares its data with token holders only. Paste an API token (an
              administrator makes one with <code>orebook token create --role viewer</code>), or
              start the server with <code>--public</code> to read public data without one.
            </p>
            <SignInForm className="token-fields" />
          </section>
        ) : (
          <>
            {who.error && <ProblemNotice error={who.error} what="who you are" />}
            {snapshot.error && <ProblemNotice error={snapshot.error} what="the records" />}
            {readable && (
              <Suspense fallback={<Loading what="the page" />}>
                <Page page={route.page} />
              </Suspense>
            )}
          </>
        )}
      </main>
      <footer className="foot">
        Orebook API {caps.data.version} · every figure names its sources and date on hover · data on
        this page comes from this server only
      </footer>
    </SelectionContext.Provider>
  );
}
