/**
 * Territorial control: an armed group holding an area. Assets inside it are under the group's
 * de facto control, whatever their legal owners, for the dates given.
 *
 * An area is described three ways, from the coarsest to the finest, and a record may carry any
 * of them: `territories` (second-level divisions held whole, which the engine reads today),
 * `assets` (sites the sources name as inside the area), and `extent` (the administrative units
 * the sources name, each with its level, how much of it is held, and optionally its boundary as
 * a GeoJSON polygon with the source of that boundary).
 */
import { z } from "zod";
import { countryCodeSchema } from "./country.js";
import { isoDateSchema } from "./dates.js";
import { assetIdSchema, entityIdSchema, recordIdSchema, sourceIdSchema } from "./ids.js";
import { provenanceShape } from "./source.js";

/** DRC administrative levels, from the province down to a named place. */
export const ADMIN_LEVELS = [
  "province",
  /** Second level: a rural territoire. */
  "territoire",
  /** Second level: a city (ville) such as Goma or Bukavu. */
  "ville",
  /** Third level: a chefferie (chiefdom) or secteur inside a territoire. */
  "chefferie",
  "secteur",
  /** Fourth level: a groupement inside a chefferie or secteur. */
  "groupement",
  /** A town, cité or locality named by the sources (Rubaya, Kamanyola), without a boundary. */
  "locality",
] as const;
export type AdminLevel = (typeof ADMIN_LEVELS)[number];

/** How much of a unit the sources say the group holds. */
export const HELD_EXTENTS = ["whole", "partial", "town"] as const;

const positionSchema = z
  .tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)])
  .describe("[longitude, latitude] in degrees (WGS 84)");

const ringSchema = z
  .array(positionSchema)
  .min(4, "A linear ring needs at least 4 positions")
  .superRefine((ring, ctx) => {
    const first = ring[0];
    const last = ring[ring.length - 1];
    if (first && last && (first[0] !== last[0] || first[1] !== last[1]))
      ctx.addIssue({
        code: "custom",
        message: "A linear ring must end where it starts (first and last positions equal)",
      });
  });

/** A GeoJSON Polygon or MultiPolygon (RFC 7946), longitude first. */
export const geometrySchema = z.discriminatedUnion("type", [
  z.strictObject({
    type: z.literal("Polygon"),
    coordinates: z.array(ringSchema).min(1),
  }),
  z.strictObject({
    type: z.literal("MultiPolygon"),
    coordinates: z.array(z.array(ringSchema).min(1)).min(1),
  }),
]);
export type Geometry = z.output<typeof geometrySchema>;

/** A boundary with the source it was drawn from (and how it was simplified). */
export const boundarySchema = z.strictObject({
  geometry: geometrySchema,
  sources: z.array(sourceIdSchema).min(1, "A boundary names the source it was drawn from"),
  note: z.string().optional(),
});
export type Boundary = z.output<typeof boundarySchema>;

/** One administrative unit of a held area. */
export const adminUnitSchema = z.strictObject({
  name: z.string().min(1),
  level: z.enum(ADMIN_LEVELS),
  /** The unit it lies in: the territoire of a chefferie or locality, the province of a territoire. */
  within: z.string().optional(),
  /** The OCHA/RGC place code of the unit, where it has one (CD6103 = Masisi). */
  pcode: z
    .string()
    .regex(/^[A-Z]{2}[0-9]{2,10}$/, "Expected a place code such as CD6103")
    .optional(),
  /** whole: the sources say the unit is held; partial: part of it; town: its main town or cité. */
  held: z.enum(HELD_EXTENTS),
  /** A point for a locality without a boundary. */
  location: z
    .strictObject({ lat: z.number().min(-90).max(90), lon: z.number().min(-180).max(180) })
    .optional(),
  boundary: boundarySchema.optional(),
  note: z.string().optional(),
});
export type AdminUnit = z.output<typeof adminUnitSchema>;

export const territoryControlSchema = z.strictObject({
  id: recordIdSchema,
  controller: entityIdSchema,
  country: countryCodeSchema,
  province: z.string(),
  /** Second-level divisions held, if the whole of each is held. */
  territories: z.array(z.string()).default([]),
  /** Assets named by the sources as inside the held area. */
  assets: z.array(assetIdSchema).default([]),
  /** The administrative units the sources name, with how much of each is held. */
  extent: z.array(adminUnitSchema).optional(),
  /** A drawn outline of the held area itself, where a source publishes one. */
  boundary: boundarySchema.optional(),
  validFrom: isoDateSchema,
  validTo: isoDateSchema.optional(),
  ...provenanceShape,
});
export type TerritoryControl = z.output<typeof territoryControlSchema>;
