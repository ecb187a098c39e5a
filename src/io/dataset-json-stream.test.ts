/**
 * The dataset reader of JSON imports (`dataset-json-stream.ts`): records as `JSON.parse` of the
 * whole text gives them, whatever the chunk size cuts through (strings holding brackets, commas,
 * escaped quotes and multi-byte characters), and each kind of bad text refused where it is.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { OrebookError } from "../model/errors.js";
import { streamDatasetJson } from "./dataset-json-stream.js";

const dir = mkdtempSync(join(tmpdir(), "orebook-dataset-json-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function read(text: string, chunkSize = 7): Record<string, unknown[]> {
  const file = join(dir, "body.json");
  writeFileSync(file, text);
  const s = streamDatasetJson(file, { name: "body", chunkSize });
  const out: Record<string, unknown[]> = {};
  for (const k of s.kinds) out[k] = [...(s.dataset[k] as Iterable<unknown>)];
  return out;
}

function refusal(text: string): OrebookError {
  try {
    read(text);
  } catch (e) {
    if (e instanceof OrebookError) return e;
    throw e;
  }
  throw new Error("read without a problem");
}

describe("a dataset read from JSON a record at a time", () => {
  test("gives what JSON.parse of the whole gives, at any chunk size", () => {
    const dataset = {
      stakes: [{ id: "s", note: 'a,]}"[\\' }],
      entities: Array.from({ length: 40 }, (_, i) => ({
        id: `e${i}`,
        name: `Société ${"é€𝄞".repeat(i)}`,
        tags: [[], {}, [1, [2]]],
      })),
      sources: [],
    };
    for (const text of [JSON.stringify(dataset), JSON.stringify(dataset, null, 2)])
      for (const size of [1, 2, 3, 7, 64, 1 << 20]) expect(read(text, size)).toEqual(dataset);
    expect(read("{}")).toEqual({});
  });

  test("text that is not JSON is refused with its line and column", () => {
    const cases: [string, RegExp][] = [
      [
        '{"entities": [{"id": "a"},]}',
        /line 1, column 27: an empty element in the list of entities/,
      ],
      ['{"entities": [{"id": "a"}\n, {"id": }]}', /line 2, column 3: entities\[1\] \(/],
      ['{"entities": [{"id": "a"} {"id": "b"}]}', /line 1, column 15: entities\[0\] \(/],
      ['{"entities": [{"id": "a"}', /the text ends before the object does/],
      ['{"entities": []} x', /line 1, column 18: "x" after the end of the object/],
      ['{"entities": [],}', /line 1, column 17: "}" where a key was expected/],
      ["  ", /the text is empty/],
    ];
    for (const [text, message] of cases) {
      const e = refusal(text);
      expect(e.code, text).toBe("BAD_INPUT");
      expect(e.message, text).toMatch(/^Not valid JSON in body at /);
      expect(e.message, text).toMatch(message);
    }
  });

  test("a body that is not a dataset is refused naming each key, as the API's body check does", () => {
    const e = refusal('{"entities": [], "foo": {"a": [1]}, "bar": 3, "stakes": null}');
    expect(e.code).toBe("INVALID_DATA");
    expect(e.issues.map((i) => i.path)).toEqual([["foo"], ["bar"], ["stakes"]]);
    expect(e.message).toBe(
      "3 problems in the body, the first: foo: Unknown field foo: remove it (see the schema in /openapi.json)",
    );
    expect(refusal('{"entities": [], "entities": []}').message).toContain(
      "entities: The records of entities are given twice",
    );
    expect(refusal("[1, 2]").message).toContain(
      "(root): Expected an object of record kind → list of records",
    );
  });
});
