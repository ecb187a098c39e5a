/**
 * `orebook report flows`: where a commodity's tonnes go in a period. Seller by seller, what
 * export bans and quotas hold back at the mine, what each offtake delivers, and what is left to
 * the open market; totals by buyer and buyer country, US-accessible tonnes, HHI, US net import
 * reliance. `registerFlows(report)` adds the subcommand to the `report` group.
 */
import type { Command } from "commander";
import { flowsReport } from "../../app/world-reports.js";
import type { OfftakeStatus } from "../../engine/allocation/index.js";
import { NOT_ON_RECORDED_ASSET } from "../../engine/common/index.js";
import type { FlowsReport } from "../../engine/metrics/index.js";
import { periodInput } from "../../model/dates.js";
import { OrebookError } from "../../model/errors.js";
import { OFFTAKE_STATUSES } from "../../model/offtake.js";
import { worldSourceFromOptions } from "../context.js";
import { coverageLines, staleInputsLines } from "../coverage-text.js";
import { type Column, csvFrom, formatFrom, pct, tableFrom, tonnesText } from "../format.js";
import {
  commodityOption,
  emit,
  shareOptionsFrom,
  withShareOptions,
  withWorldOptions,
} from "../options.js";

/** A flows report: the metrics, the quota regimes and the per-asset waterfall. */

function _statuses(v: string | undefined): OfftakeStatus[] {
  if (v === undefined) return ["active"];
  const out = v.split(",").map((s) => s.trim());
  const bad = out.filter((s) => !(OFFTAKE_STATUSES as readonly string[]).includes(s));
  if (bad.length > 0)
    throw new OrebookError(
      "BAD_INPUT",
      `Unknown offtake status ${bad.join(", ")}: expected a list of ${OFFTAKE_STATUSES.join(", ")}`,
    );
  return out as OfftakeStatus[];
}

function _dash(n: number): string {
  return n > 0.5 ? tonnesText(n) : "–";
}

/** The human-readable form of a flows report. */
export type { FlowsReport };

export function flowsReportText(r: FlowsReport): string {
  const out: string[] = [];
  out.push(
    `${r.commodity} ${r.period}: where the tonnes go, as of ${r.asOf} (export rules ${r.quotaMode === "apply" ? "applied" : "ignored"}; offtakes: ${r.offtakeStatuses.join(", ")})`,
  );
  out.push(
    `Produced ${tonnesText(r.producedTonnes)} t = held back ${tonnesText(r.heldBackTonnes)} + to named buyers ${tonnesText(r.toBuyersTonnes)} + open market ${tonnesText(r.openMarketTonnes)} (exported ${tonnesText(r.exportedTonnes)})`,
  );
  const national = r.basis === "national";
  for (const line of coverageLines(r.coverage, r.bySeller.length)) out.push(`  ${line}`);
  const of = national ? "of national output" : "of exported";
  out.push("");
  out.push("By seller");
  out.push(
    tableFrom(r.bySeller, [
      { header: "Seller", value: (s) => s.name },
      { header: "Produced t", value: (s) => tonnesText(s.producedTonnes), align: "right" },
      { header: "Held back t", value: (s) => _dash(s.heldBackTonnes), align: "right" },
      { header: "To buyers t", value: (s) => _dash(s.toBuyersTonnes), align: "right" },
      { header: "Open market t", value: (s) => _dash(s.openMarketTonnes), align: "right" },
    ]),
  );
  if (r.lines.length > 0) {
    out.push("", "Offtakes");
    out.push(
      tableFrom(r.lines, [
        { header: "Seller", value: (l) => l.asset },
        { header: "Buyer", value: (l) => l.buyer },
        { header: "Country", value: (l) => l.buyerCountry ?? "?" },
        { header: "Term", value: (l) => l.term },
        { header: "Offtake", value: (l) => l.offtake },
        { header: "Tonnes", value: (l) => tonnesText(l.tonnes), align: "right" },
      ]),
    );
  }
  out.push(
    "",
    `By buyer country (shares ${national ? "of national output" : "of exported tonnes"})`,
  );
  const countryRows = [
    ...r.byBuyerCountry.map((c) => ({
      label:
        c.country === "unknown"
          ? "Unknown"
          : c.country === NOT_ON_RECORDED_ASSET
            ? c.name
            : `${c.name} (${c.country})`,
      tonnes: c.tonnes,
      share: c.share as number | null,
    })),
    {
      label: "Open market",
      tonnes: r.openMarketTonnes,
      share: r.shareOfTonnes > 0 ? r.openMarketTonnes / r.shareOfTonnes : null,
    },
    {
      label: "Held back (not exported)",
      tonnes: r.heldBackTonnes,
      share: national && r.shareOfTonnes > 0 ? r.heldBackTonnes / r.shareOfTonnes : null,
    },
  ];
  out.push(
    tableFrom(countryRows, [
      { header: "Buyer country", value: (c) => c.label },
      { header: "Tonnes", value: (c) => tonnesText(c.tonnes), align: "right" },
      { header: "Share", value: (c) => pct(c.share), align: "right" },
    ]),
  );
  if (r.byBuyer.length > 0) {
    out.push("", "By buyer");
    out.push(
      tableFrom(r.byBuyer, [
        { header: "Buyer", value: (b) => b.name },
        { header: "Country", value: (b) => b.country ?? "?" },
        { header: "Tonnes", value: (b) => tonnesText(b.tonnes), align: "right" },
        { header: "Share", value: (b) => pct(b.share), align: "right" },
      ]),
    );
  }
  if (r.heldBack.length > 0) {
    out.push("", "Held back at the mine (stock, not lost)");
    out.push(
      tableFrom(r.heldBack, [
        { header: "Seller", value: (h) => h.asset },
        { header: "Rule", value: (h) => h.ruleId },
        { header: "Tonnes", value: (h) => tonnesText(h.tonnes), align: "right" },
      ]),
    );
  }
  for (const g of r.regimes) {
    out.push(
      "",
      `Export rules, ${g.country} ${g.period}: ${g.freeDays} free days, ${g.banDays} banned, ${g.periodDays - g.freeDays - g.banDays} under quota`,
    );
    for (const q of g.quotas)
      out.push(
        `  ${q.ruleId}: cap ${tonnesText(q.capTonnes)} t over ${q.days} days (of a ${q.spanDays}-day span), strategic reserve ${tonnesText(q.strategicTonnes)} t, producers' ${tonnesText(q.allocatableTonnes)} t, published ${tonnesText(q.listedTonnes)} t`,
      );
  }
  if (r.refining) {
    const f = r.refining;
    out.push("", "Processing stage: exported tonnes by form");
    out.push(
      tableFrom(f.byForm, [
        { header: "Form", value: (x) => x.form },
        { header: "Stage", value: (x) => x.stage },
        { header: "Tonnes", value: (x) => tonnesText(x.tonnes), align: "right" },
      ]),
    );
    out.push("", "Where it is refined, and by whom");
    out.push(
      tableFrom(f.refiners, [
        { header: "Refiner", value: (x) => x.name },
        { header: "Country", value: (x) => x.country },
        { header: "Controlled from", value: (x) => x.controllerCountry },
        { header: "Tonnes", value: (x) => tonnesText(x.tonnes), align: "right" },
      ]),
    );
    out.push(
      "",
      `Refined by plants controlled from China: ${tonnesText(f.chineseControlled.tonnes)} t (${pct(f.chineseControlled.share)} of exported); usable by the US (US buyers, US-controlled refiners): ${tonnesText(f.usUsable.tonnes)} t (${pct(f.usUsable.share)})`,
    );
    const c = f.chinaRefinedShareCheck;
    if (c)
      out.push(
        `Check: China refined ${tonnesText(c.chinaTonnes)} t in ${c.year}${c.share === null ? " (no world total that year)" : ` = ${pct(c.share)} of the world's ${tonnesText(c.worldTonnes ?? 0)} t`} (${c.records.join(", ")})`,
      );
    for (const n of f.notes) out.push(`Note: ${n}`);
  }
  const hhi = (x: number | null) => (x === null ? "n/a" : String(Math.round(x)));
  out.push(
    "",
    `US-accessible (US buyers and US stockpile holders): ${tonnesText(r.usAccessible.tonnes)} t, ${pct(r.usAccessible.share)} ${of}`,
    `HHI (0–10,000; named buyers only, a lower bound): by buyer ${hhi(r.hhi.byBuyer)}, by buyer country ${hhi(r.hhi.byBuyerCountry)}, by destination ${hhi(r.hhi.byDestination)}`,
    r.netImportReliance
      ? `US net import reliance (${r.netImportReliance.year}): ${r.netImportReliance.value === null ? `≥ ${pct(r.netImportReliance.min)}` : pct(r.netImportReliance.value)} (${r.netImportReliance.sources.join(", ")})`
      : "US net import reliance: not in the dataset",
    `EU supply risk: ${r.supplyRisk.value === null ? "n/a (inputs missing)" : r.supplyRisk.value.toFixed(2)}`,
  );
  if (r.unknownProduction.length > 0)
    out.push(
      "",
      `Not counted (no figure for ${r.period}): ${r.unknownProduction.map((u) => u.name).join(", ")}`,
    );
  const stale = staleInputsLines(r.staleInputs);
  if (stale.length > 0) out.push("", ...stale);
  for (const n of r.notes) out.push(`Note: ${n}`);
  for (const m of r.missing) out.push(`Missing: ${m}`);
  return out.join("\n");
}

/** Every figure of a flows report, asset by asset, with its reason. */
export function flowsExplanationText(r: FlowsReport): string {
  const out: string[] = [];
  for (const a of r.assets) {
    out.push(`${a.name} (${a.asset})`);
    for (const e of a.explanations) out.push(`  ${e}`);
  }
  return out.join("\n");
}

interface CsvRow {
  kind: "offtake" | "held-back" | "open-market";
  seller: string;
  buyer: string;
  buyerCountry: string;
  ref: string;
  tonnes: number;
}

const csvColumns: Column<CsvRow>[] = [
  { header: "kind", value: (r) => r.kind },
  { header: "seller", value: (r) => r.seller },
  { header: "buyer", value: (r) => r.buyer },
  { header: "buyerCountry", value: (r) => r.buyerCountry },
  { header: "offtakeOrRule", value: (r) => r.ref },
  { header: "tonnes", value: (r) => r.tonnes },
];

function _csvRows(r: FlowsReport): CsvRow[] {
  const rows: CsvRow[] = [];
  for (const a of r.assets) {
    for (const h of a.heldBackByRule)
      rows.push({
        kind: "held-back",
        seller: a.asset,
        buyer: "",
        buyerCountry: "",
        ref: h.ruleId,
        tonnes: h.tonnes,
      });
    for (const l of a.lines)
      if (l.tonnes > 0)
        rows.push({
          kind: "offtake",
          seller: a.asset,
          buyer: l.buyer,
          buyerCountry: l.buyerCountry ?? "",
          ref: l.offtake,
          tonnes: l.tonnes,
        });
    if (a.openMarketTonnes > 0)
      rows.push({
        kind: "open-market",
        seller: a.asset,
        buyer: "",
        buyerCountry: "",
        ref: "",
        tonnes: a.openMarketTonnes,
      });
  }
  return rows;
}

/** The flows report the command-line options ask for (shared by `report flows` and `explain --flows`). */
export async function flowsReportFromOptions(
  opts: Record<string, string | boolean | undefined>,
): Promise<FlowsReport> {
  const s = (k: string) => (typeof opts[k] === "string" ? (opts[k] as string) : undefined);
  const req = {
    commodity: commodityOption(s("commodity")),
    asOf: s("asOf"),
    period: periodInput("--period", s("period")),
    quota: opts.quota !== false,
    offtakeStatuses: _statuses(s("offtakes")),
    ...shareOptionsFrom(opts),
  };
  const passed = Object.fromEntries(
    Object.entries(opts).filter(([, v]) => typeof v === "string"),
  ) as Record<string, string>;
  return flowsReport(await worldSourceFromOptions(passed), req);
}

/** Adds `flows` to the `report` command group. */
export function registerFlows(report: Command): void {
  withShareOptions(
    withWorldOptions(
      report
        .command("flows")
        .description(
          "Where a commodity's tonnes go: held back by export bans and quotas, offtakes by buyer and buyer country, open market",
        )
        .requiredOption(
          "--commodity <name>",
          "cobalt, copper, zinc, germanium, gallium, tin, tantalum or lithium",
        )
        .option(
          "--period <period>",
          "YYYY, YYYY-Hn, YYYY-Qn or YYYY-MM (default: the year of --as-of)",
        )
        .option("--no-quota", "ignore export bans and quotas (what would flow without them)")
        .option(
          "--offtakes <statuses>",
          `offtake statuses that take part, comma-separated from ${OFFTAKE_STATUSES.join(", ")} (default active)`,
        )
        .option("--explain", "list every asset's figures with the reason for each"),
    ),
  ).action(async (opts: Record<string, string | boolean | undefined>) => {
    const format = formatFrom(typeof opts.format === "string" ? opts.format : undefined);
    const r = await flowsReportFromOptions(opts);
    if (format === "json") emit(JSON.stringify(r, null, 2));
    else if (format === "csv") emit(csvFrom(_csvRows(r), csvColumns));
    else
      emit(
        opts.explain ? `${flowsReportText(r)}\n\n${flowsExplanationText(r)}` : flowsReportText(r),
      );
  });
}
