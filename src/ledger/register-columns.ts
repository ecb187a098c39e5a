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
