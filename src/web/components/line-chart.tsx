/**
 * A line chart over years, drawn in SVG like the dashboard's other charts: one line per series,
 * a gap where a year has no value (drawn as a hollow mark on the axis, so a missing figure is
 * seen, not hidden), a title on every point and a text alternative in its label. Reusable for
 * any yearly series whose values share one scale.
 */
import { type ReactNode, type RefObject, useEffect, useRef, useState } from "react";

/**
 * The width a chart has on the page, so that one unit of its drawing is one CSS pixel and its
 * text keeps its size on a phone; `fallback` until it is measured.
 */
export function useMeasuredWidth<E extends Element>(
  fallback: number,
): [RefObject<E | null>, number] {
  const ref = useRef<E>(null);
  const [width, setWidth] = useState(fallback);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const measure = () => {
      const w = Math.round(el.getBoundingClientRect().width);
      if (w > 0) setWidth(Math.max(280, Math.min(900, w)));
    };
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  return [ref, width];
}

export interface ChartPoint {
  x: number;
  /** null: no value for that year. */
  y: number | null;
  /** Hover text: the value, what it rests on, its sources. */
  title: string;
  /**
   * A value on a weaker basis than the rest of the series (a year without a national total, or
   * not yet over): drawn as a ring, and the lines into and out of it dashed.
   */
  uncertain?: boolean;
}

/** A dated event marked on the time axis: a dashed line and a numbered mark under the axis. */
export interface ChartEvent {
  key: string;
  /** Where on the axis: a year with its fraction (2025-07-01 ≈ 2025.5). */
  x: number;
  /** The number shown in its mark (the events table lists the same numbers). */
  mark: string;
  colour: string;
  title: string;
}

/** A date as a year with its fraction, for the time axis: 2025-07-02 → 2025.5. */
export function yearFraction(date: string): number {
  const y = Number(date.slice(0, 4));
  const start = Date.UTC(y, 0, 1);
  const end = Date.UTC(y + 1, 0, 1);
  const t = Date.parse(`${date.slice(0, 10)}T00:00:00Z`);
  return y + (t - start) / (end - start);
}

/**
 * A segment of consecutive points cut into runs drawn alike: solid between two certain points,
 * dashed where either end is uncertain.
 */
function pieces(seg: ChartPoint[]): { points: ChartPoint[]; uncertain: boolean }[] {
  const out: { points: ChartPoint[]; uncertain: boolean }[] = [];
  for (let i = 1; i < seg.length; i++) {
    const a = seg[i - 1] as ChartPoint;
    const b = seg[i] as ChartPoint;
    const uncertain = a.uncertain === true || b.uncertain === true;
    const last = out.at(-1);
    if (last && last.uncertain === uncertain) last.points.push(b);
    else out.push({ points: [a, b], uncertain });
  }
  return out;
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
  /**
   * "mid-year": each point stands for a whole year and sits in its middle, between year
   * boundaries drawn as grid lines (so dated events fall where they happened in the year).
   */
  xMode?: "year" | "mid-year";
  events?: ChartEvent[];
}

export function LineChart(props: LineChartProps): ReactNode {
  const [box, measured] = useMeasuredWidth<HTMLDivElement>(props.width ?? 560);
  return (
    <div ref={box} className="line-chart-box">
      <LineChartSvg {...props} width={props.width ?? measured} />
    </div>
  );
}

function LineChartSvg(props: LineChartProps): ReactNode {
  const W = props.width ?? 560;
  const left = 48;
  const right = 24;
  const top = 10;
  const plotH = 180;
  const legendRow = 18;
  // Legend columns as wide as the longest label needs (12 px text), as many as fit.
  const longest = Math.max(4, ...props.series.map((s) => s.label.length));
  const colW = Math.min(W - 60, Math.ceil(longest * 6.6) + 24);
  const perRow = Math.max(1, Math.min(props.series.length, Math.floor((W - 48) / colW)));
  const legendRows = Math.ceil(props.series.length / perRow);
  const maxChars = Math.max(6, Math.floor((colW - 24) / 6.6));
  const events = props.events ?? [];
  const mid = props.xMode === "mid-year";
  const xs = props.series.flatMap((s) => s.points.map((p) => p.x));
  const first = Math.min(...xs);
  const last = Math.max(...xs);
  // In mid-year mode the axis runs from the first year's start to the last year's end.
  const x0 = first;
  const x1 = mid ? last + 1 : last;
  const at = (x: number) => (mid ? x + 0.5 : x);
  const sxRaw = (x: number) =>
    x1 === x0 ? left + (W - left - right) / 2 : left + ((x - x0) / (x1 - x0)) * (W - left - right);
  const sx = (x: number) => sxRaw(at(x));
  // Event marks never overlap: one too close to a mark already placed goes a row lower.
  const lanes: number[] = [];
  const laneOf = new Map<string, number>();
  for (const e of [...events].sort((a, b) => a.x - b.x || a.key.localeCompare(b.key))) {
    const px = sxRaw(e.x);
    let lane = lanes.findIndex((end) => px - end >= 16);
    if (lane < 0) lane = lanes.length;
    lanes[lane] = px;
    laneOf.set(e.key, lane);
  }
  const eventRow = lanes.length * 17;
  const H = top + plotH + 26 + eventRow + (eventRow ? 6 : 0) + legendRows * legendRow + 6;
  const sy = (y: number) => top + plotH - (y / props.yMax) * plotH;
  const years: number[] = [];
  for (let y = first; y <= last; y++) years.push(y);
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
      {mid &&
        [...years, last + 1].map((y) => (
          <line
            key={`b${y}`}
            x1={sxRaw(y)}
            x2={sxRaw(y)}
            y1={top}
            y2={top + plotH}
            stroke="#eef1f5"
          />
        ))}
      {events.map((e) => (
        <g key={e.key} data-event={e.key} className="chart-event">
          <title>{e.title}</title>
          <line
            x1={sxRaw(e.x)}
            x2={sxRaw(e.x)}
            y1={top}
            y2={top + plotH + 23 + (laneOf.get(e.key) ?? 0) * 17}
            stroke={e.colour}
            strokeDasharray="3 3"
            strokeWidth={1.2}
          />
          <circle
            cx={sxRaw(e.x)}
            cy={top + plotH + 30 + (laneOf.get(e.key) ?? 0) * 17}
            r={7}
            fill={e.colour}
          />
          <text
            x={sxRaw(e.x)}
            y={top + plotH + 33.5 + (laneOf.get(e.key) ?? 0) * 17}
            textAnchor="middle"
            className="event-mark"
          >
            {e.mark}
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
              .flatMap((seg) => pieces(seg))
              .map((piece) => (
                <polyline
                  key={`${s.key}-${piece.points[0]?.x}`}
                  points={piece.points
                    .map((p) => `${sx(p.x)},${sy(p.y as number) + nudge}`)
                    .join(" ")}
                  fill="none"
                  stroke={s.colour}
                  strokeWidth={2}
                  {...(piece.uncertain ? { strokeDasharray: "4 3" } : {})}
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
                  fill={p.uncertain ? "#fff" : s.colour}
                  stroke={s.colour}
                  strokeWidth={p.uncertain ? 1.5 : 0}
                  data-point={`${s.key}-${p.x}`}
                  {...(p.uncertain ? { "data-uncertain": "1" } : {})}
                >
                  <title>{p.title}</title>
                </circle>
              ),
            )}
          </g>
        );
      })}
      <g transform={`translate(${left} ${top + plotH + 30 + eventRow + (eventRow ? 6 : 0)})`}>
        {props.series.map((s, i) => (
          <g
            key={s.key}
            transform={`translate(${(i % perRow) * colW} ${Math.floor(i / perRow) * legendRow})`}
          >
            <rect width={10} height={10} fill={s.colour} />
            <text x={14} y={9} className="bar-label">
              {s.label.length > maxChars ? `${s.label.slice(0, maxChars - 1)}…` : s.label}
            </text>
          </g>
        ))}
      </g>
    </svg>
  );
}
