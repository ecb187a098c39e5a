/**
 * Live registers: what a long-running server keeps of a dataset between requests. For each
 * (dataset, date) read at the store's current knowledge it keeps the world read through the
 * indexed path and its compiled ownership graph (`registerWorldAt`), tagged with the dataset's
 * write sequence (`DatasetInfo.sequence`, which every write moves by one).
 *
 * - A read names the sequence it saw (one cheap query, which the server makes for its ETag
 *   anyway): the kept register serves it when the sequences agree, and is read again from the
 *   store when they do not (a write this server did not see, from another server or process).
 * - A write through this server (`write`) of a stake is applied to every kept register of the
 *   dataset in place: the stake's owner–owned share is written into the graph
 *   (`patchStakeShare`), so the next read reflects it without reading or building anything;
 *   a stake between two nodes the graph does not link yet is added to the graph in place
 *   (`addStake`): where it goes against the graph's solve order, the components between the
 *   two are reordered first, and merged into one when the stake closes a cycle. A graph is
 *   rebuilt from the kept columns and the changed stakes (no store read) only when `addStake`
 *   refuses (a reorder larger than `maxReorder`, bounds on a graph built without). A production figure changes nothing a
 *   look-through reads. Any other kind, or a sequence that moved by more than this write,
 *   drops the register: the next read builds it again.
 *
 * Writes and builds of one dataset are serialised here, so a register is never read from the
 * store while this server's own write is between its check and its update.
 *
 * @example
 * const live = new LiveRegisters(ledger);
 * const { world, graph } = await live.at("drc", "2025-06-30", info.sequence);
 * await live.write("drc", "stakes", "s-1", () => ledger.put("drc", "stakes", stake, opts));
 */
import {
  type AddStakeInfo,
  addStake,
  attachGraph,
  type OwnershipGraph,
  ownershipGraphFromIndexed,
  patchStakeShare,
  reserveForReorders,
  stakePosition,
  withRoomForStakes,
} from "../engine/ownership/index.js";
import type { Ledger, RecordVersion } from "../ledger/ledger.js";
import type { RegisterColumns } from "../ledger/register-columns.js";
import type { RecordKind } from "../model/dataset.js";
import { isValidOn } from "../model/dates.js";
import { OrebookError } from "../model/errors.js";
import type { World } from "../model/world.js";
import { canUseHelper, HELPER_MIN_STAKES, startHelper } from "../runtime/engine-helper.js";
import { registerWorldAt } from "./register-world.js";

/** A stake as the graph counts it on a date: node indices and its share with bounds. */
interface Counted {
  owner: number;
  owned: number;
  share: number;
  min: number;
  max: number;
}

/** One kept register. */
export interface LiveRegister {
  datasetId: string;
  asOf: string;
  /** The dataset's write sequence this register reflects. */
  sequence: number;
  world: World;
  graph: OwnershipGraph;
  /** Stake writes applied since the register was read (by the graph's patch or rebuild). */
  applied: number;
}

interface State extends LiveRegister {
  register: RegisterColumns;
  /** Stakes written since the register was read, by id: what each now counts (null: none). */
  changed: Map<string, Counted | null>;
}

export interface LiveRegisterOptions {
  /** Registers kept at once (least recently used dropped first); default 2. */
  max?: number;
  /** 1: never start the engine's helper thread. */
  threads?: 1 | 2;
  /**
   * The largest reorder of the solve order a new stake is taken with in place, in positions
   * (`AddStakeInfo.maxRegion`); a larger one rebuilds the graph. Default: no limit.
   */
  maxReorder?: number;
}

/** How a stake write reached a kept register's graph, and the time that took. */
export interface GraphUpdate {
  way: string;
  ms: number;
}

export class LiveRegisters {
  private readonly states = new Map<string, Promise<State>>();
  private readonly locks = new Map<string, Promise<unknown>>();
  /** Registers read from the store (for tests and the benchmark). */
  builds = 0;
  /** Graphs rebuilt from kept columns after a stake write the graph could not take in place. */
  rebuilds = 0;
  /** Stakes between nodes the graph did not link, added to it in place (`addStake`). */
  added = 0;
  /**
   * How each stake write reached the graph: "patched" (a share of a linked pair), the way
   * `addStake` took a new link ("inOrder", "inCycle", "moved", "reordered", "merged"), or
   * "rebuilt".
   */
  readonly ways: Record<string, number> = {};

  constructor(
    private readonly ledger: Ledger,
    private readonly opts: LiveRegisterOptions = {},
  ) {}

  /** Runs `fn` after every earlier locked call for the dataset has settled. */
  private locked<T>(datasetId: string, fn: () => Promise<T>): Promise<T> {
    const before = this.locks.get(datasetId) ?? Promise.resolve();
    const run = before.then(fn, fn);
    const tail = run.then(
      () => undefined,
      () => undefined,
    );
    this.locks.set(datasetId, tail);
    void tail.then(() => {
      if (this.locks.get(datasetId) === tail) this.locks.delete(datasetId);
    });
    return run;
  }

  /** The dataset's write sequence now; NOT_FOUND when the store has no such dataset. */
  async sequenceOf(datasetId: string): Promise<number> {
    const info = (await this.ledger.datasets()).find((d) => d.id === datasetId);
    if (!info) throw new OrebookError("NOT_FOUND", `No dataset ${datasetId} in the store`);
    return info.sequence;
  }

  /**
   * The register of `datasetId` on `asOf` at sequence `sequence` (default: asked of the store
   * now): the kept one when it is at that sequence, else read again.
   */
  async at(datasetId: string, asOf: string, sequence?: number): Promise<LiveRegister> {
    const key = `${datasetId}|${asOf}`;
    const seq = sequence ?? (await this.sequenceOf(datasetId));
    const kept = this.states.get(key);
    if (kept) {
      const s = await kept.catch(() => undefined);
      if (s && s.sequence >= seq) {
        this.touch(key, kept);
        return s;
      }
    }
    return this.locked(datasetId, async () => {
      // Another request may have read it meanwhile.
      const again = this.states.get(key);
      const s = again ? await again.catch(() => undefined) : undefined;
      if (s && s.sequence >= seq) return s;
      const p = this.build(datasetId, asOf);
      this.touch(key, p);
      p.catch(() => {
        if (this.states.get(key) === p) this.states.delete(key);
      });
      return p;
    });
  }

  private touch(key: string, p: Promise<State>): void {
    this.states.delete(key);
    this.states.set(key, p);
    const max = this.opts.max ?? 2;
    while (this.states.size > max) {
      const first = this.states.keys().next();
      if (first.done) break;
      this.states.delete(first.value);
    }
  }

  private async build(datasetId: string, asOf: string): Promise<State> {
    // The sequence first: a write that lands while the register is read makes the register
    // newer than its tag, never older, so the next read reads it again rather than miss it.
    const sequence = await this.sequenceOf(datasetId);
    const r = await registerWorldAt(this.ledger, datasetId, {
      asOf,
      ...(this.opts.threads ? { threads: this.opts.threads } : {}),
    });
    this.builds++;
    // What a stake write or a read by id reads first is made with the register, not by the
    // first request that needs it: the id index and the graph's by-owner view (built on first
    // use; a stake write patches it), a few hundred milliseconds at a million nodes.
    r.graph.indexOf.has("");
    void r.graph.ownerStart;
    // And the stakes' arrays are moved into arrays with room for more, so that a new stake is
    // added in place without copying them first (`addStake`).
    const graph = withRoomForStakes(r.graph);
    // And the working arrays of a new stake's reorder are made now, not in a write.
    reserveForReorders(graph);
    attachGraph(r.world, graph);
    return {
      datasetId,
      asOf,
      sequence,
      world: r.world,
      graph,
      register: r.register,
      changed: new Map(),
      applied: 0,
    };
  }

  /**
   * Makes a write through `put` (a put or remove of record `id` of `kind`) and brings the kept
   * registers of the dataset up to it: applied in place when the write is the only one since
   * they were read, else dropped.
   */
  write(
    datasetId: string,
    kind: RecordKind,
    id: string,
    put: () => Promise<RecordVersion>,
    onGraph?: (u: GraphUpdate) => void,
  ): Promise<RecordVersion> {
    const mine = [...this.states.keys()].filter((k) => k.startsWith(`${datasetId}|`));
    if (mine.length === 0) return put();
    return this.locked(datasetId, async () => {
      const before = kind === "stakes" ? await this.ledger.get(datasetId, kind, id) : undefined;
      const v = await put();
      const now = await this.sequenceOf(datasetId).catch(() => Number.NaN);
      for (const key of mine) {
        const p = this.states.get(key);
        if (!p) continue;
        const s = await p.catch(() => undefined);
        const follows =
          s !== undefined &&
          s.sequence === now - 1 &&
          (kind === "production" ||
            (kind === "stakes" && (before?.version ?? 0) === v.version - 1));
        if (!s || !follows) {
          this.states.delete(key);
          continue;
        }
        const t0 = performance.now();
        const way = kind === "stakes" ? await this.applyStake(s, id, before?.record, v.record) : "";
        if (way) {
          this.ways[way] = (this.ways[way] ?? 0) + 1;
          onGraph?.({ way, ms: performance.now() - t0 });
        }
        if (kind === "stakes" && !way) {
          this.states.delete(key);
          continue;
        }
        s.sequence = now;
      }
      return v;
    });
  }

  /** What stake record `r` counts in `s`'s graph on its date; undefined: a node it lacks. */
  private counted(s: State, r: Record<string, unknown> | undefined): Counted | null | undefined {
    if (r === undefined) return null;
    const from = r.validFrom as string | undefined;
    const to = r.validTo as string | undefined;
    if (!isValidOn(s.asOf, from, to)) return null;
    const owner = s.graph.indexOf.get(r.owner as string);
    const owned = s.graph.indexOf.get(r.owned as string);
    if (owner === undefined || owned === undefined) return undefined;
    const share = r.share as number;
    return {
      owner,
      owned,
      share,
      min: (r.shareMin as number | undefined) ?? share,
      max: (r.shareMax as number | undefined) ?? share,
    };
  }

  /**
   * Applies a stake's change; returns how (see `ways`), or "" when the register cannot take it
   * (then it is dropped).
   */
  private async applyStake(
    s: State,
    id: string,
    before: Record<string, unknown> | undefined,
    after: Record<string, unknown> | undefined,
  ): Promise<string> {
    const old = this.counted(s, before);
    const now = this.counted(s, after);
    if (old === undefined || now === undefined) return "";
    s.changed.set(id, now);
    s.applied++;
    const moves: [Counted, number][] = [];
    if (old) moves.push([old, -1]);
    if (now) moves.push([now, 1]);
    let inPlace = true;
    let way = "patched";
    const clamp = (x: number) => (Math.abs(x) <= 1e-12 ? 0 : Math.min(1, x));
    for (const [c, sign] of moves) {
      const e = stakePosition(s.graph, c.owner, c.owned);
      if (e < 0) {
        // A stake between two nodes the graph does not link: added in place, the solve order
        // changed where it goes against it (unless that is more than `maxReorder`).
        const how: AddStakeInfo =
          this.opts.maxReorder !== undefined ? { maxRegion: this.opts.maxReorder } : {};
        const added =
          sign > 0
            ? addStake(
                s.graph,
                c.owner,
                c.owned,
                { share: clamp(c.share), shareMin: clamp(c.min), shareMax: clamp(c.max) },
                how,
              )
            : undefined;
        if (!added) {
          inPlace = false;
          break;
        }
        s.graph = added;
        attachGraph(s.world, added);
        this.added++;
        way = how.path ?? "inOrder";
        continue;
      }
      const g = s.graph;
      const ok = patchStakeShare(g, c.owner, c.owned, {
        share: clamp((g.share[e] as number) + sign * c.share),
        shareMin: clamp((g.shareMin[e] as number) + sign * c.min),
        shareMax: clamp((g.shareMax[e] as number) + sign * c.max),
      });
      if (!ok) {
        inPlace = false;
        break;
      }
    }
    if (!inPlace) {
      await this.rebuildGraph(s);
      way = "rebuilt";
    }
    return way;
  }

  /** Builds the graph again from the register's stakes with the changed ones in their place. */
  private async rebuildGraph(s: State): Promise<void> {
    const reg = s.register;
    const ids = reg.stakes.ids;
    const n = reg.stakes.count + s.changed.size;
    const owner = new Int32Array(n);
    const owned = new Int32Array(n);
    const share = new Float64Array(n);
    const min = new Float64Array(n);
    const max = new Float64Array(n);
    let m = 0;
    for (let i = 0; i < reg.stakes.count; i++) {
      if (s.changed.has(ids[i] as string)) continue;
      owner[m] = reg.stakeOwner[i] as number;
      owned[m] = reg.stakeOwned[i] as number;
      share[m] = reg.share[i] as number;
      min[m] = reg.shareMin[i] as number;
      max[m] = reg.shareMax[i] as number;
      m++;
    }
    for (const c of s.changed.values()) {
      if (!c) continue;
      owner[m] = c.owner;
      owned[m] = c.owned;
      share[m] = c.share;
      min[m] = c.min;
      max[m] = c.max;
      m++;
    }
    const helper =
      this.opts.threads !== 1 && m >= HELPER_MIN_STAKES && canUseHelper()
        ? await startHelper()
        : undefined;
    try {
      s.graph = withRoomForStakes(
        ownershipGraphFromIndexed(
          s.graph.ids,
          s.graph.indexOf,
          { owner, owned, share, shareMin: min, shareMax: max, count: m },
          helper ? { parallel: helper } : {},
        ),
      );
      reserveForReorders(s.graph);
      attachGraph(s.world, s.graph);
    } finally {
      await helper?.close();
    }
    this.rebuilds++;
  }
}
