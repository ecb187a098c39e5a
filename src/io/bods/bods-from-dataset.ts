/**
 * Writes a dataset as BODS 0.4 statements: entities as entity statements (persons as person
 * statements), assets as arrangement entities, and each stake as a relationship with one
 * shareholding interest (`startDate`/`endDate` from `validFrom`/`validTo`). What BODS cannot
 * carry (the entity kind, the exact fractions, alternatives, the sources as Orebook records,
 * notes, the asset itself) goes into one annotation per statement signed `Orebook`, with the
 * fields in the custom property `orebook`; `BodsImporter` reads it back, so an export
 * re-imports to the same records. Other record kinds (production, offtakes…) are not BODS.
 *
 * @example
 * for (const s of bodsFromDataset(dataset, { today: "2025-06-30" })) write(s);
 */

import { createHash } from "node:crypto";
import type { Asset } from "../../model/asset.js";
import { countryNameFor } from "../../model/country.js";
import type { Dataset } from "../../model/dataset.js";
import { todayIso } from "../../model/dates.js";
import type { Entity } from "../../model/entity.js";
import { asUri, isWebAddress, type Source } from "../../model/source.js";
import type { Stake } from "../../model/stake.js";
import {
  BODS_VERSION,
  type BodsAnnotation,
  type BodsEntityDetails,
  type BodsInterest,
  type BodsPersonDetails,
  type BodsRelationshipDetails,
  type BodsShare,
  type BodsSource,
  type BodsStatement,
} from "./_bods-types.js";
import { OREBOOK_ANNOTATOR } from "./dataset-from-bods.js";

export interface BodsExportOptions {
  /** The publication date written on every statement (default today, UTC). */
  publicationDate?: string;
  /** The publisher's name (default "Orebook"). */
  publisher?: string;
  /**
   * Today (default the clock's date, UTC). Statements are dated no later than today, and stakes
   * that start after today (planned, not declared) are left out and passed to `onOmit`.
   */
  today?: string;
  onOmit?: (kind: "stakes", id: string, why: string) => void;
}

/** A date for a statement from an as-of (`2025`, `2025-Q3`, `2025-10`, `2025-10-31`). */
export function statementDateFrom(asOf: string): string {
  const q = /^(\d{4})-Q([1-4])$/.exec(asOf);
  if (q) return `${q[1]}-${String((Number(q[2]) - 1) * 3 + 1).padStart(2, "0")}-01`;
  const h = /^(\d{4})-H([12])$/.exec(asOf);
  if (h) return `${h[1]}-${h[2] === "1" ? "01" : "07"}-01`;
  if (/^\d{4}$/.test(asOf)) return `${asOf}-01-01`;
  if (/^\d{4}-\d{2}$/.test(asOf)) return `${asOf}-01`;
  return asOf.slice(0, 10);
}

/** A percentage from a fraction, rounded to 12 significant digits (no 30.000000000000004). */
export function percentFrom(f: number): number {
  return Number((f * 100).toPrecision(12));
}

const SOURCE_TYPE: Record<Source["kind"], string> = {
  primary: "selfDeclaration",
  secondary: "thirdParty",
  reference: "thirdParty",
  derived: "primaryResearch",
  analyst: "primaryResearch",
};

function statementIdFor(recordId: string, n: number): string {
  return createHash("sha256").update(`orebook:${recordId}:${n}`).digest("hex");
}

function orebookAnnotation(fields: Record<string, unknown>): BodsAnnotation {
  return {
    statementPointerTarget: "",
    motivation: "commenting",
    description: "Orebook record fields that BODS does not carry (custom property orebook)",
    createdBy: { name: OREBOOK_ANNOTATOR },
    orebook: fields,
  };
}

const orNull = <T>(v: T | undefined): T | null => (v === undefined ? null : v);

const ENTITY_TYPE: Record<Entity["kind"], BodsEntityDetails["entityType"]> = {
  state: { type: "state" },
  "state-enterprise": { type: "stateBody" },
  company: { type: "registeredEntity" },
  fund: { type: "legalEntity", details: "Fund" },
  consortium: { type: "arrangement", subtype: "other", details: "Consortium" },
  person: { type: "registeredEntity" },
  "armed-group": { type: "arrangement", subtype: "other", details: "Armed group" },
  "public-float": { type: "unknownEntity", details: "Public float (dispersed shareholders)" },
  unknown: { type: "unknownEntity" },
};

/** The statements for a dataset's entities, assets and stakes, in that order. */
export function* bodsFromDataset(
  ds: Dataset,
  opts: BodsExportOptions = {},
): Generator<BodsStatement> {
  const sources = new Map(ds.sources.map((s) => [s.id as string, s]));
  const today = opts.today ?? todayIso();
  const publicationDetails = {
    publicationDate: opts.publicationDate ?? today,
    bodsVersion: BODS_VERSION,
    publisher: { name: opts.publisher ?? "Orebook" },
  };
  const sourcesOf = (ids: readonly string[]): Source[] =>
    ids.map((id) => sources.get(id)).filter((s): s is Source => s !== undefined);
  const bodsSource = (ids: readonly string[]): BodsSource | undefined => {
    const s = sourcesOf(ids)[0];
    if (!s) return undefined;
    const out: BodsSource = { type: [SOURCE_TYPE[s.kind]], description: s.title };
    if (s.url !== undefined && isWebAddress(s.url)) out.url = asUri(s.url);
    if (s.accessed) out.retrievedAt = s.accessed;
    return out;
  };
  const common = (recordId: string, subject: string, asOf: string, ids: readonly string[]) => {
    const source = bodsSource(ids);
    return {
      statementId: statementIdFor(recordId, 1),
      statementDate: [statementDateFrom(asOf), today].sort()[0] as string,
      declarationSubject: subject,
      recordId,
      recordStatus: "new" as const,
      publicationDetails,
      ...(source ? { source } : {}),
    };
  };

  for (const e of ds.entities) {
    const own = orebookAnnotation({
      kind: e.kind,
      asOf: e.asOf,
      sources: sourcesOf(e.sources),
      note: orNull(e.note),
      listing: orNull(e.listing),
      restricted: orNull(e.restricted),
      aliases: orNull(e.aliases),
      headquarters: orNull(e.headquarters),
      countryReason: orNull(e.countryReason),
    });
    if (e.kind === "person") {
      const details: BodsPersonDetails = {
        isComponent: false,
        personType: "knownPerson",
        names: [
          { type: "legal", fullName: e.name },
          ...(e.aliases ?? []).map((n) => ({ type: "alternative", fullName: n })),
        ],
      };
      if (e.country) details.nationalities = [{ name: countryNameFor(e.country), code: e.country }];
      yield {
        ...common(e.id, e.id, e.asOf, e.sources),
        recordType: "person",
        recordDetails: details,
        annotations: [own],
      };
      continue;
    }
    const details: BodsEntityDetails = {
      isComponent: false,
      entityType: { ...ENTITY_TYPE[e.kind] },
      name: e.name,
    };
    if (e.kind === "unknown" || e.kind === "public-float")
      details.unspecifiedEntityDetails = {
        reason: "informationUnknownToPublisher",
        ...(e.note ? { description: e.note } : {}),
      };
    if (e.aliases?.length) details.alternateNames = [...e.aliases];
    if (e.country) details.jurisdiction = { name: countryNameFor(e.country), code: e.country };
    if (e.listing) details.publicListing = { hasPublicListing: true };
    yield {
      ...common(e.id, e.id, e.asOf, e.sources),
      recordType: "entity",
      recordDetails: details,
      annotations: [own],
    };
  }

  for (const a of ds.assets)
    yield assetStatement(a, common(a.id, a.id, a.asOf, a.sources), sourcesOf(a.sources));

  const taken = new Set<string>([...ds.entities.map((e) => e.id), ...ds.assets.map((a) => a.id)]);
  const declared = ds.indirectInterests ?? [];
  const placementOf = new Map(declared.map((d) => [d.id as string, d.placement]));
  const componentIds = new Set(declared.flatMap((d) => d.components.map((c) => c.id as string)));
  const stakeIds = new Set(ds.stakes.map((x) => x.id as string));
  const relationshipId = (id: string) => (taken.has(id) ? `stake-${id}` : id);
  /** A component whose share the register did not give: written back without one. */
  const shareless = (
    id: string,
    owner: string,
    owned: string,
    asOf: string,
    ids: readonly string[],
    from?: string,
  ): BodsStatement => ({
    ...common(relationshipId(id), owned, asOf, ids),
    recordType: "relationship",
    recordDetails: {
      isComponent: true,
      subject: owned,
      interestedParty: owner,
      interests: [{ type: "shareholding", directOrIndirect: "direct" }],
    },
    annotations: [
      orebookAnnotation({
        id,
        sources: sourcesOf(ids),
        ...(from === undefined ? {} : { derivedFrom: from }),
      }),
    ],
  });
  for (const s of ds.stakes) {
    if (s.derivedFrom !== undefined) {
      // Derived from a declaration: the declaration is written back, and the component
      // without its share, as the register gave it (a spanning stake is no BODS record).
      if (placementOf.get(s.derivedFrom) === "derived")
        yield shareless(s.id, s.owner, s.owned, s.asOf, s.sources, s.derivedFrom);
      continue;
    }
    if (s.validFrom !== undefined && s.validFrom > today) {
      opts.onOmit?.(
        "stakes",
        s.id,
        `It starts on ${s.validFrom}, after today: BODS declares facts, not plans`,
      );
      continue;
    }
    const recordId = taken.has(s.id) ? `stake-${s.id}` : s.id;
    const details: BodsRelationshipDetails = {
      isComponent: componentIds.has(s.id),
      subject: s.owned,
      interestedParty: s.owner,
      interests: [interestOf(s)],
    };
    yield {
      ...common(recordId, s.owned, s.asOf, s.sources),
      recordType: "relationship",
      recordDetails: details,
      annotations: [
        orebookAnnotation({
          id: s.id,
          kind: s.kind,
          share: s.share,
          shareMin: orNull(s.shareMin),
          shareMax: orNull(s.shareMax),
          asOf: s.asOf,
          sources: sourcesOf(s.sources),
          note: orNull(s.note),
          restricted: orNull(s.restricted),
          alternatives: orNull(s.alternatives),
          alternativeSources: sourcesOf([
            ...new Set((s.alternatives ?? []).flatMap((a) => a.sources)),
          ]).filter((src) => !s.sources.includes(src.id)),
        }),
      ],
    };
  }

  // Declared indirect interests, after their components.
  for (const d of declared) {
    for (const c of d.components)
      if (!stakeIds.has(c.id)) yield shareless(c.id, c.owner, c.owned, d.asOf, d.sources);
    const share: BodsShare =
      d.shareMin === undefined && d.shareMax === undefined
        ? { exact: percentFrom(d.share) }
        : {
            minimum: percentFrom(d.shareMin ?? d.share),
            maximum: percentFrom(d.shareMax ?? d.share),
          };
    const interest: BodsInterest = { type: "shareholding", directOrIndirect: "indirect", share };
    if (d.validFrom) interest.startDate = d.validFrom;
    if (d.validTo) interest.endDate = d.validTo;
    yield {
      ...common(relationshipId(d.id), d.owned, d.asOf, d.sources),
      recordType: "relationship",
      recordDetails: {
        isComponent: false,
        subject: d.owned,
        interestedParty: d.owner,
        componentRecords: d.components.map((c) => relationshipId(c.id)),
        interests: [interest],
      },
      annotations: [
        orebookAnnotation({
          id: d.id,
          asOf: d.asOf,
          sources: sourcesOf(d.sources),
          note: orNull(d.note),
          restricted: orNull(d.restricted),
        }),
      ],
    };
  }
}

function assetStatement(
  a: Asset,
  common: Omit<BodsStatement, "recordType" | "recordDetails">,
  sources: Source[],
): BodsStatement {
  const details: BodsEntityDetails = {
    isComponent: false,
    entityType: { type: "arrangement", subtype: "other", details: `Asset: ${a.kind}` },
    name: a.name,
    jurisdiction: { name: countryNameFor(a.country), code: a.country },
  };
  if (a.aliases?.length) details.alternateNames = [...a.aliases];
  return {
    ...common,
    recordType: "entity",
    recordDetails: details,
    annotations: [orebookAnnotation({ asset: a, sources })],
  };
}

const RANGE_NOTE = /Declared share range ([[(])[^,]*, [^\])]*([\])])/;

function interestOf(s: Stake): BodsInterest {
  const note = s.note ?? "";
  const how: BodsInterest["directOrIndirect"] = note.includes("Declared directOrIndirect unknown")
    ? "unknown"
    : note.includes("Declared as an indirect interest")
      ? "indirect"
      : "direct";
  let share: BodsShare;
  if (s.shareMin === undefined && s.shareMax === undefined) share = { exact: percentFrom(s.share) };
  else {
    const m = RANGE_NOTE.exec(note);
    const lo = percentFrom(s.shareMin ?? s.share);
    const hi = percentFrom(s.shareMax ?? s.share);
    if (lo === hi && !m) share = { exact: lo };
    else {
      share = m?.[1] === "(" ? { exclusiveMinimum: lo } : { minimum: lo };
      if (m?.[2] === ")") share.exclusiveMaximum = hi;
      else share.maximum = hi;
    }
    // BODS gives an exact share or a range, never both: a preferred share that is not the
    // midpoint travels in the Orebook annotation.
  }
  const out: BodsInterest = { type: "shareholding", directOrIndirect: how, share };
  if (s.validFrom) out.startDate = s.validFrom;
  if (s.validTo) out.endDate = s.validTo;
  return out;
}
