/**
 * The cross-reference check of one `put` or `remove`, reading only what the record touches
 * instead of folding the whole dataset.
 *
 * The stored dataset is clean (every write is checked), so the problems a one-record change
 * can bring are those of the records it touches: a put's own references and sources, an
 * entity/asset id clash, and for a stake the shares held in its owned node; a removal's
 * records that still name it. This module builds a small dataset of those records (the
 * subjects), the stored records they name (as stubs: only their ids matter) and, for a stake,
 * the other current stakes of its owned node, runs `datasetIssues` on it, and keeps the
 * problems of the subjects, the clashes and the shares. Same rules, same messages, same order
 * as `datasetIssues` on the whole dataset after the change (a test holds the two together).
 */
import { type Dataset, datasetIssues, emptyDataset, type RecordKind } from "../model/dataset.js";
import type { Issue } from "../model/errors.js";

type Rec = Record<string, unknown> & { id: string };

/** A stored record with its place in its kind's list. */
export interface PlacedRecord {
  kind: RecordKind;
  ordinal: number;
  rec: Rec;
}

/** The kinds other records name, and so the only ones a stub stands for. */
export const NAMED_KINDS: readonly RecordKind[] = [
  "sources",
  "entities",
  "assets",
  "routeNodes",
  "stockpiles",
];

/** What the check reads from the store (current, live records only). */
export interface TouchedStore {
  /** Which of these ids are live records of a `NAMED_KINDS` kind, as [kind, id]. */
  existing(ids: readonly string[]): Promise<[RecordKind, string][]>;
  /** The current stakes held in `owned`. */
  stakesIn(owned: string): Promise<PlacedRecord[]>;
  /** Every current record that may name `id` of kind `kind` (more is harmless). */
  referrers(kind: RecordKind, id: string): Promise<PlacedRecord[]>;
}

/** One write: `rec` put at `ordinal` (its current one, or after the last), or `id` removed. */
export type Change =
  | { op: "put"; kind: RecordKind; rec: Rec; ordinal: number }
  | { op: "remove"; kind: RecordKind; id: string };

/** Every string a record holds, nested ones included: a superset of the ids it names. */
export function stringsIn(value: unknown, out: Set<string> = new Set()): Set<string> {
  if (typeof value === "string") out.add(value);
  else if (Array.isArray(value)) for (const v of value) stringsIn(v, out);
  else if (value !== null && typeof value === "object")
    for (const v of Object.values(value)) stringsIn(v, out);
  return out;
}

const keyOf = (kind: string, id: string) => `${kind} ${id}`;

/** The problems `datasetIssues` would find in the stored dataset after `change`. */
export async function touchedIssues(change: Change, store: TouchedStore): Promise<Issue[]> {
  const placed: PlacedRecord[] = [];
  const subjects = new Set<string>();
  /** Stored records that are not subjects but must be there as they are (a node's stakes). */
  const extra: PlacedRecord[] = [];
  let gone: string | undefined;
  if (change.op === "put") {
    placed.push({ kind: change.kind, ordinal: change.ordinal, rec: change.rec });
    subjects.add(keyOf(change.kind, change.rec.id));
    if (change.kind === "stakes") {
      const owned = change.rec.owned as string;
      for (const s of await store.stakesIn(owned)) if (s.rec.id !== change.rec.id) extra.push(s);
    }
  } else {
    // Only records of these kinds are named by others: removing anything else breaks nothing.
    if (!NAMED_KINDS.includes(change.kind)) return [];
    gone = keyOf(change.kind, change.id);
    for (const r of await store.referrers(change.kind, change.id)) {
      const key = keyOf(r.kind, r.rec.id);
      if (key === gone || subjects.has(key)) continue;
      subjects.add(key);
      placed.push(r);
    }
    if (placed.length === 0) return [];
  }

  // Stubs for the stored records the subjects may name (and a put's id, for the clash check).
  const names = new Set<string>();
  for (const p of placed) stringsIn(p.rec, names);
  const stubs: PlacedRecord[] = [];
  const found = names.size === 0 ? [] : await store.existing([...names]);
  for (const [kind, id] of found) {
    const key = keyOf(kind, id);
    if (key === gone || subjects.has(key)) continue;
    stubs.push({ kind, ordinal: 0, rec: { id } });
  }

  const ds = emptyDataset() as unknown as Record<string, PlacedRecord[]>;
  for (const p of [...stubs, ...extra, ...placed]) ds[p.kind]?.push(p);
  const sub = emptyDataset() as unknown as Record<string, Rec[]>;
  // Each kind in the dataset's order, as the whole-dataset check would see it.
  for (const [kind, list] of Object.entries(ds))
    sub[kind] = list.sort((a, b) => a.ordinal - b.ordinal).map((p) => p.rec);
  return datasetIssues(sub as unknown as Dataset).filter(
    (i) =>
      (i.record !== undefined && subjects.has(i.record)) ||
      // A node over 100% (named by its last stake, which may be another one)...
      (i.path.length === 1 && i.path[0] === "share") ||
      // ...and an id both an entity and an asset (named as the asset).
      (i.path.length === 1 && i.path[0] === "id" && i.message.includes("both an entity")),
  );
}
