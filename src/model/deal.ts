/**
 * Deals: parties, a status pipeline with dated changes, conditions, valuation, and the
 * changes the deal makes when it closes. Non-mineral obligations (security assistance) are
 * tracked, not computed.
 */
import { z } from "zod";
import { assetSchema } from "./asset.js";
import { controlAgreementSchema } from "./control-agreement.js";
import { isoDateSchema } from "./dates.js";
import { entityIdSchema, nodeIdSchema, recordIdSchema, sourceIdSchema } from "./ids.js";
import { offtakeSchema } from "./offtake.js";
import { routeLegSchema, routeNodeSchema } from "./route.js";
import { provenanceShape } from "./source.js";
import { tradeRuleSchema } from "./trade-rule.js";

export const DEAL_STATUSES = [
  "proposed",
  "negotiating",
  "agreed-in-principle",
  "signed",
  "conditions-pending",
  "closed",
  "collapsed",
] as const;
export type DealStatus = (typeof DEAL_STATUSES)[number];

export const dealEffectSchema = z.discriminatedUnion("kind", [
  z
    .strictObject({
      kind: z.literal("stake-transfer"),
      /** The seller; its stake in `owned` falls by `share` (absolute, fraction of `owned`). */
      from: entityIdSchema,
      to: entityIdSchema,
      owned: nodeIdSchema,
      share: z.number().gt(0).lte(1).optional(),
      /**
       * Or: this fraction of the seller's stake moves ("40% of Glencore's interest"), so the
       * stake moved carries the seller's range and alternatives, each times the fraction.
       */
      fraction: z.number().gt(0).lte(1).optional(),
      note: z.string().optional(),
    })
    .superRefine((e, ctx) => {
      if ((e.share === undefined) === (e.fraction === undefined))
        ctx.addIssue({
          code: "custom",
          path: ["share"],
          message:
            "A stake transfer gives either share (of the owned node) or fraction (of the seller's stake)",
        });
    }),
  /** A control record that takes effect when the deal closes (from the closing date). */
  z.strictObject({ kind: z.literal("control-agreement"), agreement: controlAgreementSchema }),
  z.strictObject({ kind: z.literal("offtake"), offtake: offtakeSchema }),
  z.strictObject({ kind: z.literal("new-asset"), asset: assetSchema }),
  z.strictObject({ kind: z.literal("trade-rule"), rule: tradeRuleSchema }),
  z.strictObject({ kind: z.literal("route-node"), node: routeNodeSchema }),
  z.strictObject({ kind: z.literal("route-leg"), leg: routeLegSchema }),
  z.strictObject({ kind: z.literal("obligation"), party: entityIdSchema, description: z.string() }),
]);
export type DealEffect = z.output<typeof dealEffectSchema>;

export const dealSchema = z.strictObject({
  id: recordIdSchema,
  name: z.string().min(1),
  parties: z.array(z.strictObject({ entity: entityIdSchema, role: z.string() })).min(1),
  status: z.enum(DEAL_STATUSES),
  statusHistory: z
    .array(
      z.strictObject({
        date: isoDateSchema,
        status: z.enum(DEAL_STATUSES),
        sources: z.array(sourceIdSchema).min(1),
        note: z.string().optional(),
      }),
    )
    .min(1),
  conditions: z.array(z.string()).default([]),
  valuationUsd: z.number().nonnegative().nullable(),
  valuationNote: z.string().optional(),
  /** The chance the deal closes; null when no one has stated or estimated it. */
  probability: z.number().min(0).max(1).nullable(),
  effects: z.array(dealEffectSchema).default([]),
  ...provenanceShape,
});
export type Deal = z.output<typeof dealSchema>;
