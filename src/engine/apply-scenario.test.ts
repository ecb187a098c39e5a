import fc from "fast-check";
import { describe, expect, test } from "vitest";
import type { Dataset } from "../model/dataset.js";
import type { Deal } from "../model/deal.js";
import { OrebookError } from "../model/errors.js";
import type { RecordId, SourceId } from "../model/ids.js";
import { worldFrom } from "../model/world.js";
import { testDataset } from "./_test-world.js";
import { applyScenario } from "./apply-scenario.js";
import { controlReportFor } from "./control-report.js";
import { quotaFor } from "./quota.js";
import { type Scenario, scenarioSchema } from "./scenario-schema.js";

const scenario = (changes: unknown[], extra: Record<string, unknown> = {}): Scenario =>
  scenarioSchema.parse({ name: "Test", baseDate: "2026-03-01", changes, ...extra });

function base(): Dataset {
  const ds = testDataset({
    entities: [
      ["glencore", "company", "CH"],
      ["orion", "fund", "US"],
      ["cmoc", "company", "CN"],
      ["gecamines", "state-enterprise", "CD"],
      ["m23", "armed-group", "CD"],
    ],
    assets: [
      ["kcc", "CD", ["cobalt", "copper"], "Lualaba", "Mutshatsha"],
      ["mutanda", "CD", ["cobalt"], "Lualaba", "Mutshatsha"],
      ["tfm", "CD", ["cobalt"], "Lualaba", "Fungurume"],
      ["bisie", "CD", ["tin"], "North Kivu", "Walikale"],
    ],
    stakes: [
      ["glencore", "kcc", 0.75],
      ["gecamines", "kcc", 0.25],
      ["glencore", "mutanda", 0.95],
      ["gecamines", "mutanda", 0.05],
      ["cmoc", "tfm", 0.8],
      ["gecamines", "tfm", 0.2],
    ],
    production: [
      ["kcc", "cobalt", "2025", 30_000],
      ["mutanda", "cobalt", "2025", 25_000],
      ["tfm", "cobalt", "2025", 60_000],
      ["bisie", "tin", "2025", 17_000],
    ],
  });
  const deal: Deal = {
    id: "orion-glencore" as RecordId,
    name: "Orion CMC buys 40% of Glencore's DRC interests",
    parties: [
      { entity: "orion" as never, role: "buyer" },
      { entity: "glencore" as never, role: "seller" },
    ],
    status: "agreed-in-principle",
    statusHistory: [
      {
        date: "2026-02-03" as never,
        status: "agreed-in-principle",
        sources: ["test-source" as SourceId],
      },
    ],
    conditions: ["regulatory approvals"],
    valuationUsd: 9e9,
    probability: null,
    effects: [
      {
        kind: "stake-transfer",
        from: "glencore" as never,
        to: "orion" as never,
        owned: "kcc" as never,
        share: 0.3,
      },
      {
        kind: "stake-transfer",
        from: "glencore" as never,
        to: "orion" as never,
        owned: "mutanda" as never,
        share: 0.38,
      },
      { kind: "obligation", party: "orion" as never, description: "Invest in Congolese mining" },
    ],
    sources: ["test-source" as SourceId],
    asOf: "2026",
  };
  ds.deals.push(deal);
  return ds;
}

/** owner→owned → share of the stakes in force on `date`. */
function holdings(ds: Dataset, date: string): Map<string, number> {
  const w = worldFrom(ds, date);
  const m = new Map<string, number>();
  for (const s of w.stakes)
    m.set(`${s.owner}→${s.owned}`, (m.get(`${s.owner}→${s.owned}`) ?? 0) + s.share);
  return m;
}

describe("applyScenario()", () => {
  test("applying an empty scenario changes nothing", () => {
    const ds = base();
    const before = structuredClone(ds);
    const out = applyScenario(ds, scenario([]));
    expect(ds).toEqual(before);
    const { sources, ...rest } = out.dataset;
    const { sources: sources0, ...rest0 } = before;
    expect(rest).toEqual(rest0);
    expect(sources.filter((s) => s.id !== out.sourceId)).toEqual(sources0);
    expect(out.applied).toEqual([]);
    const w0 = worldFrom(before, "2026-03-01");
    const w1 = worldFrom(out.dataset, out.asOf);
    expect(controlReportFor(w1, { commodity: "cobalt" })).toEqual(
      controlReportFor(w0, { commodity: "cobalt" }),
    );
  });

  test("a deal that closes moves exactly its stakes", () => {
    const ds = base();
    const out = applyScenario(ds, scenario([{ kind: "deal-closes", deal: "orion-glencore" }]));
    const h0 = holdings(ds, "2026-03-01");
    const h1 = holdings(out.dataset, "2026-03-01");
    const moved = new Map([
      ["glencore→kcc", -0.3],
      ["orion→kcc", 0.3],
      ["glencore→mutanda", -0.38],
      ["orion→mutanda", 0.38],
    ]);
    for (const k of new Set([...h0.keys(), ...h1.keys()]))
      expect((h1.get(k) ?? 0) - (h0.get(k) ?? 0), k).toBeCloseTo(moved.get(k) ?? 0, 12);
    // The day before, nothing has moved.
    expect(holdings(out.dataset, "2026-02-28")).toEqual(holdings(ds, "2026-02-28"));
    expect(out.obligations).toEqual([
      { deal: "orion-glencore", party: "orion", description: "Invest in Congolese mining" },
    ]);
    const deal = out.dataset.deals[0];
    expect(deal?.status).toBe("closed");
    expect(deal?.statusHistory.at(-1)).toMatchObject({ date: "2026-03-01", status: "closed" });
  });

  test("a stake transfer moves exactly its share, whatever the shares", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.01, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.boolean(),
        (held, part, buyerHolds) => {
          const ds = testDataset({
            entities: [
              ["a", "company", "CN"],
              ["b", "company", "US"],
              ["c", "company", "CD"],
            ],
            assets: [["m", "CD"]],
            stakes: [
              ["a", "m", held * (buyerHolds ? 0.5 : 1)],
              ...(buyerHolds ? ([["b", "m", held * 0.5]] as [string, string, number][]) : []),
            ],
          });
          const share = Math.max(1e-6, held * (buyerHolds ? 0.5 : 1) * part);
          const out = applyScenario(
            ds,
            scenario([{ kind: "stake-transfer", from: "a", to: "b", owned: "m", share }]),
          );
          const h0 = holdings(ds, "2026-03-01");
          const h1 = holdings(out.dataset, "2026-03-01");
          expect((h0.get("a→m") ?? 0) - (h1.get("a→m") ?? 0)).toBeCloseTo(share, 12);
          expect((h1.get("b→m") ?? 0) - (h0.get("b→m") ?? 0)).toBeCloseTo(share, 12);
          const total = [...h1.values()].reduce((s, x) => s + x, 0);
          expect(total).toBeCloseTo(
            [...h0.values()].reduce((s, x) => s + x, 0),
            12,
          );
        },
      ),
    );
  });

  test("applyScenario() lists every change that cannot apply, with its path", () => {
    const run = () =>
      applyScenario(
        base(),
        scenario([
          { kind: "stake-transfer", from: "cmoc", to: "orion", owned: "tfm", share: 0.9 },
          { kind: "deal-closes", deal: "no-such-deal" },
          { kind: "route-closed", corridor: "Lobito" },
          { kind: "production-outage", asset: "nowhere", factor: 0 },
        ]),
      );
    expect(run).toThrow(OrebookError);
    try {
      run();
    } catch (e) {
      expect((e as OrebookError).issues).toEqual([
        {
          path: ["changes", 0, "share"],
          message: "cmoc holds 80% of tfm on 2026-03-01: it cannot transfer 90%",
        },
        { path: ["changes", 1, "deal"], message: "Unknown deal no-such-deal" },
        { path: ["changes", 2, "corridor"], message: "No route leg belongs to corridor Lobito" },
        { path: ["changes", 3, "asset"], message: "Unknown asset nowhere" },
      ]);
    }
  });

  test("a deal cannot close twice", () => {
    const once = applyScenario(base(), scenario([{ kind: "deal-closes", deal: "orion-glencore" }]));
    expect(() =>
      applyScenario(once.dataset, scenario([{ kind: "deal-closes", deal: "orion-glencore" }])),
    ).toThrow(/cannot apply/);
  });

  test("a rebellion taking ground moves de facto control of the assets in it", () => {
    const ds = base();
    const out = applyScenario(
      ds,
      scenario([
        {
          kind: "territory-taken",
          controller: "m23",
          province: "Lualaba",
          territories: ["Fungurume"],
        },
      ]),
    );
    const r = controlReportFor(worldFrom(out.dataset, out.asOf), { commodity: "cobalt" });
    const m23 = r.byCountry.find((c) => c.country === "armed-group:m23");
    expect(m23?.deFactoTonnes).toBeCloseTo(60_000, 9);
  });

  test("an outage scales output pro rata to the days it covers", () => {
    const out = applyScenario(
      base(),
      scenario([{ kind: "production-outage", asset: "tfm", factor: 0, period: "2025-H1" }]),
    );
    const p = out.dataset.production.find((x) => x.asset === "tfm");
    expect(p?.tonnes).toBeCloseTo(60_000 * (184 / 365), 6);
    const province = applyScenario(
      base(),
      scenario([
        { kind: "production-outage", province: "Lualaba", commodity: "cobalt", factor: 0.5 },
      ]),
    );
    const total = province.dataset.production
      .filter((x) => x.commodity === "cobalt")
      .reduce((s, x) => s + (x.tonnes ?? 0), 0);
    expect(total).toBeCloseTo(57_500, 9);
  });

  test("a quota change from mid-period keeps the old rate before and scales it after", () => {
    const ds = base();
    ds.tradeRules.push({
      id: "quota" as RecordId,
      kind: "export-quota",
      country: "CD" as never,
      commodity: "cobalt",
      validFrom: "2025-10-16" as never,
      capTonnes: 96_600,
      capPeriod: "2026" as never,
      sources: ["test-source" as SourceId],
      asOf: "2025",
    });
    const out = applyScenario(ds, scenario([{ kind: "quota-change", rule: "quota", factor: 0.5 }]));
    const caps = (d: Dataset) =>
      quotaFor(worldFrom(d, "2026-12-31"), {
        commodity: "cobalt",
        period: "2026",
        country: "CD",
        producers: [{ asset: "tfm", tonnes: 60_000 }],
        assetsOf: () => [],
      }).quotas.reduce((s, q) => s + q.capTonnes, 0);
    // Jan–Feb (59 days) at the old rate, Mar–Dec (306 days) at half of it.
    expect(caps(out.dataset)).toBeCloseTo(96_600 * (59 / 365) + 48_300 * (306 / 365), 6);
    expect(caps(ds)).toBeCloseTo(96_600, 6);
  });

  test("closing a route corridor closes each of its legs", () => {
    const ds = base();
    ds.routeNodes.push(
      {
        id: "kolwezi" as RecordId,
        name: "Kolwezi",
        kind: "hub",
        country: "CD" as never,
        location: null,
        status: "operating",
        sources: ["test-source" as SourceId],
        asOf: "2025",
      },
      {
        id: "lobito" as RecordId,
        name: "Lobito",
        kind: "port",
        country: "AO" as never,
        location: null,
        status: "operating",
        sources: ["test-source" as SourceId],
        asOf: "2025",
      },
    );
    ds.routeLegs.push({
      id: "kolwezi-lobito" as RecordId,
      from: "kolwezi" as RecordId,
      to: "lobito" as RecordId,
      mode: "rail",
      corridor: "Lobito",
      distanceKm: 1300,
      capacityTonnesPerYear: null,
      costUsdPerTonne: null,
      transitDays: null,
      status: "operating",
      sources: ["test-source" as SourceId],
      asOf: "2025",
    });
    const out = applyScenario(ds, scenario([{ kind: "route-closed", corridor: "Lobito" }]));
    expect(out.dataset.routeLegs[0]?.status).toBe("closed");
    expect(ds.routeLegs[0]?.status).toBe("operating");
    expect(out.applied[0]?.summary).toBe("Route corridor Lobito closed (1 record)");
  });

  test("only the included changes apply (the Monte Carlo's draw)", () => {
    const s = scenario([
      { kind: "deal-closes", deal: "orion-glencore" },
      { kind: "production-outage", asset: "tfm", factor: 0 },
    ]);
    const out = applyScenario(base(), s, { include: (i) => i === 1 });
    expect(out.applied.map((a) => a.kind)).toEqual(["production-outage"]);
    expect(out.dataset.deals[0]?.status).toBe("agreed-in-principle");
  });
});
