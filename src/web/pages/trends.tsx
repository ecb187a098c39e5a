/**
 * Over time: the commodity from 2018 to the date chosen, year by year (GET /api/reports/series):
 * country shares in the four control views, the leading companies' shares (each along its own
 * chain), output and exports, and concentration (HHI), with the dated events that explain a
 * break in a line (export bans and quotas, deals signed, closed or collapsed, sites an armed
 * group took or left) marked on the time axis and listed with their sources.
 */
import { type ReactNode, useState } from "react";
import { useApi } from "../api.js";
import { type Column, DataTable } from "../components/data-table.js";
import {
  type ChartEvent,
  type ChartSeries,
  LineChart,
  yearFraction,
} from "../components/line-chart.js";
import { Loading, NotInBuild, ProblemNotice } from "../components/notice.js";
import { PageTitle } from "../components/page-title.js";
import { Section } from "../components/section.js";
import { colourOf, hhi, pct, tonnes } from "../format.js";
import { useSelection } from "../selection.js";

type ShareView = "location" | "attributable" | "consolidated" | "deFacto";

/** The series as GET /api/reports/series answers it. */
export interface ControlSeries {
  commodity: string;
  from: number;
  to: number;
  asOf: string;
  basis: string;
  points: {
    year: number;
    asOf: string;
    label: string | null;
    producedTonnes: number;
    exportedTonnes: number;
    openMarketShare: number | null;
    hhi: Record<ShareView | "buyerCountry", number | null>;
    countries: ({ country: string; name: string } & Record<ShareView, number | null>)[];
    companies: { id: string; name: string; share: number | null }[];
    coverage: {
      basis: "national" | "recorded";
      nationalTonnes: number | null;
      share: number | null;
      sources: string[];
    };
    yearComplete: boolean;
  }[];
  events: {
    date: string;
    kind: "ban" | "quota" | "deal" | "seizure" | "withdrawal";
    label: string;
    record: string;
    sources: string[];
  }[];
}
type SeriesEvent = ControlSeries["events"][number];

const VIEW_LABEL: Record<ShareView, string> = {
  location: "Location",
  attributable: "Attributable interest",
  consolidated: "Consolidated control",
  deFacto: "De facto control",
};
const EVENT_COLOUR: Record<SeriesEvent["kind"], string> = {
  ban: "#c0392b",
  quota: "#d68910",
  deal: "#1f5fa8",
  seizure: "#4a235a",
  withdrawal: "#148f77",
};
const EVENT_WORD: Record<SeriesEvent["kind"], string> = {
  ban: "Export ban",
  quota: "Export quota",
  deal: "Deal",
  seizure: "Site taken",
  withdrawal: "Site left",
};
const COMPANY_COLOURS = [
  "#c0392b",
  "#1f5fa8",
  "#2e8b57",
  "#8e44ad",
  "#d68910",
  "#5d6d7e",
  "#16a085",
];

/** Round tick steps for a value axis from 0 to at least `max`. */
function ticksFor(max: number): { top: number; ticks: number[] } {
  if (!(max > 0)) return { top: 1, ticks: [0, 1] };
  const raw = max / 4;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? raw;
  const top = Math.ceil(max / step) * step;
  const ticks: number[] = [];
  for (let t = 0; t <= top + step / 2; t += step) ticks.push(t);
  return { top, ticks };
}

/** "2018", "2018 and 2026", "2018, 2019 and 2026". */
function yearList(years: number[]): string {
  if (years.length <= 1) return years.join("");
  return `${years.slice(0, -1).join(", ")} and ${years.at(-1)}`;
}

/** What a year's shares are of, in words (hover text). */
function coverageText(p: ControlSeries["points"][number]): string {
  const c = p.coverage;
  if (c.nationalTonnes === null)
    return "No national total for the year: shares of the recorded assets' output only";
  if (c.basis === "recorded")
    return `The recorded assets' output exceeds the national total of ${tonnes(c.nationalTonnes)} (the sources count differently): shares of the recorded output`;
  return `Shares of the national output, ${tonnes(c.nationalTonnes)}; recorded assets cover ${pct(c.share)}`;
}

/** Thousands of tonnes as "151 kt", smaller as "850 t". */
function shortTonnes(t: number): string {
  if (t >= 1e6) return `${(t / 1e6).toLocaleString("en-US", { maximumFractionDigits: 1 })} Mt`;
  if (t >= 1e3) return `${Math.round(t / 1e3).toLocaleString("en-US")} kt`;
  return `${Math.round(t)} t`;
}

export function TrendsPage(): ReactNode {
  const { commodity, asOf, capabilities, provenance } = useSelection();
  const has = capabilities.has("get", "/api/reports/series");
  const series = useApi<ControlSeries>(has ? "/api/reports/series" : null, { commodity, asOf });
  const [view, setView] = useState<ShareView>("attributable");
  if (!has)
    return (
      <div className="page">
        <PageTitle period={false}>Over time</PageTitle>
        <NotInBuild route="GET /api/reports/series" what="The series over time" />
      </div>
    );
  if (series.error) return <ProblemNotice error={series.error} what="the series" />;
  if (!series.data) return <Loading what="the series" />;
  const s = series.data;
  const events: ChartEvent[] = s.events.map((e, i) => ({
    key: `${e.record}-${e.date}-${i}`,
    x: yearFraction(e.date),
    mark: String(i + 1),
    colour: EVENT_COLOUR[e.kind],
    title: provenance(e.sources, `${i + 1}. ${e.date}: ${e.label}`),
  }));
  const pointTitle = (year: number, what: string, value: string) => {
    const p = s.points.find((x) => x.year === year);
    return `${what}, ${year}: ${value}${p?.label ? `\n${p.label}` : ""}${p ? `\n${coverageText(p)}` : ""}\nRead on ${p?.asOf ?? ""}`;
  };
  // Years whose shares rest on a weaker basis: no national total, or the year not yet over.
  const weak = (p: ControlSeries["points"][number]) =>
    p.producedTonnes > 0 && (p.coverage.basis === "recorded" || !p.yearComplete);
  const onRecorded = s.points.filter(
    (p) => p.producedTonnes > 0 && p.coverage.basis === "recorded",
  );
  const recordedYears = onRecorded
    .filter((p) => p.coverage.nationalTonnes === null)
    .map((p) => p.year);
  const exceedYears = onRecorded
    .filter((p) => p.coverage.nationalTonnes !== null)
    .map((p) => p.year);
  const openYears = s.points.filter((p) => !p.yearComplete).map((p) => p.year);
  // The countries that ever hold a share in the view, largest first.
  const countryKeys = new Map<string, { name: string; peak: number }>();
  for (const p of s.points)
    for (const c of p.countries) {
      const v = c[view] ?? 0;
      const was = countryKeys.get(c.country);
      if (v > 0 && (!was || v > was.peak)) countryKeys.set(c.country, { name: c.name, peak: v });
    }
  const countries = [...countryKeys.entries()].sort((a, b) => b[1].peak - a[1].peak).slice(0, 8);
  const shareSeries: ChartSeries[] = countries.map(([key, c]) => ({
    key,
    label: c.name,
    colour: colourOf(key),
    points: s.points.map((p) => {
      const v = p.countries.find((x) => x.country === key)?.[view];
      // A country absent from a year holds none of it; the output on no recorded asset is not
      // known at all in a year without a national total, so it is a gap, not a zero.
      const unknown = key === "not-on-a-recorded-asset" && p.coverage.nationalTonnes === null;
      const y = v === undefined ? (p.producedTonnes > 0 && !unknown ? 0 : null) : v;
      return {
        x: p.year,
        y,
        title: pointTitle(p.year, `${c.name}, ${VIEW_LABEL[view].toLowerCase()}`, pct(y)),
        uncertain: weak(p),
      };
    }),
  }));
  const companyIds = s.points[0]?.companies.map((c) => c.id) ?? [];
  const companySeries: ChartSeries[] = companyIds.map((id, i) => {
    const name = s.points.find((p) => p.companies.length)?.companies.find((c) => c.id === id)?.name;
    return {
      key: id,
      label: name ?? id,
      colour: COMPANY_COLOURS[i % COMPANY_COLOURS.length] as string,
      points: s.points.map((p) => {
        const y = p.companies.find((c) => c.id === id)?.share ?? null;
        return { x: p.year, y, title: pointTitle(p.year, name ?? id, pct(y)), uncertain: weak(p) };
      }),
    };
  });
  const tonnesMax = Math.max(
    0,
    ...s.points.flatMap((p) => [
      p.producedTonnes,
      p.exportedTonnes,
      p.coverage.nationalTonnes ?? 0,
    ]),
  );
  const tt = ticksFor(tonnesMax);
  const volumeSeries: ChartSeries[] = [
    {
      key: "national",
      label: "National mine output",
      colour: "#7b7d7d",
      points: s.points.map((p) => ({
        x: p.year,
        y: p.coverage.nationalTonnes,
        title: pointTitle(
          p.year,
          "National mine output",
          p.coverage.nationalTonnes === null
            ? "no national total in the dataset"
            : tonnes(p.coverage.nationalTonnes),
        ),
      })),
    },
    {
      key: "produced",
      label: "Output counted",
      colour: "#2e8b57",
      points: s.points.map((p) => ({
        x: p.year,
        y: p.producedTonnes > 0 ? p.producedTonnes : null,
        title: pointTitle(p.year, "Output counted", tonnes(p.producedTonnes)),
        uncertain: !p.yearComplete,
      })),
    },
    {
      key: "exported",
      label: "Exported",
      colour: "#1f5fa8",
      points: s.points.map((p) => ({
        x: p.year,
        y: p.producedTonnes > 0 ? p.exportedTonnes : null,
        title: pointTitle(p.year, "Exported", tonnes(p.exportedTonnes)),
      })),
    },
  ];
  const hhiSeries: ChartSeries[] = (
    [
      ["location", "Location", "#7d6608"],
      ["attributable", "Attributable", "#1f5fa8"],
      ["consolidated", "Consolidated", "#c0392b"],
      ["deFacto", "De facto", "#4a235a"],
      ["buyerCountry", "Buyer country (lower bound)", "#16a085"],
    ] as const
  ).map(([k, label, colour]) => ({
    key: k,
    label,
    colour,
    points: s.points.map((p) => ({
      x: p.year,
      y: p.hhi[k],
      title: pointTitle(
        p.year,
        `HHI, ${label.toLowerCase()}`,
        `${hhi(p.hhi[k])}${k === "buyerCountry" && p.openMarketShare ? ` (${pct(p.openMarketShare)} of exports to unrecorded buyers)` : ""}`,
      ),
    })),
  }));
  const eventColumns: Column<SeriesEvent & { n: number }>[] = [
    { header: "No.", cell: (e) => e.n, numeric: true },
    { header: "Date", cell: (e) => e.date },
    { header: "Kind", cell: (e) => EVENT_WORD[e.kind] },
    {
      header: "What happened",
      cell: (e) => e.label,
      title: (e) => provenance(e.sources, e.label),
    },
  ];
  const span = `${s.from}–${s.to}`;
  return (
    <div className="page" aria-busy={series.loading}>
      <PageTitle period={false}>Over time, {span}</PageTitle>
      <p className="lead">
        Each year's output on named assets, read with the records in force on its last day (or{" "}
        {asOf} for {s.to}). A dashed vertical line marks an event; the numbers refer to the list
        below. Hollow marks on the axis: no output recorded for that year. Rings and dashed lines: a
        year whose shares are of the recorded assets' output only (no national total) or that is not
        over yet, so it is not comparable with the others.
      </p>
      {(onRecorded.length > 0 || openYears.length > 0) && (
        <p className="notice" data-testid="series-basis">
          {recordedYears.length > 0 &&
            `${yearList(recordedYears)}: the dataset has no national ${commodity} total, so the shares are of the output on recorded assets only (how much of the country's output that is, is not known). `}
          {exceedYears.length > 0 &&
            `${yearList(exceedYears)}: the recorded assets' output exceeds the national total (the sources count differently), so the shares are of the recorded output. `}
          {openYears.length > 0 &&
            `${yearList(openYears)}: read on ${s.points.find((p) => !p.yearComplete)?.asOf ?? asOf}, before the year's end; its figures are those published so far.`}
        </p>
      )}
      <div className="chart-grid">
        <Section title={`Country shares: ${VIEW_LABEL[view].toLowerCase()}`}>
          <fieldset className="view-switch">
            <legend className="visually-hidden">Share shown in the chart</legend>
            {(Object.keys(VIEW_LABEL) as ShareView[]).map((v) => (
              <button key={v} type="button" aria-pressed={view === v} onClick={() => setView(v)}>
                {VIEW_LABEL[v]}
              </button>
            ))}
          </fieldset>
          <LineChart
            label={`${VIEW_LABEL[view]} share of ${commodity} by country, ${span}`}
            testId="series-countries"
            series={shareSeries}
            yMax={1}
            yTicks={[0, 0.25, 0.5, 0.75, 1]}
            yFormat={(y) => `${Math.round(y * 100)} %`}
            xMode="mid-year"
            events={events}
          />
        </Section>
        <Section title="Companies' shares, each along its own chain">
          <LineChart
            label={`Leading companies' attributable share of ${commodity}, ${span}`}
            testId="series-companies"
            series={companySeries}
            yMax={1}
            yTicks={[0, 0.25, 0.5, 0.75, 1]}
            yFormat={(y) => `${Math.round(y * 100)} %`}
            xMode="mid-year"
            events={events}
          />
          <p className="muted">
            A parent counts what its subsidiaries hold, so the lines of a parent and its subsidiary
            cover the same tonnes and the shares do not add up to 100 %.
          </p>
        </Section>
        <Section title="Output and exports">
          <LineChart
            label={`${commodity} output counted and exported, tonnes, ${span}`}
            testId="series-volumes"
            series={volumeSeries}
            yMax={tt.top}
            yTicks={tt.ticks}
            yFormat={shortTonnes}
            xMode="mid-year"
            events={events}
          />
        </Section>
        <Section title="Concentration (HHI, 0–10,000)">
          <LineChart
            label={`HHI of ${commodity} by view, ${span}`}
            testId="series-hhi"
            series={hhiSeries}
            yMax={10000}
            yTicks={[0, 2500, 5000, 7500, 10000]}
            yFormat={(y) => Math.round(y).toLocaleString("en-US")}
            xMode="mid-year"
            events={events}
          />
        </Section>
      </div>
      <Section title="Events">
        {s.events.length === 0 ? (
          <p>
            No ban, quota, deal or seizure concerning {commodity} is recorded for {span}.
          </p>
        ) : (
          <DataTable
            caption={`Events concerning ${commodity}, ${span}`}
            columns={eventColumns}
            rows={s.events.map((e, i) => ({ ...e, n: i + 1 }))}
            rowKey={(e) => `${e.n}`}
            filename={`events-${commodity}-${span}.csv`}
            testId="series-events"
          />
        )}
      </Section>
      <p className="muted">{s.basis}.</p>
    </div>
  );
}
