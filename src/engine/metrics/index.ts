/**
 * engine/metrics: the room's public face. What an allocation means: flow metrics by buyer and
 * country, EU supply risk, and the flows report.
 * Callers outside the room import from here; files inside the room import each other directly.
 */
export * from "./flow-metrics.js";
export * from "./flows-report.js";
export * from "./supply-risk.js";
