/**
 * Which production period a report reads when it is not told, and what to say when the dataset
 * has no figure for it. The one place this policy lives: the control report, the explanation and
 * the scenario evaluation all ask here, so a later change (national totals, coverage) builds on
 * one answer.
 *
 * Without a requested period: the latest year up to the world's date with an actual figure;
 * failing that, the latest year with an estimate or guidance (labelled); failing that, the
 * world's year, with no figure (labelled, and the report lists what it has). A requested period
 * is kept as asked, and labelled when it has no figure; an evaluation may instead let it fall
 * back to the latest earlier year with one (`fallBack`), labelled.
 */
import type { Commodity } from "../../model/commodity.js";
import type { ProductionBasis } from "../../model/production.js";
import type { World } from "../../model/world.js";
import { figuresOfCommodity, productionColumnsOf } from "./production-columns.js";
import { BASIS_ORDER, productionForPeriod } from "./production-for-period.js";

/** How the period was chosen. */
export const PERIOD_CHOICES = [
  /** Asked for, with figures. */
  "requested",
  /** Asked for, with no figure for it: the report counts nothing and says what it has. */
  "requested-without-figures",
  /** Asked for, without any figure: the latest earlier year with one is read instead. */
  "earlier-year",
  /** Not asked: the latest year with an actual figure. */
  "latest-actual",
  /** Not asked, no actual figure: the latest year with an estimate or guidance. */
  "latest-estimate",
  /** Not asked, no figure of any kind up to the date. */
  "no-figure",
  /** Asked for, with no output figure for it but a capacity: the capacity is read (labelled). */
  "requested-capacity",
  /** Not asked, no output figure up to the date: the latest year with a capacity (labelled). */
  "latest-capacity",
] as const;
export type PeriodChoiceKind = (typeof PERIOD_CHOICES)[number];

export interface PeriodChoice {
  /** The period the figures are read for. */
  period: string;
  how: PeriodChoiceKind;
  /** The period asked for, when one was. */
  requested?: string;
  /** The bases of the figures in that period (actual first); empty when there is none. */
  bases: ProductionBasis[];
  /** The latest year with any figure for the commodity up to the date, if any. */
  latestYearWithFigures?: string;
  /** What to show beside the figures when they are not the requested or the latest actual ones. */
  label: string | null;
}

export interface PeriodChoiceOptions {
  period?: string | undefined;
  /** Bases a figure may have to count (default actual, estimate, guidance). */
  bases?: readonly ProductionBasis[];
  /** A requested period without any figure falls back to the latest earlier year with one. */
  fallBack?: boolean;
  /**
   * When no figure of `bases` exists, read capacity figures instead, labelled (default true;
   * moot when `bases` already holds capacity).
   */
  capacityFallback?: boolean;
}

const DEFAULT_BASES: readonly ProductionBasis[] = ["actual", "estimate", "guidance"];

/**
 * The period a report of `commodity` reads in `world`, and how it was chosen. A commodity with
 * no output figure (actual, estimate or guidance) for the period falls back to capacity, with a
 * label: the report then counts what the plants can produce, never nothing without saying why.
 * The report counts capacity exactly when the choice's `bases` holds it.
 */
export function reportPeriodFor(
  world: World,
  commodity: Commodity,
  opts: PeriodChoiceOptions = {},
): PeriodChoice {
  const allowed = opts.bases ?? DEFAULT_BASES;
  const first = chosen(world, commodity, opts, allowed);
  if (first.bases.length > 0 || allowed.includes("capacity") || opts.capacityFallback === false)
    return first;
  const cap = chosen(world, commodity, { ...opts, fallBack: false }, ["capacity"]);
  if (cap.bases.length === 0) return first;
  const what =
    allowed.length === 1 ? allowed[0] : `${allowed.slice(0, -1).join(", ")} or ${allowed.at(-1)}`;
  const asOfYear = world.asOf.slice(0, 4);
  return {
    period: cap.period,
    how: opts.period !== undefined ? "requested-capacity" : "latest-capacity",
    ...(opts.period !== undefined ? { requested: opts.period } : {}),
    bases: cap.bases,
    ...(first.latestYearWithFigures !== undefined
      ? { latestYearWithFigures: first.latestYearWithFigures }
      : {}),
    label: `No ${what} ${commodity} production figure ${opts.period !== undefined ? `for ${opts.period}` : `up to ${asOfYear}`} in the dataset: the figures are ${cap.period} capacity (what the plants can produce, as their owners state it), not output`,
  };
}

function chosen(
  world: World,
  commodity: Commodity,
  opts: PeriodChoiceOptions,
  bases: readonly ProductionBasis[],
): PeriodChoice {
  const allowed = new Set(bases);
  const asOfYear = Number(world.asOf.slice(0, 4));
  const figures = figuresWithTonnes(world, commodity, allowed);
  // The bases of the figures a report would count for the period (a year counts its quarters
  // or halves only when they cover it, as productionForPeriod does).
  const basesIn = (period: string): ProductionBasis[] => {
    const { outputs } = productionForPeriod(world, commodity, period, { bases: [...allowed] });
    return BASIS_ORDER.filter((b) => outputs.some((o) => o.basis === b));
  };
  /** The latest year up to `maxYear` whose figures (of bases `keep`) a report would count. */
  const latestYear = (maxYear: number, keep: (b: ProductionBasis) => boolean) => {
    const years = [
      ...new Set(
        figures
          .filter((p) => keep(p.basis))
          .map((p) => Number(p.period.slice(0, 4)))
          .filter((y) => y <= maxYear),
      ),
    ].sort((a, b) => b - a);
    return years.find((y) => basesIn(String(y)).length > 0)?.toString();
  };
  const latestAny = latestYear(asOfYear, () => true);
  const latest = latestAny !== undefined ? { latestYearWithFigures: latestAny } : {};
  const what = (bases: ProductionBasis[]) =>
    bases.length === 1 ? `${bases[0]}s` : `${bases.slice(0, -1).join(", ")} and ${bases.at(-1)}s`;

  if (opts.period !== undefined) {
    const asked = opts.period;
    const bases = basesIn(asked);
    if (bases.length > 0) return { period: asked, how: "requested", bases, label: null };
    const year = Number(asked.slice(0, 4));
    const earlier = latestYear(/^\d{4}$/.test(asked) ? year - 1 : year, () => true);
    if (opts.fallBack && earlier !== undefined) {
      const b = basesIn(earlier);
      return {
        period: earlier,
        how: "earlier-year",
        requested: asked,
        bases: b,
        latestYearWithFigures: earlier,
        label: `No ${commodity} production figure for ${asked} in the dataset: the figures are ${earlier} ${what(b)}, the latest year before it with any`,
      };
    }
    return {
      period: asked,
      how: "requested-without-figures",
      requested: asked,
      bases: [],
      ...(earlier !== undefined ? { latestYearWithFigures: earlier } : {}),
      label: `No ${commodity} production figure for ${asked} in the dataset${earlier !== undefined ? ` (the latest year with one is ${earlier})` : ""}: no site's tonnes are counted (a national total, where there is one, is all in the row not on a recorded asset); the sites recorded are listed with who holds them`,
    };
  }

  const actual = latestYear(asOfYear, (b) => b === "actual");
  if (actual !== undefined)
    return { period: actual, how: "latest-actual", bases: basesIn(actual), ...latest, label: null };
  if (latestAny !== undefined) {
    const b = basesIn(latestAny);
    return {
      period: latestAny,
      how: "latest-estimate",
      bases: b,
      ...latest,
      label: `No actual ${commodity} production figure up to ${asOfYear} in the dataset: the figures are ${latestAny} ${what(b)}, not reported output`,
    };
  }
  return {
    period: String(asOfYear),
    how: "no-figure",
    bases: [],
    label: `No ${commodity} production figure up to ${asOfYear} in the dataset: no site's tonnes are counted (a national total, where there is one, is all in the row not on a recorded asset); the sites recorded are listed with who holds them`,
  };
}

/**
 * The basis and period of the commodity's figures with tonnes, of the allowed bases (each pair
 * once: what the choice of a year reads), from the world's columns when it has them.
 */
function figuresWithTonnes(
  world: World,
  commodity: Commodity,
  allowed: ReadonlySet<ProductionBasis>,
): { basis: ProductionBasis; period: string }[] {
  // Each pair once, in the order first seen (without a key string made per figure).
  const pairs: { basis: ProductionBasis; period: string }[] = [];
  const seen = new Map<ProductionBasis, Set<string>>();
  const add = (basis: ProductionBasis, period: string) => {
    let periods = seen.get(basis);
    if (!periods) {
      periods = new Set();
      seen.set(basis, periods);
    }
    if (!periods.has(period)) {
      periods.add(period);
      pairs.push({ basis, period });
    }
  };
  const c = productionColumnsOf(world);
  if (c) {
    const of = figuresOfCommodity(c, commodity);
    for (let f = 0; f < of.length; f++) {
      const i = of[f] as number;
      if (Number.isNaN(c.tonnes(i))) continue;
      const basis = c.basis(i);
      if (allowed.has(basis)) add(basis, c.period(i) as string);
    }
  } else
    for (const p of world.production)
      if (p.commodity === commodity && p.tonnes !== null && allowed.has(p.basis))
        add(p.basis, p.period);
  return pairs;
}
