/**
 * What one request reads, decided once for the CLI, the API routes and the jobs: the clock
 * (`today`), the date policy (which as-of date and which period, with or without a scenario) and
 * the default stockpile. The world itself comes from a `WorldSource`: the store or a YAML folder
 * for the CLI (`openWorldSource`), the caller's cached snapshot for the API.
 *
 * The date policy: an as-of date asked for wins; else, with a scenario, the scenario's base date;
 * else (for reports whose period sets the date) the last day of the period asked for; else today.
 * A period asked for wins; else the period the scenario names; else (for reports read by the
 * year) the year of the as-of date; else the engine's own default.
 */
import type { Dataset } from "../model/dataset.js";
import { type IsoDate, periodBounds, todayIso } from "../model/dates.js";
import type { World } from "../model/world.js";

/** Today, UTC, as YYYY-MM-DD (`todayIso` of the model: the one place the clock becomes a day). */
export const today: () => IsoDate = todayIso;

/** What the date policy needs of a scenario. */
export interface ScenarioDates {
  baseDate: string;
  period?: string | undefined;
}

/** The dates a request asks for (either may be left out). */
export interface AskedDates {
  asOf?: string | undefined;
  period?: string | undefined;
}

/** The dates a request reads: the as-of date always, the period when one is decided. */
export interface ReadingDates {
  asOf: string;
  period: string | undefined;
}

/** How a report fills what the request and the scenario leave open. */
export interface DateDefaults {
  /** The as-of date is the last day of the period asked for (flows). */
  asOfFromPeriod?: boolean;
  /** The period is the as-of date's year (flows). */
  periodFromAsOf?: boolean;
}

/** The one date policy (see the module's comment). */
export function readingDates(
  asked: AskedDates,
  scenario: ScenarioDates | undefined,
  defaults: DateDefaults = {},
): ReadingDates {
  const asOf =
    asked.asOf ??
    scenario?.baseDate ??
    (defaults.asOfFromPeriod && asked.period !== undefined
      ? periodBounds(asked.period).end
      : today());
  const period =
    asked.period ?? scenario?.period ?? (defaults.periodFromAsOf ? asOf.slice(0, 4) : undefined);
  return { asOf, period };
}

/** The stockpile measured when none is named, if the dataset has it. */
export const DEFAULT_STOCKPILE = "project-vault";

/** The stockpile asked for, else `DEFAULT_STOCKPILE` when the dataset has it, else none. */
export function stockpileHolderFor(
  asked: string | undefined,
  dataset: Pick<Dataset, "stockpiles"> | undefined,
): string | undefined {
  if (asked !== undefined) return asked;
  return dataset?.stockpiles.some((s) => s.id === DEFAULT_STOCKPILE)
    ? DEFAULT_STOCKPILE
    : undefined;
}

/**
 * Where a request's worlds come from: the dataset as the caller may see it (at its known-at),
 * with the request's scenario applied, and the same without the scenario.
 */
export interface WorldSource {
  /** The scenario applied to `world` (undefined: none). */
  readonly scenario: ScenarioDates | undefined;
  /** The world on `asOf`, the scenario applied. */
  world(asOf: string): Promise<World>;
  /** The world on `asOf` without the scenario (the same as `world` when there is none). */
  plainWorld(asOf: string): Promise<World>;
}
