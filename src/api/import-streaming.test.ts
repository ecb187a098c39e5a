/**
 * A CSV import through the API streams its body to files and imports them as `orebook import
 * csv` does (issue 24): located problems (table, line, column), nothing written on failure,
 * the body's limit counted as it arrives, and the files removed on every path.
 */
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { type Fixture, fixture } from "./_test-server.js";

let f: Fixture;
let small: Fixture;
let tmp: string;
const before = process.env.TMPDIR;
beforeAll(async () => {
  // A store on disk: the imports run in job workers with their own connection, as on a server.
  f = await fixture({ onDisk: true });
  small = await fixture({ importBytes: 4096 });
  // The server's temporary files go here, so the test sees exactly what it leaves.
  tmp = mkdtempSync(join(tmpdir(), "import-streaming-test-"));
  process.env.TMPDIR = tmp;
});
afterAll(async () => {
  await f.close();
  await small.close();
  if (before === undefined) delete process.env.TMPDIR;
  else process.env.TMPDIR = before;
  rmSync(tmp, { recursive: true, force: true });
});

const leftOver = () => readdirSync(tmp);

/** A body sent in pieces of `size` bytes, as a slow client sends it (no Content-Length). */
function pieces(text: string, size: number): ReadableStream<Uint8Array> {
  const bytes = new TextEncoder().encode(text);
  let at = 0;
  return new ReadableStream({
    pull(ctrl) {
      if (at >= bytes.length) return ctrl.close();
      ctrl.enqueue(bytes.slice(at, at + size));
      at += size;
    },
  });
}

const post = (fx: Fixture, url: string, body: string | ReadableStream<Uint8Array>, type: string) =>
  fx.app.request(url, {
    method: "POST",
    headers: { ...fx.auth("analyst"), "content-type": type },
    body,
    ...(typeof body === "string" ? {} : { duplex: "half" }),
  } as RequestInit);

const SOURCES = "id,title,kind,confidence\nsrc-s,Streamed,derived,low\n";
const entities = (rows: number, bad = -1) => {
  const lines = ["id,name,kind,country,sources,asOf"];
  for (let i = 0; i < rows; i++)
    lines.push(`st${i},Streamed ${i},${i === bad ? "spaceship" : "company"},CD,src-s,2025`);
  return `${lines.join("\n")}\n`;
};

interface Problem {
  status: number;
  detail: string;
  issues: { file?: string; line?: number; column?: number; record?: string; message: string }[];
}

describe("a CSV import through the API", () => {
  test("a bad row among thousands is named by table, line and column, and nothing is written", async () => {
    const r = await post(
      f,
      "/api/import?format=csv&dataset=streamed",
      pieces(JSON.stringify({ sources: SOURCES, entities: entities(3000, 2500) }), 4093),
      "application/json",
    );
    const p = (await r.json()) as Problem;
    expect(r.status, JSON.stringify(p)).toBe(422);
    // Row 2500 is the file's line 2502 (the header is line 1); kind is the third column.
    expect(p.issues[0]).toMatchObject({ file: "entities.csv", line: 2502, column: 3 });
    expect(p.issues[0]?.message).toMatch(/spaceship|Invalid option/);
    expect(p.detail).toContain("entities.csv:2502:3");
    expect(p.detail).not.toContain(tmp);
    expect(await f.ledger.get("streamed", "entities", "st0")).toBeUndefined();
    expect((await f.ledger.datasets()).map((d) => d.id)).not.toContain("streamed");
    expect(leftOver()).toEqual([]);
  });

  test("a cross-reference problem found by the store is located in its table too", async () => {
    const stakes =
      "id,owner,owned,share,sources,asOf\nss1,st0,st1,0.5,src-s,2025\nss2,st0,nowhere,0.5,src-s,2025\n";
    const r = await post(
      f,
      "/api/import?format=csv&dataset=streamed",
      JSON.stringify({ sources: SOURCES, entities: entities(3), stakes }),
      "application/json",
    );
    const p = (await r.json()) as Problem;
    expect(r.status, JSON.stringify(p)).toBe(422);
    expect(p.issues[0]).toMatchObject({ file: "stakes.csv", line: 3, record: "stakes ss2" });
    expect(await f.ledger.get("streamed", "entities", "st0")).toBeUndefined();
    expect(leftOver()).toEqual([]);
  });

  test("tables sent in pieces that split characters and escapes import exactly", async () => {
    const names = ["Société Générale", "Ngozi 🌍 Ltd", 'A "quoted", comma', "back\\slash"];
    const csv = [
      "id,name,kind,country,sources,asOf",
      ...names.map((n, i) => `u${i},"${n.replaceAll('"', '""')}",company,CD,src-s,2025`),
    ].join("\r\n");
    // JSON.stringify escapes the quotes and backslash; \u escapes are spelled out by hand.
    const body = JSON.stringify({ sources: SOURCES, entities: `${csv}\r\n` }).replace(
      "🌍",
      "\\ud83c\\udf0d",
    );
    for (const size of [1, 3, 7]) {
      const r = await post(
        f,
        `/api/import?format=csv&dataset=split-${size}`,
        pieces(body, size),
        "application/json",
      );
      expect(r.status, await r.clone().text()).toBe(200);
      for (const [i, n] of names.entries())
        expect((await f.ledger.get(`split-${size}`, "entities", `u${i}`))?.record).toMatchObject({
          name: n,
        });
    }
    // One kind's table as the body, in pieces that cut its UTF-8 characters in two.
    const one = await post(
      f,
      "/api/import?format=csv&kind=sources&dataset=split-one",
      pieces("id,title,kind,confidence\nsrc-e,Étude générale,derived,low\n", 5),
      "text/csv",
    );
    expect(one.status, await one.clone().text()).toBe(200);
    expect((await f.ledger.get("split-one", "sources", "src-e"))?.record).toMatchObject({
      title: "Étude générale",
    });
    expect(leftOver()).toEqual([]);
  });

  test("a body past the limit is refused 413 as it arrives, with or without its length", async () => {
    const big = entities(200);
    expect(big.length).toBeGreaterThan(4096);
    const chunked = await post(
      small,
      "/api/import?format=csv&kind=entities&dataset=big",
      pieces(big, 1000),
      "text/csv",
    );
    expect(chunked.status).toBe(413);
    const declared = await post(small, "/api/import?format=csv&kind=entities", big, "text/csv");
    expect(declared.status).toBe(413);
    const json = await post(
      small,
      "/api/import?format=csv",
      pieces(JSON.stringify({ entities: big }), 999),
      "application/json",
    );
    expect(json.status).toBe(413);
    // A BODS body is written to its file as it arrives and refused the same way: its reader
    // holds the records the whole file makes (relationships name statements anywhere in it),
    // so the import limit is what bounds it.
    const statements = JSON.stringify(
      Array.from({ length: 40 }, (_, i) => ({
        statementId: `big-${i}-${"x".repeat(80)}`,
        recordType: "entity",
      })),
    );
    expect(statements.length).toBeGreaterThan(4096);
    const bods = await post(
      small,
      "/api/import?format=bods&dataset=big",
      pieces(statements, 1000),
      "application/json",
    );
    const problem = (await bods.json()) as Problem;
    expect(bods.status).toBe(413);
    expect(problem.detail).toMatch(/larger than 4096 bytes/);
    expect(await small.ledger.get("big", "entities", "st0")).toBeUndefined();
    expect(leftOver()).toEqual([]);
  });

  test("a body that is not an object of record kind → CSV text is refused and leaves nothing", async () => {
    const cases: [string, number, string | undefined][] = [
      ['{"entities": "id\\n", "bogus": "x"}', 422, "/bogus"],
      ['{"entities": 3}', 422, "/entities"],
      ['{"entities": "a", "entities": "b"}', 422, "/entities"],
      ["{}", 422, undefined],
      ['{"entities": "id\\n"', 400, undefined],
      ['{"entities": "id\\q"}', 400, undefined],
      ['["entities"]', 422, undefined],
      ['{"entities": "id\\n"} trailing', 400, undefined],
      ["   ", 400, undefined],
    ];
    for (const [body, status, pointer] of cases) {
      const r = await post(f, "/api/import?format=csv", pieces(body, 4), "application/json");
      const p = (await r.json()) as { issues: { pointer: string }[] };
      expect({ body, status: r.status }).toEqual({ body, status });
      if (pointer) expect(p.issues[0]?.pointer).toBe(pointer);
    }
    expect(leftOver()).toEqual([]);
  });

  test("a client that goes away mid-body leaves no file behind", async () => {
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(ctrl) {
        if (sent++ < 3) return ctrl.enqueue(new TextEncoder().encode(entities(50)));
        throw Object.assign(new Error("aborted"), { code: "ECONNRESET" });
      },
    });
    const r = await post(f, "/api/import?format=csv&kind=entities&dataset=gone", body, "text/csv");
    expect(r.status).toBe(400);
    expect(await f.ledger.get("gone", "entities", "st0")).toBeUndefined();
    expect(leftOver()).toEqual([]);
  });

  test("an import job (async=1) streams the same way and removes its files when done", async () => {
    const r = await post(
      f,
      "/api/import?format=csv&dataset=async-csv&async=1",
      JSON.stringify({ sources: SOURCES, entities: entities(10) }),
      "application/json",
    );
    expect(r.status).toBe(202);
    const job = (await r.json()) as { id: string };
    const ended = await f.app.services.jobs.settled(job.id);
    expect(ended?.state, JSON.stringify(ended?.error)).toBe("done");
    expect(ended?.result).toMatchObject({
      writtenTotal: 11,
      written: { entities: 10, sources: 1 },
    });
    expect(leftOver()).toEqual([]);
  });

  test("the point-5 refusals hold through the API: extra cells, empty tables, headers only, a Latin-1 body, BODS []", async () => {
    const extra = await post(
      f,
      "/api/import?format=csv&kind=sources&dataset=p5",
      "id,title,kind,confidence\np5-a,A,derived,low,surplus\n",
      "text/csv",
    );
    const pe = (await extra.json()) as Problem;
    expect(extra.status, JSON.stringify(pe)).toBe(422);
    expect(pe.issues[0]).toMatchObject({ file: "sources.csv", line: 2, column: 5 });
    for (const tables of [{ sources: "" }, { sources: "id,title,kind,confidence\n" }]) {
      const r = await post(
        f,
        "/api/import?format=csv&dataset=p5",
        JSON.stringify(tables),
        "application/json",
      );
      expect({ tables, status: r.status }).toEqual({ tables, status: 422 });
    }
    // Latin-1 bytes are detected, converted and the conversion declared (read as UTF-8 text
    // they would be stored as U+FFFD).
    const latin = await post(
      f,
      "/api/import?format=csv&kind=sources&dataset=p5",
      new Blob([
        Buffer.from("id,title,kind,confidence\np5-l,Société Générale,derived,low\n", "latin1"),
      ]).stream(),
      "text/csv",
    );
    const body = (await latin.json()) as { warnings: { message: string }[] };
    expect(latin.status, JSON.stringify(body)).toBe(200);
    expect((await f.ledger.get("p5", "sources", "p5-l"))?.record).toMatchObject({
      title: "Société Générale",
    });
    expect(body.warnings.map((w) => w.message).join(" ")).toMatch(/Windows-1252 \(Latin-1\)/);
    const bods = await post(f, "/api/import?format=bods&dataset=p5", "[]", "application/json");
    expect(bods.status).toBe(422);
    expect(await f.ledger.get("p5", "sources", "p5-a")).toBeUndefined();
    expect(leftOver()).toEqual([]);
  });
});
