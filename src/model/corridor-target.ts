/**
 * Corridor targets: sourced observations of which way a commodity's exports went (a share of a
 * scope's exports through some ports, or a tonnage), with a year and a range. The routes report
 * compares the base case with them (the calibration error per corridor); they are never inputs
 * to the routing itself. Methodology: docs/methodology-routes.md (calibration).
 */
import { z } from "zod";
import { commoditySchema } from "./commodity.js";
import { countryCodeSchema } from "./country.js";
import { assetIdSchema, recordIdSchema } from "./ids.js";
import { provenanceShape } from "./source.js";

export const corridorTargetSchema = z
  .strictObject({
    id: recordIdSchema,
    commodity: commoditySchema,
    year: z.number().int().min(1900).max(2100),
    /** Whose exports: a country's producing assets, or named assets. */
    scope: z.strictObject({
      country: countryCodeSchema.optional(),
      assets: z.array(assetIdSchema).min(1).optional(),
      /** Where the source's scope differs from the model's (e.g. DRC and Zambia). */
      note: z.string().optional(),
    }),
    /**
     * "fit": the routing fits a parameter to this target (labelled fitted in the report);
     * "check" (default): the report compares the base case with it.
     */
    use: z.enum(["fit", "check"]).default("check"),
    /** Route nodes (ports, border posts) the tonnes pass through; any one of them counts. */
    via: z.array(recordIdSchema).min(1),
    /** A share (0–1) of the scope's routed exports, with its range. */
    share: z.number().min(0).max(1).optional(),
    shareMin: z.number().min(0).max(1).optional(),
    shareMax: z.number().min(0).max(1).optional(),
    /** Or tonnes per year, with its range. */
    tonnes: z.number().nonnegative().optional(),
    tonnesMin: z.number().nonnegative().optional(),
    tonnesMax: z.number().nonnegative().optional(),
    ...provenanceShape,
  })
  .superRefine((t, ctx) => {
    const hasShare = t.share !== undefined || t.shareMin !== undefined || t.shareMax !== undefined;
    const hasTonnes =
      t.tonnes !== undefined || t.tonnesMin !== undefined || t.tonnesMax !== undefined;
    if (hasShare === hasTonnes)
      ctx.addIssue({
        code: "custom",
        path: ["share"],
        message: "Give either a share (share, shareMin, shareMax) or tonnes, not both or neither",
      });
    if (t.scope.country === undefined && t.scope.assets === undefined)
      ctx.addIssue({
        code: "custom",
        path: ["scope"],
        message: "Expected scope.country or scope.assets",
      });
    for (const [lo, mid, hi, name] of [
      [t.shareMin, t.share, t.shareMax, "share"],
      [t.tonnesMin, t.tonnes, t.tonnesMax, "tonnes"],
    ] as const) {
      if (lo !== undefined && hi !== undefined && lo > hi)
        ctx.addIssue({
          code: "custom",
          path: [`${name}Min`],
          message: `${name}Min is above ${name}Max`,
        });
      if (mid !== undefined && lo !== undefined && lo > mid)
        ctx.addIssue({
          code: "custom",
          path: [`${name}Min`],
          message: `${name}Min is above ${name}`,
        });
      if (mid !== undefined && hi !== undefined && hi < mid)
        ctx.addIssue({
          code: "custom",
          path: [`${name}Max`],
          message: `${name}Max is below ${name}`,
        });
    }
  });
export type CorridorTarget = z.output<typeof corridorTargetSchema>;
