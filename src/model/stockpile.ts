/** Stockpiles: holder, budget, holdings, targets, and their dated movements. */
import { z } from "zod";
import { commoditySchema } from "./commodity.js";
import { countryCodeSchema } from "./country.js";
import { isoDateSchema } from "./dates.js";
import { entityIdSchema, recordIdSchema } from "./ids.js";
import { provenanceShape } from "./source.js";

export const stockpileSchema = z.strictObject({
  id: recordIdSchema,
  name: z.string().min(1),
  holder: entityIdSchema,
  country: countryCodeSchema,
  status: z.enum(["operating", "launched", "proposed"]),
  budgetUsd: z.number().nonnegative().nullable(),
  committedUsd: z.number().nonnegative().nullable().optional(),
  /** The minerals the stockpile may buy; an empty list with a note means "any on the critical list". */
  commodities: z.array(commoditySchema),
  /** Target cover in months of net imports, when stated. */
  targetMonths: z.number().positive().nullable().optional(),
  holdings: z.array(
    z.strictObject({
      commodity: commoditySchema,
      tonnes: z.number().nonnegative().nullable(),
      bookValueUsd: z.number().nonnegative().nullable(),
    }),
  ),
  targets: z.array(
    z.strictObject({
      commodity: commoditySchema,
      tonnes: z.number().positive().optional(),
      months: z.number().positive().optional(),
    }),
  ),
  ...provenanceShape,
});
export type Stockpile = z.output<typeof stockpileSchema>;

export const stockpileMovementSchema = z.strictObject({
  id: recordIdSchema,
  stockpile: recordIdSchema,
  commodity: commoditySchema,
  date: isoDateSchema,
  kind: z.enum(["acquisition", "release", "commitment"]),
  tonnes: z.number().nonnegative().nullable(),
  valueUsd: z.number().nonnegative().nullable(),
  counterparty: entityIdSchema.optional(),
  ...provenanceShape,
});
export type StockpileMovement = z.output<typeof stockpileMovementSchema>;
