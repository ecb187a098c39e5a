/**
 * The LP solver, wrapped in one file: HiGHS compiled to WebAssembly (the `highs` package).
 * Everything solver-specific lives here; the rest of the engine sees `LpModel` (sparse
 * column-wise arrays) in and `LpResult` (plain typed arrays) out.
 *
 * Like Kysely's own narrow `SqliteDatabase`, we declare only the part of the package we call
 * (`HighsRuntime`, `HighsModel`) rather than depend on its whole type.
 *
 * - One runtime per process: `loadLpSolver()` compiles the WebAssembly once (about 0.35 s) and
 *   caches the promise. It is the only async step in the engine.
 * - Each solve creates one native HiGHS instance from the arrays (copied into the Wasm heap),
 *   sets the options, runs, copies the solution out and destroys the instance, whatever happens.
 * - Solve time is HiGHS's own run clock (`Highs_getRunTime`): the engine reads no clock.
 */
import { OrebookError } from "../../model/errors.js";

/**
 * A linear programme: minimise `colCost · x` subject to `rowLower ≤ A x ≤ rowUpper` and
 * `colLower ≤ x ≤ colUpper`. `A` is in compressed sparse column form: the entries of column
 * `j` are at positions `colStarts[j]` to `colStarts[j + 1] - 1` of `rowIndex` and `values`.
 * Use `Infinity` / `-Infinity` for missing bounds.
 */
export interface LpModel {
  numCols: number;
  numRows: number;
  colCost: Float64Array;
  colLower: Float64Array;
  colUpper: Float64Array;
  rowLower: Float64Array;
  rowUpper: Float64Array;
  /** Length `numCols + 1`; starts at 0, ends at the number of entries. */
  colStarts: Int32Array;
  rowIndex: Int32Array;
  values: Float64Array;
}

export interface LpSolveOptions {
  /** Wall-clock limit for HiGHS, in seconds. Default 60. */
  timeLimitSeconds?: number;
}

export type LpStatus =
  | "optimal"
  | "infeasible"
  | "unbounded"
  | "time-limit"
  | "iteration-limit"
  | "error";

interface LpSolveInfo {
  /** HiGHS's own reported run time for this solve, in seconds. */
  solveSeconds: number;
  /** Simplex iterations (0 when presolve solved the model). */
  iterations: number;
}

/** An optimal solution: primal values and duals, in the model's own (scaled) units. */
export interface LpOptimum extends LpSolveInfo {
  status: "optimal";
  objective: number;
  x: Float64Array;
  rowValues: Float64Array;
  /** Row duals: the change in objective per unit increase of the binding row bound. */
  rowDuals: Float64Array;
  /** Reduced costs of the columns. */
  colDuals: Float64Array;
}

export interface LpFailure extends LpSolveInfo {
  status: Exclude<LpStatus, "optimal">;
  /** HiGHS's model status code, for the record. */
  highsStatus: number;
}

export type LpResult = LpOptimum | LpFailure;

/** Solves LPs synchronously once loaded. */
export interface LpSolver {
  readonly name: string;
  solve(model: LpModel, opts?: LpSolveOptions): LpResult;
}

// --- The part of the `highs` package we use ------------------------------------------------

interface HighsSparseMatrix {
  format: "csc";
  numRows: number;
  numCols: number;
  starts: Int32Array;
  indices: Int32Array;
  values: Float64Array;
}

interface HighsModelData {
  numCols: number;
  numRows: number;
  colCost: Float64Array;
  colLower: Float64Array;
  colUpper: Float64Array;
  rowLower: Float64Array;
  rowUpper: Float64Array;
  matrix: HighsSparseMatrix;
}

interface HighsModel {
  readonly options: { set(values: Readonly<Record<string, boolean | number | string>>): unknown };
  readonly info: { get(name: string): number | bigint };
  zeroAllClocks(): unknown;
  run(): { modelStatus: number };
  getRunTime(): number;
  getObjectiveValue(): number;
  getSolution(): {
    colValue: Float64Array;
    rowValue: Float64Array;
    colDual: Float64Array;
    rowDual: Float64Array;
  };
  dispose(): void;
}

interface HighsRuntime {
  readonly infinity: number;
  readonly version: { readonly string: string };
  createModel(data: HighsModelData): HighsModel;
}

type HighsLoader = () => Promise<HighsRuntime>;

// HiGHS model status codes (the stable C API's kHighsModelStatus*).
const MODEL_STATUS: Readonly<Record<number, LpStatus>> = {
  6: "optimal", // empty model
  7: "optimal",
  8: "infeasible",
  9: "unbounded", // unbounded or infeasible
  10: "unbounded",
  13: "time-limit",
  14: "iteration-limit",
};

const DEFAULT_TIME_LIMIT_SECONDS = 60;

function _highsBounds(a: Float64Array, inf: number): Float64Array {
  // The Wasm build's infinity is IEEE infinity; map anyway so the contract does not depend on it.
  if (inf === Number.POSITIVE_INFINITY) return a;
  const out = new Float64Array(a.length);
  for (let i = 0; i < a.length; i++) {
    const v = a[i] as number;
    out[i] = v === Number.POSITIVE_INFINITY ? inf : v === Number.NEGATIVE_INFINITY ? -inf : v;
  }
  return out;
}

function _checkModel(m: LpModel): void {
  const bad = (what: string) =>
    new OrebookError("INTERNAL", `The LP model is malformed: ${what}`, {
      details: { numCols: m.numCols, numRows: m.numRows },
    });
  if (m.colCost.length !== m.numCols) throw bad("colCost length differs from numCols");
  if (m.colLower.length !== m.numCols || m.colUpper.length !== m.numCols)
    throw bad("column bounds length differs from numCols");
  if (m.rowLower.length !== m.numRows || m.rowUpper.length !== m.numRows)
    throw bad("row bounds length differs from numRows");
  if (m.colStarts.length !== m.numCols + 1) throw bad("colStarts must have numCols + 1 entries");
  const nnz = m.colStarts[m.numCols] ?? 0;
  if (m.rowIndex.length !== nnz || m.values.length !== nnz)
    throw bad("rowIndex and values must have colStarts[numCols] entries");
}

/** An `LpSolver` over a loaded HiGHS runtime. */
function _highsSolver(highs: HighsRuntime): LpSolver {
  return {
    name: `HiGHS ${highs.version.string} (WebAssembly)`,
    solve(m: LpModel, opts: LpSolveOptions = {}): LpResult {
      _checkModel(m);
      if (m.numCols === 0) {
        return {
          status: "optimal",
          objective: 0,
          x: new Float64Array(0),
          rowValues: new Float64Array(m.numRows),
          rowDuals: new Float64Array(m.numRows),
          colDuals: new Float64Array(0),
          solveSeconds: 0,
          iterations: 0,
        };
      }
      const inf = highs.infinity;
      let model: HighsModel;
      try {
        model = highs.createModel({
          numCols: m.numCols,
          numRows: m.numRows,
          colCost: m.colCost,
          colLower: _highsBounds(m.colLower, inf),
          colUpper: _highsBounds(m.colUpper, inf),
          rowLower: _highsBounds(m.rowLower, inf),
          rowUpper: _highsBounds(m.rowUpper, inf),
          matrix: {
            format: "csc",
            numRows: m.numRows,
            numCols: m.numCols,
            starts: m.colStarts,
            indices: m.rowIndex,
            values: m.values,
          },
        });
      } catch (e) {
        throw new OrebookError("INTERNAL", "HiGHS rejected the LP model", { cause: e });
      }
      try {
        model.options.set({
          output_flag: false,
          time_limit: opts.timeLimitSeconds ?? DEFAULT_TIME_LIMIT_SECONDS,
        });
        model.zeroAllClocks();
        const { modelStatus } = model.run();
        const info: LpSolveInfo = {
          solveSeconds: model.getRunTime(),
          iterations: Number(model.info.get("simplex_iteration_count")),
        };
        const status = MODEL_STATUS[modelStatus] ?? "error";
        if (status !== "optimal") return { status, highsStatus: modelStatus, ...info };
        const s = model.getSolution();
        return {
          status,
          objective: model.getObjectiveValue(),
          x: s.colValue,
          rowValues: s.rowValue,
          rowDuals: s.rowDual,
          colDuals: s.colDual,
          ...info,
        };
      } catch (e) {
        if (e instanceof OrebookError) throw e;
        throw new OrebookError("INTERNAL", "HiGHS failed while solving the LP", { cause: e });
      } finally {
        model.dispose();
      }
    },
  };
}

let _loaded: Promise<LpSolver> | undefined;

/**
 * The process's one LP solver, loaded on first call (the WebAssembly is compiled once).
 *
 * @example const solver = await loadLpSolver(); const r = solver.solve(model, { timeLimitSeconds: 10 });
 */
export function loadLpSolver(): Promise<LpSolver> {
  _loaded ??= import("highs")
    .then((mod) => (mod.default as unknown as HighsLoader)())
    .then(_highsSolver)
    .catch((e: unknown) => {
      _loaded = undefined;
      throw new OrebookError("INTERNAL", "The HiGHS solver could not be loaded", { cause: e });
    });
  return _loaded;
}

/**
 * The optimum of a result, or a domain error saying why there is none. `what` names the
 * problem in the message ("Routing copper").
 */
export function lpOptimumOf(
  r: LpResult,
  what: string,
  opts: { timeLimitSeconds?: number } = {},
): LpOptimum {
  if (r.status === "optimal") return r;
  const details = { status: r.status, highsStatus: r.highsStatus, solveSeconds: r.solveSeconds };
  switch (r.status) {
    case "time-limit":
      throw new OrebookError(
        "UNSUPPORTED",
        `${what}: the solver reached its time limit of ${opts.timeLimitSeconds ?? DEFAULT_TIME_LIMIT_SECONDS} s before an optimum; raise the limit or make the problem smaller`,
        { details },
      );
    case "infeasible":
      throw new OrebookError("INVALID_DATA", `${what}: the constraints cannot all be met`, {
        details,
      });
    case "unbounded":
      throw new OrebookError("INTERNAL", `${what}: the LP is unbounded`, { details });
    case "iteration-limit":
      throw new OrebookError(
        "UNSUPPORTED",
        `${what}: the solver reached its iteration limit before an optimum`,
        { details },
      );
    default:
      throw new OrebookError(
        "INTERNAL",
        `${what}: the solver stopped with HiGHS model status ${r.highsStatus}`,
        { details },
      );
  }
}
