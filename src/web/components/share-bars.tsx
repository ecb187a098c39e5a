/** A horizontal bar chart of shares (0–1), drawn in SVG with a text alternative in its label. */
import type { ReactNode } from "react";
import { pct } from "../format.js";

export interface Bar {
  key: string;
  label: string;
  value: number;
  colour: string;
  title: string;
}

export function ShareBars({ label, rows }: { label: string; rows: Bar[] }): ReactNode {
  const h = 22;
  const labelW = 170;
  const w = 560;
  const max = Math.max(0.0001, ...rows.map((r) => r.value));
  return (
    <svg
      className="bars"
      viewBox={`0 0 ${w} ${rows.length * h + 4}`}
      role="img"
      aria-label={`${label}: ${rows.map((r) => `${r.label} ${pct(r.value)}`).join(", ")}`}
    >
      {rows.map((r, i) => (
        <g key={r.key} transform={`translate(0 ${i * h + 2})`}>
          <title>{r.title}</title>
          <text x={labelW - 6} y={h / 2 + 4} textAnchor="end" className="bar-label">
            {r.label.length > 22 ? `${r.label.slice(0, 21)}…` : r.label}
          </text>
          <rect
            x={labelW}
            y={3}
            width={Math.max(1, ((w - labelW - 60) * r.value) / max)}
            height={h - 6}
            fill={r.colour}
          />
          <text
            x={labelW + ((w - labelW - 60) * r.value) / max + 4}
            y={h / 2 + 4}
            className="bar-value"
          >
            {pct(r.value)}
          </text>
        </g>
      ))}
    </svg>
  );
}
