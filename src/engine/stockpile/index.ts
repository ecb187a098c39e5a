/**
 * engine/stockpile: the room's public face. Stockpiles: position, coverage, shortfall and the
 * purchase plan (with its routes).
 * Callers outside the room import from here; files inside the room import each other directly.
 */

export type { UserNeed } from "./_stockpile-inputs.js";
export * from "./stockpile-coverage.js";
export * from "./stockpile-plan.js";
export * from "./stockpile-plan-routes.js";
export * from "./stockpile-shortfall.js";
