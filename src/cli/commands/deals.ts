/**
 * `orebook deals`: every deal with its status on the date asked, its dated status history with
 * sources, conditions, valuation, probability, and the changes it would make when it closes
 * (obligations such as security assistance are listed, not computed).
 */
import type { Command } from "commander";
import type { DealEffect } from "../../model/deal.js";
import type { DealAsOf } from "../../model/world.js";
import { worldFromOptions } from "../context.js";
import { type Column, csvFrom, formatFrom, pct, tableFrom } from "../format.js";
import { emit, withWorldOptions } from "../options.js";

/** One effect in words. */
export function effectText(e: DealEffect): string {
  switch (e.kind) {
    case "stake-transfer":
      return e.fraction !== undefined
        ? `stake: ${pct(e.fraction, 2)} of ${e.from}'s stake in ${e.owned} to ${e.to}`
        : `stake: ${pct(e.share ?? 0, 2)} of ${e.owned} from ${e.from} to ${e.to}`;
    case "control-agreement":
      return `control: ${e.agreement.controlled} by ${e.agreement.controllers.join(" and ")} (${e.agreement.basis})`;
    case "offtake":
      return `offtake: ${e.offtake.commodity} from ${e.offtake.seller} to ${e.offtake.buyer} (${e.offtake.term.kind})`;
    case "new-asset":
      return `new asset: ${e.asset.name} (${e.asset.kind}, ${e.asset.status})`;
    case "trade-rule":
      return `trade rule: ${e.rule.kind} ${e.rule.commodity} (${e.rule.country})`;
    case "route-node":
      return `route node: ${e.node.name} (${e.node.status})`;
    case "route-leg":
      return `route leg: ${e.leg.from} → ${e.leg.to} (${e.leg.status})`;
    case "obligation":
      return `obligation (tracked, not computed): ${e.party}: ${e.description}`;
  }
}

const usd = (x: number | null) =>
  x === null ? "" : x >= 1e9 ? `$${(x / 1e9).toFixed(2)}bn` : `$${(x / 1e6).toFixed(0)}m`;

export function register(program: Command): void {
  withWorldOptions(
    program
      .command("deals")
      .description(
        "Deals with their status pipeline, dated history and sources, conditions, valuation, probability and effects on closing",
      )
      .option("--status <status>", "only deals with this status on the date"),
  ).action(async (opts: Record<string, string | undefined>) => {
    const format = formatFrom(opts.format);
    const world = await worldFromOptions(opts);
    const deals = world.deals.filter((d) => !opts.status || d.statusAsOf === opts.status);
    if (format === "json") return emit(JSON.stringify({ asOf: world.asOf, deals }, null, 2));
    const cols: Column<DealAsOf>[] = [
      { header: "Deal", value: (d) => d.id },
      { header: "Status", value: (d) => d.statusAsOf },
      {
        header: "Since",
        value: (d) => d.statusHistory.filter((h) => h.date <= world.asOf).at(-1)?.date,
      },
      { header: "Valuation", value: (d) => usd(d.valuationUsd), align: "right" },
      {
        header: "Probability",
        value: (d) => (d.probability === null ? "not stated" : pct(d.probability)),
        align: "right",
      },
      { header: "Effects", value: (d) => d.effects.length, align: "right" },
    ];
    if (format === "csv")
      return emit(
        csvFrom(deals, [
          { header: "id", value: (d) => d.id },
          { header: "name", value: (d) => d.name },
          { header: "status", value: (d) => d.statusAsOf },
          { header: "valuationUsd", value: (d) => d.valuationUsd },
          { header: "probability", value: (d) => d.probability },
          { header: "conditions", value: (d) => d.conditions.join("; ") },
          { header: "effects", value: (d) => d.effects.map(effectText).join("; ") },
        ]),
      );
    const out = [`Deals as of ${world.asOf}`, "", tableFrom(deals, cols)];
    for (const d of deals) {
      out.push("", `${d.name} (${d.id})`);
      out.push(`  Parties: ${d.parties.map((p) => `${p.entity} (${p.role})`).join(", ")}`);
      for (const h of [...d.statusHistory].sort((a, b) => (a.date < b.date ? -1 : 1)))
        out.push(`  ${h.date} ${h.status} [${h.sources.join(", ")}]${h.note ? ` ${h.note}` : ""}`);
      if (d.conditions.length) out.push(`  Conditions: ${d.conditions.join("; ")}`);
      if (d.valuationUsd !== null || d.valuationNote)
        out.push(
          `  Valuation: ${usd(d.valuationUsd)}${d.valuationNote ? ` (${d.valuationNote})` : ""}`,
        );
      out.push(
        `  Probability: ${d.probability === null ? "not stated (the Monte Carlo needs one from a scenario file)" : pct(d.probability)}`,
      );
      for (const e of d.effects) out.push(`  On closing: ${effectText(e)}`);
    }
    emit(out.join("\n"));
  });
}
