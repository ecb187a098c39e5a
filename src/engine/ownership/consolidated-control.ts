/**
 * Consolidated control as analysts mean it (docs/methodology.md, "Consolidated control"): who
 * controls each node, and on what basis. For a node, in order:
 *
 * 1. **agreement / operator** — a control record in force that confers control on one
 *    controller (a management, shareholder or board agreement, a golden share: `agreement`;
 *    an operatorship: `operator`; an agreement beats an operatorship, then the latest start);
 * 2. **majority** — an owner holding more than the threshold (dispersed holders never control);
 * 3. **joint** — a control record naming two or more controllers (joint control by agreement),
 *    or two owners each of whom is needed for any majority (50/50: together above the threshold,
 *    neither alone nor with all the other holders);
 * 4. none — the node controls itself (an asset: no controller; an entity: its own country).
 *
 * Single controls chain (an asset → its majority owner → the operator of that owner …) to the
 * ultimate controller; a jointly controlled node splits what it controls equally between its
 * joint controllers, each followed to its own ultimate controller and marked joint.
 *
 * @example
 * const cc = consolidatedControlOf(world, g);
 * controlOf(world, g, cc, g.indexOf.get("kamoa-kakula")!).leaves; // Ivanhoe ½, Zijin ½ (joint)
 */
import type { ControlAgreement } from "../../model/control-agreement.js";
import type { RecordId, SourceId } from "../../model/ids.js";
import type { World } from "../../model/world.js";
import { entityKindOfNode, stakeSourcesOfNodes } from "../common/index.js";
import { controllersFrom, majorityOwners } from "./control.js";
import type { OwnershipGraph } from "./ownership-graph.js";

export const CONTROL_BASIS_KINDS = ["agreement", "operator", "majority", "joint"] as const;
/** How a controller holds control of a node. */
export type ControlBasisKind = (typeof CONTROL_BASIS_KINDS)[number];

/** One link of a control chain: `node` is controlled by `by` (two or more: jointly). */
export interface ControlStep {
  node: string;
  by: string[];
  basis: ControlBasisKind;
  /** The control record that decides the link (agreement, operator, joint by agreement). */
  record?: RecordId;
  /** Majority: the share the controller holds; joint without a record: each holder's share. */
  shares?: number[];
  /** The record's sources (a majority link's are its stakes'). */
  sources?: SourceId[];
}

/** One ultimate controller of a node and the part of the node it controls. */
export interface ControlLeaf {
  /** The ultimate controller's index in the graph (the node itself when nothing controls it). */
  index: number;
  /** The fraction of the node it controls: 1, or a part of a joint control. */
  share: number;
  /** True when the control passes through joint control. */
  joint: boolean;
  /** Node ids from the node up to this controller. */
  chain: string[];
}

export interface NodeControl {
  leaves: ControlLeaf[];
  /** Every link on the way up (a joint node's link once), in order. */
  steps: ControlStep[];
  /**
   * The basis that sums up the node's control: joint if any link is joint, else agreement if
   * any link is an agreement, else operator, else majority; null when nothing controls it.
   */
  basis: ControlBasisKind | null;
  /** What the rule set aside on the way up (a record shadowed by another or by a majority). */
  notes: string[];
}

export interface ConsolidatedControl {
  threshold: number;
  /** The single controller of each node (agreement, operator or majority), −1 where none. */
  parent: Int32Array;
  /** The ultimate controller along single controls (a node with no parent: itself). */
  ultimate: Int32Array;
  /**
   * The basis of each node's single control link set by a record (agreement, operator); a node
   * with a parent and no entry is held by majority (not stored: at scale most nodes are).
   */
  linkBasis: Map<number, ControlBasisKind>;
  /** The record deciding a node's single control link. */
  linkRecord: Map<number, ControlAgreement>;
  /** Nodes without a single controller that a record places under joint control. */
  jointRecord: Map<number, ControlAgreement>;
  /** What the rule set aside (a record shadowed by another or by a majority), by node. */
  notes: Map<number, string[]>;
}

/** The rank of a single-control record: agreements before operatorships. */
function rank(a: ControlAgreement): number {
  return a.basis === "operator" ? 1 : 0;
}

function isJointRecord(a: ControlAgreement): boolean {
  return a.basis === "joint-control" || a.controllers.length > 1;
}

/** Latest start first, then id, so that the choice never depends on file order. */
function newerFirst(a: ControlAgreement, b: ControlAgreement): number {
  const fa = a.validFrom ?? "";
  const fb = b.validFrom ?? "";
  if (fa !== fb) return fa < fb ? 1 : -1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * Who controls each node of `world` (whose control records are those in force on its date)
 * at `threshold` (a majority is strictly more).
 */
export function consolidatedControlOf(
  world: Pick<World, "entities" | "controlAgreements">,
  g: OwnershipGraph,
  threshold = 0.5,
): ConsolidatedControl {
  const parent = majorityOwners(g, threshold);
  // Dispersed holders (public float, unknown) never control, however large their block. Each
  // owner's kind is read once (1: dispersed, 2: not).
  const dispersed = new Uint8Array(g.n);
  for (let j = 0; j < g.n; j++) {
    const m = parent[j] ?? -1;
    if (m < 0) continue;
    if (dispersed[m] === 0) {
      const kind = entityKindOfNode(world, g.ids, m);
      dispersed[m] = kind === "public-float" || kind === "unknown" ? 1 : 2;
    }
    if (dispersed[m] === 1) parent[j] = -1;
  }
  const linkBasis = new Map<number, ControlBasisKind>();
  const linkRecord = new Map<number, ControlAgreement>();
  const jointRecord = new Map<number, ControlAgreement>();
  const notes = new Map<number, string[]>();
  const note = (j: number, text: string) => {
    const list = notes.get(j);
    if (list) list.push(text);
    else notes.set(j, [text]);
  };

  const byNode = new Map<number, ControlAgreement[]>();
  for (const a of world.controlAgreements) {
    if (!a.confersControl) continue;
    const j = g.indexOf.get(a.controlled);
    const missing = a.controllers.filter((c) => !g.indexOf.has(c));
    if (j === undefined) continue;
    if (missing.length > 0) {
      note(j, `Control record ${a.id} is not used: ${missing.join(", ")} not in the data`);
      continue;
    }
    const list = byNode.get(j);
    if (list) list.push(a);
    else byNode.set(j, [a]);
  }
  for (const [j, list] of byNode) {
    const single = list
      .filter((a) => !isJointRecord(a))
      .sort((a, b) => rank(a) - rank(b) || newerFirst(a, b));
    const joint = list.filter(isJointRecord).sort(newerFirst);
    const chosen = single[0];
    if (chosen) {
      parent[j] = g.indexOf.get(chosen.controllers[0] as string) as number;
      linkBasis.set(j, chosen.basis === "operator" ? "operator" : "agreement");
      linkRecord.set(j, chosen);
      const others = single.filter((a) => a.controllers[0] !== chosen.controllers[0]);
      if (others.length > 0)
        note(
          j,
          `${g.ids[j]}: control record ${chosen.id} (${chosen.controllers[0]}) is used before ${others.map((a) => `${a.id} (${a.controllers[0]})`).join(", ")}`,
        );
      for (const a of joint)
        note(
          j,
          `${g.ids[j]}: joint control record ${a.id} is set aside: ${chosen.id} gives control to ${chosen.controllers[0]} alone`,
        );
      continue;
    }
    const jr = joint[0] as ControlAgreement;
    if ((parent[j] ?? -1) >= 0) {
      note(
        j,
        `${g.ids[j]}: joint control record ${jr.id} is set aside: ${g.ids[parent[j] as number]} holds a majority`,
      );
      continue;
    }
    jointRecord.set(j, jr);
  }
  const ultimate = controllersFrom(g, parent);
  return { threshold, parent, ultimate, linkBasis, linkRecord, jointRecord, notes };
}

/**
 * Joint control without a record: two owners each of whom is needed for any majority (together
 * above the threshold; neither alone, nor with every other holder, above it), or null.
 */
export function equalPartnersOf(
  world: Pick<World, "entities">,
  g: OwnershipGraph,
  j: number,
  threshold: number,
): [number, number] | null {
  const from = g.ownedStart[j] as number;
  const to = g.ownedStart[j + 1] as number;
  if (to - from < 2) return null;
  let a = -1;
  let b = -1;
  for (let e = from; e < to; e++) {
    const s = g.share[e] as number;
    if (a < 0 || s > (g.share[a] as number)) {
      b = a;
      a = e;
    } else if (b < 0 || s > (g.share[b] as number)) b = e;
  }
  const sa = g.share[a] as number;
  const sb = g.share[b] as number;
  // Every other holder, recorded or not, could join one of the two.
  const rest = Math.max(0, 1 - sa - sb);
  const eps = 1e-9;
  if (!(sa + sb > threshold + eps && sa + rest <= threshold + eps && sb + rest <= threshold + eps))
    return null;
  for (const e of [a, b]) {
    const kind = entityKindOfNode(world, g.ids, g.ownerIdx[e] as number);
    if (kind === "public-float" || kind === "unknown") return null;
  }
  return [g.ownerIdx[a] as number, g.ownerIdx[b] as number];
}

/** The stake share of `owner` in `owned` (summed), 0 when none. */
function shareOf(g: OwnershipGraph, owner: number, owned: number): number {
  let s = 0;
  for (let e = g.ownedStart[owned] as number; e < (g.ownedStart[owned + 1] as number); e++)
    if (g.ownerIdx[e] === owner) s += g.share[e] as number;
  return s;
}

const ORDER: Record<ControlBasisKind, number> = {
  joint: 0,
  agreement: 1,
  operator: 2,
  majority: 3,
};

/** The single control link of `y` to `up`: its record, or the majority share and its stakes. */
function singleStep(
  world: Pick<World, "stakes">,
  g: OwnershipGraph,
  cc: ConsolidatedControl,
  y: number,
  up: number,
): ControlStep {
  const basis = cc.linkBasis.get(y) ?? "majority";
  const rec = cc.linkRecord.get(y);
  return {
    node: g.ids[y] as string,
    by: [g.ids[up] as string],
    basis,
    ...(rec
      ? { record: rec.id, sources: [...rec.sources] }
      : {
          shares: [shareOf(g, up, y)],
          sources: stakeSourcesOfNodes(world, g.ids, up, y),
        }),
  };
}

/** The joint control of `c` by `partners`: its record, or the partners' shares and stakes. */
function jointStep(
  world: Pick<World, "stakes">,
  g: OwnershipGraph,
  c: number,
  partners: readonly number[],
  rec: ControlAgreement | undefined,
): ControlStep {
  return {
    node: g.ids[c] as string,
    by: partners.map((p) => g.ids[p] as string),
    basis: "joint",
    ...(rec
      ? { record: rec.id, sources: [...rec.sources] }
      : {
          shares: partners.map((p) => shareOf(g, p, c)),
          sources: partners.flatMap((p) => stakeSourcesOfNodes(world, g.ids, p, c)),
        }),
  };
}

/**
 * The steps already made, by node: a node's link is the same whichever chain reaches it, so a
 * report asking for many nodes of one graph and control makes each once (and shares it between
 * the nodes' answers, which are read, not changed).
 */
export type ControlStepMemo = Map<number, ControlStep>;

/**
 * Who ultimately controls node `i`, in what parts, along which links. `memo`: steps made for
 * earlier nodes of the same graph and control (`ControlStepMemo`).
 */
export function controlOf(
  world: Pick<World, "entities" | "stakes">,
  g: OwnershipGraph,
  cc: ConsolidatedControl,
  i: number,
  memo?: ControlStepMemo,
): NodeControl {
  const stepOf = (node: number, make: () => ControlStep): ControlStep => {
    if (!memo) return make();
    let s = memo.get(node);
    if (!s) {
      s = make();
      memo.set(node, s);
    }
    return s;
  };
  const leaves: ControlLeaf[] = [];
  const steps: ControlStep[] = [];
  const stepped = new Set<number>();
  const notes = new Set<string>();
  const visit = (x: number, share: number, joint: boolean, chain: string[], seen: Set<number>) => {
    // Up the single links to the ultimate controller.
    const c = cc.ultimate[x] ?? x;
    const path = [...chain];
    let y = x;
    for (let guard = 0; guard <= g.n; guard++) {
      if (path[path.length - 1] !== g.ids[y]) path.push(g.ids[y] as string);
      for (const t of cc.notes.get(y) ?? []) notes.add(t);
      if (y === c) break;
      const up = cc.parent[y] ?? -1;
      if (up < 0) break;
      if (!stepped.has(y)) {
        stepped.add(y);
        steps.push(stepOf(y, () => singleStep(world, g, cc, y, up)));
      }
      y = up;
    }
    // A jointly controlled top: split between the joint controllers.
    const rec = cc.jointRecord.get(c);
    const partners: number[] | null = rec
      ? rec.controllers.map((id) => g.indexOf.get(id) as number)
      : equalPartnersOf(world, g, c, cc.threshold);
    if (partners && !seen.has(c)) {
      if (!stepped.has(c)) {
        stepped.add(c);
        steps.push(stepOf(c, () => jointStep(world, g, c, partners, rec)));
      }
      const next = new Set(seen).add(c);
      for (const p of partners) visit(p, share / partners.length, true, path, next);
      return;
    }
    leaves.push({ index: c, share, joint, chain: path });
  };
  visit(i, 1, false, [], new Set());
  // Leaves reaching the same controller by several joint paths are merged.
  const merged = new Map<number, ControlLeaf>();
  for (const l of leaves) {
    const m = merged.get(l.index);
    if (m) m.share += l.share;
    else merged.set(l.index, { ...l });
  }
  const controlled = steps.length > 0;
  const basis = controlled
    ? (steps.map((s) => s.basis).sort((a, b) => ORDER[a] - ORDER[b])[0] as ControlBasisKind)
    : null;
  return { leaves: [...merged.values()], steps, basis, notes: [...notes] };
}
