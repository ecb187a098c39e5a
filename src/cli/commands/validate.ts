/** `orebook validate data DIR`: checks a dataset folder and lists every problem. */
import type { Command } from "commander";
import { loadDatasetDir } from "../../io/load-dataset.js";
import { RECORD_KINDS } from "../../model/dataset.js";
import { emit } from "../options.js";
import { registerValidateBods } from "./import.js";

export function register(program: Command): void {
  const validate = program
    .command("validate")
    .description("Check input files and list every problem with its place");
  validate
    .command("data")
    .description("Check a dataset folder of YAML files (schemas and cross-references)")
    .argument("<dir>", "the folder, e.g. data/drc")
    .action((dir: string) => {
      const { dataset, files } = loadDatasetDir(dir, { displayRoot: process.cwd() });
      const counts = RECORD_KINDS.map((k) => `${k} ${dataset[k].length}`).join(", ");
      emit(`${dir}: valid (${files.length} files; ${counts})`);
    });
  registerValidateBods(validate);
}
