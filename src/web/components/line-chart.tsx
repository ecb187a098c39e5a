/**
 * A line chart over years, drawn in SVG like the dashboard's other charts: one line per series,
 * a gap where a year has no value (drawn as a hollow mark on the axis, so a missing figure is
 * seen, not hidden), a title on every point and a text alternative in its label. Reusable for
 * any yearly series whose values share one scale.
 */
import type { ReactNode } from "react";

export interface ChartPoint {
  x: number;
  /** null: no value for that year. */
  y: number | null;
  /** Hover text: the value, what it rests on, its sources. */
  title: string;
}

export interface ChartSeries {
  key: string;
  label: string;
  colour: string;
  points: ChartPoint[];
}

export interface LineChartProps {
  label: string;
  series: ChartSeries[];
  /** The value axis: its range and how a value reads. */
  yMax: number;
  yTicks: number[];
  yFormat: (y: number) => string;
  testId: string;
  width?: number;
}

export function LineChart(props: LineChartProps): ReactNode {
  const W = props.width ?? 560;
  const left = 48;
  const right = 24;
  const top = 10;
  const plotH = 180;
  const legendRow = 18;
  const legendRows = Math.ceil(props.series.length / 4);
  const H = top + plotH + 26 + legendRows * legendRow + 6;
  const xs = props.series.flatMap((s) => s.points.map((p) => p.x));
  const x0 = Math.min(...xs);
  const x1 = Math.max(...xs);
  const sx = (x: number) =>
    x1 === x0 ? left + (W - left - right) / 2 : left + ((x - x0) / (x1 - x0)) * (W - left - right);
  const sy = (y: number) => top + plotH - (y / props.yMax) * plotH;
  const years: number[] = [];
  for (let y = x0; y <= x1; y++) years.push(y);
  const described = props.series
    .map(
      (s) =>
        `${s.label}: ${s.points.map((p) => `${p.x} ${p.y === null ? "no value" : props.yFormat(p.y)}`).join(", ")}`,
    )
    .join("; ");
  return (
    <svg
      className="bars line-chart"
      viewBox={`0 0 ${W} ${H}`}
      role="img"
      aria-label={`${props.label}. ${described}`}
      data-testid={props.testId}
    >
      {props.yTicks.map((t) => (
        <g key={`y${t}`}>
          <line x1={left} x2={W - right} y1={sy(t)} y2={sy(t)} stroke="#e3e7ec" />
          <text x={left - 6} y={sy(t) + 4} textAnchor="end" className="bar-label">
            {props.yFormat(t)}
          </text>
        </g>
      ))}
      {years.map((y) => (
        <text
          key={`x${y}`}
          x={sx(y)}
          y={top + plotH + 16}
          textAnchor="middle"
          className="bar-label"
        >
          {y}
        </text>
      ))}
      {props.series.map((s, i) => {
        // Consecutive years with values form one segment; a year without a value breaks it.
        const segments: ChartPoint[][] = [];
        let run: ChartPoint[] = [];
        for (const p of [...s.points].sort((a, b) => a.x - b.x)) {
          if (p.y === null || p.x - (run.at(-1)?.x ?? p.x - 1) !== 1) {
            if (run.length > 0) segments.push(run);
            run = [];
          }
          if (p.y !== null) run.push(p);
        }
        if (run.length > 0) segments.push(run);
        // Series drawn on top of each other stay apart by a pixel or two.
        const nudge = (i - (props.series.length - 1) / 2) * 1.6;
        return (
          <g key={s.key} data-series={s.key}>
            {segments
              .filter((seg) => seg.length > 1)
              .map((seg) => (
                <polyline
                  key={`${s.key}-${seg[0]?.x}`}
                  points={seg.map((p) => `${sx(p.x)},${sy(p.y as number) + nudge}`).join(" ")}
                  fill="none"
                  stroke={s.colour}
                  strokeWidth={2}
                />
              ))}
            {s.points.map((p) =>
              p.y === null ? (
                <circle
                  key={p.x}
                  cx={sx(p.x)}
                  cy={top + plotH + 4 + i * 0.01}
                  r={2.5}
                  fill="#fff"
                  stroke={s.colour}
                  data-point={`${s.key}-${p.x}`}
                >
                  <title>{p.title}</title>
                </circle>
              ) : (
                <circle
                  key={p.x}
                  cx={sx(p.x)}
                  cy={sy(p.y) + nudge}
                  r={3.5}
                  fill={s.colour}
                  data-point={`${s.key}-${p.x}`}
                >
                  <title>{p.title}</title>
                </circle>
              ),
            )}
          </g>
        );
      })}
      <g transform={`translate(${left} ${top + plotH + 30})`}>
        {props.series.map((s, i) => (
          <g key={s.key} transform={`translate(${(i % 4) * 125} ${Math.floor(i / 4) * legendRow})`}>
            <rect width={10} height={10} fill={s.colour} />
            <text x={14} y={9} className="bar-label">
              {s.label.length > 16 ? `${s.label.slice(0, 15)}…` : s.label}
            </text>
          </g>
        ))}
      </g>
    </svg>
  );
}
