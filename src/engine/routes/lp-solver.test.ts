import { describe, expect, it } from "vitest";
import { OrebookError } from "../../model/errors.js";
import { type LpModel, loadLpSolver, lpOptimumOf } from "./lp-solver.js";

const INF = Number.POSITIVE_INFINITY;

/** Builds an LP from dense rows (tests only). */
function lpFrom(spec: {
  cost: number[];
  rows: number[][];
  rowLower: number[];
  rowUpper: number[];
  colLower?: number[];
  colUpper?: number[];
}): LpModel {
  const n = spec.cost.length;
  const starts: number[] = [0];
  const idx: number[] = [];
  const vals: number[] = [];
  for (let j = 0; j < n; j++) {
    for (const [i, row] of spec.rows.entries()) {
      const v = row[j] ?? 0;
      if (v !== 0) {
        idx.push(i);
        vals.push(v);
      }
    }
    starts.push(idx.length);
  }
  return {
    numCols: n,
    numRows: spec.rows.length,
    colCost: Float64Array.from(spec.cost),
    colLower: Float64Array.from(spec.colLower ?? spec.cost.map(() => 0)),
    colUpper: Float64Array.from(spec.colUpper ?? spec.cost.map(() => INF)),
    rowLower: Float64Array.from(spec.rowLower),
    rowUpper: Float64Array.from(spec.rowUpper),
    colStarts: Int32Array.from(starts),
    rowIndex: Int32Array.from(idx),
    values: Float64Array.from(vals),
  };
}

describe("loadLpSolver()", () => {
  it("loadLpSolver() returns the same solver every time", async () => {
    const a = await loadLpSolver();
    const b = await loadLpSolver();
    expect(a).toBe(b);
    expect(a.name).toMatch(/^HiGHS 1\.\d+/);
  });

  it("solve() finds the optimum, its duals and HiGHS's own run time", async () => {
    const solver = await loadLpSolver();
    // min x + 2y  s.t.  x + y >= 1, x <= 0.4
    const r = lpOptimumOf(
      solver.solve(
        lpFrom({
          cost: [1, 2],
          rows: [[1, 1]],
          rowLower: [1],
          rowUpper: [INF],
          colUpper: [0.4, INF],
        }),
      ),
      "Test",
    );
    expect(r.objective).toBeCloseTo(1.6, 9);
    expect([...r.x]).toEqual([expect.closeTo(0.4, 9), expect.closeTo(0.6, 9)]);
    expect(r.rowDuals[0]).toBeCloseTo(2, 9);
    expect(r.colDuals[0]).toBeCloseTo(-1, 9);
    expect(r.solveSeconds).toBeGreaterThanOrEqual(0);
    expect(r.solveSeconds).toBeLessThan(5);
  });

  it("solve() reports an infeasible model and lpOptimumOf() turns it into a domain error", async () => {
    const solver = await loadLpSolver();
    // x + y <= 1 and x + y >= 2
    const r = solver.solve(lpFrom({ cost: [1, 1], rows: [[1, 1]], rowLower: [2], rowUpper: [1] }));
    expect(r.status).toBe("infeasible");
    let err: unknown;
    try {
      lpOptimumOf(r, "Routing copper");
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(OrebookError);
    expect((err as OrebookError).code).toBe("INVALID_DATA");
    expect((err as OrebookError).message).toBe("Routing copper: the constraints cannot all be met");
  });

  it("solve() of a model with no columns is optimal at zero", async () => {
    const solver = await loadLpSolver();
    const r = lpOptimumOf(
      solver.solve(lpFrom({ cost: [], rows: [], rowLower: [], rowUpper: [] })),
      "Empty",
    );
    expect(r.objective).toBe(0);
  });

  it("lpOptimumOf() names the time limit when the solver stops at it", () => {
    expect(() =>
      lpOptimumOf(
        { status: "time-limit", highsStatus: 13, solveSeconds: 2, iterations: 10 },
        "Routing copper",
        { timeLimitSeconds: 2 },
      ),
    ).toThrow(
      "Routing copper: the solver reached its time limit of 2 s before an optimum; raise the limit or make the problem smaller",
    );
  });

  it("solve() rejects arrays of the wrong length before they reach HiGHS", async () => {
    const solver = await loadLpSolver();
    const m = lpFrom({ cost: [1], rows: [[1]], rowLower: [0], rowUpper: [1] });
    expect(() => solver.solve({ ...m, colCost: new Float64Array(2) })).toThrow(
      "The LP model is malformed: colCost length differs from numCols",
    );
  });

  it("solve() runs 200 times in a row, each native instance destroyed after its solve", async () => {
    const solver = await loadLpSolver();
    const m = lpFrom({ cost: [1, 2], rows: [[1, 1]], rowLower: [1], rowUpper: [INF] });
    for (let i = 0; i < 200; i++) expect(solver.solve(m).status).toBe("optimal");
  });
});
