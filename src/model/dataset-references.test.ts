import { describe, expect, it } from "vitest";
import { DatasetChecker } from "../ledger/dataset-checker.js";
import { datasetIssues, emptyDataset, RECORD_KINDS } from "./dataset.js";
import { REFERENCING_KINDS } from "./dataset-references.js";

describe("the table of references", () => {
  it("covers only record kinds, and every kind that names another but sources and stakes", () => {
    expect(REFERENCING_KINDS.filter((k) => !RECORD_KINDS.includes(k))).toEqual([]);
    expect(REFERENCING_KINDS).toEqual(expect.arrayContaining(["offtakes", "indirectInterests"]));
  });

  it("makes datasetIssues and the ledger's checker name an indirect interest's unknown ids alike", () => {
    const ds = emptyDataset();
    ds.sources.push({ id: "s", title: "S", kind: "primary", confidence: "high" } as never);
    ds.entities.push({ id: "a", name: "A", kind: "company", sources: ["s"] } as never);
    ds.indirectInterests.push({
      id: "ii",
      owner: "a",
      owned: "nowhere",
      share: 0.5,
      components: [{ owner: "ghost", owned: "nowhere", share: 0.5 }],
      placement: "direct",
      sources: ["s"],
    } as never);
    const issues = datasetIssues(ds);
    expect(issues.map((i) => `${i.path.join(".")}: ${i.message}`)).toEqual([
      "owned: Unknown entity or asset nowhere",
      "components.0.owner: Unknown entity ghost",
      "components.0.owned: Unknown entity or asset nowhere",
    ]);
    const checker = new DatasetChecker();
    for (const kind of RECORD_KINDS)
      for (const r of ds[kind] as { id: string }[]) checker.add(kind, r);
    expect(checker.issueCount).toBe(issues.length);
  });
});
