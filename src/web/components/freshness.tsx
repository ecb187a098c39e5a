/**
 * What a headline share is of and how fresh its inputs are, the same on every page: the
 * coverage beside the share ("recorded assets cover 65.7 %"), a mark on a figure read for a
 * later date or period than its own (with its age), and the list of stale inputs for the
 * page's notes. The API computes both (coverage, staleInputs); nothing is estimated here.
 */
import type { ReactNode } from "react";
import type { Coverage, StaleInput } from "../../engine/common/index.js";
import { pct, tonnes } from "../format.js";

/** "of national output · recorded assets cover 65.7 %", or why there is no national total. */
export function CoverageNote({ coverage }: { coverage: Coverage }): ReactNode {
  const c = coverage;
  const title =
    c.nationalTonnes !== null
      ? `National mine production ${c.period}: ${tonnes(c.nationalTonnes)} (${c.sources.join(", ")}); on recorded assets ${tonnes(c.recordedTonnes)}${c.residualTonnes > 0 ? `; not on a recorded asset ${tonnes(c.residualTonnes)}` : ""}`
      : (c.note ?? "No national total");
  let text: string;
  if (c.nationalTonnes === null) text = "of recorded assets · no national total to cover";
  else if (c.basis === "national")
    text = `of national output · recorded assets cover ${pct(c.share)}`;
  else text = `of recorded assets · they cover ${pct(c.share)} of national output`;
  return (
    <span className="coverage-note" data-testid="coverage-note" title={title}>
      {text}
    </span>
  );
}

/** A headline share with what it is of: "China 28.8 % of national output · …". */
export function HeadlineShare({
  name,
  share,
  coverage,
  what,
}: {
  name: string;
  share: number;
  coverage: Coverage;
  /** What the share measures, e.g. "attributable". */
  what?: string;
}): ReactNode {
  return (
    <p className="headline-share" data-testid="headline-share">
      <strong>
        {name} {pct(share)}
      </strong>{" "}
      <CoverageNote coverage={coverage} />
      {what ? <span className="muted"> ({what})</span> : null}
    </p>
  );
}

const age = (y: number) => `${Number.isInteger(y) ? y : y.toFixed(1)} yr`;

/**
 * A mark beside a figure that rests on inputs older than what it stands for: "stale: 2025
 * figures, 1 yr old", the items in its title. Nothing when there are none.
 */
export function StaleMark({ items }: { items: readonly StaleInput[] }): ReactNode {
  if (items.length === 0) return null;
  const oldest = items.reduce((a, b) => (b.ageYears > a.ageYears ? b : a));
  const dates = [...new Set(items.map((i) => i.date))].sort();
  const ages = new Set(items.map((i) => i.ageYears));
  const label =
    dates.length === 1
      ? `${dates[0]} figure${items.length === 1 ? "" : "s"}, ${ages.size === 1 ? "" : "up to "}${age(oldest.ageYears)} old`
      : `${items.length} inputs of ${dates[0]}–${dates.at(-1)}, up to ${age(oldest.ageYears)} old`;
  return (
    <span
      className="stale-mark"
      data-testid="stale-mark"
      title={items.map((i) => `${i.what} (${i.record}): ${age(i.ageYears)} old`).join("\n")}
    >
      stale: {label}
    </span>
  );
}

/** The stale inputs for a page's notes: each with its age, what it is and what it bears on. */
export function StaleInputsList({ items }: { items: readonly StaleInput[] }): ReactNode {
  if (items.length === 0) return null;
  return (
    <div data-testid="stale-inputs">
      <p>
        Stale inputs ({items.length}): figures used for a later date or period than their own,
        largest tonnes first.
      </p>
      <ul>
        {items.map((i) => (
          <li key={`${i.kind}:${i.record}`}>
            <span className="stale-age">{age(i.ageYears)}</span> {i.what}{" "}
            <span className="muted">[{i.record}]</span>: bears on{" "}
            {i.affects ?? `${tonnes(i.tonnes)}${i.share !== null ? ` (${pct(i.share)})` : ""}`}
          </li>
        ))}
      </ul>
    </div>
  );
}
