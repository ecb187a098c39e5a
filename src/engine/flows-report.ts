/**
 * The flows report as `orebook report flows --format json` gives it: the allocation waterfall
 * (bans and quotas, offtakes in priority order, the open market) and its flow metrics. The CLI
 * and the API both call it.
 */

import type { Commodity } from "../model/commodity.js";
import type { World } from "../model/world.js";
import { type Allocation, allocationFor, type OfftakeStatus } from "./allocation.js";
import { type FlowMetrics, flowMetricsFrom } from "./flow-metrics.js";
import { lookThroughFnFor } from "./look-through-fn.js";

/** A flows report: the metrics, the quota regimes and the per-asset waterfall. */
export interface FlowsReport extends FlowMetrics {
  offtakeStatuses: OfftakeStatus[];
  regimes: Allocation["regimes"];
  assets: Allocation["assets"];
  unknownProduction: Allocation["unknownProduction"];
}

export interface FlowsReportOptions {
  commodity: Commodity;
  period: string;
  quotaMode: "apply" | "ignore";
  offtakeStatuses: readonly OfftakeStatus[];
}

/**
 * Where a commodity's tonnes go in a period.
 *
 * @example flowsReportFor(world, { commodity: "cobalt", period: "2024", quotaMode: "apply", offtakeStatuses: ["active"] })
 */
export function flowsReportFor(world: World, opts: FlowsReportOptions): FlowsReport {
  const allocation = allocationFor(world, {
    commodity: opts.commodity,
    period: opts.period,
    quotaMode: opts.quotaMode,
    lookThrough: lookThroughFnFor(world),
    offtakeStatuses: opts.offtakeStatuses,
  });
  return {
    ...flowMetricsFrom(world, allocation),
    offtakeStatuses: allocation.offtakeStatuses,
    regimes: allocation.regimes,
    assets: allocation.assets,
    unknownProduction: allocation.unknownProduction,
  };
}
