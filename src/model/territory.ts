/**
 * Territorial control: an armed group holding an area. Assets inside it are under the group's
 * de facto control, whatever their legal owners, for the dates given.
 */
import { z } from "zod";
import { countryCodeSchema } from "./country.js";
import { isoDateSchema } from "./dates.js";
import { assetIdSchema, entityIdSchema, recordIdSchema } from "./ids.js";
import { provenanceShape } from "./source.js";

export const territoryControlSchema = z.strictObject({
  id: recordIdSchema,
  controller: entityIdSchema,
  country: countryCodeSchema,
  province: z.string(),
  /** Second-level divisions held, if the whole of each is held. */
  territories: z.array(z.string()).default([]),
  /** Assets named by the sources as inside the held area. */
  assets: z.array(assetIdSchema).default([]),
  validFrom: isoDateSchema,
  validTo: isoDateSchema.optional(),
  ...provenanceShape,
});
export type TerritoryControl = z.output<typeof territoryControlSchema>;
