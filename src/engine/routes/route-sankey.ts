/**
 * The flow graph of a routing result, ready for a Sankey diagram: asset → controller country
 * → export port (or corridor) → buyer country. Every link goes from one layer to the next, so
 * the graph has no cycles; unshipped tonnes end at an "unshipped" node in the port layer, and
 * tonnes held back at the mine (export bans, quotas) at a "held back" node beside it. Open-market
 * tonnes (no buyer recorded) end at their own buyer-layer nodes: the country the trade
 * statistics place them in, "(open market)", or "Destination unknown", never mixed with the
 * tonnes of named buyers of that country.
 */
import { countryNameFor } from "../../model/country.js";
import type { RouteResult } from "./route-flows.js";
import { UNRECORDED } from "./route-shipments.js";
import type { TrailEnd } from "./trail-ends.js";

export interface SankeyNode {
  /** Unique across layers: `asset:…`, `controller:…`, `via:…`, `buyer:…`. */
  id: string;
  label: string;
  /** 0 asset, 1 controller country, 2 port or corridor, 3 buyer country. */
  layer: 0 | 1 | 2 | 3;
}

export interface SankeyLink {
  source: string;
  target: string;
  tonnes: number;
}

export interface RouteSankey {
  nodes: SankeyNode[];
  links: SankeyLink[];
}

export interface RouteSankeyOptions {
  /** The controlling country of each asset (e.g. from the control report); "unknown" if absent. */
  controllerCountryOf: ReadonlyMap<string, string>;
  /** Display names of assets and route nodes, by id. */
  names?: ReadonlyMap<string, string>;
  /** Tonnes each asset holds back at the mine (export bans and quotas), by asset id. */
  heldBackByAsset?: ReadonlyMap<string, number>;
  /**
   * National output on no recorded asset (the coverage's residual): drawn from its own asset-layer
   * node through "Controller unknown" and "Route not recorded" to "Destination unknown", so the
   * diagram adds up to the country's output and says which part the records do not place.
   */
  notOnRecordedAssetTonnes?: number;
  /**
   * Assets whose open routes reach no port (`shipmentsToTrailEnds`): tonnes delivered to a trail's
   * end pass through "… to <end> (trail ends short of the coast)"; those left unshipped through
   * "No recorded route to the coast: trail ends at …", not the plain "Unshipped".
   */
  trailEnds?: readonly TrailEnd[];
}

/** The asset-layer node of national output that is on no recorded asset. */
export const NOT_ON_RECORDED_ASSET_NODE = "asset:not-on-a-recorded-asset";

/**
 * A port's label: its name, then the corridors that reach it, leaving out a corridor named as the
 * port is ("Lobito", not "Lobito (Lobito)").
 */
function portLabel(port: string, corridors: readonly string[]): string {
  const others = corridors.filter((c) => c !== port);
  return others.length > 0 ? `${port} (${others.join(" / ")})` : port;
}

/** The buyer a shipment of open-market tonnes names (route-shipments.ts). */
const OPEN_MARKET = "open-market";

/**
 * The Sankey graph of `result`.
 *
 * @example routeSankeyFrom(result, { controllerCountryOf: new Map([["kamoa-kakula", "CN"]]) })
 */
export function routeSankeyFrom(result: RouteResult, opts: RouteSankeyOptions): RouteSankey {
  const nodes = new Map<string, SankeyNode>();
  const links = new Map<string, SankeyLink>();
  const name = (id: string) => opts.names?.get(id) ?? id;
  const node = (id: string, label: string, layer: SankeyNode["layer"]) => {
    if (!nodes.has(id)) nodes.set(id, { id, label, layer });
    return id;
  };
  const link = (source: string, target: string, tonnes: number) => {
    if (!(tonnes > 0)) return;
    const key = `${source}\u0000${target}`;
    const l = links.get(key);
    if (l) l.tonnes += tonnes;
    else links.set(key, { source, target, tonnes });
  };
  const head = (asset: string) => {
    const country = opts.controllerCountryOf.get(asset) ?? "unknown";
    return [
      node(`asset:${asset}`, name(asset), 0),
      node(
        `controller:${country}`,
        country === "unknown" ? "Controller unknown" : countryNameFor(country),
        1,
      ),
    ] as const;
  };
  const trails = new Map((opts.trailEnds ?? []).map((t) => [t.asset, t]));
  for (const r of result.routes) {
    const [a, c] = head(r.asset);
    const trail = trails.get(r.asset);
    const toEnd = trail?.deliveredTo === r.destination && r.port === null;
    const viaId = toEnd ? `trail-end:${r.destination}` : (r.port ?? r.corridors[0] ?? "direct");
    const label = toEnd
      ? `${r.corridors.length > 0 ? `${r.corridors.join(" / ")} to ` : ""}${name(r.destination)} (trail ends short of the coast)`
      : r.port
        ? portLabel(name(r.port), r.corridors)
        : viaId;
    const v = node(`via:${viaId}`, label, 2);
    const country = r.buyerCountry ?? "unknown";
    const b =
      r.buyer === OPEN_MARKET
        ? node(
            `buyer:open-market:${country}`,
            country === UNRECORDED
              ? "Destination unknown"
              : `${countryNameFor(country)} (open market)`,
            3,
          )
        : node(
            `buyer:${country}`,
            country === "unknown" ? "Buyer country unknown" : countryNameFor(country),
            3,
          );
    link(a, c, r.tonnes);
    link(c, v, r.tonnes);
    link(v, b, r.tonnes);
  }
  for (const u of result.unshipped) {
    const [a, c] = head(u.asset);
    const trail = trails.get(u.asset);
    const v =
      trail && trail.deliveredTo === null && u.binding?.kind === "no-route"
        ? node(
            `via:no-route-to-coast:${u.asset}`,
            `No recorded route to the coast: trail ends at ${trail.ends.map(name).join(", ")}`,
            2,
          )
        : node("via:unshipped", "Unshipped", 2);
    link(a, c, u.unshippedTonnes);
    link(c, v, u.unshippedTonnes);
  }
  for (const [asset, tonnes] of [...(opts.heldBackByAsset ?? [])].sort(([x], [y]) =>
    x < y ? -1 : x > y ? 1 : 0,
  )) {
    if (!(tonnes > 0)) continue;
    const [a, c] = head(asset);
    const v = node("via:held-back", "Held back (bans, quotas)", 2);
    link(a, c, tonnes);
    link(c, v, tonnes);
  }
  const residual = opts.notOnRecordedAssetTonnes ?? 0;
  if (residual > 0) {
    const a = node(NOT_ON_RECORDED_ASSET_NODE, "Not on a recorded asset", 0);
    const c = node("controller:unknown", "Controller unknown", 1);
    const v = node("via:not-recorded", "Route not recorded", 2);
    const b = node(`buyer:open-market:${UNRECORDED}`, "Destination unknown", 3);
    link(a, c, residual);
    link(c, v, residual);
    link(v, b, residual);
  }
  const byLayerThenId = (x: SankeyNode, y: SankeyNode) =>
    x.layer - y.layer || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0);
  return {
    nodes: [...nodes.values()].sort(byLayerThenId),
    links: [...links.values()]
      .map((l) => ({ ...l, tonnes: Math.round(l.tonnes * 1000) / 1000 }))
      .sort((x, y) =>
        x.source < y.source ? -1 : x.source > y.source ? 1 : x.target < y.target ? -1 : 1,
      ),
  };
}
