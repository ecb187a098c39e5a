/**
 * The production of one asset, commodity and period from the world's figures: the figure for
 * that period when there is one, else a figure for a longer period prorated by days, else the
 * sub-periods that tile it summed. A jointly reported figure (`split`) gives each asset its
 * weight's share. Unknown stays unknown (`tonnes: null`), never zero.
 */
import type { Commodity } from "../../model/commodity.js";
import type { Production, ProductionBasis } from "../../model/production.js";
import type { World } from "../../model/world.js";
import { _daysIn, _intersect, _spanOfPeriod } from "./_days.js";

/** How a production figure was obtained. */
export type ProductionDerivation = "reported" | "split" | "prorated" | "summed";

export interface AssetProduction {
  asset: string;
  commodity: Commodity;
  period: string;
  /** Tonnes of contained metal, or null when no figure is known. */
  tonnes: number | null;
  basis: ProductionBasis | null;
  derivation: ProductionDerivation | null;
  /** The production records the figure comes from. */
  records: string[];
  note: string | null;
}

const BASIS_RANK: Record<ProductionBasis, number> = {
  actual: 0,
  estimate: 1,
  guidance: 2,
  capacity: 3,
};

interface _Candidate {
  record: Production;
  /** The asset's tonnes in the record's period (after any split), null when unknown. */
  tonnes: number | null;
  split: boolean;
}

function _candidatesFor(world: World, asset: string, commodity: Commodity): _Candidate[] {
  const out: _Candidate[] = [];
  for (const p of world.production) {
    if (p.commodity !== commodity || p.basis === "capacity") continue;
    if (p.asset === asset) out.push({ record: p, tonnes: p.tonnes, split: false });
    else if (p.split) {
      const mine = p.split.find((s) => s.asset === asset);
      if (!mine) continue;
      const total = p.split.reduce((a, s) => a + s.weight, 0);
      out.push({
        record: p,
        tonnes: p.tonnes === null ? null : (p.tonnes * mine.weight) / total,
        split: true,
      });
    }
  }
  return out;
}

/**
 * The figure to use among candidates for one span: a known figure before an unknown one (an
 * actual recorded as unknown does not hide the guidance for the same period, which then counts
 * with its basis, as in the control report), then actual before estimate before guidance, then
 * the asset's own figure before a share of a joint one, then the newest (`asOf`: a raised
 * guidance replaces the one it revised, as in the control report).
 */
function _best(cs: _Candidate[]): _Candidate | undefined {
  return [...cs].sort(
    (a, b) =>
      Number(a.tonnes === null) - Number(b.tonnes === null) ||
      BASIS_RANK[a.record.basis] - BASIS_RANK[b.record.basis] ||
      Number(a.split) - Number(b.split) ||
      (a.record.asOf < b.record.asOf ? 1 : a.record.asOf > b.record.asOf ? -1 : 0) ||
      (a.record.id < b.record.id ? -1 : 1),
  )[0];
}

function _result(
  asset: string,
  commodity: Commodity,
  period: string,
  tonnes: number | null,
  used: _Candidate[],
  derivation: ProductionDerivation | null,
  note: string | null,
): AssetProduction {
  const worst = used.reduce<ProductionBasis | null>(
    (w, c) => (w === null || BASIS_RANK[c.record.basis] > BASIS_RANK[w] ? c.record.basis : w),
    null,
  );
  return {
    asset,
    commodity,
    period,
    tonnes,
    basis: worst,
    derivation,
    records: used.map((c) => c.record.id),
    note,
  };
}

/**
 * The production of `asset` in `commodity` over `period`.
 *
 * @example productionFor(world, "kipushi", "zinc", "2025-Q4") // the Q4 figure, or 2025 ÷ days
 */
export function productionFor(
  world: World,
  asset: string,
  commodity: Commodity,
  period: string,
): AssetProduction {
  const cands = _candidatesFor(world, asset, commodity);
  const target = _spanOfPeriod(period);
  const targetDays = _daysIn(target);

  const exact = _best(cands.filter((c) => c.record.period === period));
  if (exact)
    return _result(
      asset,
      commodity,
      period,
      exact.tonnes,
      [exact],
      exact.split ? "split" : "reported",
      exact.tonnes === null ? `Production record ${exact.record.id} gives no tonnes` : null,
    );

  // A longer period that contains this one: prorate by days (production taken as even).
  const containing = cands.filter((c) => {
    const s = _spanOfPeriod(c.record.period);
    return s.from <= target.from && s.to >= target.to;
  });
  const shortest = Math.min(...containing.map((c) => _daysIn(_spanOfPeriod(c.record.period))));
  const outer = _best(
    containing.filter((c) => _daysIn(_spanOfPeriod(c.record.period)) === shortest),
  );
  if (outer) {
    const outerDays = _daysIn(_spanOfPeriod(outer.record.period));
    return _result(
      asset,
      commodity,
      period,
      outer.tonnes === null ? null : (outer.tonnes * targetDays) / outerDays,
      [outer],
      "prorated",
      `Prorated from ${outer.record.period} by days (${targetDays}/${outerDays}), production taken as even over the period`,
    );
  }

  // Shorter periods that tile this one exactly: sum them.
  const inside = cands.filter((c) => {
    const s = _spanOfPeriod(c.record.period);
    return s.from >= target.from && s.to <= target.to;
  });
  const byPeriod = new Map<string, _Candidate[]>();
  for (const c of inside)
    byPeriod.set(c.record.period, [...(byPeriod.get(c.record.period) ?? []), c]);
  for (const kind of [/-H[12]$/, /-Q[1-4]$/, /-\d{2}$/]) {
    // Halves, quarters, months: one tiling at a time, so a quarter is never counted with its months.
    const parts = [...byPeriod.entries()]
      .filter(([p]) => kind.test(p))
      .map(([, cs]) => _best(cs))
      .filter((c): c is _Candidate => c !== undefined);
    const covered = parts.reduce(
      (a, c) => a + _daysIn(_intersect(_spanOfPeriod(c.record.period), target)),
      0,
    );
    if (parts.length > 0 && covered === targetDays) {
      const unknown = parts.some((c) => c.tonnes === null);
      return _result(
        asset,
        commodity,
        period,
        unknown ? null : parts.reduce((a, c) => a + (c.tonnes ?? 0), 0),
        parts,
        "summed",
        `Summed from ${parts.map((c) => c.record.period).join(", ")}`,
      );
    }
  }
  return _result(
    asset,
    commodity,
    period,
    null,
    [],
    null,
    `No ${commodity} production figure for ${asset} covers ${period}`,
  );
}
