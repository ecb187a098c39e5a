/** Small route networks for tests: terse builders that fill in provenance. */
import type { AssetId, RecordId, SourceId } from "../../model/ids.js";
import type { RouteLeg, RouteNode } from "../../model/route.js";
import type { World } from "../../model/world.js";

const prov = { sources: ["test-source" as SourceId], asOf: "2025" };

export type NodeSpec = [
  id: string,
  kind: RouteNode["kind"],
  country: string,
  opts?: { asset?: string; status?: RouteNode["status"] },
];

export type LegSpec = [
  from: string,
  to: string,
  opts?: {
    id?: string;
    mode?: RouteLeg["mode"];
    corridor?: string;
    cost?: number | null;
    days?: number | null;
    km?: number | null;
    cap?: number | null;
    status?: RouteLeg["status"];
  },
];

/** The route part of a world from terse node and leg specs. */
export function _routeWorld(
  nodes: readonly NodeSpec[],
  legs: readonly LegSpec[],
): Pick<World, "routeNodes" | "routeLegs"> {
  const routeNodes = new Map<string, RouteNode>();
  for (const [id, kind, country, o] of nodes)
    routeNodes.set(id, {
      id: id as RecordId,
      name: id.toUpperCase(),
      kind,
      country: country as RouteNode["country"],
      location: null,
      status: o?.status ?? "operating",
      ...(o?.asset !== undefined ? { asset: o.asset as AssetId } : {}),
      ...prov,
    });
  const routeLegs: RouteLeg[] = legs.map(([from, to, o]) => ({
    id: (o?.id ?? `${from}-${to}`) as RecordId,
    from: from as RecordId,
    to: to as RecordId,
    mode: o?.mode ?? "road",
    ...(o?.corridor !== undefined ? { corridor: o.corridor } : {}),
    distanceKm: o?.km ?? null,
    capacityTonnesPerYear: o?.cap ?? null,
    costUsdPerTonne: o?.cost === undefined ? null : o.cost,
    transitDays: o?.days ?? null,
    status: o?.status ?? "operating",
    ...prov,
  }));
  return { routeNodes, routeLegs };
}

/**
 * The hand-solved network of the tests (costs USD/t):
 *
 *   mine-a ─10─┐                 ┌─50 Lobito (cap 300)─ p-west ─60─ m-cn / ─30─ m-us
 *              hub ─────────────┤
 *   mine-b ─20─┘                 └─30─ k-border ─40 (cap 300)─ p-east ─35─ m-cn / ─70─ m-us
 *
 * plus a planned Banana port reached from the hub by a planned leg (cost 40) and shipping to
 * both markets (cost 20).
 */
export function _handNetwork(
  o: { lobitoCap?: number | null; darCap?: number | null } = {},
): Pick<World, "routeNodes" | "routeLegs"> {
  return _routeWorld(
    [
      ["mine-a", "mine", "CD", { asset: "a" }],
      ["mine-b", "mine", "CD", { asset: "b" }],
      ["hub", "hub", "CD"],
      ["k-border", "border", "CD"],
      ["p-west", "port", "AO"],
      ["p-east", "port", "TZ"],
      ["banana", "port", "CD", { status: "planned" }],
      ["m-cn", "market", "CN"],
      ["m-us", "market", "US"],
    ],
    [
      ["mine-a", "hub", { cost: 10, days: 1 }],
      ["mine-b", "hub", { cost: 20, days: 1 }],
      [
        "hub",
        "p-west",
        {
          cost: 50,
          days: 3,
          cap: o.lobitoCap === undefined ? 300 : o.lobitoCap,
          corridor: "Lobito",
          mode: "rail",
        },
      ],
      ["hub", "k-border", { cost: 30, days: 4, corridor: "Dar" }],
      [
        "k-border",
        "p-east",
        { cost: 40, days: 6, cap: o.darCap === undefined ? 300 : o.darCap, corridor: "Dar" },
      ],
      ["p-west", "m-cn", { cost: 60, days: 35, mode: "sea" }],
      ["p-west", "m-us", { cost: 30, days: 20, mode: "sea" }],
      ["p-east", "m-cn", { cost: 35, days: 25, mode: "sea" }],
      ["p-east", "m-us", { cost: 70, days: 40, mode: "sea" }],
      ["hub", "banana", { cost: 40, days: 3, corridor: "Banana", status: "planned" }],
      ["banana", "m-cn", { cost: 20, days: 30, mode: "sea", status: "planned" }],
      ["banana", "m-us", { cost: 20, days: 18, mode: "sea", status: "planned" }],
    ],
  );
}
