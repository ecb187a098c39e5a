/**
 * Several servers, one database: two API servers on one PostgreSQL database, each with its own
 * connections and caches, give the same answers, and a write through one is visible through
 * the other at once. Needs a PostgreSQL server (`OREBOOK_TEST_PG_URL`, default the local one);
 * skipped with a notice when there is none, except under CI=true.
 */
import pg from "pg";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { type RunningServer, startServer } from "./server.js";
import { TokenStore } from "./token-store.js";

const ADMIN_URL = process.env.OREBOOK_TEST_PG_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const DB = `orebook_api_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;

async function withAdmin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 3_000 });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end().catch(() => {});
  }
}

const down = await withAdmin((c) => c.query("select 1")).then(
  () => undefined,
  (e: unknown) => (e instanceof Error ? e.message : String(e)),
);
if (down !== undefined) {
  if (process.env.CI === "true") throw new Error(`PostgreSQL is required under CI: ${down}`);
  process.stderr.write(
    `\n  NOTICE: two-servers test SKIPPED: no PostgreSQL at ${new URL(ADMIN_URL).host} (${down})\n`,
  );
}

describe.skipIf(down !== undefined)("two servers on one PostgreSQL database", () => {
  let a: RunningServer;
  let b: RunningServer;
  let token: string;
  const url = (() => {
    const u = new URL(ADMIN_URL);
    u.pathname = `/${DB}`;
    return u.toString();
  })();

  beforeAll(async () => {
    await withAdmin((c) => c.query(`CREATE DATABASE ${DB}`));
    // A loads the reference data on first start; B finds it there.
    a = await startServer({ databaseUrl: url, port: 0 });
    b = await startServer({ databaseUrl: url, port: 0 });
    const store = await TokenStore.open({ databaseUrl: url });
    token = (await store.create({ role: "analyst", name: "two-servers" })).token;
    await store.close();
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await withAdmin((c) => c.query(`DROP DATABASE IF EXISTS ${DB} WITH (FORCE)`));
  });

  const get = (s: RunningServer, path: string, headers: Record<string, string> = {}) =>
    fetch(`${s.url}${path}`, { headers: { authorization: `Bearer ${token}`, ...headers } });

  test("a token made once works on both, and both give the same report and ETag", async () => {
    const path = "/api/reports/control?commodity=cobalt&period=2024&asOf=2025-12-31";
    const [ra, rb] = await Promise.all([get(a, path), get(b, path)]);
    expect(ra.status).toBe(200);
    expect(rb.status).toBe(200);
    expect(await ra.text()).toBe(await rb.text());
    expect(ra.headers.get("etag")).toBe(rb.headers.get("etag"));
  });

  test("a write through one is visible through the other at once", async () => {
    const report = "/api/reports/lookthrough?entity=gecamines&asOf=2026-06-30";
    const before = await get(b, report);
    const etag = before.headers.get("etag") as string;
    const entity = {
      id: "two-servers-co",
      name: "Two Servers Co",
      kind: "company",
      country: "US",
      sources: ["congojob-kamoto"],
      asOf: "2026",
    };
    const created = await fetch(`${a.url}/api/records/entities`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify(entity),
    });
    expect(created.status).toBe(201);
    const read = await get(b, "/api/records/entities/two-servers-co");
    expect(read.status).toBe(200);
    expect(((await read.json()) as { record: { name: string } }).record.name).toBe(
      "Two Servers Co",
    );
    // The dataset's revision moved: B's cached report is no longer current.
    const after = await get(b, report, { "if-none-match": etag });
    expect(after.status).toBe(200);

    // A stale correction through B, after A corrected the record, writes nothing.
    const fix = (s: RunningServer, name: string, version: number) =>
      fetch(`${s.url}/api/records/entities/two-servers-co`, {
        method: "PUT",
        headers: {
          authorization: `Bearer ${token}`,
          "content-type": "application/json",
          "if-match": `"v${version}"`,
        },
        body: JSON.stringify({ ...entity, name }),
      });
    expect((await fix(a, "Two Servers Company", 1)).status).toBe(200);
    const stale = await fix(b, "Two Servers Inc", 1);
    expect(stale.status).toBe(412);
    const now = await get(a, "/api/records/entities/two-servers-co");
    expect(((await now.json()) as { record: { name: string } }).record.name).toBe(
      "Two Servers Company",
    );
  });

  test("a stake corrected through one server is in the next look-through of both: the writer's kept register updated in place, the other's read again", async () => {
    const headers = { authorization: `Bearer ${token}`, "content-type": "application/json" };
    const asOf = "2026-06-30";
    const lookthrough = async (s: RunningServer, id: string) =>
      (await (await get(s, `/api/reports/lookthrough?entity=${id}&asOf=${asOf}`)).json()) as {
        owners: { id: string; share: number }[];
      };
    const list = (await (await get(a, `/api/records/stakes?asOf=${asOf}&limit=500`)).json()) as {
      items: { id: string; owner: string; owned: string; share: number; shareMin?: number }[];
    };
    const stake = list.items.find((x) => x.shareMin === undefined && x.share > 0.1);
    if (!stake) throw new Error("no stake to correct");
    const was = await lookthrough(a, stake.owned);
    expect(await lookthrough(b, stake.owned)).toEqual(was);
    const [builtA, builtB] = [a.live.builds, b.live.builds];
    const read = await get(a, `/api/records/stakes/${stake.id}`);
    const put = await fetch(`${a.url}/api/records/stakes/${stake.id}`, {
      method: "PUT",
      headers: { ...headers, "if-match": read.headers.get("etag") as string },
      body: JSON.stringify({
        ...((await read.json()) as { record: object }).record,
        share: stake.share / 2,
      }),
    });
    expect(put.status).toBe(200);
    const [ra, rb] = [await lookthrough(a, stake.owned), await lookthrough(b, stake.owned)];
    expect(ra).toEqual(rb);
    const before = (await (
      await get(b, `/api/reports/lookthrough?entity=${stake.owned}&asOf=${asOf}&dataset=drc`)
    ).json()) as typeof ra;
    expect(before).toEqual(ra);
    expect(a.live.builds).toBe(builtA);
    expect(b.live.builds).toBe(builtB + 1);
    // The owners' shares moved with the write (the owned node's unrecorded holders grew).
    expect(ra).not.toEqual(was);
  });

  test("an import raced against a correction on the other server: never both, the winner's name stays", async () => {
    const entity = {
      id: "race-co",
      name: "Race Co",
      kind: "company",
      country: "US",
      sources: ["congojob-kamoto"],
      asOf: "2026",
    };
    const headers = { authorization: `Bearer ${token}`, "content-type": "application/json" };
    const made = await fetch(`${a.url}/api/records/entities`, {
      method: "POST",
      headers,
      body: JSON.stringify(entity),
    });
    expect(made.status).toBe(201);
    for (let run = 1; run <= 10; run++) {
      // Both writers read the same state: the record's version and the dataset's revision.
      const read = await get(a, "/api/records/entities/race-co");
      const etag = read.headers.get("etag") as string;
      const exported = await get(b, "/api/export?format=json");
      const base = exported.headers.get("x-orebook-revision") as string;
      await exported.arrayBuffer();
      const [put, imported] = await Promise.all([
        fetch(`${a.url}/api/records/entities/race-co`, {
          method: "PUT",
          headers: { ...headers, "if-match": etag },
          body: JSON.stringify({ ...entity, name: `Edited ${run}` }),
        }),
        fetch(`${b.url}/api/import?base=${encodeURIComponent(base)}`, {
          method: "POST",
          headers,
          body: JSON.stringify({ entities: [{ ...entity, name: `Imported ${run}` }] }),
        }),
      ]);
      const statuses = [put.status, imported.status];
      // Exactly one wins; the other is told its copy is stale.
      expect(
        statuses.filter((s) => s === 200),
        `run ${run}: ${statuses}`,
      ).toHaveLength(1);
      expect([412, 409]).toContain(statuses.find((s) => s !== 200));
      const now = (await (await get(a, "/api/records/entities/race-co")).json()) as {
        record: { name: string };
      };
      expect(now.record.name).toBe(put.status === 200 ? `Edited ${run}` : `Imported ${run}`);
    }
  });

  test("a CSV import runs in a job worker with its own connection: both servers see it at once, cancelled ones write nothing", async () => {
    const headers = { authorization: `Bearer ${token}`, "content-type": "text/csv" };
    const report = "/api/reports/lookthrough?entity=gecamines&asOf=2026-06-30";
    const before = await get(a, report);
    const etag = before.headers.get("etag") as string;
    await before.arrayBuffer();
    const rows = (prefix: string, n: number) => {
      const lines = ["id,name,kind,country,sources,asOf"];
      for (let i = 0; i < n; i++)
        lines.push(`${prefix}${i},PG Worker ${prefix}${i},company,CD,congojob-kamoto,2025`);
      return `${lines.join("\n")}\n`;
    };
    const imported = await fetch(`${b.url}/api/import?format=csv&kind=entities`, {
      method: "POST",
      headers,
      body: rows("pg-worker-", 500),
    });
    const result = (await imported.json()) as { writtenTotal: number; revision: string };
    expect(imported.status, JSON.stringify(result)).toBe(200);
    expect(result.writtenTotal).toBe(500);
    expect((await get(a, "/api/records/entities/pg-worker-499")).status).toBe(200);
    expect((await get(a, report, { "if-none-match": etag })).status).toBe(200);

    // Cancelled mid-import: the worker's connection and transaction go, nothing is written.
    const job = (await (
      await fetch(`${b.url}/api/import?format=csv&kind=entities&async=1`, {
        method: "POST",
        headers,
        body: rows("pg-cut-", 100_000),
      })
    ).json()) as { id: string };
    for (;;) {
      const s = (await (await get(b, `/api/jobs/${job.id}`)).json()) as {
        state: string;
        progress: { done: number; total: number };
      };
      expect(["queued", "running"]).toContain(s.state);
      if (s.progress.total > 0 && s.progress.done >= s.progress.total / 4) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    const del = await fetch(`${b.url}/api/jobs/${job.id}`, {
      method: "DELETE",
      headers: { authorization: `Bearer ${token}` },
    });
    expect(((await del.json()) as { state: string }).state).toBe("cancelled");
    expect((await get(a, "/api/records/entities/pg-cut-0")).status).toBe(404);
    const { items } = (await (await get(a, "/api/datasets")).json()) as {
      items: { id: string; updatedAt: string }[];
    };
    const drc = items.find((d) => d.id === "drc");
    expect(drc?.updatedAt).toBe(result.revision);
  });
});
