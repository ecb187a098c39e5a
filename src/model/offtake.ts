/** Offtakes: who receives an asset's output, on what term, in what priority. */
import { z } from "zod";
import { commoditySchema } from "./commodity.js";
import { countryCodeSchema } from "./country.js";
import { isoDateSchema } from "./dates.js";
import { entityIdSchema, nodeIdSchema, recordIdSchema } from "./ids.js";
import { provenanceShape } from "./source.js";

export const offtakeTermSchema = z.discriminatedUnion("kind", [
  /** The buyer takes the look-through share `holder` has in the seller (the holder defaults to the buyer). */
  z.strictObject({ kind: z.literal("equity-proportional"), holder: entityIdSchema.optional() }),
  z.strictObject({ kind: z.literal("fixed"), tonnes: z.number().positive() }),
  z.strictObject({ kind: z.literal("share-of-production"), share: z.number().gt(0).lte(1) }),
  z.strictObject({ kind: z.literal("share-of-unallocated"), share: z.number().gt(0).lte(1) }),
  /** Exclusive rights for buyers of one country: everything still unallocated goes to them. */
  z.strictObject({ kind: z.literal("exclusive-country"), country: countryCodeSchema }),
]);
export type OfftakeTerm = z.output<typeof offtakeTermSchema>;

export const OFFTAKE_STATUSES = ["active", "option", "proposed", "expired"] as const;

export const offtakeSchema = z.strictObject({
  id: recordIdSchema,
  seller: nodeIdSchema,
  buyer: entityIdSchema,
  commodity: commoditySchema,
  term: offtakeTermSchema,
  /** Lower numbers are served first. */
  priority: z.number().int().nonnegative(),
  status: z.enum(OFFTAKE_STATUSES),
  /** Where the buyer takes delivery (a route node id), when known. */
  destination: z.string().optional(),
  validFrom: isoDateSchema.optional(),
  validTo: isoDateSchema.optional(),
  ...provenanceShape,
});
export type Offtake = z.output<typeof offtakeSchema>;
