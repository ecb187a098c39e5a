/**
 * Writes the look-through benchmark's outputs (docs/performance.md): `root_attributable.csv`
 * (root_id, commodity, tonnes) and `country_totals.csv` (country, commodity,
 * attributable_tonnes, consolidated_tonnes), sorted in byte order, numbers that round-trip.
 */
import { writeFile } from "node:fs/promises";
import { join } from "node:path";

export interface LookThroughOutput {
  ids: readonly string[];
  /** Root node indices (any order; sorted here by id). */
  roots: Int32Array;
  v: Float64Array;
  /** Row of `v` holding node i (default i): e.g. `g.solvePos` for a solve-order `v`. */
  rowOf?: Int32Array | undefined;
  k: number;
  commodities: readonly string[];
  countries: readonly string[];
  attributable: Float64Array;
  consolidated: Float64Array;
}

/** True when the ids of `nodes` are all ASCII. */
function isAscii(ids: readonly string[], nodes: readonly number[]): boolean {
  for (const r of nodes) {
    const x = ids[r] as string;
    for (let i = 0; i < x.length; i++) if (x.charCodeAt(i) > 0x7f) return false;
  }
  return true;
}

/** The two CSV texts. */
export function lookThroughCsvFrom(o: LookThroughOutput): { roots: string; countries: string } {
  const { ids, v, k, commodities } = o;
  const roots = Array.from(o.roots);
  // For ASCII ids UTF-16 order is byte order; otherwise compare the UTF-8 bytes.
  if (isAscii(ids, roots)) {
    roots.sort((a, b) => {
      const x = ids[a] as string;
      const y = ids[b] as string;
      return x < y ? -1 : x > y ? 1 : 0;
    });
  } else {
    const bytes = new Map(roots.map((r) => [r, Buffer.from(ids[r] as string, "utf8")]));
    roots.sort((a, b) => Buffer.compare(bytes.get(a) as Buffer, bytes.get(b) as Buffer));
  }
  const lines: string[] = ["root_id,commodity,tonnes"];
  for (const r of roots) {
    const base = (o.rowOf ? (o.rowOf[r] as number) : r) * k;
    for (let c = 0; c < k; c++) {
      const t = v[base + c] as number;
      if (t > 0) lines.push(`${ids[r]},${commodities[c]},${t}`);
    }
  }
  const out: string[] = ["country,commodity,attributable_tonnes,consolidated_tonnes"];
  for (let ci = 0; ci < o.countries.length; ci++) {
    for (let c = 0; c < k; c++) {
      const a = o.attributable[ci * k + c] as number;
      const b = o.consolidated[ci * k + c] as number;
      if (a > 0 || b > 0) out.push(`${o.countries[ci]},${commodities[c]},${Math.max(a, 0)},${b}`);
    }
  }
  return { roots: `${lines.join("\n")}\n`, countries: `${out.join("\n")}\n` };
}

/** Writes both files into `dir` (which must exist). */
export async function writeLookThroughCsv(dir: string, o: LookThroughOutput): Promise<void> {
  const t = lookThroughCsvFrom(o);
  await Promise.all([
    writeFile(join(dir, "root_attributable.csv"), t.roots),
    writeFile(join(dir, "country_totals.csv"), t.countries),
  ]);
}
