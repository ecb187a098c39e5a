import { describe, expect, it } from "vitest";
import type { CountryProduction } from "../../model/country-production.js";
import type { TradeFlow } from "../../model/trade-flow.js";
import { destinationPriorFor } from "./destination-prior.js";

const flow = (o: {
  id: string;
  reporter: string;
  year: number;
  tonnes: number;
  tonnesMin?: number;
  tonnesMax?: number;
}) =>
  ({
    partner: "CD",
    direction: "import",
    commodity: "cobalt",
    form: "hydroxide",
    basis: "reported",
    sources: ["s"],
    asOf: "2024",
    ...o,
  }) as unknown as TradeFlow;
const cp = (year: number, tonnes: number, stage: CountryProduction["stage"]) =>
  ({
    id: `cp-${year}-${stage}`,
    country: "CD",
    commodity: "cobalt",
    year,
    tonnes,
    stage,
    sources: ["s"],
    asOf: String(year),
  }) as CountryProduction;

describe("destinationPriorFor()", () => {
  it("destinationPriorFor() gives each importer its statistical share of the exporter's total, and the rest as unrecorded", () => {
    const p = destinationPriorFor(
      {
        tradeFlows: [
          flow({
            id: "cn",
            reporter: "CN",
            year: 2024,
            tonnes: 150,
            tonnesMin: 150,
            tonnesMax: 175,
          }),
          flow({ id: "fi", reporter: "FI", year: 2024, tonnes: 20 }),
          flow({ id: "old", reporter: "US", year: 2020, tonnes: 99 }),
        ],
        countryProduction: [cp(2024, 200, "mine")],
      },
      "cobalt",
      2025,
    );
    expect(p.statisticsYear).toBe(2024);
    expect(p.entries.map((e) => [e.country, e.share])).toEqual([
      ["CN", 0.75],
      ["FI", 0.1],
    ]);
    expect(p.entries[0]?.statisticMax).toBe(175);
    expect(p.unrecordedShare).toBeCloseTo(0.15, 12);
    expect(p.notes).toEqual([
      "Destination statistics are for 2024, used for 2025 (1 year(s) old)",
      "CD's cobalt exports in 2024 are not in the dataset: shares are of its mine production (cp-2024-mine)",
    ]);
  });

  it("destinationPriorFor() without a total shares among the recorded destinations, and without statistics places nothing", () => {
    const p = destinationPriorFor(
      {
        tradeFlows: [flow({ id: "cn", reporter: "CN", year: 2024, tonnes: 150 })],
        countryProduction: [],
      },
      "cobalt",
      2024,
    );
    expect(p.entries.map((e) => [e.country, e.share])).toEqual([["CN", 1]]);
    expect(p.total).toBeNull();
    const none = destinationPriorFor({ tradeFlows: [], countryProduction: [] }, "zinc", 2024);
    expect(none.entries).toEqual([]);
    expect(none.unrecordedShare).toBe(1);
  });

  it("destinationPriorFor() scales shares down when the statistics place more than the exporter's total", () => {
    const p = destinationPriorFor(
      {
        tradeFlows: [flow({ id: "cn", reporter: "CN", year: 2024, tonnes: 300 })],
        countryProduction: [cp(2024, 200, "exports")],
      },
      "cobalt",
      2024,
    );
    expect(p.entries[0]?.share).toBe(1);
    expect(p.unrecordedShare).toBe(0);
  });
});
