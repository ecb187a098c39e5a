/**
 * The route part of a scenario evaluation: the allocation's tonnes (offtakes and the open
 * market) routed over the world's network as a min-cost flow, read as headline metrics —
 * tonnes shipped and unshipped, and tonnes through each port — with the shipments and ports
 * that make them. The LP solver is loaded by the caller (it is async) and passed in.
 */
import type { Commodity } from "../../model/commodity.js";
import type { World } from "../../model/world.js";
import type { Allocation } from "../allocation/index.js";
import type { ControlReport } from "../ownership/index.js";
import type { LpSolver } from "../routes/index.js";
import { routedBaseCase } from "../routes/index.js";
import type { Metric, RouteMetricsFn } from "./evaluate-scenario.js";

/**
 * A route part for `evaluateScenario` that uses `solver`.
 *
 * @example evaluateScenario(ds, s, { commodities, routes: routeMetricsFnFor(await loadLpSolver()) })
 */
export function routeMetricsFnFor(
  solver: LpSolver,
  opts: { defaultMarket?: string } = {},
): RouteMetricsFn {
  return (
    world: World,
    commodity: Commodity,
    allocation: Allocation | null,
    control: ControlReport | null,
  ): Metric[] => {
    if (!allocation || world.routeNodes.size === 0) return [];
    const r = routedBaseCase(
      world,
      solver,
      {
        commodity,
        period: allocation.period,
        shipmentsFrom: "allocation",
        open: [],
        close: [],
        ...(opts.defaultMarket !== undefined ? { defaultMarket: opts.defaultMarket } : {}),
      },
      allocation,
    ).result;
    void control;
    const m = (
      id: string,
      label: string,
      value: number,
      parts: Record<string, number>,
    ): Metric => ({
      id: `${commodity}.routes.${id}`,
      label: `${commodity}: ${label}`,
      commodity,
      part: "routes",
      unit: "tonnes",
      value,
      parts,
    });
    const byShipment = (f: (s: (typeof r.shipments)[number]) => number) => {
      const p: Record<string, number> = {};
      for (const s of r.shipments) {
        const k = `${s.asset} → ${s.destination ?? "no market"}`;
        p[k] = (p[k] ?? 0) + f(s);
      }
      return p;
    };
    return [
      m(
        "shipped",
        "shipped to a market (t)",
        r.totals.shippedTonnes,
        byShipment((s) => s.shippedTonnes),
      ),
      m(
        "unshipped",
        "left unshipped: no open route or capacity (t)",
        r.totals.unshippedTonnes,
        byShipment((s) => s.unshippedTonnes),
      ),
      ...r.ports
        .filter((p) => p.kind === "port")
        .map((p) =>
          m(`port.${p.id}`, `through the port of ${p.name} (t)`, p.tonnes, {
            [p.name]: p.tonnes,
          }),
        ),
    ];
  };
}
