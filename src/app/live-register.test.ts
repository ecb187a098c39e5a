import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { lookThroughReportFor } from "../engine/ownership/entity-look-through.js";
import { holdingsOf } from "../engine/ownership/look-through.js";
import { stakePosition } from "../engine/ownership/patch-stake.js";
import { ownershipGraphOf } from "../engine/ownership/world-graph.js";
import { loadDatasetDir, REFERENCE_DATA_DIR } from "../io/load-dataset.js";
import type { Ledger } from "../ledger/ledger.js";
import { openLedger } from "../ledger/open-ledger.js";
import type { Stake } from "../model/stake.js";
import { LiveRegisters } from "./live-register.js";
import { registerWorldAt } from "./register-world.js";

const dir = mkdtempSync(join(tmpdir(), "orebook-live-register-"));
const db = join(dir, "live.db");
const AS_OF = "2025-12-31";
let ledger: Ledger;
let stakes: Stake[];

beforeAll(async () => {
  ledger = await openLedger({ db, env: {} });
  const { dataset } = loadDatasetDir(REFERENCE_DATA_DIR);
  stakes = dataset.stakes;
  await ledger.load("drc", dataset, { actor: "test", recordedAt: "2025-03-01T00:00:00Z" });
});
afterAll(async () => {
  await ledger.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Fails unless `a` and `b` are equal, numbers to `tol` (relative to the larger, or absolute near 0). */
function expectClose(a: unknown, b: unknown, tol = 1e-9, path = "$"): void {
  if (typeof a === "number" && typeof b === "number") {
    if (Math.abs(a - b) > tol * Math.max(1, Math.abs(a), Math.abs(b)))
      throw new Error(`${path}: ${a} ≠ ${b}`);
    return;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) throw new Error(`${path}: ${a.length} rows ≠ ${b.length} rows`);
    a.forEach((x, i) => {
      expectClose(x, b[i], tol, `${path}[${i}]`);
    });
    return;
  }
  if (a && b && typeof a === "object" && typeof b === "object") {
    const ka = Object.keys(a).sort();
    expect(ka, path).toEqual(Object.keys(b).sort());
    for (const k of ka)
      expectClose(
        (a as Record<string, unknown>)[k],
        (b as Record<string, unknown>)[k],
        tol,
        `${path}.${k}`,
      );
    return;
  }
  expect(a, path).toEqual(b);
}

/** The live look-through of `ids` equals one of a register read afresh from the store. */
async function expectFresh(live: LiveRegisters, ids: readonly string[]): Promise<void> {
  const r = await live.at("drc", AS_OF);
  const fresh = await registerWorldAt(ledger, "drc", { asOf: AS_OF, threads: 1 });
  for (const id of ids)
    expectClose(
      lookThroughReportFor(r.world, id, r.graph),
      lookThroughReportFor(fresh.world, id),
      1e-9,
      id,
    );
}

let recordedAt = Date.parse("2025-10-01T00:00:00Z");
const opts = (expectedVersion: number) => {
  recordedAt += 60_000;
  return { actor: "test", expectedVersion, recordedAt: new Date(recordedAt) };
};

describe("LiveRegisters", () => {
  it("takes this server's stake writes in place (a new share, a new stake, a withdrawn one) and answers as a register read afresh, to 1e-9, without reading the store again", async () => {
    const live = new LiveRegisters(ledger, { threads: 1 });
    const first = await live.at("drc", AS_OF);
    expect(live.builds).toBe(1);
    const undated = stakes.filter((s) => s.validFrom === undefined && s.validTo === undefined);
    const a = undated[0] as Stake;
    const b = undated[1] as Stake;
    // A corrected share: written into the graph in place.
    await live.write("drc", "stakes", a.id, () =>
      ledger.put("drc", "stakes", { ...a, share: a.share / 3 }, opts(1)),
    );
    expect(live.rebuilds).toBe(0);
    await expectFresh(live, [a.owner, a.owned, b.owner, b.owned]);
    // A stake between two nodes the graph does not link, in its solve order (owned solved
    // before owner): added to the graph in place. One against the order into a node that holds
    // something: the solve order is changed in place, without a rebuild.
    const unlinked = (inOrder: boolean): [string, string] => {
      const g = first.graph;
      for (let i = 0; i < g.n; i++)
        for (let j = g.n - 1; j >= 0; j--) {
          const o = g.ids[i] as string;
          const d = g.ids[j] as string;
          if (!first.world.entities.has(o as never) || d === o || g.colSum[j] !== 0) continue;
          if (stakes.some((s) => s.owner === o && s.owned === d)) continue;
          // Against the order: into a node that holds something (one that holds nothing is
          // moved in the order instead).
          const before = (g.sccOf[j] as number) < (g.sccOf[i] as number);
          const holds = g.ownerStart[j] !== g.ownerStart[j + 1];
          if (inOrder ? before : !before && holds) return [o, d];
        }
      throw new Error("no such pair in the reference register");
    };
    const [owner, owned] = unlinked(true);
    const { shareMin: _min, shareMax: _max, ...plainA } = a;
    const added = { ...plainA, id: "live-new-stake", owner, owned, share: 0.25 } as Stake;
    await live.write("drc", "stakes", added.id, () => ledger.put("drc", "stakes", added, opts(0)));
    expect(live.added).toBe(1);
    expect(live.rebuilds).toBe(0);
    await expectFresh(live, [owner, owned, a.owner, b.owned]);
    // The world's graph is the one written (what a report of the world reads).
    const now = () => live.at("drc", AS_OF);
    expect(ownershipGraphOf((await now()).world)).toBe((await now()).graph);
    const [against, held] = unlinked(false);
    const back = { ...plainA, id: "live-new-stake-2", owner: against, owned: held, share: 0.125 };
    const ways: string[] = [];
    await live.write(
      "drc",
      "stakes",
      back.id,
      () => ledger.put("drc", "stakes", back as Stake, opts(0)),
      (u) => ways.push(u.way),
    );
    expect(live.rebuilds).toBe(0);
    expect(live.added).toBe(2);
    expect(["reordered", "merged"]).toContain(ways[0]);
    await expectFresh(live, [against, held, owner, owned]);
    expect(ownershipGraphOf((await now()).world)).toBe((await now()).graph);
    // A share moved again, then a stake withdrawn: both in place.
    await live.write("drc", "stakes", added.id, () =>
      ledger.put("drc", "stakes", { ...added, share: 0.5 }, opts(1)),
    );
    await live.write("drc", "stakes", b.id, () => ledger.remove("drc", "stakes", b.id, opts(1)));
    expect(live.rebuilds).toBe(0);
    expect(live.ways).toMatchObject({ patched: 3, inOrder: 1 });
    await expectFresh(live, [owner, owned, b.owner, b.owned]);
    expect(live.builds).toBe(1);
    expect((await live.at("drc", AS_OF)).applied).toBe(5);
    // The reads above named no sequence: each asked the store, and the register was current.
  });

  it("takes a new stake that closes a cross-holding cycle in place (its components merged), answering as a register read afresh; with reorders capped, the same write rebuilds", async () => {
    for (const cap of [undefined, 0]) {
      const live = new LiveRegisters(ledger, {
        threads: 1,
        ...(cap === undefined ? {} : { maxReorder: cap }),
      });
      const r = await live.at("drc", AS_OF);
      const g = r.graph;
      // An entity o that a company d holds, directly or not, not through a cycle already: o
      // taking a stake in d closes one.
      let pair: [string, string] | undefined;
      for (let d = 0; d < g.n && !pair; d++) {
        if (
          !r.world.entities.has(g.ids[d] as never) ||
          g.sccCyclic[g.sccOf[d] as number] ||
          (g.colSum[d] as number) > 0.9
        )
          continue;
        const h = holdingsOf(g, d);
        for (let o = 0; o < g.n && !pair; o++)
          if (o !== d && (h[o] as number) > 0 && r.world.entities.has(g.ids[o] as never))
            if (stakePosition(g, o, d) < 0 && g.sccOf[o] !== g.sccOf[d])
              pair = [g.ids[o] as string, g.ids[d] as string];
      }
      if (!pair) throw new Error("no entity held by another in the reference register");
      const [o, d] = pair;
      const base = stakes.find((s) => s.validFrom === undefined && s.validTo === undefined);
      if (!base) throw new Error("the reference data has no undated stake");
      const { shareMin: _min, shareMax: _max, ...plain } = base;
      const id = `live-cycle-${cap ?? "none"}`;
      const ways: string[] = [];
      await live.write(
        "drc",
        "stakes",
        id,
        () =>
          ledger.put("drc", "stakes", { ...plain, id, owner: o, owned: d, share: 0.01 }, opts(0)),
        (u) => ways.push(u.way),
      );
      expect(ways).toEqual([cap === undefined ? "merged" : "rebuilt"]);
      expect(live.rebuilds).toBe(cap === undefined ? 0 : 1);
      const now = await live.at("drc", AS_OF);
      expect(now.graph.sccOf[now.graph.indexOf.get(o) as number]).toBe(
        now.graph.sccOf[now.graph.indexOf.get(d) as number],
      );
      await expectFresh(live, [o, d]);
      expect(live.builds).toBe(1);
      // Withdrawn again, so that the next round finds the register as it was.
      await live.write("drc", "stakes", id, () => ledger.remove("drc", "stakes", id, opts(1)));
    }
  });

  it("reads the register again when another connection wrote, and drops it rather than apply its own write on top of one it missed", async () => {
    const live = new LiveRegisters(ledger, { threads: 1 });
    await live.at("drc", AS_OF);
    const other = await openLedger({ db, env: {} });
    const [c, d] = stakes.filter((s) => s.validFrom === undefined && s.id !== stakes[0]?.id);
    if (!c || !d) throw new Error("the reference data has too few undated stakes");
    const cv = (await ledger.get("drc", "stakes", c.id))?.version ?? 0;
    await other.put("drc", "stakes", { ...c, share: c.share / 2 }, opts(cv));
    await other.close();
    // Missed: the next read sees a sequence the register is not at.
    await expectFresh(live, [c.owner, c.owned]);
    expect(live.builds).toBe(2);
    // A write through another connection, then one through this server: not applied on a
    // register that lacks the first, but dropped and read again.
    const other2 = await openLedger({ db, env: {} });
    await other2.put("drc", "stakes", { ...c, share: c.share / 4 }, opts(cv + 1));
    await other2.close();
    const dv = (await ledger.get("drc", "stakes", d.id))?.version ?? 0;
    await live.write("drc", "stakes", d.id, () =>
      ledger.put("drc", "stakes", { ...d, share: d.share / 2 }, opts(dv)),
    );
    await expectFresh(live, [c.owner, c.owned, d.owner, d.owned]);
    expect(live.builds).toBe(3);
  });

  it("keeps the register through a production figure's write, and reads it again after any other kind", async () => {
    const live = new LiveRegisters(ledger, { threads: 1 });
    await live.at("drc", AS_OF);
    const fig = (await ledger.datasetAt("drc", { kinds: ["production"] })).production[0];
    if (!fig) throw new Error("the reference data has no production figure");
    const fv = (await ledger.get("drc", "production", fig.id))?.version ?? 0;
    await live.write("drc", "production", fig.id, () =>
      ledger.put("drc", "production", { ...fig, tonnes: (fig.tonnes ?? 0) + 1 }, opts(fv)),
    );
    await live.at("drc", AS_OF);
    expect(live.builds).toBe(1);
    const e = (await ledger.datasetAt("drc", { kinds: ["entities"] })).entities[0];
    if (!e) throw new Error("the reference data has no entity");
    const ev = (await ledger.get("drc", "entities", e.id))?.version ?? 0;
    await live.write("drc", "entities", e.id, () =>
      ledger.put("drc", "entities", { ...e, name: `${e.name} (renamed)` }, opts(ev)),
    );
    const r = await live.at("drc", AS_OF);
    expect(live.builds).toBe(2);
    expect(lookThroughReportFor(r.world, e.id, r.graph).subject.name).toBe(`${e.name} (renamed)`);
  });
});
