/**
 * The ledger as the API reads it: datasets and worlds per scope, cached by the dataset's
 * revision. The revision is the dataset's last write time (the ledger touches it on every
 * write, in the same transaction), read from the store on every request, so two servers on one
 * database never serve a stale answer: a write through one changes the revision the other sees.
 */
import { createHash } from "node:crypto";
import { registerWorldAt } from "../app/register-world.js";
import type { Ledger } from "../ledger/ledger.js";
import { type Dataset, RECORD_KINDS } from "../model/dataset.js";
import { OrebookError } from "../model/errors.js";
import { type World, worldFrom } from "../model/world.js";
import {
  hiddenIdsOf,
  hiddenRecordsOf,
  recordKey,
  recordVisible,
  type Scope,
  visibleDataset,
} from "./visibility.js";

/** A small least-recently-used map. */
export class Lru<V> {
  private readonly map = new Map<string, V>();
  constructor(private readonly max: number) {}
  get(k: string): V | undefined {
    const v = this.map.get(k);
    if (v !== undefined) {
      this.map.delete(k);
      this.map.set(k, v);
    }
    return v;
  }
  set(k: string, v: V): void {
    this.map.delete(k);
    this.map.set(k, v);
    while (this.map.size > this.max) {
      const first = this.map.keys().next();
      if (first.done) break;
      this.map.delete(first.value);
    }
  }
  delete(k: string): void {
    this.map.delete(k);
  }
  clear(): void {
    this.map.clear();
  }
}

/** A dataset's revision (its last write time) and write sequence, read by one query. */
export interface Revision {
  revision: string;
  sequence: number;
}

export interface Snapshot {
  datasetId: string;
  revision: string;
  /** The dataset's write sequence read with `revision` (what a live register is checked by). */
  sequence?: number;
  scope: Scope;
  knownAt: string | undefined;
}

export class DataService {
  private readonly datasets = new Lru<Promise<Dataset>>(16);
  private readonly worlds = new Lru<Promise<World>>(64);
  /** Rendered report bodies by ETag, encoded once. */
  readonly bodies = new Lru<Uint8Array>(512);

  constructor(readonly ledger: Ledger) {}

  private readonly revisionQueries = new Map<
    string,
    { inFlight?: Promise<Revision>; next?: Promise<Revision> }
  >();
  /** Revision queries sent to the store (for tests and the load test). */
  revisionQueryCount = 0;

  /** The dataset's revision now (its `updatedAt`); see `revisionInfo`. */
  async revision(datasetId: string): Promise<string> {
    return (await this.revisionInfo(datasetId)).revision;
  }

  /**
   * The dataset's revision and write sequence now; NOT_FOUND when the store has no such dataset.
   *
   * Read after write, across servers: every answer comes from a store query that started after
   * the call. Concurrent calls share queries: at most one is in flight per dataset, and calls
   * arriving while it runs share the one that starts when it ends (not the running one, which
   * may predate a write they must see).
   */
  revisionInfo(datasetId: string): Promise<Revision> {
    let q = this.revisionQueries.get(datasetId);
    if (!q) {
      q = {};
      this.revisionQueries.set(datasetId, q);
    }
    const state = q;
    const start = (): Promise<Revision> => {
      const p = this.readRevision(datasetId).finally(() => {
        if (state.inFlight === p) delete state.inFlight;
      });
      state.inFlight = p;
      return p;
    };
    if (state.next) return state.next;
    if (!state.inFlight) return start();
    const next = state.inFlight
      .then(
        () => undefined,
        () => undefined,
      )
      .then(() => {
        if (state.next === next) delete state.next;
        return start();
      });
    state.next = next;
    return next;
  }

  private async readRevision(datasetId: string): Promise<Revision> {
    this.revisionQueryCount++;
    const info = (await this.ledger.datasets()).find((d) => d.id === datasetId);
    if (!info)
      throw new OrebookError(
        "NOT_FOUND",
        `No dataset ${datasetId} in the store: GET /api/datasets lists them`,
      );
    return { revision: info.updatedAt, sequence: info.sequence };
  }

  /**
   * The dataset a scope sees, as the store knew it at `knownAt` (default now). Visibility is
   * decided on the current version: what is hidden now is hidden at every `knownAt` too.
   */
  async dataset(snap: Snapshot): Promise<Dataset> {
    const key = `${snap.datasetId}|${snap.revision}|${snap.scope}|${snap.knownAt ?? ""}`;
    let p = this.datasets.get(key);
    if (!p) {
      const knownAt = snap.knownAt;
      p =
        snap.scope === "all"
          ? this.ledger.datasetAt(snap.datasetId, knownAt === undefined ? {} : { knownAt })
          : knownAt === undefined
            ? this.dataset({ ...snap, scope: "all" }).then((ds) => visibleDataset(ds, snap.scope))
            : Promise.all([this.dataset({ ...snap, scope: "all" }), this.hiddenNow(snap)]).then(
                ([ds, hidden]) => visibleDataset(ds, snap.scope, hidden),
              );
      p.catch(() => this.datasets.delete(key));
      this.datasets.set(key, p);
    }
    return p;
  }

  private readonly hiddenNowCache = new Lru<Promise<Set<string>>>(16);

  /**
   * The records (`recordKey`) a scope may not see now: those hidden in the current dataset, and
   * those withdrawn since `snap.knownAt` whose last version was hidden when it was written.
   */
  private hiddenNow(snap: Snapshot): Promise<Set<string>> {
    const key = `${snap.datasetId}|${snap.revision}|${snap.scope}|${snap.knownAt ?? ""}`;
    let p = this.hiddenNowCache.get(key);
    if (!p) {
      const now = { ...snap, knownAt: undefined };
      p = Promise.all([
        this.dataset({ ...now, scope: "all" }),
        this.dataset(now),
        this.dataset({ ...snap, scope: "all" }),
      ]).then(async ([all, visible, then]) => {
        const hidden = hiddenRecordsOf(all, visible);
        const hiddenIds = hiddenIdsOf(all, visible);
        const current = new Set<string>();
        for (const kind of RECORD_KINDS)
          for (const r of all[kind] as { id: string }[]) current.add(recordKey(kind, r.id));
        // Records withdrawn since then: hidden when their last version is not visible alone.
        for (const kind of RECORD_KINDS)
          for (const r of then[kind] as { id: string }[]) {
            if (current.has(recordKey(kind, r.id))) continue;
            const versions = await this.ledger.history(snap.datasetId, r.id, { kind });
            const last = versions.filter((v) => v.record !== undefined).at(-1);
            if (last?.record && !recordVisible(last.record, hiddenIds))
              hidden.add(recordKey(kind, r.id));
          }
        return hidden;
      });
      p.catch(() => this.hiddenNowCache.delete(key));
      this.hiddenNowCache.set(key, p);
    }
    return p;
  }

  /** The ids a scope may not see in this snapshot (empty for `all`). */
  async hiddenIds(snap: Snapshot): Promise<Set<string>> {
    if (snap.scope === "all") return new Set();
    const [all, visible] = await Promise.all([
      this.dataset({ ...snap, scope: "all" }),
      this.dataset(snap),
    ]);
    return hiddenIdsOf(all, visible);
  }

  /** The world on `asOf` that a scope sees. */
  async world(snap: Snapshot, asOf: string): Promise<World> {
    const key = `${snap.datasetId}|${snap.revision}|${snap.scope}|${snap.knownAt ?? ""}|${asOf}`;
    let p = this.worlds.get(key);
    if (!p) {
      // Everything visible: read through the store's columns and the indexed graph (which the
      // world keeps for every report on it). A scope that hides records filters the dataset.
      p =
        snap.scope === "all"
          ? registerWorldAt(this.ledger, snap.datasetId, {
              asOf,
              ...(snap.knownAt === undefined ? {} : { knownAt: snap.knownAt }),
            }).then((r) => r.world)
          : this.dataset(snap).then((ds) => worldFrom(ds, asOf));
      p.catch(() => this.worlds.delete(key));
      this.worlds.set(key, p);
    }
    return p;
  }
}

/** A strong ETag for a response that depends only on the snapshot and the request's key. */
export function etagFor(snap: Snapshot, key: string): string {
  const h = createHash("sha256")
    .update(
      `${snap.datasetId}\u0000${snap.revision}\u0000${snap.scope}\u0000${snap.knownAt ?? ""}\u0000${key}`,
    )
    .digest("base64url")
    .slice(0, 27);
  return `"${h}"`;
}
