import fc from "fast-check";
import { expect, test } from "vitest";
import { IdNumbers, IdTable } from "./id-table.js";

test("an IdTable numbers ids as a Map would, through growth, non-ASCII and long ids", () => {
  const t = new IdTable();
  const m = new Map<string, number>();
  const ids: string[] = [];
  for (let i = 0; i < 50_000; i++) ids.push(`e${i}`);
  // Lone surrogates are kept apart (UTF-8 would make both U+FFFD).
  ids.push("Gécamines", "Ngozi 🌍", "", "x".repeat(5000), "e1", "É", "e", "\ud800", "\ud801");
  const got: number[] = [];
  for (const id of ids) {
    got.push(t.intern(id));
    if (!m.has(id)) m.set(id, m.size);
  }
  expect(got).toEqual(ids.map((id) => m.get(id)));
  expect(t.size).toBe(m.size);
  const back = [...m.keys()].map((id) => [t.find(id), t.idAt(t.find(id))]);
  expect(back).toEqual([...m].map(([id, n]) => [n, id]));
  expect(t.find("e50000")).toBe(-1);
  expect(t.find("Gecamines")).toBe(-1);
  t.flags[t.find("É")] = 3;
  expect(t.flags[m.get("É") as number]).toBe(3);
});

test("IdTable and IdNumbers agree with Map on any ids (property)", () => {
  fc.assert(
    fc.property(
      fc.array(
        fc.tuple(
          fc.string({
            unit: fc.oneof(
              fc.constantFrom("a", "b", "\ud800", "\udc00", "é"),
              fc.string({ unit: "binary", minLength: 1, maxLength: 1 }),
            ),
            maxLength: 12,
          }),
          fc.integer(),
        ),
      ),
      (pairs) => {
        const t = new IdTable();
        const nums = new IdNumbers();
        const m = new Map<string, number>();
        const order = new Map<string, number>();
        for (const [id, v] of pairs) {
          if (!order.has(id)) order.set(id, order.size);
          expect(t.intern(id)).toBe(order.get(id));
          nums.set(id, v);
          m.set(id, v);
        }
        for (const [id, v] of m) {
          expect(nums.get(id)).toBe(v);
          expect(t.idAt(t.find(id))).toBe(id);
        }
        expect(nums.size).toBe(m.size);
        expect(nums.get("\u0000absent\u0000")).toBe(m.get("\u0000absent\u0000"));
      },
    ),
  );
});
