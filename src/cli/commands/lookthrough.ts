/** `orebook lookthrough`: who ultimately owns an entity and what it ultimately holds. */
import type { Command } from "commander";
import {
  type LookThroughReport,
  type LookThroughRow,
  lookThroughReportFor,
  nodeFor,
} from "../../engine/entity-look-through.js";
import { worldFromOptions } from "../context.js";
import { type Column, csvFrom, formatFrom, pct, tableFrom } from "../format.js";
import { emit, withWorldOptions } from "../options.js";

const range = (r: LookThroughRow) =>
  r.max - r.min > 5e-5 ? `${pct(r.min, 2)}–${pct(r.max, 2)}` : "";
const columns: Column<LookThroughRow>[] = [
  { header: "Id", value: (r) => r.id },
  { header: "Name", value: (r) => r.name },
  { header: "Kind", value: (r) => r.kind },
  { header: "Country", value: (r) => r.country ?? "?" },
  { header: "Share", value: (r) => pct(r.share, 2), align: "right" },
  { header: "Range", value: range, align: "right" },
];

export function lookThroughText(r: LookThroughReport): string {
  return [
    `${r.subject.name} (${r.subject.id}, ${r.subject.kind}${r.subject.country ? `, ${r.subject.country}` : ""}) as of ${r.asOf}`,
    "",
    "Ultimately owned by",
    r.owners.length
      ? tableFrom(r.owners, columns)
      : "  (no recorded owners: it is an ultimate owner)",
    "",
    "Ultimately holds",
    r.holdings.length ? tableFrom(r.holdings, columns) : "  (no holdings)",
  ].join("\n");
}

export function register(program: Command): void {
  withWorldOptions(
    program
      .command("lookthrough")
      .description("Who ultimately owns an entity or asset, and what it ultimately holds")
      .requiredOption("--entity <id-or-name>", "an id, a name or part of one"),
  ).action(async (opts: Record<string, string | undefined>) => {
    const format = formatFrom(opts.format);
    const world = await worldFromOptions(opts);
    const subject = nodeFor(world, opts.entity ?? "");
    const r = lookThroughReportFor(world, subject.id);
    if (format === "json") emit(JSON.stringify(r, null, 2));
    else if (format === "csv")
      emit(
        csvFrom(
          [
            ...r.owners.map((o) => ({ ...o, relation: "owner" })),
            ...r.holdings.map((h) => ({ ...h, relation: "holding" })),
          ],
          [
            { header: "relation", value: (x) => x.relation },
            ...(columns as Column<LookThroughRow & { relation: string }>[]).map((c) => ({
              ...c,
              header: c.header.toLowerCase(),
            })),
            { header: "min", value: (x) => x.min },
            { header: "max", value: (x) => x.max },
          ],
        ),
      );
    else emit(lookThroughText(r));
  });
}
