/**
 * The armed groups' de facto share of each commodity, year by year, from
 * GET /api/reports/de-facto-series: a line chart and the same figures as a table, each cell with
 * the tonnes, the sites held and what a missing value means on hover.
 */
import type { ReactNode } from "react";
import type { DeFactoSeries, SeriesPoint } from "../../engine/ownership/index.js";
import { pct, tonnes } from "../format.js";
import { LineChart } from "./line-chart.js";

const COLOURS: Record<string, string> = {
  tantalum: "#4a235a",
  tin: "#1f5fa8",
  tungsten: "#a04000",
  gold: "#b7950b",
};

/** A point in words: the share and its tonnes, the sites held, and the label. */
export function pointText(commodity: string, p: SeriesPoint): string {
  const lines = [
    p.share === null
      ? `${commodity} ${p.year}: no share (no tonnes recorded for the year)`
      : `${commodity} ${p.year}: ${pct(p.share)} under armed groups' de facto control (${tonnes(p.heldTonnes)} of ${tonnes(p.totalTonnes)} on ${p.sitesWithFigures} site${p.sitesWithFigures === 1 ? "" : "s"} with a figure), as held on ${p.asOf}`,
  ];
  for (const g of p.byGroup) lines.push(`  ${g.name}: ${tonnes(g.tonnes)}`);
  if (p.sitesHeld.length > 0)
    lines.push(
      `Sites held: ${p.sitesHeld.map((s) => `${s.name} (${s.controller}, ${s.territory}${s.tonnes === null ? ", no figure" : ""})`).join("; ")}`,
    );
  if (p.label) lines.push(p.label);
  return lines.join("\n");
}

export function DeFactoSeriesChart({ series }: { series: DeFactoSeries }): ReactNode {
  const years: number[] = [];
  for (let y = series.from; y <= series.to; y++) years.push(y);
  return (
    <div data-testid="de-facto-series">
      <LineChart
        label={`Armed groups' de facto share of each commodity's recorded output, ${series.from}–${series.to}`}
        testId="de-facto-series-chart"
        yMax={1}
        yTicks={[0, 0.25, 0.5, 0.75, 1]}
        yFormat={(y) => `${Math.round(y * 100)} %`}
        series={series.commodities.map((c) => ({
          key: c.commodity,
          label: c.commodity,
          colour: COLOURS[c.commodity] ?? "#555",
          points: c.points.map((p) => ({
            x: p.year,
            y: p.share,
            title: pointText(c.commodity, p),
          })),
        }))}
      />
      <p className="muted">
        {series.basis}. A hollow mark on the axis: no tonnes recorded for that year (hover for the
        sites held without a figure).
      </p>
      <div className="table-scroll">
        <table data-testid="de-facto-series-table">
          <caption>Share under armed groups' de facto control (sites held in brackets)</caption>
          <thead>
            <tr>
              <th scope="col">Commodity</th>
              {years.map((y) => (
                <th key={y} scope="col" className="num">
                  {y}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {series.commodities.map((c) => (
              <tr key={c.commodity} data-row={c.commodity}>
                <th scope="row">{c.commodity}</th>
                {c.points.map((p) => (
                  <td
                    key={p.year}
                    className="num"
                    title={pointText(c.commodity, p)}
                    data-testid={`series-${c.commodity}-${p.year}`}
                  >
                    {p.share === null ? "—" : pct(p.share)}
                    {p.sitesHeld.length > 0 ? ` (${p.sitesHeld.length})` : ""}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
