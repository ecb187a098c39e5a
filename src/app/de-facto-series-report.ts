/**
 * The share of each eastern commodity's recorded output under armed groups' de facto control,
 * year by year: `GET /api/reports/de-facto-series` and the dashboard's chart call it. The worlds
 * are folded here, one per year (its last day, or the request's date if earlier); the series
 * itself is the engine's.
 */
import {
  type DeFactoSeries,
  deFactoSeriesFor,
  EASTERN_COMMODITIES,
  seriesDate,
} from "../engine/ownership/index.js";
import type { Commodity } from "../model/commodity.js";
import { OrebookError } from "../model/errors.js";
import type { World } from "../model/world.js";

export interface DeFactoSeriesRequest {
  /** Default: tin, tantalum, tungsten and gold. */
  commodities?: readonly Commodity[] | undefined;
  /** First and last year (default 2018 and the year of `asOf`). */
  from?: number | undefined;
  to?: number | undefined;
  asOf: string;
}

/** At most this many years in one series. */
export const MAX_SERIES_YEARS = 50;

/** The series, with a clear error for years out of order or too many. */
export async function deFactoSeriesReport(
  worldAt: (asOf: string) => World | Promise<World>,
  req: DeFactoSeriesRequest,
): Promise<DeFactoSeries> {
  const from = req.from ?? 2018;
  const to = req.to ?? Number(req.asOf.slice(0, 4));
  if (to < from)
    throw new OrebookError("BAD_INPUT", `The series ends (${to}) before it starts (${from})`);
  if (to - from + 1 > MAX_SERIES_YEARS)
    throw new OrebookError(
      "BAD_INPUT",
      `The series asks for ${to - from + 1} years, more than ${MAX_SERIES_YEARS}: narrow from and to`,
    );
  const worlds = new Map<string, World>();
  for (let y = from; y <= to; y++) {
    const d = seriesDate(y, req.asOf);
    worlds.set(d, await worldAt(d));
  }
  return deFactoSeriesFor((d) => worlds.get(d) as World, {
    commodities: req.commodities ?? EASTERN_COMMODITIES,
    from,
    to,
    asOf: req.asOf,
  });
}
