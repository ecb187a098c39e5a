/**
 * engine/ownership: the room's public face. Who owns and controls what: the ownership graph and
 * its solves (look-through, control, consolidated control), de facto control by armed groups, the
 * control report and its explanation, ownership chains and paths.
 * Callers outside the room import from here; files inside the room import each other directly.
 */
export * from "./consolidated-control.js";
export * from "./control.js";
export * from "./control-report.js";
export * from "./country-totals.js";
export * from "./de-facto.js";
export * from "./de-facto-series.js";
export * from "./entity-look-through.js";
export * from "./explain.js";
export * from "./held-areas.js";
export { KERNELS, type KernelArgs, type KernelName } from "./kernels.js";
export * from "./look-through.js";
export * from "./look-through-fn.js";
export * from "./ownership-chains.js";
export * from "./ownership-graph.js";
export * from "./ownership-paths.js";
export * from "./parallel.js";
export * from "./patch-stake.js";
export * from "./point-in-geometry.js";
export * from "./world-graph.js";
