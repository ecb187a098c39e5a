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

/** The process exit code for an error. */
export function exitCodeFor(e: unknown): number {
  return e instanceof OrebookError ? EXIT[e.code] : 70;
}

/** One message, then each issue on its own line (at most `limit`). */
export function renderError(e: unknown, limit = 50): string {
  if (!(e instanceof OrebookError)) {
    const msg = e instanceof Error ? e.message : String(e);
    return `orebook: internal error: ${msg}`;
  }
  const lines = [`orebook: ${e.message}`];
  for (const i of e.issues.slice(0, limit)) lines.push(`  ${issueToString(i)}`);
  if (e.issues.length > limit) lines.push(`  … and ${e.issues.length - limit} more`);
  return lines.join("\n");
}
