/**
 * engine/allocation: the room's public face. Where each producer's tonnes go: export bans and
 * quotas, offtakes in priority order, co-products, the open market.
 * Callers outside the room import from here; files inside the room import each other directly.
 */
export * from "./allocation.js";
export * from "./co-products.js";
export * from "./quota.js";
