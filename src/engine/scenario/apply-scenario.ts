/**
 * Applies a scenario to a dataset: every change becomes dated records (a stake ended the day
 * before and its successor from the change's date, a territory record, a trade rule, a route
 * status, scaled production figures), so the world folded at the scenario's base date shows the
 * change and the history before it stays as it was. Pure: the input dataset is not touched.
 * Every problem (an unknown deal, a seller short of the stake it sells) is collected and thrown
 * at once, each with the path of the change inside the scenario. See docs/scenarios.md.
 */
import { type Dataset, RECORD_KINDS, type RecordKind } from "../../model/dataset.js";
import { asIsoDate, asPeriod, isValidOn } from "../../model/dates.js";
import type { Deal, DealEffect } from "../../model/deal.js";
import { type Issue, OrebookError } from "../../model/errors.js";
import type { AssetId, EntityId, NodeId, RecordId, SourceId } from "../../model/ids.js";
import type { Production } from "../../model/production.js";
import type { Source } from "../../model/source.js";
import type { Stake } from "../../model/stake.js";
import type { AdminUnit, TerritoryControl } from "../../model/territory.js";
import type { TradeRule } from "../../model/trade-rule.js";
import {
  _dayOf,
  _daysIn,
  _intersect,
  _isoOf,
  _spanOfPeriod,
  _spanOfValidity,
  type Disruption,
  overlaps,
  remainingFraction,
} from "../common/index.js";
import { type DeFactoPlacement, placementIn, unitKey } from "../ownership/index.js";
import type { Scenario, ScenarioChange, ScenarioChangeKind } from "./scenario-schema.js";

/** An outage or ramp waiting to be applied, with the change that made it. */
interface PendingDisruption extends Disruption {
  index: number;
  hit: (asset: string) => boolean;
  commodity?: string | undefined;
  where: string;
  applied: AppliedChange;
}

/** What one change did, in words, and the records it touched. */
export interface AppliedChange {
  /** The change's index in the scenario; -1 for the carry-forward of production. */
  index: number;
  kind: ScenarioChange["kind"] | "carry-forward";
  date: string;
  summary: string;
  records: string[];
  /**
   * True for an outage or ramp that touches no production figure of the records it was applied
   * to (dated where they have none), when the caller asked for such changes to be noted
   * (`ApplyOptions.unmatchedOutages`): it changes nothing.
   */
  changesNothing?: boolean;
}

/** A non-mineral obligation a closing deal brings (security assistance): tracked, not computed. */
export interface TrackedObligation {
  deal: string;
  party: string;
  description: string;
}

export interface AppliedScenario {
  scenario: string;
  /** The date to fold the world at: the scenario's base date. */
  asOf: string;
  dataset: Dataset;
  applied: AppliedChange[];
  obligations: TrackedObligation[];
  /** The id of the source every record the scenario creates cites. */
  sourceId: SourceId;
}

export interface ApplyOptions {
  /** Apply only the changes whose index is set (the Monte Carlo's draw); default every change. */
  include?: (index: number) => boolean;
  /**
   * An outage or ramp that touches no production figure: a problem (default: the scenario as
   * written names an asset, province or dates the records have no figure for), or "noted": the
   * change stays in the applied list, marked as changing nothing. An evaluation on a date and
   * period other than the scenario's own (the dashboard's) notes them: the records it reads
   * have no figure in the change's dates, so the change moves nothing there.
   */
  unmatchedOutages?: "problem" | "noted";
}

const EPS = 1e-9;

function slug(s: string): string {
  const out = s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  return out || "scenario";
}

function dayBefore(date: string): string {
  return _isoOf(_dayOf(date) - 1);
}

function pct(x: number): string {
  return `${(x * 100).toFixed(2).replace(/\.?0+$/, "")}%`;
}

/** Mutable state of one application: the copied dataset, fresh ids, collected problems. */
class _Applier {
  readonly ds: Dataset;
  readonly issues: Issue[] = [];
  readonly applied: AppliedChange[] = [];
  readonly obligations: TrackedObligation[] = [];
  readonly sourceId: SourceId;
  private readonly taken = new Set<string>();
  /** Outages and ramps, applied to production once every change is in (order-free). */
  readonly disruptions: PendingDisruption[] = [];
  /** What an outage that touches no figure is (ApplyOptions.unmatchedOutages). */
  unmatchedOutages: "problem" | "noted" = "problem";

  constructor(
    base: Dataset,
    readonly scenario: Scenario,
  ) {
    // Copy on write: kinds a change may edit in place are cloned, the rest only re-listed
    // (their records are shared with `base`, which nothing here modifies).
    const edited = editedKinds(scenario);
    const out: Record<string, unknown[]> = {};
    for (const k of RECORD_KINDS) {
      const list = (base[k] ?? []) as unknown[];
      out[k] = edited.has(k) ? structuredClone(list) : [...list];
    }
    this.ds = out as unknown as Dataset;
    for (const k of RECORD_KINDS)
      for (const r of this.ds[k] as { id: string }[]) this.taken.add(r.id);
    this.sourceId = this.freshId(`scenario-${slug(scenario.name)}`) as SourceId;
    const own: Source = {
      id: this.sourceId,
      title: `Scenario: ${scenario.name}`,
      kind: "analyst",
      confidence: "low",
      published: scenario.baseDate,
      note: "What-if assumption of the scenario, not a sourced fact",
    };
    this.ds.sources.push(own);
    for (const s of scenario.sources) {
      if (this.ds.sources.some((x) => x.id === s.id)) continue;
      this.ds.sources.push(s);
      this.taken.add(s.id);
    }
  }

  freshId(base: string): string {
    let id = base;
    for (let k = 2; this.taken.has(id); k++) id = `${base}:${k}`;
    this.taken.add(id);
    return id;
  }

  problem(index: number, path: (string | number)[], message: string): void {
    this.issues.push({ path: ["changes", index, ...path], message });
  }

  sourcesFor(c: { sources?: SourceId[] | undefined }, index: number): SourceId[] {
    const known = new Set(this.ds.sources.map((s) => s.id as string));
    for (const [i, s] of (c.sources ?? []).entries())
      if (!known.has(s))
        this.problem(
          index,
          ["sources", i],
          `Unknown source ${s}: add it to the scenario's sources`,
        );
    return [this.sourceId, ...(c.sources ?? [])];
  }

  liveStakes(owner: string, owned: string, date: string): Stake[] {
    return this.ds.stakes.filter(
      (s) => s.owner === owner && s.owned === owned && isValidOn(date, s.validFrom, s.validTo),
    );
  }

  /** Ends `old` the day before `date` and adds its successor with `share` (none when 0). */
  replaceStake(
    old: Stake,
    share: number,
    date: string,
    sources: SourceId[],
    shift: number,
  ): string[] {
    const touched: string[] = [];
    const oldTo = old.validTo;
    if (old.validFrom && old.validFrom >= date) {
      this.ds.stakes = this.ds.stakes.filter((s) => s !== old);
    } else {
      old.validTo = asIsoDate(dayBefore(date));
      touched.push(old.id);
    }
    if (share > EPS) {
      const next: Stake = {
        ...structuredClone(old),
        id: this.freshId(`${old.id}:from-${date}`) as RecordId,
        share: Math.min(1, share),
        validFrom: asIsoDate(date),
        sources,
        asOf: date,
      };
      delete next.validTo;
      delete next.alternatives;
      if (old.shareMin !== undefined)
        next.shareMin = Math.min(next.share, Math.max(0, old.shareMin + shift));
      if (old.shareMax !== undefined)
        next.shareMax = Math.max(next.share, Math.min(1, old.shareMax + shift));
      // A stake that was to end after the change: its successor keeps the end.
      if (oldTo !== undefined) next.validTo = oldTo;
      this.ds.stakes.push(next);
      touched.push(next.id);
    }
    return touched;
  }

  /**
   * Moves `share` of `owned` (absolute), or `fraction` of the seller's stake, from `from` to `to`.
   * A fraction carries the seller's range and alternatives (each times the fraction) to the
   * stake moved, so a deal on "40% of Glencore's interest" keeps the sources' disagreement about
   * that interest. Returns the records touched and the share moved (with its range).
   */
  stakeTransfer(
    index: number,
    t: {
      from: string;
      to: string;
      owned: string;
      share?: number | undefined;
      fraction?: number | undefined;
    },
    date: string,
    sources: SourceId[],
    path: (string | number)[],
  ): { touched: string[]; moved?: { share: number; min: number; max: number } } {
    const entityIds = new Set(this.ds.entities.map((e) => e.id as string));
    const nodeIds = new Set([...entityIds, ...this.ds.assets.map((a) => a.id as string)]);
    let ok = true;
    if (!entityIds.has(t.from)) {
      this.problem(index, [...path, "from"], `Unknown entity ${t.from}`);
      ok = false;
    }
    if (!entityIds.has(t.to)) {
      this.problem(index, [...path, "to"], `Unknown entity ${t.to}`);
      ok = false;
    }
    if (!nodeIds.has(t.owned)) {
      this.problem(index, [...path, "owned"], `Unknown entity or asset ${t.owned}`);
      ok = false;
    }
    if (!ok) return { touched: [] };
    const sellers = this.liveStakes(t.from, t.owned, date);
    const held = sellers.reduce((s, x) => s + x.share, 0);
    if (t.fraction !== undefined && sellers.length === 0) {
      this.problem(
        index,
        [...path, "fraction"],
        `${t.from} holds no stake in ${t.owned} on ${date}: there is nothing to transfer a fraction of`,
      );
      return { touched: [] };
    }
    const wanted = t.fraction !== undefined ? t.fraction * held : (t.share ?? 0);
    if (wanted > held + EPS) {
      this.problem(
        index,
        [...path, "share"],
        `${t.from} holds ${pct(held)} of ${t.owned} on ${date}: it cannot transfer ${pct(wanted)}`,
      );
      return { touched: [] };
    }
    const touched: string[] = [];
    // What moves, with its range: a fraction of each seller stake's bounds and alternatives.
    let moved = 0;
    let movedMin = 0;
    let movedMax = 0;
    const alternatives: NonNullable<Stake["alternatives"]> = [];
    const inputs: string[] = [];
    let left = wanted;
    for (const s of sellers) {
      if (left <= EPS) break;
      if (t.fraction !== undefined) {
        const f = t.fraction;
        const lo = s.shareMin ?? s.share;
        const hi = s.shareMax ?? s.share;
        moved += f * s.share;
        movedMin += f * lo;
        movedMax += f * hi;
        for (const a of s.alternatives ?? [])
          alternatives.push({
            share: f * a.share,
            sources: a.sources,
            note: `${pct(f)} of ${t.from}'s ${pct(a.share)}${a.note ? ` (${a.note})` : ""}`,
          });
        inputs.push(
          `${pct(f)} of ${t.from}'s ${pct(s.share)}${hi - lo > EPS ? ` [${pct(lo)}–${pct(hi)}]` : ""} (${s.id})`,
        );
        touched.push(...this.replaceStakeScaled(s, 1 - f, date, sources));
        left -= f * s.share;
      } else {
        const cut = Math.min(s.share, left);
        left -= cut;
        moved += cut;
        movedMin += cut;
        movedMax += cut;
        touched.push(...this.replaceStake(s, s.share - cut, date, sources, -cut));
      }
    }
    const range =
      movedMax - movedMin > EPS
        ? { shareMin: Math.min(movedMin, moved), shareMax: Math.max(movedMax, moved) }
        : {};
    const carried = t.fraction !== undefined ? [...new Set(sellers.flatMap((s) => s.sources))] : [];
    const buyers = this.liveStakes(t.to, t.owned, date);
    const buyer = buyers[0];
    if (buyer) {
      const before = touched.length;
      touched.push(...this.replaceStake(buyer, buyer.share + moved, date, sources, moved));
      const next = this.ds.stakes.find((x) => x.id === touched[touched.length - 1]);
      if (next && touched.length > before && t.fraction !== undefined) {
        next.shareMin = Math.min(next.share, (buyer.shareMin ?? buyer.share) + movedMin);
        next.shareMax = Math.max(next.share, (buyer.shareMax ?? buyer.share) + movedMax);
      }
    } else {
      const next: Stake = {
        id: this.freshId(`${t.to}-in-${t.owned}:from-${date}`) as RecordId,
        owner: t.to as EntityId,
        owned: t.owned as NodeId,
        share: moved,
        ...range,
        kind: "equity",
        validFrom: asIsoDate(date),
        ...(alternatives.length > 0 ? { alternatives } : {}),
        ...(inputs.length > 0 ? { note: `Acquired on ${date}: ${inputs.join("; ")}` } : {}),
        sources: [...new Set([...sources, ...carried])] as SourceId[],
        asOf: date,
      };
      this.ds.stakes.push(next);
      touched.push(next.id);
    }
    const total = this.ds.stakes
      .filter((s) => s.owned === t.owned && isValidOn(date, s.validFrom, s.validTo))
      .reduce((a, s) => a + s.share, 0);
    if (total > 1 + EPS)
      this.problem(
        index,
        [...path, "share"],
        `After the transfer the stakes in ${t.owned} add up to ${pct(total)} on ${date}, more than 100%`,
      );
    return {
      touched,
      moved: { share: moved, min: Math.min(movedMin, moved), max: Math.max(movedMax, moved) },
    };
  }

  /** Ends `old` the day before `date` and adds its successor with every share times `k`. */
  replaceStakeScaled(old: Stake, k: number, date: string, sources: SourceId[]): string[] {
    const touched: string[] = [];
    const oldTo = old.validTo;
    if (old.validFrom && old.validFrom >= date) {
      this.ds.stakes = this.ds.stakes.filter((s) => s !== old);
    } else {
      old.validTo = asIsoDate(dayBefore(date));
      touched.push(old.id);
    }
    if (k * old.share > EPS) {
      const next: Stake = {
        ...structuredClone(old),
        id: this.freshId(`${old.id}:from-${date}`) as RecordId,
        share: k * old.share,
        validFrom: asIsoDate(date),
        sources: [...new Set([...sources, ...old.sources])] as SourceId[],
        asOf: date,
      };
      delete next.validTo;
      if (old.shareMin !== undefined) next.shareMin = k * old.shareMin;
      if (old.shareMax !== undefined) next.shareMax = k * old.shareMax;
      if (old.alternatives)
        next.alternatives = old.alternatives.map((a) => ({
          ...a,
          share: k * a.share,
          note: `${pct(k)} of ${pct(a.share)} kept${a.note ? ` (${a.note})` : ""}`,
        }));
      if (oldTo !== undefined) next.validTo = oldTo;
      this.ds.stakes.push(next);
      touched.push(next.id);
    }
    return touched;
  }

  dealChange(index: number, c: { deal: string }, closes: boolean, date: string): void {
    const deal = this.ds.deals.find((d) => d.id === c.deal);
    if (!deal) {
      this.problem(index, ["deal"], `Unknown deal ${c.deal}`);
      return;
    }
    const status = statusOn(deal, date);
    if (status === "closed" || status === "collapsed") {
      this.problem(index, ["deal"], `Deal ${deal.id} is already ${status} on ${date}`);
      return;
    }
    const sources = this.sourcesFor(c as { sources?: SourceId[] }, index);
    deal.statusHistory.push({
      date: asIsoDate(date),
      status: closes ? "closed" : "collapsed",
      sources,
      note: `Scenario: ${this.scenario.name}`,
    });
    deal.status = closes ? "closed" : "collapsed";
    const touched: string[] = [deal.id];
    const parts: string[] = [];
    if (closes) {
      for (const [i, e] of deal.effects.entries()) {
        touched.push(...this.effect(index, deal, e, i, date, sources, parts));
      }
    } else {
      // Records the deal had already put in the dataset as proposals end with it.
      for (const e of deal.effects) {
        if (e.kind !== "offtake") continue;
        const o = this.ds.offtakes.find((x) => x.id === e.offtake.id);
        if (o && isValidOn(date, o.validFrom, o.validTo)) {
          o.validTo = asIsoDate(dayBefore(date));
          touched.push(o.id);
          parts.push(`offtake ${o.id} ends`);
        }
      }
    }
    this.applied.push({
      index,
      kind: closes ? "deal-closes" : "deal-collapses",
      date,
      summary: `${deal.name} ${closes ? "closes" : "collapses"} on ${date} (was ${status ?? "not yet recorded"})${parts.length ? `: ${parts.join("; ")}` : ""}`,
      records: touched,
    });
  }

  effect(
    index: number,
    deal: Deal,
    e: DealEffect,
    i: number,
    date: string,
    sources: SourceId[],
    parts: string[],
  ): string[] {
    const path = ["deal", `effects[${i}]`];
    switch (e.kind) {
      case "stake-transfer": {
        const t = this.stakeTransfer(index, e, date, sources, path);
        if (t.touched.length > 0 && t.moved) parts.push(movedText(e, t.moved));
        return t.touched;
      }
      case "control-agreement": {
        const a = e.agreement;
        const known = new Set([
          ...this.ds.entities.map((x) => x.id as string),
          ...this.ds.assets.map((x) => x.id as string),
        ]);
        if (!known.has(a.controlled))
          this.problem(
            index,
            [...path, "agreement", "controlled"],
            `Unknown entity or asset ${a.controlled}`,
          );
        for (const [k, c] of a.controllers.entries())
          if (!known.has(c))
            this.problem(index, [...path, "agreement", "controllers", k], `Unknown entity ${c}`);
        const existing = this.ds.controlAgreements.find((x) => x.id === a.id);
        const from = a.validFrom && a.validFrom > date ? a.validFrom : date;
        if (existing) existing.validFrom = asIsoDate(from);
        else this.ds.controlAgreements.push({ ...structuredClone(a), validFrom: asIsoDate(from) });
        parts.push(
          `control of ${a.controlled} by ${a.controllers.join(" and ")} (${a.basis}, ${a.id}) from ${from}`,
        );
        return [a.id];
      }
      case "offtake": {
        const existing = this.ds.offtakes.find((o) => o.id === e.offtake.id);
        const from = e.offtake.validFrom && e.offtake.validFrom > date ? e.offtake.validFrom : date;
        if (existing) {
          existing.status = "active";
          existing.validFrom = asIsoDate(from);
        } else {
          this.ds.offtakes.push({
            ...structuredClone(e.offtake),
            status: "active",
            validFrom: asIsoDate(from),
          });
        }
        parts.push(`offtake ${e.offtake.id} to ${e.offtake.buyer} active`);
        return [e.offtake.id];
      }
      case "new-asset": {
        if (!this.ds.assets.some((a) => a.id === e.asset.id))
          this.ds.assets.push(structuredClone(e.asset));
        parts.push(`new asset ${e.asset.id} (${e.asset.status})`);
        return [e.asset.id];
      }
      case "trade-rule": {
        if (!this.ds.tradeRules.some((r) => r.id === e.rule.id))
          this.ds.tradeRules.push(structuredClone(e.rule));
        parts.push(`trade rule ${e.rule.id}`);
        return [e.rule.id];
      }
      case "route-node": {
        const n = this.ds.routeNodes.find((x) => x.id === e.node.id);
        if (n) n.status = e.node.status;
        else this.ds.routeNodes.push(structuredClone(e.node));
        parts.push(`route node ${e.node.id} (${e.node.status})`);
        return [e.node.id];
      }
      case "route-leg": {
        const l = this.ds.routeLegs.find((x) => x.id === e.leg.id);
        if (l) l.status = e.leg.status;
        else this.ds.routeLegs.push(structuredClone(e.leg));
        parts.push(`route leg ${e.leg.id} (${e.leg.status})`);
        return [e.leg.id];
      }
      case "obligation":
        this.obligations.push({ deal: deal.id, party: e.party, description: e.description });
        parts.push(`obligation of ${e.party} tracked, not computed: ${e.description}`);
        return [];
    }
  }

  /**
   * Checks an outage or ramp and keeps it as a dated interval; production is scaled once, after
   * every change (`applyDisruptions`), so overlapping ones do not compound and order never
   * matters.
   */
  outage(index: number, c: Extract<ScenarioChange, { kind: "production-outage" }>): void {
    const assets = new Map(this.ds.assets.map((a) => [a.id as string, a]));
    if (c.asset !== undefined && !assets.has(c.asset)) {
      this.problem(index, ["asset"], `Unknown asset ${c.asset}`);
      return;
    }
    if (c.province !== undefined && ![...assets.values()].some((a) => a.province === c.province)) {
      this.problem(index, ["province"], `No asset in the dataset lies in province ${c.province}`);
      return;
    }
    const hit = (asset: string) => {
      const a = assets.get(asset);
      if (c.asset !== undefined && asset !== c.asset) return false;
      if (c.province !== undefined && a?.province !== c.province) return false;
      return true;
    };
    const span = c.period
      ? _spanOfPeriod(c.period)
      : _spanOfValidity(c.from ?? undefined, c.to ?? undefined);
    const where = [c.asset, c.province && `province ${c.province}`, c.commodity]
      .filter(Boolean)
      .join(", ");
    const when = c.period
      ? ` during ${c.period}`
      : c.from !== undefined || c.to !== undefined
        ? ` ${c.from !== undefined ? `from ${c.from}` : ""}${c.from !== undefined && c.to !== undefined ? " " : ""}${c.to !== undefined ? `to ${c.to}` : ""}`
        : " in every period";
    const applied: AppliedChange = {
      index,
      kind: c.kind,
      date: c.date ?? this.scenario.baseDate,
      summary: `Output of ${where} × ${c.factor}${c.factorEnd !== undefined ? ` rising to × ${c.factorEnd}` : ""}${when}`,
      records: [],
    };
    this.applied.push(applied);
    this.disruptions.push({
      index,
      hit,
      commodity: c.commodity,
      span,
      factor: c.factor,
      factorEnd: c.factorEnd,
      where,
      applied,
    });
  }

  /**
   * Scales every production figure once by the part of its period's output the outages and
   * ramps leave: day by day the lowest factor in force (production-intervals.ts).
   */
  applyDisruptions(): void {
    if (this.disruptions.length === 0) return;
    const touched = new Map<PendingDisruption, string[]>();
    for (const p of this.ds.production) {
      if (p.tonnes === null) continue;
      const on = this.disruptions.filter(
        (d) => d.commodity === undefined || d.commodity === p.commodity,
      );
      if (on.length === 0) continue;
      const span = _spanOfPeriod(p.period);
      const hitting = (asset: string) => on.filter((d) => d.hit(asset) && overlaps(d, span));
      const members =
        p.asset !== undefined ? [p.asset as string] : (p.split ?? []).map((x) => x.asset as string);
      const used = new Set<PendingDisruption>();
      const factorOf = new Map<string, number>();
      for (const m of members) {
        const hs = hitting(m);
        for (const d of hs) used.add(d);
        factorOf.set(m, remainingFraction(span, hs));
      }
      if (used.size === 0) continue;
      if (p.asset !== undefined) {
        const f = factorOf.get(p.asset) ?? 1;
        if (f !== 1) scaleProduction(p, f);
      } else if (p.split) {
        const w = p.split.reduce((s, x) => s + x.weight, 0);
        const scaled = p.split.map((x) => x.weight * (factorOf.get(x.asset) ?? 1));
        const total = scaled.reduce((s, x) => s + x, 0);
        const k = w > 0 ? total / w : 0;
        if (total > 0) p.split = p.split.map((x, i) => ({ ...x, weight: scaled[i] ?? x.weight }));
        scaleProduction(p, k);
      }
      for (const d of used) {
        const list = touched.get(d);
        if (list) list.push(p.id);
        else touched.set(d, [p.id]);
      }
    }
    for (const d of this.disruptions) {
      const records = touched.get(d) ?? [];
      if (records.length === 0) {
        if (this.unmatchedOutages === "noted") {
          d.applied.changesNothing = true;
          d.applied.summary +=
            ": no production figure of these records falls in its dates, so it changes nothing";
        } else this.problem(d.index, [], `The outage (${d.where}) matches no production figure`);
        continue;
      }
      d.applied.records = records;
      d.applied.summary += ` (${records.length} figure${records.length === 1 ? "" : "s"})`;
    }
  }

  route(
    index: number,
    c: Extract<ScenarioChange, { kind: "route-closed" | "route-opened" }>,
  ): void {
    const status = c.kind === "route-closed" ? "closed" : "operating";
    const touched: string[] = [];
    if (c.leg !== undefined) {
      const l = this.ds.routeLegs.find((x) => x.id === c.leg);
      if (!l) {
        this.problem(index, ["leg"], `Unknown route leg ${c.leg}`);
        return;
      }
      l.status = status;
      touched.push(l.id);
    } else if (c.node !== undefined) {
      const n = this.ds.routeNodes.find((x) => x.id === c.node);
      if (!n) {
        this.problem(index, ["node"], `Unknown route node ${c.node}`);
        return;
      }
      n.status = status;
      touched.push(n.id);
      for (const l of this.ds.routeLegs)
        if (l.from === c.node || l.to === c.node) {
          l.status = status;
          touched.push(l.id);
        }
    } else if (c.corridor !== undefined) {
      const legs = this.ds.routeLegs.filter((l) => l.corridor === c.corridor);
      if (legs.length === 0) {
        const known = [...new Set(this.ds.routeLegs.map((l) => l.corridor).filter(Boolean))];
        this.problem(
          index,
          ["corridor"],
          `No route leg belongs to corridor ${c.corridor}${known.length ? `: known corridors are ${known.join(", ")}` : ""}`,
        );
        return;
      }
      for (const l of legs) {
        l.status = status;
        touched.push(l.id);
      }
    }
    const what = c.leg ? `leg ${c.leg}` : c.node ? `node ${c.node}` : `corridor ${c.corridor}`;
    this.applied.push({
      index,
      kind: c.kind,
      date: c.date ?? this.scenario.baseDate,
      summary: `Route ${what} ${status} (${touched.length} record${touched.length === 1 ? "" : "s"})`,
      records: touched,
    });
  }

  /** A unit of the territory records by name or place code, with a boundary where one exists. */
  knownUnit(ref: string): AdminUnit | undefined {
    const key = unitKey(ref);
    let found: AdminUnit | undefined;
    for (const t of this.ds.territories)
      for (const u of t.extent ?? [])
        if (unitKey(u.name) === key || (u.pcode !== undefined && u.pcode === ref))
          if (!found || (!found.boundary && u.boundary)) found = u;
    return found;
  }

  territoryTaken(
    index: number,
    c: Extract<ScenarioChange, { kind: "territory-taken" }>,
    date: string,
  ): void {
    const sources = this.sourcesFor(c, index);
    let bad = false;
    if (!this.ds.entities.some((e) => e.id === c.controller)) {
      this.problem(index, ["controller"], `Unknown entity ${c.controller}`);
      bad = true;
    }
    const known = new Set(this.ds.assets.map((a) => a.id as string));
    for (const [i, a] of c.assets.entries())
      if (!known.has(a)) {
        this.problem(index, ["assets", i], `Unknown asset ${a}`);
        bad = true;
      }
    const like =
      c.territory === undefined ? undefined : this.ds.territories.find((t) => t.id === c.territory);
    if (c.territory !== undefined && !like) {
      this.problem(index, ["territory"], `Unknown territory record ${c.territory}`);
      bad = true;
    }
    const extent: AdminUnit[] = like ? structuredClone(like.extent ?? []) : [];
    for (const [i, u] of c.extent.entries()) {
      if (!("unit" in u)) {
        extent.push(structuredClone(u));
        continue;
      }
      const found = this.knownUnit(u.unit);
      if (!found) {
        const names = [
          ...new Set(this.ds.territories.flatMap((t) => (t.extent ?? []).map((x) => x.name))),
        ].sort();
        this.problem(
          index,
          ["extent", i, "unit"],
          `Unknown administrative unit ${u.unit}: the territory records name ${names.join(", ") || "none"}; describe a new unit with name, level and held`,
        );
        bad = true;
        continue;
      }
      const copy: AdminUnit = { ...structuredClone(found), held: u.held };
      if (u.note !== undefined) copy.note = u.note;
      else delete copy.note;
      extent.push(copy);
    }
    const province = c.province ?? like?.province;
    if (bad || province === undefined) return;
    const id = c.id ?? `${c.controller}-${slug(province)}:from-${date}`;
    if (c.id !== undefined && this.taken.has(c.id)) {
      this.problem(index, ["id"], `Id ${c.id} is already used in the dataset`);
      return;
    }
    if (c.id !== undefined) this.taken.add(c.id);
    const rid = c.id ?? this.freshId(id);
    const assets = [...new Set([...(like?.assets ?? []), ...c.assets])];
    const territories = [...new Set([...(like?.territories ?? []), ...c.territories])];
    this.ds.territories.push({
      id: rid as RecordId,
      controller: c.controller,
      country: like?.country ?? c.country,
      province,
      territories,
      assets,
      ...(extent.length > 0 ? { extent } : {}),
      ...(like?.boundary ? { boundary: structuredClone(like.boundary) } : {}),
      validFrom: asIsoDate(date),
      sources,
      asOf: date,
      ...(like ? { note: `Scenario: the area of ${like.id} taken again` } : {}),
    });
    const what = [
      ...territories,
      ...extent.map((u) => `${u.name} (${u.level}, ${u.held})`),
      ...assets,
    ];
    this.applied.push({
      index,
      kind: c.kind,
      date,
      summary: `${c.controller} holds ${what.join(", ") || "ground"} in ${province} from ${date}`,
      records: [rid],
    });
  }

  territoryReturned(
    index: number,
    c: Extract<ScenarioChange, { kind: "territory-returned" }>,
    date: string,
  ): void {
    this.sourcesFor(c, index);
    if (c.territory !== undefined) {
      const t = this.ds.territories.find((x) => x.id === c.territory);
      if (!t) {
        this.problem(index, ["territory"], `Unknown territory record ${c.territory}`);
        return;
      }
      if (!isValidOn(date, t.validFrom, t.validTo)) {
        this.problem(index, ["territory"], `Territory ${c.territory} is not held on ${date}`);
        return;
      }
      t.validTo = asIsoDate(dayBefore(date));
      this.applied.push({
        index,
        kind: c.kind,
        date,
        summary: `${t.controller} no longer holds ${t.id} (${t.province}) from ${date}`,
        records: [t.id],
      });
      return;
    }
    const assetIds = new Set(this.ds.assets.map((a) => a.id as string));
    for (const [i, a] of c.assets.entries())
      if (!assetIds.has(a)) this.problem(index, ["assets", i], `Unknown asset ${a}`);
    const unitKeys = new Map(c.units.map((u) => [unitKey(u), u]));
    const matches = (u: AdminUnit) =>
      unitKeys.has(unitKey(u.name)) || (u.pcode !== undefined && c.units.includes(u.pcode));
    const live = this.ds.territories.filter(
      (t) =>
        isValidOn(date, t.validFrom, t.validTo) &&
        (c.controller === undefined || t.controller === c.controller),
    );
    const touched: string[] = [];
    const said: string[] = [];
    const matchedUnits = new Set<string>();
    const matchedAssets = new Set<string>();
    for (const t of live) {
      const units = t.extent ?? [];
      const gone = units.filter(matches);
      const goneAssets = t.assets.filter((a) => c.assets.includes(a));
      if (gone.length === 0 && goneAssets.length === 0) continue;
      for (const u of gone) {
        matchedUnits.add(unitKey(u.name));
        if (u.pcode !== undefined) matchedUnits.add(unitKey(u.pcode));
      }
      for (const a of goneAssets) matchedAssets.add(a);
      // A unit held in part only as the parent of units now returned goes with them.
      const goneNames = new Set(gone.map((u) => unitKey(u.name)));
      const keep = units.filter((u) => !gone.includes(u));
      const parentOnly = (u: AdminUnit) =>
        u.held === "partial" &&
        units.some((x) => x.within !== undefined && unitKey(x.within) === unitKey(u.name)) &&
        units.every(
          (x) =>
            x.within === undefined ||
            unitKey(x.within) !== unitKey(u.name) ||
            goneNames.has(unitKey(x.name)),
        );
      const rest = keep.filter((u) => !parentOnly(u));
      const restAssets = t.assets.filter((a) => !c.assets.includes(a));
      const restTerritories = t.territories.filter((x) => !unitKeys.has(unitKey(x)));
      const oldTo = t.validTo;
      if (t.validFrom >= date) this.ds.territories = this.ds.territories.filter((x) => x !== t);
      else t.validTo = asIsoDate(dayBefore(date));
      touched.push(t.id);
      let successor = "";
      if (rest.length + restAssets.length + restTerritories.length > 0) {
        const next: TerritoryControl = {
          ...structuredClone(t),
          id: this.freshId(`${t.id}:from-${date}`) as RecordId,
          territories: restTerritories,
          assets: restAssets as AssetId[],
          validFrom: asIsoDate(date),
          sources: [...new Set([this.sourceId, ...t.sources])],
          asOf: date,
        };
        if (rest.length > 0) next.extent = rest;
        else delete next.extent;
        if (oldTo !== undefined) next.validTo = oldTo;
        else delete next.validTo;
        this.ds.territories.push(next);
        touched.push(next.id);
        successor = `; ${next.id} keeps ${[...restTerritories, ...rest.map((u) => u.name), ...restAssets].join(", ")}`;
      }
      said.push(
        `${t.controller} no longer holds ${[...gone.map((u) => `${u.name} (${u.level})`), ...goneAssets].join(", ")} of ${t.id} from ${date}${successor}`,
      );
      for (const x of t.territories) if (unitKeys.has(unitKey(x))) matchedUnits.add(unitKey(x));
    }
    for (const [i, u] of c.units.entries())
      if (!matchedUnits.has(unitKey(u)))
        this.problem(
          index,
          ["units", i],
          `No territory record held on ${date}${c.controller ? ` by ${c.controller}` : ""} names the unit ${u}`,
        );
    for (const [i, a] of c.assets.entries()) {
      if (!assetIds.has(a)) continue;
      if (!matchedAssets.has(a)) {
        const still = this.stillHeld(a, date);
        this.problem(
          index,
          ["assets", i],
          still
            ? `${a} is not named by a territory record on ${date}: it is held through ${still.unit ? `${still.unit.name} (${still.unit.level})` : "a drawn boundary"} in ${still.territory}; return that unit instead`
            : `${a} is not held by an armed group on ${date}`,
        );
        continue;
      }
      const still = this.stillHeld(a, date);
      if (still)
        this.problem(
          index,
          ["assets", i],
          `${a} is still held on ${date} through ${still.territory} (${still.basis}${still.unit ? `, ${still.unit.name}` : ""}): return that too`,
        );
    }
    if (touched.length === 0) return;
    this.applied.push({
      index,
      kind: c.kind,
      date,
      summary: said.join("; "),
      records: touched,
    });
  }

  /** How an asset is still placed in an area held on `date`, after the changes so far. */
  stillHeld(asset: string, date: string): DeFactoPlacement | undefined {
    const a = this.ds.assets.find((x) => x.id === asset);
    if (!a) return undefined;
    return placementIn(
      this.ds.territories.filter((t) => isValidOn(date, t.validFrom, t.validTo)),
      a,
    );
  }

  quotaChange(
    index: number,
    c: Extract<ScenarioChange, { kind: "quota-change" }>,
    date: string,
    sources: SourceId[],
  ): void {
    const rule = this.ds.tradeRules.find((r) => r.id === c.rule);
    if (!rule) {
      this.problem(index, ["rule"], `Unknown trade rule ${c.rule}`);
      return;
    }
    if (rule.kind !== "export-quota") {
      this.problem(index, ["rule"], `Trade rule ${c.rule} is an ${rule.kind}, not an export quota`);
      return;
    }
    const oldCap = rule.capTonnes ?? 0;
    const k = c.factor ?? (oldCap > 0 ? (c.capTonnes ?? 0) / oldCap : 0);
    if (c.factor === undefined && oldCap <= 0) {
      this.problem(index, ["capTonnes"], `Quota ${c.rule} has no cap to change`);
      return;
    }
    const scale = (r: TradeRule, m: number) => {
      if (r.capTonnes !== undefined) r.capTonnes *= m;
      if (r.strategicTonnes !== undefined) r.strategicTonnes *= m;
      for (const a of r.allocations ?? []) a.tonnes *= m;
      for (const a of r.alternatives ?? []) a.capTonnes *= m;
    };
    const touched: string[] = [];
    if (rule.validFrom >= date || (rule.validTo !== undefined && rule.validTo < date)) {
      scale(rule, k);
      touched.push(rule.id);
    } else {
      // The old rule ends the day before; its successor keeps the daily rate × k. The quota
      // engine spreads a cap over capPeriod ∩ validity, so both caps are rescaled to their days.
      const whole = _daysIn(spanOf(rule));
      const next: TradeRule = structuredClone(rule);
      rule.validTo = asIsoDate(dayBefore(date));
      next.id = this.freshId(`${rule.id}:from-${date}`) as RecordId;
      next.validFrom = asIsoDate(date);
      next.sources = sources;
      next.asOf = date;
      const oldDays = _daysIn(spanOf(rule));
      const newDays = _daysIn(spanOf(next));
      if (whole > 0) {
        scale(rule, oldDays / whole);
        scale(next, (newDays / whole) * k);
      }
      this.ds.tradeRules.push(next);
      touched.push(rule.id, next.id);
    }
    this.applied.push({
      index,
      kind: c.kind,
      date,
      summary: `Quota ${c.rule} (${rule.commodity}, ${rule.country}) × ${Number(k.toFixed(4))}${c.capTonnes !== undefined ? ` to ${c.capTonnes.toLocaleString("en-US")} t over ${rule.capPeriod ?? "its span"}` : ""} from ${date}`,
      records: touched,
    });
  }

  /** Copies each producer's latest earlier actual annual figure into `year` where it has none. */
  carryForward(year: string): void {
    const keyOf = (p: Production) =>
      `${p.commodity}|${
        p.asset ??
        (p.split ?? [])
          .map((x) => x.asset)
          .sort()
          .join("+")
      }`;
    const assetsOf = (p: Production) => (p.asset ? [p.asset] : (p.split ?? []).map((x) => x.asset));
    const covered = new Set<string>();
    for (const p of this.ds.production)
      if (p.period.startsWith(year))
        for (const x of assetsOf(p)) covered.add(`${p.commodity}|${x}`);
    const latest = new Map<string, Production>();
    for (const p of this.ds.production) {
      if (
        p.basis !== "actual" ||
        p.tonnes === null ||
        !/^\d{4}$/.test(p.period) ||
        p.period >= year
      )
        continue;
      const prev = latest.get(keyOf(p));
      if (!prev || p.period > prev.period) latest.set(keyOf(p), p);
    }
    const carried: string[] = [];
    for (const p of latest.values()) {
      if (assetsOf(p).some((x) => covered.has(`${p.commodity}|${x}`))) continue;
      const copy: Production = {
        ...structuredClone(p),
        id: this.freshId(`${p.id}:carried-to-${year}`) as RecordId,
        period: asPeriod(year),
        basis: "estimate",
        sources: [this.sourceId, ...p.sources],
        asOf: this.scenario.baseDate,
        note: `Carried forward from the ${p.period} actual figure ${p.id}: an assumption of the scenario, not a forecast`,
      };
      delete copy.alternatives;
      this.ds.production.push(copy);
      carried.push(copy.id);
    }
    this.applied.push({
      index: -1,
      kind: "carry-forward",
      date: this.scenario.baseDate,
      summary: `${carried.length} producer figure${carried.length === 1 ? "" : "s"} with no ${year} figure carried forward from their latest actual year (assumption)`,
      records: carried,
    });
  }

  /** Applies one change: the row of its kind in `CHANGE_KINDS`, on its date (else the base date). */
  change(index: number, c: ScenarioChange): void {
    const row: ChangeKindRow<ScenarioChange> = CHANGE_KINDS[c.kind];
    row.apply(this, index, c, c.date ?? this.scenario.baseDate);
  }

  stakeTransferChange(index: number, c: ChangeOf<"stake-transfer">, date: string): void {
    const sources = this.sourcesFor(c, index);
    const t = this.stakeTransfer(index, c, date, sources, []);
    if (t.touched.length > 0 && t.moved)
      this.applied.push({
        index,
        kind: c.kind,
        date,
        summary: `${movedText(c, t.moved, " moves")} on ${date}`,
        records: t.touched,
      });
  }

  offtake(index: number, c: ChangeOf<"offtake">, date: string): void {
    const sources = this.sourcesFor(c, index);
    const nodes = new Set([
      ...this.ds.entities.map((e) => e.id as string),
      ...this.ds.assets.map((a) => a.id as string),
    ]);
    let bad = false;
    for (const [i, s] of c.sellers.entries())
      if (!nodes.has(s)) {
        this.problem(index, ["sellers", i], `Unknown entity or asset ${s}`);
        bad = true;
      }
    if (!this.ds.entities.some((e) => e.id === c.buyer)) {
      this.problem(index, ["buyer"], `Unknown entity ${c.buyer}`);
      bad = true;
    }
    if (bad) return;
    const priority = c.priority ?? Math.max(-1, ...this.ds.offtakes.map((o) => o.priority)) + 1;
    const ids: string[] = [];
    for (const seller of c.sellers)
      for (const commodity of c.commodities) {
        const id = this.freshId(`${seller}-${commodity}-${c.buyer}:from-${date}`);
        this.ds.offtakes.push({
          id: id as RecordId,
          seller,
          buyer: c.buyer,
          commodity,
          term: c.term,
          priority,
          status: "active",
          ...(c.destination !== undefined ? { destination: c.destination } : {}),
          validFrom: asIsoDate(date),
          ...(c.validTo !== undefined ? { validTo: c.validTo } : {}),
          sources,
          asOf: date,
        });
        ids.push(id);
      }
    this.applied.push({
      index,
      kind: c.kind,
      date,
      summary: `${c.term.kind} offtake${ids.length === 1 ? "" : "s"} of ${c.commodities.join(", ")} from ${c.sellers.join(", ")} to ${c.buyer} (priority ${priority}) from ${date}`,
      records: ids,
    });
  }

  tradeRule(index: number, c: ChangeOf<"export-ban" | "export-quota">, date: string): void {
    const sources = this.sourcesFor(c, index);
    const id = this.freshId(`${c.kind}-${c.country.toLowerCase()}-${c.commodity}:from-${date}`);
    const rule: TradeRule = {
      id: id as RecordId,
      kind: c.kind,
      country: c.country,
      commodity: c.commodity,
      validFrom: asIsoDate(date),
      ...(c.validTo !== undefined ? { validTo: c.validTo } : {}),
      ...(c.kind === "export-quota"
        ? {
            capTonnes: c.capTonnes,
            capPeriod: c.capPeriod,
            ...(c.strategicTonnes !== undefined ? { strategicTonnes: c.strategicTonnes } : {}),
          }
        : {}),
      sources,
      asOf: date,
    };
    this.ds.tradeRules.push(rule);
    this.applied.push({
      index,
      kind: c.kind,
      date,
      summary:
        c.kind === "export-ban"
          ? `${c.country} bans ${c.commodity} exports from ${date}${c.validTo ? ` to ${c.validTo}` : ""}`
          : `${c.country} caps ${c.commodity} exports at ${c.capTonnes.toLocaleString("en-US")} t per ${c.capPeriod} from ${date}`,
      records: [id],
    });
  }

  priceShock(index: number, c: ChangeOf<"price-shock">, date: string): void {
    const sources = this.sourcesFor(c, index);
    const latest = this.ds.prices
      .filter((p) => p.commodity === c.commodity && p.date.slice(0, date.length) <= date)
      .sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : 0))[0];
    if (!latest) {
      this.problem(index, ["commodity"], `No ${c.commodity} price on or before ${date} to shock`);
      return;
    }
    const id = this.freshId(`price-${c.commodity}:${date}`);
    this.ds.prices.push({
      ...structuredClone(latest),
      id: id as RecordId,
      date,
      usdPerTonne: latest.usdPerTonne * c.factor,
      quoted: `${latest.quoted} × ${c.factor} (scenario)`,
      sources,
      asOf: date,
    });
    this.applied.push({
      index,
      kind: c.kind,
      date,
      summary: `${c.commodity} price × ${c.factor}: ${Math.round(latest.usdPerTonne).toLocaleString("en-US")} → ${Math.round(latest.usdPerTonne * c.factor).toLocaleString("en-US")} USD/t`,
      records: [id],
    });
  }

  demandShock(index: number, c: ChangeOf<"demand-shock">, date: string): void {
    this.sourcesFor(c, index);
    const hit = this.ds.demand.filter(
      (d) => d.commodity === c.commodity && (c.country === undefined || d.country === c.country),
    );
    if (hit.length === 0) {
      this.problem(
        index,
        ["commodity"],
        `No ${c.commodity} demand figure${c.country ? ` for ${c.country}` : ""} to shock`,
      );
      return;
    }
    for (const d of hit) {
      if (d.apparentConsumptionTonnes !== null) d.apparentConsumptionTonnes *= c.factor;
      if (d.netImportsTonnes !== null) d.netImportsTonnes *= c.factor;
    }
    this.applied.push({
      index,
      kind: c.kind,
      date,
      summary: `${c.commodity} demand${c.country ? ` of ${c.country}` : ""} × ${c.factor} (${hit.length} figure${hit.length === 1 ? "" : "s"})`,
      records: hit.map((d) => d.id),
    });
  }

  stockpileBudget(index: number, c: ChangeOf<"stockpile-budget">, date: string): void {
    this.sourcesFor(c, index);
    const s = this.ds.stockpiles.find((x) => x.id === c.stockpile);
    if (!s) {
      this.problem(index, ["stockpile"], `Unknown stockpile ${c.stockpile}`);
      return;
    }
    const before = s.budgetUsd;
    if (c.budgetUsd !== undefined) s.budgetUsd = c.budgetUsd;
    else if (before === null) {
      this.problem(
        index,
        ["changeUsd"],
        `Stockpile ${c.stockpile} has no recorded budget to change: give budgetUsd`,
      );
      return;
    } else s.budgetUsd = Math.max(0, before + (c.changeUsd ?? 0));
    this.applied.push({
      index,
      kind: c.kind,
      date,
      summary: `${s.name} budget ${before === null ? "unknown" : `${before.toLocaleString("en-US")} USD`} → ${(s.budgetUsd ?? 0).toLocaleString("en-US")} USD`,
      records: [s.id],
    });
  }
}

/** A change of one kind, by its kind. */
type ChangeOf<K extends ScenarioChangeKind> = Extract<ScenarioChange, { kind: K }>;

/** What one kind of scenario change does to a dataset. */
export interface ChangeKindRow<C extends ScenarioChange> {
  /**
   * The record kinds whose records a change of this kind modifies in place: they are cloned
   * before any change applies. The records of every other kind are shared with the base
   * dataset (copy on write), so a change may only add records of those kinds, never edit one.
   */
  readonly edits: readonly RecordKind[];
  /** Applies one change of this kind on `date` (the change's own date, else the base date). */
  apply(a: _Applier, index: number, c: C, date: string): void;
}

const DEAL_EDITS = [
  "deals",
  "stakes",
  "offtakes",
  "routeNodes",
  "routeLegs",
  "controlAgreements",
] as const satisfies readonly RecordKind[];

/**
 * Every kind of scenario change, one row each (the compiler asks for a row for every kind of
 * the schema): the record kinds it edits in place and how it applies. The one table both the
 * copy on write (`editedKinds`) and `change` read, so they cannot disagree.
 */
export const CHANGE_KINDS: { readonly [K in ScenarioChangeKind]: ChangeKindRow<ChangeOf<K>> } = {
  "deal-closes": {
    edits: DEAL_EDITS,
    apply: (a, index, c, date) => a.dealChange(index, c, true, date),
  },
  "deal-collapses": {
    edits: DEAL_EDITS,
    apply: (a, index, c, date) => a.dealChange(index, c, false, date),
  },
  "stake-transfer": {
    edits: ["stakes"],
    apply: (a, index, c, date) => a.stakeTransferChange(index, c, date),
  },
  offtake: { edits: [], apply: (a, index, c, date) => a.offtake(index, c, date) },
  "production-outage": {
    edits: ["production"],
    apply: (a, index, c) => {
      a.sourcesFor(c, index);
      a.outage(index, c);
    },
  },
  "territory-taken": {
    edits: [],
    apply: (a, index, c, date) => a.territoryTaken(index, c, date),
  },
  "territory-returned": {
    edits: ["territories"],
    apply: (a, index, c, date) => a.territoryReturned(index, c, date),
  },
  "export-ban": { edits: [], apply: (a, index, c, date) => a.tradeRule(index, c, date) },
  "export-quota": { edits: [], apply: (a, index, c, date) => a.tradeRule(index, c, date) },
  "quota-change": {
    edits: ["tradeRules"],
    apply: (a, index, c, date) => a.quotaChange(index, c, date, a.sourcesFor(c, index)),
  },
  "route-closed": {
    edits: ["routeNodes", "routeLegs"],
    apply: (a, index, c) => {
      a.sourcesFor(c, index);
      a.route(index, c);
    },
  },
  "route-opened": {
    edits: ["routeNodes", "routeLegs"],
    apply: (a, index, c) => {
      a.sourcesFor(c, index);
      a.route(index, c);
    },
  },
  "price-shock": { edits: [], apply: (a, index, c, date) => a.priceShock(index, c, date) },
  "demand-shock": {
    edits: ["demand"],
    apply: (a, index, c, date) => a.demandShock(index, c, date),
  },
  "stockpile-budget": {
    edits: ["stockpiles"],
    apply: (a, index, c, date) => a.stockpileBudget(index, c, date),
  },
};

/** The record kinds whose records a scenario's changes may modify in place (`CHANGE_KINDS`). */
function editedKinds(scenario: Scenario): Set<RecordKind> {
  const k = new Set<RecordKind>();
  for (const c of scenario.changes) for (const x of CHANGE_KINDS[c.kind].edits) k.add(x);
  return k;
}

function spanOf(r: TradeRule) {
  const validity = _spanOfValidity(r.validFrom, r.validTo);
  return r.capPeriod ? _intersect(_spanOfPeriod(r.capPeriod), validity) : validity;
}

/** "30% [28%–30%] of kcc from katanga-mining to orion-cmc (40% of its stake)". */
function movedText(
  t: { from: string; to: string; owned: string; fraction?: number | undefined },
  m: { share: number; min: number; max: number },
  verb = "",
): string {
  const range = m.max - m.min > EPS ? ` [${pct(m.min)}–${pct(m.max)}]` : "";
  const of = t.fraction !== undefined ? ` (${pct(t.fraction)} of its stake)` : "";
  return `${pct(m.share)}${range} of ${t.owned}${verb} from ${t.from} to ${t.to}${of}`;
}

function scaleProduction(p: Production, f: number): void {
  if (p.tonnes !== null) p.tonnes *= f;
  if (p.tonnesMin !== undefined) p.tonnesMin *= f;
  if (p.tonnesMax !== undefined) p.tonnesMax *= f;
  for (const a of p.alternatives ?? []) a.tonnes *= f;
}

/** A deal's status on `date` by its dated history (undefined before its first entry). */
export function statusOn(deal: Deal, date: string): Deal["status"] | undefined {
  let best: { date: string; status: Deal["status"] } | undefined;
  for (const h of deal.statusHistory)
    if (h.date <= date && (!best || h.date >= best.date)) best = h;
  return best?.status;
}

/**
 * The dataset with every change of `scenario` applied, dated at the change's date (default the
 * base date). Throws `OrebookError("INVALID_DATA")` listing every change that cannot apply,
 * each with its path (`changes.2.share`).
 *
 * @example worldFrom(applyScenario(ds, scenario).dataset, scenario.baseDate)
 */
export function applyScenario(
  dataset: Dataset,
  scenario: Scenario,
  opts: ApplyOptions = {},
): AppliedScenario {
  const a = new _Applier(dataset, scenario);
  a.unmatchedOutages = opts.unmatchedOutages ?? "problem";
  if (scenario.carryForward) {
    if (scenario.period === undefined || !/^\d{4}$/.test(scenario.period))
      a.issues.push({
        path: ["carryForward"],
        message: 'carryForward needs period: a year such as "2026"',
      });
    else a.carryForward(scenario.period);
  }
  for (const [i, c] of scenario.changes.entries()) {
    if (opts.include && !opts.include(i)) continue;
    a.change(i, c);
  }
  a.applyDisruptions();
  if (a.issues.length > 0)
    throw new OrebookError(
      "INVALID_DATA",
      `Scenario ${scenario.name} cannot apply: ${a.issues.length} problem${a.issues.length === 1 ? "" : "s"}`,
      { issues: a.issues },
    );
  return {
    scenario: scenario.name,
    asOf: scenario.baseDate,
    dataset: a.ds,
    applied: a.applied,
    obligations: a.obligations,
    sourceId: a.sourceId,
  };
}
