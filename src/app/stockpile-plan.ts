/**
 * A stockpile's procurement plan: `orebook stockpile plan` and the `procurement` job. The LP
 * (HiGHS) over the stockpile's sources, routes and months within the budget, on the world of the
 * policy's date (the as-of asked, else the scenario's base date, else today).
 */
import { loadLpSolver } from "../engine/routes/index.js";
import {
  notRouted,
  type StockpilePlan,
  stockpilePlan,
  stockpilePlanInputs,
  stockpilePlanRoutes,
} from "../engine/stockpile/index.js";
import type { Commodity } from "../model/commodity.js";
import { readingDates, type WorldSource } from "./reading.js";

type Tonnes = Partial<Record<Commodity, number>>;

export interface ProcurementRequest {
  asOf?: string | undefined;
  /** A stockpile id or its holder entity. */
  holder: string;
  horizonMonths: number;
  assumeEmpty?: boolean | undefined;
  /** Default: the stockpile's budget less what is committed. */
  budgetUsd?: number | undefined;
  /** USER INPUT targets in tonnes. */
  targets?: Tonnes | undefined;
  /** USER INPUT need in tonnes a year. */
  need?: Tonnes | undefined;
  weights?: Tonnes | undefined;
  /** Route each source to the holder's market; default true. */
  routes?: boolean | undefined;
  /** Why the sources are not routed, when `routes` is false (named as the user asked). */
  notRoutedWhy?: string | undefined;
  timeLimitSeconds: number;
  /** Called before each step: folding, routing, solving. */
  onStep?: ((step: number, steps: number, message: string) => void) | undefined;
}

/** The plan: purchases per commodity, source, route and month, and what binds. */
export async function procurementPlan(
  source: WorldSource,
  req: ProcurementRequest,
): Promise<StockpilePlan> {
  const step = req.onStep ?? (() => {});
  const { asOf } = readingDates(req, source.scenario);
  step(0, 3, "folding the world");
  const world = await source.world(asOf);
  const inputs = stockpilePlanInputs(world, {
    holder: req.holder,
    horizonMonths: req.horizonMonths,
    assumeEmpty: req.assumeEmpty === true,
    ...(req.budgetUsd !== undefined ? { budgetUsd: req.budgetUsd } : {}),
    ...(req.targets ? { targets: req.targets } : {}),
    ...(req.need ? { need: req.need } : {}),
    ...(req.weights ? { weights: req.weights } : {}),
  });
  const solver = await loadLpSolver();
  const routed = req.routes !== false;
  step(1, 3, routed ? "routing the sources" : "planning");
  const routing = routed
    ? stockpilePlanRoutes(solver, world, inputs, { timeLimitSeconds: req.timeLimitSeconds })
    : notRouted(inputs, req.notRoutedWhy ?? "Routes not asked for: sources are not routed");
  step(2, 3, "solving the plan");
  return stockpilePlan(solver, inputs, routing, { timeLimitSeconds: req.timeLimitSeconds });
}
