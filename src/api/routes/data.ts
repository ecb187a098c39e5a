/**
 * Whole datasets: the list, a snapshot (every record in force on a date, as known then), the
 * export (JSON, the same scope rules as every read) and the import (a JSON dataset written in
 * one transaction: all of it or, on any problem, nothing).
 */
import { createRoute, z } from "@hono/zod-openapi";
import { DEFAULT_DATASET_ID } from "../../ledger/ledger.js";
import { type Dataset, RECORD_KINDS } from "../../model/dataset.js";
import type { World } from "../../model/world.js";
import { needs } from "../auth.js";
import { ApiError } from "../problem.js";
import { datasetInfoSchema, NAMED_RECORD_SCHEMAS } from "../schemas.js";
import {
  type ApiApp,
  bearer,
  cachedJson,
  datasetParam,
  knownAtParam,
  NOT_IMPLEMENTED,
  openapi,
  PROBLEMS,
  queryKey,
  type Services,
  snapshotOf,
  snapshotQuery,
  today,
  WRITE_PROBLEMS,
} from "./common.js";
import { actorOf } from "./records.js";

const datasetShape = Object.fromEntries(
  RECORD_KINDS.map((k) => [k, z.array(NAMED_RECORD_SCHEMAS[k]).optional()]),
) as Record<string, z.ZodType>;
const datasetSchema = z.strictObject(datasetShape).openapi("Dataset");

/** The records of a world, kind by kind: what was in force on its date. */
function recordsOf(w: World): Partial<Dataset> {
  return {
    sources: [...w.sources.values()],
    entities: [...w.entities.values()],
    assets: [...w.assets.values()],
    stakes: [...w.stakes],
    production: [...w.production],
    offtakes: [...w.offtakes],
    tradeRules: [...w.tradeRules],
    routeNodes: [...w.routeNodes.values()],
    routeLegs: [...w.routeLegs],
    stockpiles: [...w.stockpiles.values()],
    stockpileMovements: [...w.stockpileMovements],
    demand: [...w.demand],
    prices: [...w.prices],
    deals: w.deals.map(({ statusAsOf: _s, ...d }) => d),
    territories: [...w.territories],
    countryProduction: [...w.countryProduction],
  };
}

export function registerDataRoutes(app: ApiApp, services: Services): void {
  openapi(
    app,
    createRoute({
      method: "get",
      path: "/api/datasets",
      tags: ["Datasets"],
      summary: "The datasets in the store",
      security: bearer,
      responses: {
        200: {
          description: "The datasets",
          content: {
            "application/json": { schema: z.object({ items: z.array(datasetInfoSchema) }) },
          },
        },
        ...PROBLEMS,
      },
    }),
    async (c) => c.json({ items: await services.data.ledger.datasets() }, 200),
  );

  openapi(
    app,
    createRoute({
      method: "get",
      path: "/api/snapshot",
      tags: ["Datasets"],
      summary: "Every record in force on asOf, as the store knew it at knownAt",
      security: bearer,
      request: { query: z.object(snapshotQuery) },
      responses: {
        200: {
          description: "The snapshot",
          content: {
            "application/json": {
              schema: z
                .object({
                  dataset: z.string(),
                  asOf: z.string(),
                  knownAt: z.string().nullable(),
                  records: datasetSchema,
                })
                .openapi("Snapshot"),
            },
          },
        },
        304: { description: "Not modified" },
        ...PROBLEMS,
      },
    }),
    async (c) => {
      const q = c.req.valid("query");
      const snap = await snapshotOf(services, c.var.caller, q);
      const asOf = q.asOf ?? today();
      return cachedJson(c, services, snap, `${queryKey(c)}|${asOf}`, async () => ({
        dataset: snap.datasetId,
        asOf,
        knownAt: q.knownAt ?? null,
        records: recordsOf(await services.data.world(snap, asOf)),
      }));
    },
  );

  openapi(
    app,
    createRoute({
      method: "get",
      path: "/api/export",
      tags: ["Imports and exports"],
      summary: "Export a dataset",
      description:
        "format=json: every record as the store knew it at knownAt (restricted records left out for viewers). bods and csv answer 501 until their writers land.",
      security: bearer,
      request: {
        query: z.object({
          dataset: datasetParam,
          knownAt: knownAtParam,
          format: z
            .enum(["json", "bods", "csv"])
            .optional()
            .openapi({ description: "Default json" }),
        }),
      },
      responses: {
        200: {
          description: "The dataset",
          content: { "application/json": { schema: datasetSchema } },
        },
        304: { description: "Not modified" },
        ...PROBLEMS,
        ...NOT_IMPLEMENTED,
      },
    }),
    async (c) => {
      const q = c.req.valid("query");
      if (q.format === "bods" || q.format === "csv")
        throw new ApiError(
          "NOT_IMPLEMENTED",
          `Export as ${q.format} is not in this build yet: use format=json`,
        );
      const snap = await snapshotOf(services, c.var.caller, q);
      c.header("Content-Disposition", `attachment; filename="${snap.datasetId}.json"`);
      return cachedJson(c, services, snap, queryKey(c), () => services.data.dataset(snap));
    },
  );

  openapi(
    app,
    createRoute({
      method: "post",
      path: "/api/import",
      tags: ["Imports and exports"],
      summary: "Import records into a dataset",
      middleware: [needs("analyst", "Importing")] as const,
      description:
        "format=json: a dataset (any kinds). New records get version 1, changed ones a new version, identical ones are skipped; every problem is listed and then nothing is written. Analysts and admins. bods and csv answer 501 until their readers land.",
      security: bearer,
      request: {
        query: z.object({
          dataset: datasetParam,
          format: z
            .enum(["json", "bods", "csv"])
            .optional()
            .openapi({ description: "Default json" }),
        }),
        body: { required: true, content: { "application/json": { schema: datasetSchema } } },
      },
      responses: {
        200: {
          description: "What was written",
          content: {
            "application/json": {
              schema: z
                .object({
                  datasetId: z.string(),
                  written: z.record(z.string(), z.number()),
                  writtenTotal: z.number(),
                  unchanged: z.number(),
                  recordedAt: z.string(),
                })
                .openapi("ImportResult"),
            },
          },
        },
        ...WRITE_PROBLEMS,
        ...NOT_IMPLEMENTED,
      },
    }),
    async (c) => {
      const q = c.req.valid("query");
      if (q.format === "bods" || q.format === "csv")
        throw new ApiError(
          "NOT_IMPLEMENTED",
          `Import from ${q.format} is not in this build yet: send format=json`,
        );
      const body = (await c.req.json()) as Partial<Dataset>;
      const r = await services.data.ledger.load(q.dataset ?? DEFAULT_DATASET_ID, body, {
        actor: actorOf(c),
        note: c.req.header("x-change-note")?.slice(0, 500) ?? "Imported through the API",
      });
      return c.json(r, 200);
    },
  );
}
