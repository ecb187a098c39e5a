import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import SwaggerParser from "@apidevtools/swagger-parser";
import openapiTS, { astToString } from "openapi-typescript";
import ts from "typescript";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { type Fixture, fixture } from "./_test-server.js";
import { API_TYPES_FILE, apiTypesFrom } from "./api-types.js";
import { openApiDocument } from "./openapi-document.js";

let f: Fixture;
let doc: {
  paths: Record<
    string,
    Record<string, { responses: Record<string, { content?: Record<string, unknown> }> }>
  >;
};
beforeAll(async () => {
  f = await fixture();
  doc = (await (await f.app.request("/openapi.json")).json()) as typeof doc;
});
afterAll(async () => {
  await f.close();
});

const analyst = () => ({ authorization: `Bearer ${f.tokens.analyst}` });

describe("the OpenAPI document", () => {
  test("passes a standard OpenAPI 3.1 validator", async () => {
    const api = await SwaggerParser.validate(structuredClone(doc) as never);
    expect((api as { openapi: string }).openapi).toBe("3.1.0");
  });

  test("names every record kind's schema and the problem", async () => {
    const schemas = Object.keys(
      (doc as unknown as { components: { schemas: object } }).components.schemas,
    );
    for (const name of [
      "Entity",
      "Stake",
      "Deal",
      "ControlReport",
      "Problem",
      "JobStatus",
      "Scenario",
      "FlowsReport",
      "RoutesReport",
      "StockpileReport",
      "ScenarioEvaluation",
      "Comparison",
      "ControlSweepParams",
      "MonteCarloParams",
      "ProcurementParams",
      "ImportParams",
    ])
      expect(schemas).toContain(name);
  });

  test("the docs page lists every path and every problem code", async () => {
    const html = await (await f.app.request("/docs")).text();
    for (const path of Object.keys(doc.paths))
      expect(html).toContain(path.replaceAll("&", "&amp;"));
    expect(html).toContain('id="problem-not-implemented"');
    expect(html).not.toContain("<script");
  });

  test("every documented route answers with a documented status and media type", async () => {
    const ids: Record<string, string> = {};
    const seen: string[] = [];
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        let url = path;
        const kind = /^\/api\/records\/(\w+)/.exec(path)?.[1];
        if (kind && path.includes("{id}")) {
          ids[kind] ??=
            (
              (await (
                await f.app.request(`/api/records/${kind}?limit=1`, { headers: analyst() })
              ).json()) as {
                items: { id: string }[];
              }
            ).items[0]?.id ?? "none";
          url = url.replace("{id}", ids[kind] ?? "none");
        }
        url = url
          .replace("/api/jobs/{id}", "/api/jobs/00000000-0000-4000-8000-000000000000")
          .replace("/api/tokens/{id}", "/api/tokens/000000000000")
          .replace("{id}", "orion-cmc-glencore-kcc-mutanda");
        const query = "commodity=cobalt&country=CN&entity=gecamines&period=2024&asOf=2025-12-31";
        const headers: Record<string, string> = {
          ...analyst(),
          "content-type": "application/json",
          "if-match": '"v999"',
        };
        const res = await f.app.request(`${url}?${query}`, {
          method: method.toUpperCase(),
          headers,
          ...(method === "get" || method === "delete" ? {} : { body: "{}" }),
        });
        const documented = Object.keys(op.responses);
        expect(documented, `${method.toUpperCase()} ${path} answered ${res.status}`).toContain(
          String(res.status),
        );
        const type = (res.headers.get("content-type") ?? "").split(";")[0] as string;
        const media = Object.keys(op.responses[String(res.status)]?.content ?? {});
        if (media.length > 0) expect(media, `${method.toUpperCase()} ${path}`).toContain(type);
        seen.push(`${method} ${path}`);
        await res.body?.cancel();
      }
    }
    expect(seen.length).toBeGreaterThan(100);
  });
});

describe("a client generated from the document", () => {
  test(`is written by the build as ${API_TYPES_FILE} and up to date with the routes (else: npm run api-types)`, async () => {
    const written = readFileSync(new URL(`../../${API_TYPES_FILE}`, import.meta.url), "utf8");
    const current = await apiTypesFrom(doc as unknown as Record<string, unknown>);
    expect(current === written, `${API_TYPES_FILE} is stale: run npm run api-types`).toBe(true);
  });

  test("is written from the document a server serves, whatever its data", async () => {
    // npm run api-types builds the document over an empty store; a served one has data.
    expect(await openApiDocument()).toEqual(doc);
  });

  test("type-checks against the real responses", async () => {
    const types = astToString(await openapiTS(structuredClone(doc) as never));
    const responses: [string, string, string, string, string][] = [];
    const take = async (
      path: string,
      url: string,
      status: number,
      media = "application/json",
      headers: Record<string, string> = analyst(),
      body?: unknown,
    ) => {
      const res = await f.app.request(url, {
        headers: body === undefined ? headers : { ...headers, "content-type": "application/json" },
        ...(body === undefined ? {} : { method: "POST", body: JSON.stringify(body) }),
      });
      expect(res.status).toBe(status);
      responses.push([
        path,
        body === undefined ? "get" : "post",
        String(status),
        media,
        await res.text(),
      ]);
    };
    await take(
      "/api/reports/control",
      "/api/reports/control?commodity=cobalt&period=2024&asOf=2025-12-31",
      200,
    );
    await take(
      "/api/reports/explain",
      "/api/reports/explain?commodity=cobalt&country=CN&period=2024&asOf=2025-12-31",
      200,
    );
    await take(
      "/api/reports/lookthrough",
      "/api/reports/lookthrough?entity=gecamines&asOf=2025-12-31",
      200,
    );
    await take("/api/records/entities", "/api/records/entities?limit=20", 200);
    await take("/api/records/stakes", "/api/records/stakes?limit=20", 200);
    await take("/api/records/deals", "/api/records/deals?limit=5", 200);
    await take("/api/records/entities/{id}", "/api/records/entities/gecamines", 200);
    await take(
      "/api/records/stakes/{id}/history",
      "/api/records/stakes/stake-kcc-gecamines/history",
      200,
    );
    await take("/api/datasets", "/api/datasets", 200);
    await take(
      "/api/reports/flows",
      "/api/reports/flows?commodity=cobalt&period=2024&asOf=2025-12-31",
      200,
    );
    await take(
      "/api/reports/routes",
      "/api/reports/routes?commodity=cobalt&period=2024&asOf=2025-12-31",
      200,
    );
    await take("/api/scenarios", "/api/scenarios", 200);
    await take("/api/deals", "/api/deals?asOf=2025-12-31", 200);
    await take("/api/session", "/api/session", 200);
    const evaluate = { scenario: "orion-cmc-closes", commodities: ["cobalt"] };
    await take(
      "/api/scenarios/evaluate",
      "/api/scenarios/evaluate",
      200,
      undefined,
      analyst(),
      evaluate,
    );
    await take("/api/scenarios/compare", "/api/scenarios/compare", 200, undefined, analyst(), {
      scenarios: ["base", "lobito-closed"],
      commodities: ["cobalt"],
    });
    await take(
      "/api/deals/{id}/evaluate",
      "/api/deals/orion-cmc-glencore-kcc-mutanda/evaluate",
      200,
      undefined,
      analyst(),
      { date: "2026-03-01", commodities: ["cobalt"] },
    );
    await take(
      "/api/scenarios/evaluate",
      "/api/scenarios/evaluate",
      422,
      "application/problem+json",
      analyst(),
      { scenario: "base", colour: "blue" },
    );
    await take("/api/tokens", "/api/tokens", 200, "application/json", {
      authorization: `Bearer ${f.tokens.admin}`,
    });
    await take(
      "/api/records/entities/{id}",
      "/api/records/entities/nope",
      404,
      "application/problem+json",
    );
    await take(
      "/api/reports/control",
      "/api/reports/control?commodity=cobalt",
      401,
      "application/problem+json",
      {},
    );
    const checks = responses
      .map(
        ([path, method, status, media, body], i) =>
          `export const r${i}: paths[${JSON.stringify(path)}][${JSON.stringify(method)}]["responses"][${status}]["content"][${JSON.stringify(media)}] = ${body};`,
      )
      .join("\n");
    const dir = mkdtempSync(join(tmpdir(), "orebook-client-"));
    try {
      writeFileSync(join(dir, "api.ts"), types);
      writeFileSync(join(dir, "check.ts"), `import type { paths } from "./api.js";\n${checks}\n`);
      const program = ts.createProgram([join(dir, "check.ts")], {
        strict: true,
        exactOptionalPropertyTypes: true,
        noUncheckedIndexedAccess: true,
        noEmit: true,
        module: ts.ModuleKind.NodeNext,
        moduleResolution: ts.ModuleResolutionKind.NodeNext,
        target: ts.ScriptTarget.ES2022,
        skipLibCheck: true,
        types: [],
      });
      const problems = ts
        .getPreEmitDiagnostics(program)
        .map(
          (d) =>
            ts.flattenDiagnosticMessageText(d.messageText, "\n").slice(0, 400) +
            ts.flattenDiagnosticMessageText(d.messageText, "\n").slice(-1200),
        );
      expect(problems).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
