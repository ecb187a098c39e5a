/**
 * engine/routes: the room's public face. How the tonnes travel: the route network, its costs
 * and calibration, the min-cost flow (LP solver), shipments and the destination prior, refining,
 * the routes report and its Sankey.
 * Callers outside the room import from here; files inside the room import each other directly.
 */
export * from "./destination-prior.js";
export * from "./lp-solver.js";
export * from "./refining.js";
export * from "./route-calibration.js";
export * from "./route-costs.js";
export * from "./route-flows.js";
export * from "./route-geo.js";
export * from "./route-model.js";
export * from "./route-network.js";
export * from "./route-sankey.js";
export * from "./route-shipments.js";
export * from "./routes-report.js";
export * from "./trail-ends.js";
