/**
 * The worlds a computation builds from one snapshot's dataset, kept in the memo the compute pool
 * keeps with that dataset: the world on a date, a shipped scenario applied, and its world on a
 * date. At most `MEMO_MAX` are kept per snapshot (the oldest go first).
 */

import type { Scenario } from "../engine/scenario/index.js";
import { type AppliedScenario, applyScenario } from "../engine/scenario/index.js";
import type { Dataset } from "../model/dataset.js";
import { type World, worldFrom } from "../model/world.js";
import type { TaskSnapshot } from "../runtime/compute-pool.js";

/** Worlds and applied scenarios kept per snapshot. */
export const MEMO_MAX = 48;

export class SnapshotWorlds {
  constructor(private readonly snap: TaskSnapshot) {}

  get dataset(): Dataset {
    return this.snap.dataset;
  }

  private memo<V>(key: string, make: () => V): V {
    const m = this.snap.memo;
    if (m.has(key)) {
      const v = m.get(key) as V;
      m.delete(key);
      m.set(key, v);
      return v;
    }
    const v = make();
    m.set(key, v);
    while (m.size > MEMO_MAX) m.delete(m.keys().next().value as string);
    return v;
  }

  /** The world on `asOf`. */
  world(asOf: string): World {
    return this.memo(`world|${asOf}`, () => worldFrom(this.snap.dataset, asOf));
  }

  /** Shipped scenario `id` applied to the dataset. */
  applied(id: string, scenario: Scenario): AppliedScenario {
    return this.memo(`applied|${id}`, () => applyScenario(this.snap.dataset, scenario));
  }

  /** The world on `asOf` with shipped scenario `id` applied. */
  scenarioWorld(id: string, scenario: Scenario, asOf: string): World {
    return this.memo(`scenario-world|${id}|${asOf}`, () =>
      worldFrom(this.applied(id, scenario).dataset, asOf),
    );
  }
}
