import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { type Fixture, fixture, SECRET, SECRET_STRINGS } from "./_test-server.js";
import { PROBLEM_CODES } from "./problem.js";

let f: Fixture;
let pub: Fixture;
beforeAll(async () => {
  f = await fixture({ bodyBytes: 64 * 1024 });
  pub = await fixture({ publicRead: true });
});
afterAll(async () => {
  await f.close();
  await pub.close();
});

type Who = "viewer" | "analyst" | "admin" | "none";

async function call(
  method: string,
  url: string,
  who: Who,
  body?: unknown,
  headers: Record<string, string> = {},
  app: Fixture = f,
) {
  const res = await app.app.request(url, {
    method,
    headers: {
      ...(body === undefined ? {} : { "content-type": "application/json" }),
      ...app.auth(who),
      ...headers,
    },
    ...(body === undefined ? {} : { body: typeof body === "string" ? body : JSON.stringify(body) }),
  });
  const text = await res.text();
  const json = /json/.test(res.headers.get("content-type") ?? "")
    ? (JSON.parse(text) as Record<string, unknown>)
    : undefined;
  return { res, text, json };
}

function expectProblem(r: Awaited<ReturnType<typeof call>>, status: number, code: string) {
  expect(r.res.status, r.text).toBe(status);
  expect(r.res.headers.get("content-type")).toBe("application/problem+json");
  expect(r.json?.code).toBe(code);
  expect(PROBLEM_CODES).toContain(r.json?.code);
}

const FLOWS = "/api/reports/flows?commodity=cobalt&period=2024&asOf=2025-12-31";
const ROUTES = "/api/reports/routes?commodity=cobalt&period=2024&asOf=2025-12-31";

describe("GET /api/reports/flows", () => {
  test("is the allocation waterfall with its metrics, and conserves the tonnes", async () => {
    const r = await call("GET", FLOWS, "analyst");
    expect(r.res.status).toBe(200);
    expect(r.res.headers.get("etag")).toMatch(/^"/);
    const j = r.json as {
      commodity: string;
      period: string;
      quotaMode: string;
      offtakeStatuses: string[];
      producedTonnes: number;
      heldBackTonnes: number;
      toBuyersTonnes: number;
      openMarketTonnes: number;
    };
    expect(j.commodity).toBe("cobalt");
    expect(j.period).toBe("2024");
    expect(j.quotaMode).toBe("apply");
    expect(j.offtakeStatuses).toEqual(["active"]);
    expect(j.producedTonnes).toBeCloseTo(
      j.heldBackTonnes + j.toBuyersTonnes + j.openMarketTonnes,
      3,
    );
  });

  test("quota=off holds nothing back; offtakes widens the statuses", async () => {
    const off = await call("GET", `${FLOWS}&quota=off&offtakes=active,option`, "analyst");
    expect(off.res.status).toBe(200);
    expect(off.json?.quotaMode).toBe("ignore");
    expect(off.json?.heldBackTonnes).toBe(0);
    expect(off.json?.offtakeStatuses).toEqual(["active", "option"]);
  });

  test("an unknown offtake status or commodity is a 400 naming the parameter", async () => {
    const r = await call("GET", `${FLOWS}&offtakes=active,maybe`, "analyst");
    expectProblem(r, 400, "BAD_INPUT");
    expect((r.json?.issues as { path: string[] }[])[0]?.path).toEqual(["offtakes"]);
    expectProblem(
      await call("GET", "/api/reports/flows?commodity=platinum", "analyst"),
      400,
      "BAD_INPUT",
    );
  });

  test("a shipped scenario applies first; an unknown one is a 404 naming the list", async () => {
    const base = await call("GET", "/api/reports/flows?commodity=cobalt&period=2026", "analyst");
    const s = await call(
      "GET",
      "/api/reports/flows?commodity=cobalt&period=2026&scenario=cobalt-quota-tightened",
      "analyst",
    );
    expect(s.res.status).toBe(200);
    expect(s.res.headers.get("etag")).not.toBe(base.res.headers.get("etag"));
    const none = await call("GET", `${FLOWS}&scenario=no-such`, "analyst");
    expectProblem(none, 404, "NOT_FOUND");
    expect(none.json?.detail).toMatch(
      /^No shipped scenario no-such: GET \/api\/scenarios lists them/,
    );
  });

  test("the viewer's flows leave out the restricted mine's tonnes", async () => {
    const v = await call("GET", FLOWS, "viewer");
    const a = await call("GET", FLOWS, "analyst");
    for (const s of SECRET_STRINGS) expect(v.text).not.toContain(s);
    expect(a.text).toContain(SECRET.asset.id);
    expect((a.json?.producedTonnes as number) - (v.json?.producedTonnes as number)).toBeCloseTo(
      5000,
      3,
    );
  });
});

describe("GET /api/reports/routes", () => {
  test("routes the tonnes with HiGHS: legs, ports, Sankey; If-None-Match gives 304", async () => {
    const r = await call("GET", ROUTES, "analyst");
    expect(r.res.status, r.text).toBe(200);
    const j = r.json as {
      shipmentsFrom: string;
      totals: { tonnes: number; shippedTonnes: number; unshippedTonnes: number };
      sankey: { nodes: unknown[]; links: unknown[] };
      legs: unknown[];
    };
    expect(j.shipmentsFrom).toBe("allocation");
    expect(j.totals.shippedTonnes + j.totals.unshippedTonnes).toBeCloseTo(j.totals.tonnes, 0);
    expect(j.legs.length).toBeGreaterThan(0);
    expect(j.sankey.links.length).toBeGreaterThan(0);
    const again = await call("GET", ROUTES, "analyst", undefined, {
      "if-none-match": r.res.headers.get("etag") as string,
    });
    expect(again.res.status).toBe(304);
  });

  test("close, shipments=control and a bad objective", async () => {
    const closed = await call("GET", `${ROUTES}&close=Lobito&shipments=control`, "analyst");
    expect(closed.res.status, closed.text).toBe(200);
    expect(closed.json?.shipmentsFrom).toBe("control");
    expect(closed.json?.closed).toEqual(expect.arrayContaining([]));
    expectProblem(await call("GET", `${ROUTES}&objective=fastest`, "analyst"), 400, "BAD_INPUT");
    expectProblem(await call("GET", `${ROUTES}&timeLimit=600`, "analyst"), 400, "BAD_INPUT");
  });

  test("a viewer's routes never name a restricted record", async () => {
    const v = await call("GET", ROUTES, "viewer");
    expect(v.res.status).toBe(200);
    for (const s of SECRET_STRINGS) expect(v.text).not.toContain(s);
  });
});

describe("scenarios", () => {
  test("GET /api/scenarios lists the shipped files, read once at start", async () => {
    const r = await call("GET", "/api/scenarios", "viewer");
    expect(r.res.status).toBe(200);
    const ids = (r.json?.items as { id: string }[]).map((i) => i.id);
    expect(ids).toEqual(expect.arrayContaining(["base", "lobito-closed", "orion-cmc-closes"]));
    expect(r.json?.problems).toEqual([]);
  });

  test("evaluate a shipped scenario by id, and the same scenario given in the body", async () => {
    const byId = await call("POST", "/api/scenarios/evaluate", "viewer", {
      scenario: "orion-cmc-closes",
      commodities: ["cobalt"],
    });
    expect(byId.res.status, byId.text).toBe(200);
    const list = await call("GET", "/api/scenarios", "viewer");
    const orion = (list.json?.items as { id: string; scenario: unknown }[]).find(
      (i) => i.id === "orion-cmc-closes",
    );
    const inline = await call("POST", "/api/scenarios/evaluate", "viewer", {
      scenario: orion?.scenario,
      commodities: ["cobalt"],
    });
    expect(inline.res.status, inline.text).toBe(200);
    expect(inline.json?.metrics).toEqual(byId.json?.metrics);
    expect((byId.json?.applied as unknown[]).length).toBeGreaterThan(0);
    const parts = byId.json?.parts as { part: string; computed: boolean }[];
    // As orebook compare: control, allocation, routes and the project-vault stockpile.
    for (const part of ["control", "allocation", "routes", "stockpile"])
      expect(parts.find((p) => p.part === part)?.computed, part).toBe(true);
    const lean = await call("POST", "/api/scenarios/evaluate", "viewer", {
      scenario: "orion-cmc-closes",
      commodities: ["cobalt"],
      routes: false,
      stockpile: false,
    });
    const leanParts = lean.json?.parts as { part: string; computed: boolean }[];
    expect(leanParts.find((p) => p.part === "routes")?.computed).toBe(false);
    expect(leanParts.find((p) => p.part === "stockpile")?.computed).toBe(false);
    const noVault = await call("POST", "/api/scenarios/evaluate", "viewer", {
      scenario: "base",
      holder: "no-such-vault",
    });
    expect(noVault.res.status).toBe(404);
  });

  test("compare: every metric with its change from the first, explained", async () => {
    const r = await call("POST", "/api/scenarios/compare", "analyst", {
      scenarios: ["base", "orion-cmc-closes"],
      commodities: ["cobalt"],
    });
    expect(r.res.status, r.text).toBe(200);
    const rows = r.json?.rows as { id: string; cells: { change: number | null }[] }[];
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.some((x) => (x.cells[0]?.change ?? 0) !== 0)).toBe(true);
  });

  test("compare on another date and period: an outage dated where those records have no figure changes nothing and is said, not refused", async () => {
    const list = await call("GET", "/api/scenarios", "viewer");
    const items = list.json?.items as { id: string; scenario: Record<string, unknown> }[];
    for (const id of ["montecarlo-risks", "rebellion-advances"]) {
      const shipped = items.find((i) => i.id === id)?.scenario;
      expect(shipped, id).toBeDefined();
      // As the dashboard asks: the scenario on the page's date and period, nothing carried.
      const { period: _own, ...rest } = shipped as Record<string, unknown>;
      const view = { baseDate: "2025-12-31", period: "2025", carryForward: false };
      const base = { name: "Without the change", sources: [], changes: [], ...view };
      const r = await call("POST", "/api/scenarios/compare", "viewer", {
        scenarios: [base, { ...rest, ...view }],
        commodities: ["cobalt"],
        period: "2025",
      });
      expect(r.res.status, r.text).toBe(200);
      const changes = r.json?.changes as { applied: string[]; changeNothing: string[] }[];
      const idle = changes[1]?.changeNothing ?? [];
      // Bisie's outages are dated 2026-Q2 and 2026-Q3: no 2025 figure is in their dates.
      expect(idle.length, id).toBeGreaterThan(0);
      for (const t of idle) {
        expect(t).toMatch(/^Output of bisie × 0 during 2026-Q[23]/);
        expect(t).toContain("so it changes nothing");
      }
      expect(changes[1]?.applied.some((t) => t.includes("2026-Q2") && t.includes("bisie"))).toBe(
        false,
      );
      // The base changes nothing, and says nothing of the sort.
      expect(changes[0]?.changeNothing).toEqual([]);
    }
    // Named by id, a shipped scenario is applied as written (its own period, carried forward).
    const asWritten = await call("POST", "/api/scenarios/compare", "viewer", {
      scenarios: ["base", "rebellion-advances"],
      commodities: ["tin"],
    });
    expect(asWritten.res.status, asWritten.text).toBe(200);
    const written = asWritten.json?.changes as { changeNothing: string[] }[];
    expect(written[1]?.changeNothing).toEqual([]);
  });

  test("a change that cannot apply is a 422 listing every problem at its body path", async () => {
    const r = await call("POST", "/api/scenarios/compare", "analyst", {
      scenarios: [
        "base",
        {
          name: "Bad",
          baseDate: "2026-01-01",
          changes: [
            { kind: "deal-closes", deal: "no-such-deal" },
            { kind: "deal-closes", deal: "no-such-deal-either" },
          ],
        },
      ],
    });
    expectProblem(r, 422, "INVALID_DATA");
    const pointers = (r.json?.issues as { pointer: string }[]).map((i) => i.pointer);
    expect(pointers).toEqual(["/scenarios/1/changes/0/deal", "/scenarios/1/changes/1/deal"]);
  });

  test("wrong types, unknown fields, malformed JSON and huge bodies get their problem", async () => {
    const wrong = await call("POST", "/api/scenarios/evaluate", "viewer", {
      scenario: { name: "X", baseDate: "someday", changes: [{ kind: "comet-strike" }] },
    });
    expectProblem(wrong, 422, "INVALID_DATA");
    const unknown = await call("POST", "/api/scenarios/evaluate", "viewer", {
      scenario: "base",
      colour: "blue",
    });
    expectProblem(unknown, 422, "INVALID_DATA");
    expect(JSON.stringify(unknown.json?.issues)).toContain("colour");
    expectProblem(
      await call("POST", "/api/scenarios/evaluate", "viewer", '{"scenario": "base"'),
      400,
      "BAD_INPUT",
    );
    const huge = await call("POST", "/api/scenarios/evaluate", "viewer", {
      scenario: { name: "x".repeat(70 * 1024), baseDate: "2026-01-01" },
    });
    expectProblem(huge, 413, "PAYLOAD_TOO_LARGE");
    expectProblem(
      await call("POST", "/api/scenarios/compare", "viewer", { scenarios: ["base"] }),
      422,
      "INVALID_DATA",
    );
  });

  test("a viewer cannot reach a restricted deal through a scenario: it is unknown", async () => {
    const scenario = {
      name: "Shadow",
      baseDate: "2026-01-01",
      changes: [{ kind: "deal-closes", deal: SECRET.deal.id }],
    };
    const v = await call("POST", "/api/scenarios/evaluate", "viewer", { scenario });
    const absent = await call("POST", "/api/scenarios/evaluate", "viewer", {
      scenario: { ...scenario, changes: [{ kind: "deal-closes", deal: "deal-nobody-has" }] },
    });
    expectProblem(v, 422, "INVALID_DATA");
    const strip = (j: unknown) =>
      JSON.stringify(j).replaceAll(SECRET.deal.id, "X").replaceAll("deal-nobody-has", "X");
    expect(strip(v.json)).toBe(strip(absent.json));
  });
});

describe("deals", () => {
  test("GET /api/deals: status on asOf; a viewer never sees a restricted deal", async () => {
    const a = await call("GET", "/api/deals?asOf=2025-12-31", "analyst");
    const v = await call("GET", "/api/deals?asOf=2025-12-31", "viewer");
    expect(a.res.status).toBe(200);
    expect(a.text).toContain(SECRET.deal.id);
    for (const s of SECRET_STRINGS) expect(v.text).not.toContain(s);
    const neg = await call("GET", "/api/deals?asOf=2025-12-31&status=negotiating", "analyst");
    for (const d of neg.json?.deals as { statusAsOf: string }[])
      expect(d.statusAsOf).toBe("negotiating");
  });

  test("POST /api/deals/{id}/evaluate: with and without the deal, compared", async () => {
    const r = await call("POST", "/api/deals/orion-cmc-glencore-kcc-mutanda/evaluate", "viewer", {
      date: "2026-03-01",
      commodities: ["cobalt"],
    });
    expect(r.res.status, r.text).toBe(200);
    expect(r.json?.deal).toBe("orion-cmc-glencore-kcc-mutanda");
    expect((r.json?.comparison as { rows: unknown[] }).rows.length).toBeGreaterThan(0);
  });

  test("a restricted deal answers a viewer exactly as one that does not exist", async () => {
    const hidden = await call("POST", `/api/deals/${SECRET.deal.id}/evaluate`, "viewer", {});
    const absent = await call("POST", "/api/deals/no-such-deal/evaluate", "viewer", {});
    expectProblem(hidden, 404, "NOT_FOUND");
    expect(String(absent.json?.detail).replace("no-such-deal", SECRET.deal.id)).toBe(
      hidden.json?.detail,
    );
    const analyst = await call("POST", `/api/deals/${SECRET.deal.id}/evaluate`, "analyst", {
      date: "2026-01-01",
      commodities: ["cobalt"],
    });
    expect(analyst.res.status).toBeLessThan(500);
  });
});

describe("public mode (--public)", () => {
  test.each([FLOWS, ROUTES, "/api/deals?asOf=2025-12-31", "/api/scenarios"])(
    "anonymous reads of %s answer without restricted records",
    async (url) => {
      const r = await call("GET", url, "none", undefined, {}, pub);
      expect(r.res.status, r.text).toBe(200);
      for (const s of SECRET_STRINGS) expect(r.text).not.toContain(s);
    },
  );

  test("anonymous evaluations are reads; anonymous writes are still refused", async () => {
    const ev = await call(
      "POST",
      "/api/scenarios/evaluate",
      "none",
      { scenario: "base", commodities: ["cobalt"] },
      {},
      pub,
    );
    expect(ev.res.status, ev.text).toBe(200);
    expectProblem(
      await call("POST", "/api/jobs", "none", { kind: "monte-carlo" }, {}, pub),
      401,
      "UNAUTHORIZED",
    );
  });

  test("without --public, evaluations need a token", async () => {
    expectProblem(
      await call("POST", "/api/scenarios/evaluate", "none", { scenario: "base" }),
      401,
      "UNAUTHORIZED",
    );
  });
});

describe("GET /api/reports/stockpile", () => {
  const URL_ = "/api/reports/stockpile?holder=project-vault&asOf=2026-03-31";
  test("coverage and shortfall of a stockpile; need is a user input", async () => {
    const r = await call("GET", `${URL_}&need=cobalt=10000&assumeEmpty=1`, "viewer");
    expect(r.res.status, r.text).toBe(200);
    const j = r.json as {
      coverage: { stockpile: string; assumeEmpty: boolean; commodities: { commodity: string }[] };
      shortfall: { year: number; baseline: boolean; commodities: { months: unknown[] }[] };
    };
    expect(j.coverage.stockpile).toBe("project-vault");
    expect(j.coverage.assumeEmpty).toBe(true);
    expect(j.shortfall.year).toBe(2026);
    expect(j.shortfall.baseline).toBe(false);
    expect(j.shortfall.commodities[0]?.months).toHaveLength(12);
    for (const s of SECRET_STRINGS) expect(r.text).not.toContain(s);
  });

  test("under a shipped scenario the shortfall is measured against the dataset without it", async () => {
    const r = await call("GET", `${URL_}&scenario=cobalt-quota-tightened`, "analyst");
    expect(r.res.status, r.text).toBe(200);
    expect((r.json?.shortfall as { baseline: boolean }).baseline).toBe(true);
  });

  test("bad parameters are 400s naming them; an unknown stockpile is a 404", async () => {
    for (const [q, name] of [
      ["need=cobalt=lots", "need"],
      ["unavailable=1.5", "unavailable"],
      ["year=99", "year"],
    ] as const) {
      const r = await call("GET", `${URL_}&${q}`, "viewer");
      expectProblem(r, 400, "BAD_INPUT");
      expect((r.json?.issues as { path: string[] }[])[0]?.path).toEqual([name]);
    }
    const none = await call("GET", "/api/reports/stockpile?holder=no-such-vault", "viewer");
    expect(none.res.status).toBe(404);
  });
});

describe("share bases on the report routes", () => {
  const CONTROL = "/api/reports/control?commodity=cobalt&period=2024&asOf=2025-12-31";
  type Row = { country: string; attributableShare: number; attributableTonnes: number };
  type Report = {
    basis: string;
    totalTonnes: number;
    shareOfTonnes: number;
    byCountry: Row[];
    coverage: { nationalTonnes: number | null; recordedTonnes: number; residualTonnes: number };
  };

  test("control gives shares of the national output by default, with the residual row, and of the recorded tonnes with basis=recorded", async () => {
    const national = (await call("GET", CONTROL, "viewer")).json as unknown as Report;
    expect(national.basis).toBe("national");
    expect(national.coverage.nationalTonnes).not.toBeNull();
    expect(national.shareOfTonnes).toBe(
      Math.max(national.coverage.nationalTonnes ?? 0, national.totalTonnes),
    );
    const residual = national.byCountry.find((r) => r.country === "not-on-a-recorded-asset");
    expect(residual?.attributableTonnes ?? 0).toBeCloseTo(national.coverage.residualTonnes, 6);
    expect(national.byCountry.reduce((s, r) => s + r.attributableShare, 0)).toBeCloseTo(1, 9);

    const recorded = (await call("GET", `${CONTROL}&basis=recorded`, "viewer"))
      .json as unknown as Report;
    expect(recorded.basis).toBe("recorded");
    expect(recorded.shareOfTonnes).toBe(recorded.totalTonnes);
    expect(recorded.byCountry.map((r) => r.country)).not.toContain("not-on-a-recorded-asset");
    expect(recorded.byCountry.reduce((s, r) => s + r.attributableShare, 0)).toBeCloseTo(1, 9);
  });

  test("explain and flows take basis too, all three take countryBasis and group, and a value that is not one is a 400 naming the values", async () => {
    const x = await call(
      "GET",
      "/api/reports/explain?commodity=cobalt&country=CN&period=2024&asOf=2025-12-31&basis=recorded",
      "viewer",
    );
    expect(x.res.status).toBe(200);
    expect(x.json?.basis).toBe("recorded");
    const fl = await call("GET", `${FLOWS}&basis=national`, "analyst");
    expect(fl.res.status).toBe(200);
    expect(fl.json?.basis).toBe("national");
    const flows = fl.json as unknown as {
      coverage: { recordedTonnes: number; excessTonnes: number };
      producedTonnes: number;
      heldBackTonnes: number;
      openMarketTonnes: number;
      shareOfTonnes: number;
      byBuyerCountry: { tonnes: number; share: number }[];
    };
    expect(flows.coverage.recordedTonnes).toBe(flows.producedTonnes);
    // Buyers, the residual, the open market and what is held back make up the national output.
    const counted =
      flows.byBuyerCountry.reduce((s, r) => s + r.tonnes, 0) +
      flows.openMarketTonnes +
      flows.heldBackTonnes;
    if (flows.coverage.excessTonnes === 0) expect(counted).toBeCloseTo(flows.shareOfTonnes, 3);
    const grouped = await call(
      "GET",
      `${CONTROL}&countryBasis=headquarters&group=greater-china`,
      "viewer",
    );
    expect(grouped.json?.countryView).toEqual({
      countryBasis: "headquarters",
      group: "greater-china",
    });
    const keys = (grouped.json?.byCountry as Row[]).map((r) => r.country);
    for (const member of ["CN", "HK", "MO"]) expect(keys).not.toContain(member);
    const flowsGrouped = await call("GET", `${FLOWS}&group=greater-china`, "analyst");
    expect(flowsGrouped.json?.countryView).toMatchObject({ group: "greater-china" });
    expectProblem(await call("GET", `${CONTROL}&group=asia`, "viewer"), 400, "BAD_INPUT");
    expectProblem(await call("GET", `${CONTROL}&countryBasis=listing`, "viewer"), 400, "BAD_INPUT");
    const bad = await call("GET", `${CONTROL}&basis=everything`, "viewer");
    expectProblem(bad, 400, "BAD_INPUT");
    expect(bad.text).toContain("national, recorded");
  });
});
