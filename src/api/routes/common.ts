/**
 * What every route module shares: the app's type, the services it reaches, the snapshot
 * parameters (`dataset`, `asOf`, `knownAt`), the problem responses to document, and the
 * cached, ETagged JSON reply used by reports.
 */
import {
  createRoute,
  type OpenAPIHono,
  type RouteConfig,
  type RouteHandler,
  z,
} from "@hono/zod-openapi";
import type { Context, MiddlewareHandler } from "hono";
import type { COMPUTE_TASKS, ComputeTaskName, ShippedScenario } from "../../app/compute-tasks.js";
import type { LiveRegisters } from "../../app/live-register.js";
import type { AppComputePool } from "../../app/open-compute-pool.js";
import { readingDates } from "../../app/reading.js";
import type { Scenario } from "../../engine/scenario/index.js";
import { DEFAULT_DATASET_ID, knownAtBound } from "../../ledger/ledger.js";
import { isIsoDate } from "../../model/dates.js";
import { OrebookError } from "../../model/errors.js";
import { ID_PATTERN } from "../../model/ids.js";
import type { World } from "../../model/world.js";
import type { AuthEnv, Caller } from "../auth.js";
import { type DataService, etagFor, type Snapshot } from "../data-service.js";
import type { JobRunner } from "../jobs/job-runner.js";
import { clientAddress, type Limits } from "../limits.js";
import { httpError, problemSchema } from "../problem.js";
import type { ScenarioCatalogue } from "../scenario-catalogue.js";
import type { SessionStore } from "../session-store.js";
import type { TokenStore } from "../token-store.js";

export interface Services {
  data: DataService;
  tokens: TokenStore;
  jobs: JobRunner;
  /** The shipped scenarios, read once at start. */
  scenarios: ScenarioCatalogue;
  /** Browser sessions (cookie id → token), in this process. */
  sessions: SessionStore;
  /** Forget cached token checks (after a revocation through this server). */
  forgetTokens(): void;
  /** The worker threads computations run on, off the event loop. */
  compute: AppComputePool;
  /** How much computing each caller may ask for. */
  limits: Limits;
  /** Computations under way, by the ETag of their answer (a second request joins the first). */
  computing: Map<string, Promise<Uint8Array>>;
  /** The registers this server keeps compiled, checked by write sequence, updated by its writes. */
  live: LiveRegisters;
  /** The largest import body, in bytes. */
  importBytes: number;
}

export type ApiEnv = AuthEnv;
export type ApiApp = OpenAPIHono<ApiEnv>;
export type ApiContext = Context<ApiEnv>;

const problem = (description: string) => ({
  description,
  content: { "application/problem+json": { schema: problemSchema } },
});

/** The problem responses every authenticated route may give. */
export const PROBLEMS = {
  400: problem("Bad input: a parameter or the body is malformed"),
  401: problem("No token, or a token that is malformed, unknown or revoked"),
  403: problem("The token's role may not do this"),
  404: problem("Not found (or not visible to this token)"),
} as const;
export const WRITE_PROBLEMS = {
  ...PROBLEMS,
  409: problem("Conflict: the record changed since it was read"),
  413: problem("The body is larger than the server accepts"),
  415: problem("The body is not JSON"),
  422: problem("The body does not match the schema: every issue with its field path"),
} as const;
export const NOT_IMPLEMENTED = {
  501: problem("The engine behind this route has not landed yet"),
} as const;

export const datasetParam = z
  .string()
  .regex(ID_PATTERN, "Expected a dataset id of letters, digits and . _ : -")
  .optional()
  .openapi({
    description: `The dataset (default ${DEFAULT_DATASET_ID})`,
    example: DEFAULT_DATASET_ID,
  });

export const asOfParam = z
  .string()
  .refine(isIsoDate, "Expected a calendar date as YYYY-MM-DD, e.g. 2025-12-31")
  .optional()
  .openapi({
    description: "The date the world is taken at (default today, UTC)",
    example: "2025-12-31",
  });

export const knownAtParam = z
  .string()
  .refine((s) => {
    try {
      knownAtBound(s);
      return true;
    } catch {
      return false;
    }
  }, "Expected a date (YYYY-MM-DD, the end of that day) or an ISO timestamp")
  .optional()
  .openapi({
    description:
      "What the store knew then: a date (end of that day, UTC) or a timestamp (default now)",
    example: "2025-12-31",
  });

export const snapshotQuery = { dataset: datasetParam, asOf: asOfParam, knownAt: knownAtParam };

/** The snapshot a request names, with the dataset's current revision. */
export async function snapshotOf(
  services: Services,
  caller: Caller,
  q: { dataset?: string | undefined; knownAt?: string | undefined },
): Promise<Snapshot> {
  const datasetId = q.dataset ?? DEFAULT_DATASET_ID;
  const { revision, sequence } = await services.data.revisionInfo(datasetId);
  return {
    datasetId,
    revision,
    sequence,
    scope: caller.scope,
    knownAt: q.knownAt,
  };
}

const ENCODER = new TextEncoder();

/** True when the request's If-None-Match names `etag`. */
export function notModified(c: ApiContext, etag: string): boolean {
  const inm = c.req.header("if-none-match");
  if (!inm) return false;
  return inm
    .split(",")
    .map((s) => s.trim().replace(/^W\//, ""))
    .some((t) => t === etag || t === "*");
}

/**
 * Answers with a JSON document that depends only on the snapshot and `key`: an ETag, 304 when
 * the client has it, else the body rendered once per snapshot and kept.
 */
export async function cachedJson(
  c: ApiContext,
  services: Services,
  snap: Snapshot,
  key: string,
  compute: () => unknown | Promise<unknown>,
): Promise<Response> {
  return cachedBody(
    c,
    services,
    snap,
    key,
    async () => JSON.stringify(await compute()),
    "application/json; charset=utf-8",
  );
}

/**
 * The common read of a report: the caller's snapshot, the world on the policy's date (`q.asOf`, default today),
 * and `build`'s JSON of it, cached per query and date (see `cachedJson`).
 */
export async function worldReport(
  c: ApiContext,
  services: Services,
  q: { dataset?: string | undefined; knownAt?: string | undefined; asOf?: string | undefined },
  build: (world: World, snap: Snapshot, asOf: string) => unknown | Promise<unknown>,
): Promise<Response> {
  const snap = await snapshotOf(services, c.var.caller, q);
  const { asOf } = readingDates(q, undefined);
  return cachedJson(c, services, snap, `${queryKey(c)}|${asOf}`, async () =>
    build(await services.data.world(snap, asOf), snap, asOf),
  );
}

/** The key a snapshot's dataset goes by in the compute pool. */
export function snapshotKey(snap: Snapshot): string {
  return `${snap.datasetId}|${snap.revision}|${snap.scope}|${snap.knownAt ?? ""}`;
}

/**
 * Answers with the JSON result of compute task `task` over `snaps` (the first is the snapshot
 * the request names), which depends only on `cacheSnap` and `key`: an ETag, 304 when the client
 * has it, the answer kept once computed, a request for an answer being computed waiting for it.
 * Otherwise the computation is admitted within the caller's limits (429 past them) and runs on
 * the compute pool, off the event loop, within the caller's deadline.
 */
export async function computed<K extends ComputeTaskName>(
  c: ApiContext,
  services: Services,
  snaps: readonly Snapshot[],
  key: string,
  task: K,
  params: Parameters<(typeof COMPUTE_TASKS)[K]>[1],
  cacheSnap: Snapshot = snaps[0] as Snapshot,
): Promise<Response> {
  const etag = etagFor(cacheSnap, key);
  const headers = { ETag: etag, "Cache-Control": "private, no-cache" };
  if (notModified(c, etag)) return c.body(null, 304, headers);
  const send = (body: Uint8Array) =>
    c.body(body as Uint8Array<ArrayBuffer>, 200, {
      ...headers,
      "Content-Type": "application/json; charset=utf-8",
    });
  const kept = services.data.bodies.get(etag);
  if (kept !== undefined) return send(kept);
  const running = services.computing.get(etag);
  if (running !== undefined)
    try {
      return send(await running);
    } catch (e) {
      // The request it joined went away before its computation started: compute it here.
      if (!(e instanceof OrebookError && e.details.gone === true)) throw e;
    }
  const caller = c.var.caller;
  const deadline = services.limits.deadline(caller);
  const work = (async () => {
    const release = await services.limits.admit(caller, clientAddress(c), deadline);
    const admitted = Date.now();
    let computedMs = 0;
    try {
      const snapshots = await Promise.all(
        snaps.map(async (s) => ({ key: snapshotKey(s), dataset: await services.data.dataset(s) })),
      );
      const answer = await services.compute.run(task, snapshots, params, {
        deadline,
        signal: c.req.raw.signal,
        allowedMs: services.limits.allowedMs(caller),
      });
      computedMs = answer.ms;
      return answer.body;
    } catch (e) {
      // A computation stopped at its deadline spent the time up to it.
      if (e instanceof OrebookError && e.details.deadline === true && !e.details.waited)
        computedMs = Date.now() - admitted;
      throw e;
    } finally {
      release(computedMs);
    }
  })();
  services.computing.set(etag, work);
  try {
    const body = await work;
    services.data.bodies.set(etag, body);
    return send(body);
  } catch (e) {
    // The server is busy, or the computation ran out of time: the client may try again later.
    if (e instanceof OrebookError && e.code === "UNAVAILABLE" && !e.details.gone)
      throw httpError("UNAVAILABLE", e.message, { headers: { "Retry-After": "5" } });
    throw e;
  } finally {
    services.computing.delete(etag);
  }
}

/** As `cachedJson`, for a body already rendered as text of `contentType`. */
export async function cachedBody(
  c: ApiContext,
  services: Services,
  snap: Snapshot,
  key: string,
  render: () => Promise<string>,
  contentType: string,
): Promise<Response> {
  const etag = etagFor(snap, key);
  const headers = { ETag: etag, "Cache-Control": "private, no-cache" };
  if (notModified(c, etag)) return c.body(null, 304, headers);
  let body = services.data.bodies.get(etag);
  if (body === undefined) {
    body = ENCODER.encode(await render());
    services.data.bodies.set(etag, body);
  }
  return c.body(body as Uint8Array<ArrayBuffer>, 200, { ...headers, "Content-Type": contentType });
}

/**
 * Route middleware for reports keyed `${queryKey}|${asOf}`: a conditional request that names
 * asOf and an ETag this snapshot would give is answered 304 before its query is validated or
 * anything is computed. The ETag hashes the exact query, and only valid queries were ever given
 * one, so a match stands for a valid query; anything else goes on to the route.
 */
export function fastNotModified(services: Services): MiddlewareHandler<ApiEnv> {
  return async (c, next) => {
    const inm = c.req.header("if-none-match");
    const asOf = c.req.query("asOf");
    if (!inm || asOf === undefined) return next();
    let etag: string;
    try {
      const snap = await snapshotOf(services, c.var.caller, {
        dataset: c.req.query("dataset"),
        knownAt: c.req.query("knownAt"),
      });
      etag = etagFor(snap, `${queryKey(c)}|${asOf}`);
    } catch {
      return next();
    }
    const tags = inm.split(",").map((t) => t.trim().replace(/^W\//, ""));
    if (!tags.includes(etag)) return next();
    return c.body(null, 304, { ETag: etag, "Cache-Control": "private, no-cache" });
  };
}

/** The canonical key of a request's query: its parameters sorted. */
export function queryKey(c: ApiContext): string {
  const u = new URL(c.req.url);
  const params = [...u.searchParams.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `${u.pathname}?${new URLSearchParams(params).toString()}`;
}

export const bearer = [{ bearer: [] as string[] }];

/**
 * Registers a documented route whose handler sees the validated input's types. Handlers may
 * answer with any Response (cached bodies, 304s, streams): the generated-client test checks the
 * real responses against the document instead.
 */
export function openapi<R extends RouteConfig>(
  app: ApiApp,
  route: R,
  handler: (c: Parameters<RouteHandler<R, ApiEnv>>[0]) => Response | Promise<Response>,
): void {
  app.openapi(route, handler as unknown as RouteHandler<R, ApiEnv>);
}

/** A JSON answer of `schema`, with the ETag it is cached by. */
export const jsonAnswer = <S extends z.ZodType>(schema: S, description: string) => ({
  description,
  content: { "application/json": { schema } },
  headers: { ETag: { schema: { type: "string" as const } } },
});

/** A shipped scenario a report reads the world through, by id (NOT_FOUND when unknown). */
export function shippedScenario(
  services: Services,
  id: string | undefined,
): ShippedScenario | undefined {
  return id === undefined ? undefined : { id, scenario: services.scenarios.get(id) };
}

/** The validated query of a report route: the snapshot parameters and its own. */
export type ReportQuery<Q extends z.ZodRawShape> = {
  dataset?: string | undefined;
  asOf?: string | undefined;
  knownAt?: string | undefined;
} & z.infer<z.ZodObject<Q>>;

/** A report route: its document, its query, and the compute task that answers it. */
export interface ReportRoute<Q extends z.ZodRawShape, K extends ComputeTaskName> {
  path: string;
  /** The document's tag (default Reports). */
  tag?: string;
  summary: string;
  description?: string;
  /** The query parameters besides dataset, asOf and knownAt. */
  query: Q;
  /** The answer's schema and what it is. */
  answer: [z.ZodType, string];
  /** The use case (compute task of `app/compute-tasks.ts`) that answers. */
  task: K;
  /** The id of the shipped scenario the report reads the world through, if any. */
  scenario?: (q: ReportQuery<Q>) => string | undefined;
  /** The as-of date the report is read and cached at (default `readingDates`). */
  dates?: (q: ReportQuery<Q>, scenario: Scenario | undefined) => { asOf: string };
  /** The task's parameters (may refuse the request, e.g. past the caller's limits). */
  params: (
    q: ReportQuery<Q>,
    at: { asOf: string; scenario: ShippedScenario | undefined; c: ApiContext },
  ) => Parameters<(typeof COMPUTE_TASKS)[K]>[1];
}

/**
 * Registers a GET report route, the one shape every report has: parse the query, read the
 * caller's snapshot and the as-of date (with the shipped scenario, when one is named), call one
 * use case on the compute pool, send its JSON, ETagged and cached per dataset revision and query
 * (`computed`); a conditional request that names asOf is answered 304 before anything is read.
 */
export function reportRoute<Q extends z.ZodRawShape, K extends ComputeTaskName>(
  app: ApiApp,
  services: Services,
  r: ReportRoute<Q, K>,
): void {
  const route = createRoute({
    method: "get",
    path: r.path,
    tags: [r.tag ?? "Reports"],
    middleware: [fastNotModified(services)] as const,
    summary: r.summary,
    ...(r.description !== undefined ? { description: r.description } : {}),
    security: bearer,
    request: { query: z.object({ ...snapshotQuery, ...r.query }) },
    responses: {
      200: jsonAnswer(r.answer[0], r.answer[1]),
      304: { description: "Not modified (If-None-Match)" },
      ...PROBLEMS,
    },
  });
  openapi(app, route, async (c) => {
    const q = c.req.valid("query") as ReportQuery<Q>;
    const snap = await snapshotOf(services, c.var.caller, q);
    const scenario = shippedScenario(services, r.scenario?.(q));
    const { asOf } = r.dates ? r.dates(q, scenario?.scenario) : readingDates(q, scenario?.scenario);
    const params = r.params(q, { asOf, scenario, c });
    return computed(c, services, [snap], `${queryKey(c)}|${asOf}`, r.task, params);
  });
}
