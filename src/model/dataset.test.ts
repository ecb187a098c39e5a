import { describe, expect, it } from "vitest";
import { type Dataset, datasetIssues, emptyDataset } from "./dataset.js";
import type { AssetId, EntityId, NodeId, RecordId, SourceId } from "./ids.js";

const prov = { sources: ["s" as SourceId], asOf: "2025" };
function withStakes(
  stakes: [id: string, owner: string, share: number, from?: string | undefined, to?: string][],
): Dataset {
  const ds = emptyDataset();
  ds.sources.push({ id: "s" as SourceId, title: "S", kind: "primary", confidence: "high" });
  for (const id of ["a", "b"])
    ds.entities.push({ id: id as EntityId, name: id, kind: "company", country: null, ...prov });
  ds.assets.push({
    id: "m" as AssetId,
    name: "M",
    kind: "mine",
    country: "CD" as never,
    province: null,
    location: null,
    status: "operating",
    commodities: ["zinc"],
    ...prov,
  });
  for (const [id, owner, share, from, to] of stakes)
    ds.stakes.push({
      id: id as RecordId,
      owner: owner as EntityId,
      owned: "m" as NodeId,
      share,
      kind: "equity",
      ...(from ? { validFrom: from as never } : {}),
      ...(to ? { validTo: to as never } : {}),
      ...prov,
    });
  return ds;
}

describe("datasetIssues()", () => {
  it("accepts a stake that steps up when the old version ends the day before", () => {
    const ds = withStakes([
      ["old", "a", 0.68, undefined, "2025-07-31"],
      ["new", "a", 0.62, "2025-08-01"],
      ["other-old", "b", 0.32, undefined, "2025-07-31"],
      ["other-new", "b", 0.38, "2025-08-01"],
    ]);
    expect(datasetIssues(ds)).toEqual([]);
  });

  it("refuses stakes that overlap to more than 100% on the day the new one starts", () => {
    const ds = withStakes([
      ["old", "a", 0.68],
      ["b-old", "b", 0.32, undefined, "2025-07-31"],
      ["b-new", "b", 0.38, "2025-08-01"],
    ]);
    expect(datasetIssues(ds).map((i) => i.message)).toEqual([
      "Stakes in m add up to 106.00%, more than 100% on 2025-08-01 (old, b-new)",
    ]);
  });
});
