/**
 * Every command the CLI has, by top-level name, loaded on demand: `orebook report …` imports only
 * the report module, so a command does not pay for the API, spreadsheet or solver code of the
 * others. A test holds this table equal to what the modules register. Add yours here.
 */
import type { Command } from "commander";

export type Register = (program: Command) => void;
type Module = () => Promise<{ register: Register }>;

export const COMMAND_MODULES: Readonly<Record<string, Module>> = {
  report: () => import("./report.js"),
  explain: () => import("./explain.js"),
  lookthrough: () => import("./lookthrough.js"),
  validate: () => import("./validate.js"),
  compare: () => import("./compare.js"),
  "scenario-schema": () => import("./compare.js"),
  montecarlo: () => import("./montecarlo.js"),
  deals: () => import("./deals.js"),
  stockpile: () => import("./stockpile.js"),
  db: () => import("./db.js"),
  serve: () => import("./serve.js"),
  token: () => import("./token.js"),
  import: () => import("./import.js"),
  export: () => import("./export.js"),
  template: () => import("./template.js"),
  bench: () => import("../../bench/bench.js"),
  "bench-ledger": () => import("../../bench/bench-ledger.js"),
  "bench-bods": () => import("../../bench/bench-bods.js"),
  "bench-routes": () => import("../../bench/bench-routes.js"),
  "bench-scenarios": () => import("../../bench/bench-scenarios.js"),
  "bench-store": () => import("../../bench/bench-store.js"),
};

/**
 * The register functions for a command line: only the named command's module when the first
 * word names one, every module otherwise (help, versions, mistakes), each module once.
 */
export async function registersFor(argv: readonly string[]): Promise<Register[]> {
  const word = argv.find((a) => !a.startsWith("-"));
  const chosen =
    word !== undefined && Object.hasOwn(COMMAND_MODULES, word)
      ? [COMMAND_MODULES[word] as Module]
      : Object.values(COMMAND_MODULES);
  const modules = await Promise.all(chosen.map((load) => load()));
  return [...new Set(modules.map((m) => m.register))];
}
