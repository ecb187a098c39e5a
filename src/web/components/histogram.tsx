/**
 * A histogram of Monte Carlo runs, drawn in SVG like the dashboard's other charts: one bar per
 * bin (its height the share of runs in it), the P10, P50 and P90 marked as lines, a title on
 * every bar and a text alternative in its label. The bins come from the engine (`histogram` of
 * a distribution); nothing is re-binned here.
 */
import type { ReactNode } from "react";

export interface HistogramBar {
  from: number;
  to: number;
  count: number;
}

export interface HistogramProps {
  label: string;
  bins: readonly HistogramBar[];
  /** Percentiles to mark (null: not computed). */
  marks?: { name: string; value: number | null }[];
  format: (x: number) => string;
  testId: string;
  width?: number;
}

export function Histogram(props: HistogramProps): ReactNode {
  const W = props.width ?? 360;
  const left = 36;
  const right = 12;
  const top = 8;
  const plotH = 110;
  const H = top + plotH + 34;
  const total = props.bins.reduce((s, b) => s + b.count, 0);
  if (total === 0 || props.bins.length === 0)
    return (
      <p className="notice" data-testid={props.testId}>
        {props.label}: no run gave a value.
      </p>
    );
  const lo = props.bins[0]?.from ?? 0;
  const hi = props.bins[props.bins.length - 1]?.to ?? lo;
  const span = hi - lo;
  const plotW = W - left - right;
  // One value for every run: a single bar across the middle third.
  const sx = (x: number) => (span === 0 ? left + plotW / 2 : left + ((x - lo) / span) * plotW);
  const barX = (b: HistogramBar) => (span === 0 ? left + plotW / 3 : sx(b.from));
  const barW = (b: HistogramBar) =>
    span === 0 ? plotW / 3 : Math.max(1, sx(b.to) - sx(b.from) - 1);
  const maxShare = Math.max(...props.bins.map((b) => b.count / total));
  const sy = (share: number) => top + plotH - (share / maxShare) * plotH;
  const pct = (x: number) => `${(x * 100).toFixed(x < 0.01 && x > 0 ? 2 : 1)}%`;
  const binText = (b: HistogramBar) =>
    `${span === 0 ? props.format(b.from) : `${props.format(b.from)}–${props.format(b.to)}`}: ${b.count} runs (${pct(b.count / total)})`;
  const described = props.bins
    .filter((b) => b.count > 0)
    .map(binText)
    .join("; ");
  return (
    <svg
      className="bars histogram"
      viewBox={`0 0 ${W} ${H}`}
      role="img"
      aria-label={`${props.label}, ${total} runs. ${described}`}
      data-testid={props.testId}
    >
      <line x1={left} x2={W - right} y1={top + plotH} y2={top + plotH} stroke="#9aa5b1" />
      <text x={left - 4} y={top + 8} textAnchor="end" className="bar-label">
        {pct(maxShare)}
      </text>
      {props.bins.map((b) => (
        <rect
          key={`${b.from}-${b.to}`}
          x={barX(b)}
          y={sy(b.count / total)}
          width={barW(b)}
          height={top + plotH - sy(b.count / total)}
          fill="#4a7fb5"
          data-count={b.count}
        >
          <title>{binText(b)}</title>
        </rect>
      ))}
      {(props.marks ?? [])
        .filter((m): m is { name: string; value: number } => m.value !== null)
        .map((m, i) => (
          <g key={m.name} data-mark={m.name}>
            <line
              x1={sx(m.value)}
              x2={sx(m.value)}
              y1={top}
              y2={top + plotH}
              stroke="#c0392b"
              strokeDasharray="3 2"
            />
            <text
              x={sx(m.value)}
              y={top + 9 + i * 10}
              textAnchor="start"
              dx={3}
              className="bar-label"
            >
              {m.name}
            </text>
          </g>
        ))}
      <text x={left} y={top + plotH + 14} textAnchor="start" className="bar-label">
        {props.format(lo)}
      </text>
      {span > 0 && (
        <text x={W - right} y={top + plotH + 14} textAnchor="end" className="bar-label">
          {props.format(hi)}
        </text>
      )}
      <text x={left + plotW / 2} y={top + plotH + 28} textAnchor="middle" className="bar-label">
        {props.label}
      </text>
    </svg>
  );
}
