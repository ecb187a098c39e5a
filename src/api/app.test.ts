import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { type Fixture, fixture, SECRET, SECRET_STRINGS } from "./_test-server.js";
import { PROBLEM_CODES } from "./problem.js";
import { PLANNED_ROUTES } from "./routes/planned.js";

let f: Fixture;
beforeAll(async () => {
  f = await fixture({ bodyBytes: 64 * 1024 });
});
afterAll(async () => {
  await f.close();
});

type Who = "viewer" | "analyst" | "admin" | "none";

async function get(url: string, who: Who, headers: Record<string, string> = {}) {
  const res = await f.app.request(url, { headers: { ...f.auth(who), ...headers } });
  const text = await res.text();
  const isJson = /json/.test(res.headers.get("content-type") ?? "");
  return {
    res,
    text,
    json: isJson && text ? (JSON.parse(text) as Record<string, unknown>) : undefined,
  };
}

/** The body without the echo of the request's own path (which names what the caller asked for). */
function withoutEcho(r: { text: string; json?: Record<string, unknown> | undefined }): string {
  if (!r.json || typeof r.json.instance !== "string") return r.text;
  return JSON.stringify({ ...r.json, instance: undefined, detail: undefined });
}

async function send(
  method: string,
  url: string,
  who: Who,
  body: string | undefined,
  headers: Record<string, string> = {},
) {
  const res = await f.app.request(url, {
    method,
    headers: { "content-type": "application/json", ...f.auth(who), ...headers },
    ...(body === undefined ? {} : { body }),
  });
  const text = await res.text();
  return { res, text, json: text ? (JSON.parse(text) as Record<string, unknown>) : undefined };
}

function expectProblem(
  r: { res: Response; json: Record<string, unknown> | undefined },
  status: number,
  code: string,
) {
  expect(r.res.status).toBe(status);
  expect(r.res.headers.get("content-type")).toBe("application/problem+json");
  expect(r.json?.code).toBe(code);
  expect(r.json?.status).toBe(status);
  expect(typeof r.json?.detail).toBe("string");
  expect(PROBLEM_CODES).toContain(r.json?.code);
}

function expectSecurityHeaders(res: Response) {
  expect(res.headers.get("content-security-policy")).toContain("default-src 'self'");
  expect(res.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
  expect(res.headers.get("x-content-type-options")).toBe("nosniff");
  expect(res.headers.get("x-frame-options")).toBe("DENY");
  expect(res.headers.get("referrer-policy")).toBe("no-referrer");
}

const stakeBody = {
  id: "stake-test-new",
  owner: "gecamines",
  owned: "secret-mine",
  share: 0.1,
  sources: ["congojob-kamoto"],
  asOf: "2026",
};

describe("problems and headers", () => {
  test("every response carries the security headers, errors included", async () => {
    for (const [url, who] of [
      ["/api/health", "none"],
      ["/api/reports/control?commodity=cobalt&asOf=2025-12-31&period=2024", "viewer"],
      ["/api/records/entities", "none"],
      ["/api/nothing-here", "viewer"],
      ["/openapi.json", "none"],
      ["/docs", "none"],
    ] as const) {
      const { res } = await get(url, who);
      expectSecurityHeaders(res);
    }
  });

  test("an unknown route is a 404 problem naming the docs", async () => {
    const r = await get("/api/nothing-here", "viewer");
    expectProblem(r, 404, "NOT_FOUND");
    expect(r.json?.detail).toBe(
      "No route GET /api/nothing-here: the routes are listed at /docs and /openapi.json",
    );
  });

  test("malformed JSON is a 400 problem and writes nothing", async () => {
    const before = await f.ledger.datasets();
    const r = await send("POST", "/api/records/stakes", "analyst", '{"id": "x", ');
    expectProblem(r, 400, "BAD_INPUT");
    expect(r.json?.detail).toBe(
      "The request body is not valid JSON: send one JSON document with Content-Type application/json",
    );
    expect(await f.ledger.datasets()).toEqual(before);
  });

  test("wrong types are a 422 problem with every field's pointer, and write nothing", async () => {
    const before = await f.ledger.datasets();
    const r = await send(
      "POST",
      "/api/records/stakes",
      "analyst",
      JSON.stringify({ ...stakeBody, share: "ten percent", owner: 7 }),
    );
    expectProblem(r, 422, "INVALID_DATA");
    const issues = r.json?.issues as { pointer: string; message: string }[];
    expect(issues.map((i) => i.pointer).sort()).toEqual(["/owner", "/share"]);
    expect(r.json?.detail).toMatch(/^2 problems in the body, the first: /);
    expect(await f.ledger.datasets()).toEqual(before);
    expect(await f.ledger.get("drc", "stakes", stakeBody.id)).toBeUndefined();
  });

  test("a share above 1 is refused with the model's message", async () => {
    const r = await send(
      "POST",
      "/api/records/stakes",
      "analyst",
      JSON.stringify({ ...stakeBody, share: 30 }),
    );
    expectProblem(r, 422, "INVALID_DATA");
    expect(r.json?.issues).toEqual([
      {
        pointer: "/share",
        path: ["share"],
        message: "A share must be ≤ 1 (a fraction, not a percentage)",
      },
    ]);
  });

  test("unknown fields are refused by name and write nothing", async () => {
    const r = await send(
      "POST",
      "/api/records/stakes",
      "analyst",
      JSON.stringify({ ...stakeBody, percent: 10 }),
    );
    expectProblem(r, 422, "INVALID_DATA");
    expect(r.json?.issues).toEqual([
      {
        pointer: "",
        path: [],
        message: "Unknown field percent: remove it (see the schema in /openapi.json)",
      },
    ]);
    expect(await f.ledger.get("drc", "stakes", stakeBody.id)).toBeUndefined();
  });

  test("a huge body is a 413 problem and writes nothing", async () => {
    const before = await f.ledger.datasets();
    const r = await send(
      "POST",
      "/api/records/stakes",
      "analyst",
      JSON.stringify({ ...stakeBody, note: "x".repeat(200 * 1024) }),
    );
    expectProblem(r, 413, "PAYLOAD_TOO_LARGE");
    expect(await f.ledger.datasets()).toEqual(before);
  });

  test("a body that is not JSON is a 415 problem", async () => {
    const r = await send("POST", "/api/records/stakes", "analyst", "id=x", {
      "content-type": "application/x-www-form-urlencoded",
    });
    expectProblem(r, 415, "UNSUPPORTED_MEDIA_TYPE");
  });

  test("bad query parameters are a 400 problem naming the parameter", async () => {
    const r = await get("/api/reports/control?commodity=unobtainium&asOf=2025-13-01", "viewer");
    expectProblem(r, 400, "BAD_INPUT");
    const issues = r.json?.issues as { pointer: string }[];
    expect(issues.map((i) => i.pointer).sort()).toEqual(["/asOf", "/commodity"]);
  });

  test("an engine error keeps its code and message", async () => {
    const r = await get(
      "/api/reports/explain?commodity=cobalt&country=ZZ&period=2024&asOf=2025-12-31",
      "analyst",
    );
    expectProblem(r, 404, "NOT_FOUND");
    expect(String(r.json?.detail)).toMatch(
      /^ZZ has no share of cobalt in 2024: the countries with a share are /,
    );
  });
});

describe("authentication", () => {
  test("without a token and without --public, every /api route is a 401 problem", async () => {
    const r = await get("/api/reports/control?commodity=cobalt", "none");
    expectProblem(r, 401, "UNAUTHORIZED");
    expect(r.res.headers.get("www-authenticate")).toBe('Bearer realm="orebook"');
  });

  test("a malformed or unknown token is a 401 problem, even with --public", async () => {
    for (const token of ["nonsense", `obk_000000000000_${"A".repeat(43)}`]) {
      const r = await get("/api/records/entities", "none", { authorization: `Bearer ${token}` });
      expectProblem(r, 401, "UNAUTHORIZED");
      expect(r.json?.detail).toBe("The token is not valid: it is malformed, unknown or revoked");
    }
  });

  test("the health check needs no token", async () => {
    const r = await get("/api/health", "none");
    expect(r.res.status).toBe(200);
    expect(r.json).toMatchObject({ ok: true, store: "sqlite" });
  });

  test("tokens are stored hashed: the store never holds the token itself", async () => {
    const list = await f.tokenStore.list();
    expect(JSON.stringify(list)).not.toContain(f.tokens.viewer.slice(20));
  });
});

describe("restricted records never reach a viewer", () => {
  const secretPaths = [
    ["entities", SECRET.entity.id],
    ["assets", SECRET.asset.id],
    ["stakes", SECRET.stake.id],
    ["production", SECRET.production.id],
    ["deals", SECRET.deal.id],
    ["offtakes", SECRET.offtake.id],
  ] as const;
  const readPaths = [
    ...secretPaths.map(([k]) => `/api/records/${k}?limit=1000`),
    ...secretPaths.map(([k, id]) => `/api/records/${k}/${id}`),
    ...secretPaths.map(([k, id]) => `/api/records/${k}/${id}/history`),
    "/api/reports/control?commodity=cobalt&period=2024&asOf=2025-12-31",
    "/api/reports/explain?commodity=cobalt&country=AE&period=2024&asOf=2025-12-31",
    "/api/reports/explain?commodity=cobalt&country=CD&view=location&period=2024&asOf=2025-12-31",
    "/api/reports/lookthrough?entity=shadow-fund&asOf=2025-12-31",
    "/api/reports/lookthrough?entity=gecamines&asOf=2025-12-31",
    "/api/reports/lookthrough?entity=secret&asOf=2025-12-31",
    "/api/snapshot?asOf=2025-12-31",
    "/api/export",
    "/api/export?knownAt=2026-01-02",
  ];

  test.each(readPaths)("a viewer never sees a restricted record through %s", async (url) => {
    const r = await get(url, "viewer");
    // Asked for by its id, a hidden record answers 404 (compared with an absent one below).
    for (const s of SECRET_STRINGS) expect(withoutEcho(r)).not.toContain(s);
    if (SECRET_STRINGS.some((s) => url.includes(s))) expect(r.res.status).toBe(404);
    else for (const s of SECRET_STRINGS) expect(r.text).not.toContain(s);
    expect(r.res.status).toBeLessThan(500);
  });

  test.each(readPaths)("the public (--public, no token) never sees one through %s", async (url) => {
    const pub = await fixture({ publicRead: true });
    try {
      const res = await pub.app.request(url);
      const text = await res.text();
      const json = /json/.test(res.headers.get("content-type") ?? "")
        ? JSON.parse(text)
        : undefined;
      for (const s of SECRET_STRINGS) expect(withoutEcho({ text, json })).not.toContain(s);
      if (SECRET_STRINGS.some((s) => url.includes(s))) expect(res.status).toBe(404);
      else for (const s of SECRET_STRINGS) expect(text).not.toContain(s);
      expect(res.status).toBeLessThan(500);
    } finally {
      await pub.close();
    }
  });

  test.each(secretPaths)(
    "a hidden %s answers exactly as one that does not exist",
    async (kind, id) => {
      const hidden = await get(`/api/records/${kind}/${id}`, "viewer");
      const absent = await get(`/api/records/${kind}/no-such-${id}`, "viewer");
      expectProblem(hidden, 404, "NOT_FOUND");
      expect(hidden.json?.detail).toBe(`No ${kind} record ${id} in dataset drc`);
      expect(String(absent.json?.detail).replace("no-such-", "")).toBe(hidden.json?.detail);
      expect(Object.keys(hidden.json ?? {})).toEqual(Object.keys(absent.json ?? {}));
    },
  );

  test.each(["analyst", "admin"] as const)("an %s sees every restricted record", async (who) => {
    for (const [kind, id] of secretPaths) {
      const r = await get(`/api/records/${kind}/${id}`, who);
      expect(r.res.status).toBe(200);
      expect((r.json?.record as { id: string }).id).toBe(id);
    }
    const report = await get(
      "/api/reports/control?commodity=cobalt&period=2024&asOf=2025-12-31",
      who,
    );
    expect(report.text).toContain("secret-mine");
    expect((report.json?.byCountry as { country: string }[]).map((c) => c.country)).toContain("AE");
  });

  test("the viewer's report is the report of the data without the restricted records", async () => {
    const v = await get(
      "/api/reports/control?commodity=cobalt&period=2024&asOf=2025-12-31",
      "viewer",
    );
    const a = await get(
      "/api/reports/control?commodity=cobalt&period=2024&asOf=2025-12-31",
      "analyst",
    );
    expect((a.json?.totalTonnes as number) - (v.json?.totalTonnes as number)).toBe(5000);
    expect(v.res.headers.get("etag")).not.toBe(a.res.headers.get("etag"));
  });

  test("a viewer can write nothing, restricted or not", async () => {
    for (const [method, url, body] of [
      ["POST", "/api/records/stakes", stakeBody],
      ["PUT", `/api/records/entities/${SECRET.entity.id}`, SECRET.entity],
      ["PUT", "/api/records/entities/gecamines", { id: "gecamines" }],
      ["DELETE", `/api/records/deals/${SECRET.deal.id}`, undefined],
      ["POST", "/api/import", {}],
      ["POST", "/api/jobs", { kind: "control-sweep" }],
      ["POST", "/api/tokens", { role: "admin" }],
    ] as const) {
      const r = await send(
        method,
        url,
        "viewer",
        body === undefined ? undefined : JSON.stringify(body),
        {
          "if-match": '"v1"',
        },
      );
      expectProblem(r, 403, "FORBIDDEN");
      for (const s of SECRET_STRINGS) expect(String(r.json?.detail)).not.toContain(s);
    }
  });
});

describe("records", () => {
  test("create, get, correct with If-Match, refuse a stale version, withdraw, history", async () => {
    const owned = await send(
      "POST",
      "/api/records/entities",
      "analyst",
      JSON.stringify({
        id: "crud-owned",
        name: "CRUD Owned",
        kind: "company",
        country: "CD",
        sources: ["congojob-kamoto"],
        asOf: "2026",
      }),
    );
    expect(owned.res.status).toBe(201);
    const body = { ...stakeBody, id: "stake-crud", owned: "crud-owned" };
    const created = await send("POST", "/api/records/stakes", "analyst", JSON.stringify(body));
    if (created.res.status !== 201) throw new Error(created.text);
    expect(created.res.headers.get("etag")).toBe('"v1"');
    expect(created.res.headers.get("location")).toBe("/api/records/stakes/stake-crud");
    expect(created.json?.version).toBe(1);
    expect(created.json?.recordedBy).toMatch(/^analyst \(token [a-f0-9]{12}\)$/);

    const read = await get("/api/records/stakes/stake-crud", "viewer");
    expect(read.res.headers.get("etag")).toBe('"v1"');
    expect(read.json?.record).toMatchObject({ share: 0.1, kind: "equity" });

    const noMatch = await send(
      "PUT",
      "/api/records/stakes/stake-crud",
      "analyst",
      JSON.stringify(body),
    );
    expectProblem(noMatch, 428, "PRECONDITION_REQUIRED");

    const fixed = await send(
      "PUT",
      "/api/records/stakes/stake-crud",
      "analyst",
      JSON.stringify({ ...body, share: 0.12 }),
      {
        "if-match": '"v1"',
        "x-change-note": "Annual report says 12%",
      },
    );
    expect(fixed.res.status).toBe(200);
    expect(fixed.json).toMatchObject({ version: 2, note: "Annual report says 12%" });

    const stale = await send(
      "PUT",
      "/api/records/stakes/stake-crud",
      "analyst",
      JSON.stringify({ ...body, share: 0.2 }),
      {
        "if-match": '"v1"',
      },
    );
    expectProblem(stale, 412, "PRECONDITION_FAILED");
    expect(stale.json?.detail).toBe(
      "Record stakes stake-crud is at version 2, not 1: someone else wrote it since, read it again and retry",
    );

    const mismatch = await send(
      "PUT",
      "/api/records/stakes/stake-crud",
      "analyst",
      JSON.stringify({ ...body, id: "other" }),
      {
        "if-match": '"v2"',
      },
    );
    expectProblem(mismatch, 400, "BAD_INPUT");

    const gone = await send("DELETE", "/api/records/stakes/stake-crud", "admin", undefined, {
      "if-match": '"v2"',
    });
    expect(gone.res.status).toBe(200);
    expect(gone.json).toMatchObject({ version: 3, deleted: true });
    expectProblem(await get("/api/records/stakes/stake-crud", "analyst"), 404, "NOT_FOUND");

    const history = await get("/api/records/stakes/stake-crud/history", "analyst");
    expect((history.json?.items as { version: number }[]).map((v) => v.version)).toEqual([1, 2, 3]);
  });

  test("a new record naming an unknown entity is refused with the ledger's issue", async () => {
    const r = await send(
      "POST",
      "/api/records/stakes",
      "analyst",
      JSON.stringify({ ...stakeBody, id: "stake-bad", owner: "nobody" }),
    );
    expectProblem(r, 422, "INVALID_DATA");
    expect(r.json?.issues).toContainEqual({
      pointer: "/owner",
      path: ["owner"],
      record: "stakes stake-bad",
      message: "Unknown entity nobody: owners must be entities",
    });
  });

  test("creating a record that exists is a conflict", async () => {
    const r = await send(
      "POST",
      "/api/records/entities",
      "analyst",
      JSON.stringify({
        id: "gecamines",
        name: "G",
        kind: "company",
        country: "CD",
        sources: ["congojob-kamoto"],
        asOf: "2026",
      }),
    );
    expectProblem(r, 409, "CONFLICT");
  });

  test("lists page by cursor through every record exactly once", async () => {
    const all = await get("/api/records/entities?limit=1000", "analyst");
    const total = all.json?.total as number;
    const seen: string[] = [];
    let cursor: string | null = null;
    for (let guard = 0; guard < 100; guard++) {
      const page: { json?: Record<string, unknown> | undefined } = await get(
        `/api/records/entities?limit=7${cursor ? `&cursor=${cursor}` : ""}`,
        "analyst",
      );
      seen.push(...(page.json?.items as { id: string }[]).map((e) => e.id));
      cursor = page.json?.nextCursor as string | null;
      if (!cursor) break;
    }
    expect(seen.length).toBe(total);
    expect(new Set(seen).size).toBe(total);
    expect(seen).toEqual([...seen].sort());
    expectProblem(await get("/api/records/entities?limit=0", "viewer"), 400, "BAD_INPUT");
    expectProblem(await get("/api/records/entities?cursor=%25%25", "viewer"), 400, "BAD_INPUT");
  });

  test("knownAt reads the store as it was: nothing before the first load", async () => {
    const before = await get("/api/records/entities?knownAt=2025-12-31", "analyst");
    expect(before.json?.total).toBe(0);
    const after = await get("/api/records/entities?knownAt=2026-01-01", "analyst");
    expect(after.json?.total as number).toBeGreaterThan(10);
  });

  test("asOf keeps the records in force that day", async () => {
    const r = await get("/api/records/stakes?asOf=1990-01-01&limit=1000", "analyst");
    const all = await get("/api/records/stakes?limit=1000", "analyst");
    expect(r.json?.total as number).toBeLessThanOrEqual(all.json?.total as number);
  });
});

describe("reports", () => {
  const url = "/api/reports/control?commodity=cobalt&period=2024&asOf=2025-12-31";

  test("a report has an ETag; If-None-Match gives 304; a write changes the ETag", async () => {
    const first = await get(url, "viewer");
    const etag = first.res.headers.get("etag") as string;
    expect(etag).toMatch(/^"[A-Za-z0-9_-]+"$/);
    const again = await get(url, "viewer", { "if-none-match": etag });
    expect(again.res.status).toBe(304);
    const created = await send(
      "POST",
      "/api/records/entities",
      "analyst",
      JSON.stringify({
        id: "etag-probe",
        name: "ETag probe",
        kind: "company",
        country: "CD",
        sources: ["congojob-kamoto"],
        asOf: "2026",
      }),
    );
    expect(created.res.status).toBe(201);
    const after = await get(url, "viewer", { "if-none-match": etag });
    expect(after.res.status).toBe(200);
    expect(after.res.headers.get("etag")).not.toBe(etag);
  });

  test("the control report is the engine's", async () => {
    const r = await get(url, "analyst");
    expect(r.json).toMatchObject({ commodity: "cobalt", period: "2024", asOf: "2025-12-31" });
    const shares = (r.json?.byCountry as { locationShare: number }[]).reduce(
      (s, c) => s + c.locationShare,
      0,
    );
    expect(shares).toBeCloseTo(1, 9);
  });

  test("the control, explain and flows reports carry their stale inputs, each with its record, date and age", async () => {
    type Stale = { record: string; kind: string; date: string; ageYears: number; tonnes: number };
    const c = await get("/api/reports/control?commodity=cobalt&asOf=2026-06-30", "viewer");
    const stale = c.json?.staleInputs as Stale[];
    expect(c.json?.period).toBe("2025");
    expect(
      stale.some((s) => s.kind === "production" && s.date === "2025" && s.ageYears === 1),
    ).toBe(true);
    expect(stale.some((s) => s.kind === "stake" && s.ageYears > 3)).toBe(true);
    const x = await get(
      "/api/reports/explain?commodity=cobalt&country=cn&asOf=2026-06-30",
      "viewer",
    );
    expect((x.json?.staleInputs as Stale[]).length).toBeGreaterThan(0);
    const f = await get("/api/reports/flows?commodity=cobalt&period=2025", "viewer");
    expect((f.json?.staleInputs as Stale[]).every((s) => s.ageYears > 0)).toBe(true);
  });

  test("explain and lookthrough answer", async () => {
    const x = await get(
      "/api/reports/explain?commodity=cobalt&country=cn&period=2024&asOf=2025-12-31",
      "viewer",
    );
    expect(x.json).toMatchObject({ country: "CN", view: "attributable" });
    const l = await get("/api/reports/lookthrough?entity=gecamines&asOf=2025-12-31", "viewer");
    expect((l.json?.subject as { id: string }).id).toBe("gecamines");
    // An analyst's read comes from the live register: where its time went, with the report's rows.
    const a = await get("/api/reports/lookthrough?entity=gecamines&asOf=2025-12-31", "analyst");
    const rows = `${(a.json?.owners as unknown[]).length} owners, ${(a.json?.holdings as unknown[]).length} holdings`;
    expect(a.res.headers.get("server-timing")).toMatch(
      new RegExp(`^register;dur=[0-9.]+, report;desc="${rows}";dur=[0-9.]+, body;dur=[0-9.]+$`),
    );
  });

  test("an ambiguous name lists the candidates as issues", async () => {
    const r = await get("/api/reports/lookthrough?entity=kam&asOf=2025-12-31", "viewer");
    expectProblem(r, 409, "AMBIGUOUS");
    expect((r.json?.issues as unknown[]).length).toBeGreaterThan(1);
  });

  test.each(PLANNED_ROUTES)(
    "$method $path answers 501 NOT_IMPLEMENTED until its engine lands",
    async (p) => {
      const url = p.path.replace("{id}", "orion-cmc-glencore-kcc-mutanda");
      const r =
        p.method === "get" ? await get(url, "viewer") : await send("POST", url, "viewer", "{}");
      expectProblem(r, 501, "NOT_IMPLEMENTED");
    },
  );
});

describe("datasets, import, export, tokens", () => {
  test("the dataset list, snapshot and export answer", async () => {
    const d = await get("/api/datasets", "viewer");
    expect((d.json?.items as { id: string }[]).map((x) => x.id)).toContain("drc");
    const s = await get("/api/snapshot?asOf=2025-12-31", "viewer");
    expect((s.json?.records as { entities: unknown[] }).entities.length).toBeGreaterThan(10);
    const e = await get("/api/export", "viewer");
    expect(e.res.headers.get("content-disposition")).toBe('attachment; filename="drc.json"');
    expect((await get("/api/export?format=bods", "viewer")).res.status).toBe(200);
    expectProblem(await get("/api/records/entities?dataset=nope", "viewer"), 404, "NOT_FOUND");
  });

  test("an import writes all or nothing", async () => {
    const good = {
      entities: [
        {
          id: "import-co",
          name: "Import Co",
          kind: "company",
          country: "CD",
          sources: ["congojob-kamoto"],
          asOf: "2026",
        },
      ],
    };
    const bad = {
      entities: [
        {
          id: "import-co-2",
          name: "Import Co 2",
          kind: "company",
          country: "CD",
          sources: ["congojob-kamoto"],
          asOf: "2026",
        },
        {
          id: "import-co-3",
          name: "",
          kind: "company",
          country: "CD",
          sources: ["congojob-kamoto"],
          asOf: "2026",
        },
      ],
    };
    const r = await send("POST", "/api/import", "analyst", JSON.stringify(bad));
    expectProblem(r, 422, "INVALID_DATA");
    expect(await f.ledger.get("drc", "entities", "import-co-2")).toBeUndefined();
    const ok = await send("POST", "/api/import", "analyst", JSON.stringify(good));
    expect(ok.res.status).toBe(200);
    expect(ok.json).toMatchObject({ writtenTotal: 1, written: { entities: 1 } });
  });

  test("admins create, list and revoke tokens; a revoked token stops working", async () => {
    expectProblem(await get("/api/tokens", "analyst"), 403, "FORBIDDEN");
    const made = await send(
      "POST",
      "/api/tokens",
      "admin",
      JSON.stringify({ role: "viewer", name: "script" }),
    );
    expect(made.res.status).toBe(201);
    const token = made.json?.token as string;
    const id = (made.json?.info as { id: string }).id;
    const list = await get("/api/tokens", "admin");
    expect(list.text).not.toContain(token);
    expect(
      (await get("/api/datasets", "none", { authorization: `Bearer ${token}` })).res.status,
    ).toBe(200);
    expect((await send("DELETE", `/api/tokens/${id}`, "admin", undefined)).res.status).toBe(200);
    expectProblem(
      await get("/api/datasets", "none", { authorization: `Bearer ${token}` }),
      401,
      "UNAUTHORIZED",
    );
  });
});

describe("public mode", () => {
  test("without a token, --public serves reads and refuses writes", async () => {
    const pub = await fixture({ publicRead: true });
    try {
      const read = await pub.app.request(
        "/api/reports/control?commodity=cobalt&period=2024&asOf=2025-12-31",
      );
      expect(read.status).toBe(200);
      const write = await pub.app.request("/api/records/entities", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: "{}",
      });
      expect(write.status).toBe(401);
      expect(((await write.json()) as { code: string }).code).toBe("UNAUTHORIZED");
    } finally {
      await pub.close();
    }
  });
});
