/**
 * The bulk kinds of a dataset (entities, assets, stakes, production) as columns, read by one
 * query per kind from the store's typed columns (`Ledger.registerAt`): what the engine's indexed
 * path needs (node numbers, shares, tonnes) as typed arrays, and, for the records themselves
 * when someone asks for them, each record's id, first fields and the index of its body among
 * the distinct bodies (at scale a handful: each is parsed once, `RecordDecoder`).
 *
 * Nodes are the entities, then the assets, each kind in dataset order, as `worldFrom` and
 * `ownershipGraphOf` number them.
 */
import { OrebookError } from "../model/errors.js";

/** The records of one kind, in dataset order. */
export interface KindColumns {
  count: number;
  /** May be made on first read (a getter). */
  readonly ids: string[];
  /**
   * Record `i`'s id, without making the whole list when it is made on first read (not an
   * enumerable property: two reads of the same columns compare equal).
   */
  readonly idAt: (i: number) => string;
  /**
   * Record `i`'s text field 1, 2 or 3 (`text1[i]` …), without making the whole column when it
   * is made on first read (not an enumerable property, as `idAt`).
   */
  readonly textAt: (field: 1 | 2 | 3, i: number) => string | null;
  /** Index into `bodies` of each record's body (the fields not in columns). */
  body: Int32Array;
  bodies: string[];
  /** The first text fields (entities, assets: name, kind, country; production: asset,
   * commodity, period). Empty for stakes: their owner and owned are `stakeOwner`/`stakeOwned`. */
  text1: (string | null)[];
  text2: (string | null)[];
  text3: (string | null)[];
  /** NaN where the field is null. */
  num1: Float64Array;
}

export interface RegisterColumns {
  datasetId: string;
  /** The date stakes are in force on (YYYY-MM-DD). */
  asOf: string;
  /** The recorded time read up to (ISO), or null for everything recorded. */
  knownAt: string | null;
  entities: KindColumns;
  assets: KindColumns;
  /** Stakes in force on `asOf`. */
  stakes: KindColumns;
  production: KindColumns;
  /** Node indices of each stake's owner and owned node (entities first, then assets). */
  stakeOwner: Int32Array;
  stakeOwned: Int32Array;
  /** Each stake's share and its bounds (the share where the record gives none). */
  share: Float64Array;
  shareMin: Float64Array;
  shareMax: Float64Array;
  /** True when some stake has a bound of its own. */
  bounded: boolean;
  /** Node index of each production figure's asset; -1 for a figure split between assets. */
  productionNode: Int32Array;
}

/**
 * `c` with its `idAt` and `textAt` (properties left out of comparisons and JSON); `textAt`
 * reads the text columns when not given.
 */
export function withIdAt(
  c: Omit<KindColumns, "idAt" | "textAt">,
  idAt: (i: number) => string,
  textAt?: (field: 1 | 2 | 3, i: number) => string | null,
): KindColumns {
  const text =
    textAt ??
    ((field: 1 | 2 | 3, i: number) =>
      (field === 1 ? c.text1[i] : field === 2 ? c.text2[i] : c.text3[i]) ?? null);
  return Object.defineProperties(c, {
    idAt: { value: idAt, enumerable: false },
    textAt: { value: text, enumerable: false },
  }) as KindColumns;
}

/** A kind's columns, filled row by row. */
export class KindColumnsBuilder {
  /** `text`: keep the text columns (stakes have none). */
  constructor(private readonly text = true) {}
  count = 0;
  readonly ids: string[] = [];
  private body = new Int32Array(1024);
  readonly bodies: string[] = [];
  private readonly bodyIndex = new Map<string, number>();
  readonly text1: (string | null)[] = [];
  readonly text2: (string | null)[] = [];
  readonly text3: (string | null)[] = [];
  private num1 = new Float64Array(1024);

  add(
    id: string,
    body: string,
    text1: string | null,
    text2: string | null,
    text3: string | null,
    num1: number | null,
  ): number {
    const i = this.count++;
    if (i === this.body.length) {
      const b = new Int32Array(i * 2);
      b.set(this.body);
      this.body = b;
      const n = new Float64Array(i * 2);
      n.set(this.num1);
      this.num1 = n;
    }
    let k = this.bodyIndex.get(body);
    if (k === undefined) {
      k = this.bodies.length;
      this.bodies.push(body);
      this.bodyIndex.set(body, k);
    }
    this.body[i] = k;
    this.ids.push(id);
    if (this.text) {
      this.text1.push(text1);
      this.text2.push(text2);
      this.text3.push(text3);
    }
    this.num1[i] = num1 === null ? Number.NaN : num1;
    return i;
  }

  build(): KindColumns {
    const ids = this.ids;
    return withIdAt(
      {
        count: this.count,
        ids,
        body: this.body.subarray(0, this.count),
        bodies: this.bodies,
        text1: this.text1,
        text2: this.text2,
        text3: this.text3,
        num1: this.num1.subarray(0, this.count),
      },
      (i) => ids[i] as string,
    );
  }
}

/** A growable Int32Array or Float64Array column. */
export class NumberColumn<T extends Int32Array | Float64Array> {
  private a: T;
  count = 0;
  constructor(private readonly make: (n: number) => T) {
    this.a = make(1024);
  }
  push(x: number): void {
    if (this.count === this.a.length) {
      const b = this.make(this.count * 2);
      b.set(this.a as ArrayLike<number>);
      this.a = b;
    }
    this.a[this.count++] = x;
  }
  build(): T {
    return this.a.subarray(0, this.count) as T;
  }
}

/**
 * One kind's current rows as whole columns, in ordinal order, each a JSON array the store
 * made (SQLite's `json_group_array`: one value handed to JavaScript per column instead of one
 * row at a time). `body` holds 0 where the row's body is `commonBody`; `id` holds null where
 * the record's id is the one its other fields give (a stake `owner:owned`, a figure
 * `asset:commodity:period`).
 */
export interface KindArrays {
  ordinal: number[];
  id: (string | null)[];
  body: (string | 0 | null)[];
  commonBody: string | null;
  /** Per kind: entities and assets text1…3 and node1; stakes num1, node1, node2, num2, num3,
   * valid_from, valid_to; production text1…3, num1, node1. */
  columns: unknown[][];
}

/** The current register of a dataset with every stake's validity (the register cache's input). */
export interface RegisterArrays {
  entities: KindArrays;
  assets: KindArrays;
  stakes: KindArrays;
  production: KindArrays;
}

/** A kind's distinct bodies and a code per row. */
function bodyCodes(a: KindArrays): { body: Int32Array; bodies: string[] } {
  const bodies: string[] = [];
  const index = new Map<string, number>();
  const codeOf = (b: string): number => {
    let k = index.get(b);
    if (k === undefined) {
      k = bodies.length;
      bodies.push(b);
      index.set(b, k);
    }
    return k;
  };
  const n = a.ordinal.length;
  const body = new Int32Array(n);
  let common = -1;
  for (let i = 0; i < n; i++) {
    const b = a.body[i];
    if (b === 0) {
      if (common < 0) common = codeOf(String(a.commonBody));
      body[i] = common;
    } else body[i] = codeOf(String(b ?? null));
  }
  return { body, bodies };
}

const str = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));
const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

/** True when every column has a value per row and the ordinals go up (the rows' order). */
function wellFormed(a: KindArrays, columns: number): boolean {
  const n = a.ordinal.length;
  if (a.id.length !== n || a.body.length !== n || a.columns.length !== columns) return false;
  if (a.columns.some((c) => !Array.isArray(c) || c.length !== n)) return false;
  for (let i = 1; i < n; i++)
    if (!((a.ordinal[i] as number) > (a.ordinal[i - 1] as number))) return false;
  return true;
}

/**
 * The register of `arrays` as the rows would give it (`registerRows` of the store, every
 * stake with its validity), or undefined when the arrays are not whole (the caller reads the
 * rows). Stake and figure ids left null are made when first asked for.
 */
export function registerFromArrays(
  datasetId: string,
  arrays: RegisterArrays,
):
  | {
      register: RegisterColumns;
      validFrom: (string | null)[];
      validTo: (string | null)[];
      storedStakeIds: (string | null)[];
      storedFigureIds: (string | null)[];
    }
  | undefined {
  const { entities: ea, assets: aa, stakes: sa, production: pa } = arrays;
  if (!(wellFormed(ea, 4) && wellFormed(aa, 4) && wellFormed(sa, 7) && wellFormed(pa, 5)))
    return undefined;
  const nodes = (a: KindArrays): KindColumns => {
    const n = a.ordinal.length;
    const ids = a.id.map((x) => String(x));
    const { body, bodies } = bodyCodes(a);
    const [t1, t2, t3] = a.columns as [unknown[], unknown[], unknown[]];
    return withIdAt(
      {
        count: n,
        ids,
        body,
        bodies,
        text1: t1.map(str),
        text2: t2.map(str),
        text3: t3.map(str),
        num1: new Float64Array(n).fill(Number.NaN),
      },
      (i) => ids[i] as string,
    );
  };
  const entities = nodes(ea);
  const assets = nodes(aa);
  const nodeCount = entities.count + assets.count;
  const nodeIdOf = (i: number) =>
    (i < entities.count ? entities.ids[i] : assets.ids[i - entities.count]) as string;
  // The store's node numbers → node indices.
  const numbers = [...(ea.columns[3] as unknown[]), ...(aa.columns[3] as unknown[])];
  let maxNode = -1;
  for (const x of numbers) if (Number(x) > maxNode) maxNode = Number(x);
  const indexOfNode = new Int32Array(maxNode + 1).fill(-1);
  for (let i = 0; i < nodeCount; i++) indexOfNode[Number(numbers[i])] = i;
  const nodeIndex = (no: unknown, what: string, recordId: () => string): number => {
    const i = no === null || no === undefined ? -1 : (indexOfNode[Number(no)] ?? -1);
    if (i < 0)
      throw new OrebookError(
        "INTERNAL",
        `${what} of ${recordId()} in dataset ${datasetId} is not an entity or asset of the dataset at this time`,
      );
    return i;
  };

  const ns = sa.ordinal.length;
  const [share1, node1, node2, min1, max1, from1, to1] = sa.columns as unknown[][] as [
    unknown[],
    unknown[],
    unknown[],
    unknown[],
    unknown[],
    unknown[],
    unknown[],
  ];
  const owner = new Int32Array(ns);
  const owned = new Int32Array(ns);
  const share = new Float64Array(ns);
  const lo = new Float64Array(ns);
  const hi = new Float64Array(ns);
  let bounded = false;
  const stakeIdOf = (i: number) =>
    sa.id[i] ?? `${nodeIdOf(owner[i] as number)}:${nodeIdOf(owned[i] as number)}`;
  for (let i = 0; i < ns; i++) {
    const what = () => sa.id[i] ?? `the stake ${String(sa.ordinal[i])}`;
    owner[i] = nodeIndex(node1[i], "The owner", what);
    owned[i] = nodeIndex(node2[i], "The owned node", what);
    const s = Number(share1[i]);
    const min = num(min1[i]);
    const max = num(max1[i]);
    if (min !== null || max !== null) bounded = true;
    share[i] = s;
    lo[i] = min ?? s;
    hi[i] = max ?? s;
  }
  let stakeIds: string[] | undefined;
  const sb = bodyCodes(sa);
  const stakes = withIdAt(
    {
      count: ns,
      get ids() {
        stakeIds ??= Array.from({ length: ns }, (_, i) => stakeIdOf(i));
        return stakeIds;
      },
      body: sb.body,
      bodies: sb.bodies,
      text1: [],
      text2: [],
      text3: [],
      num1: share,
    },
    stakeIdOf,
  );

  const np = pa.ordinal.length;
  const [asset1, commodity1, period1, tonnes1, pnode1] = pa.columns as [
    unknown[],
    unknown[],
    unknown[],
    unknown[],
    unknown[],
  ];
  const productionNode = new Int32Array(np);
  const asset: (string | null)[] = new Array(np);
  const commodity = commodity1.map(str);
  const period = period1.map(str);
  const tonnes = new Float64Array(np);
  const figureIdOf = (i: number) => pa.id[i] ?? `${asset[i]}:${commodity[i]}:${period[i]}`;
  for (let i = 0; i < np; i++) {
    const single = asset1[i] !== null && asset1[i] !== undefined;
    const node = single
      ? nodeIndex(pnode1[i], "The asset", () => pa.id[i] ?? `the figure ${String(pa.ordinal[i])}`)
      : -1;
    productionNode[i] = node;
    asset[i] = single ? nodeIdOf(node) : null;
    const t = num(tonnes1[i]);
    tonnes[i] = t === null ? Number.NaN : t;
  }
  let figureIds: string[] | undefined;
  const pb = bodyCodes(pa);
  const production = withIdAt(
    {
      count: np,
      get ids() {
        figureIds ??= Array.from({ length: np }, (_, i) => figureIdOf(i));
        return figureIds;
      },
      body: pb.body,
      bodies: pb.bodies,
      text1: asset,
      text2: commodity,
      text3: period,
      num1: tonnes,
    },
    figureIdOf,
  );
  return {
    register: {
      datasetId,
      asOf: "",
      knownAt: null,
      entities,
      assets,
      stakes,
      production,
      stakeOwner: owner,
      stakeOwned: owned,
      share,
      shareMin: lo,
      shareMax: hi,
      bounded,
      productionNode,
    },
    validFrom: from1.map(str),
    validTo: to1.map(str),
    storedStakeIds: sa.id,
    storedFigureIds: pa.id,
  };
}
