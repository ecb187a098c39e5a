/**
 * `orebook template csv DIR` and `orebook template xlsx FILE`: empty tables, one per record
 * kind, with the columns the importers read (nested fields dotted, lists `;`-separated).
 */
import type { Command } from "commander";
import { templateTables, writeTablesCsv, writeTablesXlsx } from "../../io/tables/write-tables.js";
import { emit } from "../options.js";

export function register(program: Command): void {
  const t = program.command("template").description("Write empty import templates");
  t.command("csv")
    .description("One CSV file per record kind, header row only")
    .argument("<dir>", "the folder to write")
    .action((dir: string) => {
      const files = writeTablesCsv(dir, templateTables());
      emit(`Wrote ${files.length} templates to ${dir}`);
    });
  t.command("xlsx")
    .description("One workbook with a sheet per record kind, header row only")
    .argument("<file>", "the workbook to write")
    .action(async (file: string) => {
      const tables = templateTables();
      await writeTablesXlsx(file, tables);
      emit(`Wrote ${tables.length} template sheets to ${file}`);
    });
}
