import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { ControlAgreement } from "../../model/control-agreement.js";
import type { Dataset } from "../../model/dataset.js";
import type { EntityId, NodeId, RecordId, SourceId } from "../../model/ids.js";
import { worldFrom } from "../../model/world.js";
import { testDataset } from "../common/_test-world.js";
import { consolidatedControlOf, controlOf, equalPartnersOf } from "./consolidated-control.js";
import { controlReportFor } from "./control-report.js";
import { explanationFor } from "./explain.js";
import { ownershipGraphOf } from "./world-graph.js";

function agreement(
  id: string,
  controlled: string,
  controllers: string[],
  basis: ControlAgreement["basis"],
  extra: Partial<ControlAgreement> = {},
): ControlAgreement {
  return {
    id: id as RecordId,
    controlled: controlled as NodeId,
    controllers: controllers as EntityId[],
    basis,
    confersControl: true,
    sources: ["test-source" as SourceId],
    asOf: "2025",
    ...extra,
  };
}

/** A joint venture (49.5/49.5/1) holding a mine, an operator, a majority-held mine. */
function jvDataset(agreements: ControlAgreement[]): Dataset {
  const ds = testDataset({
    entities: [
      ["ca-co", "company", "CA"],
      ["cn-co", "company", "CN"],
      ["small", "company", "CN"],
      ["jv", "company", null],
      ["opco", "company", "CH"],
      ["state", "state", "CD"],
      ["float", "public-float", null],
    ],
    assets: [
      ["jv-mine", "CD", ["copper"]],
      ["run-mine", "CD", ["copper"]],
      ["split-mine", "CD", ["copper"]],
      ["lone-mine", "CD", ["copper"]],
    ],
    stakes: [
      ["ca-co", "jv", 0.495],
      ["cn-co", "jv", 0.495],
      ["small", "jv", 0.01],
      ["jv", "jv-mine", 0.8],
      ["state", "jv-mine", 0.2],
      ["opco", "run-mine", 0.45],
      ["state", "run-mine", 0.2],
      ["cn-co", "run-mine", 0.35],
      ["ca-co", "split-mine", 0.5],
      ["cn-co", "split-mine", 0.5],
      ["opco", "lone-mine", 0.3],
      ["float", "lone-mine", 0.7],
    ],
    production: [
      ["jv-mine", "copper", "2025", 1000],
      ["run-mine", "copper", "2025", 400],
      ["split-mine", "copper", "2025", 200],
      ["lone-mine", "copper", "2025", 100],
    ],
  });
  ds.controlAgreements.push(...agreements);
  return ds;
}

const jointRecord = agreement("ctrl-jv", "jv", ["ca-co", "cn-co"], "joint-control");

describe("consolidated control", () => {
  it("splits a jointly controlled asset equally between the joint controllers, each marked joint", () => {
    const w = worldFrom(jvDataset([jointRecord]), "2025-12-31");
    const r = controlReportFor(w, { commodity: "copper" });
    const mine = r.assets.find((a) => a.id === "jv-mine");
    expect(mine?.controlBasis).toBe("joint");
    expect(mine?.controllers.map((c) => [c.id, c.country, c.share, c.joint])).toEqual([
      ["ca-co", "CA", 0.5, true],
      ["cn-co", "CN", 0.5, true],
    ]);
    expect(mine?.controllerCountry).toBe("CA+CN");
    const ca = r.byCountry.find((c) => c.country === "CA");
    // jv-mine 500 (joint) + split-mine 100 (joint, 50/50 without a record)
    expect(ca?.consolidatedTonnes).toBeCloseTo(600, 9);
    expect(ca?.consolidatedJointTonnes).toBeCloseTo(600, 9);
    expect(r.byCountry.find((c) => c.country === "unknown")?.consolidatedTonnes ?? 0).toBe(0);
  });

  it("without the record, a 49.5/49.5/1 venture has no controller: either partner with the 1% has a majority", () => {
    const w = worldFrom(jvDataset([]), "2025-12-31");
    const g = ownershipGraphOf(w);
    expect(equalPartnersOf(w, g, g.indexOf.get("jv") as number, 0.5)).toBeNull();
    const r = controlReportFor(w, { commodity: "copper", graph: g });
    const mine = r.assets.find((a) => a.id === "jv-mine");
    // The venture controls the mine by majority and nothing controls the venture: its bucket.
    expect(mine?.controllerCountry).toBe("unknown");
    expect(mine?.controlBasis).toBe("majority");
  });

  it("a 50/50 holding is joint control without any record, each holder needed for a majority", () => {
    const w = worldFrom(jvDataset([]), "2025-12-31");
    const r = controlReportFor(w, { commodity: "copper" });
    const mine = r.assets.find((a) => a.id === "split-mine");
    expect(mine?.controlBasis).toBe("joint");
    expect(mine?.controlSteps[0]).toMatchObject({ basis: "joint", shares: [0.5, 0.5] });
    expect(mine?.controlSteps[0]?.record).toBeUndefined();
  });

  it("an operatorship that confers control beats a larger minority holder; none confers nothing", () => {
    const ds = jvDataset([agreement("ctrl-run", "run-mine", ["opco"], "operator")]);
    const r = controlReportFor(worldFrom(ds, "2025-12-31"), { commodity: "copper" });
    const run = r.assets.find((a) => a.id === "run-mine");
    expect(run?.controlBasis).toBe("operator");
    expect(run?.controllerCountry).toBe("CH");
    expect(run?.controlSteps[0]).toMatchObject({ record: "ctrl-run", sources: ["test-source"] });
    const without = controlReportFor(worldFrom(jvDataset([]), "2025-12-31"), {
      commodity: "copper",
    });
    expect(without.assets.find((a) => a.id === "run-mine")?.controlBasis).toBeNull();
    expect(without.assets.find((a) => a.id === "run-mine")?.controllerCountry).toBe("no-majority");
  });

  it("an operator record that does not confer control changes nothing", () => {
    const ds = jvDataset([
      agreement("ctrl-run", "run-mine", ["opco"], "operator", { confersControl: false }),
    ]);
    const r = controlReportFor(worldFrom(ds, "2025-12-31"), { commodity: "copper" });
    expect(r.assets.find((a) => a.id === "run-mine")?.controlBasis).toBeNull();
  });

  it("an agreement beats an operatorship over the same node, and a record outside its dates is not used", () => {
    const ds = jvDataset([
      agreement("ctrl-op", "run-mine", ["cn-co"], "operator"),
      agreement("ctrl-mgmt", "run-mine", ["opco"], "management-agreement", {
        validFrom: "2025-06-01" as never,
      }),
    ]);
    const after = controlReportFor(worldFrom(ds, "2025-12-31"), { commodity: "copper" });
    const run = after.assets.find((a) => a.id === "run-mine");
    expect(run?.controlBasis).toBe("agreement");
    expect(run?.controllerCountry).toBe("CH");
    expect(after.notes.some((n) => n.includes("ctrl-mgmt") && n.includes("ctrl-op"))).toBe(true);
    const before = controlReportFor(worldFrom(ds, "2025-05-31"), { commodity: "copper" });
    expect(before.assets.find((a) => a.id === "run-mine")?.controlBasis).toBe("operator");
    expect(before.assets.find((a) => a.id === "run-mine")?.controllerCountry).toBe("CN");
  });

  it("a majority beats a joint-control record over the same node, and the report says so", () => {
    const ds = jvDataset([agreement("ctrl-x", "jv-mine", ["ca-co", "state"], "joint-control")]);
    const r = controlReportFor(worldFrom(ds, "2025-12-31"), { commodity: "copper" });
    expect(r.assets.find((a) => a.id === "jv-mine")?.controlBasis).toBe("majority");
    expect(r.notes.some((n) => n.includes("ctrl-x") && n.includes("majority"))).toBe(true);
  });

  it("dispersed holders never control, however large their block", () => {
    const r = controlReportFor(worldFrom(jvDataset([]), "2025-12-31"), { commodity: "copper" });
    expect(r.assets.find((a) => a.id === "lone-mine")?.controllerCountry).toBe("no-majority");
  });

  it("explains a joint controller's part with the chain, the record and its sources", () => {
    const w = worldFrom(jvDataset([jointRecord]), "2025-12-31");
    const x = explanationFor(w, { commodity: "copper", country: "CN", view: "consolidated" });
    const row = x.rows.find((r) => r.asset === "jv-mine");
    expect(row?.share).toBe(0.5);
    expect(row?.tonnes).toBe(500);
    expect(row?.reason).toContain("ctrl-jv");
    expect(row?.reason).toContain("joint");
    expect(row?.control?.basis).toBe("joint");
    expect(row?.sources).toContain("test-source");
    // Rows add up to the country's consolidated tonnes.
    const r = controlReportFor(w, { commodity: "copper" });
    expect(x.tonnes).toBeCloseTo(
      r.byCountry.find((c) => c.country === "CN")?.consolidatedTonnes ?? -1,
      9,
    );
  });

  it("a joint controller that is itself jointly controlled splits again", () => {
    const ds = jvDataset([
      jointRecord,
      agreement("ctrl-cn", "cn-co", ["opco", "state"], "joint-control"),
    ]);
    const w = worldFrom(ds, "2025-12-31");
    const g = ownershipGraphOf(w);
    const cc = consolidatedControlOf(w, g);
    const c = controlOf(w, g, cc, g.indexOf.get("jv-mine") as number);
    const parts = Object.fromEntries(c.leaves.map((l) => [g.ids[l.index], l.share]));
    expect(parts).toEqual({ "ca-co": 0.5, opco: 0.25, state: 0.25 });
  });

  it("consolidated tonnes always add up to production, whatever the records say", () => {
    const ids = ["ca-co", "cn-co", "small", "jv", "opco", "state"];
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            controlled: fc.constantFrom("jv", "jv-mine", "run-mine", "split-mine", "cn-co"),
            controllers: fc.uniqueArray(fc.constantFrom(...ids), { minLength: 1, maxLength: 3 }),
            basis: fc.constantFrom("operator", "management-agreement", "joint-control"),
          }),
          { maxLength: 4 },
        ),
        (recs) => {
          const list = recs
            .filter((x) => x.basis !== "joint-control" || x.controllers.length > 1)
            .map((x, k) =>
              agreement(`r${k}`, x.controlled, x.controllers, x.basis as ControlAgreement["basis"]),
            );
          const r = controlReportFor(worldFrom(jvDataset(list), "2025-12-31"), {
            commodity: "copper",
          });
          const sum = r.byCountry.reduce((s, c) => s + c.consolidatedTonnes, 0);
          expect(sum).toBeCloseTo(r.totalTonnes, 6);
          for (const a of r.assets)
            expect(a.controllers.reduce((s, c) => s + c.share, 0)).toBeCloseTo(1, 12);
        },
      ),
      { numRuns: 60 },
    );
  });
});
