#!/usr/bin/env node
/**
 * The `orebook` command. Each command lives in `commands/<name>.ts` and exports
 * `register(program)`; this file only wires them and turns errors into one clear message and a
 * non-zero exit.
 */
import { Command, CommanderError } from "commander";
import { type Register, registersFor } from "./commands/index.js";
import { exitCodeFor, renderError } from "./errors.js";

export function programFrom(registers: readonly Register[]): Command {
  const program = new Command("orebook")
    .description(
      "Who owns and who controls critical-mineral production, where the tonnes go, and what a deal or a shock would change",
    )
    .version("0.1.0")
    .showHelpAfterError("(run with --help for usage)")
    .exitOverride();
  for (const register of registers) register(program);
  return program;
}

async function main(argv: string[]): Promise<number> {
  const program = programFrom(await registersFor(argv.slice(2)));
  try {
    await program.parseAsync(argv);
    return 0;
  } catch (e) {
    if (e instanceof CommanderError) {
      // Commander has already printed its message (unknown option, missing argument, help).
      return e.exitCode === 0 ? 0 : 2;
    }
    process.stderr.write(`${renderError(e)}\n`);
    return exitCodeFor(e);
  }
}

main(process.argv).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`orebook: internal error: ${String(e)}\n`);
    process.exitCode = 70;
  },
);
