/** Prices: commodity, date, USD per tonne of contained metal (converted from the quoted unit). */
import { z } from "zod";
import { commoditySchema } from "./commodity.js";
import { asOfSchema } from "./dates.js";
import { recordIdSchema } from "./ids.js";
import { provenanceShape } from "./source.js";

export const priceSchema = z.strictObject({
  id: recordIdSchema,
  commodity: commoditySchema,
  date: asOfSchema,
  usdPerTonne: z.number().positive(),
  /** The price as quoted (e.g. "$19/lb", "$2,100/kg") and what it is for (LME cash, Comex, China). */
  quoted: z.string(),
  market: z.string().optional(),
  ...provenanceShape,
});
export type Price = z.output<typeof priceSchema>;
