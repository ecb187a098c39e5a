import { describe, expect, it } from "vitest";
import { loadDatasetDir, REFERENCE_DATA_DIR } from "../io/load-dataset.js";
import { type Dataset, datasetIssues, RECORD_KINDS, RECORD_SCHEMAS } from "../model/dataset.js";
import { largeDataset, parsedDataset, smallDataset } from "./_test-fixture.js";
import { DatasetChecker, type StakeFacts } from "./dataset-checker.js";

type Rec = Record<string, unknown> & { id: string };

/** The checker's issues on `ds`, fed record by record, with stored records first. */
function streamed(
  ds: Dataset,
  stored: Partial<Dataset> = {},
): ReturnType<DatasetChecker["issues"]> {
  const c = new DatasetChecker();
  for (const kind of RECORD_KINDS)
    for (const r of (stored[kind] ?? []) as Rec[])
      c.addStored(kind, r.id, kind === "stakes" ? (r as unknown as StakeFacts) : undefined);
  for (const kind of RECORD_KINDS) for (const r of ds[kind] as Rec[]) c.add(kind, r);
  const over = new Set(c.overfullNodes());
  const stakesIn = new Map<string, StakeFacts[]>();
  const incoming = new Set(ds.stakes.map((s) => s.id as string));
  const all = [...(stored.stakes ?? []).filter((s) => !incoming.has(s.id)), ...ds.stakes];
  for (const s of all as StakeFacts[])
    if (over.has(s.owned)) stakesIn.set(s.owned, [...(stakesIn.get(s.owned) ?? []), s]);
  return c.issues(stakesIn);
}

const parsed = (ds: Dataset) => parsedDataset(ds);

describe("DatasetChecker", () => {
  it("finds nothing in the reference dataset and in a large clean one, like datasetIssues", () => {
    const { dataset } = loadDatasetDir(REFERENCE_DATA_DIR);
    expect(datasetIssues(dataset)).toEqual([]);
    expect(streamed(dataset)).toEqual([]);
    expect(streamed(parsed(largeDataset(500)))).toEqual([]);
  });

  it("finds the same problems as datasetIssues, in the same order", () => {
    const ds = parsed(largeDataset(50));
    const at = (xs: unknown[], i: number) => xs[i] as Record<string, unknown>;
    at(ds.stakes, 3).owner = "nobody";
    at(ds.stakes, 7).owned = "nowhere";
    at(ds.stakes, 9).owner = "mine-2"; // an asset cannot own
    at(ds.stakes, 20).sources = ["src-missing", "src-synthetic", "src-other"];
    at(ds.production, 4).asset = "co-4"; // an entity, not an asset
    at(ds.production, 5).id = "p-6"; // duplicate id
    at(ds.assets, 8).id = "co-30"; // both an entity and an asset
    at(ds.assets, 2).operator = "ghost";
    at(ds.assets, 3).operator = "co-1";
    // Dated stakes in one node: 60% + 50% from 2020 on, 60% + 30% before.
    ds.stakes.push(
      { ...at(ds.stakes, 0), id: "late", share: 0.5, validFrom: "2020-01-01" } as never,
      { ...at(ds.stakes, 0), id: "early", share: 0.3, validTo: "2019-12-31" } as never,
    );
    at(ds.stakes, 0).share = 0.6;
    // Undated: co-6 is 60% held by co-5; 50% more is 110%.
    ds.stakes.push({ ...at(ds.stakes, 0), id: "more", owner: "co-9", owned: "co-6" } as never);
    at(ds.stakes, ds.stakes.length - 1).share = 0.5;
    const expected = datasetIssues(ds);
    expect(expected.length).toBeGreaterThan(8);
    expect(expected.some((i) => i.message.includes("more than 100% on 2020-01-01"))).toBe(true);
    expect(expected.some((i) => i.message.startsWith("Stakes in co-6 add up to 110.00%"))).toBe(
      true,
    );
    expect(expected.some((i) => i.message.includes("both an entity and an asset"))).toBe(true);
    expect(streamed(ds)).toEqual(expected);
  });

  it("counts stored records as if they came first, and a replaced stake only once", () => {
    const all = parsed(smallDataset());
    // Stored: the whole dataset. Incoming: a new stake of 30% in tfm, where 100% is held.
    const extra = { ...(all.stakes[1] as Dataset["stakes"][0]), id: "kobold-tfm", owner: "kobold" };
    const incoming = { ...parsed(smallDataset()), sources: [], entities: [], assets: [] };
    incoming.stakes = [{ ...extra, share: 0.3 } as Dataset["stakes"][0]];
    incoming.production = [];
    const merged = { ...all, stakes: [...all.stakes, ...incoming.stakes] };
    const expected = datasetIssues(merged);
    expect(expected).toHaveLength(1);
    expect(streamed(incoming, all)).toEqual(expected);
    // Replacing the stored 20% stake by 10% instead: 80% + 10%, no problem.
    incoming.stakes = [{ ...(all.stakes[1] as Dataset["stakes"][0]), share: 0.1 }];
    expect(streamed(incoming, all)).toEqual([]);
  });

  it("refuses records out of RECORD_KINDS order (references would be checked too early)", () => {
    const c = new DatasetChecker();
    const ds = smallDataset();
    c.add("stakes", RECORD_SCHEMAS.stakes.parse(ds.stakes[0]) as unknown as Rec);
    expect(() => c.add("entities", ds.entities[0] as unknown as Rec)).toThrow(
      /entities after stakes/,
    );
  });

  it("keeps the load's node numbers by id, whatever ids it hashed between (its memo of four)", () => {
    const c = new DatasetChecker();
    const ids = Array.from({ length: 50 }, (_, i) => `n-${i % 7}-${i}`);
    const given = new Map<string, number>();
    for (const [i, id] of ids.entries()) {
      c.add(i < 25 ? "entities" : "assets", { id, sources: [] } as unknown as Rec);
      c.setNodeNumber(id, 2 * i + (i % 2));
      given.set(id, 2 * i + (i % 2));
      // Ids asked for in any order, equal strings made anew: each gets its own number.
      const back = ids[(i * 13) % (i + 1)] as string;
      expect(c.nodeNumber(`${back}`.slice(0))).toBe(given.get(back));
    }
    for (const id of [...ids].reverse())
      expect(c.nodeNumber(id.split("").join(""))).toBe(given.get(id));
    expect(c.nodeNumber("n-unknown")).toBeUndefined();
    // An id only owned by a stake is a node without a number.
    c.add("stakes", {
      id: "s",
      owner: "n-0-0",
      owned: "only-owned",
      share: 0.5,
      sources: [],
    } as unknown as Rec);
    expect(c.nodeNumber("only-owned")).toBeUndefined();
    expect(c.nodeNumber("n-0-0")).toBe(0);
  });
});
