/**
 * The stakes of a world found without reading them all: the stakes held in one node, and the
 * stakes whose statement date passes a test. A report that needs a few of a million stakes (the
 * sources of a control chain's links, the stale statements above the counted assets) asks here.
 *
 * A world read from the store's columns comes with a lookup of its own (`app/register-world.ts`:
 * by node number, each distinct record body dated once, only the stakes asked for made into
 * records); any other world's stakes are indexed from its stake list once.
 *
 * @example
 * stakesInto(world, "kamoto").filter((s) => s.owner === "glencore"); // in dataset order
 * stakesDated(world, (asOf) => asOf < "2022-01-01");
 */
import type { SourceId } from "../../model/ids.js";
import type { Stake } from "../../model/stake.js";
import type { World } from "../../model/world.js";

export interface StakeLookup {
  /** The stakes held in `owned`, in dataset order (none when it is not a node). */
  into(owned: string): readonly Stake[];
  /** The stakes whose statement date (`asOf`) passes `test`, in dataset order. */
  dated(test: (asOf: string) => boolean): readonly Stake[];
  /**
   * The sources of the stakes `owner` holds in `owned`, in the stakes' order, each once; a
   * lookup that can tell without making the stakes records gives it.
   */
  sourcesOf?(owner: string, owned: string): readonly SourceId[];
  /**
   * `sourcesOf` nodes `owner` and `owned` of a graph whose node ids are `ids`, when the lookup
   * numbers its nodes as that graph does (the same array), without hashing their ids; else
   * undefined.
   */
  sourcesOfNodes?(
    owner: number,
    owned: number,
    ids: readonly string[],
  ): readonly SourceId[] | undefined;
}

const attached = new WeakMap<object, StakeLookup>();
/** The lookups made from a stake list, by list (worlds folded from one dataset share it). */
const fromLists = new WeakMap<readonly Stake[], StakeLookup>();

/** Gives `world` a lookup of its stakes, made by whoever made the world. */
export function attachStakeLookup(world: World, lookup: StakeLookup): void {
  attached.set(world, lookup);
}

/** A lookup over a list of stakes, indexed by owned node on first use. */
function lookupOfList(stakes: readonly Stake[]): StakeLookup {
  let byOwned: Map<string, Stake[]> | undefined;
  return {
    into(owned) {
      if (!byOwned) {
        byOwned = new Map();
        for (const s of stakes) {
          const l = byOwned.get(s.owned);
          if (l) l.push(s);
          else byOwned.set(s.owned, [s]);
        }
      }
      return byOwned.get(owned) ?? [];
    },
    dated: (test) => stakes.filter((s) => test(s.asOf)),
  };
}

/** The world's stake lookup: its own, else one over its stake list. */
export function stakeLookupOf(world: Pick<World, "stakes">): StakeLookup {
  const own = attached.get(world);
  if (own) return own;
  const stakes = world.stakes;
  let l = fromLists.get(stakes);
  if (!l) {
    l = lookupOfList(stakes);
    fromLists.set(stakes, l);
  }
  return l;
}

/** The stakes held in `owned`, in dataset order. */
export function stakesInto(world: Pick<World, "stakes">, owned: string): readonly Stake[] {
  return stakeLookupOf(world).into(owned);
}

/** The stakes whose statement date passes `test`, in dataset order. */
export function stakesDated(
  world: Pick<World, "stakes">,
  test: (asOf: string) => boolean,
): readonly Stake[] {
  return stakeLookupOf(world).dated(test);
}

/** The sources of the stakes `owner` holds in `owned` (in the stakes' order, each once). */
export function stakeSourcesOf(
  world: Pick<World, "stakes">,
  owner: string,
  owned: string,
): SourceId[] {
  const lookup = stakeLookupOf(world);
  if (lookup.sourcesOf) return [...lookup.sourcesOf(owner, owned)];
  const out = new Set<SourceId>();
  for (const s of lookup.into(owned)) if (s.owner === owner) for (const x of s.sources) out.add(x);
  return [...out];
}

/**
 * `stakeSourcesOf` nodes `owner` and `owned` of a graph whose node ids are `ids`: by node
 * number when the world's lookup numbers its nodes as the graph does, else by their ids.
 */
export function stakeSourcesOfNodes(
  world: Pick<World, "stakes">,
  ids: readonly string[],
  owner: number,
  owned: number,
): SourceId[] {
  const byNode = stakeLookupOf(world).sourcesOfNodes?.(owner, owned, ids);
  if (byNode !== undefined) return [...byNode];
  return stakeSourcesOf(world, ids[owner] as string, ids[owned] as string);
}
