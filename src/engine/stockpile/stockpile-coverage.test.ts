import { describe, expect, it } from "vitest";
import { _stockpileWorld } from "./_test-stockpile-world.js";
import { stockpileCoverage } from "./stockpile-coverage.js";

describe("stockpileCoverage()", () => {
  it("stockpileCoverage() counts months of net imports from usable inventory", () => {
    const w = _stockpileWorld({
      holdings: [{ commodity: "cobalt", tonnes: 1000, bookValueUsd: 5e7 }],
    });
    const c = stockpileCoverage(w, { holder: "vault", unavailableFraction: 0.1 });
    const co = c.commodities.find((x) => x.commodity === "cobalt");
    // 1,000 t × 0.9 usable / (6,000 t/yr / 12) = 1.8 months
    expect(co?.usableTonnes).toBeCloseTo(900, 9);
    expect(co?.monthlyNeedTonnes).toBeCloseTo(500, 9);
    expect(co?.monthsCovered).toBeCloseTo(1.8, 9);
    expect(co?.status).toBe("computed");
    // target 2 months × 500 t = 1,000 t; gap 100 t
    expect(co?.targetTonnes).toBeCloseTo(1000, 9);
    expect(co?.gapTonnes).toBeCloseTo(100, 9);
  });

  it("stockpileCoverage() says unknown, not 0, when holdings are not in the sources", () => {
    const c = stockpileCoverage(_stockpileWorld(), { holder: "us-reserve" });
    const co = c.commodities.find((x) => x.commodity === "cobalt");
    expect(co?.status).toBe("unknown holdings");
    expect(co?.monthsCovered).toBeNull();
    expect(co?.usableTonnes).toBeNull();
    expect(co?.position.note).toBe(
      "Holdings of cobalt are not in the sources: unknown, not zero (assume empty only when told)",
    );
  });

  it("stockpileCoverage() starts from zero only when told, and adds acquisitions after the record", () => {
    const w = _stockpileWorld({
      movements: [
        { date: "2025-09-01", kind: "acquisition", tonnes: 250 },
        { date: "2025-10-01", kind: "release", tonnes: 50 },
        { date: "2025-11-01", kind: "commitment", tonnes: 400, valueUsd: 2e7 },
      ],
    });
    const c = stockpileCoverage(w, { holder: "vault", assumeEmpty: true });
    const co = c.commodities.find((x) => x.commodity === "cobalt");
    expect(co?.position.basis).toBe("assumed empty");
    expect(co?.position.tonnes).toBe(200);
    expect(co?.position.onOrderTonnes).toBe(400);
    expect(co?.monthsCovered).toBeCloseTo(0.4, 9);
    expect(c.notes).toContain("Holdings not in the sources are assumed empty (--assume-empty)");
  });

  it("stockpileCoverage() needs net-import tonnes and takes a user need, marked as such", () => {
    const w = _stockpileWorld({
      cobaltNetImports: null,
      holdings: [{ commodity: "cobalt", tonnes: 300, bookValueUsd: null }],
    });
    const none = stockpileCoverage(w, { holder: "vault" }).commodities[0];
    expect(none?.status).toBe("needs net-import tonnes");
    expect(none?.need.note).toBe(
      "cobalt: needs net-import tonnes (not in the sources); only the net import reliance 76% is known, without apparent consumption",
    );
    expect(none?.targetTonnes).toBeNull();
    const given = stockpileCoverage(w, { holder: "vault", need: { cobalt: 3600 } }).commodities[0];
    expect(given?.need.basis).toBe("user input");
    expect(given?.monthsCovered).toBeCloseTo(1, 9);
  });

  it("stockpileCoverage() refuses an unavailable fraction of 1 and an unknown stockpile", () => {
    const w = _stockpileWorld();
    expect(() => stockpileCoverage(w, { holder: "vault", unavailableFraction: 1 })).toThrow(
      "The unavailable fraction must be at least 0 and below 1, not 1",
    );
    expect(() => stockpileCoverage(w, { holder: "nope" })).toThrow(
      "No stockpile nope: give a stockpile id or its holder (known: vault)",
    );
  });
});
