/**
 * Calibration of the routing against sourced corridor targets (`corridorTargets`). Targets marked
 * `use: fit` give the fitted parameters: an effective capacity on each port they name, equal to
 * the port's target share times the scope's exported tonnes in the target's year (a port with a
 * target of its own takes its share; the share of a group of ports not given to a member of its
 * own is split equally among the others). The capacity stands for what the sources do not price
 * — truck availability, berths and shipping services, port charges and sea freight — and is
 * reported as fitted, with its arithmetic. Every target, fitted or not, is then compared with the
 * base case of its year: the model's share or tonnes, the error and whether it lies in range.
 * Methodology: docs/methodology-routes.md (calibration).
 */
import type { CorridorTarget } from "../../model/corridor-target.js";
import type { World } from "../../model/world.js";
import type { RouteResult } from "./route-flows.js";
import type { RouteNetwork } from "./route-network.js";

/** A capacity the routing fits to a target, on the open legs into a port. */
export interface FittedCapacity {
  port: string;
  /** The legs it is put on (open, with no capacity in the data), each with an equal part. */
  legs: string[];
  tonnesPerYear: number;
  share: number;
  year: number;
  targets: string[];
  arithmetic: string;
}

/** One target against the base case of its year. */
export interface CalibrationRow {
  target: string;
  use: "fit" | "check";
  commodity: string;
  year: number;
  scope: string;
  via: string[];
  unit: "share" | "tonnes";
  /** The target's figure and range. */
  value: number | null;
  min: number | null;
  max: number | null;
  /** The model's figure; null when the base case of that year was not computed. */
  model: number | null;
  /** model − value (share points as a fraction, or tonnes). */
  error: number | null;
  within: boolean | null;
  note: string;
}

export interface RouteCalibration {
  fitted: FittedCapacity[];
  rows: CalibrationRow[];
  notes: string[];
}

const _r = (x: number) => Math.round(x);

/**
 * The fitted port capacities of `commodity` from its `use: fit` targets, given the scope's
 * exported tonnes in the fit year and that year's network (for the legs into each port).
 *
 * @example fittedCapacitiesFor(targets, 894_919, routeNetworkFrom(world2022, { worldMarket: true }))
 */
export function fittedCapacitiesFor(
  targets: readonly CorridorTarget[],
  exportedTonnes: number,
  net: RouteNetwork,
): FittedCapacity[] {
  const fit = targets.filter((t) => t.use === "fit" && t.share !== undefined);
  const own = new Map<string, { share: number; target: string; year: number }>();
  for (const t of fit)
    if (t.via.length === 1)
      own.set(t.via[0] as string, { share: t.share as number, target: t.id, year: t.year });
  const shares = new Map<string, { share: number; targets: string[]; year: number; how: string }>();
  for (const [port, o] of own)
    shares.set(port, {
      share: o.share,
      targets: [o.target],
      year: o.year,
      how: `its own target ${o.target} (${o.share})`,
    });
  for (const t of fit) {
    if (t.via.length < 2) continue;
    const ownShare = t.via.reduce((a, p) => a + (own.get(p)?.share ?? 0), 0);
    const rest = t.via.filter((p) => !own.has(p));
    if (rest.length === 0) continue;
    const each = Math.max(0, (t.share as number) - ownShare) / rest.length;
    for (const p of rest)
      shares.set(p, {
        share: each,
        targets: [
          t.id,
          ...t.via.filter((q) => own.has(q)).map((q) => own.get(q)?.target as string),
        ],
        year: t.year,
        how: `(${t.share} of ${t.id}${ownShare > 0 ? ` − ${ownShare} with targets of their own` : ""}) ÷ ${rest.length} ports`,
      });
  }
  const out: FittedCapacity[] = [];
  for (const [port, s] of [...shares.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    const i = net.nodeIndex.get(port);
    if (i === undefined) continue;
    const legs: string[] = [];
    for (let p = net.inStart[i] as number; p < (net.inStart[i + 1] as number); p++) {
      const l = net.legs[net.inLegs[p] as number];
      if (l && l.capacityTonnesPerYear === null && !net.virtualLegs.has(l.id)) legs.push(l.id);
    }
    if (legs.length === 0) continue;
    const tonnes = s.share * exportedTonnes;
    out.push({
      port,
      legs: legs.sort(),
      tonnesPerYear: _r(tonnes),
      share: s.share,
      year: s.year,
      targets: s.targets,
      arithmetic: `${s.how} = ${Math.round(s.share * 10000) / 10000} × ${_r(exportedTonnes).toLocaleString("en-US")} t exported in ${s.year} = ${_r(tonnes).toLocaleString("en-US")} t/y${legs.length > 1 ? `, split equally over ${legs.length} legs` : ""}`,
    });
  }
  return out;
}

/** The capacity of each leg from fitted port capacities. */
export function capacityOverridesFrom(fitted: readonly FittedCapacity[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const f of fitted) for (const l of f.legs) m.set(l, f.tonnesPerYear / f.legs.length);
  return m;
}

/** The assets a target's scope covers. */
function _scope(world: Pick<World, "assets">, t: CorridorTarget): Set<string> {
  if (t.scope.assets) return new Set(t.scope.assets);
  const out = new Set<string>();
  for (const a of world.assets.values()) if (a.country === t.scope.country) out.add(a.id);
  return out;
}

/**
 * One calibration row: the target against `result`, the base case of its year (null when it was
 * not computed).
 */
export function calibrationRowFor(
  world: Pick<World, "assets">,
  t: CorridorTarget,
  result: RouteResult | null,
): CalibrationRow {
  const isShare = t.tonnes === undefined && t.tonnesMin === undefined && t.tonnesMax === undefined;
  const value = isShare ? (t.share ?? null) : (t.tonnes ?? null);
  const min = isShare ? (t.shareMin ?? t.share ?? null) : (t.tonnesMin ?? t.tonnes ?? null);
  const max = isShare ? (t.shareMax ?? t.share ?? null) : (t.tonnesMax ?? t.tonnes ?? null);
  let model: number | null = null;
  if (result && t.scope.assets) {
    // Named assets share the flows of the hubs they use: their tonnes are followed leg by leg
    // in proportion to each node's outflows (the LP's choice of which mine takes which exit
    // at a shared hub is arbitrary; the pooled split is not).
    const starts = new Map<string, number>();
    for (const r of result.routes)
      if ((t.scope.assets as readonly string[]).includes(r.asset) && r.nodes[0] !== undefined)
        starts.set(r.nodes[0], (starts.get(r.nodes[0]) ?? 0) + r.tonnes);
    const total = [...starts.values()].reduce((a, b) => a + b, 0);
    const through = _pooledThrough(result, starts, new Set<string>(t.via));
    model = isShare ? (total > 0 ? through / total : null) : through;
  } else if (result) {
    const scope = _scope(world, t);
    const via = new Set<string>(t.via);
    let total = 0;
    let through = 0;
    for (const r of result.routes) {
      if (!scope.has(r.asset)) continue;
      total += r.tonnes;
      if (r.nodes.some((n) => via.has(n))) through += r.tonnes;
    }
    model = isShare ? (total > 0 ? through / total : null) : through;
  }
  const error = model === null || value === null ? null : model - value;
  const within =
    model === null
      ? null
      : (min === null || model >= min - 1e-9) && (max === null || model <= max + 1e-9);
  return {
    target: t.id,
    use: t.use,
    commodity: t.commodity,
    year: t.year,
    scope: t.scope.assets ? t.scope.assets.join(", ") : (t.scope.country ?? ""),
    via: [...t.via],
    unit: isShare ? "share" : "tonnes",
    value,
    min,
    max,
    model,
    error,
    within,
    note: t.note ?? "",
  };
}

/** Tonnes starting at `starts` that pass a node of `via`, following each node's outflow split. */
function _pooledThrough(
  result: RouteResult,
  starts: ReadonlyMap<string, number>,
  via: ReadonlySet<string>,
): number {
  const out = new Map<string, { to: string; tonnes: number }[]>();
  for (const l of result.legs) {
    if (!(l.tonnes > 0)) continue;
    const list = out.get(l.from) ?? [];
    list.push({ to: l.to, tonnes: l.tonnes });
    out.set(l.from, list);
  }
  let through = 0;
  const walk = (node: string, mass: number, depth: number) => {
    if (mass <= 1e-9 || depth > 64) return;
    if (via.has(node)) {
      through += mass;
      return;
    }
    const legs = out.get(node) ?? [];
    const sum = legs.reduce((a, l) => a + l.tonnes, 0);
    for (const l of legs) walk(l.to, (mass * l.tonnes) / sum, depth + 1);
  };
  for (const [n, m] of starts) walk(n, m, 0);
  return through;
}
