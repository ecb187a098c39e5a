/** `orebook explain`: why a country has its share, asset by asset and chain by chain. */
import type { Command } from "commander";
import { explainReport } from "../../app/world-reports.js";
import { NOT_ON_RECORDED_ASSET } from "../../engine/common/index.js";
import { type Explanation, VIEWS, type View } from "../../engine/ownership/index.js";
import { OrebookError } from "../../model/errors.js";
import { worldSourceFromOptions } from "../context.js";
import { coverageLines, staleInputsLines } from "../coverage-text.js";
import { csvFrom, formatFrom, pct, tableFrom, tonnesText } from "../format.js";
import {
  commodityOption,
  emit,
  shareOptionsFrom,
  withShareOptions,
  withWorldOptions,
} from "../options.js";
import { flowsExplanationText, flowsReportFromOptions } from "./report-flows.js";

function viewOption(v: string | undefined): View {
  if (v === undefined) return "attributable";
  const found = VIEWS.find(
    (x) =>
      x.toLowerCase() === v.toLowerCase() || x.toLowerCase() === v.toLowerCase().replace("-", ""),
  );
  if (!found)
    throw new OrebookError("BAD_INPUT", `Unknown view "${v}": expected one of ${VIEWS.join(", ")}`);
  return found;
}

export function explanationText(x: Explanation): string {
  const out = [
    `${x.name}: ${pct(x.share)} of ${x.commodity} ${x.period} (${tonnesText(x.tonnes)} of ${tonnesText(x.shareOfTonnes)} t${x.basis === "national" && x.report.coverage.nationalTonnes !== null ? ", national output" : " on recorded assets"}), ${x.view} view, as of ${x.asOf}`,
    // The figures are not the period asked for, or not reported output: said before any number.
    ...(x.report.periodChoice.label !== null ? [`  ${x.report.periodChoice.label}.`] : []),
    ...coverageLines(x.report.coverage, x.report.coverage.assetsWithFigures).map((l) => `  ${l}`),
    "",
  ];
  if (x.country === NOT_ON_RECORDED_ASSET)
    out.push(
      "No recorded asset, owner or chain: the national total less the tonnes on recorded assets (artisanal and unlisted output).",
    );
  else
    out.push(
      tableFrom(x.rows, [
        { header: "Asset", value: (r) => r.name },
        { header: "Asset t", value: (r) => tonnesText(r.assetTonnes), align: "right" },
        { header: "Share", value: (r) => pct(r.share, 2), align: "right" },
        { header: "Tonnes", value: (r) => tonnesText(r.tonnes), align: "right" },
        { header: "Why", value: (r) => r.reason },
      ]),
    );
  const sourced = x.rows.filter((r) => r.sources && r.sources.length > 0);
  if (sourced.length > 0) out.push("");
  for (const r of sourced) out.push(`${r.name}: sources ${(r.sources ?? []).join(", ")}`);
  for (const r of x.rows) {
    if (r.paths.length === 0) continue;
    out.push("", `${r.name}:`);
    for (const p of r.paths)
      out.push(
        `  ${pct(p.share, 2).padStart(7)}  ${p.chain.join(" ← ")}  (${p.shares.map((s) => pct(s, 2)).join(" × ")})${(p.declared ?? []).map((d) => `\n           declared: ${d}`).join("")}`,
      );
  }
  const stale = staleInputsLines(x.staleInputs);
  if (stale.length > 0) out.push("", ...stale);
  return out.join("\n");
}

export function register(program: Command): void {
  withShareOptions(
    withWorldOptions(
      program
        .command("explain")
        .description(
          "Explain a country's share of a commodity (the assets and ownership or control chains behind it), or with --flows where the tonnes go",
        )
        .requiredOption("--commodity <name>", "the commodity")
        .option(
          "--country <code>",
          "ISO country code (CN, US, CD…), unknown, public-float, no-majority or armed-group:ID",
        )
        .option(
          "--flows",
          "explain where the tonnes go instead: each asset's waterfall with its reasons",
        )
        .option("--no-quota", "with --flows: as if there were no export bans or quotas")
        .option("--view <view>", `one of ${VIEWS.join(", ")} (default attributable)`)
        .option(
          "--period <period>",
          "production year (default: the latest year with actual figures, else with estimates or guidance, labelled)",
        ),
    ),
  ).action(async (raw: Record<string, string | boolean | undefined>) => {
    if (raw.flows === true) {
      const format = formatFrom(typeof raw.format === "string" ? raw.format : undefined);
      const r = await flowsReportFromOptions(raw);
      if (format === "json")
        emit(JSON.stringify({ assets: r.assets, regimes: r.regimes }, null, 2));
      else emit(flowsExplanationText(r));
      return;
    }
    const opts = Object.fromEntries(
      Object.entries(raw).filter(([, v]) => typeof v === "string"),
    ) as Record<string, string>;
    if (opts.country === undefined)
      throw new OrebookError(
        "BAD_INPUT",
        "explain needs --country CODE (or --flows to explain where the tonnes go)",
      );
    const commodity = commodityOption(opts.commodity);
    const format = formatFrom(opts.format);
    const view = viewOption(opts.view);
    const x = await explainReport(await worldSourceFromOptions(opts), {
      commodity,
      country: opts.country,
      view,
      asOf: opts.asOf,
      period: opts.period || undefined,
      ...shareOptionsFrom(opts),
    });
    if (format === "json") emit(JSON.stringify(x, null, 2));
    else if (format === "csv")
      emit(
        csvFrom(x.rows, [
          { header: "asset", value: (r) => r.asset },
          { header: "name", value: (r) => r.name },
          { header: "assetTonnes", value: (r) => r.assetTonnes },
          { header: "share", value: (r) => r.share },
          { header: "tonnes", value: (r) => r.tonnes },
          { header: "reason", value: (r) => r.reason },
          { header: "topPath", value: (r) => r.paths[0]?.chain.join(" <- ") ?? "" },
        ]),
      );
    else emit(explanationText(x));
  });
}
