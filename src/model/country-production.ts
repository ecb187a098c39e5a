/** National and world production statistics (USGS, BGS, ministries): context and coverage checks. */
import { z } from "zod";
import { commoditySchema } from "./commodity.js";
import { countryCodeSchema } from "./country.js";
import { recordIdSchema, sourceIdSchema } from "./ids.js";
import { provenanceShape } from "./source.js";

/**
 * How a total that is not a reported figure of its stage and year was made: official exports
 * standing in for mine output, an earlier year's figure carried forward (its age is
 * `year − fromYear`), or a figure derived from sourced inputs (a grade, a sum). Reports show
 * the label beside the total.
 */
export const NATIONAL_ESTIMATE_METHODS = ["exports-proxy", "carried-forward", "derived"] as const;
export type NationalEstimateMethod = (typeof NATIONAL_ESTIMATE_METHODS)[number];

export const countryProductionSchema = z
  .strictObject({
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
    /** Set when the total is an estimate rather than a reported figure of its stage and year. */
    estimate: z
      .strictObject({
        method: z.enum(NATIONAL_ESTIMATE_METHODS),
        /** The year whose figure is carried forward (carried-forward only). */
        fromYear: z.number().int().optional(),
        /** One line a report shows beside the total: what the figure is and what it stands for. */
        label: z.string().min(1),
      })
      .optional(),
    ...provenanceShape,
  })
  .superRefine((p, ctx) => {
    const e = p.estimate;
    if (e === undefined) return;
    if (e.method === "carried-forward" && e.fromYear === undefined)
      ctx.addIssue({
        code: "custom",
        path: ["estimate", "fromYear"],
        message: "A carried-forward total needs fromYear: the year whose figure it is",
      });
    if (e.method !== "carried-forward" && e.fromYear !== undefined)
      ctx.addIssue({
        code: "custom",
        path: ["estimate", "fromYear"],
        message: "fromYear is only for a carried-forward total",
      });
    if (e.fromYear !== undefined && e.fromYear >= p.year)
      ctx.addIssue({
        code: "custom",
        path: ["estimate", "fromYear"],
        message: `fromYear must be before the record's year (${p.year})`,
      });
  });
export type CountryProduction = z.output<typeof countryProductionSchema>;
