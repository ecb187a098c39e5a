/**
 * The stockpile part of a scenario evaluation: coverage and shortfall for one stockpile, and
 * the same as `Metric`s for `evaluateWorld` (`opts.stockpile`). Definitions:
 * docs/methodology-stockpile.md.
 */
import type { Commodity } from "../../model/commodity.js";
import type { World } from "../../model/world.js";
import type { UserNeed } from "../stockpile/index.js";
import {
  type StockpileCoverage,
  type StockpileShortfall,
  stockpileCoverage,
  stockpileShortfall,
} from "../stockpile/index.js";
import type { Metric, StockpileMetricsFn } from "./evaluate-scenario.js";

export interface StockpileMetricsOptions {
  /** A stockpile id or its holder entity, e.g. "project-vault". */
  holder: string;
  unavailableFraction?: number;
  assumeEmpty?: boolean;
  need?: UserNeed;
  /** The world without the scenario, for imports from outside the dataset. */
  baseline?: World;
  year?: number;
  commodities?: readonly Commodity[];
}

/**
 * Coverage and shortfall of a stockpile in `world`.
 *
 * @example stockpileMetricsFor(world, { holder: "project-vault", baseline: baseWorld })
 */
export function stockpileMetricsFor(
  world: World,
  opts: StockpileMetricsOptions,
): { coverage: StockpileCoverage; shortfall: StockpileShortfall } {
  const coverage = stockpileCoverage(world, {
    holder: opts.holder,
    ...(opts.unavailableFraction !== undefined
      ? { unavailableFraction: opts.unavailableFraction }
      : {}),
    ...(opts.assumeEmpty !== undefined ? { assumeEmpty: opts.assumeEmpty } : {}),
    ...(opts.need ? { need: opts.need } : {}),
    ...(opts.year !== undefined ? { year: opts.year } : {}),
  });
  const shortfall = stockpileShortfall(world, {
    holder: opts.holder,
    ...(opts.need ? { need: opts.need } : {}),
    ...(opts.baseline ? { baseline: opts.baseline } : {}),
    ...(opts.year !== undefined ? { year: opts.year } : {}),
    ...(opts.commodities ? { commodities: opts.commodities } : {}),
  });
  return { coverage, shortfall };
}

/**
 * A `StockpileMetricsFn` for `evaluateWorld`: per commodity, months covered, DRC reach (t),
 * shortfall (t) and the cover in US$. Null values where the sources lack the inputs.
 *
 * @example evaluateWorld(world, { commodities: ["cobalt"], stockpile: stockpileMetricsFn({ holder: "project-vault" }) })
 */
export function stockpileMetricsFn(opts: StockpileMetricsOptions): StockpileMetricsFn {
  return (world, commodity): Metric[] => {
    const { coverage, shortfall } = stockpileMetricsFor(world, {
      ...opts,
      commodities: [commodity],
    });
    const cov = coverage.commodities.find((c) => c.commodity === commodity);
    const sf = shortfall.commodities.find((c) => c.commodity === commodity);
    const m = (id: string, label: string, unit: Metric["unit"], value: number | null) => ({
      id: `${commodity}.stockpile.${id}`,
      label: `${commodity}: ${label}`,
      commodity,
      part: "stockpile" as const,
      unit,
      value,
      parts: {} as Record<string, number>,
    });
    const reach = m(
      "reach",
      `DRC tonnes ${coverage.stockpile} can reach in ${shortfall.year} (t)`,
      "tonnes",
      sf ? sf.months.reduce((t, x) => t + x.reachTonnes, 0) : null,
    );
    if (sf) for (const x of sf.months) reach.parts[x.month] = x.reachTonnes;
    return [
      {
        ...m(
          "months-covered",
          `months of net imports ${coverage.stockpile} covers`,
          "count",
          cov?.monthsCovered ?? null,
        ),
        ...(cov ? { labels: { status: cov.status } } : {}),
      },
      reach,
      m("shortfall", `shortfall in ${shortfall.year} (t)`, "tonnes", sf?.shortfallTonnes ?? null),
      m("cover-usd", `stockpile to cover the shortfall (US$)`, "usd", sf?.coverUsd ?? null),
    ];
  };
}
