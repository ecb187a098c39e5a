/**
 * Stakes: owner → owned with a share in (0, 1]. Where sources disagree the preferred share is
 * kept with `shareMin`/`shareMax` and each alternative with its own sources.
 */
import { z } from "zod";
import { isoDateSchema } from "./dates.js";
import { entityIdSchema, nodeIdSchema, recordIdSchema, sourceIdSchema } from "./ids.js";
import { provenanceShape } from "./source.js";

export const STAKE_KINDS = ["equity", "free-carried"] as const;

const fraction = z
  .number()
  .gt(0, "A share must be > 0")
  .lte(1, "A share must be ≤ 1 (a fraction, not a percentage)");

export const alternativeShareSchema = z.strictObject({
  share: z.number().min(0).max(1),
  sources: z.array(sourceIdSchema).min(1),
  note: z.string().optional(),
});

export const stakeSchema = z
  .strictObject({
    id: recordIdSchema,
    owner: entityIdSchema,
    owned: nodeIdSchema,
    share: fraction,
    shareMin: z.number().min(0).max(1).optional(),
    shareMax: z.number().min(0).max(1).optional(),
    kind: z.enum(STAKE_KINDS).default("equity"),
    validFrom: isoDateSchema.optional(),
    validTo: isoDateSchema.optional(),
    alternatives: z.array(alternativeShareSchema).optional(),
    /** A share derived from a declared indirect interest (its id), not declared itself. */
    derivedFrom: recordIdSchema.optional(),
    ...provenanceShape,
  })
  .superRefine((s, ctx) => {
    const lo = s.shareMin ?? s.share;
    const hi = s.shareMax ?? s.share;
    if (lo > s.share || hi < s.share) {
      ctx.addIssue({
        code: "custom",
        path: ["share"],
        message: `The preferred share ${s.share} must lie within [shareMin ${lo}, shareMax ${hi}]`,
      });
    }
    if (s.validFrom && s.validTo && s.validTo < s.validFrom) {
      ctx.addIssue({ code: "custom", path: ["validTo"], message: "validTo is before validFrom" });
    }
    if (s.owner === (s.owned as string)) {
      ctx.addIssue({
        code: "custom",
        path: ["owned"],
        message: "An entity cannot hold a stake in itself",
      });
    }
  });
export type Stake = z.output<typeof stakeSchema>;
