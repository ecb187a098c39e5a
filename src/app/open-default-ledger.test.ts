import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadDatasetDir } from "../io/load-dataset.js";
import { DEFAULT_DATASET_ID } from "../ledger/ledger.js";
import { knownFromSources, openDefaultLedger } from "./open-default-ledger.js";

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

  it("records the reference records as known from their sources' dates; a record changed later is known from its load", async () => {
    const ref = join(dir, "dated");
    mkdirSync(ref);
    const yaml = (share: number) => `sources:
  - { id: s1, title: Report, kind: primary, confidence: high, published: "2024-05" }
  - { id: s2, title: Page, kind: secondary, confidence: low, accessed: "2025-02-03" }
entities:
  - { id: a, name: A, kind: company, country: CN, sources: [s1], asOf: "2024" }
  - { id: b, name: B, kind: company, country: CN, sources: [s1], asOf: "2024" }
stakes:
  - { id: a-b, owner: a, owned: b, share: ${share}, sources: [s1, s2], asOf: "2024" }
`;
    writeFileSync(join(ref, "a.yaml"), yaml(0.5));
    const db = join(dir, "dated.db");
    const l = await openDefaultLedger({ db, referenceDir: ref, env: {} });
    expect((await l.history(DEFAULT_DATASET_ID, "a"))[0]?.recordedAt).toBe(
      "2024-05-31T00:00:00.000Z",
    );
    expect((await l.history(DEFAULT_DATASET_ID, "a-b"))[0]?.recordedAt).toBe(
      "2025-02-03T00:00:00.000Z",
    );
    expect((await l.datasetAt(DEFAULT_DATASET_ID, { knownAt: "2025-01-31" })).stakes).toEqual([]);
    writeFileSync(join(ref, "a.yaml"), yaml(0.6));
    const { dataset } = loadDatasetDir(ref);
    await l.load(DEFAULT_DATASET_ID, dataset, {
      actor: "ana",
      recordedAt: "2026-03-01T00:00:00Z",
      recordedAtOf: knownFromSources(dataset),
    });
    const h = await l.history(DEFAULT_DATASET_ID, "a-b");
    expect(h.map((v) => [v.version, v.recordedAt])).toEqual([
      [1, "2025-02-03T00:00:00.000Z"],
      [2, "2026-03-01T00:00:00.000Z"],
    ]);
    await l.close();
  });
});
