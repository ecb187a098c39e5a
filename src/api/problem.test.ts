import { describe, expect, test } from "vitest";
import { ERROR_CODES, OrebookError } from "../model/errors.js";
import { httpError, PROBLEM_STATUS, problemFromError } from "./problem.js";

describe("problems", () => {
  test("every code of the one error class has its HTTP status", () => {
    for (const code of ERROR_CODES) {
      expect(PROBLEM_STATUS[code].status).toBeGreaterThanOrEqual(400);
      expect(PROBLEM_STATUS[code].title).not.toBe("");
    }
  });

  test("httpError() is an OrebookError whose headers reach the response", () => {
    const e = httpError("UNAUTHORIZED", "Send a token", {
      headers: { "WWW-Authenticate": 'Bearer realm="orebook"' },
    });
    expect(e).toBeInstanceOf(OrebookError);
    const { problem, headers } = problemFromError(e, "/api/x");
    expect(problem).toMatchObject({ status: 401, code: "UNAUTHORIZED", detail: "Send a token" });
    expect(headers).toEqual({ "WWW-Authenticate": 'Bearer realm="orebook"' });
  });

  test("an internal error's message and headers never reach the client", () => {
    const e = new OrebookError("INTERNAL", "ENOENT /srv/secret/file", {
      details: { headers: { "X-Leak": "1" } },
    });
    const { problem, headers } = problemFromError(e, "/api/x");
    expect(JSON.stringify(problem)).not.toContain("secret");
    expect(headers).toEqual({});
    const { problem: p2 } = problemFromError(new Error("boom at /srv"), "/api/x");
    expect(p2.code).toBe("INTERNAL");
    expect(p2.detail).not.toContain("/srv");
  });
});
