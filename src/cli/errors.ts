/** Turns anything thrown into one readable message and an exit code. */
import { type ErrorCode, issueToString, OrebookError } from "../model/errors.js";

/** Every code has its exit code (sysexits.h where one fits). */
const EXIT: Record<ErrorCode, number> = {
  BAD_INPUT: 2,
  NOT_FOUND: 3,
  AMBIGUOUS: 4,
  INVALID_DATA: 5,
  CONFLICT: 6,
  UNSUPPORTED: 7,
  INTERNAL: 70,
  UNAUTHORIZED: 77,
  FORBIDDEN: 77,
  METHOD_NOT_ALLOWED: 2,
  NOT_ACCEPTABLE: 2,
  PAYLOAD_TOO_LARGE: 2,
  UNSUPPORTED_MEDIA_TYPE: 2,
  PRECONDITION_FAILED: 6,
  PRECONDITION_REQUIRED: 6,
  TOO_MANY_REQUESTS: 75,
  NOT_IMPLEMENTED: 7,
  UNAVAILABLE: 69,
};

/**
 * A file the user named that cannot be read is the user's to fix, not an internal error: the
 * system's errors for a missing file, a folder where a file belongs (or the reverse) and a file
 * not readable become located errors with their own exit codes.
 */
export function fromSystemError(e: unknown): unknown {
  if (e instanceof OrebookError || !(e instanceof Error)) return e;
  const { code, path } = e as { code?: unknown; path?: unknown };
  const where = typeof path === "string" ? path : "A file named";
  if (code === "ENOENT") return new OrebookError("NOT_FOUND", `${where} not found`, { cause: e });
  if (code === "EISDIR")
    return new OrebookError("BAD_INPUT", `${where} is a folder: expected a file`, { cause: e });
  if (code === "ENOTDIR")
    return new OrebookError("BAD_INPUT", `${where}: a part of the path is not a folder`, {
      cause: e,
    });
  if (code === "EACCES" || code === "EPERM")
    return new OrebookError("BAD_INPUT", `${where} cannot be read: permission denied`, {
      cause: e,
    });
  return e;
}

/** The process exit code for an error. */
export function exitCodeFor(e: unknown): number {
  const err = fromSystemError(e);
  return err instanceof OrebookError ? EXIT[err.code] : 70;
}

/** One message, then each issue on its own line (at most `limit`). */
export function renderError(thrown: unknown, limit = 50): string {
  const e = fromSystemError(thrown);
  if (!(e instanceof OrebookError)) {
    const msg = e instanceof Error ? e.message : String(e);
    return `orebook: internal error: ${msg}`;
  }
  const lines = [`orebook: ${e.message}`];
  for (const i of e.issues.slice(0, limit)) lines.push(`  ${issueToString(i)}`);
  if (e.issues.length > limit) lines.push(`  … and ${e.issues.length - limit} more`);
  return lines.join("\n");
}
