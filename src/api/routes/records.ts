/**
 * Records of every kind, one set of routes per kind with the model's schema as the body:
 * list (paged), get, create, correct (If-Match the version read), withdraw, history. Reads see
 * only what the caller's scope may see; a record hidden from a viewer answers exactly as one
 * that does not exist.
 */
import { createRoute, z } from "@hono/zod-openapi";
import type { GraphUpdate } from "../../app/live-register.js";
import { DEFAULT_DATASET_ID, type RecordVersion } from "../../ledger/ledger.js";
import { RECORD_KINDS, type RecordKind } from "../../model/dataset.js";
import { isValidOn } from "../../model/dates.js";
import { OrebookError } from "../../model/errors.js";
import { ID_PATTERN } from "../../model/ids.js";
import { needs } from "../auth.js";
import { httpError } from "../problem.js";
import { NAMED_RECORD_SCHEMAS, RECORD_NAMES, recordVersionSchemaFor } from "../schemas.js";
import { recordVisible } from "../visibility.js";
import {
  type ApiApp,
  type ApiContext,
  bearer,
  cachedJson,
  datasetParam,
  knownAtParam,
  notModified,
  openapi,
  PROBLEMS,
  queryKey,
  type Services,
  snapshotOf,
  WRITE_PROBLEMS,
} from "./common.js";

const idParam = z
  .string()
  .regex(ID_PATTERN, "Expected an id of letters, digits and . _ : -")
  .openapi({ param: { name: "id", in: "path" }, example: "gecamines" });

const ifMatch = z.string().optional().openapi({
  description: 'The version read, as its ETag ("v3"): required, so a stale write cannot overwrite',
  example: '"v1"',
});

/** The version an If-Match header names; PRECONDITION_REQUIRED when absent. */
function expectedVersionFrom(c: ApiContext): number {
  const h = c.req.header("if-match");
  if (h === undefined)
    throw httpError(
      "PRECONDITION_REQUIRED",
      'Send If-Match with the ETag of the version you read (e.g. If-Match: "v3"), so a change made since is not overwritten',
    );
  const m = /^\s*(?:W\/)?"v(\d+)"\s*$/.exec(h);
  if (!m)
    throw httpError(
      "PRECONDITION_FAILED",
      `If-Match ${h} is not a version ETag of this API: expected "v<version>", as GET returned it`,
    );
  return Number(m[1]);
}

const CURSOR_RE = /^[A-Za-z0-9_-]{1,400}$/;

function cursorFrom(s: string | undefined): string | undefined {
  if (s === undefined) return undefined;
  if (!CURSOR_RE.test(s))
    throw httpError(
      "BAD_INPUT",
      "The cursor is not one this API gave: pass nextCursor as it came",
      {
        issues: [{ path: ["cursor"], message: "Not a cursor from a previous page" }],
      },
    );
  return Buffer.from(s, "base64url").toString("utf8");
}

function conflictAsPrecondition(e: unknown): unknown {
  // A stale If-Match is a failed precondition in HTTP terms; the message says what to do.
  if (e instanceof OrebookError && e.code === "CONFLICT" && e.details.currentVersion !== undefined)
    return httpError("PRECONDITION_FAILED", e.message);
  return e;
}

export function registerRecordRoutes(app: ApiApp, services: Services): void {
  for (const kind of RECORD_KINDS) registerKind(app, services, kind);
}

function registerKind(app: ApiApp, services: Services, kind: RecordKind): void {
  const name = RECORD_NAMES[kind];
  const schema = NAMED_RECORD_SCHEMAS[kind];
  const versionSchema = recordVersionSchemaFor(schema, `${name}Version`);
  const base = `/api/records/${kind}`;
  const tags = ["Records"];
  const versionReply = (description: string) => ({
    description,
    content: { "application/json": { schema: versionSchema } },
    headers: { ETag: { schema: { type: "string" as const } } },
  });

  /** The visible current version, or NOT_FOUND worded the same whether absent or hidden. */
  async function visibleVersion(
    c: ApiContext,
    id: string,
    q: { dataset?: string | undefined; knownAt?: string | undefined },
  ) {
    const caller = c.var.caller;
    const snap = await snapshotOf(services, caller, q);
    const notFound = new OrebookError(
      "NOT_FOUND",
      `No ${kind} record ${id} in dataset ${snap.datasetId}`,
    );
    const v = await services.data.ledger.get(
      snap.datasetId,
      kind,
      id,
      q.knownAt === undefined ? {} : { knownAt: q.knownAt },
    );
    if (!v) throw notFound;
    if (caller.scope !== "all") {
      const ds = await services.data.dataset(snap);
      if (!(ds[kind] as { id: string }[]).some((r) => r.id === id)) throw notFound;
    }
    return { v, snap, notFound };
  }

  openapi(
    app,
    createRoute({
      method: "get",
      path: base,
      tags,
      summary: `List ${kind}`,
      description: `The ${kind} records as the store knew them at knownAt; with asOf, only those in force that day. Sorted by id, paged with cursor.`,
      security: bearer,
      request: {
        query: z.object({
          dataset: datasetParam,
          knownAt: knownAtParam,
          asOf: z
            .string()
            .regex(/^\d{4}-\d{2}-\d{2}$/, "Expected a date as YYYY-MM-DD")
            .optional(),
          limit: z
            .string()
            .regex(/^([1-9]\d{0,2}|1000)$/, "Expected a whole number from 1 to 1000")
            .optional()
            .openapi({ description: "Page size, 1 to 1000 (default 100)" }),
          cursor: z
            .string()
            .max(400)
            .optional()
            .openapi({ description: "nextCursor of the previous page" }),
        }),
      },
      responses: {
        200: {
          description: `A page of ${kind}`,
          content: {
            "application/json": {
              schema: z
                .object({
                  items: z.array(schema),
                  total: z.number().int(),
                  nextCursor: z.string().nullable(),
                })
                .openapi(`${name}Page`),
            },
          },
        },
        304: { description: "Not modified (If-None-Match)" },
        ...PROBLEMS,
      },
    }),
    async (c) => {
      const q = c.req.valid("query");
      const snap = await snapshotOf(services, c.var.caller, q);
      const after = cursorFrom(q.cursor);
      const limit = q.limit ? Number(q.limit) : 100;
      return cachedJson(c, services, snap, queryKey(c), async () => {
        const ds = await services.data.dataset(snap);
        let all = [...(ds[kind] as { id: string; validFrom?: string; validTo?: string }[])];
        if (q.asOf) {
          const on = q.asOf;
          all = all.filter((r) => isValidOn(on, r.validFrom, r.validTo));
        }
        all.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
        const start = after === undefined ? 0 : all.findIndex((r) => r.id > after);
        const from = start < 0 ? all.length : start;
        const items = all.slice(from, from + limit);
        const last = items[items.length - 1];
        const more = from + limit < all.length && last !== undefined;
        return {
          items,
          total: all.length,
          nextCursor: more ? Buffer.from(last.id, "utf8").toString("base64url") : null,
        };
      });
    },
  );

  openapi(
    app,
    createRoute({
      method: "get",
      path: `${base}/{id}`,
      tags,
      summary: `Get one of ${kind}`,
      description:
        "The current version (or the one current at knownAt), with its ETag for a later correction.",
      security: bearer,
      request: {
        params: z.object({ id: idParam }),
        query: z.object({ dataset: datasetParam, knownAt: knownAtParam }),
      },
      responses: {
        200: versionReply(`The ${name}`),
        304: { description: "Not modified" },
        ...PROBLEMS,
      },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const q = c.req.valid("query");
      const { v } = await visibleVersion(c, id, q);
      const etag = `"v${v.version}"`;
      if (notModified(c, etag)) return c.body(null, 304, { ETag: etag });
      c.header("ETag", etag);
      c.header("Cache-Control", "private, no-cache");
      return c.json(v, 200);
    },
  );

  openapi(
    app,
    createRoute({
      method: "get",
      path: `${base}/{id}/history`,
      tags,
      summary: `History of one of ${kind}`,
      description:
        "Every version, oldest first: corrections and withdrawals with who wrote them, when and why.",
      security: bearer,
      request: { params: z.object({ id: idParam }), query: z.object({ dataset: datasetParam }) },
      responses: {
        200: {
          description: "The versions",
          content: {
            "application/json": {
              schema: z.object({ items: z.array(versionSchema) }).openapi(`${name}History`),
            },
          },
        },
        ...PROBLEMS,
      },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const q = c.req.valid("query");
      const caller = c.var.caller;
      const snap = await snapshotOf(services, caller, q);
      const versions = await services.data.ledger.history(snap.datasetId, id, { kind });
      const notFound = new OrebookError(
        "NOT_FOUND",
        `No ${kind} record ${id} in dataset ${snap.datasetId}`,
      );
      if (versions.length === 0) throw notFound;
      let items: RecordVersion[] = versions;
      if (caller.scope !== "all") {
        const ds = await services.data.dataset(snap);
        if (!(ds[kind] as { id: string }[]).some((r) => r.id === id)) throw notFound;
        const hidden = await services.data.hiddenIds(snap);
        // A past version is shown only if it would be visible today on its own.
        items = versions.filter((v) => !v.record || recordVisible(v.record, hidden));
      }
      return c.json({ items }, 200);
    },
  );

  const bodyOf = (description: string) => ({
    required: true,
    description,
    content: { "application/json": { schema } },
  });

  openapi(
    app,
    createRoute({
      method: "post",
      path: base,
      tags,
      summary: `Create one of ${kind}`,
      middleware: [needs("analyst", `Creating ${kind}`)] as const,
      description:
        "Writes version 1 of a new record. Analysts and admins. Cross-references are checked against the dataset.",
      security: bearer,
      request: { query: z.object({ dataset: datasetParam }), body: bodyOf(`The new ${name}`) },
      responses: { 201: versionReply("Created"), ...WRITE_PROBLEMS },
    }),
    async (c) => {
      const q = c.req.valid("query");
      const rec = (await c.req.json()) as { id?: unknown };
      const datasetId = q.dataset ?? DEFAULT_DATASET_ID;
      const graph: GraphUpdate[] = [];
      const v = await services.live.write(
        datasetId,
        kind,
        String(rec.id),
        () =>
          services.data.ledger.put(datasetId, kind, rec, {
            actor: actorOf(c),
            expectedVersion: 0,
            ...noteOf(c),
          }),
        (u) => graph.push(u),
      );
      graphTiming(c, graph);
      c.header("ETag", `"v${v.version}"`);
      c.header(
        "Location",
        `${base}/${encodeURIComponent(v.id)}${q.dataset ? `?dataset=${q.dataset}` : ""}`,
      );
      return c.json(v, 201);
    },
  );

  openapi(
    app,
    createRoute({
      method: "put",
      path: `${base}/{id}`,
      tags,
      summary: `Correct one of ${kind}`,
      middleware: [needs("analyst", `Correcting ${kind}`)] as const,
      description:
        "Writes a new version. Send If-Match with the ETag of the version read: if someone wrote since, 412 and nothing is written. Optional X-Change-Note says why.",
      security: bearer,
      request: {
        params: z.object({ id: idParam }),
        query: z.object({ dataset: datasetParam }),
        headers: z.object({ "if-match": ifMatch }),
        body: bodyOf(`The corrected ${name}`),
      },
      responses: {
        200: versionReply("The new version"),
        ...WRITE_PROBLEMS,
        412: WRITE_PROBLEMS[409],
        428: WRITE_PROBLEMS[409],
      },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const q = c.req.valid("query");
      const expectedVersion = expectedVersionFrom(c);
      const rec = (await c.req.json()) as { id?: unknown };
      if (rec.id !== id)
        throw httpError(
          "BAD_INPUT",
          `The body's id ${String(rec.id)} is not the id in the path (${id})`,
          {
            issues: [{ path: ["id"], message: `Expected ${id}, the id in the path` }],
          },
        );
      const datasetId = q.dataset ?? DEFAULT_DATASET_ID;
      const graph: GraphUpdate[] = [];
      const v = await services.live
        .write(
          datasetId,
          kind,
          id,
          () =>
            services.data.ledger.put(datasetId, kind, rec, {
              actor: actorOf(c),
              expectedVersion,
              ...noteOf(c),
            }),
          (u) => graph.push(u),
        )
        .catch((e: unknown) => {
          throw conflictAsPrecondition(e);
        });
      graphTiming(c, graph);
      c.header("ETag", `"v${v.version}"`);
      return c.json(v, 200);
    },
  );

  openapi(
    app,
    createRoute({
      method: "delete",
      path: `${base}/{id}`,
      tags,
      summary: `Withdraw one of ${kind}`,
      middleware: [needs("analyst", `Withdrawing ${kind}`)] as const,
      description:
        "Writes a tombstone version (history keeps every earlier one). Same If-Match rule as a correction.",
      security: bearer,
      request: {
        params: z.object({ id: idParam }),
        query: z.object({ dataset: datasetParam }),
        headers: z.object({ "if-match": ifMatch }),
      },
      responses: {
        200: versionReply("The tombstone"),
        ...WRITE_PROBLEMS,
        412: WRITE_PROBLEMS[409],
        428: WRITE_PROBLEMS[409],
      },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const q = c.req.valid("query");
      const expectedVersion = expectedVersionFrom(c);
      const datasetId = q.dataset ?? DEFAULT_DATASET_ID;
      const v = await services.live
        .write(datasetId, kind, id, () =>
          services.data.ledger.remove(datasetId, kind, id, {
            actor: actorOf(c),
            expectedVersion,
            ...noteOf(c),
          }),
        )
        .catch((e: unknown) => {
          throw conflictAsPrecondition(e);
        });
      return c.json(v, 200);
    },
  );
}

/**
 * A `Server-Timing` entry for each kept register a stake write reached: how its graph took
 * the stake (`LiveRegisters.ways`) and the milliseconds that took, e.g.
 * `graph;desc="reordered";dur=12.3`.
 */
function graphTiming(c: ApiContext, updates: readonly GraphUpdate[]): void {
  if (updates.length === 0) return;
  c.header(
    "Server-Timing",
    updates.map((u) => `graph;desc="${u.way}";dur=${u.ms.toFixed(1)}`).join(", "),
  );
}

/** The actor the ledger records: the token's name and id. */
export function actorOf(c: ApiContext): string {
  const caller = c.var.caller;
  return caller.tokenId ? `${caller.name} (token ${caller.tokenId})` : caller.name;
}

function noteOf(c: ApiContext): { note?: string } {
  const n = c.req.header("x-change-note");
  return n ? { note: n.slice(0, 500) } : {};
}
