import { describe, expect, it } from "vitest";
import { OrebookError } from "../../model/errors.js";
import { compareIdBytes, controlChain, majorityOwners, ultimateControllers } from "./control.js";
import { ownershipGraphFrom } from "./ownership-graph.js";

const ids = ["state", "parent", "holdco", "mine", "other"];
const at = (id: string) => ids.indexOf(id);
const chainGraph = ownershipGraphFrom(ids, [
  { owner: "holdco", owned: "mine", share: 0.6 },
  { owner: "other", owned: "mine", share: 0.4 },
  { owner: "parent", owned: "holdco", share: 0.51 },
  { owner: "state", owned: "parent", share: 0.3 },
  { owner: "other", owned: "parent", share: 0.25 },
  { owner: "other", owned: "parent", share: 0.25 }, // summed: other holds 0.5, not a majority
]);

describe("majorityOwners()", () => {
  it("majorityOwners() finds the owner strictly above half, -1 elsewhere", () => {
    expect(Array.from(majorityOwners(chainGraph))).toEqual([
      -1,
      -1,
      at("parent"),
      at("holdco"),
      -1,
    ]);
  });

  it("majorityOwners() takes a configurable threshold", () => {
    const m = majorityOwners(chainGraph, 0.45);
    expect(m[at("parent")]).toBe(at("other"));
    expect(m[at("mine")]).toBe(at("holdco"));
    expect(majorityOwners(chainGraph, 0.6)[at("mine")]).toBe(-1);
  });

  it("majorityOwners() rejects a threshold outside 0–1", () => {
    expect(() => majorityOwners(chainGraph, 50)).toThrow(
      new OrebookError("BAD_INPUT", "A control threshold must be a fraction in [0, 1), got 50"),
    );
  });
});

describe("ultimateControllers()", () => {
  it("ultimateControllers() follows majority chains to the top", () => {
    const c = ultimateControllers(chainGraph);
    expect(c[at("mine")]).toBe(at("parent"));
    expect(c[at("holdco")]).toBe(at("parent"));
    expect(c[at("parent")]).toBe(at("parent"));
    expect(c[at("other")]).toBe(at("other"));
  });

  it("ultimateControllers() with a lower threshold goes one step further", () => {
    const c = ultimateControllers(chainGraph, 0.45);
    expect(c[at("mine")]).toBe(at("other"));
  });

  it("ultimateControllers() resolves a cycle of majority stakes to its smallest id", () => {
    const g = ownershipGraphFrom(
      ["m", "zeta", "beta", "gamma"],
      [
        { owner: "zeta", owned: "m", share: 0.9 },
        { owner: "beta", owned: "zeta", share: 0.6 },
        { owner: "gamma", owned: "beta", share: 0.6 },
        { owner: "zeta", owned: "gamma", share: 0.6 },
      ],
    );
    const c = ultimateControllers(g);
    expect(Array.from(c)).toEqual([2, 2, 2, 2]);
    expect(controlChain(g, 0)).toEqual([0, 1, 2]);
  });

  it("ultimateControllers() compares ids in byte order, not UTF-16 order", () => {
    expect(compareIdBytes("a\u{1F600}", "a\uFF5E")).toBeGreaterThan(0);
    expect(compareIdBytes("B", "a")).toBeLessThan(0);
    expect(compareIdBytes("ab", "a")).toBeGreaterThan(0);
  });
});

describe("controlChain()", () => {
  it("controlChain() lists the node, its majority owners and the controller", () => {
    expect(controlChain(chainGraph, at("mine"))).toEqual([at("mine"), at("holdco"), at("parent")]);
    expect(controlChain(chainGraph, at("other"))).toEqual([at("other")]);
  });

  it("controlChain() ends where ultimateControllers() does on a majority cycle entered from outside", () => {
    const g = ownershipGraphFrom(
      ["x", "c", "a", "b"],
      [
        { owner: "c", owned: "x", share: 0.7 },
        { owner: "a", owned: "c", share: 0.7 },
        { owner: "b", owned: "a", share: 0.7 },
        { owner: "c", owned: "b", share: 0.7 },
      ],
    );
    const chain = controlChain(g, 0);
    expect(chain).toEqual([0, 1, 2]);
    expect(chain[chain.length - 1]).toBe(ultimateControllers(g)[0]);
  });
});
