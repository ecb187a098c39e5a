/**
 * Control agreements: what confers (or shares) control of an asset or company besides a
 * majority of its equity. An operatorship, a management or shareholder agreement, board control
 * or a golden share names the controller(s); two or more controllers under one record hold joint
 * control. `confersControl: false` records an operator or a right that the sources say does not
 * carry control (an operator serving a majority owner).
 */
import { z } from "zod";
import { isoDateSchema } from "./dates.js";
import { entityIdSchema, nodeIdSchema, recordIdSchema } from "./ids.js";
import { provenanceShape } from "./source.js";

export const CONTROL_BASES = [
  "operator",
  "management-agreement",
  "shareholder-agreement",
  "board-control",
  "golden-share",
  "joint-control",
] as const;
export type ControlBasis = (typeof CONTROL_BASES)[number];

export const controlAgreementSchema = z
  .strictObject({
    id: recordIdSchema,
    /** The asset or company controlled. */
    controlled: nodeIdSchema,
    /** The entities that hold control; two or more hold it jointly. */
    controllers: z.array(entityIdSchema).min(1),
    basis: z.enum(CONTROL_BASES),
    /** False when the sources say the right does not carry control (an operator for others). */
    confersControl: z.boolean().default(true),
    validFrom: isoDateSchema.optional(),
    validTo: isoDateSchema.optional(),
    ...provenanceShape,
  })
  .superRefine((c, ctx) => {
    if (c.basis === "joint-control" && c.controllers.length < 2)
      ctx.addIssue({
        code: "custom",
        path: ["controllers"],
        message: "Joint control names at least two controllers",
      });
    if (new Set(c.controllers).size !== c.controllers.length)
      ctx.addIssue({
        code: "custom",
        path: ["controllers"],
        message: "A controller is named twice",
      });
    if (c.validFrom && c.validTo && c.validTo < c.validFrom)
      ctx.addIssue({ code: "custom", path: ["validTo"], message: "validTo is before validFrom" });
  });
export type ControlAgreement = z.output<typeof controlAgreementSchema>;
