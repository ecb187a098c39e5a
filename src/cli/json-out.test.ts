import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { jsonPieces, writeJson } from "./json-out.js";

const row = (i: number) => ({
  id: `E${i}`,
  share: i / 7,
  chain: [`E${i}`, `E${i + 1}`],
  joint: i % 2 === 0,
  note: i % 3 === 0 ? undefined : 'a "quoted"\nline',
  nested: { deeper: [{ x: i }], empty: [], none: {} },
});

const cases: [string, unknown][] = [
  [
    "a report: large arrays of rows at the top and one level down, small ones, nulls and left-out fields",
    {
      commodity: "copper",
      skipped: undefined,
      fn: () => 1,
      nothing: null,
      count: 3,
      when: new Date(Date.UTC(2025, 5, 30)),
      byCompany: Array.from({ length: 1000 }, (_, i) => row(i)),
      assets: Array.from({ length: 257 }, (_, i) => row(i)),
      few: [row(1), row(2)],
      emptyList: [],
      emptyObject: {},
      allLeftOut: { a: undefined },
      coverage: {
        share: null,
        missing: Array.from({ length: 600 }, (_, i) => ({ asset: `A${i}`, why: i })),
        deep: { list: Array.from({ length: 300 }, (_, i) => [i, { i }, undefined]) },
      },
      toJsonUndefined: { toJSON: () => undefined },
    },
  ],
  ["a large array at the top", Array.from({ length: 700 }, (_, i) => (i % 5 ? row(i) : null))],
  ["an array of exactly a batch", Array.from({ length: 256 }, (_, i) => i)],
  ["an array with holes and functions", [...new Array(300), () => 1, Symbol("s")]],
  ["a string", "plain"],
  ["a number", 4.5],
  ["null", null],
  ["an empty object", {}],
  ["an object with a null prototype", Object.assign(Object.create(null), { a: [1, 2] })],
];

describe("jsonPieces", () => {
  for (const [what, value] of cases)
    it(`jsonPieces() joined equals JSON.stringify(value, null, 2): ${what}`, () => {
      expect([...jsonPieces(value)].join("")).toBe(JSON.stringify(value, null, 2));
    });

  it("jsonPieces() writes a large array in many pieces, none holding the whole", () => {
    const value = { rows: Array.from({ length: 5000 }, (_, i) => row(i)) };
    const parts = [...jsonPieces(value)];
    const whole = JSON.stringify(value, null, 2);
    expect(parts.length).toBeGreaterThan(10);
    expect(Math.max(...parts.map((p) => p.length))).toBeLessThan(whole.length / 10);
  });

  it("jsonPieces() gives nothing for what JSON.stringify writes as undefined", () => {
    expect([...jsonPieces(undefined)]).toEqual([]);
    expect([...jsonPieces(() => 1)]).toEqual([]);
  });
});

describe("writeJson", () => {
  it("writeJson() writes the text and a newline, waiting for a stream that asks it to", async () => {
    const value = { rows: Array.from({ length: 20_000 }, (_, i) => row(i)) };
    // A stream with a small buffer, read slowly: write() returns false and the writer waits.
    const out = new PassThrough({ highWaterMark: 1024 });
    const got: Buffer[] = [];
    let waits = 0;
    const write = out.write.bind(out);
    out.write = ((chunk: string) => {
      const ok = write(chunk);
      if (!ok) waits++;
      return ok;
    }) as typeof out.write;
    const reading = (async () => {
      for await (const c of out) got.push(c as Buffer);
    })();
    await writeJson(value, out);
    out.end();
    await reading;
    expect(Buffer.concat(got).toString("utf8")).toBe(`${JSON.stringify(value, null, 2)}\n`);
    expect(waits).toBeGreaterThan(0);
  });
});
