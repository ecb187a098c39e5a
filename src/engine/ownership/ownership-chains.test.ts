import { describe, expect, it } from "vitest";
import { _testWorld } from "../allocation/_test-allocation-world.js";
import { ownershipChainsBetween } from "./ownership-chains.js";

const world = (stakes: { owner: string; owned: string; share: number }[]) =>
  _testWorld({
    entities: ["a", "b", "c"].map((id) => ({ id, country: "CN" })),
    assets: [{ id: "x" }],
    stakes,
  });

describe("ownershipChainsBetween()", () => {
  it("finds the direct and the indirect chain, each with the product of its shares, largest first", () => {
    const r = ownershipChainsBetween(
      world([
        { owner: "a", owned: "x", share: 0.1 },
        { owner: "a", owned: "b", share: 0.6 },
        { owner: "b", owned: "x", share: 0.5 },
      ]),
      "a",
      "x",
    );
    expect(r.chains.map((c) => [c.ids, c.share])).toEqual([
      [["a", "b", "x"], 0.3],
      [["a", "x"], 0.1],
    ]);
    expect(r.chains[0]?.links.map((l) => l.stakes.length)).toEqual([1, 1]);
    expect(r.truncated).toBe(false);
  });

  it("walks a cross-holding without looping: a node is on a chain once", () => {
    const r = ownershipChainsBetween(
      world([
        { owner: "a", owned: "b", share: 0.5 },
        { owner: "b", owned: "a", share: 0.2 },
        { owner: "b", owned: "c", share: 0.5 },
        { owner: "c", owned: "x", share: 1 },
      ]),
      "a",
      "x",
    );
    expect(r.chains.map((c) => c.ids)).toEqual([["a", "b", "c", "x"]]);
    expect(r.chains[0]?.share).toBeCloseTo(0.25, 12);
  });

  it("leaves out chains longer than maxHops, and keeps the largest when there are too many", () => {
    const stakes = [
      { owner: "a", owned: "b", share: 0.5 },
      { owner: "b", owned: "c", share: 0.5 },
      { owner: "c", owned: "x", share: 0.5 },
      { owner: "a", owned: "x", share: 0.01 },
    ];
    expect(ownershipChainsBetween(world(stakes), "a", "x", { maxHops: 2 }).chains).toHaveLength(1);
    const cut = ownershipChainsBetween(world(stakes), "a", "x", { maxChains: 1 });
    expect(cut.chains.map((c) => c.ids)).toEqual([["a", "b", "c", "x"]]);
    expect(cut.truncated).toBe(true);
  });
});
