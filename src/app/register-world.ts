/**
 * The world of a request read from the store through the engine's indexed path: the bulk kinds
 * (entities, assets, stakes, production) come as columns (`Ledger.registerAt`: one query per
 * kind, no JSON parsed per record) and the ownership graph is built straight from their node
 * indices (`ownershipGraphFromIndexed`, with the helper thread from its threshold on), then
 * attached to the world so every engine function that asks for the world's graph gets this one
 * (`ownershipGraphOf`). The other kinds are few and read as records.
 *
 * The world's bulk records are made only when something reads them: the entity and asset maps
 * build a record on `get` (and keep it), `stakes` and `production` when first read. A
 * look-through of one entity reads a few hundred records of a million.
 *
 * @example
 * const { world, graph } = await registerWorldAt(ledger, "world", { asOf: "2025-06-30" });
 */

import {
  attachAssetColumns,
  attachEntityColumns,
  attachProductionColumns,
  attachStakeLookup,
  type ProductionColumns,
  type StakeLookup,
} from "../engine/common/index.js";
import type { OwnershipGraph, Parallel } from "../engine/ownership/index.js";
import { attachGraph, ownershipGraphFromIndexed } from "../engine/ownership/index.js";
import type { Ledger, SnapshotOptions } from "../ledger/ledger.js";
import { RecordDecoder } from "../ledger/record-codec.js";
import type { KindColumns, RegisterColumns } from "../ledger/register-columns.js";
import type { Asset } from "../model/asset.js";
import { RECORD_KINDS, type RecordKind } from "../model/dataset.js";
import type { Entity } from "../model/entity.js";
import type { AssetId, EntityId, SourceId } from "../model/ids.js";
import type { Production, ProductionBasis } from "../model/production.js";
import type { Stake } from "../model/stake.js";
import { type World, worldFromOwned } from "../model/world.js";
import { canUseHelper, HELPER_MIN_STAKES, startHelper } from "../runtime/engine-helper.js";

/** The kinds read as columns. */
export const BULK_KINDS: readonly RecordKind[] = ["entities", "assets", "stakes", "production"];

/**
 * The record `i` of a kind's columns; `text` gives its first text fields when the columns do
 * not hold them (a stake's owner and owned, from its node indices).
 */
function recordOf(
  decoder: RecordDecoder,
  kind: RecordKind,
  c: KindColumns,
  i: number,
  text?: readonly [string, string],
): Record<string, unknown> {
  const n = c.num1[i] as number;
  return decoder.decode(
    kind,
    c.idAt(i),
    c.bodies[c.body[i] as number] as string,
    text ? text[0] : c.textAt(1, i),
    text ? text[1] : c.textAt(2, i),
    text ? null : c.textAt(3, i),
    Number.isNaN(n) ? null : n,
  );
}

/**
 * A map over a kind's columns, its records made on first read. `indexOf` maps every node id to
 * its node index; this kind's nodes are `offset` … `offset + count − 1`.
 */
class ColumnMap<K extends string, V> extends Map<K, V> {
  private readonly made: (V | undefined)[];

  constructor(
    private readonly columns: KindColumns,
    private readonly offset: number,
    private readonly indexOf: ReadonlyMap<string, number>,
    private readonly make: (i: number) => V,
  ) {
    super();
    this.made = new Array(columns.count);
  }

  private indexOfKey(key: string): number {
    const n = this.indexOf.get(key);
    if (n === undefined) return -1;
    const i = n - this.offset;
    return i >= 0 && i < this.columns.count ? i : -1;
  }

  /** The record of row `i` (made on first read, then kept). */
  at(i: number): V {
    let v = this.made[i];
    if (v === undefined) {
      v = this.make(i);
      this.made[i] = v;
    }
    return v;
  }

  override get size(): number {
    return this.columns.count;
  }

  override get(key: K): V | undefined {
    const i = this.indexOfKey(key);
    return i < 0 ? undefined : this.at(i);
  }

  override has(key: K): boolean {
    return this.indexOfKey(key) >= 0;
  }

  override *entries(): MapIterator<[K, V]> {
    for (let i = 0; i < this.columns.count; i++) yield [this.columns.ids[i] as K, this.at(i)];
  }

  override *keys(): MapIterator<K> {
    for (let i = 0; i < this.columns.count; i++) yield this.columns.ids[i] as K;
  }

  override *values(): MapIterator<V> {
    for (let i = 0; i < this.columns.count; i++) yield this.at(i);
  }

  override [Symbol.iterator](): MapIterator<[K, V]> {
    return this.entries();
  }

  override forEach(fn: (value: V, key: K, map: Map<K, V>) => void, thisArg?: unknown): void {
    for (let i = 0; i < this.columns.count; i++)
      fn.call(thisArg, this.at(i), this.columns.ids[i] as K, this);
  }

  override set(): this {
    throw new TypeError("A world's records are read-only");
  }

  override delete(): boolean {
    throw new TypeError("A world's records are read-only");
  }

  override clear(): void {
    throw new TypeError("A world's records are read-only");
  }
}

/** FNV-1a of a string's UTF-16 code units. */
function hashOf(s: string): number {
  let x = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) x = Math.imul(x ^ s.charCodeAt(i), 16777619);
  return x;
}

/**
 * The id → node index map of a register's nodes (entities, then assets), made on first read: a
 * look-through of one node by its id reads it once, a build of the graph never. An open-address
 * table of node numbers over the id columns (a million ids fill it in a tenth of the time a
 * `Map` takes, and a lookup touches one typed array and the id), made at the 17th lookup: the
 * first 16 scan the id lists (a look-through of one node by its id asks for nine).
 */
class NodeIndex extends Map<string, number> {
  /** How many lookups scan the id lists before the table is made. */
  static readonly SCANS = 16;
  private scans = 0;
  private table: Int32Array | undefined;
  private mask = 0;
  private readonly n: number;

  constructor(private readonly reg: RegisterColumns) {
    super();
    this.n = reg.entities.count + reg.assets.count;
  }

  private idOf(i: number): string {
    const e = this.reg.entities.count;
    return (i < e ? this.reg.entities.ids[i] : this.reg.assets.ids[i - e]) as string;
  }

  private fill(): Int32Array {
    let size = 16;
    while (size < this.n * 2) size *= 2;
    const t = new Int32Array(size).fill(-1);
    const mask = size - 1;
    for (let i = 0; i < this.n; i++) {
      const id = this.idOf(i);
      let k = hashOf(id) & mask;
      for (;;) {
        const j = t[k] as number;
        if (j < 0) {
          t[k] = i;
          break;
        }
        // A repeated id maps to its last node, as a Map filled in order (ids are unique in a
        // register: the store's key).
        if (this.idOf(j) === id) {
          t[k] = i;
          break;
        }
        k = (k + 1) & mask;
      }
    }
    this.mask = mask;
    this.table = t;
    return t;
  }

  override get size(): number {
    return this.n;
  }
  override get(key: string): number | undefined {
    if (typeof key !== "string") return undefined;
    if (this.table === undefined && this.scans < NodeIndex.SCANS) {
      // The first few ids are looked for along the id lists (a look-through of one node asks
      // for a handful; the table hashes every id), the last node first as the table keeps it.
      this.scans++;
      const a = this.reg.assets.ids.lastIndexOf(key);
      if (a >= 0) return this.reg.entities.count + a;
      const e = this.reg.entities.ids.lastIndexOf(key);
      return e >= 0 ? e : undefined;
    }
    const t = this.table ?? this.fill();
    let k = hashOf(key) & this.mask;
    for (;;) {
      const j = t[k] as number;
      if (j < 0) return undefined;
      if (this.idOf(j) === key) return j;
      k = (k + 1) & this.mask;
    }
  }
  override has(key: string): boolean {
    return this.get(key) !== undefined;
  }
  override *entries(): MapIterator<[string, number]> {
    for (let i = 0; i < this.n; i++) yield [this.idOf(i), i];
  }
  override *keys(): MapIterator<string> {
    for (let i = 0; i < this.n; i++) yield this.idOf(i);
  }
  override *values(): MapIterator<number> {
    for (let i = 0; i < this.n; i++) yield i;
  }
  override [Symbol.iterator](): MapIterator<[string, number]> {
    return this.entries();
  }
  override forEach(
    fn: (value: number, key: string, map: Map<string, number>) => void,
    thisArg?: unknown,
  ): void {
    for (let i = 0; i < this.n; i++) fn.call(thisArg, i, this.idOf(i), this);
  }
  override set(): this {
    throw new TypeError("A world's node index is read-only");
  }
  override delete(): boolean {
    throw new TypeError("A world's node index is read-only");
  }
  override clear(): void {
    throw new TypeError("A world's node index is read-only");
  }
}

/** The id → node index map of a register's nodes (entities, then assets). */
export function nodeIndexOf(reg: RegisterColumns): ReadonlyMap<string, number> {
  return new NodeIndex(reg);
}

/**
 * The stakes of a register found through its columns: those held in a node by a by-owned
 * index of the node numbers (made on first use), those dated as asked by testing each distinct
 * record body once (a stake's date is in its body). Only the stakes found are made records.
 */
function registerStakeLookup(
  reg: RegisterColumns,
  indexOf: ReadonlyMap<string, number>,
  stakeAt: (i: number) => Stake,
  ids: readonly string[],
): StakeLookup {
  const count = reg.stakes.count;
  let start: Int32Array | undefined;
  let order: Int32Array | undefined;
  const byOwned = (): [Int32Array, Int32Array] => {
    if (!start || !order) {
      const n = reg.entities.count + reg.assets.count;
      // A counting sort by owned node (the column read into a local: two passes over every
      // stake).
      const owned = reg.stakeOwned;
      const st = new Int32Array(n + 1);
      for (let i = 0; i < count; i++) {
        const j = (owned[i] as number) + 1;
        st[j] = (st[j] as number) + 1;
      }
      for (let j = 0; j < n; j++) st[j + 1] = (st[j + 1] as number) + (st[j] as number);
      const next = st.slice(0, n);
      const ord = new Int32Array(count);
      for (let i = 0; i < count; i++) {
        const j = owned[i] as number;
        const at = next[j] as number;
        ord[at] = i;
        next[j] = at + 1;
      }
      start = st;
      order = ord;
    }
    return [start, order];
  };
  // A stake's sources are in its body (at scale a handful of distinct bodies): each read once.
  const bodySources = new Map<number, readonly SourceId[]>();
  const sourcesOfBody = (b: number): readonly SourceId[] => {
    let s = bodySources.get(b);
    if (s === undefined) {
      const rest = JSON.parse(reg.stakes.bodies[b] as string) as { sources?: SourceId[] };
      s = rest.sources ?? [];
      bodySources.set(b, s);
    }
    return s;
  };
  // The sources of the stakes node `o` holds in node `j`, in the stakes' order, each once.
  const sourcesOfNodes = (o: number, j: number): SourceId[] => {
    const [st, ord] = byOwned();
    const out = new Set<SourceId>();
    for (let e = st[j] as number; e < (st[j + 1] as number); e++) {
      const i = ord[e] as number;
      if (reg.stakeOwner[i] !== o) continue;
      for (const x of sourcesOfBody(reg.stakes.body[i] as number)) out.add(x);
    }
    return [...out];
  };
  return {
    into(owned) {
      const j = indexOf.get(owned);
      if (j === undefined) return [];
      const [st, ord] = byOwned();
      const out: Stake[] = [];
      for (let e = st[j] as number; e < (st[j + 1] as number); e++)
        out.push(stakeAt(ord[e] as number));
      return out;
    },
    sourcesOf(owner, owned) {
      const j = indexOf.get(owned);
      const o = indexOf.get(owner);
      if (j === undefined || o === undefined) return [];
      return sourcesOfNodes(o, j);
    },
    sourcesOfNodes(owner, owned, graphIds) {
      return graphIds === ids ? sourcesOfNodes(owner, owned) : undefined;
    },
    dated(test) {
      // Per distinct body: 0 not yet tested, 1 passes, 2 does not. A stake's date is in its
      // body: tested without making the stake a record (nor its id: the first id read makes
      // the register's stored ids).
      const passes = new Uint8Array(reg.stakes.bodies.length);
      const body = reg.stakes.body;
      const out: Stake[] = [];
      for (let i = 0; i < count; i++) {
        const b = body[i] as number;
        let ok = passes[b] as number;
        if (ok === 0) {
          const rest = JSON.parse(reg.stakes.bodies[b] as string) as Pick<Stake, "asOf">;
          ok = test(rest.asOf) ? 1 : 2;
          passes[b] = ok;
        }
        if (ok === 1) out.push(stakeAt(i));
      }
      return out;
    },
  };
}

/**
 * The production figures of a register as the engine reads them in bulk: a figure of one asset
 * from its columns (its basis from its body, each distinct body read once), a figure split
 * between assets (which lifts no field into the columns) from its record.
 */
function registerProductionColumns(
  reg: RegisterColumns,
  figureAt: (i: number) => Production,
  ids: readonly string[],
): ProductionColumns {
  const c = reg.production;
  // The text columns are made on first read (the register cache's lazy lists): taken once.
  let text: [(string | null)[], (string | null)[], (string | null)[]] | undefined;
  const texts = () => {
    text ??= [c.text1, c.text2, c.text3];
    return text;
  };
  const lifted = (i: number) => texts()[0][i] != null;
  // A lifted figure's basis and sources are in its body: each distinct body read once.
  const bodyFields = new Map<number, { basis: ProductionBasis; sources: readonly SourceId[] }>();
  const fieldsOf = (i: number) => {
    const b = c.body[i] as number;
    let f = bodyFields.get(b);
    if (f === undefined) {
      const rest = JSON.parse(c.bodies[b] as string) as {
        basis: ProductionBasis;
        sources?: SourceId[];
      };
      f = { basis: rest.basis, sources: rest.sources ?? [] };
      bodyFields.set(b, f);
    }
    return f;
  };
  // Each commodity's figures found once (the choice of the year and the count both ask).
  const byCommodity = new Map<string, Int32Array>();
  const ofCommodity = (commodity: string): Int32Array => {
    let out = byCommodity.get(commodity);
    if (out === undefined) {
      const [asset, com] = texts();
      const list: number[] = [];
      for (let i = 0; i < c.count; i++)
        if ((asset[i] != null ? (com[i] ?? null) : figureAt(i).commodity) === commodity)
          list.push(i);
      out = Int32Array.from(list);
      byCommodity.set(commodity, out);
    }
    return out;
  };
  return {
    count: c.count,
    assetNode: reg.productionNode,
    ofCommodity,
    asset: (i) => (lifted(i) ? (texts()[0][i] as string) : (figureAt(i).asset ?? null)),
    commodity: (i) => (lifted(i) ? (texts()[1][i] ?? null) : figureAt(i).commodity),
    period: (i) => (lifted(i) ? (texts()[2][i] ?? null) : figureAt(i).period),
    tonnes: (i) => (lifted(i) ? (c.num1[i] as number) : (figureAt(i).tonnes ?? Number.NaN)),
    basis: (i) => (lifted(i) ? fieldsOf(i).basis : figureAt(i).basis),
    sources: (i) => (lifted(i) ? fieldsOf(i).sources : figureAt(i).sources),
    id: (i) => c.idAt(i),
    record: figureAt,
    nodes: { ids },
  };
}

export interface RegisterWorld {
  world: World;
  graph: OwnershipGraph;
  register: RegisterColumns;
}

/**
 * The world of `reg` on its date, with `small` (the dataset's other kinds, as records) and the
 * graph built from the columns, attached to the world.
 */
export function worldFromRegister(
  small: Parameters<typeof worldFromOwned>[0],
  reg: RegisterColumns,
  opts: { parallel?: Parallel } = {},
): RegisterWorld {
  const base = worldFromOwned(small, reg.asOf);
  const decoder = new RecordDecoder();
  const indexOf = nodeIndexOf(reg);
  // One copy of the two id lists (concat copies the elements; a spread iterates them).
  const ids = reg.entities.ids.concat(reg.assets.ids);
  const entities = new ColumnMap<EntityId, Entity>(
    reg.entities,
    0,
    indexOf,
    (i) => recordOf(decoder, "entities", reg.entities, i) as unknown as Entity,
  );
  const assets = new ColumnMap<AssetId, Asset>(
    reg.assets,
    reg.entities.count,
    indexOf,
    (i) => recordOf(decoder, "assets", reg.assets, i) as unknown as Asset,
  );
  // Stakes made into records on first read, each once (the whole list, or those a lookup finds).
  const madeStakes: (Stake | undefined)[] = new Array(reg.stakes.count);
  const stakeAt = (i: number): Stake => {
    let s = madeStakes[i];
    if (s === undefined) {
      s = recordOf(decoder, "stakes", reg.stakes, i, [
        ids[reg.stakeOwner[i] as number] as string,
        ids[reg.stakeOwned[i] as number] as string,
      ]) as unknown as Stake;
      madeStakes[i] = s;
    }
    return s;
  };
  let stakes: Stake[] | undefined;
  let production: Production[] | undefined;
  // Figures made into records on first read, each once (the whole list, or those asked for).
  const madeFigures: (Production | undefined)[] = new Array(reg.production.count);
  const figureAt = (i: number): Production => {
    let p = madeFigures[i];
    if (p === undefined) {
      p = recordOf(decoder, "production", reg.production, i) as unknown as Production;
      madeFigures[i] = p;
    }
    return p;
  };
  const world: World = Object.defineProperties(
    { ...base, entities, assets },
    {
      stakes: {
        enumerable: true,
        get: () => {
          stakes ??= Array.from({ length: reg.stakes.count }, (_, i) => stakeAt(i));
          return stakes;
        },
      },
      production: {
        enumerable: true,
        get: () => {
          production ??= Array.from({ length: reg.production.count }, (_, i) => figureAt(i));
          return production;
        },
      },
    },
  ) as unknown as World;
  const graph = ownershipGraphFromIndexed(
    ids,
    indexOf,
    {
      owner: reg.stakeOwner,
      owned: reg.stakeOwned,
      share: reg.share,
      ...(reg.bounded ? { shareMin: reg.shareMin, shareMax: reg.shareMax } : {}),
      count: reg.stakes.count,
    },
    opts.parallel ? { parallel: opts.parallel } : {},
  );
  attachGraph(world, graph);
  attachStakeLookup(world, registerStakeLookup(reg, indexOf, stakeAt, ids));
  attachProductionColumns(world, registerProductionColumns(reg, figureAt, ids));
  const e = reg.entities;
  attachEntityColumns(world, {
    rowOf: (id) => {
      const n = indexOf.get(id);
      return n !== undefined && n < e.count ? n : -1;
    },
    name: (k) => e.textAt(1, k) as string,
    kind: (k) => e.textAt(2, k) as Entity["kind"],
    country: (k) => e.textAt(3, k),
    record: (k) => entities.at(k),
    nodes: { ids, count: e.count },
  });
  const a = reg.assets;
  // An asset's commodities are in its body: each distinct body read once.
  const bodyCommodities = new Map<number, readonly string[]>();
  attachAssetColumns(world, {
    count: a.count,
    rowOf: (id) => {
      const n = indexOf.get(id);
      return n !== undefined && n >= e.count ? n - e.count : -1;
    },
    id: (k) => a.ids[k] as string,
    name: (k) => a.textAt(1, k) as string,
    kind: (k) => a.textAt(2, k) as Asset["kind"],
    country: (k) => a.textAt(3, k) as string,
    commodities: (k) => {
      const b = a.body[k] as number;
      let c = bodyCommodities.get(b);
      if (c === undefined) {
        c = (JSON.parse(a.bodies[b] as string) as { commodities?: string[] }).commodities ?? [];
        bodyCommodities.set(b, c);
      }
      return c;
    },
    record: (k) => assets.at(k),
    nodes: { ids, offset: e.count },
  });
  return { world, graph, register: reg };
}

/** The kinds other than the bulk ones. */
export const SMALL_KINDS: readonly RecordKind[] = RECORD_KINDS.filter(
  (k) => !BULK_KINDS.includes(k),
);

/**
 * The world of a stored dataset on `asOf` as known at `knownAt`, through the indexed path; the
 * graph is built with the helper thread when the dataset has as many stakes as it needs
 * (`HELPER_MIN_STAKES`) and the machine a second core (`threads: 1` never starts it).
 */
export async function registerWorldAt(
  ledger: Ledger,
  datasetId: string,
  opts: SnapshotOptions & { threads?: 1 | 2 },
): Promise<RegisterWorld> {
  const at = opts.knownAt === undefined ? {} : { knownAt: opts.knownAt };
  const small = await ledger.datasetAt(datasetId, { ...at, kinds: SMALL_KINDS });
  const reg = await ledger.registerAt(datasetId, { asOf: opts.asOf, ...at });
  const helper =
    opts.threads !== 1 && reg.stakes.count >= HELPER_MIN_STAKES && canUseHelper()
      ? await startHelper()
      : undefined;
  try {
    return worldFromRegister(small, reg, helper ? { parallel: helper } : {});
  } finally {
    await helper?.close();
  }
}
