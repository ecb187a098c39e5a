/**
 * A world's production figures as columns, given by whoever read the world from columns
 * (`app/register-world.ts`): what a report's period and outputs need (each figure's asset node,
 * commodity, period, tonnes and basis) read without making every figure a record. At scale a
 * report counts a third of a million figures of one commodity; only those counted, and the
 * assets with several figures, are made records.
 *
 * A world made from another (`{ ...world, production }`) has none: its figures are read as
 * records.
 */
import type { SourceId } from "../../model/ids.js";
import type { Production, ProductionBasis } from "../../model/production.js";
import type { World } from "../../model/world.js";

export interface ProductionColumns {
  count: number;
  /** The node of each figure's asset (any number unique to the asset), −1 for a split figure. */
  assetNode: Int32Array;
  /** Figure `i`'s asset id (its `asset`), null for a split figure. */
  asset(i: number): string | null;
  commodity(i: number): string | null;
  period(i: number): string | null;
  /** NaN where the figure's tonnes are null. */
  tonnes(i: number): number;
  basis(i: number): ProductionBasis;
  id(i: number): string;
  sources(i: number): readonly SourceId[];
  /** Figure `i` as a record: the object the world's production list holds at `i`. */
  record(i: number): Production;
  /**
   * The figures whose `commodity(i)` is `commodity`, in order (what a scan of `commodity(i)`
   * finds, read in one pass over the columns). Optional: `figuresOfCommodity` scans otherwise.
   */
  ofCommodity?(commodity: string): Int32Array;
  /**
   * When `assetNode` numbers the nodes of node ids `ids` (as the world's graph numbers them):
   * a graph with these ids (the same array) finds a counted figure's asset node without
   * hashing its id.
   */
  nodes?: { ids: readonly string[] };
}

const attached = new WeakMap<object, ProductionColumns>();

/** Gives `world` the columns of its production list (the same figures, in the same order). */
export function attachProductionColumns(world: World, columns: ProductionColumns): void {
  attached.set(world, columns);
}

/** The columns of the world's production list, when whoever made the world gave them. */
export function productionColumnsOf(world: World): ProductionColumns | undefined {
  return attached.get(world);
}

/** The figures of `commodity` in the columns, in order. */
export function figuresOfCommodity(c: ProductionColumns, commodity: string): Int32Array {
  if (c.ofCommodity) return c.ofCommodity(commodity);
  const out: number[] = [];
  for (let i = 0; i < c.count; i++) if (c.commodity(i) === commodity) out.push(i);
  return Int32Array.from(out);
}
