/**
 * Long jobs: POST returns 202 with the job's id and links; progress streams as server-sent
 * events; the result is fetched when done; DELETE cancels (the worker is terminated). A job is
 * visible to the token that submitted it and to admins; it computes on the dataset that token
 * may see.
 */
import { createRoute, z } from "@hono/zod-openapi";
import { streamSSE } from "hono/streaming";
import { importCsv } from "../../app/import-csv.js";
import { DEFAULT_DATASET_ID, type LoadResult } from "../../ledger/ledger.js";
import { type Dataset, emptyDataset } from "../../model/dataset.js";
import { type Issue, OrebookError } from "../../model/errors.js";
import { needs } from "../auth.js";
import { type ImportBody, tablesToFiles } from "../import-body.js";
import type { ImportParams } from "../jobs/job-kinds.js";
import { isJobKind, JOB_KINDS, PLANNED_JOB_KINDS } from "../jobs/job-kinds.js";
import type { Job, JobEvent } from "../jobs/job-runner.js";
import { httpError, issuesFromZod } from "../problem.js";
import { jobStatusSchema } from "../schemas.js";
import {
  type ApiApp,
  type ApiContext,
  bearer,
  datasetParam,
  knownAtParam,
  NOT_IMPLEMENTED,
  openapi,
  PROBLEMS,
  type Services,
  snapshotOf,
  WRITE_PROBLEMS,
} from "./common.js";

const KIND_NAMES = [...Object.keys(JOB_KINDS), ...PLANNED_JOB_KINDS] as unknown as [
  string,
  ...string[],
];

const jobRequestSchema = z
  .strictObject({
    kind: z.enum(KIND_NAMES).openapi({
      description:
        "control-sweep (ControlSweepParams), monte-carlo (MonteCarloParams), procurement (ProcurementParams) or import (ImportParams)",
    }),
    params: z.record(z.string(), z.unknown()).default({}).openapi({
      description:
        "The kind's parameters: ControlSweepParams for control-sweep, MonteCarloParams for monte-carlo",
    }),
    dataset: z.string().optional(),
    knownAt: z.string().optional(),
  })
  .openapi("JobRequest");

/** A job's status as the API shows it, with its links. */
export function statusOf(job: Job) {
  const self = `/api/jobs/${job.id}`;
  return {
    id: job.id,
    kind: job.kind,
    state: job.state,
    createdAt: job.createdAt,
    startedAt: job.startedAt,
    finishedAt: job.finishedAt,
    progress: job.progress,
    error: job.error,
    links: { self, events: `${self}/events`, result: `${self}/result` },
  };
}

const jobIdParam = z
  .string()
  .uuid("Expected a job id as returned by POST /api/jobs")
  .openapi({ param: { name: "id", in: "path" } });

/**
 * Queues an import. BODS is parsed and checked in a worker, then written through the ledger
 * on this thread in one transaction (all or nothing). CSV tables are written to files and
 * imported as `submitCsvImport` does. The job's result is the ledger's answer with the
 * reader's counts and warnings.
 */
export async function submitImport(
  c: ApiContext,
  services: Services,
  params: ImportParams,
  datasetId: string | undefined,
): Promise<Job> {
  const caller = c.var.caller;
  await services.limits.admitJob(caller, services.jobs.active(caller.tokenId));
  if (params.format === "csv")
    return submitCsvImport(c, services, tablesToFiles(params.tables ?? {}), datasetId, params.base);
  const actor = actorName(c);
  const note = noteOf(c, params.format);
  return services.jobs.submit("import", params, emptyDataset(), caller.tokenId, async (r) => {
    const parsed = r as {
      dataset: Dataset;
      counts: unknown;
      warnings: unknown[];
      skipped: unknown[];
    };
    const id = datasetId ?? DEFAULT_DATASET_ID;
    const written: LoadResult = await services.data.ledger.load(id, parsed.dataset, {
      actor,
      note,
      base: params.base ?? null,
    });
    return {
      ...written,
      revision: await services.data.revision(id),
      counts: parsed.counts,
      warnings: parsed.warnings,
      skipped: parsed.skipped,
    };
  });
}

const actorName = (c: ApiContext) => {
  const caller = c.var.caller;
  return caller.tokenId ? `${caller.name} (token ${caller.tokenId})` : caller.name;
};

const noteOf = (c: ApiContext, format: string) =>
  c.req.header("x-change-note")?.slice(0, 500) ?? `Imported (${format}) through the API`;

/**
 * Queues a CSV import of tables written to files (`body`, see `api/import-body.ts`): on this
 * thread, as `orebook import csv` runs (app/import-csv.ts), the files are read a chunk at a
 * time while the ledger checks and writes each record in one transaction, so the server holds
 * neither the body nor its records; all or nothing, every problem located (table:line:column).
 * The files are removed when the job ends, however it ends; a cancelled job stops at its next
 * chunk and writes nothing. Call after `Limits.admitJob`.
 */
export function submitCsvImport(
  c: ApiContext,
  services: Services,
  body: ImportBody,
  datasetId: string | undefined,
  base: string | undefined,
): Job {
  const actor = actorName(c);
  const note = noteOf(c, "csv");
  // Problems name the tables (entities.csv:3:2), never the server's folder.
  const shown = (s: string) => s.replaceAll(`${body.dir}/`, "").replaceAll(body.dir, "body");
  const clean = (i: Issue): Issue => ({
    ...i,
    ...(i.file === undefined ? {} : { file: shown(i.file) }),
    message: shown(i.message),
  });
  const id = datasetId ?? DEFAULT_DATASET_ID;
  return services.jobs.submitLocal(
    "import",
    c.var.caller.tokenId,
    async (progress) => {
      try {
        const { notices, ...written } = await importCsv(services.data.ledger, id, body.files, {
          actor,
          note,
          base: base ?? null,
          onBytes: (done, total) => progress(done, total, "reading and writing the CSV tables"),
        });
        return {
          ...written,
          revision: await services.data.revision(id),
          counts: null,
          warnings: notices.slice(0, 100).map(clean),
          skipped: [],
        };
      } catch (e) {
        if (e instanceof OrebookError)
          throw new OrebookError(e.code, shown(e.message), { issues: e.issues.map(clean) });
        throw e;
      }
    },
    body.cleanup,
  );
}

export function registerJobRoutes(app: ApiApp, services: Services): void {
  /** The job if the caller may see it; NOT_FOUND otherwise, the same either way. */
  function jobFor(c: ApiContext, id: string): Job {
    const caller = c.var.caller;
    const job = services.jobs.get(id);
    if (!job || (caller.role !== "admin" && job.owner !== caller.tokenId))
      throw new OrebookError("NOT_FOUND", `No job ${id} on this server`);
    return job;
  }

  openapi(
    app,
    createRoute({
      method: "post",
      path: "/api/jobs",
      tags: ["Jobs"],
      summary: "Start a long job in a worker thread",
      middleware: [needs("analyst", "Starting a job")] as const,
      description:
        "Analysts and admins. Returns 202 at once; follow links.events for progress and links.result when done.",
      security: bearer,
      request: {
        query: z.object({ dataset: datasetParam, knownAt: knownAtParam }),
        body: { required: true, content: { "application/json": { schema: jobRequestSchema } } },
      },
      responses: {
        202: {
          description: "Queued",
          content: { "application/json": { schema: jobStatusSchema } },
        },
        ...WRITE_PROBLEMS,
        ...NOT_IMPLEMENTED,
        503: PROBLEMS[400],
      },
    }),
    async (c) => {
      const caller = c.var.caller;
      const body = c.req.valid("json");
      const q = c.req.valid("query");
      if (!isJobKind(body.kind))
        throw httpError(
          "NOT_IMPLEMENTED",
          `Job kind ${body.kind} is planned but its engine has not landed in this build`,
        );
      const kind = JOB_KINDS[body.kind];
      // A shipped scenario named by id travels to the worker as the scenario itself.
      const scenario = (body.params as { scenario?: unknown }).scenario;
      if (
        (body.kind === "monte-carlo" || body.kind === "procurement") &&
        typeof scenario === "string" &&
        /^[A-Za-z0-9._-]{1,100}$/.test(scenario)
      )
        body.params = { ...body.params, scenario: services.scenarios.get(scenario) };
      const parsed = kind.params.safeParse(body.params);
      if (!parsed.success)
        throw new OrebookError("INVALID_DATA", `The ${body.kind} parameters are not valid`, {
          issues: issuesFromZod(parsed.error, ["params"]),
        });
      let job: Job;
      if (body.kind === "import")
        job = await submitImport(
          c,
          services,
          parsed.data as ImportParams,
          body.dataset ?? q.dataset,
        );
      else {
        const snap = await snapshotOf(services, caller, {
          dataset: body.dataset ?? q.dataset,
          knownAt: body.knownAt ?? q.knownAt,
        });
        await services.limits.admitJob(caller, services.jobs.active(caller.tokenId));
        const dataset = await services.data.dataset(snap);
        job = services.jobs.submit(body.kind, parsed.data, dataset, caller.tokenId);
      }
      c.header("Location", `/api/jobs/${job.id}`);
      return c.json(statusOf(job), 202);
    },
  );

  openapi(
    app,
    createRoute({
      method: "get",
      path: "/api/jobs/{id}",
      tags: ["Jobs"],
      summary: "A job's state and progress",
      security: bearer,
      request: { params: z.object({ id: jobIdParam }) },
      responses: {
        200: {
          description: "The job",
          content: { "application/json": { schema: jobStatusSchema } },
        },
        ...PROBLEMS,
      },
    }),
    (c) => c.json(statusOf(jobFor(c, c.req.valid("param").id)), 200),
  );

  openapi(
    app,
    createRoute({
      method: "get",
      path: "/api/jobs/{id}/events",
      tags: ["Jobs"],
      summary: "Progress as server-sent events",
      description:
        "text/event-stream: `status` (the job now), then `progress` events, then one of `done`, `failed`, `cancelled`, and the stream ends.",
      security: bearer,
      request: { params: z.object({ id: jobIdParam }) },
      responses: {
        200: {
          description: "The event stream",
          content: { "text/event-stream": { schema: z.string() } },
        },
        ...PROBLEMS,
      },
    }),
    (c) => {
      const job = jobFor(c, c.req.valid("param").id);
      return streamSSE(c, async (stream) => {
        let n = 0;
        const send = (event: string, data: unknown) =>
          stream.writeSSE({ event, data: JSON.stringify(data), id: String(++n) });
        // Subscribe before the first await, so no event falls between the check and the stream.
        const queue: (JobEvent | { type: "beat" })[] = [];
        let wake: (() => void) | undefined;
        let aborted = false;
        const off = services.jobs.listen(job.id, (e) => {
          queue.push(e);
          wake?.();
        });
        stream.onAbort(() => {
          aborted = true;
          wake?.();
        });
        const beat = setInterval(() => {
          queue.push({ type: "beat" });
          wake?.();
        }, 15_000);
        try {
          await send("status", statusOf(job));
          if (job.state !== "queued" && job.state !== "running") {
            await send(job.state, statusOf(job));
            return;
          }
          for (;;) {
            while (queue.length === 0 && !aborted)
              await new Promise<void>((r) => {
                wake = r;
              });
            if (aborted) return;
            const e = queue.shift();
            if (!e) continue;
            if (e.type === "beat") await stream.write(": keep-alive\n\n");
            else if (e.type === "progress") await send("progress", e.progress);
            else if (e.state === "running" || e.state === "queued")
              await send("status", statusOf(job));
            else {
              await send(e.state, statusOf(job));
              return;
            }
          }
        } finally {
          clearInterval(beat);
          off();
        }
      });
    },
  );

  openapi(
    app,
    createRoute({
      method: "get",
      path: "/api/jobs/{id}/result",
      tags: ["Jobs"],
      summary: "A finished job's result",
      description:
        "200 with the result when done; 409 while it runs; the job's problem when it failed or was cancelled.",
      security: bearer,
      request: { params: z.object({ id: jobIdParam }) },
      responses: {
        200: {
          description: "The result",
          content: { "application/json": { schema: z.unknown() } },
        },
        409: WRITE_PROBLEMS[409],
        ...PROBLEMS,
      },
    }),
    (c) => {
      const job = jobFor(c, c.req.valid("param").id);
      if (job.state === "done") return c.json(job.result as object, 200);
      if (job.state === "failed")
        throw new OrebookError(
          (job.error?.code as "BAD_INPUT") ?? "INTERNAL",
          job.error?.detail ?? "The job failed",
          { issues: job.issues ?? [] },
        );
      if (job.state === "cancelled")
        throw new OrebookError("CONFLICT", `Job ${job.id} was cancelled: it has no result`);
      throw new OrebookError(
        "CONFLICT",
        `Job ${job.id} is ${job.state} (${job.progress.done} of ${job.progress.total}): follow /api/jobs/${job.id}/events and fetch the result when it is done`,
      );
    },
  );

  openapi(
    app,
    createRoute({
      method: "delete",
      path: "/api/jobs/{id}",
      tags: ["Jobs"],
      summary: "Cancel a job",
      middleware: [needs("analyst", "Cancelling a job")] as const,
      description: "Terminates its worker. A finished job is returned as it is.",
      security: bearer,
      request: { params: z.object({ id: jobIdParam }) },
      responses: {
        200: {
          description: "The job",
          content: { "application/json": { schema: jobStatusSchema } },
        },
        ...PROBLEMS,
      },
    }),
    async (c) => {
      const job = jobFor(c, c.req.valid("param").id);
      await services.jobs.cancel(job.id);
      return c.json(statusOf(job), 200);
    },
  );
}
