/**
 * What a viewer may see: the dataset without its restricted records, and without every record
 * that names one (a stake in a restricted company, the production of a restricted mine, a deal
 * whose effects create a restricted asset, a fact citing a restricted source), to a fixed
 * point. Reports, lists, exports and errors are all computed from this dataset, so nothing of a
 * restricted record can show through them: its share of an asset simply becomes unrecorded
 * ("unknown"), the rule the engine already applies to shares without a known owner.
 *
 * The match is on exact string values anywhere in a record, which can hide more than needed
 * (a note that is exactly a restricted id) but never less.
 *
 * Visibility is decided on the current version: a record hidden now (restricted now, or naming
 * what is) is hidden in every version, so a dataset as known at an earlier time is filtered with
 * the records hidden now (`alsoHidden`) as well as with its own restricted records.
 */
import { type Dataset, emptyDataset, RECORD_KINDS, type RecordKind } from "../model/dataset.js";

/** Who is asking: `all` sees everything (analysts, admins); `public` sees no restricted record. */
export type Scope = "all" | "public";

function isRestricted(x: unknown): boolean {
  if (Array.isArray(x)) return x.some(isRestricted);
  if (x !== null && typeof x === "object") {
    const o = x as Record<string, unknown>;
    if (o.restricted === true) return true;
    for (const v of Object.values(o))
      if (v !== null && typeof v === "object" && isRestricted(v)) return true;
  }
  return false;
}

function mentions(x: unknown, hidden: ReadonlySet<string>): boolean {
  if (typeof x === "string") return hidden.has(x);
  if (Array.isArray(x)) return x.some((v) => mentions(v, hidden));
  if (x !== null && typeof x === "object")
    return Object.entries(x as Record<string, unknown>).some(
      ([k, v]) => k !== "restricted" && mentions(v, hidden),
    );
  return false;
}

/** The key of a record in `alsoHidden` and `hiddenRecordsOf`: kind and id. */
export const recordKey = (kind: string, id: string) => `${kind}\u0000${id}`;

/**
 * The dataset a scope sees. `all` returns the dataset itself. Records whose `recordKey` is in
 * `alsoHidden` are hidden as if restricted (the records hidden now, for an earlier version).
 */
export function visibleDataset(
  ds: Dataset,
  scope: Scope,
  alsoHidden: ReadonlySet<string> = new Set(),
): Dataset {
  if (scope === "all") return ds;
  const hidden = new Set<string>();
  const keep = new Map<RecordKind, { id: string }[]>();
  for (const kind of RECORD_KINDS) {
    const list: { id: string }[] = [];
    for (const r of (ds[kind] ?? []) as { id: string }[]) {
      if (isRestricted(r) || alsoHidden.has(recordKey(kind, r.id))) hidden.add(r.id);
      else list.push(r);
    }
    keep.set(kind, list);
  }
  if (hidden.size > 0) {
    for (let changed = true; changed; ) {
      changed = false;
      for (const kind of RECORD_KINDS) {
        const list = keep.get(kind) ?? [];
        const next = list.filter((r) => {
          // A record's own id is not a reference: only what it names elsewhere counts.
          const { id: _id, ...rest } = r;
          if (!mentions(rest, hidden)) return true;
          hidden.add(r.id);
          return false;
        });
        if (next.length !== list.length) {
          keep.set(kind, next);
          changed = true;
        }
      }
    }
  }
  const out = emptyDataset() as unknown as Record<RecordKind, unknown[]>;
  for (const kind of RECORD_KINDS) out[kind] = keep.get(kind) ?? [];
  return out as unknown as Dataset;
}

/** The records (`recordKey`) a scope may not see: in the whole dataset, not in the visible one. */
export function hiddenRecordsOf(all: Dataset, visible: Dataset): Set<string> {
  const shown = new Set<string>();
  for (const kind of RECORD_KINDS)
    for (const r of (visible[kind] ?? []) as { id: string }[]) shown.add(recordKey(kind, r.id));
  const hidden = new Set<string>();
  for (const kind of RECORD_KINDS)
    for (const r of (all[kind] ?? []) as { id: string }[]) {
      const key = recordKey(kind, r.id);
      if (!shown.has(key)) hidden.add(key);
    }
  return hidden;
}

/** The ids a scope may not see: in the whole dataset, not in the visible one. */
export function hiddenIdsOf(all: Dataset, visible: Dataset): Set<string> {
  const shown = new Set<string>();
  for (const kind of RECORD_KINDS)
    for (const r of (visible[kind] ?? []) as { id: string }[]) shown.add(`${kind}\u0000${r.id}`);
  const hidden = new Set<string>();
  for (const kind of RECORD_KINDS)
    for (const r of (all[kind] ?? []) as { id: string }[])
      if (!shown.has(`${kind}\u0000${r.id}`)) hidden.add(r.id);
  return hidden;
}

/** True when one record (say, a past version) is visible on its own given the hidden ids. */
export function recordVisible(record: unknown, hidden: ReadonlySet<string>): boolean {
  if (isRestricted(record)) return false;
  const { id: _id, ...rest } = record as { id?: unknown };
  return !mentions(rest, hidden);
}
