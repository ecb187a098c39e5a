/**
 * Errors at the HTTP boundary, as RFC 9457 problem details (`application/problem+json`).
 *
 * The project has one error class, `OrebookError`, with one code union (the transport's codes
 * included); this module keeps the one table from code to HTTP status (after tRPC). Anything
 * thrown is normalised here: an `OrebookError` keeps its message and issues (and the response
 * headers `httpError` put in its details), anything else becomes `INTERNAL` with a fixed
 * message, so no stack, driver message, SQL or file path ever reaches a client.
 */
import { z } from "@hono/zod-openapi";
import { HTTPException } from "hono/http-exception";
import { ERROR_CODES, type ErrorCode, type Issue, OrebookError } from "../model/errors.js";

/** The codes a problem response may carry: the project's one union. */
export const PROBLEM_CODES = ERROR_CODES;
export type ProblemCode = ErrorCode;

/** One table from code to HTTP status and title. */
export const PROBLEM_STATUS: Readonly<Record<ProblemCode, { status: number; title: string }>> = {
  BAD_INPUT: { status: 400, title: "Bad input" },
  NOT_FOUND: { status: 404, title: "Not found" },
  AMBIGUOUS: { status: 409, title: "Ambiguous" },
  INVALID_DATA: { status: 422, title: "Invalid data" },
  CONFLICT: { status: 409, title: "Conflict" },
  UNSUPPORTED: { status: 400, title: "Unsupported" },
  INTERNAL: { status: 500, title: "Internal error" },
  UNAUTHORIZED: { status: 401, title: "Unauthorized" },
  FORBIDDEN: { status: 403, title: "Forbidden" },
  METHOD_NOT_ALLOWED: { status: 405, title: "Method not allowed" },
  NOT_ACCEPTABLE: { status: 406, title: "Not acceptable" },
  PAYLOAD_TOO_LARGE: { status: 413, title: "Payload too large" },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, title: "Unsupported media type" },
  PRECONDITION_FAILED: { status: 412, title: "Precondition failed" },
  PRECONDITION_REQUIRED: { status: 428, title: "Precondition required" },
  TOO_MANY_REQUESTS: { status: 429, title: "Too many requests" },
  NOT_IMPLEMENTED: { status: 501, title: "Not implemented" },
  UNAVAILABLE: { status: 503, title: "Unavailable" },
};

/**
 * The project's error with the response headers it needs (WWW-Authenticate, Set-Cookie), kept
 * in its details for `problemFromError`.
 *
 * @example throw httpError("UNAUTHORIZED", "Send a token", { headers: { "WWW-Authenticate": "Bearer" } })
 */
export function httpError(
  code: ErrorCode,
  message: string,
  opts: { issues?: Issue[]; headers?: Record<string, string> } = {},
): OrebookError {
  return new OrebookError(code, message, {
    ...(opts.issues ? { issues: opts.issues } : {}),
    ...(opts.headers ? { details: { headers: opts.headers } } : {}),
  });
}

function headersOf(e: OrebookError): Record<string, string> {
  const h = e.details.headers;
  if (h === null || typeof h !== "object") return {};
  return Object.fromEntries(
    Object.entries(h as Record<string, unknown>).filter(
      (kv): kv is [string, string] => typeof kv[1] === "string",
    ),
  );
}

export const problemIssueSchema = z
  .object({
    /** The field, as a JSON Pointer into the request body or the parameter name. */
    pointer: z.string(),
    path: z.array(z.union([z.string(), z.number()])),
    record: z.string().optional(),
    file: z.string().optional().openapi({
      description: "The table or file of the request the problem is in (entities.csv)",
    }),
    line: z.number().int().optional().openapi({ description: "Its line, from 1" }),
    column: z.number().int().optional().openapi({ description: "Its column, from 1" }),
    message: z.string(),
  })
  .openapi("ProblemIssue");

export const problemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    code: z.enum(PROBLEM_CODES),
    instance: z.string(),
    issues: z.array(problemIssueSchema),
  })
  .openapi("Problem");
export type Problem = z.infer<typeof problemSchema>;

/** The `type` URI of a code: an anchor on the docs page, relative to the server. */
export function problemTypeFor(code: ProblemCode): string {
  return `/docs#problem-${code.toLowerCase().replaceAll("_", "-")}`;
}

function pointerOf(path: readonly (string | number)[]): string {
  return `/${path.map((p) => String(p).replaceAll("~", "~0").replaceAll("/", "~1")).join("/")}`;
}

/** The issues of an error as the problem lists them. */
export function problemIssuesFrom(issues: readonly Issue[]): Problem["issues"] {
  return issues.slice(0, 100).map((i) => ({
    pointer: i.path.length ? pointerOf(i.path) : "",
    path: [...i.path],
    ...(i.record === undefined ? {} : { record: i.record }),
    // Where in the request's tables; a name with a folder would be the server's, never sent.
    ...(i.file === undefined || /[\\/]/.test(i.file) ? {} : { file: i.file }),
    ...(i.line === undefined ? {} : { line: i.line }),
    ...(i.column === undefined ? {} : { column: i.column }),
    message: i.message,
  }));
}

/** A problem document for `code`. */
export function problemFrom(
  code: ProblemCode,
  detail: string,
  instance: string,
  issues: readonly Issue[] = [],
): Problem {
  const { status, title } = PROBLEM_STATUS[code];
  return {
    type: problemTypeFor(code),
    title,
    status,
    detail,
    code,
    instance,
    issues: problemIssuesFrom(issues),
  };
}

const HTTP_CODES: Record<number, ProblemCode> = {
  400: "BAD_INPUT",
  401: "UNAUTHORIZED",
  403: "FORBIDDEN",
  404: "NOT_FOUND",
  405: "METHOD_NOT_ALLOWED",
  413: "PAYLOAD_TOO_LARGE",
  415: "UNSUPPORTED_MEDIA_TYPE",
};

/** Normalises anything thrown into a problem and the headers to send with it. */
export function problemFromError(
  e: unknown,
  instance: string,
): { problem: Problem; headers: Record<string, string> } {
  if (e instanceof OrebookError) {
    // An internal error's message may name files or drivers: keep it in the log, not the reply.
    if (e.code === "INTERNAL") return { problem: internal(instance), headers: {} };
    return {
      problem: problemFrom(e.code, e.message, instance, e.issues),
      headers: headersOf(e),
    };
  }
  if (e instanceof HTTPException) {
    const code = HTTP_CODES[e.status];
    if (code === "BAD_INPUT" && /JSON/i.test(e.message))
      return {
        problem: problemFrom(
          "BAD_INPUT",
          "The request body is not valid JSON: send one JSON document with Content-Type application/json",
          instance,
        ),
        headers: {},
      };
    if (code === "PAYLOAD_TOO_LARGE")
      return {
        problem: problemFrom("PAYLOAD_TOO_LARGE", "The request body is too large", instance),
        headers: {},
      };
    if (code === "UNSUPPORTED_MEDIA_TYPE")
      return {
        problem: problemFrom(
          "UNSUPPORTED_MEDIA_TYPE",
          "Send the body as JSON with Content-Type application/json",
          instance,
        ),
        headers: {},
      };
    if (code)
      return { problem: problemFrom(code, PROBLEM_STATUS[code].title, instance), headers: {} };
  }
  return { problem: internal(instance), headers: {} };
}

function internal(instance: string): Problem {
  return problemFrom(
    "INTERNAL",
    "The server failed to answer this request; it has been logged. Try again, and report it if it persists",
    instance,
  );
}

/** The issues of a failed Zod parse, every one, with its path. */
export function issuesFromZod(
  error: { issues: readonly { path: readonly PropertyKey[]; message: string; code?: string }[] },
  prefix: (string | number)[] = [],
): Issue[] {
  return error.issues.map((i) => {
    const path = [...prefix, ...i.path.map((p) => (typeof p === "number" ? p : String(p)))] as (
      | string
      | number
    )[];
    const keys = (i as { keys?: unknown }).keys;
    const message =
      i.code === "unrecognized_keys" && Array.isArray(keys)
        ? `Unknown field${keys.length === 1 ? "" : "s"} ${keys.join(", ")}: remove ${keys.length === 1 ? "it" : "them"} (see the schema in /openapi.json)`
        : i.message;
    return { path, message };
  });
}
