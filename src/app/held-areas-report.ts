/**
 * The areas armed groups hold on a date and where each site stands: `GET /api/reports/territory`
 * and the dashboard's map call it. Written once; the shells pass the world of their request.
 */
import { type HeldAreasReport, heldAreasFor } from "../engine/ownership/index.js";
import type { World } from "../model/world.js";

/** The held areas, unit by unit, and the sites placed in them on `asOf`. */
export async function heldAreasReport(
  worldAt: (asOf: string) => World | Promise<World>,
  req: { asOf: string },
): Promise<HeldAreasReport> {
  return heldAreasFor(await worldAt(req.asOf));
}
