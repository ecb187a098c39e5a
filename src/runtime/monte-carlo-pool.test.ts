import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { expect, test } from "vitest";
import { testDataset } from "../engine/common/_test-world.js";
import { monteCarloPlanFrom, monteCarloRange } from "../engine/scenario/monte-carlo.js";
import { scenarioSchema } from "../engine/scenario/scenario-schema.js";
import { runMonteCarlo } from "./monte-carlo-pool.js";

const built = existsSync(
  fileURLToPath(new URL("../../dist/runtime/monte-carlo-worker.js", import.meta.url)),
);

test.skipIf(!built)("runMonteCarlo() gives the same values with 0, 1 and 2 workers", async () => {
  const ds = testDataset({
    entities: [["cmoc", "company", "CN"]],
    assets: [
      ["tfm", "CD"],
      ["kcc", "CD"],
    ],
    stakes: [["cmoc", "tfm", 0.8]],
    production: [
      ["tfm", "cobalt", "2025", 60_000],
      ["kcc", "cobalt", "2025", 30_000],
    ],
  });
  const s = scenarioSchema.parse({
    name: "MC",
    baseDate: "2026-03-01",
    changes: [
      { kind: "production-outage", asset: "tfm", factor: 0.5, probability: 0.3 },
      { kind: "production-outage", asset: "kcc", factor: 0, probability: 0.5 },
    ],
  });
  const plan = monteCarloPlanFrom(ds, s, { commodity: "cobalt", seed: 7 });
  const [a, b, c] = await Promise.all(
    [0, 1, 2].map((workers) => runMonteCarlo(ds, plan, { runs: 500, workers })),
  );
  expect(b?.values).toEqual(a?.values);
  expect(c?.values).toEqual(a?.values);
  expect(a?.values).toEqual(monteCarloRange(ds, plan, 0, 500));
  expect(a?.distinctOutcomes).toBe(4);
});
