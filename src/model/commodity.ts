/** The commodities Orebook tracks, in tonnes of contained metal. */
import { z } from "zod";

export const COMMODITIES = [
  "cobalt",
  "copper",
  "gallium",
  "germanium",
  "gold",
  "lithium",
  "tantalum",
  "tin",
  "tungsten",
  "zinc",
] as const;

export type Commodity = (typeof COMMODITIES)[number];

export const commoditySchema = z.enum(COMMODITIES, {
  error: () => `Expected one of ${COMMODITIES.join(", ")}`,
});

/** True when `s` names a tracked commodity. */
export function isCommodity(s: string): s is Commodity {
  return (COMMODITIES as readonly string[]).includes(s);
}
