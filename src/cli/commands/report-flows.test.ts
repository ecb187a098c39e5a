import { Command } from "commander";
import { describe, expect, it } from "vitest";
import { _testWorld } from "../../engine/allocation/_test-allocation-world.js";
import { allocationFor } from "../../engine/allocation/allocation.js";
import { coverageFor } from "../../engine/common/national-coverage.js";
import { flowMetricsFrom } from "../../engine/metrics/flow-metrics.js";
import {
  type FlowsReport,
  flowsExplanationText,
  flowsReportText,
  registerFlows,
} from "./report-flows.js";

function report(): FlowsReport {
  const world = _testWorld({
    entities: [{ id: "orion", country: "US" }],
    assets: [{ id: "kcc", name: "KCC" } as { id: string }],
    production: [{ asset: "kcc", period: "2025", tonnes: 36_500 }],
    offtakes: [
      { seller: "kcc", buyer: "orion", term: { kind: "share-of-production", share: 0.4 } },
    ],
    tradeRules: [{ kind: "export-ban", validFrom: "2025-02-22", validTo: "2025-10-15" }],
  });
  const a = allocationFor(world, { commodity: "cobalt", period: "2025", lookThrough: () => 0 });
  const metrics = flowMetricsFrom(world, a);
  return {
    ...metrics,
    basis: "recorded",
    countryView: {},
    shareOfTonnes: metrics.exportedTonnes,
    coverage: coverageFor(world, {
      commodity: "cobalt",
      period: "2025",
      recordedTonnes: metrics.producedTonnes,
      countries: ["CD"],
      basis: "recorded",
    }),
    staleInputs: [],
    offtakeStatuses: a.offtakeStatuses,
    regimes: a.regimes,
    assets: a.assets,
    unknownProduction: a.unknownProduction,
  };
}

describe("report flows", () => {
  it("flowsReportText() states produced = held back + buyers + open market and lists what is held back", () => {
    const text = flowsReportText(report());
    expect(text).toContain(
      "Produced 36,500 t = held back 23,600 + to named buyers 5,160 + open market 7,740 (exported 12,900)",
    );
    expect(text).toContain("Held back at the mine (stock, not lost)");
    expect(text).toContain("Export rules, CD 2025: 129 free days, 236 banned, 0 under quota");
    expect(text).toContain("United States (US)");
  });

  it("flowsExplanationText() gives the reason for every figure of every asset", () => {
    const text = flowsExplanationText(report());
    expect(text).toContain("Ban r0 in force 236 of 365 days: 23,600 t held back");
    expect(text).toContain("share of production 40.0% × 12,900 t exportable = 5,160 t");
  });

  it("registerFlows() adds flows to the report group with its options", () => {
    const program = new Command("orebook");
    registerFlows(program.command("report"));
    const flows = program.commands[0]?.commands.find((c) => c.name() === "flows");
    expect(flows?.options.map((o) => o.long)).toEqual(
      expect.arrayContaining([
        "--commodity",
        "--period",
        "--no-quota",
        "--offtakes",
        "--as-of",
        "--format",
        "--data",
      ]),
    );
  });
});
