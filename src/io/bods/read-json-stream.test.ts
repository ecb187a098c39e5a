import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type JsonStreamItem, jsonItemsFrom } from "./read-json-stream.js";

async function itemsOf(text: string, chunk = 7): Promise<JsonStreamItem[]> {
  const bytes = Buffer.from(text, "utf8");
  const chunks: Uint8Array[] = [];
  for (let i = 0; i < bytes.length; i += chunk) chunks.push(bytes.subarray(i, i + chunk));
  const out: JsonStreamItem[] = [];
  for await (const item of jsonItemsFrom(chunks)) out.push(item);
  return out;
}

describe("jsonItemsFrom", () => {
  it("jsonItemsFrom() yields each object of a top-level array with its line", async () => {
    const text = '[\n  {"a": "x}y", "b": [1, {"c": "\\"}"}]},\n  {"d": "é"}\n]\n';
    expect(await itemsOf(text)).toEqual([
      { index: 0, line: 2, endLine: 2, form: "array", value: { a: "x}y", b: [1, { c: '"}' }] } },
      { index: 1, line: 3, endLine: 3, form: "array", value: { d: "é" } },
    ]);
  });

  it("jsonItemsFrom() reads JSON Lines", async () => {
    expect(await itemsOf('{"a":1}\n{"a":2}\n')).toEqual([
      { index: 0, line: 1, endLine: 1, form: "lines", value: { a: 1 } },
      { index: 1, line: 2, endLine: 2, form: "lines", value: { a: 2 } },
    ]);
  });

  it("jsonItemsFrom() gives the line of an object's closing brace", async () => {
    expect(await itemsOf('{\n  "a": 1\n}\n')).toEqual([
      { index: 0, line: 1, endLine: 3, form: "lines", value: { a: 1 } },
    ]);
  });

  it("jsonItemsFrom() reports a broken object and carries on", async () => {
    const items = await itemsOf('[{"a":1},\n{"a":},\n{"a":3}]');
    expect(items.map((i) => ("error" in i ? `${i.line}:${i.column} error` : i.value))).toEqual([
      { a: 1 },
      "2:1 error",
      { a: 3 },
    ]);
  });

  it("jsonItemsFrom() reports a missing comma and a missing closing bracket", async () => {
    const items = await itemsOf('[{"a":1} {"a":2}');
    expect(items.map((i) => ("error" in i ? i.error : i.value))).toEqual([
      { a: 1 },
      'JSON syntax: expected "," or "]" between statements',
      { a: 2 },
      'JSON syntax: the file ends before the closing "]"',
    ]);
  });

  it("jsonItemsFrom() gives the same objects whatever the chunk size", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.dictionary(fc.string(), fc.jsonValue()), { maxLength: 5 }),
        fc.integer({ min: 1, max: 40 }),
        async (objects, chunk) => {
          const items = await itemsOf(JSON.stringify(objects, null, 1), chunk);
          expect(items.map((i) => ("value" in i ? i.value : i))).toEqual(
            JSON.parse(JSON.stringify(objects)),
          );
        },
      ),
      { numRuns: 200 },
    );
  });
});
