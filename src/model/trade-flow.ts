/**
 * Trade flows: a country's recorded (or estimated) exports or imports of a commodity with one
 * partner in a year, from customs statistics (UN Comtrade, China Customs, Eurostat, US Census) or
 * from studies of informal trade. Gross weight and contained metal are kept apart: customs report
 * the weight of the product (cobalt hydroxide, copper cathode, coltan ore), and the metal content
 * is known only where a source or a sourced conversion gives it.
 */
import { z } from "zod";
import { commoditySchema } from "./commodity.js";
import { countryCodeSchema } from "./country.js";
import { recordIdSchema, sourceIdSchema } from "./ids.js";
import { provenanceShape } from "./source.js";

export const TRADE_FLOW_BASES = ["reported", "mirror", "estimate"] as const;

export const tradeFlowSchema = z
  .strictObject({
    id: recordIdSchema,
    /** The country whose statistics (or whose trade, for estimates) the figure describes. */
    reporter: countryCodeSchema,
    /** The partner country, or null for the reporter's total with the world. */
    partner: countryCodeSchema.nullable(),
    direction: z.enum(["export", "import"]),
    commodity: commoditySchema,
    /** The product as traded: "cobalt hydroxide", "copper cathode", "coltan ore". */
    form: z.string().min(1),
    /** Harmonized System code where the source gives one (e.g. "282200", "740311"). */
    hsCode: z
      .string()
      .regex(/^[0-9]{2,10}$/, "Expected an HS code of 2 to 10 digits")
      .optional(),
    year: z.number().int().min(1900).max(2100),
    /** Gross weight of the product, where given. */
    grossTonnes: z.number().nonnegative().nullable().optional(),
    /** Contained metal, where a source or a sourced conversion gives it. */
    tonnes: z.number().nonnegative().nullable(),
    tonnesMin: z.number().nonnegative().optional(),
    tonnesMax: z.number().nonnegative().optional(),
    valueUsd: z.number().nonnegative().nullable().optional(),
    /** reported: the reporter's own statistics; mirror: the partner's; estimate: a study's. */
    basis: z.enum(TRADE_FLOW_BASES),
    /** True for informal or illicit trade outside customs (estimates of smuggling). */
    informal: z.boolean().optional(),
    alternatives: z
      .array(
        z.strictObject({
          tonnes: z.number().nonnegative().nullable(),
          grossTonnes: z.number().nonnegative().nullable().optional(),
          sources: z.array(sourceIdSchema).min(1),
          note: z.string().optional(),
        }),
      )
      .optional(),
    ...provenanceShape,
  })
  .superRefine((t, ctx) => {
    if (t.partner !== null && t.partner === t.reporter)
      ctx.addIssue({
        code: "custom",
        path: ["partner"],
        message: "The partner is the reporter itself",
      });
    if (t.tonnes !== null) {
      if (t.tonnesMin !== undefined && t.tonnesMin > t.tonnes)
        ctx.addIssue({ code: "custom", path: ["tonnesMin"], message: "tonnesMin is above tonnes" });
      if (t.tonnesMax !== undefined && t.tonnesMax < t.tonnes)
        ctx.addIssue({ code: "custom", path: ["tonnesMax"], message: "tonnesMax is below tonnes" });
    }
  });
export type TradeFlow = z.output<typeof tradeFlowSchema>;
