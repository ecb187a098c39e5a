/**
 * Production: tonnes of contained metal from an asset in a period. `tonnes: null` records
 * that the figure is unknown. A figure reported for several assets jointly (CMOC's TFM + KFM)
 * names them in `split` with weights and the basis of those weights.
 */
import { z } from "zod";
import { commoditySchema } from "./commodity.js";
import { periodSchema } from "./dates.js";
import { assetIdSchema, recordIdSchema, sourceIdSchema } from "./ids.js";
import { provenanceShape } from "./source.js";

export const PRODUCTION_BASES = ["actual", "estimate", "guidance", "capacity"] as const;
export type ProductionBasis = (typeof PRODUCTION_BASES)[number];

export const productionSchema = z
  .strictObject({
    id: recordIdSchema,
    asset: assetIdSchema.optional(),
    split: z
      .array(z.strictObject({ asset: assetIdSchema, weight: z.number().positive() }))
      .min(2)
      .optional(),
    splitBasis: z.string().optional(),
    commodity: commoditySchema,
    period: periodSchema,
    tonnes: z.number().nonnegative().nullable(),
    tonnesMin: z.number().nonnegative().optional(),
    tonnesMax: z.number().nonnegative().optional(),
    basis: z.enum(PRODUCTION_BASES),
    /** What was measured: "zinc in concentrate", "copper cathode", "cobalt in hydroxide". */
    form: z.string().optional(),
    alternatives: z
      .array(
        z.strictObject({
          tonnes: z.number().nonnegative(),
          sources: z.array(sourceIdSchema).min(1),
          note: z.string().optional(),
        }),
      )
      .optional(),
    ...provenanceShape,
  })
  .superRefine((p, ctx) => {
    if ((p.asset === undefined) === (p.split === undefined)) {
      ctx.addIssue({
        code: "custom",
        path: ["asset"],
        message:
          "Give either asset (one producer) or split (a figure reported jointly), not both or neither",
      });
    }
    if (p.split && !p.splitBasis) {
      ctx.addIssue({
        code: "custom",
        path: ["splitBasis"],
        message: "A split needs splitBasis: what the weights are",
      });
    }
    if (p.tonnes !== null) {
      if (p.tonnesMin !== undefined && p.tonnesMin > p.tonnes)
        ctx.addIssue({ code: "custom", path: ["tonnesMin"], message: "tonnesMin is above tonnes" });
      if (p.tonnesMax !== undefined && p.tonnesMax < p.tonnes)
        ctx.addIssue({ code: "custom", path: ["tonnesMax"], message: "tonnesMax is below tonnes" });
    }
  });
export type Production = z.output<typeof productionSchema>;
