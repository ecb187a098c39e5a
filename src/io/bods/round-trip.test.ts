import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { type Dataset, emptyDataset } from "../../model/dataset.js";
import { loadDatasetDir } from "../load-dataset.js";
import { bodsFromDataset } from "./bods-from-dataset.js";
import { importBodsFile, validateBodsFile } from "./read-bods.js";
import { writeBodsFile } from "./write-bods.js";

const fixture = (name: string) =>
  fileURLToPath(new URL(`../../../test/fixtures/bods/${name}`, import.meta.url));
const today = "2025-06-30";
const dir = mkdtempSync(join(tmpdir(), "orebook-bods-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function exportAndReimport(ds: Dataset, name: string, on = today) {
  const file = join(dir, name);
  const omitted: string[] = [];
  await writeBodsFile(
    file,
    bodsFromDataset(ds, { today: on, onOmit: (_kind, id) => omitted.push(id) }),
  );
  const { issues } = await validateBodsFile(file, { today: on });
  return { issues, omitted, again: await importBodsFile(file, { today: on }) };
}

describe("BODS round trip", () => {
  for (const name of [
    "ownership.json",
    "indirect.jsonl",
    "series.json",
    "indirect-ownership.json",
    "delta-base.json",
  ]) {
    it(`import → export → import gives the same records for ${name}`, async () => {
      const first = await importBodsFile(fixture(name), { today });
      const { issues, again } = await exportAndReimport(first.dataset, `${name}.out.jsonl`);
      expect(issues).toEqual([]);
      expect(again.dataset).toEqual(first.dataset);
    });
  }

  it("an entity's headquarters country and the reason its country is unknown survive export and re-import", async () => {
    const ds = emptyDataset();
    ds.sources.push({ id: "s1", title: "A source", kind: "primary", confidence: "high" } as never);
    ds.entities.push(
      {
        id: "holdco",
        name: "Holding company",
        kind: "company",
        country: "JE",
        headquarters: "CH",
        sources: ["s1"],
        asOf: "2025",
      } as never,
      {
        id: "shell",
        name: "Shell company",
        kind: "company",
        country: null,
        countryReason: "Not given in the sources reviewed.",
        sources: ["s1"],
        asOf: "2025",
      } as never,
    );
    const { issues, again } = await exportAndReimport(ds, "hq.json");
    expect(issues).toEqual([]);
    expect(again.dataset.entities).toEqual(ds.entities);
  });

  it("a source address with brackets or non-ASCII letters is written to BODS as a valid URI and read back as the same source", async () => {
    const ds = emptyDataset();
    ds.sources.push({
      id: "s1",
      title: "Bracketed",
      url: "https://news.example.org/123/[Analysis]-Kolwezi-Banana",
      kind: "secondary",
      confidence: "medium",
    } as never);
    ds.entities.push({
      id: "holdco",
      name: "Holding company",
      kind: "company",
      country: "CD",
      sources: ["s1"],
      asOf: "2025",
    } as never);
    const { issues, again } = await exportAndReimport(ds, "brackets.json");
    expect(issues).toEqual([]);
    const written = readFileSync(join(dir, "brackets.json"), "utf8");
    expect(written).toContain('"url":"https://news.example.org/123/%5BAnalysis%5D-Kolwezi-Banana"');
    expect(written).not.toContain(
      '"description":"Bracketed","url":"https://news.example.org/123/[',
    );
    expect(again.dataset.sources).toEqual(ds.sources);
  });

  it("export of the reference dataset is valid BODS 0.4 and re-imports its entities, assets and stakes", async () => {
    const { dataset } = loadDatasetDir(
      fileURLToPath(new URL("../../../data/drc", import.meta.url)),
    );
    // Once every planned stake has started, all of them are declared facts.
    const { issues, again } = await exportAndReimport(dataset, "drc.json", "2030-01-01");
    expect(issues).toEqual([]);
    expect(again.dataset.entities).toEqual(dataset.entities);
    expect(again.dataset.assets).toEqual(dataset.assets);
    expect(again.dataset.stakes).toEqual(dataset.stakes);
    const used = new Set(again.dataset.sources.map((s) => s.id));
    expect(dataset.sources.filter((s) => used.has(s.id))).toEqual(
      [...again.dataset.sources].sort(
        (a, b) =>
          dataset.sources.indexOf(dataset.sources.find((x) => x.id === a.id) as never) -
          dataset.sources.indexOf(dataset.sources.find((x) => x.id === b.id) as never),
      ),
    );
  });

  it("export leaves out stakes that start after today and keeps the file valid", async () => {
    const { dataset } = loadDatasetDir(
      fileURLToPath(new URL("../../../data/drc", import.meta.url)),
    );
    const on = "2026-11-22";
    const { issues, omitted, again } = await exportAndReimport(dataset, "drc-now.json", on);
    expect(issues).toEqual([]);
    const planned = dataset.stakes.filter((s) => s.validFrom !== undefined && s.validFrom > on);
    expect(omitted).toEqual(planned.map((s) => s.id));
    expect(again.dataset.stakes).toHaveLength(dataset.stakes.length - planned.length);
  });
});
