/**
 * The Monte Carlo out of the box, on the reference dataset and the shipped analyst priors: every
 * deal pending on the priors' date is drawn with a probability (the dataset's, else a labelled
 * prior), every risk applies, and the runs differ in their figures, the stockpile shortfall
 * included.
 */
import { describe, expect, it } from "vitest";
import { statusOn } from "../engine/scenario/apply-scenario.js";
import { evaluateDraw } from "../engine/scenario/monte-carlo.js";
import { loadDatasetDir, REFERENCE_DATA_DIR } from "../io/load-dataset.js";
import { monteCarloPlan, shippedPriors } from "./monte-carlo.js";

const { dataset } = loadDatasetDir(REFERENCE_DATA_DIR);
const priors = shippedPriors();

describe("the shipped analyst priors", () => {
  it("give every deal pending on their date a probability, unless the dataset gives one", () => {
    expect(priors).not.toBeNull();
    const date = priors?.baseDate ?? "";
    const prior = new Set(
      (priors?.changes ?? []).flatMap((c) => (c.kind === "deal-closes" ? [c.deal] : [])),
    );
    const pending = dataset.deals.filter((d) => {
      const s = statusOn(d, date);
      return s !== undefined && s !== "closed" && s !== "collapsed";
    });
    expect(pending.length).toBeGreaterThan(0);
    expect(
      pending.filter((d) => d.probability === null && !prior.has(d.id)).map((d) => d.id),
    ).toEqual([]);
  });

  it("label every probability they give as an assumption, with its reason", () => {
    for (const c of priors?.changes ?? []) {
      expect(c.probability).toBeGreaterThan(0);
      expect(c.probability).toBeLessThan(1);
      expect(c.assumption ?? "").toMatch(/prior|assumption/i);
    }
  });

  it("make a Monte Carlo without a scenario draw several outcomes, the stockpile shortfall among them", () => {
    const { plan, notDrawn, dropped } = monteCarloPlan(dataset, {
      commodity: "cobalt",
      seed: 1,
      runs: 1,
      workers: 0,
    });
    expect(notDrawn).toEqual([]);
    expect(dropped).toEqual([]);
    expect(plan.events.every((e) => e.from === "prior" || e.from === "dataset")).toBe(true);
    const live = plan.events.filter((e) => !e.inert);
    expect(live.length).toBeGreaterThan(1);
    // Nothing drawn, then only the export ban: a different outcome, with a shortfall in tonnes.
    const none = plan.events.map(() => false);
    const ban = plan.events.map((e) => e.label === "export-ban cobalt");
    expect(ban.filter(Boolean)).toHaveLength(1);
    const [us0, , , short0] = evaluateDraw(dataset, plan, none);
    const [us1, , , short1] = evaluateDraw(dataset, plan, ban);
    expect(short0).not.toBeNaN();
    expect(short1).toBeGreaterThan(short0 as number);
    expect(us1).toBeLessThanOrEqual(us0 as number);
  });
});
