/**
 * The ledger as the API reads it: datasets and worlds per scope, cached by the dataset's
 * revision. The revision is the dataset's last write time (the ledger touches it on every
 * write, in the same transaction), read from the store on every request, so two servers on one
 * database never serve a stale answer: a write through one changes the revision the other sees.
 */
import { createHash } from "node:crypto";
import { type AppliedScenario, applyScenario } from "../engine/apply-scenario.js";
import type { Scenario } from "../engine/scenario-schema.js";
import type { Ledger } from "../ledger/ledger.js";
import type { Dataset } from "../model/dataset.js";
import { OrebookError } from "../model/errors.js";
import { type World, worldFrom } from "../model/world.js";
import { hiddenIdsOf, type Scope, visibleDataset } from "./visibility.js";

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

export interface Snapshot {
  datasetId: string;
  revision: string;
  scope: Scope;
  knownAt: string | undefined;
}

export class DataService {
  private readonly datasets = new Lru<Promise<Dataset>>(16);
  private readonly worlds = new Lru<Promise<World>>(64);
  private readonly scenarios = new Lru<Promise<AppliedScenario>>(16);
  /** Rendered report bodies by ETag, encoded once. */
  readonly bodies = new Lru<Uint8Array>(512);

  constructor(readonly ledger: Ledger) {}

  private readonly revisionQueries = new Map<
    string,
    { inFlight?: Promise<string>; next?: Promise<string> }
  >();
  /** Revision queries sent to the store (for tests and the load test). */
  revisionQueryCount = 0;

  /**
   * The dataset's revision now; NOT_FOUND when the store has no such dataset.
   *
   * Read after write, across servers: every answer comes from a store query that started after
   * the call. Concurrent calls share queries: at most one is in flight per dataset, and calls
   * arriving while it runs share the one that starts when it ends (not the running one, which
   * may predate a write they must see).
   */
  revision(datasetId: string): Promise<string> {
    let q = this.revisionQueries.get(datasetId);
    if (!q) {
      q = {};
      this.revisionQueries.set(datasetId, q);
    }
    const state = q;
    const start = (): Promise<string> => {
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

  private async readRevision(datasetId: string): Promise<string> {
    this.revisionQueryCount++;
    const info = (await this.ledger.datasets()).find((d) => d.id === datasetId);
    if (!info)
      throw new OrebookError(
        "NOT_FOUND",
        `No dataset ${datasetId} in the store: GET /api/datasets lists them`,
      );
    return info.updatedAt;
  }

  /** The dataset a scope sees, as the store knew it at `knownAt` (default now). */
  async dataset(snap: Snapshot): Promise<Dataset> {
    const key = `${snap.datasetId}|${snap.revision}|${snap.scope}|${snap.knownAt ?? ""}`;
    let p = this.datasets.get(key);
    if (!p) {
      p = this.ledger
        .datasetAt(snap.datasetId, snap.knownAt === undefined ? {} : { knownAt: snap.knownAt })
        .then((ds) => visibleDataset(ds, snap.scope));
      p.catch(() => this.datasets.delete(key));
      this.datasets.set(key, p);
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

  /**
   * A shipped scenario applied to the dataset a scope sees (cached per snapshot). Problems carry
   * their path inside the scenario.
   */
  async applied(snap: Snapshot, id: string, scenario: Scenario): Promise<AppliedScenario> {
    const key = `${snap.datasetId}|${snap.revision}|${snap.scope}|${snap.knownAt ?? ""}|${id}`;
    let p = this.scenarios.get(key);
    if (!p) {
      p = this.dataset(snap).then((ds) => applyScenario(ds, scenario));
      p.catch(() => this.scenarios.delete(key));
      this.scenarios.set(key, p);
    }
    return p;
  }

  /** The world on `asOf` with shipped scenario `id` applied. */
  async scenarioWorld(
    snap: Snapshot,
    id: string,
    scenario: Scenario,
    asOf: string,
  ): Promise<World> {
    const key = `${snap.datasetId}|${snap.revision}|${snap.scope}|${snap.knownAt ?? ""}|${id}|${asOf}`;
    let p = this.worlds.get(key);
    if (!p) {
      p = this.applied(snap, id, scenario).then((a) => worldFrom(a.dataset, asOf));
      p.catch(() => this.worlds.delete(key));
      this.worlds.set(key, p);
    }
    return p;
  }

  /** The world on `asOf` that a scope sees. */
  async world(snap: Snapshot, asOf: string): Promise<World> {
    const key = `${snap.datasetId}|${snap.revision}|${snap.scope}|${snap.knownAt ?? ""}|${asOf}`;
    let p = this.worlds.get(key);
    if (!p) {
      p = this.dataset(snap).then((ds) => worldFrom(ds, asOf));
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
