import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { controlReportFor } from "../engine/control-report.js";
import { lookThroughReportFor } from "../engine/entity-look-through.js";
import { ownershipGraphOf } from "../engine/world-graph.js";
import { loadDatasetDir, REFERENCE_DATA_DIR } from "../io/load-dataset.js";
import { openLedger } from "../ledger/open-ledger.js";
import type { World } from "../model/world.js";
import { registerWorldAt } from "./register-world.js";

const dir = mkdtempSync(join(tmpdir(), "orebook-register-world-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A world as plain data, its maps as entry lists. */
function plain(w: World): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(w)) out[k] = v instanceof Map ? [...v.entries()] : v;
  out.stakes = w.stakes;
  out.production = w.production;
  return out;
}

describe("registerWorldAt()", () => {
  it("reads the world the snapshot reads, with the graph built from the columns, at several dates and knownAts", async () => {
    const ledger = await openLedger({ db: join(dir, "ref.db"), env: {} });
    const { dataset } = loadDatasetDir(REFERENCE_DATA_DIR);
    await ledger.load("drc", dataset, { actor: "test", recordedAt: "2025-03-01T00:00:00Z" });
    const some = dataset.stakes.find((s) => s.validFrom === undefined);
    if (!some) throw new Error("the reference data has no undated stake");
    await ledger.put(
      "drc",
      "stakes",
      { ...some, share: some.share / 2 },
      { expectedVersion: 1, actor: "test", recordedAt: "2025-09-01T00:00:00Z" },
    );
    for (const [asOf, knownAt] of [
      ["2025-12-31", undefined],
      ["2024-06-30", undefined],
      ["2025-12-31", "2025-06-30"],
    ] as const) {
      const opts = knownAt === undefined ? { asOf } : { asOf, knownAt };
      const { world, graph } = await registerWorldAt(ledger, "drc", opts);
      const snapshot = await ledger.snapshot("drc", opts);
      expect(plain(world)).toEqual(plain(snapshot));
      expect(ownershipGraphOf(world)).toBe(graph);
      const g = ownershipGraphOf(snapshot);
      expect([...graph.ids]).toEqual([...g.ids]);
      expect([...graph.share]).toEqual([...g.share]);
      expect(lookThroughReportFor(world, some.owned)).toEqual(
        lookThroughReportFor(snapshot, some.owned),
      );
      for (const commodity of ["cobalt", "copper"] as const)
        expect(controlReportFor(world, { commodity })).toEqual(
          controlReportFor(snapshot, { commodity }),
        );
    }
    await ledger.close();
  });
});
