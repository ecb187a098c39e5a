/**
 * Restricted history (issue 24): a record restricted now was returned in its earlier, public
 * version to viewers and the public who passed an earlier knownAt, by the record route, the
 * list, the snapshot, the JSON export and the look-through report; and sources could not be
 * restricted at all. Visibility is now decided on the current version.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { type Fixture, fixture } from "./_test-server.js";

const T1 = "2026-02-01T00:00:00.000Z";
const T2 = "2026-04-01T00:00:00.000Z";
const BEFORE = "2026-03-01";

const quietCo = {
  id: "quiet-co",
  name: "Quiet Holdings",
  kind: "company",
  country: "AE",
  sources: ["congojob-kamoto"],
  asOf: "2025",
};
const quietMine = {
  id: "quiet-mine",
  name: "Quiet Mine",
  kind: "mine",
  country: "CD",
  province: "Lualaba",
  location: null,
  status: "development",
  commodities: ["cobalt"],
  sources: ["congojob-kamoto"],
  asOf: "2025",
};
const quietStake = {
  id: "stake-quiet-mine",
  owner: "quiet-co",
  owned: "quiet-mine",
  share: 1,
  sources: ["congojob-kamoto"],
  asOf: "2025",
};
const memo = {
  id: "leaked-memo",
  title: "Leaked Board Memo",
  kind: "primary",
  confidence: "medium",
};
const memoFigure = {
  id: "memo-mine-co-2025",
  asset: "quiet-mine",
  commodity: "cobalt",
  period: "2025",
  tonnes: 777,
  basis: "estimate",
  sources: ["leaked-memo"],
  asOf: "2025",
};
/** What must never reach a viewer or the public, at any knownAt. */
const HIDDEN = [
  "quiet-co",
  "Quiet Holdings",
  "stake-quiet-mine",
  "leaked-memo",
  "Leaked Board Memo",
  "memo-mine-co-2025",
];

const paths = (knownAt: string) => [
  `/api/records/entities/quiet-co?knownAt=${knownAt}`,
  `/api/records/stakes/stake-quiet-mine?knownAt=${knownAt}`,
  `/api/records/sources/leaked-memo?knownAt=${knownAt}`,
  `/api/records/production/memo-mine-co-2025?knownAt=${knownAt}`,
  `/api/records/entities?limit=1000&knownAt=${knownAt}`,
  `/api/records/sources?limit=1000&knownAt=${knownAt}`,
  `/api/snapshot?asOf=2025-12-31&knownAt=${knownAt}`,
  `/api/export?format=json&knownAt=${knownAt}`,
  `/api/export?format=bods&knownAt=${knownAt}`,
  `/api/export?format=csv&kind=entities&knownAt=${knownAt}`,
  `/api/export?format=csv&kind=sources&knownAt=${knownAt}`,
  `/api/export?format=csv&kind=production&knownAt=${knownAt}`,
  `/api/records/entities/quiet-co/history`,
  `/api/reports/lookthrough?entity=quiet-co&asOf=2025-12-31&knownAt=${knownAt}`,
  `/api/reports/lookthrough?entity=quiet-mine&asOf=2025-12-31&knownAt=${knownAt}`,
];

let f: Fixture;
let pub: Fixture;

async function build(publicRead: boolean): Promise<Fixture> {
  const x = await fixture({ publicRead });
  const w = (
    kind: "entities" | "assets" | "stakes" | "sources" | "production",
    rec: object,
    v: number,
    at: string,
  ) => x.ledger.put("drc", kind, rec, { actor: "test", expectedVersion: v, recordedAt: at });
  // Public at T1 ...
  await w("sources", memo, 0, T1);
  await w("entities", quietCo, 0, T1);
  await w("assets", quietMine, 0, T1);
  await w("stakes", quietStake, 0, T1);
  await w("production", memoFigure, 0, T1);
  // ... restricted at T2: the owner, and the source (which hides the figure citing it).
  await w("entities", { ...quietCo, restricted: true }, 1, T2);
  await w("sources", { ...memo, restricted: true }, 1, T2);
  return x;
}

beforeAll(async () => {
  f = await build(false);
  pub = await build(true);
});
afterAll(async () => {
  await f.close();
  await pub.close();
});

describe("a record or source restricted now is hidden in every version", () => {
  test.each(paths(BEFORE))(
    "a viewer with an earlier knownAt gets nothing of it from %s",
    async (url) => {
      const res = await f.app.request(url, { headers: f.auth("viewer") });
      const text = await res.text();
      expect(res.status).toBeLessThan(500);
      // A refusal may echo what was asked for; nothing else of it may show.
      for (const s of HIDDEN) if (!url.includes(s)) expect(text).not.toContain(s);
      if (/\/api\/records\/[a-zA-Z]+\/[^?]+/.test(url)) expect(res.status).toBe(404);
    },
  );

  test.each(paths(BEFORE))(
    "the public with an earlier knownAt gets nothing of it from %s",
    async (url) => {
      const res = await pub.app.request(url);
      const text = await res.text();
      expect(res.status).toBeLessThan(500);
      // A refusal may echo what was asked for; nothing else of it may show.
      for (const s of HIDDEN) if (!url.includes(s)) expect(text).not.toContain(s);
      if (/\/api\/records\/[a-zA-Z]+\/[^?]+/.test(url)) expect(res.status).toBe(404);
    },
  );

  test("asked for by id at an earlier knownAt, a record hidden now answers 404 like one that never was", async () => {
    for (const [kind, id] of [
      ["entities", "quiet-co"],
      ["sources", "leaked-memo"],
      ["stakes", "stake-quiet-mine"],
    ]) {
      const res = await f.app.request(`/api/records/${kind}/${id}?knownAt=${BEFORE}`, {
        headers: f.auth("viewer"),
      });
      expect(res.status).toBe(404);
      expect(((await res.json()) as { detail: string }).detail).toBe(
        `No ${kind} record ${id} in dataset drc`,
      );
    }
  });

  test("a record restricted and then withdrawn stays hidden at a knownAt when it was public", async () => {
    const gone = { ...quietCo, id: "gone-co", name: "Gone Holdings" };
    const put = (rec: object, v: number, at: string) =>
      f.ledger.put("drc", "entities", rec, { actor: "test", expectedVersion: v, recordedAt: at });
    await put(gone, 0, T1);
    await put({ ...gone, restricted: true }, 1, T2);
    await f.ledger.remove("drc", "entities", "gone-co", {
      actor: "test",
      expectedVersion: 2,
      recordedAt: "2026-05-01T00:00:00.000Z",
    });
    const one = await f.app.request(`/api/records/entities/gone-co?knownAt=${BEFORE}`, {
      headers: f.auth("viewer"),
    });
    expect(one.status).toBe(404);
    const list = await f.app.request(`/api/records/entities?limit=1000&knownAt=${BEFORE}`, {
      headers: f.auth("viewer"),
    });
    expect(await list.text()).not.toContain("Gone Holdings");
  });

  test("an analyst still reads the earlier, public versions", async () => {
    const res = await f.app.request(`/api/records/entities/quiet-co?knownAt=${BEFORE}`, {
      headers: f.auth("analyst"),
    });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { version: number }).version).toBe(1);
  });

  test("a source can be marked restricted through the API (it was 422 Unknown field)", async () => {
    const res = await f.app.request("/api/records/sources", {
      method: "POST",
      headers: { ...f.auth("analyst"), "content-type": "application/json" },
      body: JSON.stringify({
        id: "private-call",
        title: "Call notes",
        kind: "analyst",
        confidence: "low",
        restricted: true,
      }),
    });
    expect(res.status).toBe(201);
    const seen = await f.app.request("/api/records/sources/private-call", {
      headers: f.auth("viewer"),
    });
    expect(seen.status).toBe(404);
  });
});
