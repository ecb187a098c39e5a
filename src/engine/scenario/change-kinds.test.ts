/**
 * The table of scenario change kinds is whole and honest: a row for every kind of the schema,
 * and no change modifies a record of a kind its row does not name (those records are shared
 * with the base dataset, so the base would change: the API keeps the base world cached). Every
 * change of every shipped scenario is applied alone, and then each scenario whole, to the
 * reference dataset, and the base dataset must read the same afterwards.
 */
import { readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, test } from "vitest";
import { loadDatasetDir, REFERENCE_DATA_DIR } from "../../io/load-dataset.js";
import { readScenarioFile } from "../../io/scenario-file.js";
import { applyScenario, CHANGE_KINDS } from "./apply-scenario.js";
import { SCENARIO_CHANGE_KINDS } from "./scenario-schema.js";

const ROOT = fileURLToPath(new URL("../../..", import.meta.url));

describe("CHANGE_KINDS", () => {
  test("has a row for every kind of scenario change, and no other", () => {
    expect(Object.keys(CHANGE_KINDS).sort()).toEqual([...SCENARIO_CHANGE_KINDS].sort());
  });

  test("no change modifies a record of a kind its row does not name: the base dataset stays as it was", () => {
    const { dataset } = loadDatasetDir(REFERENCE_DATA_DIR);
    const before = JSON.stringify(dataset);
    const files = readdirSync(`${ROOT}scenarios`).filter((f) => f.endsWith(".yaml"));
    const applied = new Set<string>();
    for (const f of files) {
      const { scenario } = readScenarioFile(`${ROOT}scenarios/${f}`);
      const runs = [
        ...scenario.changes.map((c, i) => ({ what: `${f} change ${i} (${c.kind})`, only: i })),
        { what: `${f} whole`, only: undefined },
      ];
      for (const { what, only } of runs) {
        try {
          const out = applyScenario(
            dataset,
            scenario,
            only === undefined ? {} : { include: (i) => i === only },
          );
          for (const a of out.applied) applied.add(a.kind);
        } catch {
          // A change that needs an earlier one cannot apply alone; the base must still be intact.
        }
        expect({ what, same: JSON.stringify(dataset) === before }).toEqual({ what, same: true });
      }
    }
    // Every kind was applied at least once, so no row went unchecked.
    expect(SCENARIO_CHANGE_KINDS.filter((k) => !applied.has(k))).toEqual([]);
  });
});
