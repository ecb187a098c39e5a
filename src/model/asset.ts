/** Assets: mines, tailings projects, refineries, smelters, ports and stockpile sites. */
import { z } from "zod";
import { commoditySchema } from "./commodity.js";
import { countryCodeSchema } from "./country.js";
import { assetIdSchema, entityIdSchema } from "./ids.js";
import { provenanceShape } from "./source.js";

export const ASSET_KINDS = [
  "mine",
  "tailings",
  "refinery",
  "smelter",
  "port",
  "stockpile",
] as const;
export const ASSET_STATUSES = [
  "operating",
  "development",
  "care-and-maintenance",
  "suspended",
  "planned",
  "held-by-armed-group",
  "disputed",
  "closed",
] as const;

export const locationSchema = z.strictObject({
  lat: z.number().min(-90).max(90),
  lon: z.number().min(-180).max(180),
  /** What the point is (mine, town), and where it differs between sources. */
  precision: z.enum(["exact", "approximate", "town"]).optional(),
  sources: z.array(z.string()).optional(),
  note: z.string().optional(),
});

export const assetSchema = z.strictObject({
  id: assetIdSchema,
  name: z.string().min(1),
  kind: z.enum(ASSET_KINDS),
  country: countryCodeSchema,
  /** First-level administrative division (DRC province). */
  province: z.string().nullable(),
  /** Second-level division (DRC territoire), used for territorial control. */
  territory: z.string().nullable().optional(),
  location: locationSchema.nullable(),
  status: z.enum(ASSET_STATUSES),
  commodities: z.array(commoditySchema).min(1),
  operator: entityIdSchema.optional(),
  aliases: z.array(z.string()).optional(),
  ...provenanceShape,
});
export type Asset = z.output<typeof assetSchema>;
export type Location = z.output<typeof locationSchema>;
