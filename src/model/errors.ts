/**
 * One error class for the whole project, with a code union (after tRPC). Boundaries (CLI,
 * API) map codes to exit codes and HTTP statuses; messages are sentence case, no final period.
 * The codes after INTERNAL are raised at the HTTP boundary (authentication, sizes, media types,
 * preconditions); the CLI maps them too, so both tables stay total.
 */

export const ERROR_CODES = [
  "BAD_INPUT",
  "NOT_FOUND",
  "AMBIGUOUS",
  "INVALID_DATA",
  "CONFLICT",
  "UNSUPPORTED",
  "INTERNAL",
  "UNAUTHORIZED",
  "FORBIDDEN",
  "METHOD_NOT_ALLOWED",
  "NOT_ACCEPTABLE",
  "PAYLOAD_TOO_LARGE",
  "UNSUPPORTED_MEDIA_TYPE",
  "PRECONDITION_FAILED",
  "PRECONDITION_REQUIRED",
  "TOO_MANY_REQUESTS",
  "NOT_IMPLEMENTED",
  "UNAVAILABLE",
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/**
 * How bad a finding is: an `error` stops an import; a `warning` or `information` is listed and
 * the input is used (information: the input refers to things outside itself, e.g. a BODS delta).
 */
export type Severity = "error" | "warning" | "information";

/** One problem found in input: where it is and what is expected. */
export interface Issue {
  /** The file, when the input came from one. */
  file?: string;
  line?: number;
  column?: number;
  /** The record (kind and id) and the field path inside it. */
  record?: string;
  path: (string | number)[];
  message: string;
  /** Absent: an error. */
  severity?: Severity;
  /** The name of the check that found it, where checks are named (BODS additional checks). */
  check?: string;
}

/** Whether an issue stops the input being used (an error; issues without a severity are). */
export function isError(i: Issue): boolean {
  return i.severity === undefined || i.severity === "error";
}

export class OrebookError extends Error {
  readonly code: ErrorCode;
  readonly issues: readonly Issue[];
  readonly details: Readonly<Record<string, unknown>>;
  constructor(
    code: ErrorCode,
    message: string,
    opts: { issues?: Issue[]; details?: Record<string, unknown>; cause?: unknown } = {},
  ) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = "OrebookError";
    this.code = code;
    this.issues = opts.issues ?? [];
    this.details = opts.details ?? {};
  }
}

/** Renders an issue as `file:line:column: record path: message`. */
export function issueToString(i: Issue): string {
  const where = [i.file, i.line, i.column].filter((x) => x !== undefined).join(":");
  const field = [i.record, i.path.length ? i.path.join(".") : undefined].filter(Boolean).join(" ");
  const level = i.severity === undefined || i.severity === "error" ? undefined : i.severity;
  return [where, field, level, i.message].filter((s) => s !== undefined && s !== "").join(": ");
}
