import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { type Fixture, fixture, SECRET_STRINGS } from "./_test-server.js";
import { workerScriptPath } from "./jobs/job-runner.js";

// Imports parse in job workers, which load the compiled modules (dist/).
const built = workerScriptPath() !== undefined;

let f: Fixture;
beforeAll(async () => {
  // A store on disk: imports run in job workers with their own connection, as on a server.
  f = await fixture({ onDisk: true });
});
afterAll(async () => {
  await f.close();
});

const get = (url: string, who: "viewer" | "analyst") =>
  f.app.request(url, { headers: f.auth(who) });

describe("export as BODS and CSV", () => {
  test("format=bods is BODS statements; a viewer's leave out every restricted record", async () => {
    const a = await get("/api/export?format=bods", "analyst");
    expect(a.status).toBe(200);
    expect(a.headers.get("content-disposition")).toBe('attachment; filename="drc.bods.json"');
    const statements = (await a.json()) as { statementId: string; recordType: string }[];
    expect(statements.length).toBeGreaterThan(10);
    expect(new Set(statements.map((s) => s.recordType))).toEqual(
      new Set(["entity", "person", "relationship"]),
    );
    expect(JSON.stringify(statements)).toContain("Shadow Fund");
    const v = await (await get("/api/export?format=bods", "viewer")).text();
    for (const s of SECRET_STRINGS) expect(v).not.toContain(s);
  });

  test("format=csv is one kind's table; without kind it is a 400 naming kind", async () => {
    const r = await get("/api/export?format=csv&kind=entities", "viewer");
    expect(r.status).toBe(200);
    expect(r.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(r.headers.get("etag")).toMatch(/^"/);
    const text = await r.text();
    expect(text.split("\r\n")[0]).toMatch(/^id,name,kind,/);
    for (const s of SECRET_STRINGS) expect(text).not.toContain(s);
    const none = await get("/api/export?format=csv", "viewer");
    expect(none.status).toBe(400);
    expect(((await none.json()) as { issues: { pointer: string }[] }).issues[0]?.pointer).toBe(
      "/kind",
    );
  });
});

describe.skipIf(!built)("import from BODS and CSV, parsed in a worker", () => {
  const csvOf = async () => {
    const text = await (await get("/api/export?format=csv&kind=entities", "analyst")).text();
    const [header, ...rows] = text.split("\r\n");
    return { header: header as string, gecamines: rows.find((r) => r.startsWith("gecamines,")) };
  };
  const post = (url: string, body: string, type: string, who: "viewer" | "analyst" = "analyst") =>
    f.app.request(url, {
      method: "POST",
      headers: { ...f.auth(who), "content-type": type },
      body,
    });

  test("CSV tables that refer to each other import together; unchanged records are skipped", async () => {
    const { header, gecamines } = await csvOf();
    const row = (gecamines as string).replace(/^gecamines,[^,]*,/, "csv-import-co,CSV Import Co,");
    const sources = await (await get("/api/export?format=csv&kind=sources", "analyst")).text();
    const r = await post(
      "/api/import?format=csv",
      JSON.stringify({ sources, entities: `${header}\r\n${row}\r\n` }),
      "application/json",
    );
    expect(r.status, await r.clone().text()).toBe(200);
    expect(await r.json()).toMatchObject({ writtenTotal: 1, written: { entities: 1 } });
    expect((await f.ledger.get("drc", "entities", "csv-import-co"))?.record).toMatchObject({
      name: "CSV Import Co",
    });
  });

  test("a bad CSV is a 422 naming the body, never a server path, and writes nothing", async () => {
    const { header, gecamines } = await csvOf();
    const row = (gecamines as string).replace(
      /^gecamines,[^,]*,[^,]*,/,
      "csv-bad-co,CSV Bad Co,spaceship,",
    );
    const r = await post(
      "/api/import?format=csv&kind=entities",
      `${header}\r\n${row}\r\n`,
      "text/csv",
    );
    const text = await r.text();
    expect(r.status, text).toBe(422);
    expect(text).not.toContain("orebook-import-");
    expect(text).not.toMatch(/\/tmp|\\\\/);
    const p = JSON.parse(text) as { issues: { message: string }[] };
    expect(p.issues.length).toBeGreaterThan(0);
    expect(await f.ledger.get("drc", "entities", "csv-bad-co")).toBeUndefined();
  });

  test("format=csv without kind, and a viewer's import, are refused before any work", async () => {
    expect((await post("/api/import?format=csv", "id\r\nx\r\n", "text/csv")).status).toBe(400);
    expect(
      (await post("/api/import?format=csv&kind=entities", "id\r\nx\r\n", "text/csv", "viewer"))
        .status,
    ).toBe(403);
  });

  test("BODS exported by one dataset imports into another, as a job (async=1)", async () => {
    const bods = await (await get("/api/export?format=bods", "analyst")).text();
    const r = await post(
      "/api/import?format=bods&dataset=bods-copy&async=1",
      bods,
      "application/json",
    );
    expect(r.status).toBe(202);
    const job = (await r.json()) as { id: string; links: { result: string } };
    const ended = await f.app.services.jobs.settled(job.id);
    expect(ended?.state, JSON.stringify(ended?.error)).toBe("done");
    const result = await get(job.links.result, "analyst");
    expect(result.status).toBe(200);
    const body = (await result.json()) as { datasetId: string; written: Record<string, number> };
    expect(body.datasetId).toBe("bods-copy");
    expect(body.written.entities).toBeGreaterThan(5);
    expect(body.written.stakes).toBeGreaterThan(5);
  });
  test("a lookthrough by name finds an entity imported into another dataset and says where, with the declared indirect owner at 30 %", async () => {
    const file = new URL("../../test/fixtures/bods/indirect-ownership.json", import.meta.url);
    const body = readFileSync(file, "utf8");
    const r = await post("/api/import?format=bods&dataset=imported-bods", body, "application/json");
    expect(r.status, await r.clone().text()).toBe(200);
    const look = await get("/api/reports/lookthrough?entity=Company%20A", "analyst");
    expect(look.status).toBe(200);
    const report = (await look.json()) as {
      dataset: string;
      foundElsewhere: boolean;
      owners: { id: string; share: number; declared?: number }[];
      declared: { id: string; placement: string; share: number }[];
    };
    expect(report.dataset).toBe("imported-bods");
    expect(report.foundElsewhere).toBe(true);
    const person = report.owners.find((o) => o.id === "person-1");
    expect(person?.share).toBeCloseTo(0.3, 12);
    expect(person?.declared).toBe(0.3);
    expect(report.declared).toMatchObject([{ id: "rel-1-a", placement: "derived", share: 0.3 }]);
    const named = await get(
      "/api/reports/lookthrough?entity=Company%20A&dataset=imported-bods",
      "analyst",
    );
    expect(((await named.json()) as { foundElsewhere: boolean }).foundElsewhere).toBe(false);
    const none = await get("/api/reports/lookthrough?entity=No%20Such%20Company", "analyst");
    expect(none.status).toBe(404);
  });
});
