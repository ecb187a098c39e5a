import { request } from "node:http";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { type Fixture, fixture } from "./_test-server.js";
import { workerScriptPath } from "./jobs/job-runner.js";
import { type RunningServer, startServer } from "./server.js";

// Workers load the compiled modules (dist/); CI builds before it tests.
const built = workerScriptPath() !== undefined;
if (!built) {
  if (process.env.CI === "true")
    throw new Error("dist/api/jobs/worker.js is missing: run npm run build");
  process.stderr.write(
    "NOTICE: job tests skipped: dist/api/jobs/worker.js is missing (run npm run build)\n",
  );
}

let f: Fixture;
let server: RunningServer;
beforeAll(async () => {
  f = await fixture();
  server = await startServer({
    ledger: f.ledger,
    tokens: f.tokenStore,
    port: 0,
    jobConcurrency: 2,
  });
});
afterAll(async () => {
  await server?.close();
  await f?.close();
});

interface SseEvent {
  event: string;
  data: Record<string, unknown>;
}

/** Reads a server-sent event stream to its end. */
async function readEvents(res: Response): Promise<SseEvent[]> {
  const text = await res.text();
  return text
    .split("\n\n")
    .filter((block) => block.includes("event:"))
    .map((block) => {
      const event = /^event: (.*)$/m.exec(block)?.[1] ?? "";
      const data = /^data: (.*)$/m.exec(block)?.[1] ?? "{}";
      return { event, data: JSON.parse(data) as Record<string, unknown> };
    });
}

describe.skipIf(!built)("jobs in worker threads", () => {
  const auth = () => ({
    authorization: `Bearer ${f.tokens.analyst}`,
    "content-type": "application/json",
  });

  test("a control sweep runs in a worker: 202, progress over SSE, then the result", async () => {
    const post = await fetch(`${server.url}/api/jobs`, {
      method: "POST",
      headers: auth(),
      body: JSON.stringify({
        kind: "control-sweep",
        params: { commodities: ["cobalt", "copper"], from: 2023, to: 2024, step: "quarter" },
      }),
    });
    expect(post.status).toBe(202);
    const job = (await post.json()) as { id: string; links: { events: string; result: string } };
    expect(post.headers.get("location")).toBe(`/api/jobs/${job.id}`);
    const stream = await fetch(`${server.url}${job.links.events}`, { headers: auth() });
    expect(stream.headers.get("content-type")).toMatch(/^text\/event-stream/);
    const events = await readEvents(stream);
    expect(events[0]?.event).toBe("status");
    expect(events[events.length - 1]?.event).toBe("done");
    const result = await fetch(`${server.url}${job.links.result}`, { headers: auth() });
    expect(result.status).toBe(200);
    const body = (await result.json()) as { reports: number; rows: { commodity: string }[] };
    expect(body.reports).toBe(2 * 4 * 2);
    expect(body.rows).toHaveLength(16);
  });

  test("a running job can be cancelled: its worker is terminated and it has no result", async () => {
    const post = await fetch(`${server.url}/api/jobs`, {
      method: "POST",
      headers: auth(),
      body: JSON.stringify({
        kind: "control-sweep",
        params: { from: 2000, to: 2030, step: "month", thresholds: [0.3, 0.4, 0.5, 0.6, 0.7] },
      }),
    });
    const job = (await post.json()) as { id: string };
    const events = fetch(`${server.url}/api/jobs/${job.id}/events`, { headers: auth() }).then(
      readEvents,
    );
    // While the worker computes, the event loop still answers quickly.
    await new Promise((r) => setTimeout(r, 300));
    const t0 = performance.now();
    const report = await fetch(
      `${server.url}/api/reports/lookthrough?entity=gecamines&asOf=2025-12-31`,
      { headers: auth() },
    );
    expect(report.status).toBe(200);
    expect(performance.now() - t0).toBeLessThan(1000);
    const del = await fetch(`${server.url}/api/jobs/${job.id}`, {
      method: "DELETE",
      headers: auth(),
    });
    expect(((await del.json()) as { state: string }).state).toBe("cancelled");
    const seen = await events;
    expect(seen[seen.length - 1]?.event).toBe("cancelled");
    const result = await fetch(`${server.url}/api/jobs/${job.id}/result`, { headers: auth() });
    expect(result.status).toBe(409);
    expect(((await result.json()) as { detail: string }).detail).toBe(
      `Job ${job.id} was cancelled: it has no result`,
    );
  });

  test("bad parameters are refused before a worker starts", async () => {
    const r = await f.app.request("/api/jobs", {
      method: "POST",
      headers: auth(),
      body: JSON.stringify({ kind: "control-sweep", params: { step: "week", extra: 1 } }),
    });
    expect(r.status).toBe(422);
    const p = (await r.json()) as { code: string; issues: { pointer: string }[] };
    expect(p.code).toBe("INVALID_DATA");
    expect(p.issues.map((i) => i.pointer).sort()).toEqual(["/params", "/params/step"]);
  });

  test("an unknown job kind is a 422 naming the kinds", async () => {
    const r = await f.app.request("/api/jobs", {
      method: "POST",
      headers: auth(),
      body: JSON.stringify({ kind: "telepathy" }),
    });
    expect(r.status).toBe(422);
    expect(((await r.json()) as { issues: { pointer: string }[] }).issues[0]?.pointer).toBe(
      "/kind",
    );
  });

  test("a procurement plan runs in a worker (HiGHS loaded there) and answers the CLI's shape", async () => {
    const post = await fetch(`${server.url}/api/jobs`, {
      method: "POST",
      headers: auth(),
      body: JSON.stringify({
        kind: "procurement",
        params: { holder: "project-vault", asOf: "2026-03-31", assumeEmpty: true, routes: false },
      }),
    });
    expect(post.status).toBe(202);
    const job = (await post.json()) as { links: { events: string; result: string } };
    const events = await readEvents(
      await fetch(`${server.url}${job.links.events}`, { headers: auth() }),
    );
    expect(events.at(-1)?.event, JSON.stringify(events.at(-1))).toBe("done");
    const r = await fetch(`${server.url}${job.links.result}`, { headers: auth() });
    expect(r.status).toBe(200);
    const plan = (await r.json()) as {
      stockpile: string;
      months: string[];
      budget: object;
      purchases: unknown[];
    };
    expect(plan.stockpile).toBe("project-vault");
    expect(plan.months).toHaveLength(12);
    expect(plan.months[0]).toBe("2026-04");
    expect(Array.isArray(plan.purchases)).toBe(true);
  });

  test("a job is visible only to its submitter and admins", async () => {
    const r = await f.app.request("/api/jobs", {
      method: "POST",
      headers: auth(),
      body: JSON.stringify({
        kind: "control-sweep",
        params: { commodities: ["cobalt"], from: 2024, to: 2024 },
      }),
    });
    const { id } = (await r.json()) as { id: string };
    const other = await f.tokenStore.create({ role: "analyst", name: "other" });
    const hidden = await f.app.request(`/api/jobs/${id}`, {
      headers: { authorization: `Bearer ${other.token}` },
    });
    expect(hidden.status).toBe(404);
    const viewer = await f.app.request(`/api/jobs/${id}`, {
      headers: { authorization: `Bearer ${f.tokens.viewer}` },
    });
    expect(viewer.status).toBe(404);
    const admin = await f.app.request(`/api/jobs/${id}`, {
      headers: { authorization: `Bearer ${f.tokens.admin}` },
    });
    expect(admin.status).toBe(200);
  });
});

describe("a real socket", () => {
  test("the server answers over HTTP with the same problems and headers", async () => {
    const health = await fetch(`${server.url}/api/health`);
    expect(health.status).toBe(200);
    expect(health.headers.get("x-content-type-options")).toBe("nosniff");
    const denied = await fetch(`${server.url}/api/records/entities`);
    expect(denied.status).toBe(401);
    expect(denied.headers.get("content-type")).toBe("application/problem+json");
    // The server answers 413 from Content-Length without reading the body, then closes.
    const big = await new Promise<{ status: number; type: string }>((resolve, reject) => {
      const body = `{"note":"${"x".repeat(2 * 1024 * 1024)}"}`;
      const req = request(`${server.url}/api/records/entities`, {
        method: "POST",
        headers: {
          authorization: `Bearer ${f.tokens.analyst}`,
          "content-type": "application/json",
          "content-length": Buffer.byteLength(body),
        },
      });
      req.on("response", (res) => {
        res.resume();
        resolve({ status: res.statusCode ?? 0, type: String(res.headers["content-type"]) });
      });
      req.on("error", (e) => reject(e));
      req.end(body);
    });
    expect(big.type).toBe("application/problem+json");
    expect(big.status).toBe(413);
    const report = await fetch(
      `${server.url}/api/reports/control?commodity=copper&period=2024&asOf=2025-12-31`,
      {
        headers: { authorization: `Bearer ${f.tokens.viewer}` },
      },
    );
    expect(report.status).toBe(200);
    const etag = report.headers.get("etag") as string;
    const again = await fetch(
      `${server.url}/api/reports/control?commodity=copper&period=2024&asOf=2025-12-31`,
      {
        headers: { authorization: `Bearer ${f.tokens.viewer}`, "if-none-match": etag },
      },
    );
    expect(again.status).toBe(304);
  });
});

describe.skipIf(!built)("Monte Carlo jobs", () => {
  const auth = () => ({
    authorization: `Bearer ${f.tokens.analyst}`,
    "content-type": "application/json",
  });
  const submit = async (params: Record<string, unknown>) => {
    const post = await fetch(`${server.url}/api/jobs`, {
      method: "POST",
      headers: auth(),
      body: JSON.stringify({ kind: "monte-carlo", params }),
    });
    return { post, job: (await post.json()) as { id: string; links: Record<string, string> } };
  };

  test("a shipped scenario's draws run in the job worker; SSE through a session cookie", async () => {
    const { post, job } = await submit({ scenario: "montecarlo-risks", runs: 400, seed: 7 });
    expect(post.status).toBe(202);
    // The dashboard's way: a session cookie, no Authorization header (EventSource cannot send one).
    const session = await fetch(`${server.url}/api/session`, {
      method: "POST",
      headers: { authorization: `Bearer ${f.tokens.analyst}` },
    });
    const cookie = (session.headers.get("set-cookie") ?? "").split(";")[0] as string;
    const stream = await fetch(`${server.url}${job.links.events}`, { headers: { cookie } });
    expect(stream.status).toBe(200);
    const events = await readEvents(stream);
    expect(events.at(-1)?.event).toBe("done");
    const result = await fetch(`${server.url}${job.links.result}`, { headers: { cookie } });
    expect(result.status).toBe(200);
    const body = (await result.json()) as {
      runs: number;
      seed: number;
      events: { probability: number }[];
      distributions: {
        metric: string;
        p10: number | null;
        p50: number | null;
        p90: number | null;
      }[];
    };
    expect(body.runs).toBe(400);
    expect((body as unknown as { stockpile: { holder: string } }).stockpile.holder).toBe(
      "project-vault",
    );
    expect(body.seed).toBe(7);
    expect(body.events.length).toBeGreaterThan(0);
    const us = body.distributions.find((d) => d.metric === "usAccessibleTonnes");
    expect(us?.p10).not.toBeNull();
    expect(us?.p10 as number).toBeLessThanOrEqual(us?.p90 as number);
  });

  test("a scenario that cannot apply fails the job with each problem's path under params", async () => {
    const { post, job } = await submit({
      scenario: {
        name: "Bad",
        baseDate: "2026-01-01",
        changes: [{ kind: "deal-closes", deal: "no-such-deal", probability: 0.5 }],
      },
      runs: 10,
    });
    expect(post.status).toBe(202);
    await readEvents(await fetch(`${server.url}${job.links.events}`, { headers: auth() }));
    const r = await fetch(`${server.url}${job.links.result}`, { headers: auth() });
    expect(r.status).toBe(422);
    const p = (await r.json()) as { code: string; issues: { pointer: string }[] };
    expect(p.code).toBe("INVALID_DATA");
    expect(p.issues.map((i) => i.pointer)).toEqual(["/params/scenario/changes/0/deal"]);
  });

  test("bad parameters and unknown scenarios are refused before a worker starts", async () => {
    const bad = await submit({ runs: 0, colour: "blue" });
    expect(bad.post.status).toBe(422);
    const unknown = await submit({ scenario: "no-such" });
    expect(unknown.post.status).toBe(404);
  });

  test("a long Monte Carlo can be cancelled", async () => {
    const { job } = await submit({ scenario: "montecarlo-risks", runs: 200_000, seed: 3 });
    const del = await fetch(`${server.url}/api/jobs/${job.id}`, {
      method: "DELETE",
      headers: auth(),
    });
    expect(del.status).toBe(200);
    expect(((await del.json()) as { state: string }).state).toBe("cancelled");
  });
});
