/**
 * engine/common: the room's public face. Shared by every room: days and periods, the production
 * of an asset for a date or period and the period a report reads, stale inputs, knowledge times,
 * where tonnes are counted (buckets), what shares are of (national coverage) and the HHI.
 * Callers outside the room import from here; files inside the room import each other directly.
 */
/** Day arithmetic shared by the rooms (engine-internal: the `_` names say so). */
export * from "./_days.js";
export * from "./buckets.js";
export * from "./hhi.js";
export * from "./knowledge-times.js";
export * from "./mine-stage.js";
export * from "./national-coverage.js";
export * from "./node-columns.js";
export * from "./production-carry-forward.js";
export * from "./production-columns.js";
export * from "./production-for.js";
export * from "./production-for-period.js";
export * from "./production-intervals.js";
export * from "./report-period.js";
export * from "./stale-inputs.js";
export * from "./world-stakes.js";
