import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { type Fixture, fixture } from "./_test-server.js";
import { DataService } from "./data-service.js";

let f: Fixture;
beforeAll(async () => {
  f = await fixture();
});
afterAll(async () => {
  await f.close();
});

const entity = (id: string) => ({
  id,
  name: `Revision ${id}`,
  kind: "company",
  country: "ZA",
  sources: ["congojob-kamoto"],
  asOf: "2026",
});

describe("DataService.revision()", () => {
  test("concurrent calls share store queries: at most one in flight, one queued", async () => {
    const data = new DataService(f.ledger);
    const all = await Promise.all(Array.from({ length: 50 }, () => data.revision("drc")));
    expect(new Set(all).size).toBe(1);
    expect(data.revisionQueryCount).toBeLessThanOrEqual(2);
  });

  test("a call made after a write sees it, even while an older query is in flight", async () => {
    const data = new DataService(f.ledger);
    const before = data.revision("drc"); // in flight, started before the write
    await f.ledger.put("drc", "entities", entity("revision-co") as never, {
      actor: "test",
      expectedVersion: 0,
    });
    const after = await data.revision("drc");
    expect(after).not.toBe(await before);
    expect(after).toBe((await f.ledger.datasets()).find((d) => d.id === "drc")?.updatedAt);
  });

  test("an unknown dataset is NOT_FOUND, and the next call asks again", async () => {
    const data = new DataService(f.ledger);
    await expect(data.revision("nope")).rejects.toThrow(
      "No dataset nope in the store: GET /api/datasets lists them",
    );
    await expect(data.revision("nope")).rejects.toThrow("No dataset nope");
    expect(data.revisionQueryCount).toBe(2);
  });
});

describe("conditional reports", () => {
  const url = "/api/reports/flows?commodity=cobalt&period=2024&asOf=2025-12-31";
  test("a matching If-None-Match is a 304 before anything is computed", async () => {
    const first = await f.app.request(url, { headers: f.auth("viewer") });
    const etag = first.headers.get("etag") as string;
    f.app.services.data.bodies.clear();
    const again = await f.app.request(url, {
      headers: { ...f.auth("viewer"), "if-none-match": `W/${etag}` },
    });
    expect(again.status).toBe(304);
    expect(again.headers.get("etag")).toBe(etag);
    // Nothing was rendered again.
    expect(f.app.services.data.bodies.get(etag)).toBeUndefined();
  });

  test("If-None-Match never excuses a bad query", async () => {
    const bad = await f.app.request("/api/reports/flows?commodity=platinum&asOf=2025-12-31", {
      headers: { ...f.auth("viewer"), "if-none-match": "*" },
    });
    expect(bad.status).toBe(400);
  });
});
