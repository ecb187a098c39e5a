/** Options every data-reading command shares, declared once. */
import type { Command } from "commander";
import {
  COUNTRY_BASES,
  COUNTRY_GROUPS,
  type CountryBasis,
  type CountryGroup,
  SHARE_BASES,
  type ShareBasis,
} from "../engine/common/index.js";
import { COMMODITIES, type Commodity, isCommodity } from "../model/commodity.js";
import { OrebookError } from "../model/errors.js";

/** Adds --as-of, --known-at, --data, --db, --database-url, --format and (unless told not to) --scenario. */
export function withWorldOptions(cmd: Command, opts: { scenario?: boolean } = {}): Command {
  if (opts.scenario !== false)
    cmd.option(
      "--scenario <file>",
      "apply a scenario file first (its base date is the default --as-of)",
    );
  return cmd
    .option("--as-of <date>", "the date to look at, YYYY-MM-DD (default: today)")
    .option("--known-at <date>", "what the store knew on this date, YYYY-MM-DD (default: now)")
    .option("--data <dir>", "read a dataset folder of YAML files instead of the store")
    .option("--db <path>", "SQLite store (default ./orebook.db, or OREBOOK_DB)")
    .option("--database-url <url>", "PostgreSQL store (or OREBOOK_DATABASE_URL)")
    .option("--dataset <id>", "the dataset in the store (default drc)")
    .option(
      "--format <format>",
      "table, json or csv (default: table on a terminal, json otherwise)",
    );
}

/** Adds the options of every report that gives shares: --basis, --country-basis, --group. */
export function withShareOptions(cmd: Command): Command {
  return cmd
    .option(
      "--basis <basis>",
      "what shares are of: national (the country's output, with a row for what no recorded asset holds; default) or recorded (the recorded assets' tonnes)",
    )
    .option(
      "--country-basis <basis>",
      "which country a holder counts for: incorporation (default) or headquarters (where it is run from)",
    )
    .option("--group <group>", "count countries together: greater-china (China, Hong Kong, Macao)");
}

/** One of `values`, or a located error naming the option and what it expects. */
function oneOf<T extends string>(
  option: string,
  v: unknown,
  values: readonly T[],
  what: string,
): T | undefined {
  if (v === undefined) return undefined;
  if (typeof v !== "string" || !(values as readonly string[]).includes(v))
    throw new OrebookError(
      "BAD_INPUT",
      `--${option} ${String(v)} is not ${what}: expected one of ${values.join(", ")}`,
    );
  return v as T;
}

/** The share options as the engine takes them (unset options left out). */
export function shareOptionsFrom(opts: Record<string, unknown>): {
  basis?: ShareBasis;
  countryBasis?: CountryBasis;
  group?: CountryGroup;
} {
  const basis = oneOf("basis", opts.basis, SHARE_BASES, "a basis");
  const countryBasis = oneOf("country-basis", opts.countryBasis, COUNTRY_BASES, "a country basis");
  const group = oneOf("group", opts.group, COUNTRY_GROUPS, "a group");
  return {
    ...(basis !== undefined ? { basis } : {}),
    ...(countryBasis !== undefined ? { countryBasis } : {}),
    ...(group !== undefined ? { group } : {}),
  };
}

/** Checks --commodity. */
export function commodityOption(value: string | undefined): Commodity {
  if (value === undefined)
    throw new OrebookError(
      "BAD_INPUT",
      `--commodity is required: one of ${COMMODITIES.join(", ")}`,
    );
  const v = value.toLowerCase();
  if (!isCommodity(v))
    throw new OrebookError(
      "BAD_INPUT",
      `Unknown commodity "${value}": expected one of ${COMMODITIES.join(", ")}`,
    );
  return v;
}

/** Checks a number option. */
export function numberOption(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n))
    throw new OrebookError("BAD_INPUT", `--${name} ${value} is not a number`);
  return n;
}

/** Writes a result: JSON as is, or the table/CSV text given. */
export function emit(text: string): void {
  process.stdout.write(text.endsWith("\n") ? text : `${text}\n`);
}
