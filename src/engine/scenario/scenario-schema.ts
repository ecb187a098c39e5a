/**
 * The vocabulary of a scenario: a base date and a list of changes to apply to a dataset (a
 * deal closes, a stake changes hands, a mine stops, a region falls, a quota tightens, a corridor
 * closes, a price moves, a budget grows). Scenario files (YAML) are validated by this schema;
 * `schemas/scenario.schema.json` is generated from it. Each change may carry a probability, which
 * only the Monte Carlo reads. See docs/scenarios.md.
 */
import { z } from "zod";
import { commoditySchema } from "../../model/commodity.js";
import { type CountryCode, countryCodeSchema } from "../../model/country.js";
import { isoDateSchema, periodSchema } from "../../model/dates.js";
import {
  assetIdSchema,
  entityIdSchema,
  nodeIdSchema,
  recordIdSchema,
  sourceIdSchema,
} from "../../model/ids.js";
import { offtakeTermSchema } from "../../model/offtake.js";
import { sourceSchema } from "../../model/source.js";
import { adminUnitSchema, HELD_EXTENTS } from "../../model/territory.js";

/** A unit the dataset's territory records already name, taken (default: whole) by the change. */
const unitRefSchema = z.strictObject({
  /** The unit's name or place code, as a territory record's extent gives it (CD6104, Walikale). */
  unit: z.string().min(1),
  held: z.enum(HELD_EXTENTS).default("whole"),
  note: z.string().optional(),
});
export type UnitRef = z.output<typeof unitRefSchema>;

/** What every change may carry besides its own fields. */
const common = {
  /** When the change takes effect; default: the scenario's base date. */
  date: isoDateSchema.optional(),
  /** Chance the change happens, for the Monte Carlo (evaluation applies every change). */
  probability: z.number().min(0).max(1).optional(),
  /** Changes with the same group happen together in the Monte Carlo (one draw). */
  group: z.string().min(1).optional(),
  /** Sources for the numbers in this change (ids in the dataset or in the scenario's sources). */
  sources: z.array(sourceIdSchema).optional(),
  /** Which numbers are assumptions of the scenario rather than sourced facts, and why. */
  assumption: z.string().optional(),
  note: z.string().optional(),
};

const factor = z
  .number()
  .min(0, "A factor must be ≥ 0 (0 stops everything, 1 changes nothing)")
  .max(10, "A factor above 10 is almost certainly a typo");

export const SCENARIO_CHANGE_KINDS = [
  "deal-closes",
  "deal-collapses",
  "stake-transfer",
  "offtake",
  "production-outage",
  "territory-taken",
  "territory-returned",
  "export-ban",
  "export-quota",
  "quota-change",
  "route-closed",
  "route-opened",
  "price-shock",
  "demand-shock",
  "stockpile-budget",
] as const;
export type ScenarioChangeKind = (typeof SCENARIO_CHANGE_KINDS)[number];

const routeTarget = {
  /** One leg by id. */
  leg: recordIdSchema.optional(),
  /** One node by id (a port, a border post): every leg into or out of it too. */
  node: recordIdSchema.optional(),
  /** Every leg of a named corridor. */
  corridor: z.string().min(1).optional(),
};
const oneRouteTarget = (r: { leg?: unknown; node?: unknown; corridor?: unknown }) =>
  [r.leg, r.node, r.corridor].filter((x) => x !== undefined).length === 1;

export const scenarioChangeSchema = z.discriminatedUnion("kind", [
  z.strictObject({
    kind: z.literal("deal-closes"),
    /** The deal in the dataset; its effects apply on the change's date. */
    deal: recordIdSchema,
    ...common,
  }),
  z.strictObject({ kind: z.literal("deal-collapses"), deal: recordIdSchema, ...common }),
  z
    .strictObject({
      kind: z.literal("stake-transfer"),
      from: entityIdSchema,
      to: entityIdSchema,
      owned: nodeIdSchema,
      /** Fraction of `owned` that moves (absolute, not a fraction of the seller's stake). */
      share: z.number().gt(0).lte(1).optional(),
      /** Or: this fraction of the seller's stake moves, carrying its range and alternatives. */
      fraction: z.number().gt(0).lte(1).optional(),
      ...common,
    })
    .superRefine((c, ctx) => {
      if ((c.share === undefined) === (c.fraction === undefined))
        ctx.addIssue({
          code: "custom",
          path: ["share"],
          message:
            "A stake transfer gives either share (of the owned node) or fraction (of the seller's stake)",
        });
    }),
  z.strictObject({
    kind: z.literal("offtake"),
    /** The selling assets (or companies); one offtake per seller and commodity. */
    sellers: z.array(nodeIdSchema).min(1),
    buyer: entityIdSchema,
    commodities: z.array(commoditySchema).min(1),
    term: offtakeTermSchema,
    /** Lower is served first; default after every offtake already recorded. */
    priority: z.number().int().nonnegative().optional(),
    destination: z.string().optional(),
    validTo: isoDateSchema.optional(),
    ...common,
  }),
  z
    .strictObject({
      kind: z.literal("production-outage"),
      asset: assetIdSchema.optional(),
      province: z.string().min(1).optional(),
      commodity: commoditySchema.optional(),
      /** Output is multiplied by this: 0 is a full stop, 0.7 a 30 % cut. */
      factor,
      /**
       * A ramp: the factor moves linearly from `factor` on the first day to this on the last
       * (0 → 1 is a restart ramping up). Needs a bounded interval: `period`, or `from` and `to`.
       */
      factorEnd: factor.optional(),
      /** The span the outage lasts; production figures are hit pro rata to the overlap. Default: every period. */
      period: periodSchema.optional(),
      /** Or: the first day (inclusive) of the interval; open before when absent. */
      from: isoDateSchema.optional(),
      /** And/or: the last day (inclusive) of the interval; open after when absent. */
      to: isoDateSchema.optional(),
      ...common,
    })
    .superRefine((c, ctx) => {
      if (c.asset === undefined && c.province === undefined && c.commodity === undefined)
        ctx.addIssue({
          code: "custom",
          path: ["asset"],
          message: "An outage names an asset, a province or a commodity (or several)",
        });
      if (c.period !== undefined && (c.from !== undefined || c.to !== undefined))
        ctx.addIssue({
          code: "custom",
          path: ["period"],
          message: "An outage gives either period or from/to, not both",
        });
      if (c.from !== undefined && c.to !== undefined && c.to < c.from)
        ctx.addIssue({ code: "custom", path: ["to"], message: "to is before from" });
      if (
        c.factorEnd !== undefined &&
        c.period === undefined &&
        (c.from === undefined || c.to === undefined)
      )
        ctx.addIssue({
          code: "custom",
          path: ["factorEnd"],
          message: "A ramp (factorEnd) needs a bounded interval: period, or from and to",
        });
    }),
  z
    .strictObject({
      kind: z.literal("territory-taken"),
      /** The id of the new territory record; default derived from the scenario. */
      id: recordIdSchema.optional(),
      controller: entityIdSchema,
      country: countryCodeSchema.default("CD" as CountryCode),
      /** Default: the copied record's (`territory`); required otherwise. */
      province: z.string().min(1).optional(),
      /** Second-level divisions held whole, by name (kept for older files; `extent` says more). */
      territories: z.array(z.string()).default([]),
      assets: z.array(assetIdSchema).default([]),
      /** An existing territory record (one a group withdrew from, say) whose area is taken again. */
      territory: recordIdSchema.optional(),
      /**
       * The administrative units taken: a unit the territory records already name (`unit`, by
       * name or place code, copied with its boundary), or a new one described in full.
       */
      extent: z.array(z.union([unitRefSchema, adminUnitSchema])).default([]),
      ...common,
    })
    .superRefine((c, ctx) => {
      if (c.province === undefined && c.territory === undefined)
        ctx.addIssue({
          code: "custom",
          path: ["province"],
          message: "A territory taken names its province, or an existing territory record to copy",
        });
    }),
  z
    .strictObject({
      kind: z.literal("territory-returned"),
      /** A whole territory record, which ends the day before the change's date. */
      territory: recordIdSchema.optional(),
      /** Or: administrative units (by name or place code) no longer held from the date. */
      units: z.array(z.string().min(1)).default([]),
      /** And/or: sites no longer held from the date. */
      assets: z.array(assetIdSchema).default([]),
      /** Only this group's records (default every group holding the units or sites). */
      controller: entityIdSchema.optional(),
      ...common,
    })
    .superRefine((c, ctx) => {
      const named = c.units.length + c.assets.length > 0;
      if ((c.territory !== undefined) === named)
        ctx.addIssue({
          code: "custom",
          path: ["territory"],
          message: "A territory returned names either a territory record or units and assets",
        });
    }),
  z.strictObject({
    kind: z.literal("export-ban"),
    country: countryCodeSchema.default("CD" as CountryCode),
    commodity: commoditySchema,
    validTo: isoDateSchema.optional(),
    ...common,
  }),
  z.strictObject({
    kind: z.literal("export-quota"),
    country: countryCodeSchema.default("CD" as CountryCode),
    commodity: commoditySchema,
    capTonnes: z.number().nonnegative(),
    capPeriod: periodSchema,
    strategicTonnes: z.number().nonnegative().optional(),
    validTo: isoDateSchema.optional(),
    ...common,
  }),
  z
    .strictObject({
      kind: z.literal("quota-change"),
      /** The export-quota rule in the dataset that changes from the change's date. */
      rule: recordIdSchema,
      /** Multiplies the cap, its strategic reserve and its allocations. */
      factor: factor.optional(),
      /** Or: the new cap over the rule's capPeriod (allocations scale with it). */
      capTonnes: z.number().nonnegative().optional(),
      ...common,
    })
    .superRefine((c, ctx) => {
      if ((c.factor === undefined) === (c.capTonnes === undefined))
        ctx.addIssue({
          code: "custom",
          path: ["factor"],
          message: "A quota change gives either factor or capTonnes",
        });
    }),
  z
    .strictObject({ kind: z.literal("route-closed"), ...routeTarget, ...common })
    .superRefine((c, ctx) => {
      if (!oneRouteTarget(c))
        ctx.addIssue({
          code: "custom",
          path: ["leg"],
          message: "A route change names exactly one of leg, node or corridor",
        });
    }),
  z
    .strictObject({ kind: z.literal("route-opened"), ...routeTarget, ...common })
    .superRefine((c, ctx) => {
      if (!oneRouteTarget(c))
        ctx.addIssue({
          code: "custom",
          path: ["leg"],
          message: "A route change names exactly one of leg, node or corridor",
        });
    }),
  z.strictObject({
    kind: z.literal("price-shock"),
    commodity: commoditySchema,
    /** The latest price is multiplied by this, dated on the change's date. */
    factor,
    ...common,
  }),
  z.strictObject({
    kind: z.literal("demand-shock"),
    commodity: commoditySchema,
    /** Only this country's demand; default every country's. */
    country: countryCodeSchema.optional(),
    factor,
    ...common,
  }),
  z
    .strictObject({
      kind: z.literal("stockpile-budget"),
      stockpile: recordIdSchema,
      /** The new budget, or: */
      budgetUsd: z.number().nonnegative().optional(),
      /** a change to the current one (negative to cut). */
      changeUsd: z.number().optional(),
      ...common,
    })
    .superRefine((c, ctx) => {
      if ((c.budgetUsd === undefined) === (c.changeUsd === undefined))
        ctx.addIssue({
          code: "custom",
          path: ["budgetUsd"],
          message: "A stockpile budget change gives either budgetUsd or changeUsd",
        });
    }),
]);
export type ScenarioChange = z.output<typeof scenarioChangeSchema>;

export const scenarioSchema = z.strictObject({
  name: z.string().min(1),
  description: z.string().optional(),
  /** The date the scenario looks at; every change takes effect on it unless it gives its own. */
  baseDate: isoDateSchema,
  /** The production period to evaluate (default: the latest year with actual figures). */
  period: periodSchema.optional(),
  /**
   * Fill `period` with each producer's latest earlier actual annual figure where the dataset has
   * none for it (copied as an estimate and labelled), so a future year can be evaluated.
   */
  carryForward: z.boolean().default(false),
  /** Commodities to compare by default. */
  commodities: z.array(commoditySchema).optional(),
  /** Sources the scenario cites that the dataset does not have. */
  sources: z.array(sourceSchema).default([]),
  changes: z.array(scenarioChangeSchema).default([]),
});
export type Scenario = z.output<typeof scenarioSchema>;

/** A scenario with no changes: the world as the dataset records it on `baseDate`. */
export function emptyScenario(baseDate: string, name = "Today"): Scenario {
  return scenarioSchema.parse({ name, baseDate });
}
