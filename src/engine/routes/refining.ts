/**
 * The processing stage: where the tonnes end up refined, and by whom. Each asset's exported
 * tonnes keep the form of its production record (hydroxide, concentrate, blister or anode:
 * intermediates; cathode, refined metal, sulphate: refined). Refined tonnes were refined at the
 * mine, in the DRC, by the mine's controller. Intermediates follow their destination country (the
 * shipments' buyer country: named buyers and the trade statistics' prior) to that country's
 * recorded refineries, shared in proportion to their recorded capacities (a lower bound where only
 * one is given), up to the capacity; what exceeds it, or reaches a country without a recorded
 * refinery, stays in that country with its refiner unrecorded; what has no recorded destination
 * stays unrecorded. A refinery's controller is the holder of its largest stake (else its operator).
 * China's refined share from the statistics (`countryProduction` stage `refinery`) is the check.
 * Methodology: docs/methodology-allocation.md (processing stage).
 */
import type { Commodity } from "../../model/commodity.js";
import type { World } from "../../model/world.js";
import type { Shipment } from "./route-model.js";
import { UNRECORDED } from "./route-shipments.js";

export type FormStage = "intermediate" | "refined" | "unrecorded";

/** The stage of a production form, from its name. */
export function formStage(form: string | null | undefined): FormStage {
  if (!form) return "unrecorded";
  const f = form.toLowerCase();
  if (/hydroxide|concentrate|matte|intermediate|carbonate|\bore\b|blister|anode/.test(f))
    return "intermediate";
  if (/cathode|refined|metal|sulphate|sulfate|ingot|powder/.test(f)) return "refined";
  return "unrecorded";
}

export interface RefinerRow {
  /** A refinery asset id; `at-mine:<asset>` for refined output of a mine; `unrecorded:<country>`. */
  refiner: string;
  name: string;
  country: string;
  controllerCountry: string;
  tonnes: number;
}

export interface Refining {
  commodity: Commodity;
  year: number;
  /** Exported tonnes by production form and stage. */
  byForm: { form: string; stage: FormStage; tonnes: number }[];
  refiners: RefinerRow[];
  /** Tonnes by the country where they are refined, and by the refiner's controller country. */
  byRefiningCountry: { country: string; tonnes: number; share: number }[];
  byControllerCountry: { country: string; tonnes: number; share: number }[];
  /** Refined by plants (or mines) controlled from China. */
  chineseControlled: { tonnes: number; share: number };
  /** Delivered to US buyers or refined by US-controlled plants. */
  usUsable: { tonnes: number; share: number };
  /** China's share of world refined output in the statistics (latest year at or before). */
  chinaRefinedShareCheck: {
    year: number;
    chinaTonnes: number;
    worldTonnes: number | null;
    share: number | null;
    records: string[];
  } | null;
  notes: string[];
}

type _RefiningWorld = Pick<
  World,
  "assets" | "production" | "stakes" | "entities" | "countryProduction"
>;

/** A refinery's or smelter's capacity for the year and the record it comes from. */
interface _Capacity {
  id: string;
  name: string;
  cap: number;
  basis: string;
}

/**
 * Operating refineries and smelters of `commodity` by country, with capacity (latest at or
 * before the year, else the earliest); one without a capacity is noted and left out.
 */
function refineryCapacities(
  world: _RefiningWorld,
  commodity: Commodity,
  year: number,
  notes: string[],
): Map<string, _Capacity[]> {
  const caps = new Map<string, _Capacity[]>();
  for (const a of world.assets.values()) {
    if ((a.kind !== "refinery" && a.kind !== "smelter") || !a.commodities.includes(commodity))
      continue;
    if (a.status !== "operating") continue;
    const recs = world.production.filter(
      (p) => p.asset === a.id && p.commodity === commodity && p.basis === "capacity",
    );
    const yearOf = (p: { period: string }) => Number(p.period.slice(0, 4));
    const before = recs.filter((p) => yearOf(p) <= year);
    const pool = before.length > 0 ? before : recs;
    const pick = [...pool].sort((x, y) => yearOf(y) - yearOf(x))[0];
    const cap = pick ? (pick.tonnes ?? pick.tonnesMin ?? null) : null;
    if (cap === null || !(cap > 0)) {
      notes.push(`${a.id}: no recorded ${commodity} capacity; not given tonnes`);
      continue;
    }
    const list = caps.get(a.country) ?? [];
    list.push({
      id: a.id,
      name: a.name,
      cap,
      basis: pick?.tonnes === null ? `lower bound ${pick.id}` : (pick?.id ?? ""),
    });
    caps.set(a.country, list);
  }
  return caps;
}

/** The country of an asset's controller: its largest stakeholder, else its operator. */
function controllerCountryOf(world: _RefiningWorld, asset: string): string {
  let best: { share: number; owner: string } | null = null;
  for (const s of world.stakes)
    if (s.owned === asset && (best === null || s.share > best.share))
      best = { share: s.share, owner: s.owner };
  const owner = best?.owner ?? world.assets.get(asset)?.operator;
  const e = owner ? world.entities.get(owner) : undefined;
  return e?.country ?? "unknown";
}

/**
 * The tonnes by form, by refiner and delivered to the US: refined output stays with its mine;
 * intermediates go to their destination country's refineries in proportion to capacity, and
 * what exceeds it (or has no recorded refiner) to an "unrecorded" refiner of that country.
 */
function refinedBy(
  world: _RefiningWorld,
  shipments: readonly Shipment[],
  caps: ReadonlyMap<string, readonly _Capacity[]>,
  mineController: ReadonlyMap<string, string>,
  formOf: ReadonlyMap<string, string | null>,
): {
  forms: Map<string, { form: string; stage: FormStage; tonnes: number }>;
  rows: Map<string, RefinerRow>;
  usDelivered: number;
  total: number;
} {
  const forms = new Map<string, { form: string; stage: FormStage; tonnes: number }>();
  const rows = new Map<string, RefinerRow>();
  const add = (r: Omit<RefinerRow, "tonnes">, t: number) => {
    const x = rows.get(r.refiner) ?? { ...r, tonnes: 0 };
    x.tonnes += t;
    rows.set(r.refiner, x);
  };
  const toCountry = new Map<string, number>();
  let usDelivered = 0;
  let total = 0;
  for (const s of shipments) {
    const form = formOf.get(s.asset) ?? null;
    const stage = formStage(form);
    const key = `${form ?? "(not recorded)"}|${stage}`;
    const f = forms.get(key) ?? { form: form ?? "(not recorded)", stage, tonnes: 0 };
    f.tonnes += s.tonnes;
    forms.set(key, f);
    total += s.tonnes;
    const dest = s.buyerCountry ?? UNRECORDED;
    if (dest === "US") usDelivered += s.tonnes;
    if (stage === "refined") {
      const a = world.assets.get(s.asset);
      add(
        {
          refiner: `at-mine:${s.asset}`,
          name: `${a?.name ?? s.asset} (refined at the mine)`,
          country: a?.country ?? "CD",
          controllerCountry: mineController.get(s.asset) ?? "unknown",
        },
        s.tonnes,
      );
    } else toCountry.set(dest, (toCountry.get(dest) ?? 0) + s.tonnes);
  }
  for (const [country, tonnes] of toCountry) {
    const list = country === UNRECORDED ? [] : (caps.get(country) ?? []);
    const capSum = list.reduce((a, r) => a + r.cap, 0);
    const refined = Math.min(tonnes, capSum);
    for (const r of list)
      add(
        {
          refiner: r.id,
          name: r.name,
          country,
          controllerCountry: controllerCountryOf(world, r.id),
        },
        capSum > 0 ? (refined * r.cap) / capSum : 0,
      );
    if (tonnes - refined > 1e-6)
      add(
        {
          refiner: `unrecorded:${country}`,
          name:
            country === UNRECORDED
              ? "Destination and refiner not recorded"
              : list.length === 0
                ? `Refiner in ${country} not recorded`
                : `Beyond the recorded refinery capacity in ${country}`,
          country,
          controllerCountry: "unknown",
        },
        tonnes - refined,
      );
  }
  return { forms, rows, usDelivered, total };
}

/** The check: China's share of world refined output in the statistics (latest year at or before). */
function chinaRefinedShareCheck(
  world: _RefiningWorld,
  commodity: Commodity,
  year: number,
  notes: string[],
): Refining["chinaRefinedShareCheck"] {
  const ref = world.countryProduction.filter(
    (c) => c.commodity === commodity && c.stage === "refinery" && c.year <= year,
  );
  const cnRecs = ref.filter((c) => c.country === "CN").sort((a, b) => b.year - a.year);
  const cnLatest = cnRecs[0];
  if (!cnLatest) return null;
  const world0 = ref.find((c) => c.country === null && c.year === cnLatest.year);
  const withWorld = cnRecs.find((c) => ref.some((w) => w.country === null && w.year === c.year));
  const worldOf = (y: number) => ref.find((w) => w.country === null && w.year === y);
  if (!world0 && withWorld) {
    const w = worldOf(withWorld.year);
    if (w)
      notes.push(
        `China refined ${Math.round(cnLatest.tonnes).toLocaleString("en-US")} t in ${cnLatest.year} (${cnLatest.id}); the latest year with a world total is ${withWorld.year}: ${((withWorld.tonnes / w.tonnes) * 100).toFixed(0)}% (${withWorld.id}, ${w.id})`,
      );
  }
  return {
    year: cnLatest.year,
    chinaTonnes: cnLatest.tonnes,
    worldTonnes: world0?.tonnes ?? null,
    share: world0 ? cnLatest.tonnes / world0.tonnes : null,
    records: [cnLatest.id, ...(world0 ? [world0.id] : [])],
  };
}

/**
 * Where `shipments` (of one commodity and year) end up refined.
 *
 * @example refiningFor(world, "cobalt", 2024, shipments, controllerCountryOf)
 */
export function refiningFor(
  world: _RefiningWorld,
  commodity: Commodity,
  year: number,
  shipments: readonly Shipment[],
  mineController: ReadonlyMap<string, string>,
  formOf: ReadonlyMap<string, string | null>,
): Refining {
  const notes: string[] = [];
  const caps = refineryCapacities(world, commodity, year, notes);
  const { forms, rows, usDelivered, total } = refinedBy(
    world,
    shipments,
    caps,
    mineController,
    formOf,
  );
  const unrecordedForm = [...forms.values()].filter((x) => x.stage === "unrecorded");
  if (unrecordedForm.length > 0)
    notes.push(
      `${Math.round(unrecordedForm.reduce((a, x) => a + x.tonnes, 0)).toLocaleString("en-US")} t have no form in their production record: followed as intermediates to their destination's refineries`,
    );
  const refiners = [...rows.values()].sort((a, b) => b.tonnes - a.tonnes);
  const group = (key: (r: RefinerRow) => string) => {
    const m = new Map<string, number>();
    for (const r of refiners) m.set(key(r), (m.get(key(r)) ?? 0) + r.tonnes);
    return [...m.entries()]
      .map(([country, tonnes]) => ({ country, tonnes, share: total > 0 ? tonnes / total : 0 }))
      .sort((a, b) => b.tonnes - a.tonnes);
  };
  const byControllerCountry = group((r) => r.controllerCountry);
  const cn = byControllerCountry.find((c) => c.country === "CN")?.tonnes ?? 0;
  // US-controlled refining outside the US (tonnes delivered to the US are counted once, above).
  const usRefined = refiners
    .filter((r) => r.controllerCountry === "US" && r.country !== "US")
    .reduce((a, r) => a + r.tonnes, 0);
  const check = chinaRefinedShareCheck(world, commodity, year, notes);
  return {
    commodity,
    year,
    byForm: [...forms.values()].sort((a, b) => b.tonnes - a.tonnes),
    refiners,
    byRefiningCountry: group((r) => r.country),
    byControllerCountry,
    chineseControlled: { tonnes: cn, share: total > 0 ? cn / total : 0 },
    usUsable: {
      tonnes: usDelivered + usRefined,
      share: total > 0 ? (usDelivered + usRefined) / total : 0,
    },
    chinaRefinedShareCheck: check,
    notes,
  };
}
