/**
 * Reports: each route takes the world the caller may see at `asOf` (as known at `knownAt`),
 * calls one engine function and sends its result, ETagged and cached per dataset revision.
 */
import { createRoute, z } from "@hono/zod-openapi";
import { controlReportFor } from "../../engine/control-report.js";
import { lookThroughReportFor, nodeFor } from "../../engine/entity-look-through.js";
import { explanationFor } from "../../engine/explain.js";
import { COMMODITIES } from "../../model/commodity.js";
import {
  controlReportSchema,
  explanationSchema,
  lookThroughReportSchema,
  VIEW_VALUES,
} from "../schemas.js";
import {
  type ApiApp,
  bearer,
  cachedJson,
  PROBLEMS,
  queryKey,
  type Services,
  snapshotOf,
  snapshotQuery,
  today,
  openapi,
} from "./common.js";

const commodityParam = z
  .enum(COMMODITIES, { error: () => `Expected one of ${COMMODITIES.join(", ")}` })
  .openapi({ description: "The commodity", example: "cobalt" });
const periodParam = z
  .string()
  .regex(
    /^\d{4}(-(H[12]|Q[1-4]|0[1-9]|1[0-2]))?$/,
    "Expected a period as YYYY, YYYY-H1, YYYY-Q3 or YYYY-MM",
  )
  .optional()
  .openapi({
    description: "Production period (default the latest year with actual figures)",
    example: "2024",
  });
const thresholdParam = z
  .string()
  .regex(/^0?\.\d+$/, "Expected a fraction between 0 and 1, e.g. 0.5")
  .optional()
  .openapi({ description: "Majority threshold for control (default 0.5)", example: "0.5" });

const json = <S extends z.ZodType>(schema: S, description: string) => ({
  description,
  content: { "application/json": { schema } },
  headers: { ETag: { schema: { type: "string" as const } } },
});

export function registerReportRoutes(app: ApiApp, services: Services): void {
  openapi(
    app,
    createRoute({
      method: "get",
      path: "/api/reports/control",
      tags: ["Reports"],
      summary: "Who owns and controls a commodity's production",
      description:
        "Country shares by location, look-through attributable interest, consolidated (majority) control and de facto control, with HHI, companies and assets.",
      security: bearer,
      request: {
        query: z.object({
          ...snapshotQuery,
          commodity: commodityParam,
          period: periodParam,
          threshold: thresholdParam,
        }),
      },
      responses: {
        200: json(controlReportSchema, "The control report"),
        304: { description: "Not modified (If-None-Match)" },
        ...PROBLEMS,
      },
    }),
    async (c) => {
      const q = c.req.valid("query");
      const snap = await snapshotOf(services, c.var.caller, q);
      const asOf = q.asOf ?? today();
      return cachedJson(c, services, snap, `${queryKey(c)}|${asOf}`, async () => {
        const world = await services.data.world(snap, asOf);
        return controlReportFor(world, {
          commodity: q.commodity,
          ...(q.period ? { period: q.period } : {}),
          ...(q.threshold ? { controlThreshold: Number(q.threshold) } : {}),
        });
      });
    },
  );

  openapi(
    app,
    createRoute({
      method: "get",
      path: "/api/reports/explain",
      tags: ["Reports"],
      summary: "Why a country has its share",
      description:
        "Asset by asset, the tonnes that reach a country (or bucket: unknown, public-float, armed-group:ID) in one view, and the ownership or control chains that carry them.",
      security: bearer,
      request: {
        query: z.object({
          ...snapshotQuery,
          commodity: commodityParam,
          country: z.string().min(1).max(200).openapi({
            description: "ISO code (CN, US, CD), unknown, public-float or armed-group:ID",
            example: "CN",
          }),
          view: z.enum(VIEW_VALUES).optional().openapi({ description: "Default attributable" }),
          period: periodParam,
        }),
      },
      responses: {
        200: json(explanationSchema, "The explanation"),
        304: { description: "Not modified (If-None-Match)" },
        ...PROBLEMS,
      },
    }),
    async (c) => {
      const q = c.req.valid("query");
      const snap = await snapshotOf(services, c.var.caller, q);
      const asOf = q.asOf ?? today();
      const country = q.country.length === 2 ? q.country.toUpperCase() : q.country;
      return cachedJson(c, services, snap, `${queryKey(c)}|${asOf}`, async () => {
        const world = await services.data.world(snap, asOf);
        return explanationFor(world, {
          commodity: q.commodity,
          country,
          ...(q.view ? { view: q.view } : {}),
          ...(q.period ? { period: q.period } : {}),
        });
      });
    },
  );

  openapi(
    app,
    createRoute({
      method: "get",
      path: "/api/reports/lookthrough",
      tags: ["Reports"],
      summary: "Who ultimately owns an entity or asset, and what it ultimately holds",
      security: bearer,
      request: {
        query: z.object({
          ...snapshotQuery,
          entity: z
            .string()
            .min(1)
            .max(200)
            .openapi({ description: "An id, a name or part of one", example: "gecamines" }),
        }),
      },
      responses: {
        200: json(lookThroughReportSchema, "The look-through report"),
        304: { description: "Not modified (If-None-Match)" },
        ...PROBLEMS,
        409: {
          description: "The name matches several entities or assets: the candidates are listed",
          content: {
            "application/problem+json": {
              schema: PROBLEMS[400].content["application/problem+json"].schema,
            },
          },
        },
      },
    }),
    async (c) => {
      const q = c.req.valid("query");
      const snap = await snapshotOf(services, c.var.caller, q);
      const asOf = q.asOf ?? today();
      return cachedJson(c, services, snap, `${queryKey(c)}|${asOf}`, async () => {
        const world = await services.data.world(snap, asOf);
        return lookThroughReportFor(world, nodeFor(world, q.entity).id);
      });
    },
  );
}
