/** `orebook lookthrough`: who ultimately owns an entity and what it ultimately holds. */
import type { Command } from "commander";
import { lookThroughByName } from "../../app/find-node.js";
import type { LookThroughReport, LookThroughRow } from "../../engine/ownership/index.js";
import { datasetSearchFromOptions } from "../context.js";
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

const declaredColumn: Column<LookThroughRow> = {
  header: "Declared",
  value: (r) => (r.declared === undefined ? "" : `${pct(r.declared, 2)} indirect`),
  align: "right",
};

const PLACEMENT: Record<string, string> = {
  components: "counted through its components",
  derived: "a component share is derived from it",
  spanned: "counted by a stake over the components without shares",
  unplaced: "not counted: no placement avoids counting it twice",
};

export function lookThroughText(
  r: LookThroughReport & { dataset?: string; foundElsewhere?: boolean },
): string {
  const cols = (rows: LookThroughRow[]) =>
    rows.some((x) => x.declared !== undefined) ? [...columns, declaredColumn] : columns;
  const lines = [
    `${r.subject.name} (${r.subject.id}, ${r.subject.kind}${r.subject.country ? `, ${r.subject.country}` : ""}) as of ${r.asOf}${r.dataset ? `, dataset ${r.dataset}` : ""}`,
  ];
  if (r.foundElsewhere)
    lines.push(
      `(found in dataset ${r.dataset}: the default dataset has no match; --dataset ${r.dataset} to read it directly)`,
    );
  lines.push(
    "",
    "Ultimately owned by",
    r.owners.length
      ? tableFrom(r.owners, cols(r.owners))
      : "  (no recorded owners: it is an ultimate owner)",
    "",
    "Ultimately holds",
    r.holdings.length ? tableFrom(r.holdings, cols(r.holdings)) : "  (no holdings)",
  );
  if (r.declared.length > 0) {
    lines.push("", "Declared indirect interests");
    for (const d of r.declared)
      lines.push(
        `  ${d.owner.name} declares ${pct(d.share, 2)}${d.max - d.min > 5e-5 ? ` (${pct(d.min, 2)}–${pct(d.max, 2)})` : ""} of ${d.owned.name}${d.through.length ? ` through ${d.through.join(", ")}` : ""} (${d.id}): ${PLACEMENT[d.placement] ?? d.placement}`,
        ...(d.placement === "components" ? [] : [`    ${d.note}`]),
      );
  }
  return lines.join("\n");
}

export function register(program: Command): void {
  withWorldOptions(
    program
      .command("lookthrough")
      .description("Who ultimately owns an entity or asset, and what it ultimately holds")
      .requiredOption("--entity <id-or-name>", "an id, a name or part of one"),
  ).action(async (opts: Record<string, string | undefined>) => {
    const format = formatFrom(opts.format);
    const r = await lookThroughByName(opts.entity ?? "", await datasetSearchFromOptions(opts));
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
