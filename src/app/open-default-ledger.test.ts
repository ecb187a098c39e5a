import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { DEFAULT_DATASET_ID } from "../ledger/ledger.js";
import { openDefaultLedger } from "./open-default-ledger.js";

const dir = mkdtempSync(join(tmpdir(), "orebook-open-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("openDefaultLedger()", () => {
  it("openDefaultLedger() loads the reference folder into drc once, on first start", async () => {
    const ref = join(dir, "ref");
    const yaml = `sources:
  - { id: s1, title: Annual report, kind: primary, confidence: high }
entities:
  - { id: cmoc, name: CMOC, kind: company, country: CN, sources: [s1], asOf: "2024" }
`;
    mkdirSync(ref);
    writeFileSync(join(ref, "a.yaml"), yaml);
    const db = join(dir, "default.db");
    const first = await openDefaultLedger({ db, referenceDir: ref, env: {} });
    const h1 = await first.history(DEFAULT_DATASET_ID, "cmoc");
    expect(h1.map((v) => [v.version, v.recordedBy, v.note])).toEqual([
      [1, "orebook", "Reference dataset loaded on first start"],
    ]);
    await first.close();
    const second = await openDefaultLedger({ db, referenceDir: ref, env: {} });
    expect(await second.history(DEFAULT_DATASET_ID, "cmoc")).toHaveLength(1);
    expect((await second.datasetAt(DEFAULT_DATASET_ID)).entities.map((e) => e.id)).toEqual([
      "cmoc",
    ]);
    await second.close();
  });
});
