import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type Dataset, datasetIssues, RECORD_KINDS, type RecordKind } from "../model/dataset.js";
import { parsedDataset, smallDataset } from "./_test-fixture.js";
import { NAMED_KINDS, type PlacedRecord, stringsIn, touchedIssues } from "./touched-issues.js";

type Rec = Record<string, unknown> & { id: string };
const list = (ds: Dataset, k: RecordKind) => ds[k] as unknown as Rec[];

/** A store over a dataset held in memory: what the SQL queries answer, from the lists. */
function storeOver(ds: Dataset) {
  const placed = (k: RecordKind) => list(ds, k).map((rec, ordinal) => ({ kind: k, ordinal, rec }));
  return {
    existing: async (ids: readonly string[]) => {
      const wanted = new Set(ids);
      return NAMED_KINDS.flatMap((k) =>
        list(ds, k)
          .filter((r) => wanted.has(r.id))
          .map((r) => [k, r.id] as [RecordKind, string]),
      );
    },
    stakesIn: async (owned: string) => placed("stakes").filter((s) => s.rec.owned === owned),
    referrers: async (_kind: RecordKind, id: string) =>
      RECORD_KINDS.flatMap((k) => placed(k)).filter((p: PlacedRecord) => stringsIn(p.rec).has(id)),
  };
}

describe("touchedIssues", () => {
  it("finds what datasetIssues finds on the whole dataset after a random put or removal", async () => {
    const nodes = ["cmoc", "gecamines", "kobold", "tfm", "ghost"];
    const days = [undefined, "2020-01-01", "2024-06-30"];
    const stake = fc.record({
      id: fc.constantFrom("cmoc-tfm", "gecamines-tfm", "s1", "s2", "s3"),
      owner: fc.constantFrom(...nodes),
      owned: fc.constantFrom(...nodes),
      share: fc.double({ min: 0.01, max: 1, noNaN: true }),
      from: fc.constantFrom(...days),
      sources: fc.constantFrom(["src-annual-2024"], ["src-press-2025"], ["src-gone"]),
    });
    await fc.assert(
      fc.asyncProperty(
        fc.array(stake, { maxLength: 4 }),
        fc.oneof(
          stake.map((s) => ({ put: s })),
          fc.record({
            kind: fc.constantFrom<RecordKind>("entities", "assets", "sources", "stakes"),
            at: fc.nat(),
          }),
        ),
        async (stored, change) => {
          const ds = parsedDataset(smallDataset());
          const toRec = (s: (typeof stored)[number]): Rec => ({
            id: s.id,
            owner: s.owner,
            owned: s.owned,
            share: s.share,
            sources: s.sources,
            asOf: "2025",
            ...(s.from === undefined ? {} : { validFrom: s.from }),
          });
          // A clean stored dataset: each random stake is kept only if the dataset stays clean.
          for (const s of stored) {
            const rec = toRec(s);
            const stakes = list(ds, "stakes").filter((x) => x.id !== rec.id);
            const next = { ...ds, stakes: [...stakes, rec] } as unknown as Dataset;
            if (datasetIssues(next).length === 0) Object.assign(ds, next);
          }
          expect(datasetIssues(ds)).toEqual([]);
          if ("put" in change) {
            const rec = toRec(change.put);
            const stakes = list(ds, "stakes");
            const i = stakes.findIndex((x) => x.id === rec.id);
            const after = [...stakes];
            if (i >= 0) after[i] = rec;
            else after.push(rec);
            const got = await touchedIssues(
              { op: "put", kind: "stakes", rec, ordinal: i >= 0 ? i : stakes.length },
              storeOver(ds),
            );
            expect(got).toEqual(datasetIssues({ ...ds, stakes: after } as unknown as Dataset));
          } else {
            const records = list(ds, change.kind);
            const gone = records[change.at % records.length];
            if (!gone) return;
            const after = { ...ds, [change.kind]: records.filter((r) => r !== gone) };
            const got = await touchedIssues(
              { op: "remove", kind: change.kind, id: gone.id },
              storeOver(ds),
            );
            expect(got).toEqual(datasetIssues(after as unknown as Dataset));
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
