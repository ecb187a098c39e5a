/** What a report's shares are of, in words: the first line's end and the coverage lines. */
import type { Coverage, NationalEstimate, StaleInput } from "../engine/common/index.js";
import { countryNameFor } from "../model/country.js";
import { pct, tonnesText } from "./format.js";

const ESTIMATE_TEXT: Record<NationalEstimate["method"], string> = {
  "exports-proxy": "official exports used for mine output",
  "carried-forward": "an earlier year carried forward",
  derived: "derived from sourced inputs",
};

/** The end of a report's first line: what its shares are of. */
export function headText(r: { totalTonnes: number; coverage: Coverage }): string {
  const c = r.coverage;
  const where = c.countries.map(countryNameFor).join(" + ");
  if (c.basis === "national" && c.nationalTonnes !== null)
    return `: shares of ${where}'s mine production, ${tonnesText(c.denominatorTonnes)} t${c.estimates.length > 0 ? " (ESTIMATE, see below)" : ""} (${c.sources.join(", ")})`;
  return `: shares of the ${tonnesText(r.totalTonnes)} t on recorded assets${c.requestedBasis === "national" ? " (no national total)" : ""}`;
}

/** Coverage in words: recorded against national, the residual, the other sources' totals. */
export function coverageLines(c: Coverage, assets: number): string[] {
  const out: string[] = [];
  const where = c.countries.map(countryNameFor).join(" + ");
  if (c.nationalTonnes === null) {
    if (c.note !== null) out.push(`coverage: not known. ${c.note}`);
    return out;
  }
  const on = `${tonnesText(c.recordedTonnes)} t on ${assets} recorded asset${assets === 1 ? "" : "s"}`;
  if (c.excessTonnes > 0)
    out.push(
      `coverage: ${on}, ${tonnesText(c.excessTonnes)} t MORE than ${where}'s national total of ${tonnesText(c.nationalTonnes)} t (${c.sources.join(", ")}): no residual; shares are of the recorded tonnes`,
    );
  else if (c.basis === "national" && c.denominatorTonnes === 0)
    out.push(
      `coverage: ${on}; ${where}'s national total is 0 t (${c.sources.join(", ")}): no tonnes to take shares of`,
    );
  else if (c.basis === "national")
    out.push(
      `coverage: ${on} (${pct(c.share)}); ${tonnesText(c.residualTonnes)} t (${pct(c.residualTonnes / c.denominatorTonnes)}) not on a recorded asset (artisanal and unlisted output)`,
    );
  else
    out.push(
      `coverage: ${on} = ${pct(c.share)} of ${where}'s mine production, ${tonnesText(c.nationalTonnes)} t (${c.sources.join(", ")}); shares are of the recorded tonnes (basis recorded)`,
    );
  for (const e of c.estimates)
    out.push(
      `  national total ${e.country} is an ESTIMATE (${ESTIMATE_TEXT[e.method]}${e.fromYear !== undefined ? `: the ${e.fromYear} figure, ${e.ageYears} year${e.ageYears === 1 ? "" : "s"} old` : ""}; ${e.record}): ${e.label}`,
    );
  for (const a of c.alternatives)
    out.push(
      `  other national total: ${tonnesText(a.tonnes)} t (${a.sources.join(", ")})${a.share !== null ? `: coverage ${pct(a.share)}` : ""}`,
    );
  return out;
}

/** At most this many stale inputs are printed; the JSON carries them all. */
const STALE_SHOWN = 8;

/** "Stale inputs": the records used for a later date or period than their own, with their age. */
export function staleInputsLines(stale: readonly StaleInput[]): string[] {
  if (stale.length === 0) return [];
  const out = [
    `Stale inputs (${stale.length}: used for a later date or period than their own; largest tonnes first)`,
  ];
  for (const s of stale.slice(0, STALE_SHOWN))
    out.push(
      `  ${s.ageYears.toFixed(1)} yr  ${s.what} [${s.record}]: bears on ${s.affects ?? `${tonnesText(s.tonnes)} t${s.share !== null ? ` (${pct(s.share)})` : ""}`}`,
    );
  if (stale.length > STALE_SHOWN)
    out.push(`  … ${stale.length - STALE_SHOWN} more (--format json lists them all)`);
  return out;
}
