/**
 * Whole datasets: the list, a snapshot (every record in force on a date, as known then), the
 * export (JSON, BODS or one kind's CSV table; the same scope rules as every read) and the import
 * (a JSON dataset, BODS statements or a CSV table, written in one transaction: all of it or, on
 * any problem, nothing; each read and written in a worker thread).
 */

import { createRoute, z } from "@hono/zod-openapi";
import type { MiddlewareHandler } from "hono";
import { stockpileHolderFor, today } from "../../app/reading.js";
import { bodsFromDataset } from "../../io/bods/bods-from-dataset.js";
import { csvCell } from "../../io/tables/parse-csv.js";
import { tablesFromDataset } from "../../io/tables/write-tables.js";
import { knownAtBound } from "../../ledger/ledger.js";
import { type Dataset, isRecordKind, RECORD_KINDS, type RecordKind } from "../../model/dataset.js";
import { OrebookError } from "../../model/errors.js";
import { ID_PATTERN } from "../../model/ids.js";
import type { World } from "../../model/world.js";
import { needs } from "../auth.js";
import type { Snapshot } from "../data-service.js";
import { importBodyToFiles } from "../import-body.js";
import { httpError, problemSchema } from "../problem.js";
import { datasetInfoSchema, jobStatusSchema, NAMED_RECORD_SCHEMAS } from "../schemas.js";
import {
  type ApiApp,
  type ApiEnv,
  bearer,
  cachedBody,
  cachedJson,
  datasetParam,
  knownAtParam,
  openapi,
  PROBLEMS,
  queryKey,
  type Services,
  snapshotOf,
  snapshotQuery,
  WRITE_PROBLEMS,
  worldReport,
} from "./common.js";
import { statusOf, submitStoredImport } from "./jobs.js";

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
    controlAgreements: [...w.controlAgreements],
    tradeFlows: [...w.tradeFlows],
    indirectInterests: [...w.indirectInterests],
    transportRates: [...w.transportRates],
    corridorTargets: [...w.corridorTargets],
  };
}

/** The header that gives the revision a copy was read at: the base of a later import. */
export const REVISION_HEADER = "X-Orebook-Revision";

/**
 * The revision a snapshot's copy reflects: the dataset's, or the known-at time when the copy was
 * read as the store knew it earlier.
 */
function revisionOf(snap: Snapshot): string {
  const bound = knownAtBound(snap.knownAt);
  return bound !== undefined && bound < snap.revision ? bound : snap.revision;
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
                  defaultStockpile: z.string().nullable().openapi({
                    description:
                      "The stockpile a stockpile report or scenario measures when none is named (null: the dataset has none)",
                  }),
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
      c.header(REVISION_HEADER, revisionOf(await snapshotOf(services, c.var.caller, q)));
      return worldReport(c, services, q, (world, snap, asOf) => ({
        dataset: snap.datasetId,
        asOf,
        knownAt: q.knownAt ?? null,
        defaultStockpile:
          stockpileHolderFor(undefined, { stockpiles: [...world.stockpiles.values()] }) ?? null,
        records: recordsOf(world),
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
        "Every record as the store knew it at knownAt (restricted records left out for viewers). format=json: the dataset; format=bods: Beneficial Ownership Data Standard 0.4 statements (entities, assets and stakes) as a JSON array; format=csv: one record kind's table (kind=…), the columns of orebook template csv.",
      security: bearer,
      request: {
        query: z.object({
          dataset: datasetParam,
          knownAt: knownAtParam,
          format: z
            .enum(["json", "bods", "csv"])
            .optional()
            .openapi({ description: "Default json" }),
          kind: z
            .enum(RECORD_KINDS as unknown as [RecordKind, ...RecordKind[]])
            .optional()
            .openapi({ description: "The record kind to export, with format=csv" }),
        }),
      },
      responses: {
        200: {
          description: "The dataset (json), its BODS statements (bods) or one kind's table (csv)",
          content: {
            "application/json": {
              schema: z.union([datasetSchema, z.array(z.record(z.string(), z.unknown()))]),
            },
            "text/csv": { schema: z.string() },
          },
        },
        304: { description: "Not modified" },
        ...PROBLEMS,
      },
    }),
    async (c) => {
      const q = c.req.valid("query");
      if (q.format === "csv" && q.kind === undefined)
        throw httpError(
          "BAD_INPUT",
          `format=csv exports one record kind: add kind=, one of ${RECORD_KINDS.join(", ")}`,
          { issues: [{ path: ["kind"], message: "Required with format=csv" }] },
        );
      const snap = await snapshotOf(services, c.var.caller, q);
      const format = q.format ?? "json";
      const name =
        format === "csv"
          ? `${snap.datasetId}-${q.kind}.csv`
          : `${snap.datasetId}${format === "bods" ? ".bods" : ""}.json`;
      c.header("Content-Disposition", `attachment; filename="${name}"`);
      c.header(REVISION_HEADER, revisionOf(snap));
      if (format === "json")
        return cachedJson(c, services, snap, queryKey(c), () => services.data.dataset(snap));
      if (format === "bods") {
        // Statements carry today's publication date and leave out stakes starting after today.
        const day = today();
        return cachedJson(c, services, snap, `${queryKey(c)}|${day}`, async () => [
          ...bodsFromDataset(await services.data.dataset(snap), { today: day }),
        ]);
      }
      const kind = q.kind as RecordKind;
      return cachedBody(
        c,
        services,
        snap,
        queryKey(c),
        async () => {
          const [t] = tablesFromDataset(await services.data.dataset(snap), [kind]);
          const lines = [
            (t?.columns ?? []).map(csvCell).join(","),
            ...(t?.rows ?? []).map((r) => r.map(csvCell).join(",")),
          ];
          return `${lines.join("\r\n")}\r\n`;
        },
        "text/csv; charset=utf-8",
      );
    },
  );

  /**
   * Every import is a job. The body is streamed to files (api/import-body.ts) and imported in a
   * job worker (`submitStoredImport`): a dataset as JSON a record at a time, CSV and BODS as
   * `orebook import csv` and `orebook import bods` do. `async=1` answers 202 with the job at
   * once, else the answer waits. Any other format is left to the query's check (400).
   */
  const importFile: MiddlewareHandler<ApiEnv> = async (c, next) => {
    const format = c.req.query("format") ?? "json";
    if (format !== "bods" && format !== "csv" && format !== "json") return next();
    const kind = c.req.query("kind");
    const dataset = c.req.query("dataset");
    if (dataset !== undefined && !ID_PATTERN.test(dataset))
      throw httpError("BAD_INPUT", "Expected a dataset id of letters, digits and . _ : -", {
        issues: [{ path: ["dataset"], message: "Expected a dataset id" }],
      });
    const csvJson = format === "csv" && /json/i.test(c.req.header("content-type") ?? "");
    if (format === "csv" && !csvJson && (kind === undefined || !isRecordKind(kind)))
      throw httpError(
        "BAD_INPUT",
        `A CSV body is one record kind's table: add kind=, one of ${RECORD_KINDS.join(", ")} (or send a JSON object of kind → CSV text)`,
        { issues: [{ path: ["kind"], message: "Expected a record kind" }] },
      );
    const base = c.req.query("base");
    if (base !== undefined && !/^.{1,40}$/s.test(base))
      throw httpError("BAD_INPUT", "Expected base of 1 to 40 characters: the dataset's revision", {
        issues: [{ path: ["base"], message: "Expected a revision" }],
      });
    // Admitted before the body is read; the body goes to files as it arrives.
    const caller = c.var.caller;
    await services.limits.admitJob(caller, services.jobs.active(caller.tokenId));
    const body = await importBodyToFiles(
      c.req.raw,
      format === "csv"
        ? {
            json: csvJson,
            ...(csvJson ? {} : { kind: kind as RecordKind }),
            maxBytes: services.importBytes,
          }
        : {
            file: "body.json",
            expected:
              format === "bods"
                ? "BODS statements"
                : "dataset (an object of record kind → list of records)",
            maxBytes: services.importBytes,
          },
    );
    const job = submitStoredImport(c, services, body, {
      format,
      datasetId: dataset,
      base,
      skipInvalid: c.req.query("skipInvalid") === "1",
    });
    if (c.req.query("async") === "1") {
      c.header("Location", `/api/jobs/${job.id}`);
      return c.json(statusOf(job), 202);
    }
    const done = await services.jobs.settled(job.id);
    if (done?.state === "done") return c.json(done.result as object, 200);
    throw new OrebookError(
      (done?.error?.code as "BAD_INPUT" | undefined) ?? "INTERNAL",
      done?.error?.detail ?? "The import did not finish",
      { issues: done?.issues ?? [] },
    );
  };

  openapi(
    app,
    createRoute({
      method: "post",
      path: "/api/import",
      tags: ["Imports and exports"],
      summary: "Import records into a dataset",
      middleware: [needs("analyst", "Importing"), importFile] as const,
      description:
        "Analysts and admins; every problem is listed and then nothing is written. format=json: a dataset (any kinds); new records get version 1, changed ones a new version, identical ones are skipped. Changing a record that exists needs base, the dataset's revision the copy was read at: a record written or withdrawn since is not overwritten (409 CONFLICT, each listed), so neither a concurrent edit nor a correction made since a stale copy was exported is lost. format=bods: BODS 0.4 statements (a JSON array or JSON Lines; skipInvalid=1 imports the valid ones of a file with problems). format=csv: one record kind's table (kind=…, the columns of orebook template csv). Every body is written to temporary files as it arrives (never held whole; the import size limit counted as it is read, 413 past it) and imported in a worker thread with its own connection to the store, off the event loop: a JSON dataset a record at a time (its shape checked first; each record with its schema, problems named by kind, id and field; text that is not JSON by line and column), BODS and CSV as orebook import bods and orebook import csv do (CSV a chunk at a time, every problem with its table, line and column); async=1 answers 202 with the job (follow its events, fetch its result) instead of waiting.",
      security: bearer,
      request: {
        query: z.object({
          dataset: datasetParam,
          format: z
            .enum(["json", "bods", "csv"])
            .optional()
            .openapi({ description: "Default json" }),
          kind: z
            .enum(RECORD_KINDS as unknown as [RecordKind, ...RecordKind[]])
            .optional()
            .openapi({ description: "The record kind of a CSV table" }),
          async: z.enum(["1"]).optional().openapi({ description: "1: answer 202 with the job" }),
          base: z.string().min(1).max(40).optional().openapi({
            description:
              "The dataset's revision your copy was read at: its updatedAt in GET /api/datasets, or the X-Orebook-Revision header of GET /api/export. Needed to change records that exist (428 without it); a record changed or withdrawn since is not overwritten (409, each listed) and nothing is written",
            example: "2026-01-01T00:00:00.000Z",
          }),
          skipInvalid: z.enum(["1"]).optional().openapi({
            description: "BODS: 1 imports the valid statements of a file with problems",
          }),
        }),
        body: {
          required: true,
          content: {
            "application/json": { schema: datasetSchema },
            "text/csv": { schema: z.string() },
          },
        },
      },
      responses: {
        200: {
          description:
            "What was written. format=csv also takes a JSON body: an object of record kind → CSV text, so tables that refer to each other (sources, entities, stakes) arrive together",
          content: {
            "application/json": {
              schema: z
                .object({
                  datasetId: z.string(),
                  written: z.record(z.string(), z.number()),
                  writtenTotal: z.number(),
                  unchanged: z.number(),
                  recordedAt: z.string(),
                  revision: z.string().openapi({
                    description: "The dataset's revision after the import: the next import's base",
                  }),
                })
                .catchall(z.unknown())
                .openapi("ImportResult"),
            },
          },
        },
        202: {
          description: "Queued (async=1): the import job",
          content: { "application/json": { schema: jobStatusSchema } },
        },
        ...WRITE_PROBLEMS,
        409: {
          description: "Records changed or withdrawn since base, each listed: nothing written",
          content: { "application/problem+json": { schema: problemSchema } },
        },
        428: {
          description: "The import changes records that exist and names no base: nothing written",
          content: { "application/problem+json": { schema: problemSchema } },
        },
        503: PROBLEMS[400],
      },
    }),
    // Every format is answered by importFile; this runs only if a format slipped past both.
    () => {
      throw new OrebookError("INTERNAL", "The import was not answered by its middleware");
    },
  );
}
