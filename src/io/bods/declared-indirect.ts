/**
 * Places a declared indirect interest ("Person 1 holds 30 % of Company A through Company B")
 * among the stakes so that look-through counts it once:
 *
 * - every component share known: the components carry it (`components`); a declaration that
 *   the components contradict is noted;
 * - one component share unknown: the declaration fixes it, linearly (30 % = 60 % × x gives
 *   x = 50 %; over several paths 30 % = a × x + b): a stake of that component, derived and
 *   marked `derivedFrom` (`derived`);
 * - several unknown shares on a single chain: one stake spans them, from the owner of the
 *   highest unknown link to the entity below the lowest, at the declared share divided by the
 *   known links outside the span (`spanned`);
 * - otherwise no placement avoids counting the holding twice (`unplaced`): it is kept as
 *   declared, and look-through does not count it.
 */
import type { IndirectPlacement } from "../../model/indirect-interest.js";
import type { Stake } from "../../model/stake.js";

export interface Link {
  /** The component relationship's model id. */
  id: string;
  owner: string;
  owned: string;
}

export interface Declaration {
  id: string;
  owner: string;
  owned: string;
  share: number;
  shareMin?: number;
  shareMax?: number;
  components: Link[];
}

export interface Placement {
  placement: IndirectPlacement;
  /** The stake to add (derived or spanned), without provenance. */
  stake?: Pick<Stake, "id" | "owner" | "owned" | "share" | "shareMin" | "shareMax">;
  /** What was done and why, in words (for the notes). */
  note: string;
}

const MAX_PATHS = 1000;
const pct = (f: number) => `${Number((f * 100).toFixed(4))}%`;

/** Every path from `from` to `to` over the links, as lists of links (at most MAX_PATHS). */
function pathsOf(links: Link[], from: string, to: string): Link[][] {
  const out: Link[][] = [];
  const walk = (at: string, seen: Set<string>, path: Link[]) => {
    if (out.length >= MAX_PATHS) return;
    if (at === to) {
      out.push([...path]);
      return;
    }
    for (const l of links) {
      if (l.owner !== at || seen.has(l.owned)) continue;
      seen.add(l.owned);
      path.push(l);
      walk(l.owned, seen, path);
      path.pop();
      seen.delete(l.owned);
    }
  };
  walk(from, new Set([from]), []);
  return out;
}

const product = (xs: number[]) => xs.reduce((p, x) => p * x, 1);

/** Where the declared holding goes; `known` gives a component's stake, if it has one. */
export function placeDeclaration(
  d: Declaration,
  known: (componentId: string) => Stake | undefined,
  nameOf: (id: string) => string,
): Placement {
  const paths = pathsOf(d.components, d.owner, d.owned);
  const said = `${nameOf(d.owner)} declares ${pct(d.share)} of ${nameOf(d.owned)}`;
  if (paths.length === 0)
    return {
      placement: "unplaced",
      note: `${said}, but its components do not lead from one to the other: not counted`,
    };
  const onPaths = new Map<string, Link>();
  for (const p of paths) for (const l of p) onPaths.set(l.id, l);
  const unknown = [...onPaths.values()].filter((l) => known(l.id) === undefined);
  const shareOf = (l: Link) => known(l.id)?.share ?? 0;

  if (unknown.length === 0) {
    const total = paths.reduce((s, p) => s + product(p.map(shareOf)), 0);
    const lo = d.shareMin ?? d.share;
    const hi = d.shareMax ?? d.share;
    const agrees = total >= lo - 5e-5 && total <= hi + 5e-5;
    return {
      placement: "components",
      note: agrees
        ? `${said}: counted through its components`
        : `${said}, but its components give ${pct(total)}: counted through its components`,
    };
  }

  if (unknown.length === 1) {
    const e = unknown[0] as Link;
    let a = 0;
    let b = 0;
    const factors: string[] = [];
    for (const p of paths) {
      const others = p.filter((l) => l.id !== e.id);
      const v = product(others.map(shareOf));
      if (others.length < p.length) {
        a += v;
        if (paths.length === 1) factors.push(...others.map((l) => pct(shareOf(l))));
      } else b += v;
    }
    const solve = (target: number) => (target - b) / a;
    const x = a > 0 ? solve(d.share) : Number.NaN;
    if (!(x > 0) || x > 1 + 1e-9)
      return {
        placement: "unplaced",
        note: `${said}, but no share of ${nameOf(e.owner)} in ${nameOf(e.owned)} gives it with the known components${a > 0 ? ` (it would be ${pct(x)})` : ""}: not counted`,
      };
    const eq =
      paths.length === 1
        ? `${pct(d.share)} = ${[...factors, "x"].join(" × ")}`
        : `${pct(d.share)} = ${pct(a)} × x${b > 0 ? ` + ${pct(b)}` : ""}`;
    const clamp = (v: number) => Math.min(1, Math.max(0, v));
    const stake: Placement["stake"] = {
      id: e.id as Stake["id"],
      owner: e.owner as Stake["owner"],
      owned: e.owned as Stake["owned"],
      share: clamp(x),
    };
    if (d.shareMin !== undefined || d.shareMax !== undefined) {
      stake.shareMin = clamp(solve(d.shareMin ?? d.share));
      stake.shareMax = clamp(solve(d.shareMax ?? d.share));
    }
    return {
      placement: "derived",
      stake,
      note: `Derived from the declared indirect interest ${d.id} (${said}): ${eq} gives x = ${pct(x)}`,
    };
  }

  if (paths.length === 1) {
    const p = paths[0] as Link[];
    const first = p.findIndex((l) => known(l.id) === undefined);
    const last = p.length - 1 - [...p].reverse().findIndex((l) => known(l.id) === undefined);
    const top = p[first] as Link;
    const bottom = p[last] as Link;
    const outside = product(p.filter((_, i) => i < first || i > last).map(shareOf));
    const x = d.share / outside;
    if (!(x > 0) || x > 1 + 1e-9)
      return {
        placement: "unplaced",
        note: `${said}, but the known components allow at most ${pct(outside)}: not counted`,
      };
    const chain = [top.owner, ...p.slice(first, last + 1).map((l) => l.owned)].map(nameOf);
    const stake: Placement["stake"] = {
      id: `${d.id}:span` as Stake["id"],
      owner: top.owner as Stake["owner"],
      owned: bottom.owned as Stake["owned"],
      share: Math.min(1, x),
    };
    if (d.shareMin !== undefined || d.shareMax !== undefined) {
      stake.shareMin = Math.min(1, (d.shareMin ?? d.share) / outside);
      stake.shareMax = Math.min(1, (d.shareMax ?? d.share) / outside);
    }
    return {
      placement: "spanned",
      stake,
      note: `Declared indirect interest ${d.id} (${said}): the links ${chain.join(" → ")} have no shares; this stake spans them at ${pct(x)}${outside < 1 ? ` (${pct(d.share)} ÷ ${pct(outside)})` : ""}`,
    };
  }

  return {
    placement: "unplaced",
    note: `${said}, but ${unknown.length} component shares are not given on ${paths.length} paths: no placement avoids counting it twice, so it is not counted`,
  };
}
