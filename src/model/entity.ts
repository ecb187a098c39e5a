/** Entities: the states, companies, funds, people and armed groups that own or control. */
import { z } from "zod";
import { countryCodeSchema } from "./country.js";
import { entityIdSchema } from "./ids.js";
import { provenanceShape } from "./source.js";

export const ENTITY_KINDS = [
  "state",
  "state-enterprise",
  "company",
  "fund",
  "consortium",
  "person",
  "armed-group",
  "public-float",
  "unknown",
] as const;
export type EntityKind = (typeof ENTITY_KINDS)[number];

export const entitySchema = z.strictObject({
  id: entityIdSchema,
  name: z.string().min(1),
  kind: z.enum(ENTITY_KINDS),
  /** Country of incorporation or nationality; null when the sources do not give it. */
  country: countryCodeSchema.nullable(),
  /** Country the entity is run from, where it differs from `country` (Glencore plc: JE, run from CH). */
  headquarters: countryCodeSchema.optional(),
  /** Why `country` is null: what the sources say and do not say. */
  countryReason: z.string().optional(),
  aliases: z.array(z.string()).optional(),
  /** Stock exchange listings, e.g. "TSX: IVN". */
  listing: z.string().optional(),
  ...provenanceShape,
});
export type Entity = z.output<typeof entitySchema>;
