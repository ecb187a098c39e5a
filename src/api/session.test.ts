import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { type Fixture, fixture, SECRET_STRINGS } from "./_test-server.js";
import { SessionStore, sessionIdFrom } from "./session-store.js";

let f: Fixture;
beforeAll(async () => {
  f = await fixture();
});
afterAll(async () => {
  await f.close();
});

/** Starts a session for a role; returns the Cookie header to send. */
async function signIn(
  role: "viewer" | "analyst" | "admin",
): Promise<{ cookie: string; setCookie: string }> {
  const res = await f.app.request("/api/session", { method: "POST", headers: f.auth(role) });
  expect(res.status).toBe(201);
  const setCookie = res.headers.get("set-cookie") ?? "";
  return { cookie: setCookie.split(";")[0] as string, setCookie };
}

const newEntity = (id: string) => ({
  id,
  name: `Test ${id}`,
  kind: "company",
  country: "ZA",
  sources: ["congojob-kamoto"],
  asOf: "2026",
});

describe("browser sessions", () => {
  test("POST /api/session trades a bearer token for an HttpOnly, SameSite=Strict cookie", async () => {
    const res = await f.app.request("/api/session", { method: "POST", headers: f.auth("analyst") });
    expect(res.status).toBe(201);
    const body = (await res.json()) as { role: string; via: string; expiresAt: string };
    expect(body.role).toBe("analyst");
    expect(body.via).toBe("session");
    const cookie = res.headers.get("set-cookie") ?? "";
    expect(cookie).toMatch(/^orebook_session=[A-Za-z0-9_-]{43}; /);
    expect(cookie).toContain("HttpOnly");
    expect(cookie).toContain("SameSite=Strict");
    expect(cookie).toContain("Path=/api");
    expect(cookie).not.toContain("Secure");
    // The token never appears in the cookie.
    expect(cookie).not.toContain(f.tokens.analyst);
    const https = await f.app.request("https://orebook.test/api/session", {
      method: "POST",
      headers: f.auth("analyst"),
    });
    expect(https.headers.get("set-cookie")).toContain("; Secure");
  });

  test("the cookie authenticates reads with the token's role and scope", async () => {
    const { cookie } = await signIn("viewer");
    const who = await f.app.request("/api/session", { headers: { cookie } });
    expect(await who.json()).toMatchObject({ role: "viewer", via: "session" });
    const report = await f.app.request(
      "/api/reports/control?commodity=cobalt&period=2024&asOf=2025-12-31",
      { headers: { cookie } },
    );
    expect(report.status).toBe(200);
    const text = await report.text();
    for (const s of SECRET_STRINGS) expect(text).not.toContain(s);
  });

  test("a cookie write needs X-Orebook-Request: 1 and this server's origin", async () => {
    const { cookie } = await signIn("analyst");
    const post = (headers: Record<string, string>, id: string) =>
      f.app.request("http://localhost/api/records/entities", {
        method: "POST",
        headers: { cookie, "content-type": "application/json", ...headers },
        body: JSON.stringify(newEntity(id)),
      });
    const bare = await post({}, "csrf-bare");
    expect(bare.status).toBe(403);
    expect(((await bare.json()) as { detail: string }).detail).toBe(
      "A write through a browser session must send the header X-Orebook-Request: 1",
    );
    const foreign = await post(
      { "x-orebook-request": "1", origin: "https://evil.example" },
      "csrf-foreign",
    );
    expect(foreign.status).toBe(403);
    expect(
      (await f.app.request("/api/records/entities/csrf-bare", { headers: f.auth("analyst") }))
        .status,
    ).toBe(404);
    const ok = await post({ "x-orebook-request": "1", origin: "http://localhost" }, "csrf-ok");
    expect(ok.status).toBe(201);
    // Evaluations write nothing: a session may ask for them without the header.
    const ev = await f.app.request("/api/scenarios/evaluate", {
      method: "POST",
      headers: { cookie, "content-type": "application/json" },
      body: JSON.stringify({ scenario: "base", commodities: ["cobalt"] }),
    });
    expect(ev.status).toBe(200);
  });

  test("a session cannot start another, and a viewer's session still cannot write", async () => {
    const { cookie } = await signIn("viewer");
    const again = await f.app.request("/api/session", {
      method: "POST",
      headers: { cookie, "x-orebook-request": "1" },
    });
    expect(again.status).toBe(401);
    const write = await f.app.request("/api/records/entities", {
      method: "POST",
      headers: { cookie, "content-type": "application/json", "x-orebook-request": "1" },
      body: JSON.stringify(newEntity("viewer-write")),
    });
    expect(write.status).toBe(403);
  });

  test("an unknown or malformed cookie is a 401 that clears it; the bearer header wins", async () => {
    for (const cookie of ["orebook_session=nope", `orebook_session=${"A".repeat(43)}`]) {
      const res = await f.app.request("/api/datasets", { headers: { cookie } });
      expect(res.status).toBe(401);
      expect(res.headers.get("set-cookie")).toMatch(/^orebook_session=; .*Max-Age=0/);
    }
    const both = await f.app.request("/api/datasets", {
      headers: { cookie: "orebook_session=nope", ...f.auth("viewer") },
    });
    expect(both.status).toBe(200);
  });

  test("signing out and revoking the token both end the session", async () => {
    const a = await signIn("viewer");
    const out = await f.app.request("/api/session", {
      method: "DELETE",
      headers: { cookie: a.cookie, "x-orebook-request": "1" },
    });
    expect(out.status).toBe(204);
    expect(out.headers.get("set-cookie")).toContain("Max-Age=0");
    expect((await f.app.request("/api/datasets", { headers: { cookie: a.cookie } })).status).toBe(
      401,
    );

    const created = await f.app.request("/api/tokens", {
      method: "POST",
      headers: { ...f.auth("admin"), "content-type": "application/json" },
      body: JSON.stringify({ role: "analyst", name: "short-lived" }),
    });
    const { token, info } = (await created.json()) as { token: string; info: { id: string } };
    const s = await f.app.request("/api/session", {
      method: "POST",
      headers: { authorization: `Bearer ${token}` },
    });
    const cookie = (s.headers.get("set-cookie") ?? "").split(";")[0] as string;
    expect((await f.app.request("/api/datasets", { headers: { cookie } })).status).toBe(200);
    const revoke = await f.app.request(`/api/tokens/${info.id}`, {
      method: "DELETE",
      headers: f.auth("admin"),
    });
    expect(revoke.status).toBe(200);
    expect((await f.app.request("/api/datasets", { headers: { cookie } })).status).toBe(401);
  });
});

describe("SessionStore", () => {
  test("sessions expire, keep only a hash of their id, and are bounded", () => {
    const store = new SessionStore(1000, 2);
    const a = store.create("t1", "id1", 0);
    expect(store.get(a.id, 999)?.tokenId).toBe("id1");
    expect(store.get(a.id, 1000)).toBeUndefined();
    const b = store.create("t2", "id2", 0);
    store.create("t3", "id3", 0);
    store.create("t4", "id4", 0);
    expect(store.size).toBe(2);
    expect(store.get(b.id, 1)).toBeUndefined();
    expect(
      JSON.stringify([...(store as unknown as { map: Map<string, unknown> }).map.keys()]),
    ).not.toContain(b.id);
  });

  test("sessionIdFrom reads the cookie among others and refuses malformed ids", () => {
    const id = "a".repeat(43);
    expect(sessionIdFrom(`x=1; orebook_session=${id}; y=2`)).toBe(id);
    expect(sessionIdFrom("orebook_session=short")).toBe("");
    expect(sessionIdFrom("other=1")).toBeUndefined();
    expect(sessionIdFrom(undefined)).toBeUndefined();
  });
});
