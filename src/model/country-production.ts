/** National and world production statistics (USGS, BGS, ministries): context and coverage checks. */
import { z } from "zod";
import { commoditySchema } from "./commodity.js";
import { countryCodeSchema } from "./country.js";
import { recordIdSchema, sourceIdSchema } from "./ids.js";
import { provenanceShape } from "./source.js";

export const countryProductionSchema = z.strictObject({
  id: recordIdSchema,
  /** A country, or null for the world total. */
  country: countryCodeSchema.nullable(),
  commodity: commoditySchema,
  year: z.number().int(),
  tonnes: z.number().nonnegative(),
  stage: z.enum(["mine", "refinery", "refinery-capacity", "exports"]),
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
});
export type CountryProduction = z.output<typeof countryProductionSchema>;
