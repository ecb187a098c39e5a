/** Demand: apparent consumption and net import reliance per country, commodity and year. */
import { z } from "zod";
import { commoditySchema } from "./commodity.js";
import { countryCodeSchema } from "./country.js";
import { recordIdSchema } from "./ids.js";
import { provenanceShape } from "./source.js";

export const demandSchema = z.strictObject({
  id: recordIdSchema,
  country: countryCodeSchema,
  commodity: commoditySchema,
  year: z.number().int().min(1900).max(2100),
  apparentConsumptionTonnes: z.number().nonnegative().nullable(),
  /** Net import reliance as a fraction of apparent consumption (USGS), e.g. 0.76. */
  netImportReliance: z.number().min(0).max(1).nullable(),
  /** When the source gives only a bound (">50%"), the bound. */
  netImportRelianceMin: z.number().min(0).max(1).optional(),
  netImportsTonnes: z.number().nonnegative().nullable(),
  ...provenanceShape,
});
export type Demand = z.output<typeof demandSchema>;
