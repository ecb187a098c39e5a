/**
 * `orebook export bods|csv|xlsx|geojson …`: a dataset (the store, or `--data DIR`) or a report
 * in the formats users work with (see docs/interchange.md).
 *
 * - `export bods FILE`: entities, assets and stakes as BODS 0.4 (`.jsonl` for JSON Lines).
 * - `export csv DIR` / `export xlsx FILE`: every record table, or with `--report control
 *   --commodity C` the control report's countries, companies and assets.
 * - `export geojson FILE`: located assets, with `--commodity C` their production and controller.
 */
import { writeFileSync } from "node:fs";
import type { Command } from "commander";
import { controlReportFor } from "../../engine/ownership/index.js";
import { bodsFromDataset } from "../../io/bods/bods-from-dataset.js";
import { writeBodsFile } from "../../io/bods/write-bods.js";
import { assetsGeoJson } from "../../io/tables/assets-geojson.js";
import { tablesFromControlReport } from "../../io/tables/report-tables.js";
import {
  type Table,
  tablesFromDataset,
  writeTablesCsv,
  writeTablesXlsx,
} from "../../io/tables/write-tables.js";
import { OrebookError } from "../../model/errors.js";
import { worldFrom } from "../../model/world.js";
import { datasetFromOptions, dateOption, today, type WorldOptions } from "../context.js";
import { commodityOption, emit, withWorldOptions } from "../options.js";

type ExportOptions = WorldOptions & { report?: string; commodity?: string; period?: string };

async function tablesFor(o: ExportOptions): Promise<Table[]> {
  const ds = await datasetFromOptions(o);
  if (o.report === undefined) return tablesFromDataset(ds);
  if (o.report !== "control")
    throw new OrebookError("BAD_INPUT", `Unknown report "${o.report}": expected control`);
  const world = worldFrom(ds, dateOption("as-of", o.asOf) ?? today());
  return tablesFromControlReport(
    controlReportFor(world, {
      commodity: commodityOption(o.commodity),
      ...(o.period === undefined ? {} : { period: o.period }),
    }),
  );
}

function withReportOptions(cmd: Command): Command {
  return withWorldOptions(cmd)
    .option("--report <name>", "a report instead of the records: control")
    .option("--commodity <name>", "the commodity of the report")
    .option("--period <period>", "the report's period (default: the latest year with figures)");
}

export function register(program: Command): void {
  const exp = program
    .command("export")
    .description("Write a dataset or a report as BODS, CSV, XLSX or GeoJSON");

  withWorldOptions(
    exp
      .command("bods")
      .description("Entities, assets and stakes as BODS 0.4 statements (.jsonl: JSON Lines)")
      .argument("<file>", "the file to write"),
  ).action(async (file: string, o: WorldOptions) => {
    const ds = await datasetFromOptions(o);
    const omitted: string[] = [];
    const n = await writeBodsFile(
      file,
      bodsFromDataset(ds, { onOmit: (_k, id, why) => omitted.push(`${id}: ${why}`) }),
    );
    for (const m of omitted) process.stderr.write(`  left out stake ${m}\n`);
    emit(
      `Wrote ${n} statements to ${file}${omitted.length ? ` (${omitted.length} planned stakes left out)` : ""}`,
    );
  });

  withReportOptions(
    exp
      .command("csv")
      .description("Every record table (or a report) as CSV files in a folder")
      .argument("<dir>", "the folder to write"),
  ).action(async (dir: string, o: ExportOptions) => {
    const files = writeTablesCsv(dir, await tablesFor(o));
    emit(`Wrote ${files.length} CSV files to ${dir}`);
  });

  withReportOptions(
    exp
      .command("xlsx")
      .description("Every record table (or a report) as the sheets of one workbook")
      .argument("<file>", "the workbook to write"),
  ).action(async (file: string, o: ExportOptions) => {
    const tables = await tablesFor(o);
    await writeTablesXlsx(file, tables);
    emit(`Wrote ${tables.length} sheets to ${file}`);
  });

  withWorldOptions(
    exp
      .command("geojson")
      .description("Located assets as a GeoJSON FeatureCollection, with production and controller")
      .argument("<file>", "the file to write")
      .option("--commodity <name>", "add each asset's production and controller for it")
      .option("--period <period>", "the period of the figures (default: the latest year)"),
  ).action(async (file: string, o: ExportOptions) => {
    const world = worldFrom(await datasetFromOptions(o), dateOption("as-of", o.asOf) ?? today());
    const report =
      o.commodity === undefined
        ? undefined
        : controlReportFor(world, {
            commodity: commodityOption(o.commodity),
            ...(o.period === undefined ? {} : { period: o.period }),
          });
    const fc = assetsGeoJson(world, report);
    writeFileSync(file, `${JSON.stringify(fc, null, 1)}\n`);
    emit(`Wrote ${fc.features.length} assets to ${file}`);
  });
}
