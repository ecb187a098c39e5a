/**
 * engine/scenario: the room's public face. Scenarios: the scenario schema, applying changes to
 * a world, evaluating and comparing scenarios, Monte Carlo, and the route and stockpile metrics of
 * an evaluation.
 * Callers outside the room import from here; files inside the room import each other directly.
 */
export * from "./apply-scenario.js";
export * from "./compare-scenarios.js";
export * from "./evaluate-scenario.js";
export * from "./monte-carlo.js";
export * from "./monte-carlo-relevance.js";
export * from "./scenario-route-metrics.js";
export * from "./scenario-schema.js";
export * from "./stockpile-metrics.js";
