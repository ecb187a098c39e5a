/**
 * A stockpile's status: its coverage (months of the holder country's net imports held) and its
 * shortfall month by month, under the request's scenario against a baseline (the one named, else
 * the data without the scenario). `orebook stockpile status` and `GET /api/reports/stockpile`.
 */
import {
  type StockpileCoverage,
  type StockpileShortfall,
  stockpileCoverage,
  stockpileShortfall,
} from "../engine/stockpile/index.js";
import type { Commodity } from "../model/commodity.js";
import type { World } from "../model/world.js";
import { readingDates, type WorldSource } from "./reading.js";

export interface StockpileStatusRequest {
  asOf?: string | undefined;
  /** A stockpile id or its holder entity. */
  holder: string;
  /** Share of the inventory that cannot be drawn (default 0). */
  unavailable?: number | undefined;
  /** Treat holdings missing from the sources as empty (stated in the result). */
  assumeEmpty?: boolean | undefined;
  /** USER INPUT need in tonnes a year. */
  need?: Partial<Record<Commodity, number>> | undefined;
  /** The year whose months the shortfall examines (default the as-of date's). */
  year?: number | undefined;
  /** The shortfall's baseline on a date (default with a scenario: the data without it). */
  baseline?: ((asOf: string) => Promise<World>) | undefined;
}

export interface StockpileStatus {
  coverage: StockpileCoverage;
  shortfall: StockpileShortfall;
}

/** Coverage and shortfall on the policy's date. */
export async function stockpileStatus(
  source: WorldSource,
  req: StockpileStatusRequest,
): Promise<StockpileStatus> {
  const { asOf } = readingDates(req, source.scenario);
  const world = await source.world(asOf);
  const baseline =
    req.baseline !== undefined
      ? await req.baseline(world.asOf)
      : source.scenario !== undefined
        ? await source.plainWorld(world.asOf)
        : undefined;
  const need = req.need;
  const year = req.year;
  return {
    coverage: stockpileCoverage(world, {
      holder: req.holder,
      unavailableFraction: req.unavailable ?? 0,
      assumeEmpty: req.assumeEmpty === true,
      ...(need ? { need } : {}),
      ...(year !== undefined ? { year } : {}),
    }),
    shortfall: stockpileShortfall(world, {
      holder: req.holder,
      ...(need ? { need } : {}),
      ...(baseline ? { baseline } : {}),
      ...(year !== undefined ? { year } : {}),
    }),
  };
}
