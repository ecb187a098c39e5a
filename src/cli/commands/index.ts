/** Every command the CLI has; add yours here. */
import type { Command } from "commander";

export type Register = (program: Command) => void;

export const COMMANDS: Register[] = [];
