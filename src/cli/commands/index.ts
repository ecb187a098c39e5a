/** Every command the CLI has; add yours here. */
import type { Command } from "commander";
import { register as bench } from "./bench.js";
import { register as benchBods } from "./bench-bods.js";
import { register as benchLedger } from "./bench-ledger.js";
import { register as benchRoutes } from "./bench-routes.js";
import { register as benchScenarios } from "./bench-scenarios.js";
import { register as compare } from "./compare.js";
import { register as db } from "./db.js";
import { register as deals } from "./deals.js";
import { register as explain } from "./explain.js";
import { register as exportCommand } from "./export.js";
import { register as importCommand } from "./import.js";
import { register as lookthrough } from "./lookthrough.js";
import { register as montecarlo } from "./montecarlo.js";
import { register as report } from "./report.js";
import { register as serve } from "./serve.js";
import { register as stockpile } from "./stockpile.js";
import { register as template } from "./template.js";
import { register as token } from "./token.js";
import { register as validate } from "./validate.js";

export type Register = (program: Command) => void;

export const COMMANDS: Register[] = [
  report,
  explain,
  lookthrough,
  validate,
  bench,
  db,
  benchLedger,
  benchRoutes,
  serve,
  token,
  compare,
  deals,
  montecarlo,
  benchScenarios,
  importCommand,
  exportCommand,
  template,
  benchBods,
  stockpile,
];
