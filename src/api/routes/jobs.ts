/**
 * Long jobs: POST returns 202 with the job's id and links; progress streams as server-sent
 * events; the result is fetched when done; DELETE cancels (the worker is terminated). A job is
 * visible to the token that submitted it and to admins; it computes on the dataset that token
 * may see.
 */
import { createRoute, z } from "@hono/zod-openapi";
import { streamSSE } from "hono/streaming";
import type { ImportTarget } from "../../app/import-at-store.js";
import { DEFAULT_DATASET_ID } from "../../ledger/ledger.js";
import { OrebookError } from "../../model/errors.js";
import { needs } from "../auth.js";
import { type ImportBody, tablesToFiles, textToFile } from "../import-body.js";
import { IMPORT_TASKS } from "../jobs/import-tasks.js";
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
 * Queues an import job's parameters (POST /api/jobs, kind import): the content is written to
 * a file (CSV tables one per kind) and imported as a streamed body is (`submitStoredImport`).
 */
export async function submitImport(
  c: ApiContext,
  services: Services,
  params: ImportParams,
  datasetId: string | undefined,
): Promise<Job> {
  const caller = c.var.caller;
  await services.limits.admitJob(caller, services.jobs.active(caller.tokenId));
  const body =
    params.format === "csv"
      ? tablesToFiles(params.tables ?? {})
      : textToFile("body.json", params.content ?? "");
  return submitStoredImport(c, services, body, {
    format: params.format,
    datasetId,
    base: params.base,
    skipInvalid: params.skipInvalid,
  });
}

const actorName = (c: ApiContext) => {
  const caller = c.var.caller;
  return caller.tokenId ? `${caller.name} (token ${caller.tokenId})` : caller.name;
};

const noteOf = (c: ApiContext, format: string) =>
  c.req.header("x-change-note")?.slice(0, 500) ?? `Imported (${format}) through the API`;

export interface StoredImport {
  format: "csv" | "bods" | "json";
  datasetId: string | undefined;
  base: string | undefined;
  /** BODS: import the valid statements of a file with problems. */
  skipInvalid?: boolean;
}

/**
 * Queues an import of a body written to files (`body`, see `api/import-body.ts`): CSV tables
 * as `orebook import csv` reads them, a chunk at a time while the ledger checks and writes
 * each record, a BODS file as `orebook import bods` reads it, or a dataset as JSON a record at
 * a time (`io/dataset-json-stream.ts`); each way in one
 * transaction, all or nothing, every problem located (table:line:column). It runs in a job
 * worker with a connection of its own to the store (`jobs/import-tasks.ts`), so the event loop
 * keeps answering while it runs; this server's own writes wait for it (`Ledger.exclusive`).
 * The server's caches see the write by the dataset's revision, which every read asks the store
 * for. Cancelling terminates the worker: its connection and open transaction go with it and
 * nothing is written. Only a store no other connection can reach (in-memory SQLite), or a
 * server whose workers are not built, imports on this thread instead. The files are removed
 * when the job ends, however it ends. Call after `Limits.admitJob`.
 */
export function submitStoredImport(
  c: ApiContext,
  services: Services,
  body: ImportBody,
  opts: StoredImport,
): Job {
  const id = opts.datasetId ?? DEFAULT_DATASET_ID;
  const ledger = services.data.ledger;
  const address = ledger.address();
  const common = {
    datasetId: id,
    dir: body.dir,
    actor: actorName(c),
    note: noteOf(c, opts.format),
    base: opts.base ?? null,
  };
  const file = body.files[0] ?? "";
  const task = (store: ImportTarget) =>
    opts.format === "csv"
      ? { name: "import-csv" as const, params: { ...common, store, files: body.files } }
      : opts.format === "json"
        ? {
            name: "import-json" as const,
            params: { ...common, store, file, displayName: "body" },
          }
        : {
            name: "import-bods" as const,
            params: {
              ...common,
              store,
              file,
              displayName: "body",
              skipInvalid: opts.skipInvalid ?? false,
            },
          };
  // The answer names the revision the import made: the next import's base.
  const withRevision = async (r: unknown) => ({
    ...(r as object),
    revision: await services.data.revision(id),
  });
  const owner = c.var.caller.tokenId;
  if (address !== undefined && services.jobs.hasWorkers) {
    const t = task(address);
    return services.jobs.submitTask(t.name, "import", t.params, owner, {
      finish: withRevision,
      cleanup: body.cleanup,
      gate: (start) => ledger.exclusive(start),
    });
  }
  return services.jobs.submitLocal(
    "import",
    owner,
    async (progress) => {
      const t = task(ledger);
      const r =
        t.name === "import-csv"
          ? await IMPORT_TASKS["import-csv"](t.params, progress)
          : t.name === "import-json"
            ? await IMPORT_TASKS["import-json"](t.params, progress)
            : await IMPORT_TASKS["import-bods"](t.params, progress);
      return withRevision(r);
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
