/** The route network: nodes (mines, borders, hubs, ports, markets, stockpiles) and legs between them. */
import { z } from "zod";
import { locationSchema } from "./asset.js";
import { countryCodeSchema } from "./country.js";
import { isoDateSchema } from "./dates.js";
import { assetIdSchema, recordIdSchema } from "./ids.js";
import { provenanceShape } from "./source.js";

export const ROUTE_NODE_KINDS = ["mine", "border", "hub", "port", "market", "stockpile"] as const;
export const ROUTE_MODES = ["road", "rail", "sea", "river", "multimodal"] as const;

export const routeNodeSchema = z.strictObject({
  id: recordIdSchema,
  name: z.string().min(1),
  kind: z.enum(ROUTE_NODE_KINDS),
  country: countryCodeSchema,
  location: locationSchema.nullable(),
  /** The asset this node stands for, when it is one. */
  asset: assetIdSchema.optional(),
  status: z.enum(["operating", "planned", "closed"]).default("operating"),
  ...provenanceShape,
});
export type RouteNode = z.output<typeof routeNodeSchema>;

export const routeLegSchema = z.strictObject({
  id: recordIdSchema,
  from: recordIdSchema,
  to: recordIdSchema,
  mode: z.enum(ROUTE_MODES),
  /** The named corridor the leg belongs to (Lobito, Dar es Salaam, …). */
  corridor: z.string().optional(),
  distanceKm: z.number().positive().nullable(),
  /** Unknown capacities, costs and transit times are null, never guessed. */
  capacityTonnesPerYear: z.number().positive().nullable(),
  costUsdPerTonne: z.number().nonnegative().nullable(),
  transitDays: z.number().nonnegative().nullable(),
  status: z.enum(["operating", "planned", "closed"]),
  validFrom: isoDateSchema.optional(),
  validTo: isoDateSchema.optional(),
  ...provenanceShape,
});
export type RouteLeg = z.output<typeof routeLegSchema>;
