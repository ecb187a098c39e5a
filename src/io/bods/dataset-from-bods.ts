/**
 * Turns BODS 0.4 statements into Orebook records (docs/interchange.md has the tables):
 * entity and person statements become entities, shareholding interests become stakes, every
 * other interest is kept in `interests` (and summarised in the subject's note), sources and
 * publishers become sources, and each statement series (recordId, by statement date) is folded:
 * an entity takes its latest details, a relationship becomes one dated stake per version
 * (`validFrom`/`validTo`), so `worldFrom(dataset, date)` sees the holding as it stood that day.
 *
 * Statements are added one at a time and only their record details are kept, so a large file
 * can be read as a stream; `finish()` folds the series.
 *
 * @example
 * const importer = new BodsImporter();
 * for (const s of statements) importer.add(s);
 * const { dataset, interests, warnings } = importer.finish();
 */

import { createHash } from "node:crypto";
import type { Asset } from "../../model/asset.js";
import { type Dataset, emptyDataset } from "../../model/dataset.js";
import type { IsoDate } from "../../model/dates.js";
import type { Entity, EntityKind } from "../../model/entity.js";
import type { Issue } from "../../model/errors.js";
import { ID_PATTERN } from "../../model/ids.js";
import type { IndirectInterest } from "../../model/indirect-interest.js";
import { isWebAddress, type Source } from "../../model/source.js";
import type { Stake } from "../../model/stake.js";
import { shareFractionFromPercent } from "../../model/units.js";
import type {
  BodsAnnotation,
  BodsEntityDetails,
  BodsInterest,
  BodsPersonDetails,
  BodsRelationshipDetails,
  BodsShare,
  BodsStatement,
  BodsUnspecified,
} from "./_bods-types.js";
import { rangeText } from "./check-bods.js";
import { type Link, placeDeclaration } from "./declared-indirect.js";

/** The name Orebook signs its own annotations with (`createdBy.name`). */
export const OREBOOK_ANNOTATOR = "Orebook";

/** An interest that is not an equity stake (or a shareholding without a countable share). */
export interface ImportedInterest {
  /** The relationship's record id as given in the file. */
  relationship: string;
  statementId: string;
  statementDate: string;
  /** Model ids; null when the file gives a reason instead of a record. */
  subject: string | null;
  interestedParty: string | null;
  type: string;
  directOrIndirect: string | null;
  share: BodsShare | null;
  startDate: string | null;
  endDate: string | null;
  details: string | null;
  /** Why it is not a stake. */
  why: string;
}

/** The statement a record was made from: its id and line in the file. */
export interface RecordOrigin {
  statementId: string;
  line?: number;
}

export interface BodsImport {
  dataset: Dataset;
  /** Where each record (`kind id`) came from, to locate problems found in the records. */
  origins: ReadonlyMap<string, RecordOrigin>;
  interests: ImportedInterest[];
  /** What was read but could not become a record, and why. Not errors: the rest is imported. */
  warnings: Issue[];
  counts: { statements: number; skipped: number; entities: number; stakes: number };
}

interface Stored {
  sid: string;
  /** The statement's line in the file, when known. */
  line?: number;
  date: string;
  status: string | undefined;
  order: number;
  sourceId: string;
  annotations: BodsAnnotation[] | undefined;
  details: BodsStatement["recordDetails"];
}

interface Series {
  type: BodsStatement["recordType"];
  recordId: string;
  statements: Stored[];
}

const DAY = 86_400_000;
/** The day before an ISO date. */
export function dayBefore(date: string): string {
  return new Date(Date.parse(`${date.slice(0, 10)}T00:00:00Z`) - DAY).toISOString().slice(0, 10);
}
/** The day after an ISO date. */
export function dayAfter(date: string): string {
  return new Date(Date.parse(`${date.slice(0, 10)}T00:00:00Z`) + DAY).toISOString().slice(0, 10);
}

function hash8(s: string): string {
  return createHash("sha1").update(s).digest("hex").slice(0, 8);
}

/** The model id for a BODS record id: itself when it is a valid id, else a slug and a hash. */
export function modelIdFor(recordId: string): string {
  if (ID_PATTERN.test(recordId)) return recordId;
  const slug = recordId
    .replace(/[^A-Za-z0-9._:-]+/g, "-")
    .replace(/^[^A-Za-z0-9]+/, "")
    .slice(0, 80);
  return `${slug || "record"}-${hash8(recordId)}`;
}

const ENTITY_KIND: Record<string, EntityKind> = {
  registeredEntity: "company",
  legalEntity: "company",
  arrangement: "consortium",
  anonymousEntity: "unknown",
  unknownEntity: "unknown",
  state: "state",
  stateBody: "state-enterprise",
};

function entityKindFor(t: BodsEntityDetails["entityType"]): EntityKind {
  if (t.subtype === "trust") return "fund";
  return ENTITY_KIND[t.type] ?? "company";
}

function countryFrom(code: string | undefined): string | null {
  if (code === undefined) return null;
  const c = code.slice(0, 2).toUpperCase();
  return /^[A-Z]{2}$/.test(c) ? c : null;
}

function unspecifiedText(what: string, u: BodsUnspecified | undefined): string | undefined {
  if (!u) return undefined;
  return `${what}: ${u.reason}${u.description ? ` (${u.description})` : ""}`;
}

function orebookFields(anns: BodsAnnotation[] | undefined): Record<string, unknown> | undefined {
  return anns?.find((a) => a.createdBy?.name === OREBOOK_ANNOTATOR && a.orebook)?.orebook;
}

function foreignAnnotationNotes(anns: BodsAnnotation[] | undefined): string[] {
  const out: string[] = [];
  for (const a of anns ?? []) {
    if (a.createdBy?.name === OREBOOK_ANNOTATOR && a.orebook) continue;
    const where = a.statementPointerTarget === "" ? "" : ` at ${a.statementPointerTarget}`;
    const by = a.createdBy?.name ? ` by ${a.createdBy.name}` : "";
    const body = [a.description, a.url].filter(Boolean).join(" ");
    out.push(`Annotation (${a.motivation}${where}${by})${body ? `: ${body}` : ""}`);
  }
  return out;
}

/** A BODS share as model fractions: exact, or a range with its midpoint as the preferred share. */
export function sharesFrom(
  share: BodsShare,
): { share: number; shareMin?: number; shareMax?: number; note?: string } | undefined {
  const lo = share.minimum ?? share.exclusiveMinimum;
  const hi = share.maximum ?? share.exclusiveMaximum;
  const ranged = lo !== undefined || hi !== undefined;
  if (share.exact !== undefined && !ranged) return { share: shareFractionFromPercent(share.exact) };
  if (!ranged) return undefined;
  const min = shareFractionFromPercent(lo ?? 0);
  const max = shareFractionFromPercent(hi ?? 100);
  const preferred =
    share.exact !== undefined ? shareFractionFromPercent(share.exact) : (min + max) / 2;
  const range = `Declared share range ${rangeText(share as Record<string, unknown>)}`;
  return {
    share: preferred,
    shareMin: min,
    shareMax: max,
    note: share.exact !== undefined ? range : `${range}; the share is its midpoint`,
  };
}

function joinNote(parts: (string | undefined)[]): string | undefined {
  const kept = parts.filter((p): p is string => p !== undefined && p !== "");
  return kept.length > 0 ? kept.join("; ") : undefined;
}

/** Accumulates statements (in any order) and folds them into a dataset. */
export class BodsImporter {
  private readonly series = new Map<string, Series>();
  private readonly sources = new Map<string, Source>();
  private readonly sourceIdByKey = new Map<string, string>();
  private statements = 0;

  /** Adds one statement that passed the schema (read at `line` of the file, when known). */
  add(s: BodsStatement, line?: number): void {
    const order = this.statements++;
    let series = this.series.get(s.recordId);
    if (!series) {
      series = { type: s.recordType, recordId: s.recordId, statements: [] };
      this.series.set(s.recordId, series);
    }
    series.statements.push({
      sid: s.statementId,
      ...(line === undefined ? {} : { line }),
      date: s.statementDate,
      status: s.recordStatus,
      order,
      sourceId: this.sourceIdFor(s),
      annotations: s.annotations && s.annotations.length > 0 ? s.annotations : undefined,
      details: s.recordDetails,
    });
  }

  private sourceIdFor(s: BodsStatement): string {
    const fields = orebookFields(s.annotations);
    for (const src of (fields?.alternativeSources ?? []) as Source[])
      if (!this.sources.has(src.id)) this.sources.set(src.id, src);
    const own = fields?.sources;
    if (Array.isArray(own) && own.length > 0) {
      for (const src of own as Source[])
        if (!this.sources.has(src.id)) this.sources.set(src.id, src);
      return (own as Source[])[0]?.id as string;
    }
    const publisher = s.publicationDetails?.publisher;
    const key = JSON.stringify([s.source ?? null, publisher ?? null]);
    const known = this.sourceIdByKey.get(key);
    if (known !== undefined) return known;
    let src: Source;
    if (!s.source && !publisher) {
      src = {
        id: "bods-unsourced" as Source["id"],
        title: "BODS statements without source information",
        kind: "secondary",
        confidence: "low",
      };
    } else {
      const types = s.source?.type ?? [];
      const kind: Source["kind"] =
        types.includes("officialRegister") || types.includes("selfDeclaration")
          ? "primary"
          : types.includes("primaryResearch")
            ? "analyst"
            : "secondary";
      const confidence: Source["confidence"] =
        types.includes("verified") || types.includes("officialRegister") ? "high" : "medium";
      const addressGiven = s.source?.url ?? publisher?.url;
      const note = joinNote([
        types.length > 0 ? `BODS source type ${types.join(", ")}` : undefined,
        s.source?.assertedBy?.length
          ? `asserted by ${s.source.assertedBy.map((a) => a.name ?? a.uri).join(", ")}`
          : undefined,
        s.publicationDetails?.license ? `license ${s.publicationDetails.license}` : undefined,
        addressGiven && !isWebAddress(addressGiven) ? `address given: ${addressGiven}` : undefined,
      ]);
      src = {
        id: `bods-${hash8(key)}` as Source["id"],
        title: s.source?.description ?? publisher?.name ?? publisher?.url ?? "BODS statements",
        kind,
        confidence,
      };
      if (addressGiven && isWebAddress(addressGiven)) src.url = addressGiven;
      if (publisher?.name) src.publisher = publisher.name;
      if (s.publicationDetails?.publicationDate)
        src.published = s.publicationDetails.publicationDate.slice(0, 10);
      if (s.source?.retrievedAt) src.accessed = s.source.retrievedAt.slice(0, 10) as IsoDate;
      if (note) src.note = note;
    }
    this.sourceIdByKey.set(key, src.id);
    if (!this.sources.has(src.id)) this.sources.set(src.id, src);
    return src.id;
  }

  /**
   * Folds every series into records. Statements whose id is in `skip` (invalid ones, with
   * `--skip-invalid`) are left out, and so is whatever refers only to them.
   */
  finish(skip: ReadonlySet<string> = new Set(), existing?: Partial<Dataset>): BodsImport {
    const ds = emptyDataset();
    // A delta names records of the target dataset: they resolve to its ids.
    const stored = new Map<string, Entity>();
    for (const e of existing?.entities ?? []) stored.set(e.id, e);
    const storedNodes = new Set<string>([
      ...stored.keys(),
      ...(existing?.assets ?? []).map((a) => a.id as string),
    ]);
    const warnings: Issue[] = [];
    const origins = new Map<string, RecordOrigin>();
    const origin = (kind: string, id: string, st: Stored) =>
      origins.set(`${kind} ${id}`, {
        statementId: st.sid,
        ...(st.line === undefined ? {} : { line: st.line }),
      });
    const interests: ImportedInterest[] = [];
    const ids = new Map<string, string>();
    const entityById = new Map<string, Entity>();
    const subjectNotes = new Map<string, string[]>();
    const unknownOwners = new Map<string, Entity>();
    const usedSources = new Set<string>();
    let skipped = 0;
    const warn = (sid: string, path: (string | number)[], message: string) =>
      warnings.push({ record: `statement ${sid}`, path, message });

    const liveOf = (se: Series): Stored[] => {
      const live = se.statements.filter((st) => !skip.has(st.sid));
      skipped += se.statements.length - live.length;
      return live.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.order - b.order));
    };

    // Entities and persons first: relationships name them.
    const componentOf = new Set<string>();
    for (const se of this.series.values()) {
      if (se.type === "relationship") {
        for (const st of se.statements) {
          if (skip.has(st.sid)) continue;
          for (const c of (st.details as BodsRelationshipDetails).componentRecords ?? [])
            componentOf.add(c);
        }
        continue;
      }
      const live = liveOf(se);
      const last = live[live.length - 1];
      if (!last) continue;
      const id = modelIdFor(se.recordId);
      ids.set(se.recordId, id);
      const names: string[] = [];
      const notes: string[] = [];
      for (const st of live) {
        if (se.type === "entity") {
          const d = st.details as BodsEntityDetails;
          if (d.name) names.push(d.name);
          for (const n of d.alternateNames ?? []) names.push(n);
        } else {
          const d = st.details as BodsPersonDetails;
          const legal = d.names?.find((n) => n.type === "legal") ?? d.names?.[0];
          if (legal) names.push(legal.fullName);
          for (const n of d.names ?? []) names.push(n.fullName);
        }
      }
      let name: string;
      let kind: EntityKind;
      let country: string | null;
      let listing: string | undefined;
      if (se.type === "entity") {
        const d = last.details as BodsEntityDetails;
        kind = entityKindFor(d.entityType);
        country = countryFrom(d.jurisdiction?.code);
        if (d.jurisdiction && country === null) notes.push(`Jurisdiction ${d.jurisdiction.name}`);
        name =
          d.name ??
          [...names].reverse()[0] ??
          (kind === "unknown" ? `Unknown entity ${id}` : `Unnamed entity ${id}`);
        notes.push(
          unspecifiedText(
            d.entityType.type === "anonymousEntity" ? "Anonymous entity" : "Unknown entity",
            d.unspecifiedEntityDetails,
          ) ?? "",
        );
        if (d.entityType.type === "arrangement" || d.entityType.details)
          notes.push(
            `BODS entity type ${d.entityType.type}${d.entityType.subtype ? `/${d.entityType.subtype}` : ""}${d.entityType.details ? ` (${d.entityType.details})` : ""}`,
          );
        const sl = d.publicListing?.securitiesListings?.[0];
        if (sl) listing = `${sl.stockExchangeName}: ${sl.security.ticker ?? sl.security.id ?? ""}`;
        if (d.dissolutionDate) notes.push(`Dissolved on ${d.dissolutionDate}`);
      } else {
        const d = last.details as BodsPersonDetails;
        kind = d.personType === "knownPerson" ? "person" : "unknown";
        country = countryFrom(d.nationalities?.[0]?.code);
        const legal = d.names?.find((n) => n.type === "legal") ?? d.names?.[0];
        name =
          legal?.fullName ??
          (d.personType === "anonymousPerson" ? `Anonymous person ${id}` : `Unknown person ${id}`);
        notes.push(
          unspecifiedText(
            d.personType === "anonymousPerson" ? "Anonymous person" : "Unknown person",
            d.unspecifiedPersonDetails,
          ) ?? "",
        );
        if (d.personType !== "knownPerson" && !d.unspecifiedPersonDetails)
          notes.push(d.personType === "anonymousPerson" ? "Anonymous person" : "Unknown person");
      }
      if (last.status === "closed") notes.push(`BODS record closed on ${last.date.slice(0, 10)}`);
      for (const st of live) notes.push(...foreignAnnotationNotes(st.annotations));
      const sources = [...new Set(live.map((st) => st.sourceId))];
      const before = stored.get(id);
      if (before) names.unshift(before.name, ...(before.aliases ?? []));
      const aliases = [...new Set(names)].filter((n) => n !== name);
      const entity: Entity = {
        id: id as Entity["id"],
        name,
        kind,
        country: country as Entity["country"],
        sources: sources as Entity["sources"],
        asOf: last.date.slice(0, 10),
      };
      if (aliases.length > 0) entity.aliases = aliases;
      if (listing) entity.listing = listing;
      const note = joinNote(notes);
      if (note) entity.note = note;
      const own = orebookFields(last.annotations);
      if (own) {
        if (own.asset) {
          const asset = own.asset as Asset;
          ds.assets.push(asset);
          origin("assets", asset.id, last);
          for (const s of asset.sources) usedSources.add(s);
          ids.set(se.recordId, asset.id);
          continue;
        }
        applyOwn(entity as unknown as Record<string, unknown>, own, [
          "kind",
          "note",
          "asOf",
          "restricted",
          "listing",
          "aliases",
          "headquarters",
          "countryReason",
        ]);
        if (Array.isArray(own.sources))
          entity.sources = (own.sources as Source[]).map((s) => s.id) as Entity["sources"];
      }
      for (const s of entity.sources) usedSources.add(s);
      ds.entities.push(entity);
      origin("entities", entity.id, last);
      entityById.set(entity.id, entity);
    }

    const idOf = (recordId: string): string | null => {
      const own = ids.get(recordId);
      if (own !== undefined) return own;
      const id = modelIdFor(recordId);
      return storedNodes.has(id) ? id : null;
    };
    for (const e of stored.values()) if (!entityById.has(e.id)) entityById.set(e.id, e);

    /** Each relationship's stake in force (its first shareholding's latest version). */
    const stakeInForce = new Map<string, Stake>();
    /** Declared indirect interests with their components, by relationship and position. */
    const declared = new Map<
      string,
      {
        id: string;
        st: Stored;
        details: BodsRelationshipDetails;
        interest: BodsInterest;
        subject: string;
        party: string | null;
        imported: ImportedInterest;
      }
    >();

    // Relationships: one stake per shareholding interest and version.
    for (const se of this.series.values()) {
      if (se.type !== "relationship") continue;
      const live = liveOf(se);
      if (live.length === 0) continue;
      const base = modelIdFor(se.recordId);
      // Each shareholding interest (by its position) gets its own chain of versions; a series
      // continued from an earlier import goes on from the version in force in the store.
      const chains = continuedChains(base, live[0]?.status, existing?.stakes);
      for (const st of live) {
        const d = st.details as BodsRelationshipDetails;
        const date = st.date.slice(0, 10);
        if (st.status === "closed") {
          for (const key of [...declared.keys()])
            if (key.startsWith(`${se.recordId}#`)) declared.delete(key);
          const closedOn = dayBefore(date);
          for (const [k, chain] of chains) {
            const prev = chain[chain.length - 1];
            if (!prev || prev.validTo !== undefined) continue;
            const end = shareholdings(d)[k]?.endDate ?? closedOn;
            prev.validTo = end as Stake["validTo"];
          }
          continue;
        }
        const subject = typeof d.subject === "string" ? idOf(d.subject) : null;
        if (typeof d.subject !== "string") {
          for (const i of d.interests ?? [])
            interests.push(
              interestFrom(se.recordId, st, null, null, i, "The subject is not specified"),
            );
          warn(
            st.sid,
            ["recordDetails", "subject"],
            `The subject is not specified (${d.subject.reason}): no stake is recorded`,
          );
          continue;
        }
        if (subject === null) {
          warn(
            st.sid,
            ["recordDetails", "subject"],
            `Subject ${d.subject} was not imported: no stake is recorded`,
          );
          continue;
        }
        let party: string | null;
        if (typeof d.interestedParty === "string") {
          party = idOf(d.interestedParty);
          if (party === null) {
            warn(
              st.sid,
              ["recordDetails", "interestedParty"],
              `Interested party ${d.interestedParty} was not imported: no stake is recorded`,
            );
            continue;
          }
        } else {
          party = this.unknownOwner(
            unknownOwners,
            entityById,
            subject,
            d.interestedParty,
            st,
            date,
          );
        }
        const own = orebookFields(st.annotations);
        const direct = componentOf.has(se.recordId);
        let k = 0;
        let indirectSeen = 0;
        for (const interest of d.interests ?? []) {
          if (interest.type !== "shareholding") {
            interests.push(
              interestFrom(se.recordId, st, subject, party, interest, "Not an equity interest"),
            );
            const line = interestLine(entityById.get(party)?.name ?? party, interest);
            const list = subjectNotes.get(subject) ?? [];
            if (!list.includes(line)) list.push(line);
            subjectNotes.set(subject, list);
            continue;
          }
          if (interest.directOrIndirect === "indirect" && (d.componentRecords?.length ?? 0) > 0) {
            const n = indirectSeen++;
            const imported = interestFrom(
              se.recordId,
              st,
              subject,
              party,
              interest,
              "Indirect: counted through its component relationships",
            );
            interests.push(imported);
            declared.set(`${se.recordId}#${n}`, {
              id: `${base}${n > 0 ? `:i${n}` : ""}`,
              st,
              details: d,
              interest,
              subject,
              party,
              imported,
            });
            continue;
          }
          const shares = interest.share ? sharesFrom(interest.share) : undefined;
          if (!shares || shares.share <= 0) {
            interests.push(
              interestFrom(
                se.recordId,
                st,
                subject,
                party,
                interest,
                shares ? "A share of 0" : "No share given",
              ),
            );
            warn(
              st.sid,
              ["recordDetails", "interests", (d.interests ?? []).indexOf(interest)],
              shares
                ? "A shareholding of 0% is not a stake"
                : "A shareholding without a share is kept as an interest, not a stake",
            );
            continue;
          }
          if (party === subject) {
            warn(
              st.sid,
              ["recordDetails", "interestedParty"],
              "An entity cannot hold a stake in itself",
            );
            continue;
          }
          const chain = chains.get(k) ?? [];
          chains.set(k, chain);
          const id = `${base}${k > 0 ? `:i${k}` : ""}${chain.length > 0 ? `:${date}` : ""}`;
          const notes = [
            shares.note,
            interest.directOrIndirect === "unknown"
              ? "Declared directOrIndirect unknown"
              : undefined,
            interest.directOrIndirect === "indirect" && !direct
              ? "Declared as an indirect interest without its components: counted as if held directly"
              : undefined,
            interest.details ? `Details: ${interest.details}` : undefined,
            ...foreignAnnotationNotes(st.annotations),
          ];
          const stake: Stake = {
            id: id as Stake["id"],
            owner: party as Stake["owner"],
            owned: subject as Stake["owned"],
            share: shares.share,
            kind: "equity",
            sources: [st.sourceId] as Stake["sources"],
            asOf: date,
          };
          if (shares.shareMin !== undefined) stake.shareMin = shares.shareMin;
          if (shares.shareMax !== undefined) stake.shareMax = shares.shareMax;
          const from = chain.length === 0 ? interest.startDate : date;
          if (from) stake.validFrom = from as Stake["validFrom"];
          if (interest.endDate) stake.validTo = interest.endDate as Stake["validTo"];
          const note = joinNote(notes);
          if (note) stake.note = note;
          if (own) {
            applyOwn(stake as unknown as Record<string, unknown>, own, [
              "id",
              "kind",
              "share",
              "shareMin",
              "shareMax",
              "note",
              "asOf",
              "restricted",
              "alternatives",
            ]);
            if (Array.isArray(own.sources))
              stake.sources = (own.sources as Source[]).map((s) => s.id) as Stake["sources"];
          }
          const prev = chain[chain.length - 1];
          if (prev) {
            if (prev.validFrom !== undefined && prev.validFrom >= date) {
              // Two statements on one day: the later one in the file wins.
              chain.pop();
              stake.id = prev.id;
              if (prev.validFrom !== undefined) stake.validFrom = prev.validFrom;
            } else if (prev.validTo === undefined || prev.validTo >= date)
              prev.validTo = dayBefore(date) as Stake["validTo"];
          }
          chain.push(stake);
          origin("stakes", stake.id, st);
          k++;
        }
      }
      for (const chain of chains.values())
        for (const stake of chain) {
          for (const s of stake.sources) usedSources.add(s);
          for (const a of stake.alternatives ?? []) for (const s of a.sources) usedSources.add(s);
          ds.stakes.push(stake);
        }
      if (componentOf.has(se.recordId)) {
        const inForce = chains.get(0)?.at(-1);
        if (inForce && inForce.validTo === undefined) stakeInForce.set(base, inForce);
      }
    }

    // Declared indirect interests: kept as declared, and counted once through the stakes.
    for (const dec of declared.values()) {
      const shares = dec.interest.share ? sharesFrom(dec.interest.share) : undefined;
      if (!shares || shares.share <= 0 || dec.party === null) continue;
      const components: Link[] = [];
      for (const c of dec.details.componentRecords ?? []) {
        const cs = this.series.get(c);
        if (cs?.type !== "relationship") continue;
        const last = cs.statements.filter((x) => !skip.has(x.sid)).at(-1);
        const cd = last?.details as BodsRelationshipDetails | undefined;
        if (!cd || typeof cd.subject !== "string" || typeof cd.interestedParty !== "string")
          continue;
        const owner = idOf(cd.interestedParty);
        const owned = idOf(cd.subject);
        if (owner !== null && owned !== null) components.push({ id: modelIdFor(c), owner, owned });
      }
      if (components.length === 0) continue;
      const placed = placeDeclaration(
        {
          id: dec.id,
          owner: dec.party,
          owned: dec.subject,
          share: shares.share,
          ...(shares.shareMin === undefined ? {} : { shareMin: shares.shareMin }),
          ...(shares.shareMax === undefined ? {} : { shareMax: shares.shareMax }),
          components,
        },
        (id) => stakeInForce.get(id),
        (id) => entityById.get(id)?.name ?? id,
      );
      const date = dec.st.date.slice(0, 10);
      const record: IndirectInterest = {
        id: dec.id as IndirectInterest["id"],
        owner: dec.party as IndirectInterest["owner"],
        owned: dec.subject as IndirectInterest["owned"],
        share: shares.share,
        components: components as IndirectInterest["components"],
        placement: placed.placement,
        sources: [dec.st.sourceId] as IndirectInterest["sources"],
        asOf: date,
        note: joinNote([placed.note, shares.note]) as string,
      };
      if (shares.shareMin !== undefined) record.shareMin = shares.shareMin;
      if (shares.shareMax !== undefined) record.shareMax = shares.shareMax;
      if (dec.interest.startDate)
        record.validFrom = dec.interest.startDate as IndirectInterest["validFrom"];
      if (dec.interest.endDate)
        record.validTo = dec.interest.endDate as IndirectInterest["validTo"];
      const own = orebookFields(dec.st.annotations);
      if (own) {
        applyOwn(record as unknown as Record<string, unknown>, own, ["note", "asOf", "restricted"]);
        if (Array.isArray(own.sources))
          record.sources = (own.sources as Source[]).map(
            (x) => x.id,
          ) as IndirectInterest["sources"];
      }
      if (placed.stake) {
        const stake: Stake = {
          ...placed.stake,
          kind: "equity",
          derivedFrom: record.id as Stake["derivedFrom"],
          sources: record.sources as Stake["sources"],
          asOf: record.asOf,
          note: placed.note,
        } as Stake;
        if (record.validFrom) stake.validFrom = record.validFrom as Stake["validFrom"];
        if (record.validTo) stake.validTo = record.validTo as Stake["validTo"];
        ds.stakes.push(stake);
        origin("stakes", stake.id, dec.st);
        record.derived = [stake.id as string] as IndirectInterest["derived"];
      }
      if (placed.placement !== "components") dec.imported.why = placed.note;
      if (placed.placement === "unplaced")
        warn(dec.st.sid, ["recordDetails", "interests"], placed.note);
      for (const x of record.sources) usedSources.add(x);
      ds.indirectInterests.push(record);
      origin("indirectInterests", record.id, dec.st);
    }

    for (const [subject, lines] of subjectNotes) {
      const e = entityById.get(subject);
      if (!e) continue;
      const extra = lines.filter((l) => !e.note?.includes(l));
      if (extra.length > 0) e.note = joinNote([e.note, ...extra]);
    }
    for (const e of unknownOwners.values()) {
      for (const s of e.sources) usedSources.add(s);
      ds.entities.push(e);
    }
    ds.sources = [...this.sources.values()]
      .filter((s) => usedSources.has(s.id))
      .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    return {
      dataset: ds,
      origins,
      interests,
      warnings,
      counts: {
        statements: this.statements,
        skipped,
        entities: ds.entities.length,
        stakes: ds.stakes.length,
      },
    };
  }

  /** The unknown owner standing for `{reason}` interested parties of one subject. */
  private unknownOwner(
    owners: Map<string, Entity>,
    entityById: Map<string, Entity>,
    subject: string,
    u: BodsUnspecified,
    st: Stored,
    date: string,
  ): string {
    const id = `unknown-owner-of-${subject}`;
    const reason = unspecifiedText("Interested party not specified", u) as string;
    const e = owners.get(id);
    if (e) {
      if (!e.note?.includes(reason)) e.note = joinNote([e.note, reason]);
      return id;
    }
    const created: Entity = {
      id: id as Entity["id"],
      name: `Unknown owner of ${entityById.get(subject)?.name ?? subject}`,
      kind: "unknown",
      country: null,
      sources: [st.sourceId] as Entity["sources"],
      asOf: date,
      note: reason,
    };
    owners.set(id, created);
    entityById.set(id, created);
    return id;
  }
}

/**
 * The open stakes of the target dataset that a continued relationship series (its first
 * statement here `updated` or `closed`) goes on from, one chain per shareholding interest,
 * keyed as the importer numbers them (`<id>`, `<id>:i1`, each optionally `:<date>`).
 */
function continuedChains(
  base: string,
  firstStatus: string | undefined,
  stakes: Stake[] | undefined,
): Map<number, Stake[]> {
  const chains = new Map<number, Stake[]>();
  if (firstStatus === undefined || firstStatus === "new" || !stakes) return chains;
  const pattern = new RegExp(
    `^${base.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(?::i(\\d+))?(?::\\d{4}-\\d{2}-\\d{2})?$`,
  );
  for (const s of stakes) {
    const m = pattern.exec(s.id);
    if (!m || s.validTo !== undefined) continue;
    const k = m[1] === undefined ? 0 : Number(m[1]);
    const prev = chains.get(k)?.[0];
    if (!prev || (prev.validFrom ?? "") < (s.validFrom ?? "")) chains.set(k, [{ ...s }]);
  }
  return chains;
}

function shareholdings(d: BodsRelationshipDetails): BodsInterest[] {
  return (d.interests ?? []).filter((i) => i.type === "shareholding");
}

function applyOwn(
  target: Record<string, unknown>,
  own: Record<string, unknown>,
  keys: string[],
): void {
  for (const k of keys) {
    if (!(k in own)) continue;
    if (own[k] === null) delete target[k];
    else target[k] = own[k];
  }
}

function interestLine(party: string, i: BodsInterest): string {
  const share = i.share ? ` ${shareText(i.share)}` : "";
  const how = i.directOrIndirect ? ` (${i.directOrIndirect})` : "";
  const since = i.startDate ? ` from ${i.startDate}` : "";
  const until = i.endDate ? ` to ${i.endDate}` : "";
  return `Interest: ${party} holds ${i.type ?? "an unknown interest"}${share}${how}${since}${until}`;
}

function shareText(s: BodsShare): string {
  if (
    s.exact !== undefined &&
    s.minimum === undefined &&
    s.maximum === undefined &&
    s.exclusiveMinimum === undefined &&
    s.exclusiveMaximum === undefined
  )
    return `${s.exact}%`;
  return `${rangeText(s as Record<string, unknown>)}%`;
}

function interestFrom(
  relationship: string,
  st: Stored,
  subject: string | null,
  party: string | null,
  i: BodsInterest,
  why: string,
): ImportedInterest {
  return {
    relationship,
    statementId: st.sid,
    statementDate: st.date,
    subject,
    interestedParty: party,
    type: i.type ?? "unknownInterest",
    directOrIndirect: i.directOrIndirect ?? null,
    share: i.share ?? null,
    startDate: i.startDate ?? null,
    endDate: i.endDate ?? null,
    details: i.details ?? null,
    why,
  };
}
