/**
 * An import through the API (a dataset as JSON, CSV tables or BODS statements) runs in a job
 * worker with its own connection to the store, never on the server's event loop (issue 24): while it runs, cached reads, the health check and
 * job status keep answering, and this server's own writes wait for it instead of blocking the
 * thread. Cancelling a running import writes nothing.
 *
 * The import is held mid-run without any timing: the test holds the SQLite file's write lock
 * from a connection of its own, so the import cannot commit until the test lets go. An import
 * on the event loop would block the whole server (and this test with it) on that lock until
 * it failed; in a worker, only the worker waits.
 */
import Database from "better-sqlite3";
import { afterAll, afterEach, beforeAll, describe, expect, test, vi } from "vitest";
import { type Fixture, fixture } from "./_test-server.js";
import { workerScriptPath } from "./jobs/job-runner.js";

// Workers load the compiled modules (dist/); CI builds before it tests.
const built = workerScriptPath() !== undefined;
if (!built && process.env.CI === "true")
  throw new Error("dist/api/jobs/worker.js is missing: run npm run build");

let f: Fixture;
beforeAll(async () => {
  f = await fixture({ onDisk: true });
});
afterAll(async () => {
  await f.close();
});
afterEach(() => {
  vi.restoreAllMocks();
});

type Who = "viewer" | "analyst";
const get = (url: string, who: Who = "analyst", headers: Record<string, string> = {}) =>
  f.app.request(url, { headers: { ...f.auth(who), ...headers } });

const post = (url: string, body: string, type: string) =>
  f.app.request(url, {
    method: "POST",
    headers: { ...f.auth("analyst"), "content-type": type },
    body,
  });

interface JobStatus {
  id: string;
  state: string;
  progress: { done: number; total: number; message: string };
}

const status = async (id: string) => (await (await get(`/api/jobs/${id}`)).json()) as JobStatus;

/** Polls the job's status until `ok` says so (each poll is a request the server answers). */
async function until(id: string, ok: (s: JobStatus) => boolean): Promise<JobStatus> {
  for (;;) {
    const s = await status(id);
    if (ok(s) || (s.state !== "queued" && s.state !== "running")) return s;
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** The store's write lock, held from a connection of the test's own until `release`. */
function holdWriteLock(): { release(): void } {
  const db = new Database(f.ledger.location);
  db.exec("BEGIN IMMEDIATE");
  return {
    release() {
      db.exec("ROLLBACK");
      db.close();
    },
  };
}

const SOURCES = "id,title,kind,confidence\nsrc-off-loop,Off the loop,derived,low\n";
const entities = (prefix: string, rows: number) => {
  const lines = ["id,name,kind,country,sources,asOf"];
  for (let i = 0; i < rows; i++)
    lines.push(`${prefix}${i},Off Loop ${prefix} ${i},company,CD,src-off-loop,2025`);
  return `${lines.join("\n")}\n`;
};

const LOOKTHROUGH = "/api/reports/lookthrough?entity=gecamines&asOf=2025-12-31";

describe.skipIf(!built)("an import through the API runs off the event loop", () => {
  test("while a CSV import waits on the store, cached reads, health and job status answer, and a PUT waits for it without blocking", async () => {
    const cached = await get(LOOKTHROUGH, "viewer");
    expect(cached.status).toBe(200);
    const etag = cached.headers.get("etag") as string;
    expect(etag).toMatch(/^"/);
    // The import writes through the worker's connection, never the server's.
    const serverLoads = vi.spyOn(f.ledger, "load");
    const lock = holdWriteLock();
    let released = false;
    try {
      const r = await post(
        "/api/import?format=csv&async=1",
        JSON.stringify({ sources: SOURCES, entities: entities("offloop-", 2000) }),
        "application/json",
      );
      expect(r.status).toBe(202);
      const job = (await r.json()) as JobStatus;
      expect((await until(job.id, (s) => s.state === "running")).state).toBe("running");

      // The cached report answers from its cache (304 on its ETag), the health check answers,
      // and the import is still running: it cannot end while the test holds the lock.
      const again = await get(LOOKTHROUGH, "viewer", { "if-none-match": etag });
      expect(again.status).toBe(304);
      expect((await get("/api/health", "viewer")).status).toBe(200);

      // A record written through this server meanwhile waits for the import (this process's
      // writes queue behind it) while the server goes on answering.
      const read = await get("/api/records/entities/gecamines");
      const { record } = (await read.json()) as { record: Record<string, unknown> };
      let putEnded = false;
      const put = Promise.resolve(
        f.app.request("/api/records/entities/gecamines", {
          method: "PUT",
          headers: {
            ...f.auth("analyst"),
            "content-type": "application/json",
            "if-match": read.headers.get("etag") as string,
          },
          body: JSON.stringify({ ...record, name: "Gécamines (during an import)" }),
        }),
      ).finally(() => {
        putEnded = true;
      });
      expect((await get("/api/health", "viewer")).status).toBe(200);
      expect((await get(LOOKTHROUGH, "viewer", { "if-none-match": etag })).status).toBe(304);
      expect((await status(job.id)).state).toBe("running");
      expect(putEnded).toBe(false);

      lock.release();
      released = true;
      const ended = await f.app.services.jobs.settled(job.id);
      expect(ended?.state, JSON.stringify(ended?.error)).toBe("done");
      expect(ended?.result).toMatchObject({ writtenTotal: 2001, datasetId: "drc" });
      expect(serverLoads).not.toHaveBeenCalled();
      const written = await put;
      expect(written.status, await written.clone().text()).toBe(200);

      // The server sees the worker's write: the records, and a new revision for every cache.
      expect((await get("/api/records/entities/offloop-1999")).status).toBe(200);
      const after = await get(LOOKTHROUGH, "viewer", { "if-none-match": etag });
      expect(after.status).toBe(200);
      expect(after.headers.get("etag")).not.toBe(etag);
    } finally {
      if (!released) lock.release();
    }
  });

  test("a BODS import is read and written in a worker too: the server answers while it waits on the store", async () => {
    const bods = await (await get("/api/export?format=bods")).text();
    // Read and written in the worker: the server's ledger writes nothing.
    const serverLoads = vi.spyOn(f.ledger, "load");
    const lock = holdWriteLock();
    let released = false;
    try {
      const jobs = await post(
        "/api/import?format=bods&dataset=off-loop-bods&async=1",
        bods,
        "application/json",
      );
      expect(jobs.status).toBe(202);
      const job = (await jobs.json()) as JobStatus;
      expect((await until(job.id, (s) => s.state === "running")).state).toBe("running");
      expect((await get("/api/health", "viewer")).status).toBe(200);
      expect((await status(job.id)).state).toBe("running");
      lock.release();
      released = true;
      const ended = await f.app.services.jobs.settled(job.id);
      expect(ended?.state, JSON.stringify(ended?.error)).toBe("done");
      expect(serverLoads).not.toHaveBeenCalled();
      expect(
        (ended?.result as { written: Record<string, number> }).written.entities,
      ).toBeGreaterThan(5);
    } finally {
      if (!released) lock.release();
    }
  });

  test("a JSON dataset is read, checked and written in a worker too: while it waits on the store, cached reads, health and job status answer, and a PUT waits for it", async () => {
    const cached = await get(LOOKTHROUGH, "viewer");
    expect(cached.status).toBe(200);
    const etag = cached.headers.get("etag") as string;
    // Parsed, checked and written in the worker: the server's ledger writes nothing.
    const serverLoads = vi.spyOn(f.ledger, "load");
    const dataset = {
      sources: [
        { id: "src-json-off-loop", title: "JSON off the loop", kind: "derived", confidence: "low" },
      ],
      entities: Array.from({ length: 2000 }, (_, i) => ({
        id: `json-off-loop-${i}`,
        name: `JSON Off Loop ${i}`,
        kind: "company",
        country: "CD",
        sources: ["src-json-off-loop"],
        asOf: "2025",
      })),
    };
    const lock = holdWriteLock();
    let released = false;
    try {
      const r = await post("/api/import?async=1", JSON.stringify(dataset), "application/json");
      expect(r.status, await r.clone().text()).toBe(202);
      const job = (await r.json()) as JobStatus;
      expect(r.headers.get("location")).toBe(`/api/jobs/${job.id}`);
      expect((await until(job.id, (s) => s.state === "running")).state).toBe("running");

      expect((await get(LOOKTHROUGH, "viewer", { "if-none-match": etag })).status).toBe(304);
      expect((await get("/api/health", "viewer")).status).toBe(200);

      const read = await get("/api/records/entities/glencore");
      const { record } = (await read.json()) as { record: Record<string, unknown> };
      let putEnded = false;
      const put = Promise.resolve(
        f.app.request("/api/records/entities/glencore", {
          method: "PUT",
          headers: {
            ...f.auth("analyst"),
            "content-type": "application/json",
            "if-match": read.headers.get("etag") as string,
          },
          body: JSON.stringify({ ...record, name: "Glencore (during a JSON import)" }),
        }),
      ).finally(() => {
        putEnded = true;
      });
      expect((await get("/api/health", "viewer")).status).toBe(200);
      expect((await get(LOOKTHROUGH, "viewer", { "if-none-match": etag })).status).toBe(304);
      expect((await status(job.id)).state).toBe("running");
      expect(putEnded).toBe(false);

      lock.release();
      released = true;
      const ended = await f.app.services.jobs.settled(job.id);
      expect(ended?.state, JSON.stringify(ended?.error)).toBe("done");
      expect(ended?.result).toMatchObject({
        writtenTotal: 2001,
        written: { sources: 1, entities: 2000 },
        datasetId: "drc",
      });
      expect(serverLoads).not.toHaveBeenCalled();
      const written = await put;
      expect(written.status, await written.clone().text()).toBe(200);
      expect((await get("/api/records/entities/json-off-loop-1999")).status).toBe(200);
      expect(
        (
          (await (await get("/api/records/entities/glencore")).json()) as {
            record: { name: string };
          }
        ).record.name,
      ).toBe("Glencore (during a JSON import)");
    } finally {
      if (!released) lock.release();
    }
  });

  test("a JSON import's problems come back from its worker located, and nothing is written", async () => {
    const serverLoads = vi.spyOn(f.ledger, "load");
    const entity = (id: string, name: string) => ({
      id,
      name,
      kind: "company",
      country: "CD",
      sources: ["congojob-kamoto"],
      asOf: "2025",
    });
    const bad = await post(
      "/api/import?dataset=drc",
      JSON.stringify({ entities: [entity("json-fine", "Fine"), entity("json-unnamed", "")] }),
      "application/json",
    );
    const problem = (await bad.json()) as {
      code: string;
      detail: string;
      issues: { record?: string; path: (string | number)[] }[];
    };
    expect(bad.status, JSON.stringify(problem)).toBe(422);
    expect(problem.code).toBe("INVALID_DATA");
    expect(problem.issues[0]).toMatchObject({ record: "entities json-unnamed", path: ["name"] });
    expect(problem.detail).toContain("entities json-unnamed name");
    expect(await f.ledger.get("drc", "entities", "json-fine")).toBeUndefined();
    // Text that is not JSON is refused with its line and column; a key that is no record kind
    // with its name.
    const broken = await post(
      "/api/import",
      '{"entities": [\n{"id": "a"},\n{"id": }\n]}',
      "application/json",
    );
    expect(broken.status).toBe(400);
    expect(((await broken.json()) as { detail: string }).detail).toMatch(
      /^Not valid JSON in body at line 3, column 1: entities\[1\]/,
    );
    const unknown = await post("/api/import", '{"entitties": []}', "application/json");
    expect(unknown.status).toBe(422);
    expect(((await unknown.json()) as { detail: string }).detail).toBe(
      "1 problem in the body, the first: entitties: Unknown field entitties: remove it (see the schema in /openapi.json)",
    );
    expect(serverLoads).not.toHaveBeenCalled();
  });

  test("cancelling a running import leaves nothing half-written: same revision, no record, and the store takes the next write", async () => {
    const revisionOf = async (id: string) =>
      (await f.ledger.datasets()).find((d) => d.id === id) ?? null;
    // A first write makes the dataset, so its revision can be compared.
    const first = await post(
      "/api/import?format=csv&kind=sources&dataset=cancelled",
      SOURCES,
      "text/csv",
    );
    expect(first.status, await first.clone().text()).toBe(200);
    const before = await revisionOf("cancelled");
    expect(before).not.toBeNull();
    const rows = 100_000;
    const r = await post(
      "/api/import?format=csv&kind=entities&dataset=cancelled&async=1",
      entities("cut-", rows),
      "text/csv",
    );
    expect(r.status).toBe(202);
    const job = (await r.json()) as JobStatus;
    // Cancelled once a quarter of the table is read: the worker is writing as it reads.
    const seen = await until(
      job.id,
      (s) => s.progress.total > 0 && s.progress.done >= s.progress.total / 4,
    );
    expect(seen.state, JSON.stringify(seen)).toBe("running");
    const del = await f.app.request(`/api/jobs/${job.id}`, {
      method: "DELETE",
      headers: f.auth("analyst"),
    });
    expect(((await del.json()) as JobStatus).state).toBe("cancelled");
    expect(await revisionOf("cancelled")).toEqual(before);
    for (const id of ["cut-0", "cut-1", `cut-${rows / 8}`, `cut-${rows - 1}`])
      expect(await f.ledger.get("cancelled", "entities", id)).toBeUndefined();
    // Neither the worker's connection nor its transaction is left holding the store.
    const next = await post(
      "/api/import?format=csv&kind=entities&dataset=cancelled",
      entities("after-", 3),
      "text/csv",
    );
    expect(next.status, await next.clone().text()).toBe(200);
    expect(await f.ledger.get("cancelled", "entities", "after-2")).toBeDefined();
    expect(await f.ledger.get("cancelled", "entities", "cut-0")).toBeUndefined();
  });
});
