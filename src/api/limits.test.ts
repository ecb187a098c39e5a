import { afterEach, describe, expect, test } from "vitest";
import { type Fixture, fixture } from "./_test-server.js";
import { type ClientLimit, type ComputeLimits, DEFAULT_LIMITS } from "./limits.js";

let open: Fixture[] = [];
afterEach(async () => {
  await Promise.all(open.map((f) => f.close()));
  open = [];
});

/** A limit with `over` replacing some of the defaults of `of`. */
const limit = (of: keyof typeof DEFAULT_LIMITS, over: Partial<ClientLimit>): ClientLimit => ({
  ...(DEFAULT_LIMITS[of] as ClientLimit),
  ...over,
});
/** A bucket spent by the first computation, regained only after hours. */
const SPENT = { burstSeconds: 0.001, perSecond: 0.0001 };

async function server(limits: Partial<ComputeLimits>): Promise<Fixture> {
  const f = await fixture({ publicRead: true, limits: { refusalPauseMs: 0, ...limits } });
  open.push(f);
  return f;
}

/** A comparison no one has asked for before (its name is part of the body, so of its key). */
const compare = (n: number, extra: Record<string, unknown> = {}) => ({
  scenarios: ["base", { name: `Nothing changes ${n}`, baseDate: "2025-06-30" }],
  commodities: ["cobalt"],
  routes: false,
  stockpile: false,
  ...extra,
});

async function post(
  f: Fixture,
  body: unknown,
  who: "none" | "viewer" | "analyst" = "none",
  address = "192.0.2.1",
  url = "/api/scenarios/compare",
) {
  const res = await f.app.request(
    url,
    {
      method: "POST",
      headers: { "content-type": "application/json", ...f.auth(who) },
      body: JSON.stringify(body),
    },
    { incoming: { socket: { remoteAddress: address } } },
  );
  const text = await res.text();
  return { res, text, json: JSON.parse(text) as Record<string, unknown> };
}

describe("compute limits", () => {
  test("an address that has spent its computing time is refused 429 with Retry-After; answers already computed are still served", async () => {
    const f = await server({ address: limit("address", SPENT) });
    expect((await post(f, compare(1))).res.status).toBe(200);
    const refused = await post(f, compare(2));
    expect(refused.res.status, refused.text).toBe(429);
    expect(refused.res.headers.get("content-type")).toBe("application/problem+json");
    expect(refused.json.code).toBe("TOO_MANY_REQUESTS");
    expect(refused.json.detail).toMatch(/Too much computing for this address without a token/);
    expect(Number(refused.res.headers.get("retry-after"))).toBeGreaterThan(60);
    // The first comparison is kept: asking again computes nothing and is not limited.
    expect((await post(f, compare(1))).res.status).toBe(200);
    // Another address has its own allowance; a token has its own limits.
    expect((await post(f, compare(2), "none", "192.0.2.2")).res.status).toBe(200);
    expect((await post(f, compare(3), "viewer")).res.status).toBe(200);
  });

  test("all callers without a token together are limited, whatever their addresses", async () => {
    const f = await server({ anonymous: limit("anonymous", SPENT) });
    expect((await post(f, compare(1), "none", "192.0.2.1")).res.status).toBe(200);
    const refused = await post(f, compare(2), "none", "192.0.2.2");
    expect(refused.res.status).toBe(429);
    expect(refused.json.detail).toMatch(/all callers without a token/);
    expect((await post(f, compare(2), "analyst")).res.status).toBe(200);
  });

  test("a token's computations past those running and waiting are refused 429", async () => {
    const f = await server({ token: limit("token", { running: 1, waiting: 0 }) });
    const [a, b] = await Promise.all([
      post(f, compare(1), "viewer"),
      post(f, compare(2), "viewer"),
    ]);
    expect([a.res.status, b.res.status].sort()).toEqual([200, 429]);
    const refused = a.res.status === 429 ? a : b;
    expect(refused.json.detail).toMatch(/1 may run and 0 wait/);
    expect(refused.res.headers.get("retry-after")).toBe("1");
    // Once it has answered, the token may compute again.
    expect((await post(f, compare(3), "viewer")).res.status).toBe(200);
  });

  test("a computation past those running waits its turn", async () => {
    const f = await server({ token: limit("token", { running: 1, waiting: 2 }) });
    const answers = await Promise.all([1, 2, 3].map((i) => post(f, compare(i), "viewer")));
    expect(answers.map((a) => a.res.status)).toEqual([200, 200, 200]);
  });

  test("two requests for the same computation compute it once", async () => {
    // One computation at a time and none waiting: had the second computed too, it would have
    // been refused.
    const f = await server({ token: limit("token", { running: 1, waiting: 0 }) });
    const [a, b] = await Promise.all([
      post(f, compare(1), "viewer"),
      post(f, compare(1), "viewer"),
    ]);
    expect([a.res.status, b.res.status]).toEqual([200, 200]);
    expect(a.text).toBe(b.text);
  });

  test("a computation past its deadline fails 503 with a message that says so", async () => {
    const f = await server({ deadlineMs: 50, anonymousDeadlineMs: 50 });
    const late = await post(f, compare(1, { routes: true, stockpile: true }), "analyst");
    expect(late.res.status, late.text).toBe(503);
    expect(late.json.code).toBe("UNAVAILABLE");
    expect(late.json.detail).toMatch(/(did not finish within|waited) 0\.1 s/);
    expect(late.res.headers.get("retry-after")).toBe("5");
    // Reports run on the same pool, within the same deadline.
    const report = await f.app.request(
      "/api/reports/control?commodity=cobalt&asOf=2025-12-31",
      { headers: f.auth("viewer") },
      { incoming: { socket: { remoteAddress: "192.0.2.1" } } },
    );
    expect(report.status).toBe(503);
  });

  test("without a token a request may ask for a bounded amount of work", async () => {
    const f = await server({ anonymousEvaluations: 4, anonymousChanges: 2 });
    const many = await post(f, {
      scenarios: ["base", "base", "base"],
      commodities: ["cobalt", "copper"],
    });
    expect(many.res.status, many.text).toBe(401);
    expect(many.json.detail).toMatch(/at most 4 scenario evaluations.*asks for 6/);
    const changes = [1, 2, 3].map((i) => ({
      kind: "production-outage",
      asset: "kamoto",
      factor: 1 - i / 10,
    }));
    const big = await post(f, {
      scenarios: ["base", { name: "Outages", baseDate: "2025-06-30", changes }],
      commodities: ["cobalt"],
    });
    expect(big.res.status, big.text).toBe(401);
    expect(big.json.detail).toMatch(/at most 2 changes in a scenario/);
    // A token may ask for it.
    const asViewer = await post(
      f,
      { scenarios: ["base", "base", "base"], commodities: ["cobalt", "copper"], routes: false },
      "viewer",
    );
    expect(asViewer.res.status, asViewer.text).toBe(200);
    const routes = await f.app.request(
      "/api/reports/routes?commodity=cobalt&period=2024&timeLimit=30",
      {},
      { incoming: { socket: { remoteAddress: "192.0.2.1" } } },
    );
    expect(routes.status).toBe(401);
  });

  test("a token past its jobs queued or running is refused 429 until one ends", async () => {
    const f = await server({ tokenJobs: 1 });
    const submit = () =>
      f.app.request("/api/jobs", {
        method: "POST",
        headers: { ...f.auth("analyst"), "content-type": "application/json" },
        body: JSON.stringify({
          kind: "control-sweep",
          params: { from: 2000, to: 2030, step: "month", thresholds: [0.3, 0.5, 0.7] },
        }),
      });
    const first = await submit();
    expect(first.status).toBe(202);
    const { id } = (await first.json()) as { id: string };
    const refused = await submit();
    expect(refused.status).toBe(429);
    expect(((await refused.json()) as { detail: string }).detail).toMatch(/at most 1/);
    expect(refused.headers.get("retry-after")).toBe("5");
    await f.app.request(`/api/jobs/${id}`, { method: "DELETE", headers: f.auth("analyst") });
    const again = await submit();
    expect(again.status).toBe(202);
    const next = (await again.json()) as { id: string };
    await f.app.request(`/api/jobs/${next.id}`, { method: "DELETE", headers: f.auth("analyst") });
  });
});
