import fc from "fast-check";
import { describe, expect, test } from "vitest";
import type { Dataset } from "../../model/dataset.js";
import type { Deal } from "../../model/deal.js";
import { OrebookError } from "../../model/errors.js";
import type { RecordId, SourceId } from "../../model/ids.js";
import { worldFrom } from "../../model/world.js";
import { quotaFor } from "../allocation/quota.js";
import { testDataset } from "../common/_test-world.js";
import { controlReportFor } from "../ownership/control-report.js";
import { applyScenario } from "./apply-scenario.js";
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

  test("a fraction of the seller's stake moves with its range and alternatives; the seller keeps the rest of each", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.05, max: 0.9, noNaN: true }),
        fc.double({ min: 0, max: 0.1, noNaN: true }),
        fc.double({ min: 0, max: 0.1, noNaN: true }),
        fc.double({ min: 0.01, max: 1, noNaN: true }),
        (share, below, above, fraction) => {
          const lo = share - below * share;
          const hi = Math.min(1, share + above);
          const ds = testDataset({
            entities: [
              ["a", "company", "CH"],
              ["b", "fund", "US"],
            ],
            assets: [["m", "CD"]],
            stakes: [["a", "m", share, lo, hi]],
          });
          const seller = ds.stakes[0];
          if (!seller) throw new Error("no stake");
          seller.alternatives = [{ share: lo, sources: ["test-source" as SourceId] }];
          const out = applyScenario(
            ds,
            scenario([{ kind: "stake-transfer", from: "a", to: "b", owned: "m", fraction }]),
          );
          const w = worldFrom(out.dataset, "2026-03-01");
          const bought = w.stakes.find((x) => x.owner === "b");
          const kept = w.stakes.find((x) => x.owner === "a");
          expect(bought?.share).toBeCloseTo(fraction * share, 10);
          // A range narrower than 1e-9 is dropped: the bounds are met within that.
          expect(bought?.shareMin ?? bought?.share).toBeCloseTo(fraction * lo, 8);
          expect(bought?.shareMax ?? bought?.share).toBeCloseTo(fraction * hi, 8);
          expect(bought?.alternatives?.[0]?.share).toBeCloseTo(fraction * lo, 10);
          if ((1 - fraction) * share > 1e-9) {
            expect(kept?.share).toBeCloseTo((1 - fraction) * share, 10);
            expect(kept?.shareMin).toBeCloseTo((1 - fraction) * lo, 10);
            expect(kept?.shareMax).toBeCloseTo((1 - fraction) * hi, 10);
          } else expect(kept).toBeUndefined();
          // The preferred shares still add up to what was held.
          expect((bought?.share ?? 0) + (kept?.share ?? 0)).toBeCloseTo(share, 10);
        },
      ),
    );
  });

  test("a stake transfer gives a share or a fraction of the seller's stake, not both or neither", () => {
    for (const extra of [{ share: 0.1, fraction: 0.5 }, {}])
      expect(() =>
        scenario([{ kind: "stake-transfer", from: "a", to: "b", owned: "m", ...extra }]),
      ).toThrow(/either share .* or fraction/);
  });

  test("a deal's control agreement applies from the closing date, before the majority", () => {
    const ds = base();
    const deal = ds.deals[0] as Deal;
    // The buyer takes control of TFM, where CMOC keeps its 80%, by a management agreement.
    deal.effects.push({
      kind: "control-agreement",
      agreement: {
        id: "ctrl-tfm-orion" as RecordId,
        controlled: "tfm" as never,
        controllers: ["orion" as never],
        basis: "management-agreement",
        confersControl: true,
        sources: ["test-source" as SourceId],
        asOf: "2026",
      },
    });
    const out = applyScenario(ds, scenario([{ kind: "deal-closes", deal: "orion-glencore" }]));
    const tfm = (date: string) =>
      controlReportFor(worldFrom(out.dataset, date), {
        commodity: "cobalt",
        period: "2025",
      }).assets.find((a) => a.id === "tfm");
    expect(tfm("2026-03-01")).toMatchObject({ controller: "orion", controlBasis: "agreement" });
    expect(tfm("2026-02-28")).toMatchObject({ controller: "cmoc", controlBasis: "majority" });
    expect(out.applied[0]?.summary).toContain("control of tfm by orion (management-agreement");
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

  /** The base world plus a held record naming Walikale (with a square boundary) and Rubaya. */
  function east(): Dataset {
    const ds = base();
    ds.assets.push({
      id: "rubaya" as never,
      name: "Rubaya",
      kind: "mine",
      country: "CD" as never,
      province: "North Kivu",
      territory: "Masisi",
      location: { lat: -1.558, lon: 28.884 },
      status: "held-by-armed-group",
      commodities: ["tantalum"],
      sources: ["test-source" as SourceId],
      asOf: "2025",
    });
    ds.production.push({
      id: "rubaya-2024" as RecordId,
      asset: "rubaya" as never,
      commodity: "tantalum",
      period: "2024" as never,
      tonnes: 315,
      basis: "estimate",
      sources: ["test-source" as SourceId],
      asOf: "2024",
    });
    const b = ds.assets.find((a) => a.id === "bisie");
    if (b) b.location = { lat: -1.033, lon: 27.733 };
    const square: [number, number][] = [
      [27.5, -1.3],
      [28, -1.3],
      [28, -0.8],
      [27.5, -0.8],
      [27.5, -1.3],
    ];
    ds.territories.push(
      {
        id: "walikale-centre" as RecordId,
        controller: "m23" as never,
        country: "CD" as never,
        province: "North Kivu",
        territories: [],
        assets: [],
        extent: [
          {
            name: "Walikale",
            level: "territoire",
            pcode: "CD6104",
            held: "partial",
            boundary: {
              geometry: { type: "Polygon", coordinates: [square] },
              sources: ["test-source" as SourceId],
            },
          },
          { name: "Walikale centre", level: "locality", within: "Walikale", held: "town" },
        ],
        validFrom: "2025-03-19" as never,
        validTo: "2025-04-01" as never,
        sources: ["test-source" as SourceId],
        asOf: "2025",
      },
      {
        id: "masisi" as RecordId,
        controller: "m23" as never,
        country: "CD" as never,
        province: "North Kivu",
        territories: [],
        assets: ["rubaya" as never],
        extent: [
          { name: "Masisi", level: "territoire", pcode: "CD6103", held: "partial" },
          { name: "Rubaya", level: "locality", within: "Masisi", held: "town" },
          { name: "Kibabi", level: "locality", within: "Masisi", held: "town" },
        ],
        validFrom: "2024-04-30" as never,
        sources: ["test-source" as SourceId],
        asOf: "2024",
      },
    );
    return ds;
  }

  test("territory-taken names a unit the records know: its boundary is copied and held whole, and the sites in it pass to the group", () => {
    const out = applyScenario(
      east(),
      scenario([
        {
          kind: "territory-taken",
          controller: "m23",
          province: "North Kivu",
          extent: [{ unit: "CD6104" }],
        },
      ]),
    );
    const t = out.dataset.territories.at(-1);
    expect(t?.extent?.[0]?.name).toBe("Walikale");
    expect(t?.extent?.[0]?.held).toBe("whole");
    expect(t?.extent?.[0]?.boundary?.geometry.type).toBe("Polygon");
    expect(out.applied[0]?.summary).toBe(
      "m23 holds Walikale (territoire, whole) in North Kivu from 2026-03-01",
    );
    const r = controlReportFor(worldFrom(out.dataset, out.asOf), { commodity: "tin" });
    expect(r.assets.find((a) => a.id === "bisie")?.deFactoBy?.basis).toBe("admin-unit");
    // Without its territoire, the site is placed by its point inside the copied boundary.
    const ds = east();
    const b = ds.assets.find((a) => a.id === "bisie");
    if (b) b.territory = null;
    const byPoint = applyScenario(
      ds,
      scenario([
        {
          kind: "territory-taken",
          controller: "m23",
          province: "North Kivu",
          extent: [{ unit: "Walikale" }],
        },
      ]),
    );
    const p = controlReportFor(worldFrom(byPoint.dataset, byPoint.asOf), { commodity: "tin" });
    expect(p.assets.find((a) => a.id === "bisie")?.deFactoBy?.basis).toBe("polygon");
  });

  test("territory-taken copies a record the group withdrew from, and a new unit can be described in full", () => {
    const out = applyScenario(
      east(),
      scenario([
        {
          kind: "territory-taken",
          controller: "m23",
          territory: "walikale-centre",
          extent: [{ name: "Bisie", level: "locality", within: "Walikale", held: "town" }],
          assets: ["bisie"],
        },
      ]),
    );
    const t = out.dataset.territories.at(-1);
    expect(t?.province).toBe("North Kivu");
    expect(t?.validTo).toBeUndefined();
    expect(t?.extent?.map((u) => `${u.name}:${u.held}`)).toEqual([
      "Walikale:partial",
      "Walikale centre:town",
      "Bisie:town",
    ]);
    expect(t?.assets).toEqual(["bisie"]);
  });

  test("territory-taken refuses a unit no record names, listing those they do", () => {
    expect(() =>
      applyScenario(
        east(),
        scenario([
          {
            kind: "territory-taken",
            controller: "m23",
            province: "North Kivu",
            extent: [{ unit: "Lubero" }],
          },
        ]),
      ),
    ).toThrow(
      expect.objectContaining({
        issues: [
          {
            path: ["changes", 0, "extent", 0, "unit"],
            message:
              "Unknown administrative unit Lubero: the territory records name Kibabi, Masisi, Rubaya, Walikale, Walikale centre; describe a new unit with name, level and held",
          },
        ],
      }),
    );
  });

  test("territory-returned by naming a unit and a site ends the record the day before, keeps the rest in a successor, and de facto control goes back", () => {
    const ds = east();
    const before = controlReportFor(worldFrom(ds, "2026-03-01"), { commodity: "tantalum" });
    expect(before.assets[0]?.deFacto).toBe("armed-group:m23");
    const out = applyScenario(
      ds,
      scenario([
        { kind: "territory-returned", units: ["rubaya"], assets: ["rubaya"], controller: "m23" },
      ]),
    );
    const old = out.dataset.territories.find((t) => t.id === "masisi");
    expect(old?.validTo).toBe("2026-02-28");
    const next = out.dataset.territories.find((t) => t.id === "masisi:from-2026-03-01");
    // Masisi (partial) stays: Kibabi, inside it, is still held.
    expect(next?.extent?.map((u) => u.name)).toEqual(["Masisi", "Kibabi"]);
    expect(next?.assets).toEqual([]);
    expect(next?.validFrom).toBe("2026-03-01");
    expect(out.applied[0]?.summary).toBe(
      "m23 no longer holds Rubaya (locality), rubaya of masisi from 2026-03-01; masisi:from-2026-03-01 keeps Masisi, Kibabi",
    );
    const after = controlReportFor(worldFrom(out.dataset, out.asOf), { commodity: "tantalum" });
    expect(after.assets[0]?.deFacto).toBe("unknown");
    expect(after.assets[0]?.deFactoBy).toBeUndefined();
    // The day before, the group still held it.
    const eve = controlReportFor(worldFrom(out.dataset, "2026-02-28"), { commodity: "tantalum" });
    expect(eve.assets[0]?.deFacto).toBe("armed-group:m23");
  });

  test("territory-returned drops a unit held in part only as the parent of the units returned", () => {
    const ds = east();
    const masisi = ds.territories.find((t) => t.id === "masisi");
    if (masisi) masisi.extent = masisi.extent?.filter((u) => u.name !== "Kibabi");
    const out = applyScenario(
      ds,
      scenario([{ kind: "territory-returned", units: ["Rubaya"], assets: ["rubaya"] }]),
    );
    expect(out.dataset.territories.some((t) => t.id === "masisi:from-2026-03-01")).toBe(false);
    expect(out.dataset.territories.find((t) => t.id === "masisi")?.validTo).toBe("2026-02-28");
  });

  test("territory-returned refuses a unit not held on the date and a site held through a whole unit", () => {
    const ds = east();
    ds.territories.push({
      id: "walikale-whole" as RecordId,
      controller: "m23" as never,
      country: "CD" as never,
      province: "North Kivu",
      territories: [],
      assets: [],
      extent: [{ name: "Walikale", level: "territoire", held: "whole" }],
      validFrom: "2026-01-01" as never,
      sources: ["test-source" as SourceId],
      asOf: "2026",
    });
    expect(() =>
      applyScenario(
        ds,
        scenario([
          { kind: "territory-returned", units: ["Walikale centre"] },
          { kind: "territory-returned", assets: ["bisie"] },
        ]),
      ),
    ).toThrow(
      expect.objectContaining({
        issues: [
          {
            path: ["changes", 0, "units", 0],
            message: "No territory record held on 2026-03-01 names the unit Walikale centre",
          },
          {
            path: ["changes", 1, "assets", 0],
            message:
              "bisie is not named by a territory record on 2026-03-01: it is held through Walikale (territoire) in walikale-whole; return that unit instead",
          },
        ],
      }),
    );
  });

  test("a territory change names a record or units and sites, not both, and a taken area names its province", () => {
    expect(() =>
      scenario([{ kind: "territory-returned", territory: "masisi", units: ["Rubaya"] }]),
    ).toThrow(/A territory returned names either a territory record or units and assets/);
    expect(() => scenario([{ kind: "territory-returned" }])).toThrow(
      /A territory returned names either a territory record or units and assets/,
    );
    expect(() => scenario([{ kind: "territory-taken", controller: "m23" }])).toThrow(
      /A territory taken names its province, or an existing territory record to copy/,
    );
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

  test("an outage dated where the records have no figure is a problem, or noted as changing nothing when asked", () => {
    const later = scenario([
      { kind: "production-outage", asset: "bisie", factor: 0, period: "2026-Q2" },
      { kind: "production-outage", asset: "tfm", factor: 0, period: "2025-Q2" },
    ]);
    // As written (the CLI's check of a scenario file): the records have no 2026 figure for Bisie.
    expect(() => applyScenario(base(), later)).toThrow(OrebookError);
    try {
      applyScenario(base(), later);
    } catch (e) {
      expect((e as OrebookError).issues.map((i) => i.message)).toEqual([
        "The outage (bisie) matches no production figure",
      ]);
    }
    // Noted: the Bisie outage changes nothing and says so; the TFM one still applies.
    const out = applyScenario(base(), later, { unmatchedOutages: "noted" });
    const [bisie, tfm] = out.applied;
    expect(bisie?.changesNothing).toBe(true);
    expect(bisie?.records).toEqual([]);
    expect(bisie?.summary).toContain("no production figure of these records falls in its dates");
    expect(tfm?.changesNothing).toBeUndefined();
    expect(out.dataset.production.find((x) => x.asset === "bisie")?.tonnes).toBe(17_000);
    expect(out.dataset.production.find((x) => x.asset === "tfm")?.tonnes).toBeCloseTo(
      60_000 * (274 / 365),
      6,
    );
    // An asset the records do not know stays a problem either way.
    let unknown: OrebookError | undefined;
    try {
      applyScenario(
        base(),
        scenario([{ kind: "production-outage", asset: "nowhere", factor: 0 }]),
        { unmatchedOutages: "noted" },
      );
    } catch (e) {
      unknown = e as OrebookError;
    }
    expect(unknown?.issues.map((i) => i.message)).toEqual(["Unknown asset nowhere"]);
  });

  test("outages are dated intervals: two quarters leave half a year, a quarter stopped twice is stopped once", () => {
    const tfm = (changes: unknown[]) =>
      applyScenario(base(), scenario(changes)).dataset.production.find((x) => x.asset === "tfm")
        ?.tonnes;
    const q = (period: string, factor = 0) => ({
      kind: "production-outage",
      asset: "tfm",
      factor,
      period,
    });
    // 2025: Q2 has 91 days, Q3 92, the year 365.
    expect(tfm([q("2025-Q2"), q("2025-Q3")])).toBeCloseTo(60_000 * (182 / 365), 6);
    expect(tfm([q("2025-Q2"), q("2025-Q2")])).toBeCloseTo(60_000 * (274 / 365), 6);
    // Overlapping cuts: the deeper one holds on the days they share.
    expect(tfm([q("2025-H1", 0.5), q("2025-Q2", 0)])).toBeCloseTo(
      60_000 * ((90 * 0.5 + 184) / 365),
      6,
    );
    // A ramp from a stop back to full output over Q3 after an idle Q2.
    expect(
      tfm([
        q("2025-Q2"),
        { kind: "production-outage", asset: "tfm", factor: 0, factorEnd: 1, period: "2025-Q3" },
      ]),
    ).toBeCloseTo(60_000 * ((90 + 46 + 92) / 365), 6);
    // An interval by dates, and one outside the figure's year, which then matches nothing.
    expect(
      tfm([
        {
          kind: "production-outage",
          asset: "tfm",
          factor: 0,
          from: "2025-01-01",
          to: "2025-01-31",
        },
      ]),
    ).toBeCloseTo(60_000 * (334 / 365), 6);
    expect(() => tfm([q("2027-Q1")])).toThrow(OrebookError);
  });

  test("the order of outages and ramps in a scenario never changes the output", () => {
    const change = fc.record({
      kind: fc.constant("production-outage"),
      asset: fc.constantFrom("tfm", "kcc"),
      factor: fc.double({ min: 0, max: 1, noNaN: true }),
      period: fc.constantFrom(
        "2025",
        "2025-H1",
        "2025-H2",
        "2025-Q1",
        "2025-Q2",
        "2025-Q3",
        "2025-Q4",
      ),
    });
    fc.assert(
      fc.property(fc.array(change, { minLength: 1, maxLength: 5 }), (changes) => {
        const tonnes = (cs: unknown[]) =>
          applyScenario(base(), scenario(cs))
            .dataset.production.filter((x) => x.commodity === "cobalt")
            .map((x) => x.tonnes ?? 0);
        const forward = tonnes(changes);
        expect(tonnes([...changes].reverse())).toEqual(forward.map((x) => expect.closeTo(x, 6)));
      }),
      { numRuns: 40 },
    );
  });

  test("an outage gives a period or dates, and a ramp a bounded interval", () => {
    expect(() =>
      scenario([
        { kind: "production-outage", asset: "tfm", factor: 0, period: "2025", from: "2025-01-01" },
      ]),
    ).toThrow(/either period or from\/to/);
    expect(() =>
      scenario([
        { kind: "production-outage", asset: "tfm", factor: 0, factorEnd: 1, from: "2025-01-01" },
      ]),
    ).toThrow(/needs a bounded interval/);
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
