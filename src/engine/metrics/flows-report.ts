/**
 * The flows report as `orebook report flows --format json` gives it: the allocation waterfall
 * (bans and quotas, offtakes in priority order, the open market) and its flow metrics. The CLI
 * and the API both call it.
 */

import type { Commodity } from "../../model/commodity.js";
import { periodYear } from "../../model/dates.js";
import type { RecordId } from "../../model/ids.js";
import type { World } from "../../model/world.js";
import { type Allocation, allocationFor, type OfftakeStatus } from "../allocation/index.js";
import {
  bucketName,
  type CountryView,
  type Coverage,
  coverageFor,
  NOT_ON_RECORDED_ASSET,
  type ShareBasis,
  type StaleInput,
  staleInputsFor,
} from "../common/index.js";
import { controlReportFor, lookThroughFnFor } from "../ownership/index.js";
import {
  destinationPriorFor,
  type Refining,
  refiningFor,
  shipmentsFromAllocation,
  WORLD_MARKET,
} from "../routes/index.js";
import { type FlowMetrics, flowMetricsFrom } from "./flow-metrics.js";

/** A flows report: the metrics, the quota regimes and the per-asset waterfall. */
export interface FlowsReport extends FlowMetrics {
  /**
   * What the shares are of: `national`, the country's mine output (buyers, open market, held
   * back and the residual row `not-on-a-recorded-asset` in byBuyerCountry add up to it), or
   * `exported`, the exported tonnes of the recorded assets (basis recorded).
   */
  basis: ShareBasis;
  shareOfTonnes: number;
  coverage: Coverage;
  /** How buyers' countries are counted. */
  countryView: CountryView;
  /** Where the exported tonnes end up refined, and by whom (the processing stage). */
  refining?: Refining;
  offtakeStatuses: OfftakeStatus[];
  regimes: Allocation["regimes"];
  assets: Allocation["assets"];
  unknownProduction: Allocation["unknownProduction"];
  /**
   * Inputs used for a later date or period than their own (stale-inputs.ts): stake statements
   * older than three years above the counted assets, trade statistics of an earlier year.
   */
  staleInputs: StaleInput[];
}

export interface FlowsReportOptions extends CountryView {
  commodity: Commodity;
  period: string;
  quotaMode: "apply" | "ignore";
  offtakeStatuses: readonly OfftakeStatus[];
  /** What shares are of (default national; see national-coverage.ts). */
  basis?: ShareBasis;
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
  const year = periodYear(opts.period);
  const prior = destinationPriorFor(world, opts.commodity, year);
  const shipments = shipmentsFromAllocation(world, allocation, {
    defaultMarket: WORLD_MARKET,
    prior,
  });
  const control = controlReportFor(world, { commodity: opts.commodity, period: opts.period });
  const mineController = new Map(control.assets.map((a) => [a.id as string, a.controllerCountry]));
  const coverage = coverageFor(world, {
    commodity: opts.commodity,
    period: opts.period,
    recordedTonnes: allocation.totals.producedTonnes,
    countries: control.coverage.countries,
    ...(opts.basis ? { basis: opts.basis } : {}),
  });
  const national = coverage.basis === "national";
  const countryView: CountryView = {
    countryBasis: opts.countryBasis ?? "incorporation",
    ...(opts.group !== undefined ? { group: opts.group } : {}),
  };
  const metrics = flowMetricsFrom(world, allocation, {
    countries: countryView,
    ...(national ? { shareOfTonnes: coverage.denominatorTonnes } : {}),
  });
  const residual = national ? coverage.residualTonnes : 0;
  if (residual > 0)
    metrics.byBuyerCountry.push({
      country: NOT_ON_RECORDED_ASSET,
      name: bucketName(world, NOT_ON_RECORDED_ASSET),
      tonnes: residual,
      share: residual / coverage.denominatorTonnes,
    });
  if (coverage.note !== null) metrics.notes.push(coverage.note);
  if (national && coverage.nationalTonnes !== null)
    metrics.notes.push(
      `Shares are of the national mine production, ${Math.round(coverage.nationalTonnes).toLocaleString("en-US")} t (${coverage.sources.join(", ")}), not of the exported tonnes: the recorded assets produced ${Math.round(coverage.recordedTonnes).toLocaleString("en-US")} t of it${residual > 0 ? `; ${Math.round(residual).toLocaleString("en-US")} t is not on a recorded asset and goes where the sources do not say` : ""}`,
    );
  const recordForm = new Map(world.production.map((p) => [p.id as string, p.form ?? null]));
  const formOf = new Map(
    allocation.assets.map((a) => [
      a.asset,
      a.production.records.map((r) => recordForm.get(r) ?? null).find((f) => f !== null) ?? null,
    ]),
  );
  return {
    refining: refiningFor(world, opts.commodity, year, shipments, mineController, formOf),
    ...metrics,
    basis: coverage.basis,
    shareOfTonnes: national ? coverage.denominatorTonnes : metrics.exportedTonnes,
    coverage,
    countryView,
    offtakeStatuses: allocation.offtakeStatuses,
    regimes: allocation.regimes,
    assets: allocation.assets,
    unknownProduction: allocation.unknownProduction,
    staleInputs: staleInputsFor(world, {
      assets: control.assets,
      shareOfTonnes: national ? coverage.denominatorTonnes : metrics.exportedTonnes,
      forYear: year,
      ...(prior.statisticsYear !== null
        ? {
            tradeStatistics: {
              records: prior.entries.flatMap((e) => e.flows) as RecordId[],
              year: prior.statisticsYear,
              forYear: year,
            },
          }
        : {}),
      ...(metrics.netImportReliance !== null
        ? {
            demand: {
              record: metrics.netImportReliance.record as RecordId,
              year: metrics.netImportReliance.year,
              forYear: year,
              affects: `${metrics.netImportReliance.country} net import reliance`,
            },
          }
        : {}),
    }),
  };
}
