/**
 * When each record of a dataset became public: the knowledge time a load gives it, so that
 * `--known-at` answers "what was public then" rather than "what was installed then". Pure; the
 * loads of the reference dataset (first start, `orebook db load`) pass the result to the ledger.
 *
 * - A source is public from its publication date (`published`), else the date it was retrieved
 *   (`accessed`). A date given as a year or a month counts from the period's last day ("2025-09"
 *   is 2025-09-30): never earlier than it could have been public.
 * - A figure (a stake, a production figure, an offtake, a price … every kind but entities and
 *   assets) is known once every dated source it names is public (the latest of their dates): the
 *   figure as written needs all of them. Undated sources add nothing when another is dated.
 * - An entity or an asset exists in the record from its earliest dated source: a company or a
 *   mine is public once any source names it; later sources add facts about it, not its existence.
 * - An entity, asset, route node or stockpile with no dated source exists from the earliest date
 *   of a record that names it (by that record's own sources).
 * - Any other record with no dated source at all is known from the dataset's release date
 *   (`release`), as is a thing no dated record names.
 * - A record is never known before the records it names (a stake's owner and owned, a production
 *   figure's asset, an offtake's seller and buyer …): a snapshot at any known-at date holds no
 *   reference to a record it does not hold.
 * - A source without a date is known from the first record that names it (else `release`).
 * - No time is later than `release`.
 * See docs/data.md ("Knowledge times").
 */
import type { Dataset, RecordKind } from "../../model/dataset.js";
import { RECORD_KINDS } from "../../model/dataset.js";
import { referencesOf } from "../../model/dataset-references.js";
import { lastDayOf } from "../../model/dates.js";

export interface KnowledgeTimes {
  /** The knowledge date (YYYY-MM-DD) of a record of `kind` with `id`, if the dataset has it. */
  of(kind: RecordKind, id: string): string | undefined;
  /** The release date used for records without a dated source. */
  release: string;
  /** Records other than sources without any dated source (known from the release date). */
  undated: { kind: RecordKind; id: string }[];
}

const later = (a: string | undefined, b: string | undefined) =>
  a === undefined ? b : b === undefined ? a : a > b ? a : b;
const earlier = (a: string | undefined, b: string | undefined) =>
  a === undefined ? b : b === undefined ? a : a < b ? a : b;

/**
 * The knowledge times of every record of `ds`. `release` is the dataset's release date (YYYY-MM-DD),
 * by default the latest source date in the dataset.
 *
 * @example knowledgeTimesOf(ds).of("stakes", "cmoc-tfm") // "2023-04-30"
 */
export function knowledgeTimesOf(ds: Partial<Dataset>, release?: string): KnowledgeTimes {
  const sourceDate = new Map<string, string>();
  for (const s of ds.sources ?? []) {
    const d = s.published ?? s.accessed;
    if (d !== undefined) sourceDate.set(s.id, lastDayOf(d));
  }
  // Without any dated source the release is open (9999-12-31): the ledger records the load's time.
  const rel =
    release ??
    [...sourceDate.values()].reduce<string | undefined>((m, d) => later(m, d), undefined) ??
    "9999-12-31";
  const cap = (d: string) => (d > rel ? rel : d);
  const times = new Map<string, string>();
  const key = (kind: string, id: string) => `${kind}\u0000${id}`;
  const undated: { kind: RecordKind; id: string }[] = [];
  // An undated source is known from the first record that names it (else the release date).
  const firstCited = new Map<string, string>();
  // Entities and assets are what the other kinds name ("node": either).
  const nodeTime = (id: string) =>
    times.get(key("entities", id)) ?? times.get(key("assets", id)) ?? undefined;
  const targetTime = (target: string, id: string) =>
    target === "entity" || target === "asset" || target === "node"
      ? nodeTime(id)
      : target === "routeNode"
        ? times.get(key("routeNodes", id))
        : times.get(key("stockpiles", id));
  // Kinds in an order where every kind comes after the kinds it names.
  const order: RecordKind[] = [
    "entities",
    "assets",
    "routeNodes",
    "stockpiles",
    ...RECORD_KINDS.filter(
      (k) =>
        k !== "sources" &&
        k !== "entities" &&
        k !== "assets" &&
        k !== "routeNodes" &&
        k !== "stockpiles",
    ),
  ];
  const refsOf = (kind: RecordKind, rec: Record<string, unknown>) =>
    kind === "stakes"
      ? [
          { target: "entity", id: String(rec.owner) },
          { target: "node", id: String(rec.owned) },
        ]
      : referencesOf(kind, rec);
  /** The record's own time from its dated sources (the latest; entities and assets: earliest). */
  const ownTime = (kind: RecordKind, rec: Record<string, unknown>) => {
    let t: string | undefined;
    const existence = kind === "entities" || kind === "assets";
    for (const s of (rec.sources as string[] | undefined) ?? [])
      t = existence ? earlier(t, sourceDate.get(s)) : later(t, sourceDate.get(s));
    return t;
  };
  // An entity, asset, route node or stockpile without a dated source exists from the earliest
  // own time of a record that names it.
  const firstNamed = new Map<string, string>();
  for (const kind of order)
    for (const rec of (ds[kind] ?? []) as unknown as Record<string, unknown>[]) {
      const t = ownTime(kind, rec);
      if (t === undefined) continue;
      for (const r of refsOf(kind, rec)) {
        const k = `${r.target === "routeNode" ? "routeNode" : r.target === "stockpile" ? "stockpile" : "node"}:${r.id}`;
        firstNamed.set(k, earlier(firstNamed.get(k), t) as string);
      }
    }
  for (const kind of order) {
    for (const rec of (ds[kind] ?? []) as unknown as Record<string, unknown>[]) {
      const id = String(rec.id);
      let t = ownTime(kind, rec);
      if (t === undefined) {
        const named =
          kind === "entities" || kind === "assets"
            ? firstNamed.get(`node:${id}`)
            : kind === "routeNodes"
              ? firstNamed.get(`routeNode:${id}`)
              : kind === "stockpiles"
                ? firstNamed.get(`stockpile:${id}`)
                : undefined;
        if (named === undefined) undated.push({ kind, id });
        t = named;
      }
      let when = t ?? rel;
      for (const r of refsOf(kind, rec)) when = later(when, targetTime(r.target, r.id)) ?? when;
      when = cap(when);
      times.set(key(kind, id), when);
      for (const s of (rec.sources as string[] | undefined) ?? [])
        if (!sourceDate.has(s) && !(when >= (firstCited.get(s) ?? "9999"))) firstCited.set(s, when);
    }
  }
  for (const s of ds.sources ?? []) {
    const d = sourceDate.get(s.id);
    times.set(key("sources", s.id), cap(d ?? firstCited.get(s.id) ?? rel));
  }
  return { of: (kind, id) => times.get(key(kind, id)), release: rel, undated };
}
