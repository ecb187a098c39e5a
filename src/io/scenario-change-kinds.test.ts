/**
 * Every kind of scenario change, on the reference dataset: one test per kind (a kind added to the
 * schema without one fails to type-check, the table is keyed by every kind), and every kind in
 * at least one shipped scenario, each of which applies. The checks read what the change did to
 * the records, never a figure typed in.
 */
import { readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { deFactoControllerOf } from "../engine/ownership/de-facto.js";
import { type AppliedScenario, applyScenario } from "../engine/scenario/apply-scenario.js";
import {
  SCENARIO_CHANGE_KINDS,
  type ScenarioChangeKind,
  scenarioSchema,
} from "../engine/scenario/scenario-schema.js";
import type { Dataset } from "../model/dataset.js";
import { isValidOn } from "../model/dates.js";
import type { AssetId } from "../model/ids.js";
import { worldFrom } from "../model/world.js";
import { loadDatasetDir, REFERENCE_DATA_DIR } from "./load-dataset.js";
import { applyScenarioFileTo, readScenarioFile } from "./scenario-file.js";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const { dataset } = loadDatasetDir(REFERENCE_DATA_DIR);
const DATE = "2026-03-01";

function apply(change: Record<string, unknown>): AppliedScenario {
  return applyScenario(
    dataset,
    scenarioSchema.parse({ name: "Kind test", baseDate: DATE, changes: [change] }),
  );
}

/** Σ of the stakes owner → owned in force on `date`. */
function held(ds: Dataset, owner: string, owned: string, date = DATE): number {
  return ds.stakes
    .filter(
      (s) => s.owner === owner && s.owned === owned && isValidOn(date, s.validFrom, s.validTo),
    )
    .reduce((t, s) => t + s.share, 0);
}

const cases: Record<ScenarioChangeKind, () => void> = {
  "deal-closes": () => {
    const out = apply({ kind: "deal-closes", deal: "orion-cmc-glencore-kcc-mutanda" });
    expect(out.dataset.deals.find((d) => d.id === "orion-cmc-glencore-kcc-mutanda")?.status).toBe(
      "closed",
    );
    expect(held(out.dataset, "orion-cmc", "mutanda")).toBeGreaterThan(0);
    expect(held(out.dataset, "orion-cmc", "mutanda", "2026-02-28")).toBe(0);
  },
  "deal-collapses": () => {
    const out = apply({ kind: "deal-collapses", deal: "orion-cmc-glencore-kcc-mutanda" });
    const deal = out.dataset.deals.find((d) => d.id === "orion-cmc-glencore-kcc-mutanda");
    expect(deal?.statusHistory.at(-1)).toMatchObject({ date: DATE, status: "collapsed" });
    expect(held(out.dataset, "orion-cmc", "mutanda")).toBe(0);
    expect(held(out.dataset, "glencore", "mutanda")).toBe(held(dataset, "glencore", "mutanda"));
  },
  "stake-transfer": () => {
    const out = apply({
      kind: "stake-transfer",
      from: "katanga-mining",
      to: "gecamines",
      owned: "kamoto-copper-company",
      share: 0.05,
    });
    for (const [who, d] of [
      ["katanga-mining", -0.05],
      ["gecamines", 0.05],
    ] as const)
      expect(held(out.dataset, who, "kamoto-copper-company")).toBeCloseTo(
        held(dataset, who, "kamoto-copper-company") + d,
        12,
      );
  },
  offtake: () => {
    const out = apply({
      kind: "offtake",
      sellers: ["kamoa-kakula"],
      buyer: "us-government",
      commodities: ["copper"],
      term: { kind: "share-of-production", share: 0.1 },
    });
    const made = out.dataset.offtakes.filter((o) => !dataset.offtakes.some((x) => x.id === o.id));
    expect(made).toHaveLength(1);
    expect(made[0]).toMatchObject({
      seller: "kamoa-kakula",
      buyer: "us-government",
      commodity: "copper",
      status: "active",
      validFrom: DATE,
    });
  },
  "production-outage": () => {
    const out = apply({ kind: "production-outage", asset: "bisie", factor: 0, period: "2025-Q2" });
    const before = dataset.production.filter((p) => p.asset === "bisie" && p.period === "2025");
    expect(before.length).toBeGreaterThan(0);
    for (const p of before)
      expect(out.dataset.production.find((x) => x.id === p.id)?.tonnes).toBeCloseTo(
        (p.tonnes ?? 0) * (1 - 91 / 365),
        6,
      );
  },
  "territory-taken": () => {
    const out = apply({
      kind: "territory-taken",
      controller: "afc-m23",
      province: "North Kivu",
      extent: [{ unit: "Walikale" }],
    });
    expect(deFactoControllerOf(worldFrom(dataset, DATE), "bisie" as AssetId)).toBeUndefined();
    expect(deFactoControllerOf(worldFrom(out.dataset, DATE), "bisie" as AssetId)?.controller).toBe(
      "afc-m23",
    );
  },
  "territory-returned": () => {
    const out = apply({ kind: "territory-returned", units: ["Rubaya"], assets: ["rubaya"] });
    expect(deFactoControllerOf(worldFrom(dataset, DATE), "rubaya" as AssetId)?.controller).toBe(
      "afc-m23",
    );
    expect(deFactoControllerOf(worldFrom(out.dataset, DATE), "rubaya" as AssetId)).toBeUndefined();
  },
  "export-ban": () => {
    const out = apply({ kind: "export-ban", commodity: "cobalt", validTo: "2026-12-31" });
    const made = out.dataset.tradeRules.filter(
      (r) => !dataset.tradeRules.some((x) => x.id === r.id),
    );
    expect(made).toHaveLength(1);
    expect(made[0]).toMatchObject({ kind: "export-ban", commodity: "cobalt", validFrom: DATE });
  },
  "export-quota": () => {
    const out = apply({
      kind: "export-quota",
      commodity: "copper",
      capTonnes: 2_000_000,
      capPeriod: "2026",
    });
    const made = out.dataset.tradeRules.filter(
      (r) => !dataset.tradeRules.some((x) => x.id === r.id),
    );
    expect(made[0]).toMatchObject({
      kind: "export-quota",
      commodity: "copper",
      capTonnes: 2_000_000,
      validFrom: DATE,
    });
  },
  "quota-change": () => {
    const out = apply({ kind: "quota-change", rule: "drc-cobalt-quota-2026", factor: 0.5 });
    const old = out.dataset.tradeRules.find((r) => r.id === "drc-cobalt-quota-2026");
    expect(old?.validTo).toBe("2026-02-28");
    const next = out.dataset.tradeRules.find(
      (r) => r.id !== "drc-cobalt-quota-2026" && r.id.startsWith("drc-cobalt-quota-2026"),
    );
    expect(next?.validFrom).toBe(DATE);
    expect(out.applied[0]?.records).toContain(next?.id);
  },
  "route-closed": () => {
    const out = apply({ kind: "route-closed", corridor: "Lobito" });
    const legs = out.dataset.routeLegs.filter((l) => l.corridor === "Lobito");
    expect(legs.length).toBeGreaterThan(0);
    expect(legs.every((l) => l.status === "closed")).toBe(true);
  },
  "route-opened": () => {
    expect(dataset.routeNodes.find((n) => n.id === "banana")?.status).not.toBe("operating");
    const out = apply({ kind: "route-opened", node: "banana" });
    expect(out.dataset.routeNodes.find((n) => n.id === "banana")?.status).toBe("operating");
    const legs = out.dataset.routeLegs.filter((l) => l.from === "banana" || l.to === "banana");
    expect(legs.length).toBeGreaterThan(0);
    expect(legs.every((l) => l.status === "operating")).toBe(true);
  },
  "price-shock": () => {
    const out = apply({ kind: "price-shock", commodity: "cobalt", factor: 1.5 });
    const latest = dataset.prices
      .filter((p) => p.commodity === "cobalt" && p.date <= DATE)
      .sort((a, b) => (a.date < b.date ? 1 : -1))[0];
    const made = out.dataset.prices.filter((p) => !dataset.prices.includes(p));
    expect(made).toHaveLength(1);
    expect(made[0]?.date).toBe(DATE);
    expect(made[0]?.usdPerTonne).toBeCloseTo((latest?.usdPerTonne ?? 0) * 1.5, 6);
  },
  "demand-shock": () => {
    const out = apply({ kind: "demand-shock", commodity: "cobalt", country: "US", factor: 1.2 });
    for (const d of dataset.demand.filter((x) => x.commodity === "cobalt" && x.country === "US")) {
      const after = out.dataset.demand.find((x) => x.id === d.id);
      if (d.netImportsTonnes !== null)
        expect(after?.netImportsTonnes).toBeCloseTo(d.netImportsTonnes * 1.2, 6);
    }
    const other = out.dataset.demand.find((x) => x.commodity === "copper" && x.country === "US");
    expect(other).toEqual(dataset.demand.find((x) => x.id === other?.id));
  },
  "stockpile-budget": () => {
    const before = dataset.stockpiles.find((s) => s.id === "project-vault")?.budgetUsd ?? 0;
    const out = apply({ kind: "stockpile-budget", stockpile: "project-vault", changeUsd: 1e9 });
    expect(out.dataset.stockpiles.find((s) => s.id === "project-vault")?.budgetUsd).toBe(
      before + 1e9,
    );
  },
};

describe("every scenario change kind", () => {
  for (const kind of SCENARIO_CHANGE_KINDS)
    it(`${kind} does what docs/scenarios.md says`, cases[kind]);

  const files = readdirSync(`${ROOT}scenarios`).filter((f) => f.endsWith(".yaml"));
  const shipped = files.map((f) => ({ f, sf: readScenarioFile(`${ROOT}scenarios/${f}`) }));

  it("appears in at least one shipped scenario", () => {
    const used = new Set(shipped.flatMap(({ sf }) => sf.scenario.changes.map((c) => c.kind)));
    expect(SCENARIO_CHANGE_KINDS.filter((k) => !used.has(k))).toEqual([]);
  });

  for (const { f, sf } of shipped)
    it(`the shipped scenario ${f} applies to the reference dataset`, () => {
      const out = applyScenarioFileTo(dataset, sf);
      expect(out.applied.length).toBe(
        sf.scenario.changes.length + (sf.scenario.carryForward ? 1 : 0),
      );
    });
});
