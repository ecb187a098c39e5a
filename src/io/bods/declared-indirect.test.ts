import { describe, expect, it } from "vitest";
import type { Stake } from "../../model/stake.js";
import { type Link, placeDeclaration } from "./declared-indirect.js";

const stake = (id: string, owner: string, owned: string, share: number) =>
  ({ id, owner, owned, share, kind: "equity", sources: ["s"], asOf: "2024" }) as unknown as Stake;
const name = (id: string) => id.toUpperCase();

function place(share: number, links: Link[], known: Stake[], range?: [number, number]) {
  const byId = new Map(known.map((s) => [s.id as string, s]));
  return placeDeclaration(
    {
      id: "decl",
      owner: "p",
      owned: "a",
      share,
      ...(range ? { shareMin: range[0], shareMax: range[1] } : {}),
      components: links,
    },
    (id) => byId.get(id),
    name,
  );
}

describe("placeDeclaration", () => {
  it("placeDeclaration() derives the one unknown component share on a chain (30 % = 60 % × x gives x = 50 %)", () => {
    const r = place(
      0.3,
      [
        { id: "ba", owner: "b", owned: "a" },
        { id: "pb", owner: "p", owned: "b" },
      ],
      [stake("ba", "b", "a", 0.6)],
    );
    expect(r.placement).toBe("derived");
    expect(r.stake).toEqual({ id: "pb", owner: "p", owned: "b", share: 0.5 });
    expect(r.note).toBe(
      "Derived from the declared indirect interest decl (P declares 30% of A): 30% = 60% × x gives x = 50%",
    );
  });

  it("placeDeclaration() derives a declared range as a range of the component share", () => {
    const r = place(
      0.3,
      [
        { id: "ba", owner: "b", owned: "a" },
        { id: "pb", owner: "p", owned: "b" },
      ],
      [stake("ba", "b", "a", 0.6)],
      [0.24, 0.36],
    );
    expect(r.stake?.shareMin).toBeCloseTo(0.4, 12);
    expect(r.stake?.shareMax).toBeCloseTo(0.6, 12);
  });

  it("placeDeclaration() solves the unknown link over several paths (30 % = 40 % × x + 10 %)", () => {
    const r = place(
      0.3,
      [
        { id: "pb", owner: "p", owned: "b" },
        { id: "ba", owner: "b", owned: "a" },
        { id: "pc", owner: "p", owned: "c" },
        { id: "ca", owner: "c", owned: "a" },
      ],
      [stake("ba", "b", "a", 0.4), stake("pc", "p", "c", 0.5), stake("ca", "c", "a", 0.2)],
    );
    expect(r.placement).toBe("derived");
    expect(r.stake?.id).toBe("pb");
    expect(r.stake?.share).toBeCloseTo(0.5, 12);
    expect(r.note).toBe(
      "Derived from the declared indirect interest decl (P declares 30% of A): 30% = 40% × x + 10% gives x = 50%",
    );
  });

  it("placeDeclaration() spans several unknown links of one chain with one stake, never counting twice", () => {
    const r = place(
      0.3,
      [
        { id: "ba", owner: "b", owned: "a" },
        { id: "cb", owner: "c", owned: "b" },
        { id: "pc", owner: "p", owned: "c" },
      ],
      [stake("ba", "b", "a", 0.6)],
    );
    expect(r.placement).toBe("spanned");
    expect(r.stake).toEqual({ id: "decl:span", owner: "p", owned: "b", share: 0.5 });
    expect(r.note).toBe(
      "Declared indirect interest decl (P declares 30% of A): the links P → C → B have no shares; this stake spans them at 50% (30% ÷ 60%)",
    );
  });

  it("placeDeclaration() counts through the components when every share is given, and says when they disagree", () => {
    const links = [
      { id: "ba", owner: "b", owned: "a" },
      { id: "pb", owner: "p", owned: "b" },
    ];
    const known = [stake("ba", "b", "a", 0.6), stake("pb", "p", "b", 0.5)];
    expect(place(0.3, links, known)).toEqual({
      placement: "components",
      note: "P declares 30% of A: counted through its components",
    });
    expect(place(0.4, links, known).note).toBe(
      "P declares 40% of A, but its components give 30%: counted through its components",
    );
  });

  it("placeDeclaration() leaves a declaration the components cannot carry unplaced, with the reason", () => {
    const links = [
      { id: "ba", owner: "b", owned: "a" },
      { id: "pb", owner: "p", owned: "b" },
    ];
    expect(place(0.8, links, [stake("ba", "b", "a", 0.6)])).toEqual({
      placement: "unplaced",
      note: "P declares 80% of A, but no share of P in B gives it with the known components (it would be 133.3333%): not counted",
    });
    expect(place(0.3, [{ id: "xb", owner: "x", owned: "b" }], [])).toEqual({
      placement: "unplaced",
      note: "P declares 30% of A, but its components do not lead from one to the other: not counted",
    });
    const twoPaths = [
      { id: "pb", owner: "p", owned: "b" },
      { id: "ba", owner: "b", owned: "a" },
      { id: "pc", owner: "p", owned: "c" },
      { id: "ca", owner: "c", owned: "a" },
    ];
    expect(place(0.3, twoPaths, [stake("ba", "b", "a", 0.4), stake("ca", "c", "a", 0.2)])).toEqual({
      placement: "unplaced",
      note: "P declares 30% of A, but 2 component shares are not given on 2 paths: no placement avoids counting it twice, so it is not counted",
    });
  });
});
