/** Sources: every fact in Orebook names at least one, with a date and a confidence grade. */
import { z } from "zod";
import { asOfSchema, isoDateSchema } from "./dates.js";
import { sourceIdSchema } from "./ids.js";

/** An absolute http(s) URL that parses, without spaces (non-ASCII and brackets are encoded on export). */
export function isWebAddress(s: string): boolean {
  if (!/^https?:\/\/\S+$/.test(s)) return false;
  try {
    return new URL(s).hostname !== "";
  } catch {
    return false;
  }
}

/** The address as a URI (RFC 3986): non-ASCII characters, brackets and other unsafe characters percent-encoded. */
export function asUri(s: string): string {
  const u = new URL(s);
  const rest = u.href.slice(u.origin.length);
  return `${u.origin}${rest.replace(/[[\]{}|^`<>"\\ ]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0")}`)}`;
}

const WEB_ADDRESS = "expected an absolute http(s) address such as https://example.org/report.pdf";

export const SOURCE_KINDS = ["primary", "secondary", "reference", "derived", "analyst"] as const;
export const CONFIDENCE = ["high", "medium", "low"] as const;

export const sourceSchema = z.strictObject({
  id: sourceIdSchema,
  title: z.string().min(1),
  /** Where to read it: an absolute http(s) URL (BODS and the exports carry it as a URI). */
  url: z
    .string()
    .regex(/^https?:\/\/\S+$/, { message: WEB_ADDRESS, abort: true })
    .refine(isWebAddress, { message: WEB_ADDRESS })
    .optional(),
  publisher: z.string().optional(),
  /** When the source was published (or the period it reports, when no publication date is known). */
  published: asOfSchema.optional(),
  accessed: isoDateSchema.optional(),
  /** primary: the issuer's own release or official statistics; secondary: press; derived: arithmetic on other sources. */
  kind: z.enum(SOURCE_KINDS),
  confidence: z.enum(CONFIDENCE),
  note: z.string().optional(),
  /**
   * A confidential source: never shown to viewers, and neither is any record citing it (API
   * access control, as for the facts' own `restricted`).
   */
  restricted: z.boolean().optional(),
});
export type Source = z.output<typeof sourceSchema>;

/** What every fact carries: its sources, the date it refers to, and a free note. */
export const provenanceShape = {
  sources: z.array(sourceIdSchema).min(1, "Every fact names at least one source"),
  asOf: asOfSchema,
  note: z.string().optional(),
  /** Restricted records are never shown to viewers (API access control). */
  restricted: z.boolean().optional(),
};
