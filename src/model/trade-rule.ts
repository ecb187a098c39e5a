/** Trade rules: export bans and quotas, royalties and sanctions, dated. */
import { z } from "zod";
import { commoditySchema } from "./commodity.js";
import { countryCodeSchema } from "./country.js";
import { isoDateSchema, periodSchema } from "./dates.js";
import { nodeIdSchema, recordIdSchema, sourceIdSchema } from "./ids.js";
import { provenanceShape } from "./source.js";

export const TRADE_RULE_KINDS = ["export-ban", "export-quota", "royalty", "sanction"] as const;

export const quotaAllocationSchema = z.strictObject({
  /** The asset or company the quota is granted to. */
  holder: nodeIdSchema,
  tonnes: z.number().nonnegative(),
  period: periodSchema.optional(),
  sources: z.array(sourceIdSchema).optional(),
  note: z.string().optional(),
});

export const tradeRuleSchema = z
  .strictObject({
    id: recordIdSchema,
    kind: z.enum(TRADE_RULE_KINDS),
    /** The exporting country the rule is made by. */
    country: countryCodeSchema,
    commodity: commoditySchema,
    validFrom: isoDateSchema,
    validTo: isoDateSchema.optional(),
    /** For a quota: the country-wide cap over `capPeriod`. */
    capTonnes: z.number().nonnegative().optional(),
    capPeriod: periodSchema.optional(),
    /** Part of the cap reserved for the state's strategic allocation. */
    strategicTonnes: z.number().nonnegative().optional(),
    allocationMethod: z.enum(["published-list", "pro-rata-past-exports"]).optional(),
    allocations: z.array(quotaAllocationSchema).optional(),
    /** For a royalty: the rate as a fraction of value. */
    rate: z.number().min(0).max(1).optional(),
    /** For a sanction: the country targeted. */
    target: countryCodeSchema.optional(),
    alternatives: z
      .array(
        z.strictObject({
          capTonnes: z.number().nonnegative(),
          sources: z.array(sourceIdSchema).min(1),
          note: z.string().optional(),
        }),
      )
      .optional(),
    ...provenanceShape,
  })
  .superRefine((r, ctx) => {
    if (r.kind === "export-quota" && r.capTonnes === undefined)
      ctx.addIssue({
        code: "custom",
        path: ["capTonnes"],
        message: "An export quota needs capTonnes",
      });
    if (r.kind === "royalty" && r.rate === undefined)
      ctx.addIssue({ code: "custom", path: ["rate"], message: "A royalty needs rate" });
    if (r.validTo && r.validTo < r.validFrom)
      ctx.addIssue({ code: "custom", path: ["validTo"], message: "validTo is before validFrom" });
  });
export type TradeRule = z.output<typeof tradeRuleSchema>;
