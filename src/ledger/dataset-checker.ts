/**
 * The cross-reference check of `datasetIssues`, fed one record at a time, so a load can write
 * each record as it validates instead of holding the whole dataset until the check has seen it.
 *
 * Records must come kind by kind in `RECORD_KINDS` order: every reference in the model points
 * to an earlier kind (stakes to entities and assets, legs to route nodes...), so when a record
 * arrives, every id it may name is already known. The checker keeps only compact summaries:
 * the ids of each kind (for duplicates and references), interned in typed arrays
 * (`IdTable`: about 30 bytes an id, no object per id), and, per owned node, the sum of its
 * undated stakes plus the few dated ones. A node found over 100% is reported from its stakes,
 * which the caller hands back (`overIssues`), with the same message as `datasetIssues`.
 *
 * The issues are the ones `datasetIssues` finds on the same records, in the same order (the
 * tests hold the two together); records already in a store count as if they came first.
 */
import { RECORD_KINDS, type RecordKind } from "../model/dataset.js";
import {
  REFERENCING_KINDS,
  type ReferenceTarget,
  referencesOf,
  unknownReferenceMessage,
} from "../model/dataset-references.js";
import { isValidOn } from "../model/dates.js";
import type { Issue } from "../model/errors.js";
import { IdTable } from "./id-table.js";

/** What the share check needs of a stake. */
export interface StakeFacts {
  id: string;
  owned: string;
  share: number;
  validFrom?: string | undefined;
  validTo?: string | undefined;
}

// A node's flags (entities, assets and ids only owned share one table, as they share ids).
const ENTITY = 1;
const ASSET = 2;
/** Set once a node's entity/asset clash has been reported. */
const CLASH = 4;
const FLAGS = 3;
/** Added as an entity (or an asset) by this load: a second one is a duplicate. */
const ADDED_ENTITY = 8;
const ADDED_ASSET = 16;
// Any other kind's flags.
/** Added by this load. */
const ADDED = 1;
/** In the store or added: records after it may name it. */
const KNOWN = 2;
const KIND_ORDER = new Map(RECORD_KINDS.map((k, i) => [k, i]));
/** The kinds whose reference problems `datasetIssues` lists after the stakes, in its order. */
const LATER_REFS: readonly RecordKind[] = REFERENCING_KINDS;

type Rec = Record<string, unknown> & { id: string };
type Path = (string | number)[];

export class DatasetChecker {
  /** Entity and asset ids (and ids owned by a stake), numbered as first met: the node index. */
  private readonly nodes = new IdTable();
  /** The ids of every other kind. */
  private readonly others = new Map<RecordKind, IdTable>();
  /**
   * Per node index: the caller's number for it (`setNodeNumber`), or -1. The load numbers
   * entities and assets for the typed columns of the stakes and figures that name them: kept
   * here, each id is hashed once for both the check and the columns.
   */
  private numbers = new Float64Array(1 << 12).fill(-1);
  /**
   * The last node ids hashed and their indexes (a ring of four): a stake's owner and owned
   * node, hashed for its check, are asked for again for its columns just after.
   */
  private readonly memoIds: (string | undefined)[] = [undefined, undefined, undefined, undefined];
  private readonly memoIndexes = new Int32Array(4);
  private memoNext = 0;
  private kindIndex = 0;

  private readonly duplicates: Issue[] = [];
  private readonly clashes: { node: number; issue: Issue }[] = [];
  private readonly sourceIssues: Issue[] = [];
  private readonly dealSourceIssues: Issue[] = [];
  private readonly stakeIssues: Issue[] = [];
  private readonly laterIssues = new Map<RecordKind, Issue[]>(LATER_REFS.map((k) => [k, []]));
  /** The sources array last found all known: consecutive records mostly share one. */
  private lastGoodSources: unknown;

  /** Per node index: the sum of its undated stakes, and the order of its first stake. */
  private sums = new Float64Array(1 << 12);
  private firstStake = new Float64Array(1 << 12);
  private readonly dated = new Map<number, StakeFacts[]>();
  private stakeSeq = 0;
  /** Stakes already stored, by id, until an incoming stake replaces one. */
  private readonly storedStakes = new Map<string, StakeFacts>();
  /** What `overfullNodes` found. */
  private over: string[] = [];

  /** Problems found so far (schema problems are the caller's). */
  get issueCount(): number {
    let n =
      this.duplicates.length +
      this.clashes.length +
      this.sourceIssues.length +
      this.dealSourceIssues.length +
      this.stakeIssues.length;
    for (const list of this.laterIssues.values()) n += list.length;
    return n;
  }

  /**
   * A live record already in the store, which the records added after it may name. Its own
   * references were checked when it was written; stakes count in their owned node's sum
   * unless an added stake replaces them.
   */
  addStored(kind: RecordKind, id: string, stake?: StakeFacts): void {
    switch (kind) {
      case "sources":
      case "routeNodes":
      case "stockpiles":
        this.know(kind, id);
        break;
      case "entities":
        this.flagNode(id, ENTITY);
        break;
      case "assets":
        this.flagNode(id, ASSET);
        break;
      case "stakes":
        if (stake) this.storedStakes.set(id, stake);
        break;
      default:
    }
  }

  private table(kind: RecordKind): IdTable {
    let t = this.others.get(kind);
    if (!t) {
      t = new IdTable();
      this.others.set(kind, t);
    }
    return t;
  }

  /** Marks an id of `kind` as one later records may name. */
  private know(kind: RecordKind, id: string): void {
    const t = this.table(kind);
    const n = t.intern(id);
    t.flags[n] = (t.flags[n] as number) | KNOWN;
  }

  private knows(kind: RecordKind, id: string): boolean {
    const t = this.others.get(kind);
    if (!t) return false;
    const n = t.find(id);
    return n >= 0 && ((t.flags[n] as number) & KNOWN) !== 0;
  }

  /** Marks the id added by this load; whether it had been already (a duplicate). */
  private added(kind: RecordKind, id: string): boolean {
    if (kind === "entities" || kind === "assets") {
      const bit = kind === "entities" ? ADDED_ENTITY : ADDED_ASSET;
      const n = this.internNode(id);
      const flags = this.nodes.flags[n] as number;
      this.nodes.flags[n] = flags | bit;
      return (flags & bit) !== 0;
    }
    const t = this.table(kind);
    const n = t.intern(id);
    const flags = t.flags[n] as number;
    t.flags[n] = flags | ADDED;
    return (flags & ADDED) !== 0;
  }

  /** A record that passed its schema; kinds in `RECORD_KINDS` order. */
  add(kind: RecordKind, r: Rec): void {
    const k = KIND_ORDER.get(kind) ?? 0;
    if (k < this.kindIndex)
      throw new Error(`DatasetChecker: ${kind} after ${RECORD_KINDS[this.kindIndex]}`);
    this.kindIndex = k;
    if (this.added(kind, r.id))
      this.duplicates.push({
        record: `${kind} ${r.id}`,
        path: ["id"],
        message: `Duplicate id ${r.id} in ${kind}`,
      });
    if (kind === "sources") {
      this.know(kind, r.id);
      return;
    }
    this.checkSources(kind, r.id, r.sources, ["sources"]);
    const alternatives = r.alternatives as { sources: string[] }[] | undefined;
    if (alternatives)
      for (const [i, alt] of alternatives.entries())
        this.checkSources(kind, r.id, alt.sources, ["alternatives", i, "sources"]);
    this.references(kind, r);
  }

  /** The node index of `id`, adding it if new (remembered for the next lookups). */
  private internNode(id: string): number {
    const m = this.memoIds;
    if (m[0] === id) return this.memoIndexes[0] as number;
    if (m[1] === id) return this.memoIndexes[1] as number;
    if (m[2] === id) return this.memoIndexes[2] as number;
    if (m[3] === id) return this.memoIndexes[3] as number;
    return this.remember(id, this.nodes.intern(id));
  }

  /** The node index of `id`, or -1 (a found index is remembered for the next lookups). */
  private findNode(id: string): number {
    const m = this.memoIds;
    if (m[0] === id) return this.memoIndexes[0] as number;
    if (m[1] === id) return this.memoIndexes[1] as number;
    if (m[2] === id) return this.memoIndexes[2] as number;
    if (m[3] === id) return this.memoIndexes[3] as number;
    const n = this.nodes.find(id);
    return n < 0 ? n : this.remember(id, n);
  }

  private remember(id: string, index: number): number {
    const at = this.memoNext;
    this.memoIds[at] = id;
    this.memoIndexes[at] = index;
    this.memoNext = (at + 1) & 3;
    return index;
  }

  /**
   * Gives the entity or asset `id` the caller's number `value` (a whole number ≥ 0), which
   * `nodeNumber` returns. The id need not have been added.
   */
  setNodeNumber(id: string, value: number): void {
    const n = this.internNode(id);
    if (n >= this.numbers.length) {
      let size = this.numbers.length * 2;
      while (size <= n) size *= 2;
      const numbers = new Float64Array(size).fill(-1);
      numbers.set(this.numbers);
      this.numbers = numbers;
    }
    this.numbers[n] = value;
  }

  /** The number `setNodeNumber` gave `id`, if any. */
  nodeNumber(id: string): number | undefined {
    const n = this.findNode(id);
    if (n < 0) return undefined;
    const v = this.numbers[n];
    return v === undefined || v < 0 ? undefined : v;
  }

  private flagNode(id: string, flag: number): number {
    const index = this.internNode(id);
    const flags = this.nodes.flags[index] as number;
    const other = flag === ENTITY ? ASSET : flag === ASSET ? ENTITY : 0;
    if (flags & other && !(flags & CLASH)) {
      this.clashes.push({
        node: index,
        issue: {
          record: `assets ${id}`,
          path: ["id"],
          message: `Id ${id} is both an entity and an asset: ids must be unique across both`,
        },
      });
      this.nodes.flags[index] = flags | flag | CLASH;
    } else this.nodes.flags[index] = flags | flag;
    return index;
  }

  /** The node's flags, or -1 for an id no entity, asset or stake has named. */
  private nodeFlags(id: string): number {
    const n = this.findNode(id);
    return n < 0 ? -1 : (this.nodes.flags[n] as number);
  }

  private isEntity(id: string): boolean {
    const f = this.nodeFlags(id);
    return f >= 0 && (f & ENTITY) !== 0;
  }

  private isNode(id: string): boolean {
    const f = this.nodeFlags(id);
    return f >= 0 && (f & FLAGS) !== 0;
  }

  private checkSources(kind: RecordKind, id: string, list: unknown, path: Path, out?: Issue[]) {
    if (!Array.isArray(list) || list === this.lastGoodSources) return;
    let good = true;
    for (const [i, s] of (list as string[]).entries())
      if (!this.knows("sources", s)) {
        good = false;
        (out ?? this.sourceIssues).push({
          record: `${kind} ${id}`,
          path: [...path, i],
          message: `Unknown source ${s}: add it to sources`,
        });
      }
    if (good) this.lastGoodSources = list;
  }

  private need(kind: RecordKind, ok: boolean, record: string, path: Path, message: string) {
    if (!ok) this.laterIssues.get(kind)?.push({ record, path, message });
  }

  /** What the table's targets mean here. */
  private known(target: ReferenceTarget, id: string): boolean {
    switch (target) {
      case "entity":
        return this.isEntity(id);
      case "asset":
        return this.isAsset(id);
      case "node":
        return this.isNode(id);
      case "routeNode":
        return this.knows("routeNodes", id);
      case "stockpile":
        return this.knows("stockpiles", id);
    }
  }

  private references(kind: RecordKind, r: Rec): void {
    // What a record adds to what the later ones may name, and the source lists beyond `sources`.
    switch (kind) {
      case "entities":
        this.flagNode(r.id, ENTITY);
        return;
      case "assets":
        this.flagNode(r.id, ASSET);
        break;
      case "stakes":
        this.addStake(r as unknown as StakeFacts & { owner: string });
        return;
      case "routeNodes":
      case "stockpiles":
        this.know(kind, r.id);
        break;
      case "territories": {
        const t = r as unknown as {
          boundary?: { sources: string[] };
          extent?: { boundary?: { sources: string[] } }[];
        };
        if (t.boundary) this.checkSources(kind, r.id, t.boundary.sources, ["boundary", "sources"]);
        for (const [i, u] of (t.extent ?? []).entries())
          if (u.boundary)
            this.checkSources(kind, r.id, u.boundary.sources, ["extent", i, "boundary", "sources"]);
        break;
      }
      case "deals": {
        const d = r as unknown as { statusHistory: { sources: string[] }[] };
        for (const [i, h] of d.statusHistory.entries())
          this.checkSources(
            kind,
            r.id,
            h.sources,
            ["statusHistory", i, "sources"],
            this.dealSourceIssues,
          );
        break;
      }
      default:
    }
    // The references themselves: the one table `datasetIssues` reads too.
    const rec = `${kind} ${r.id}`;
    for (const x of referencesOf(kind, r))
      this.need(kind, this.known(x.target, x.id), rec, x.path, unknownReferenceMessage(x));
  }

  private isAsset(id: string): boolean {
    const f = this.nodeFlags(id);
    return f >= 0 && (f & ASSET) !== 0;
  }

  private addStake(s: StakeFacts & { owner: string }): void {
    const rec = `stakes ${s.id}`;
    // One lookup per id: the owner's flags, the owned node's flags and index.
    if (!this.isEntity(s.owner))
      this.stakeIssues.push({
        record: rec,
        path: ["owner"],
        message: `Unknown entity ${s.owner}: owners must be entities`,
      });
    const owned = this.findNode(s.owned);
    if (owned < 0 || ((this.nodes.flags[owned] as number) & FLAGS) === 0)
      this.stakeIssues.push({
        record: rec,
        path: ["owned"],
        message: `Unknown entity or asset ${s.owned}`,
      });
    if (this.storedStakes.size > 0) this.storedStakes.delete(s.id);
    this.count(s, this.stakeSeq++, owned < 0 ? undefined : owned);
  }

  /** Adds a stake to its owned node's sum (a node only owned is flagged 0). */
  private count(s: StakeFacts, seq: number, known?: number): void {
    const index = known ?? this.flagNode(s.owned, 0);
    if (index >= this.sums.length) {
      const sums = new Float64Array(this.sums.length * 2);
      sums.set(this.sums);
      this.sums = sums;
      const first = new Float64Array(this.sums.length);
      first.set(this.firstStake);
      this.firstStake = first;
    }
    // Sequence numbers start at 1 here so that 0 means "no stake yet".
    const order = seq + 1;
    const first = this.firstStake[index] ?? 0;
    if (first === 0 || order < first) this.firstStake[index] = order;
    if (s.validFrom === undefined && s.validTo === undefined)
      this.sums[index] = (this.sums[index] ?? 0) + s.share;
    else {
      const facts = {
        id: s.id,
        owned: s.owned,
        share: s.share,
        validFrom: s.validFrom,
        validTo: s.validTo,
      };
      const list = this.dated.get(index);
      if (list) list.push(facts);
      else this.dated.set(index, [facts]);
    }
  }

  /**
   * The owned nodes whose stakes add up to more than 100% on some day, in the order their
   * first stake came (stored stakes first). Call once, after the last record.
   */
  overfullNodes(): string[] {
    // Stored stakes no added stake replaced come first, as they do in the merged dataset.
    let seq = -this.storedStakes.size - 1;
    for (const s of this.storedStakes.values()) this.count(s, seq++);
    this.storedStakes.clear();
    const over: number[] = [];
    for (let i = 0; i < this.nodes.size; i++) {
      if ((this.firstStake[i] ?? 0) === 0) continue;
      const undated = this.sums[i] ?? 0;
      const dated = this.dated.get(i);
      if (!dated) {
        if (undated > 1 + 1e-9) over.push(i);
        continue;
      }
      const days = new Set<string>(["0000-01-01"]);
      for (const s of dated) if (s.validFrom) days.add(s.validFrom);
      for (const day of days) {
        let total = undated;
        for (const s of dated) if (isValidOn(day, s.validFrom, s.validTo)) total += s.share;
        if (total > 1 + 1e-9) {
          over.push(i);
          break;
        }
      }
    }
    over.sort((a, b) => (this.firstStake[a] ?? 0) - (this.firstStake[b] ?? 0));
    this.over = over.map((i) => this.nodes.idAt(i));
    return this.over;
  }

  /**
   * Every problem, in `datasetIssues` order, after `overfullNodes`. `stakesIn` holds the
   * stakes of the nodes it named, each list in dataset order (for the message).
   */
  issues(stakesIn: ReadonlyMap<string, readonly StakeFacts[]> = new Map()): Issue[] {
    const out: Issue[] = [...this.duplicates];
    out.push(...this.clashes.sort((a, b) => a.node - b.node).map((c) => c.issue));
    out.push(...this.sourceIssues, ...this.dealSourceIssues, ...this.stakeIssues);
    for (const owned of this.over) {
      const issue = overIssue(owned, stakesIn.get(owned) ?? []);
      if (issue) out.push(issue);
    }
    for (const kind of LATER_REFS) out.push(...(this.laterIssues.get(kind) ?? []));
    return out;
  }

  /** The number of duplicate ids found so far. */
  get duplicateCount(): number {
    return this.duplicates.length;
  }

  /** The duplicate ids found (what a load reports beside schema problems). */
  duplicateIssues(): Issue[] {
    return [...this.duplicates];
  }
}

/** `datasetIssues`' message for stakes in one node adding up to more than 100%, if they do. */
export function overIssue(owned: string, stakes: readonly StakeFacts[]): Issue | undefined {
  const days = new Set<string>(["0000-01-01"]);
  for (const s of stakes) if (s.validFrom) days.add(s.validFrom);
  for (const day of [...days].sort()) {
    const live = stakes.filter((s) => isValidOn(day, s.validFrom, s.validTo));
    const total = live.reduce((t, s) => t + s.share, 0);
    if (total > 1 + 1e-9) {
      const first = live[live.length - 1];
      return {
        record: `stakes ${first?.id ?? owned}`,
        path: ["share"],
        message: `Stakes in ${owned} add up to ${(total * 100).toFixed(2)}%, more than 100%${day === "0000-01-01" ? "" : ` on ${day}`} (${live.map((s) => s.id).join(", ")})`,
      };
    }
  }
  return undefined;
}
