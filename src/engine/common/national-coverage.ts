/**
 * What the shares of a report are of. By default a report's shares are of the national output
 * (the country's mine production for the year, from national-totals.yaml): the tonnes on recorded
 * assets are set against it and the rest is a residual, "not on a recorded asset" (artisanal and
 * unlisted output), with no owner and no country. `recorded` gives shares of the recorded
 * tonnes only. Where no national total exists the shares fall back to the recorded tonnes, with a
 * note, never an error; where the recorded tonnes exceed the national total, they are the
 * denominator and the report says so (no negative residual). See docs/methodology.md.
 */
import type { Commodity } from "../../model/commodity.js";
import { countryNameFor } from "../../model/country.js";
import type { NationalEstimateMethod } from "../../model/country-production.js";
import type { RecordId, SourceId } from "../../model/ids.js";
import type { World } from "../../model/world.js";

export const SHARE_BASES = ["national", "recorded"] as const;
export type ShareBasis = (typeof SHARE_BASES)[number];

/** Another source's national total, and the coverage it would give. */
export interface NationalAlternative {
  tonnes: number;
  /** Recorded tonnes ÷ this total. */
  share: number | null;
  sources: SourceId[];
  note?: string;
}

/** A national total used that is an estimate, not a reported mine-production figure of its year. */
export interface NationalEstimate {
  record: RecordId;
  country: string;
  method: NationalEstimateMethod;
  /** The year whose figure is carried forward, and how many years old it is. */
  fromYear?: number;
  ageYears?: number;
  label: string;
}

export interface Coverage {
  /** The basis asked for. */
  requestedBasis: ShareBasis;
  /** The basis the shares are on: `recorded` when asked, or when no national total exists. */
  basis: ShareBasis;
  /** The countries whose national totals are summed (the countries of the recorded assets). */
  countries: string[];
  period: string;
  /** The statistic's stage (mine production). */
  stage: "mine";
  /** Tonnes on recorded assets (the report's total). */
  recordedTonnes: number;
  /** The preferred national total; null when the dataset has none for the period. */
  nationalTonnes: number | null;
  /** recordedTonnes ÷ nationalTonnes; null without a national total. */
  share: number | null;
  /**
   * National output not on a recorded asset (≥ 0; 0 when the recorded tonnes exceed it). Given
   * on the recorded basis too; only the national basis shows it as a row.
   */
  residualTonnes: number;
  /** Recorded tonnes above the national total (0 when they are within it). */
  excessTonnes: number;
  /** The tonnes every share of the report is of. */
  denominatorTonnes: number;
  /** The national-total records used. */
  records: RecordId[];
  sources: SourceId[];
  /** The other sources' totals (a range of national output), each with its coverage. */
  alternatives: NationalAlternative[];
  /** The totals used that are estimates (exports standing in, a year carried forward, derived). */
  estimates: NationalEstimate[];
  /** What to say beside the figures (no total, a range, an excess); null when nothing. */
  note: string | null;
}

export interface CoverageOptions {
  commodity: Commodity;
  period: string;
  recordedTonnes: number;
  /** Countries of the output counted (or, when nothing is counted, of the sites recorded). */
  countries: readonly string[];
  basis?: ShareBasis;
}

const ESTIMATE_WORDS: Record<NationalEstimateMethod, string> = {
  "exports-proxy": "official exports standing in for mine output",
  "carried-forward": "an earlier year carried forward",
  derived: "derived from sourced inputs",
};

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const t = (x: number) => Math.round(x).toLocaleString("en-US");

/** The coverage of `recordedTonnes` against the national mine output of `countries`. */
export function coverageFor(world: World, opts: CoverageOptions): Coverage {
  const requestedBasis = opts.basis ?? "national";
  const recorded = opts.recordedTonnes;
  const countries = [...new Set(opts.countries)].sort();
  const isYear = /^\d{4}$/.test(opts.period);
  const year = Number(opts.period.slice(0, 4));
  const totals = countries.map(
    (c) =>
      world.countryProduction.find(
        (p) =>
          p.country === c &&
          p.commodity === opts.commodity &&
          p.year === year &&
          p.stage === "mine",
      ) ?? null,
  );
  const complete = isYear && countries.length > 0 && totals.every((x) => x !== null);
  const found = totals.filter((x) => x !== null);
  const national = complete ? found.reduce((s, x) => s + x.tonnes, 0) : null;
  const where = countries.map(countryNameFor).join(" + ") || "the country";

  // Alternatives: one country's other sources (several countries: each alternative with the
  // others' preferred totals).
  const alternatives: NationalAlternative[] = [];
  if (national !== null)
    for (const rec of found)
      for (const alt of rec.alternatives ?? []) {
        const tonnes = national - rec.tonnes + alt.tonnes;
        alternatives.push({
          tonnes,
          share: tonnes > 0 ? recorded / tonnes : null,
          sources: [...alt.sources],
          ...(alt.note !== undefined ? { note: alt.note } : {}),
        });
      }

  const estimates: NationalEstimate[] =
    national === null
      ? []
      : found.flatMap((rec) => {
          const e = rec.estimate;
          if (e === undefined) return [];
          return [
            {
              record: rec.id,
              country: String(rec.country),
              method: e.method,
              ...(e.fromYear !== undefined
                ? { fromYear: e.fromYear, ageYears: rec.year - e.fromYear }
                : {}),
              label: e.label,
            },
          ];
        });

  const notes: string[] = [];
  for (const e of estimates)
    notes.push(
      `${countryNameFor(e.country)}'s national total for ${year} is an ESTIMATE, not a reported mine-production figure (${ESTIMATE_WORDS[e.method]}${e.fromYear !== undefined ? `: the ${e.fromYear} figure, ${e.ageYears} year${e.ageYears === 1 ? "" : "s"} old` : ""}): ${e.label}`,
    );
  let basis: ShareBasis = requestedBasis;
  if (national === null) {
    if (requestedBasis === "national") basis = "recorded";
    const why = !isYear
      ? `national totals are annual and ${opts.period} is part of a year`
      : countries.length === 0
        ? "no site records where the output is"
        : `the dataset has no ${opts.commodity} mine production total for ${countries
            .filter((_, i) => totals[i] === null)
            .map(countryNameFor)
            .join(", ")} in ${year}`;
    notes.push(
      `No national total: ${why}; ${requestedBasis === "national" ? "the shares are of the tonnes on recorded assets" : "coverage is not known"}`,
    );
  }
  const excess = national !== null ? Math.max(0, recorded - national) : 0;
  const residual = national !== null ? Math.max(0, national - recorded) : 0;
  if (national !== null && excess > 0)
    notes.push(
      `The recorded assets' ${t(recorded)} t exceed ${where}'s national total of ${t(national)} t by ${t(excess)} t (${pct(excess / national)}): the sources count differently (sales or exports against mine output, or a different year); ${basis === "national" ? "the shares are of the recorded tonnes and there is no residual" : "no residual"}`,
    );
  if (alternatives.length > 0 && national !== null)
    notes.push(
      `${where}'s national total is ${t(national)} t (${found.flatMap((x) => x.sources).join(", ")}); other sources give ${alternatives
        .map(
          (a) =>
            `${t(a.tonnes)} t (${a.sources.join(", ")}${a.share !== null ? `: coverage ${pct(a.share)}` : ""})`,
        )
        .join("; ")}`,
    );
  const denominator =
    basis === "national" && national !== null ? Math.max(national, recorded) : recorded;
  return {
    requestedBasis,
    basis,
    countries,
    period: opts.period,
    stage: "mine",
    recordedTonnes: recorded,
    nationalTonnes: national,
    share: national !== null && national > 0 ? recorded / national : null,
    residualTonnes: residual,
    excessTonnes: excess,
    denominatorTonnes: denominator,
    records: found.map((x) => x.id),
    sources: [...new Set(found.flatMap((x) => x.sources))],
    alternatives,
    estimates,
    note: notes.length > 0 ? notes.join(". ") : null,
  };
}
