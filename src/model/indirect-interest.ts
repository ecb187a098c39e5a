/**
 * Declared indirect interests: an owner's share of an entity or asset held through others, as a
 * register declares it (BODS: a relationship with `directOrIndirect: indirect` and its
 * `componentRecords`), e.g. "Person 1 holds 30 % of Company A through Company B".
 *
 * The holding itself is counted through stakes, once: the component stakes when every share is
 * given (`placement: "components"`); a component share the declaration fixes, derived and
 * marked as such (`"derived"`: 30 % = 60 % × x gives x = 50 %, a stake with `derivedFrom`); a
 * stake over the links whose shares are not given (`"spanned"`, also with `derivedFrom`); or not
 * at all when no placement can avoid counting it twice (`"unplaced"`). The declaration is kept
 * as declared, for explanations and to be written back on export.
 */
import { z } from "zod";
import { isoDateSchema } from "./dates.js";
import { entityIdSchema, nodeIdSchema, recordIdSchema } from "./ids.js";
import { provenanceShape } from "./source.js";

export const INDIRECT_PLACEMENTS = ["components", "derived", "spanned", "unplaced"] as const;
export type IndirectPlacement = (typeof INDIRECT_PLACEMENTS)[number];

/** One link of the declared chain: `owner` holds a share of `owned`. */
export const indirectLinkSchema = z.strictObject({
  /** The component relationship's record id (a stake of that id holds its share, if known). */
  id: recordIdSchema,
  owner: entityIdSchema,
  owned: nodeIdSchema,
});

export const indirectInterestSchema = z
  .strictObject({
    id: recordIdSchema,
    owner: entityIdSchema,
    owned: nodeIdSchema,
    /** The declared share (a fraction), with its range where one was declared. */
    share: z.number().gt(0, "A share must be > 0").lte(1, "A share must be ≤ 1"),
    shareMin: z.number().min(0).max(1).optional(),
    shareMax: z.number().min(0).max(1).optional(),
    /** The component relationships, from the owner down to `owned`. */
    components: z.array(indirectLinkSchema).min(1),
    placement: z.enum(INDIRECT_PLACEMENTS),
    /** The stakes derived from this declaration. */
    derived: z.array(recordIdSchema).optional(),
    validFrom: isoDateSchema.optional(),
    validTo: isoDateSchema.optional(),
    ...provenanceShape,
  })
  .superRefine((d, ctx) => {
    if (d.validFrom && d.validTo && d.validTo < d.validFrom)
      ctx.addIssue({ code: "custom", path: ["validTo"], message: "validTo is before validFrom" });
    if (d.owner === (d.owned as string))
      ctx.addIssue({ code: "custom", path: ["owned"], message: "An owner cannot hold itself" });
  });
export type IndirectInterest = z.output<typeof indirectInterestSchema>;
