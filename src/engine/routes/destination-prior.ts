/**
 * The destination prior: where a country's exports of a commodity went according to the sourced
 * trade statistics (`tradeFlows`: partners' imports from it, or its exports to them), as shares
 * of its exports (`countryProduction` stage `exports`, else `mine`, of the same year). The
 * shipments give tonnes without a named buyer to these countries so that, with the named buyers'
 * tonnes, each country receives its statistical share; what the statistics do not place goes to
 * the world market at the coast, labelled "unrecorded". Methodology: docs/methodology-routes.md.
 */
import type { Commodity } from "../../model/commodity.js";
import type { World } from "../../model/world.js";

export interface PriorEntry {
  /** The destination country. */
  country: string;
  /** Contained tonnes in the statistics (the sum over forms and HS codes), with the range. */
  statisticTonnes: number;
  statisticMin: number;
  statisticMax: number;
  /** Share of the exporter's exports (capped so that the shares add up to at most 1). */
  share: number;
  /** The trade-flow records used. */
  flows: string[];
}

export interface DestinationPrior {
  commodity: Commodity;
  exporter: string;
  /** The year of the statistics used (the latest at or before the period's year), or null. */
  statisticsYear: number | null;
  /** The exporter's total the shares divide by, or null when the dataset has none for that year. */
  total: { tonnes: number; stage: string; year: number; record: string } | null;
  entries: PriorEntry[];
  /** 1 − Σ shares: the part of exports the statistics do not place. */
  unrecordedShare: number;
  notes: string[];
}

/**
 * The destination prior of `exporter`'s exports of `commodity` for `year`.
 *
 * @example destinationPriorFor(world, "cobalt", 2025).entries // [{ country: "CN", share: 0.86, … }]
 */
export function destinationPriorFor(
  world: Pick<World, "tradeFlows" | "countryProduction">,
  commodity: Commodity,
  year: number,
  exporter = "CD",
): DestinationPrior {
  const notes: string[] = [];
  const rows: { country: string; year: number; id: string; t: number; lo: number; hi: number }[] =
    [];
  for (const f of world.tradeFlows) {
    if (f.commodity !== commodity || f.tonnes === null || f.informal) continue;
    let country: string | null = null;
    if (f.direction === "import" && f.partner === exporter) country = f.reporter;
    if (f.direction === "export" && f.reporter === exporter && f.partner !== null)
      country = f.partner;
    if (country === null) continue;
    rows.push({
      country,
      year: f.year,
      id: f.id,
      t: f.tonnes,
      lo: f.tonnesMin ?? f.tonnes,
      hi: f.tonnesMax ?? f.tonnes,
    });
  }
  const years = rows.map((r) => r.year).filter((y) => y <= year);
  if (years.length === 0) {
    notes.push(
      `No trade statistics of ${exporter}'s ${commodity} exports by destination at or before ${year}: tonnes without a named buyer go to the world market at the coast (destination unrecorded)`,
    );
    return {
      commodity,
      exporter,
      statisticsYear: null,
      total: null,
      entries: [],
      unrecordedShare: 1,
      notes,
    };
  }
  const sy = Math.max(...years);
  if (sy < year)
    notes.push(`Destination statistics are for ${sy}, used for ${year} (${year - sy} year(s) old)`);
  const byCountry = new Map<string, PriorEntry>();
  for (const r of rows.filter((x) => x.year === sy)) {
    const e = byCountry.get(r.country) ?? {
      country: r.country,
      statisticTonnes: 0,
      statisticMin: 0,
      statisticMax: 0,
      share: 0,
      flows: [],
    };
    e.statisticTonnes += r.t;
    e.statisticMin += r.lo;
    e.statisticMax += r.hi;
    e.flows.push(r.id);
    byCountry.set(r.country, e);
  }
  const pick = (stage: string) =>
    world.countryProduction.find(
      (c) =>
        c.country === exporter && c.commodity === commodity && c.year === sy && c.stage === stage,
    );
  const tot = pick("exports") ?? pick("mine");
  const entries = [...byCountry.values()].sort((a, b) => b.statisticTonnes - a.statisticTonnes);
  const sum = entries.reduce((a, e) => a + e.statisticTonnes, 0);
  let total: DestinationPrior["total"] = null;
  if (tot) {
    total = { tonnes: tot.tonnes, stage: tot.stage, year: sy, record: tot.id };
    if (tot.stage !== "exports")
      notes.push(
        `${exporter}'s ${commodity} exports in ${sy} are not in the dataset: shares are of its mine production (${tot.id})`,
      );
    const scale = sum > tot.tonnes ? tot.tonnes / sum : 1;
    if (scale < 1)
      notes.push(
        `The statistics place ${Math.round(sum).toLocaleString("en-US")} t, more than ${exporter}'s ${Math.round(tot.tonnes).toLocaleString("en-US")} t total (${tot.id}): shares scaled to add up to 1`,
      );
    for (const e of entries) e.share = (e.statisticTonnes / tot.tonnes) * scale;
  } else {
    notes.push(
      `${exporter}'s ${commodity} exports or production in ${sy} are not in the dataset: the statistics' destinations share all tonnes without a named buyer in proportion to their tonnes`,
    );
    for (const e of entries) e.share = sum > 0 ? e.statisticTonnes / sum : 0;
  }
  const placed = entries.reduce((a, e) => a + e.share, 0);
  return {
    commodity,
    exporter,
    statisticsYear: sy,
    total,
    entries,
    unrecordedShare: Math.max(0, 1 - placed),
    notes,
  };
}
