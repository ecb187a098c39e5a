/**
 * The scenarios shipped with Orebook (`scenarios/*.yaml`), read and validated once when the
 * server starts. Routes name them by id (the file name without `.yaml`); a file that does not
 * validate is left out and its problems are kept for the list to show.
 */
import { existsSync, readdirSync } from "node:fs";
import { basename, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Scenario } from "../engine/scenario/index.js";
import { readScenarioFile } from "../io/scenario-file.js";
import { issueToString, OrebookError } from "../model/errors.js";

/** The repository's scenarios folder (from src/api and from dist/api alike). */
export const DEFAULT_SCENARIO_DIR = fileURLToPath(new URL("../../scenarios", import.meta.url));

export interface CatalogueEntry {
  id: string;
  scenario: Scenario;
}

export class ScenarioCatalogue {
  private constructor(
    private readonly entries: ReadonlyMap<string, CatalogueEntry>,
    /** Shipped files that did not validate, each with its problems. */
    readonly problems: readonly { id: string; problems: string[] }[],
  ) {}

  /** Reads every `*.yaml` in `dir` (none when the folder is missing). */
  static load(dir: string = DEFAULT_SCENARIO_DIR): ScenarioCatalogue {
    const entries = new Map<string, CatalogueEntry>();
    const problems: { id: string; problems: string[] }[] = [];
    const files = existsSync(dir)
      ? readdirSync(dir)
          .filter((f) => /\.ya?ml$/.test(f))
          .sort()
      : [];
    for (const f of files) {
      const id = basename(f).replace(/\.ya?ml$/, "");
      try {
        entries.set(id, {
          id,
          scenario: readScenarioFile(join(dir, f), { displayRoot: dir }).scenario,
        });
      } catch (e) {
        if (!(e instanceof OrebookError)) throw e;
        problems.push({
          id,
          problems: e.issues.length ? e.issues.map(issueToString) : [e.message],
        });
      }
    }
    return new ScenarioCatalogue(entries, problems);
  }

  list(): CatalogueEntry[] {
    return [...this.entries.values()];
  }

  /** The scenario shipped as `id`; NOT_FOUND naming the ids there are. */
  get(id: string): Scenario {
    const e = this.entries.get(id);
    if (!e)
      throw new OrebookError(
        "NOT_FOUND",
        `No shipped scenario ${id}: GET /api/scenarios lists them (${[...this.entries.keys()].join(", ") || "none"})`,
      );
    return e.scenario;
  }
}
