/**
 * The options the benchmark commands share, defined once (flag, help, default), and the one way a
 * benchmark command is declared from a list of them.
 */
import type { Command } from "commander";

/** One option: its flags, its help and, when it has one, its default. */
export type BenchOption = readonly [flags: string, description: string, defaultValue?: string];

/** `--entities`: the size of the generated register. */
export const ENTITIES_OPTION: BenchOption = ["--entities <n>", "entities to generate", "1000000"];

/** `--seed`: the generator's seed. */
export const SEED_OPTION: BenchOption = ["--seed <n>", "generator seed", "1"];

/** `--peers`: which peer pipelines to run beside orebook (`none` for none). */
export function peersOption(peers: string): BenchOption {
  return ["--peers <list>", `${peers} or none`, peers];
}

/** `command` with `options` added in order. */
export function withBenchOptions(command: Command, options: readonly BenchOption[]): Command {
  for (const [flags, description, defaultValue] of options)
    if (defaultValue === undefined) command.option(flags, description);
    else command.option(flags, description, defaultValue);
  return command;
}
