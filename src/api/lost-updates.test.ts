import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Dataset } from "../model/dataset.js";
import { type Fixture, fixture } from "./_test-server.js";

let f: Fixture;
beforeAll(async () => {
  // A store on disk: imports run in job workers with their own connection, as on a server.
  f = await fixture({ onDisk: true });
});
afterAll(async () => {
  await f.close();
});

const analyst = () => ({ ...f.auth("analyst") });

async function exported(): Promise<{ dataset: Dataset; revision: string }> {
  const res = await f.app.request("/api/export?format=json", { headers: analyst() });
  expect(res.status).toBe(200);
  const revision = res.headers.get("x-orebook-revision");
  expect(revision).toMatch(/^\d{4}-\d{2}-\d{2}T/);
  return { dataset: (await res.json()) as Dataset, revision: revision as string };
}

async function importJson(body: unknown, base?: string) {
  const res = await f.app.request(
    `/api/import${base === undefined ? "" : `?base=${encodeURIComponent(base)}`}`,
    {
      method: "POST",
      headers: { ...analyst(), "content-type": "application/json" },
      body: JSON.stringify(body),
    },
  );
  return { res, json: (await res.json()) as Record<string, unknown> };
}

/** Corrects an entity's name through the record route, as another user would. */
async function correct(id: string, name: string) {
  const read = await f.app.request(`/api/records/entities/${id}`, { headers: analyst() });
  const etag = read.headers.get("etag") as string;
  const { record } = (await read.json()) as { record: Record<string, unknown> };
  const res = await f.app.request(`/api/records/entities/${id}`, {
    method: "PUT",
    headers: { ...analyst(), "content-type": "application/json", "if-match": etag },
    body: JSON.stringify({ ...record, name }),
  });
  expect(res.status, await res.clone().text()).toBe(200);
}

const nameOf = async (id: string) =>
  (await f.ledger.get("drc", "entities", id))?.record?.name as string;

const renamed = (ds: Dataset, id: string, name: string): Partial<Dataset> => ({
  entities: ds.entities.filter((e) => e.id === id).map((e) => ({ ...e, name })),
});

describe("imports carry the revision their copy was read at", () => {
  test("an import that changes records that exist, without base, is refused 428 and writes nothing", async () => {
    const { dataset } = await exported();
    const r = await importJson(renamed(dataset, "glencore", "Glencore (blind overwrite)"));
    expect(r.res.status).toBe(428);
    expect(r.json.code).toBe("PRECONDITION_REQUIRED");
    expect(r.json.detail).toMatch(/names no revision/);
    expect(r.json.issues).toEqual([expect.objectContaining({ record: "entities glencore" })]);
    expect(await nameOf("glencore")).not.toBe("Glencore (blind overwrite)");
    // Adding records needs no base; the same copy again changes nothing and needs none either.
    const add = await importJson({
      entities: [
        { ...dataset.entities[0], id: "lost-updates-new-co", name: "New Co", aliases: [] },
      ],
    });
    expect(add.res.status, JSON.stringify(add.json)).toBe(200);
    expect((await importJson({ entities: dataset.entities })).json.writtenTotal).toBe(0);
  });

  test("re-importing a stale copy is refused 409, listing the record corrected since; the correction stays", async () => {
    const { dataset, revision } = await exported();
    await correct("gecamines", "Gécamines (corrected)");
    // The stale copy: a change of its own to another record, and the old name of the corrected.
    const stale = {
      entities: [
        ...(renamed(
          dataset,
          "gecamines",
          dataset.entities.find((e) => e.id === "gecamines")?.name as string,
        ).entities ?? []),
        ...(renamed(dataset, "cmoc", "CMOC (from the stale copy)").entities ?? []),
      ],
    };
    const r = await importJson(stale, revision);
    expect(r.res.status, JSON.stringify(r.json)).toBe(409);
    expect(r.json.code).toBe("CONFLICT");
    expect(r.json.detail).toContain(`changed since revision ${revision}`);
    expect((r.json.issues as { record: string }[]).map((i) => i.record)).toEqual([
      "entities gecamines",
    ]);
    expect(await nameOf("gecamines")).toBe("Gécamines (corrected)");
    expect(await nameOf("cmoc")).not.toBe("CMOC (from the stale copy)");
    // Exported again, the same change goes in, and the import gives the next base.
    const fresh = await exported();
    const ok = await importJson(renamed(fresh.dataset, "cmoc", "CMOC (fresh)"), fresh.revision);
    expect(ok.res.status, JSON.stringify(ok.json)).toBe(200);
    expect(ok.json.writtenTotal).toBe(1);
    expect(await nameOf("gecamines")).toBe("Gécamines (corrected)");
    const next = await importJson(
      renamed(fresh.dataset, "cmoc", "CMOC (next)"),
      ok.json.revision as string,
    );
    expect(next.res.status, JSON.stringify(next.json)).toBe(200);
  });

  test("a CSV import (a job) is refused the same way, and a base that is no time is a 400", async () => {
    const csvOf = async (kind: string) => {
      const res = await f.app.request(`/api/export?format=csv&kind=${kind}`, {
        headers: analyst(),
      });
      return { revision: res.headers.get("x-orebook-revision") as string, csv: await res.text() };
    };
    const { revision, csv } = await csvOf("entities");
    const sources = (await csvOf("sources")).csv;
    await correct("ivanhoe-mines", "Ivanhoe Mines (corrected)");
    const line = csv.split("\r\n").find((l) => l.startsWith("ivanhoe-mines,")) as string;
    const header = csv.split("\r\n")[0] as string;
    // The tables that refer to each other go together: the sources unchanged, the old entity.
    const post = (base: string) =>
      f.app.request(`/api/import?format=csv&base=${encodeURIComponent(base)}`, {
        method: "POST",
        headers: { ...analyst(), "content-type": "application/json" },
        body: JSON.stringify({ sources, entities: `${header}\r\n${line}\r\n` }),
      });
    const stale = await post(revision);
    const problem = (await stale.json()) as { code: string; issues: { record: string }[] };
    expect(stale.status, JSON.stringify(problem)).toBe(409);
    expect(problem.issues.map((i) => i.record)).toEqual(["entities ivanhoe-mines"]);
    expect(await nameOf("ivanhoe-mines")).toBe("Ivanhoe Mines (corrected)");
    expect((await post("last tuesday")).status).toBe(400);
  });

  test("an export as the store knew it earlier gives that time as its revision", async () => {
    const res = await f.app.request("/api/export?format=json&knownAt=2026-01-02", {
      headers: analyst(),
    });
    expect(res.headers.get("x-orebook-revision")).toBe("2026-01-02T23:59:59.999Z");
    const snap = await f.app.request("/api/snapshot?asOf=2025-12-31", { headers: analyst() });
    expect(snap.headers.get("x-orebook-revision")).toBe(
      (await f.ledger.datasets()).find((d) => d.id === "drc")?.updatedAt,
    );
  });
});
