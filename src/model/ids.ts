/**
 * Branded identifiers: an `EntityId` cannot be passed where an `AssetId` is expected.
 *
 * Ids are slugs (`gecamines`, `kamoto-copper-company`) in the reference dataset; imported
 * registers may use their own forms (`E000123`, BODS record ids), so the pattern is permissive.
 */
import { z } from "zod";

declare const brand: unique symbol;
/** A value of `T` that the type checker keeps apart from other values of `T`. */
export type Brand<T, B extends string> = T & { readonly [brand]: B };

export type EntityId = Brand<string, "EntityId">;
export type AssetId = Brand<string, "AssetId">;
/** Anything that can be owned or can own: an entity or an asset. */
export type NodeId = EntityId | AssetId;
export type SourceId = Brand<string, "SourceId">;
export type RecordId = Brand<string, "RecordId">;

/** The pattern every id follows: letters, digits and `._:-`, starting with a letter or digit. */
export const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:-]*$/;

const idString = z
  .string()
  .regex(ID_PATTERN, "Expected an id of letters, digits and . _ : - (e.g. kamoto-copper-company)");

export const entityIdSchema = idString.transform((s) => s as EntityId);
export const assetIdSchema = idString.transform((s) => s as AssetId);
export const nodeIdSchema = idString.transform((s) => s as NodeId);
export const sourceIdSchema = idString.transform((s) => s as SourceId);
export const recordIdSchema = idString.transform((s) => s as RecordId);

/** Brands a string as an entity id after checking its form. */
export function entityIdFrom(s: string): EntityId {
  return entityIdSchema.parse(s);
}
/** Brands a string as an asset id after checking its form. */
export function assetIdFrom(s: string): AssetId {
  return assetIdSchema.parse(s);
}
