/**
 * Transport rates: sourced per-unit figures the router uses where a leg has no cost of its own
 * (a freight rate per tonne-km by mode, an effective speed, the value of a tonne's time in
 * transit). A leg's own sourced cost always wins; a cost built from these is labelled an
 * estimate with its inputs. Methodology: docs/methodology-routes.md (generalised cost).
 */
import { z } from "zod";
import { commoditySchema } from "./commodity.js";
import { recordIdSchema } from "./ids.js";
import { ROUTE_MODES } from "./route.js";
import { provenanceShape } from "./source.js";

export const TRANSPORT_MEASURES = ["usd-per-tonne-km", "km-per-day", "usd-per-tonne-day"] as const;
export type TransportMeasure = (typeof TRANSPORT_MEASURES)[number];

export const transportRateSchema = z
  .strictObject({
    id: recordIdSchema,
    measure: z.enum(TRANSPORT_MEASURES),
    /** The mode a freight rate or speed is for; none for the value of time. */
    mode: z.enum(ROUTE_MODES).optional(),
    /** The commodity a value of time is for; none when it holds for all. */
    commodity: commoditySchema.optional(),
    /** Where the figure was measured ("Zambian Copperbelt to Walvis Bay", "Southern Africa"). */
    region: z.string().min(1),
    year: z.number().int().min(1900).max(2100),
    value: z.number().positive(),
    valueMin: z.number().positive().optional(),
    valueMax: z.number().positive().optional(),
    ...provenanceShape,
  })
  .superRefine((r, ctx) => {
    if (r.measure !== "usd-per-tonne-day" && r.mode === undefined)
      ctx.addIssue({ code: "custom", path: ["mode"], message: `A ${r.measure} rate needs a mode` });
    if (r.valueMin !== undefined && r.valueMin > r.value)
      ctx.addIssue({ code: "custom", path: ["valueMin"], message: "valueMin is above value" });
    if (r.valueMax !== undefined && r.valueMax < r.value)
      ctx.addIssue({ code: "custom", path: ["valueMax"], message: "valueMax is below value" });
  });
export type TransportRate = z.output<typeof transportRateSchema>;
