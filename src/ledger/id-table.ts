/**
 * Record ids interned in compact columns, for checks that must remember every id of a load of
 * millions of records (issue 24): each id's bytes (ASCII as itself, any other UTF-16 code unit
 * as three bytes, so every string, lone surrogates included, is kept exactly) go into one
 * growing byte array, its
 * start into a typed array, and an open-addressing table of numbers finds it again. An id
 * costs about 30 bytes here, against some 200 as a string key of a `Map` or `Set` (the string,
 * its hash-table entry and the table's headroom), and nothing here is an object the garbage
 * collector walks. Each id gets a number (0, 1, 2… in the order first seen) and a byte of flags.
 *
 * @example
 * const t = new IdTable();
 * t.intern("kcc"); // 0
 * t.find("kcc"); // 0
 * t.find("tfm"); // -1
 */

export class IdTable {
  private bytes = new Uint8Array(1 << 16);
  private used = 0;
  /** Id i's bytes are `bytes[starts[i], starts[i + 1])`. */
  private starts = new Uint32Array(1 << 12);
  private hashes = new Uint32Array(1 << 12);
  /** Per id: flags for the caller. */
  flags = new Uint8Array(1 << 12);
  private count = 0;
  /** Open addressing: id number + 1, 0 for an empty slot; a power of two long. */
  private slots = new Int32Array(1 << 13);
  private scratch = new Uint8Array(256);
  private scratchLength = 0;

  /** The number of ids. */
  get size(): number {
    return this.count;
  }

  /** The id's number, or -1. */
  find(id: string): number {
    const h = this.load(id);
    const mask = this.slots.length - 1;
    for (let s = h & mask; ; s = (s + 1) & mask) {
      const v = this.slots[s] as number;
      if (v === 0) return -1;
      if (this.hashes[v - 1] === h && this.equals(v - 1)) return v - 1;
    }
  }

  /** The id's number, adding it if it is new. */
  intern(id: string): number {
    const h = this.load(id);
    const mask = this.slots.length - 1;
    let s = h & mask;
    for (; ; s = (s + 1) & mask) {
      const v = this.slots[s] as number;
      if (v === 0) break;
      if (this.hashes[v - 1] === h && this.equals(v - 1)) return v - 1;
    }
    const n = this.count;
    if (n + 2 > this.starts.length) this.growIds();
    if (this.used + this.scratchLength > this.bytes.length) this.growBytes();
    this.bytes.set(this.scratch.subarray(0, this.scratchLength), this.used);
    this.starts[n] = this.used;
    this.used += this.scratchLength;
    this.starts[n + 1] = this.used;
    this.hashes[n] = h;
    this.count = n + 1;
    this.slots[s] = n + 1;
    if (this.count * 2 > this.slots.length) this.rehash();
    return n;
  }

  /** The id numbered `n`. */
  idAt(n: number): string {
    const b = this.bytes;
    const end = this.starts[n + 1] as number;
    let out = "";
    for (let i = this.starts[n] as number; i < end; ) {
      const c = b[i] as number;
      if (c < 0x80) {
        out += String.fromCharCode(c);
        i++;
      } else {
        out += String.fromCharCode(
          ((c & 0x0f) << 12) | (((b[i + 1] as number) & 0x3f) << 6) | ((b[i + 2] as number) & 0x3f),
        );
        i += 3;
      }
    }
    return out;
  }

  /** Bytes held, for the benchmark. */
  get byteLength(): number {
    return (
      this.bytes.byteLength +
      this.starts.byteLength +
      this.hashes.byteLength +
      this.flags.byteLength +
      this.slots.byteLength
    );
  }

  /** Puts the id's bytes in `scratch` (see the module comment); returns their FNV-1a hash. */
  private load(id: string): number {
    if (id.length * 3 > this.scratch.length) this.scratch = new Uint8Array(id.length * 3 + 16);
    const out = this.scratch;
    let n = 0;
    for (let i = 0; i < id.length; i++) {
      const c = id.charCodeAt(i);
      if (c < 0x80) out[n++] = c;
      else {
        out[n++] = 0xe0 | (c >> 12);
        out[n++] = 0x80 | ((c >> 6) & 0x3f);
        out[n++] = 0x80 | (c & 0x3f);
      }
    }
    let h = 0x811c9dc5;
    for (let i = 0; i < n; i++) h = Math.imul(h ^ (out[i] as number), 0x01000193);
    this.scratchLength = n;
    return h >>> 0;
  }

  private equals(n: number): boolean {
    const from = this.starts[n] as number;
    const len = (this.starts[n + 1] as number) - from;
    if (len !== this.scratchLength) return false;
    const b = this.bytes;
    const s = this.scratch;
    for (let i = 0; i < len; i++) if (b[from + i] !== s[i]) return false;
    return true;
  }

  private growIds(): void {
    const size = this.starts.length * 2;
    const starts = new Uint32Array(size);
    starts.set(this.starts);
    this.starts = starts;
    const hashes = new Uint32Array(size);
    hashes.set(this.hashes);
    this.hashes = hashes;
    const flags = new Uint8Array(size);
    flags.set(this.flags);
    this.flags = flags;
  }

  private growBytes(): void {
    let size = this.bytes.length * 2;
    while (size < this.used + this.scratchLength) size *= 2;
    const bytes = new Uint8Array(size);
    bytes.set(this.bytes.subarray(0, this.used));
    this.bytes = bytes;
  }

  private rehash(): void {
    const slots = new Int32Array(this.slots.length * 2);
    const mask = slots.length - 1;
    for (let n = 0; n < this.count; n++) {
      let s = (this.hashes[n] as number) & mask;
      while (slots[s] !== 0) s = (s + 1) & mask;
      slots[s] = n + 1;
    }
    this.slots = slots;
  }
}

/** Ids mapped to numbers, in an `IdTable` and a typed array (a compact `Map<string, number>`). */
export class IdNumbers {
  private readonly ids = new IdTable();
  private values = new Float64Array(1 << 12);

  get size(): number {
    return this.ids.size;
  }

  get(id: string): number | undefined {
    const n = this.ids.find(id);
    return n < 0 ? undefined : this.values[n];
  }

  set(id: string, value: number): void {
    const n = this.ids.intern(id);
    if (n >= this.values.length) {
      const values = new Float64Array(this.values.length * 2);
      values.set(this.values);
      this.values = values;
    }
    this.values[n] = value;
  }
}
