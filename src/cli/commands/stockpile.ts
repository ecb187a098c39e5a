/**
 * `orebook stockpile status|plan --holder ID`: a stockpile's coverage (months of net imports
 * held) and shortfall under a scenario, and its procurement plan within a budget (LP).
 * User inputs (`--target`, `--need`, `--assume-empty`) are marked as such in every output.
 * Methodology: docs/methodology-stockpile.md.
 */
import type { Command } from "commander";
import { DEFAULT_STOCKPILE } from "../../app/reading.js";
import { procurementPlan } from "../../app/stockpile-plan.js";
import { stockpileStatus } from "../../app/stockpile-status.js";
import type { StockpileCoverage, StockpileShortfall } from "../../engine/stockpile/index.js";
import { planReportFrom, type StockpilePlan } from "../../engine/stockpile/index.js";
import { COMMODITIES, type Commodity, isCommodity } from "../../model/commodity.js";
import { OrebookError } from "../../model/errors.js";
import { type WorldOptions, worldSourceFromOptions } from "../context.js";
import { csvFrom, formatFrom, tableFrom, tonnesText } from "../format.js";
import { emit, numberOption, withWorldOptions } from "../options.js";

type Opts = Record<string, string | boolean | undefined>;

const usd = (x: number | null | undefined) =>
  x === null || x === undefined
    ? "unknown"
    : Math.abs(x) >= 1e9
      ? `US$${(x / 1e9).toFixed(2)}bn`
      : `US$${(x / 1e6).toFixed(1)}m`;

/** Parses `cobalt=5000t,zinc=2e4t` (or repeated options joined by commas) into tonnes. */
export function commodityTonnesOption(
  name: string,
  value: string | undefined,
  unit: "t" | "t/yr",
): Partial<Record<Commodity, number>> | undefined {
  if (value === undefined) return undefined;
  const out: Partial<Record<Commodity, number>> = {};
  for (const part of value.split(",")) {
    const m = /^\s*([a-z]+)\s*=\s*([0-9.eE+]+)\s*(t|t\/yr)?\s*$/.exec(part);
    const c = m?.[1];
    const n = Number(m?.[2]);
    if (!m || !c || !isCommodity(c) || !Number.isFinite(n) || n < 0 || (m[3] ?? unit) !== unit)
      throw new OrebookError(
        "BAD_INPUT",
        `--${name} ${part.trim()} is not COMMODITY=TONNES${unit}: e.g. cobalt=5000${unit} (commodities: ${COMMODITIES.join(", ")})`,
      );
    out[c] = n;
  }
  return out;
}

function _worldOpts(opts: Opts): WorldOptions {
  const out: Record<string, string> = {};
  for (const k of ["asOf", "knownAt", "data", "db", "databaseUrl", "dataset", "scenario"])
    if (typeof opts[k] === "string") out[k] = opts[k] as string;
  return out as WorldOptions;
}

function _holder(opts: Opts): string {
  if (typeof opts.holder !== "string")
    throw new OrebookError(
      "BAD_INPUT",
      `--holder is required: a stockpile id, e.g. ${DEFAULT_STOCKPILE}`,
    );
  return opts.holder;
}

function _statusText(c: StockpileCoverage, s: StockpileShortfall): string {
  const out = [
    `${c.name} (${c.stockpile}, holder ${c.holder}, ${c.country}) as of ${c.asOf}`,
    ...c.notes,
    "",
    "Coverage",
    tableFrom(c.commodities, [
      { header: "Commodity", value: (r) => r.commodity },
      {
        header: "Held t",
        value: (r) => (r.position.tonnes === null ? "unknown" : tonnesText(r.position.tonnes)),
        align: "right",
      },
      { header: "On order t", value: (r) => tonnesText(r.position.onOrderTonnes), align: "right" },
      {
        header: "Need t/yr",
        value: (r) =>
          r.need.tonnesPerYear === null
            ? "not in sources"
            : `${tonnesText(r.need.tonnesPerYear)}${r.need.basis === "user input" ? " (user)" : ""}`,
        align: "right",
      },
      {
        header: "Months covered",
        value: (r) => (r.monthsCovered === null ? "unknown" : r.monthsCovered.toFixed(2)),
        align: "right",
      },
      { header: "Status", value: (r) => r.status },
      { header: "Target", value: (r) => r.targetBasis },
    ]),
    "",
    `Shortfall in ${s.year}${s.baseline ? " (against the baseline)" : ""}`,
    ...s.notes,
    tableFrom(s.commodities, [
      { header: "Commodity", value: (r) => r.commodity },
      {
        header: "DRC reach t",
        value: (r) => tonnesText(r.months.reduce((t, m) => t + m.reachTonnes, 0)),
        align: "right",
      },
      {
        header: "Supply lost t",
        value: (r) => (r.supplyLostTonnes === null ? "" : tonnesText(r.supplyLostTonnes)),
        align: "right",
      },
      {
        header: "Shortfall t",
        value: (r) => (r.shortfallTonnes === null ? "unknown" : tonnesText(r.shortfallTonnes)),
        align: "right",
      },
      { header: "Cover", value: (r) => (r.shortfallTonnes === null ? "" : usd(r.coverUsd)) },
      {
        header: "Price",
        value: (r) => (r.price ? `$${tonnesText(r.price.usdPerTonne)}/t (${r.price.record})` : ""),
      },
    ]),
  ];
  const gaps = s.commodities.flatMap((r) => r.notes);
  if (gaps.length > 0) out.push("", ...gaps);
  return out.join("\n");
}

function _planText(p: StockpilePlan): string {
  const i = p.inputs;
  const out = [
    `Procurement plan for ${i.stockpile} as of ${i.asOf}, months ${i.months[0]}–${i.months.at(-1)}`,
    `Budget ${usd(i.budgetUsd)} (${i.budgetBasis}); committed ${usd(i.committedUsd)}; available ${usd(i.availableUsd)}; spent ${usd(p.totalCost)}; left ${usd(p.budgetLeftUsd)}`,
    ...p.notes.filter((n) => n !== ""),
    "",
    tableFrom(p.commodities, [
      { header: "Commodity", value: (c) => c.commodity },
      {
        header: "Target t",
        value: (c) => (c.targetTonnes === null ? "" : tonnesText(c.targetTonnes)),
        align: "right",
      },
      {
        header: "To fill t",
        value: (c) => (c.toFillTonnes === null ? "" : tonnesText(c.toFillTonnes)),
        align: "right",
      },
      { header: "Bought t", value: (c) => tonnesText(c.boughtTonnes), align: "right" },
      { header: "Cost", value: (c) => usd(c.costUsd), align: "right" },
      {
        header: "Months to fill",
        value: (c) => (c.monthsToFill === null ? "" : c.monthsToFill),
        align: "right",
      },
      {
        header: "Target from",
        value: (c) => i.commodities.find((x) => x.commodity === c.commodity)?.targetBasis ?? "",
      },
      { header: "Reason", value: (c) => c.reason ?? "" },
    ]),
  ];
  if (p.purchases.length > 0)
    out.push(
      "",
      "Purchases",
      tableFrom(p.purchases, [
        { header: "Month", value: (x) => x.monthLabel },
        { header: "Commodity", value: (x) => x.commodity },
        { header: "Source", value: (x) => `${x.sourceName} (${x.kind})` },
        { header: "Route", value: (x) => x.route },
        { header: "Tonnes", value: (x) => tonnesText(x.tonnes), align: "right" },
        { header: "Cost", value: (x) => usd(x.cost), align: "right" },
      ]),
    );
  out.push("", "Binding constraints");
  if (p.binding.length === 0) out.push("none");
  for (const b of p.binding) out.push(`- ${b.message}`);
  return out.join("\n");
}

export function register(program: Command): void {
  const group = program
    .command("stockpile")
    .description("A stockpile's coverage, shortfall under a scenario, and procurement plan");
  withWorldOptions(
    group
      .command("status")
      .description(
        "Months of net imports covered (unknown holdings stay unknown) and the shortfall per commodity and month",
      )
      .option("--holder <id>", `stockpile id or its holder entity, e.g. ${DEFAULT_STOCKPILE}`)
      .option("--unavailable <fraction>", "share of the inventory that cannot be drawn (0–1)", "0")
      .option("--assume-empty", "treat holdings missing from the sources as empty (stated)")
      .option("--need <list>", "USER INPUT need where the sources lack it, e.g. cobalt=10000t/yr")
      .option("--year <year>", "the year whose months the shortfall examines (default: as-of year)")
      .option(
        "--baseline <file>",
        "scenario file for the shortfall's baseline (default with --scenario: the dataset without it)",
      ),
  ).action(async (opts: Opts) => {
    const format = formatFrom(opts.format as string | undefined);
    const holder = _holder(opts);
    const need = commodityTonnesOption("need", opts.need as string | undefined, "t/yr");
    const year = numberOption("year", opts.year as string | undefined);
    const unavailable = numberOption("unavailable", opts.unavailable as string) ?? 0;
    const wo = _worldOpts(opts);
    // `--baseline FILE` (e.g. scenarios/base.yaml, so that carry-forward matches).
    const baseline =
      typeof opts.baseline === "string"
        ? await worldSourceFromOptions({ ...wo, scenario: opts.baseline })
        : undefined;
    const { coverage, shortfall } = await stockpileStatus(await worldSourceFromOptions(wo), {
      asOf: wo.asOf,
      holder,
      unavailable,
      assumeEmpty: opts.assumeEmpty === true,
      need,
      year,
      baseline: baseline?.world,
    });
    if (format === "json") return emit(JSON.stringify({ coverage, shortfall }, null, 2));
    if (format === "csv")
      return emit(
        csvFrom(
          shortfall.commodities.flatMap((c) =>
            c.months.map((m) => ({ commodity: c.commodity, ...m })),
          ),
          [
            { header: "commodity", value: (r) => r.commodity },
            { header: "month", value: (r) => r.month },
            { header: "need_t", value: (r) => r.needTonnes },
            { header: "allocated_t", value: (r) => r.allocatedTonnes },
            { header: "open_market_t", value: (r) => r.openMarketTonnes },
            { header: "reach_t", value: (r) => r.reachTonnes },
            { header: "baseline_reach_t", value: (r) => r.baselineReachTonnes },
            { header: "other_supply_t", value: (r) => r.otherSupplyTonnes },
            { header: "shortfall_t", value: (r) => r.shortfallTonnes },
            { header: "supply_lost_t", value: (r) => r.supplyLostTonnes },
          ],
        ),
      );
    emit(_statusText(coverage, shortfall));
  });
  withWorldOptions(
    group
      .command("plan")
      .description(
        "Procurement plan (LP): purchases per commodity, source, route and month within the budget, and what binds",
      )
      .option("--holder <id>", `stockpile id or its holder entity, e.g. ${DEFAULT_STOCKPILE}`)
      .option("--budget <usd>", "budget in US$ (default: the stockpile's), e.g. 12e9")
      .option("--horizon <months>", "months to plan, from the month after --as-of", "12")
      .option("--assume-empty", "treat holdings missing from the sources as empty (stated)")
      .option("--target <list>", "USER INPUT targets in tonnes, e.g. cobalt=5000t,copper=20000t")
      .option("--need <list>", "USER INPUT need where the sources lack it, e.g. cobalt=10000t/yr")
      .option("--weight <list>", "objective weight per commodity, e.g. cobalt=2 (default 1)")
      .option("--no-routes", "do not route: each source's capacity is its available tonnes")
      .option("--time-limit <seconds>", "solver time limit", "60"),
  ).action(async (opts: Opts) => {
    const format = formatFrom(opts.format as string | undefined);
    const holder = _holder(opts);
    const targets = commodityTonnesOption("target", opts.target as string | undefined, "t");
    const need = commodityTonnesOption("need", opts.need as string | undefined, "t/yr");
    const weights: Partial<Record<Commodity, number>> = {};
    if (typeof opts.weight === "string")
      for (const part of opts.weight.split(",")) {
        const [c, w] = part.split("=");
        const n = Number(w);
        if (!c || !isCommodity(c.trim()) || !(n > 0))
          throw new OrebookError(
            "BAD_INPUT",
            `--weight ${part} is not COMMODITY=WEIGHT with a weight above 0`,
          );
        weights[c.trim() as Commodity] = n;
      }
    const budget = numberOption("budget", opts.budget as string | undefined);
    const horizon = numberOption("horizon", opts.horizon as string) ?? 12;
    const timeLimit = numberOption("time-limit", opts.timeLimit as string) ?? 60;
    const wo = _worldOpts(opts);
    const plan = await procurementPlan(await worldSourceFromOptions(wo), {
      asOf: wo.asOf,
      holder,
      horizonMonths: horizon,
      assumeEmpty: opts.assumeEmpty === true,
      budgetUsd: budget,
      targets,
      need,
      weights,
      routes: opts.routes !== false,
      notRoutedWhy: "Routes not asked for (--no-routes): sources are not routed",
      timeLimitSeconds: timeLimit,
    });
    if (format === "json") return emit(JSON.stringify(planReportFrom(plan), null, 2));
    if (format === "csv")
      return emit(
        csvFrom(plan.purchases, [
          { header: "month", value: (x) => x.month },
          { header: "month_label", value: (x) => x.monthLabel },
          { header: "commodity", value: (x) => x.commodity },
          { header: "source", value: (x) => x.source },
          { header: "kind", value: (x) => x.kind },
          { header: "route", value: (x) => x.route },
          { header: "tonnes", value: (x) => x.tonnes },
          { header: "price_usd_per_t", value: (x) => x.priceUsdPerTonne },
          { header: "cost_usd", value: (x) => x.cost },
        ]),
      );
    emit(_planText(plan));
  });
}
