/**
 * The dashboard's shell: the header with the commodity, the as-of date slider and the API token,
 * the page navigation (hash routes, so any static server can serve it), and the shared
 * selection every page reads. Heavy pages (map, graph, flows) load their code when opened.
 */
import {
  Component,
  type ComponentType,
  lazy,
  type ReactNode,
  Suspense,
  useCallback,
  useEffect,
  useId,
  useMemo,
  useRef,
  useState,
} from "react";
import type { ControlReport } from "../engine/ownership/index.js";
import type { Scenario } from "../engine/scenario/index.js";
import { todayIso } from "../model/dates.js";
import { signIn, signOut, useApi, useBusy, useCapabilities, type Who, whenSettled } from "./api.js";
import { Loading, ProblemNotice } from "./components/notice.js";
import { OverviewPage } from "./pages/overview.js";
import { readAhead } from "./read-ahead.js";
import {
  PAGES,
  type PageId,
  type ScenarioList,
  type Selection,
  SelectionContext,
  type Snapshot,
} from "./selection.js";
import { hashOfView, type ViewState, viewFromHash } from "./view-state.js";

/**
 * A page whose code loads when first opened, or earlier with `preload` (when the browser is
 * idle). Opened after it has loaded, it draws at once: React reads a lazy component whose
 * loader answers synchronously without suspending, so there is no fallback and no wait for
 * Suspense to reveal the page. The component is the same either way (a page open while its
 * code arrives keeps its state).
 */
function pageCode<P extends object>(load: () => Promise<ComponentType<P>>) {
  let loaded: ComponentType<P> | undefined;
  let loading: Promise<ComponentType<P>> | undefined;
  const preload = () => {
    loading ??= load().then((c) => {
      loaded = c;
      return c;
    });
    return loading;
  };
  const Shown = lazy(() => {
    const ready = loaded;
    if (ready === undefined) return preload().then((c) => ({ default: c }));
    // A thenable that answers at once: React takes the component without suspending.
    const now = {
      // biome-ignore lint/suspicious/noThenProperty: a thenable is what React.lazy reads, and one that answers synchronously is how a loaded page draws without suspending
      then: (ok: (m: { default: ComponentType<P> }) => void) => ok({ default: ready }),
    };
    return now as unknown as Promise<{ default: ComponentType<P> }>;
  });
  return { Shown, preload };
}

const PAGE_CODE = {
  trends: pageCode(() => import("./pages/trends.js").then((m) => m.TrendsPage)),
  map: pageCode(() => import("./pages/map.js").then((m) => m.MapPage)),
  graph: pageCode(() => import("./pages/graph.js").then((m) => m.GraphPage)),
  flows: pageCode(() => import("./pages/flows.js").then((m) => m.FlowsPage)),
  deals: pageCode(() => import("./pages/deals.js").then((m) => m.DealsPage)),
  scenarios: pageCode(() => import("./pages/scenarios.js").then((m) => m.ScenarioPage)),
  stockpile: pageCode(() => import("./pages/stockpile.js").then((m) => m.StockpilePage)),
};
const TrendsPage = PAGE_CODE.trends.Shown;
const MapPage = PAGE_CODE.map.Shown;
const GraphPage = PAGE_CODE.graph.Shown;
const FlowsPage = PAGE_CODE.flows.Shown;
const DealsPage = PAGE_CODE.deals.Shown;
const ScenarioPage = PAGE_CODE.scenarios.Shown;
const StockpilePage = PAGE_CODE.stockpile.Shown;

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
      <label htmlFor={id}>API token (the page keeps a session, never the token)</label>
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

/**
 * A page that fails to draw says so in its place, and the header stays usable: another
 * commodity, date or page (a new key) tries again.
 */
class PageBoundary extends Component<
  { children: ReactNode; retry: string },
  { failed: string | undefined }
> {
  override state = { failed: undefined as string | undefined };
  static getDerivedStateFromError(e: unknown): { failed: string } {
    return { failed: e instanceof Error ? e.message : String(e) };
  }
  override componentDidUpdate(before: { retry: string }): void {
    if (before.retry !== this.props.retry && this.state.failed !== undefined)
      this.setState({ failed: undefined });
  }
  override render(): ReactNode {
    if (this.state.failed === undefined) return this.props.children;
    return (
      <p className="notice problem" role="alert" data-testid="problem">
        This page could not be drawn for this choice ({this.state.failed}). Choose another
        commodity, date or page; the figures are also in the tables of the other pages.
      </p>
    );
  }
}

function Page({ page }: { page: PageId }): ReactNode {
  switch (page) {
    case "overview":
      return <OverviewPage />;
    case "trends":
      return <TrendsPage />;
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

/** The periods the period control offers: the latest with figures, or a year from 2018. */
function periodChoices(today: string): string[] {
  const out: string[] = [];
  for (let y = Number(today.slice(0, 4)); y >= 2018; y--) out.push(String(y));
  return out;
}

/** The address bar's view, followed through pushState, back, forward and edited hashes. */
function useView(): [ViewState, (patch: Partial<ViewState>, replace?: boolean) => void] {
  const [view, setView] = useState(() => viewFromHash(window.location.hash));
  // The latest view, so that a change made from an older render (a slider settling after the
  // commodity changed) patches what is shown now, not what was shown then.
  const latest = useRef(view);
  latest.current = view;
  useEffect(() => {
    const on = () => setView(viewFromHash(window.location.hash));
    window.addEventListener("hashchange", on);
    window.addEventListener("popstate", on);
    return () => {
      window.removeEventListener("hashchange", on);
      window.removeEventListener("popstate", on);
    };
  }, []);
  const change = useCallback((patch: Partial<ViewState>, replace = false) => {
    const v = { ...latest.current, ...patch };
    latest.current = v;
    const hash = hashOfView(v);
    if (hash !== window.location.hash) {
      if (replace) window.history.replaceState(null, "", hash);
      else window.history.pushState(null, "", hash);
    }
    setView(v);
  }, []);
  return [view, change];
}

/**
 * The date slider: its stops are quarter ends and today (and the date of the address, when it
 * is none of them). Moving it shows the date at once; the view (and every request) follows
 * once it has rested for a moment, so a held arrow key asks the API once.
 */
function DateSlider(props: {
  asOf: string;
  dates: string[];
  onChange: (d: string) => void;
  id: string;
}): ReactNode {
  const { asOf, dates, onChange } = props;
  const [moving, setMoving] = useState<string>();
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);
  const shown = moving ?? asOf;
  const index = Math.max(0, dates.indexOf(shown));
  return (
    <>
      <input
        id={props.id}
        type="range"
        min={0}
        max={dates.length - 1}
        step={1}
        value={index}
        aria-valuetext={shown}
        onChange={(e) => {
          const d = dates[Number(e.target.value)] ?? asOf;
          setMoving(d);
          clearTimeout(timer.current);
          timer.current = setTimeout(() => {
            setMoving(undefined);
            onChange(d);
          }, SETTLE_MS);
        }}
      />
      <output htmlFor={props.id} data-testid="as-of">
        {shown}
      </output>
    </>
  );
}

/** How long a slider rests before the view follows it. */
const SETTLE_MS = 350;

/**
 * "Loading…" in the header while any request is under way; `data-read-ahead` is 1 once the
 * other pages' code and first figures for the current selection are in (see read-ahead.tsx).
 */
function BusyIndicator({ readAhead }: { readAhead: boolean }): ReactNode {
  const busy = useBusy();
  return (
    <output
      className="busy"
      aria-live="polite"
      data-testid="busy"
      data-busy={busy ? "1" : "0"}
      data-read-ahead={readAhead ? "1" : "0"}
    >
      {busy ? "Loading…" : ""}
    </output>
  );
}

export function App(): ReactNode {
  const caps = useCapabilities();
  const [view, setView] = useView();
  const today = useMemo(todayIso, []);
  const asOf = view.asOf ?? today;
  const dates = useMemo(() => {
    const stops = sliderDates(today);
    return stops.includes(asOf) ? stops : [...stops, asOf].sort();
  }, [today, asOf]);
  const { commodity } = view;
  const [composed, setComposed] = useState<Scenario[]>([]);
  // Who the caller is decides the rest: a server without --public answers nothing before sign-in.
  const who = useApi<Who>("/api/session");
  const readable = who.data !== undefined;
  const shipped = useApi<ScenarioList>(readable ? "/api/scenarios" : null);
  const snapshot = useApi<Snapshot>(readable ? "/api/snapshot" : null, { asOf });
  // The period in force: the one asked for, else the control report's choice for the commodity
  // and date. Every page reads its figures for it (the same URL as the overview's, fetched once).
  const controlQuery = { commodity, asOf, period: view.period };
  const periodOf = useApi<ControlReport>(readable ? "/api/reports/control" : null, controlQuery);
  const ids = { commodity: useId(), date: useId(), period: useId() };

  // Once the page shown is settled and the browser idle, the other pages' code and first
  // figures are read ahead for this selection (read-ahead.tsx), so opening one waits for neither.
  const selectionNow = useRef<Selection>(undefined);
  const aheadKey =
    readable &&
    caps.data &&
    snapshot.data &&
    shipped.data &&
    periodOf.data?.commodity === commodity &&
    !periodOf.loading
      ? `${commodity}|${asOf}|${view.period ?? ""}|${view.scenario ?? ""}`
      : undefined;
  const [aheadOf, setAheadOf] = useState<string>();
  const pageNow = useRef(view.page);
  pageNow.current = view.page;
  useEffect(() => {
    if (aheadKey === undefined) return;
    let stop = false;
    let idle: number | undefined;
    whenSettled().then(() => {
      if (stop) return;
      idle = window.requestIdleCallback(
        () => {
          const sel = selectionNow.current;
          if (stop || !sel || sel.reportQuery === null) return;
          const code = Object.values(PAGE_CODE).map((c) => c.preload);
          const pages = PAGES.map((p) => p.id);
          readAhead(pageNow.current, sel, pages, code, () => stop).then((done) => {
            if (done && !stop) setAheadOf(aheadKey);
          });
        },
        { timeout: 2000 },
      );
    });
    return () => {
      stop = true;
      if (idle !== undefined) window.cancelIdleCallback(idle);
    };
  }, [aheadKey]);

  // The address always names the date, so a link opens the same day later.
  useEffect(() => {
    if (view.asOf === undefined) setView({ asOf }, true);
  }, [view, asOf, setView]);
  useEffect(() => {
    const label = PAGES.find((p) => p.id === view.page)?.label ?? "";
    document.title = `${label} — Orebook`;
  }, [view.page]);

  const names = useMemo(() => {
    const m = new Map<string, string>();
    const r = snapshot.data?.records;
    for (const x of [...(r?.entities ?? []), ...(r?.assets ?? []), ...(r?.routeNodes ?? [])])
      m.set(x.id, x.name);
    for (const d of r?.deals ?? []) m.set(d.id, d.name);
    return m;
  }, [snapshot.data]);
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

  const choice = periodOf.data?.periodChoice;
  const period =
    choice && !periodOf.loading && periodOf.data?.commodity === commodity
      ? { period: choice.period, how: choice.how, label: choice.label }
      : undefined;
  const update = (patch: Partial<ViewState>, replace = false) =>
    setView(view.asOf === undefined ? { asOf, ...patch } : patch, replace);
  const href = (page: PageId, focus?: string, extra?: Record<string, string>) =>
    hashOfView({
      ...view,
      asOf,
      page,
      focus,
      extra: extra ?? (page === view.page ? view.extra : {}),
    });

  const selection: Selection = {
    commodity,
    asOf,
    requestedPeriod: view.period,
    period,
    controlQuery,
    reportQuery:
      view.period !== undefined || period !== undefined
        ? { commodity, asOf, period: view.period ?? period?.period }
        : null,
    scenario: view.scenario,
    setScenario: (scenario, page) =>
      update(page ? { scenario, page, focus: undefined } : { scenario }),
    scenarios: [
      ...(shipped.data?.items ?? []).map((i) => ({
        key: i.id,
        shippedId: i.id,
        scenario: i.scenario,
      })),
      ...composed.map((c) => ({ key: `composed:${c.name}`, shippedId: null, scenario: c })),
    ],
    composed,
    setComposed,
    capabilities: caps.data,
    role: who.data?.role,
    snapshot: snapshot.data,
    names,
    provenance: (ids, what) => {
      const list = [...new Set(ids)].map((id) => `• ${sources.get(id) ?? id}`);
      return `${what ? `${what}\n` : ""}As of ${asOf}${list.length ? `\nSources:\n${list.join("\n")}` : "\nSources: none named"}`;
    },
    go: (page, focus, extra) => update({ page, focus, extra: extra ?? {} }),
    href,
    focus: view.focus,
    extra: view.extra,
    setExtra: (extra, replace) => update({ extra }, replace),
  };
  selectionNow.current = selection;

  return (
    <SelectionContext.Provider value={selection}>
      {/* A button, not a link: the hash is the page's address, and the skip keeps it. */}
      <button
        type="button"
        className="skip"
        onClick={() => document.getElementById("main")?.focus()}
      >
        Skip to content
      </button>
      <header className="top">
        <div className="brand">
          <strong>Orebook</strong>
          <span>DR Congo critical minerals: ownership, control and flows</span>
        </div>
        <nav aria-label="Pages">
          <ul>
            {PAGES.map((p) => (
              <li key={p.id}>
                <a
                  href={href(p.id, p.id === view.page ? view.focus : undefined)}
                  aria-current={view.page === p.id ? "page" : undefined}
                >
                  {p.label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <div className="controls">
          <span className="control">
            <label htmlFor={ids.commodity}>Commodity</label>
            <select
              id={ids.commodity}
              value={commodity}
              onChange={(e) => update({ commodity: e.target.value })}
            >
              {caps.data.commodities.map((c) => (
                <option key={c} value={c}>
                  {c}
                </option>
              ))}
            </select>
          </span>
          <span className="control">
            <label htmlFor={ids.date}>As of</label>
            <DateSlider
              id={ids.date}
              asOf={asOf}
              dates={dates}
              onChange={(d) => update({ asOf: d })}
            />
          </span>
          <span className="control">
            <label htmlFor={ids.period}>Period</label>
            <select
              id={ids.period}
              value={view.period ?? ""}
              onChange={(e) => update({ period: e.target.value || undefined })}
              title="The production period every figure on the page is read for"
            >
              <option value="">
                Latest with figures{!view.period && period ? ` (${period.period})` : ""}
              </option>
              {periodChoices(today).map((y) => (
                <option key={y} value={y}>
                  {y}
                </option>
              ))}
              {view.period && !periodChoices(today).includes(view.period) && (
                <option value={view.period}>{view.period}</option>
              )}
            </select>
          </span>
          <BusyIndicator readAhead={aheadKey !== undefined && aheadOf === aheadKey} />
          <TokenControl who={who.data} />
        </div>
      </header>
      {/* biome-ignore lint/correctness/useUniqueElementIds: one shell per page; the skip link targets it */}
      <main id="main" tabIndex={-1}>
        {who.error?.status === 401 ? (
          <section className="page sign-in" aria-label="Sign in">
            <h1>Sign in</h1>
            <p>
              This server shares its data with token holders only. Paste the API token its
              administrator gave you (a viewer's token reads every figure; an analyst's also runs
              Monte Carlo and procurement jobs).
            </p>
            <SignInForm className="token-fields" />
          </section>
        ) : (
          <>
            {who.error && <ProblemNotice error={who.error} what="who you are" />}
            {snapshot.error && <ProblemNotice error={snapshot.error} what="the records" />}
            {readable && (
              <Suspense fallback={<Loading what="the page" />}>
                <PageBoundary
                  key={view.page}
                  retry={`${commodity}|${asOf}|${view.period ?? ""}|${view.scenario ?? ""}`}
                >
                  <Page page={view.page} />
                </PageBoundary>
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
