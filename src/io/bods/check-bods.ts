/**
 * The checks a BODS user expects beyond the JSON Schema, made in one streaming pass, each named
 * as the BODS reference validator (the Data Review Tool's "additional checks") names it, so a
 * user can look it up: the name closes the message in brackets, e.g.
 * `Subject p1 is a person: the subject must be an entity [subject_can_only_refer_to_entity]`.
 *
 * Each finding has a severity:
 * - `error`: the file contradicts the standard or itself (a subject that is a person, a share
 *   range with nothing in it, a series with two `new` statements, a date in the future); it is
 *   not imported.
 * - `warning`: the file is usable but something is likely wrong (statements out of the order
 *   the standard asks for, an identifier scheme that is not of the expected form).
 * - `information`: the file is a delta of a larger publication: it names records it does not
 *   hold, or continues a series whose first statement was published earlier (first statement
 *   here `updated` or `closed`). BODS publishes in deltas, so this is not invalid data;
 *   `strict` (a closed, self-contained file) makes these errors.
 *
 * Only ids and a few facts per record are kept, never statements.
 *
 * @example
 * const checker = new BodsChecker({ today: "2025-06-30" });
 * for (const [i, s] of statements.entries()) checker.add(s, { line: i + 1 });
 * const issues = checker.finish();
 */
import { todayIso } from "../../model/dates.js";
import type { Issue, Severity } from "../../model/errors.js";
import { ISO_3166_ALPHA3, OTHER_PERSON_ID_COUNTRY_CODES } from "./iso-3166-alpha3.js";

interface Where {
  sid: string;
  line: number | undefined;
  /** Position of the statement in the file (0-based). */
  index: number;
}

interface RecordFacts {
  type: string;
  isComponent: boolean;
  /** Position of the record's first statement in the file, and the statement. */
  firstIndex: number;
  firstAt: Where;
  entityType: string | undefined;
  entitySubtype: string | undefined;
  // The series, kept as a few facts rather than its statements (files of millions of them).
  dated: number;
  minDate: string;
  minStatus: string | undefined;
  minAt: Where | undefined;
  maxDate: string;
  maxAt: Where | undefined;
  news: number;
  newDate: string | undefined;
  newAt: Where | undefined;
  closeds: number;
  closedDate: string | undefined;
  closedAt: Where | undefined;
  /** A statement dated after the closing one (or on its day, after it in the file). */
  afterClosed: { date: string; at: Where } | undefined;
}

type Want = "subject" | "interestedParty" | "component" | "declarationSubject";

interface PendingRef {
  at: Where;
  path: (string | number)[];
  target: string;
  want: Want;
  /** For subjects: the interest types declared (trust and nominee checks). */
  interestTypes?: string[];
  /** For interested parties: an interest declares beneficial ownership or control. */
  beneficial?: boolean;
  /** For components: the listing relationship's record id. */
  listedBy?: string;
}

export interface CheckOptions {
  /** Today (YYYY-MM-DD): later dates are in the future. Default: the clock's date, UTC. */
  today?: string;
  /** The file name put on each issue. */
  file?: string;
  /**
   * A closed, self-contained file: references to records the file does not hold and series
   * that continue an earlier publication are errors, not information.
   */
  strict?: boolean;
  /**
   * Known identifier schemes for entities (org-id.guide prefixes such as `GB-COH`). Without a
   * list, `entity_identifiers_not_known_scheme` checks only the form of the scheme.
   */
  knownSchemes?: ReadonlySet<string>;
}

export interface StatementPlace {
  line?: number;
}

/** A reference to a record the file does not hold, or a series that continues elsewhere. */
export interface ExternalReference {
  recordId: string;
  /** What refers to it: "subject", "interestedParty", "component", "declarationSubject", "series". */
  as: Want | "series";
  statementId: string;
  line: number | undefined;
  /** For series: the status of the first statement here. */
  status?: string;
}

const isObj = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);
const num = (v: unknown): number | undefined => (typeof v === "number" ? v : undefined);

/** The first day a BODS date (YYYY, YYYY-MM, YYYY-MM-DD or a date-time) can mean. */
export function firstDayOf(d: string): string {
  if (d.length >= 10) return d.slice(0, 10);
  if (/^\d{4}$/.test(d)) return `${d}-01-01`;
  if (/^\d{4}-\d{1,2}$/.test(d)) return `${d.slice(0, 5)}${d.slice(5).padStart(2, "0")}-01`;
  return d.slice(0, 10);
}

function daysBetween(a: string, b: string): number {
  return (Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000;
}

/** Whether a JSON Pointer (RFC 6901) names a value inside `doc`. */
export function pointerResolves(doc: unknown, pointer: string): boolean {
  if (pointer === "") return true;
  if (!pointer.startsWith("/")) return false;
  let at: unknown = doc;
  for (const raw of pointer.slice(1).split("/")) {
    const key = raw.replaceAll("~1", "/").replaceAll("~0", "~");
    if (Array.isArray(at)) {
      if (!/^(0|[1-9]\d*)$/.test(key)) return false;
      const i = Number(key);
      if (i >= at.length) return false;
      at = at[i];
    } else if (isObj(at)) {
      if (!Object.hasOwn(at, key)) return false;
      at = at[key];
    } else return false;
  }
  return true;
}

const TRUST_INTERESTS = new Set(["settlor", "trustee", "protector"]);
const NOMINEE_INTERESTS = new Set(["nominee", "nominator"]);

/** Accumulates statements and reports every finding at `finish()`. */
export class BodsChecker {
  private readonly today: string;
  private readonly file: string | undefined;
  private readonly strict: boolean;
  private readonly knownSchemes: ReadonlySet<string> | undefined;
  private readonly statementIds = new Set<string>();
  private readonly records = new Map<string, RecordFacts>();
  private readonly pending: PendingRef[] = [];
  /** Component record id → where it is first listed (by a relationship statement). */
  private readonly listedComponents = new Map<string, Where>();
  private readonly issues: Issue[] = [];
  private readonly external: ExternalReference[] = [];
  private count = 0;

  constructor(opts: CheckOptions = {}) {
    this.today = opts.today ?? todayIso();
    this.file = opts.file;
    this.strict = opts.strict === true;
    this.knownSchemes = opts.knownSchemes;
  }

  private push(
    at: Where,
    path: (string | number)[],
    check: string,
    severity: Severity,
    message: string,
  ): void {
    this.issues.push({
      ...(this.file === undefined ? {} : { file: this.file }),
      ...(at.line === undefined ? {} : { line: at.line }),
      record: `statement ${at.sid}`,
      path,
      message: `${message} [${check}]`,
      severity,
      check,
    });
  }

  /** Information, or an error in a strict check of a closed file. */
  private outside(at: Where, path: (string | number)[], check: string, message: string): void {
    this.push(at, path, check, this.strict ? "error" : "information", message);
  }

  private future(at: Where, path: (string | number)[], check: string, v: unknown): void {
    const d = str(v);
    if (d !== undefined && firstDayOf(d) > this.today)
      this.push(at, path, check, "error", `Date ${d} is in the future (today is ${this.today})`);
  }

  /** Checks one statement (already parsed JSON) and remembers what later checks need. */
  add(s: unknown, place: StatementPlace = {}): void {
    const index = this.count++;
    if (!isObj(s)) return;
    const sid = str(s.statementId) ?? `#${index + 1}`;
    const at: Where = { sid, line: place.line, index };
    if (str(s.statementId) !== undefined) {
      if (this.statementIds.has(sid))
        this.push(
          at,
          ["statementId"],
          "duplicate_statement_id",
          "error",
          `Statement id ${sid} is used by an earlier statement`,
        );
      this.statementIds.add(sid);
    }
    const date = str(s.statementDate);
    this.future(at, ["statementDate"], "statement_date_is_future_date", date);
    if (isObj(s.publicationDetails))
      this.future(
        at,
        ["publicationDetails", "publicationDate"],
        "statement_publication_date_is_future_date",
        s.publicationDetails.publicationDate,
      );
    if (isObj(s.source))
      this.future(
        at,
        ["source", "retrievedAt"],
        "statement_source_retrieved_at_future_date",
        s.source.retrievedAt,
      );
    if (Array.isArray(s.annotations))
      for (const [i, a] of s.annotations.entries()) {
        if (!isObj(a)) continue;
        this.future(
          at,
          ["annotations", i, "creationDate"],
          "statement_annotation_creation_date_is_future_date",
          a.creationDate,
        );
        const pointer = str(a.statementPointerTarget);
        // The pointer is relative to the statement; the standard's own examples also point
        // relative to recordDetails ("/interestedParty"), so either is accepted.
        if (
          pointer !== undefined &&
          !pointerResolves(s, pointer) &&
          !pointerResolves(s.recordDetails, pointer)
        )
          this.push(
            at,
            ["annotations", i, "statementPointerTarget"],
            "annotation_statement_pointer_target_invalid",
            "warning",
            `The annotation points at ${JSON.stringify(pointer)}, which is not in this statement`,
          );
      }

    const recordId = str(s.recordId);
    const type = str(s.recordType);
    const d = isObj(s.recordDetails) ? s.recordDetails : undefined;
    if (recordId !== undefined && type !== undefined)
      this.series(recordId, type, d, date, str(s.recordStatus), at);
    const subject = str(s.declarationSubject);
    if (subject !== undefined) {
      // Almost always a record already seen: checked here without allocating a reference.
      const known = this.records.get(subject);
      if (known === undefined)
        this.pending.push({
          at,
          path: ["declarationSubject"],
          target: subject,
          want: "declarationSubject",
        });
      else if (known.type !== "entity" && known.type !== "person")
        this.push(
          at,
          ["declarationSubject"],
          "statement_declaration_subject_not_entity_person",
          "error",
          `Declaration subject ${subject} is a ${known.type}: it must be an entity or a person`,
        );
    }
    if (!d) return;
    if (type === "entity") this.entity(d, at);
    else if (type === "person") this.person(d, at);
    else if (type === "relationship") this.relationship(recordId, d, at);
  }

  private entity(d: Record<string, unknown>, at: Where): void {
    const base = ["recordDetails"];
    this.future(
      at,
      [...base, "foundingDate"],
      "statement_entity_founding_date_is_future_date",
      d.foundingDate,
    );
    this.future(
      at,
      [...base, "dissolutionDate"],
      "statement_entity_dissolution_date_is_future_date",
      d.dissolutionDate,
    );
    const founded = str(d.foundingDate);
    const dissolved = str(d.dissolutionDate);
    if (founded && dissolved && firstDayOf(dissolved) < firstDayOf(founded))
      this.push(
        at,
        [...base, "dissolutionDate"],
        "statement_entity_dissolution_before_founding_date",
        "error",
        `The entity is dissolved (${dissolved}) before it is founded (${founded})`,
      );
    if (isObj(d.publicListing)) {
      const pl = d.publicListing;
      const listings = Array.isArray(pl.securitiesListings) ? pl.securitiesListings : [];
      const filings = Array.isArray(pl.companyFilingsURLs) ? pl.companyFilingsURLs : [];
      if (pl.hasPublicListing === false && listings.length > 0)
        this.push(
          at,
          [...base, "publicListing", "hasPublicListing"],
          "statement_entity_securities_listings_haspubliclisting_is_false",
          "error",
          `hasPublicListing is false but ${listings.length} securities listing${listings.length === 1 ? " is" : "s are"} given`,
        );
      else if (pl.hasPublicListing !== true && filings.length > 0)
        // Filings can be published by a company that is not listed: likely, not certainly, wrong.
        this.push(
          at,
          [...base, "publicListing", "hasPublicListing"],
          "has_public_listing_information_but_has_public_listing_is_false",
          "warning",
          "Company filings URLs are given but hasPublicListing is not true",
        );
      for (const [i, l] of listings.entries()) {
        if (!isObj(l)) continue;
        const mic = str(l.marketIdentifierCode);
        const omic = str(l.operatingMarketIdentifierCode);
        const path = [...base, "publicListing", "securitiesListings", i];
        if (mic && !omic)
          this.push(
            at,
            [...path, "operatingMarketIdentifierCode"],
            "entity_security_listing_market_identifier_code_set_but_not_operating_market_identifier_code",
            "warning",
            `marketIdentifierCode ${mic} is given without operatingMarketIdentifierCode`,
          );
        else if (omic && !mic)
          this.push(
            at,
            [...path, "marketIdentifierCode"],
            "entity_security_listing_operating_market_identifier_code_set_but_not_market_identifier_code",
            "warning",
            `operatingMarketIdentifierCode ${omic} is given without marketIdentifierCode`,
          );
      }
    }
    if (Array.isArray(d.identifiers))
      for (const [i, idf] of d.identifiers.entries()) {
        if (!isObj(idf) || !("scheme" in idf)) continue;
        const scheme = str(idf.scheme) ?? "";
        const known = this.knownSchemes
          ? this.knownSchemes.has(scheme)
          : /^[A-Z]{2}-[A-Z0-9_]+$/.test(scheme);
        if (!known)
          this.push(
            at,
            [...base, "identifiers", i, "scheme"],
            "entity_identifiers_not_known_scheme",
            "warning",
            this.knownSchemes
              ? `Identifier scheme ${JSON.stringify(scheme)} is not in the list of known schemes`
              : `Identifier scheme ${JSON.stringify(scheme)} is not of the form of an org-id.guide prefix (XX-REGISTER)`,
          );
      }
  }

  private person(d: Record<string, unknown>, at: Where): void {
    const base = ["recordDetails"];
    const birth = str(d.birthDate);
    const death = str(d.deathDate);
    if (birth) {
      if (firstDayOf(birth) > this.today)
        this.push(
          at,
          [...base, "birthDate"],
          "statement_person_birth_date_in_future",
          "error",
          `Birth date ${birth} is in the future (today is ${this.today})`,
        );
      else if (firstDayOf(birth) < "1800-01-01")
        this.push(
          at,
          [...base, "birthDate"],
          "statement_person_birth_date_too_far_in_past",
          "warning",
          `Birth date ${birth} is before 1800`,
        );
    }
    if (death) {
      const dd = firstDayOf(death);
      let why: string | undefined;
      if (dd > this.today) why = `is in the future (today is ${this.today})`;
      else if (dd < "1800-01-01") why = "is before 1800";
      else if (birth && dd < firstDayOf(birth)) why = `is before the birth date ${birth}`;
      else if (birth && daysBetween(firstDayOf(birth), dd) > 43_830)
        why = `is more than 120 years after the birth date ${birth}`;
      if (why)
        this.push(
          at,
          [...base, "deathDate"],
          "statement_person_death_date_not_sensible_value",
          "error",
          `Death date ${death} ${why}`,
        );
    }
    if (Array.isArray(d.identifiers))
      for (const [i, idf] of d.identifiers.entries()) {
        if (!isObj(idf)) continue;
        const path = [...base, "identifiers", i, "scheme"];
        const scheme = str(idf.scheme);
        const parts = scheme?.split("-") ?? [];
        const [country, kind] = parts;
        if (scheme === undefined || parts.length !== 2 || !country || !kind) {
          this.push(
            at,
            path,
            "person_identifiers_invalid_composition",
            "warning",
            `Identifier scheme ${scheme === undefined ? "(none)" : JSON.stringify(scheme)} is not of the form {ISO 3166-1 alpha-3}-{PASSPORT|TAXID|IDCARD}`,
          );
          continue;
        }
        if (!ISO_3166_ALPHA3.has(country) && !OTHER_PERSON_ID_COUNTRY_CODES.has(country))
          this.push(
            at,
            path,
            "person_identifiers_no_valid_iso_3166_1_alpha_3_code",
            "warning",
            `Identifier scheme ${scheme}: ${country} is not an ISO 3166-1 alpha-3 country code`,
          );
        else if (kind !== "PASSPORT" && kind !== "TAXID" && kind !== "IDCARD")
          this.push(
            at,
            path,
            "person_identifiers_not_passport_taxid_idcard",
            "warning",
            `Identifier scheme ${scheme}: ${kind} is not PASSPORT, TAXID or IDCARD`,
          );
      }
  }

  private series(
    recordId: string,
    type: string,
    d: Record<string, unknown> | undefined,
    date: string | undefined,
    status: string | undefined,
    at: Where,
  ): void {
    let r = this.records.get(recordId);
    const entityType = type === "entity" && isObj(d?.entityType) ? d.entityType : undefined;
    if (!r) {
      r = {
        type,
        isComponent: d?.isComponent === true,
        firstIndex: at.index,
        firstAt: at,
        entityType: str(entityType?.type),
        entitySubtype: str(entityType?.subtype),
        dated: 0,
        minDate: "",
        minStatus: undefined,
        minAt: undefined,
        maxDate: "",
        maxAt: undefined,
        news: 0,
        newDate: undefined,
        newAt: undefined,
        closeds: 0,
        closedDate: undefined,
        closedAt: undefined,
        afterClosed: undefined,
      };
      this.records.set(recordId, r);
    } else {
      if (r.type !== type)
        this.push(
          at,
          ["recordType"],
          "statements_in_series_with_different_record_types",
          "error",
          `Record ${recordId} is a ${r.type} in an earlier statement but a ${type} here`,
        );
      if (d?.isComponent === true) r.isComponent = true;
      if (entityType) {
        r.entityType = str(entityType.type);
        r.entitySubtype = str(entityType.subtype);
      }
    }
    if (date === undefined) return;
    // Earliest and latest by date; file order breaks ties (the later statement is later).
    if (r.dated === 0 || date < r.minDate) {
      r.minDate = date;
      r.minStatus = status;
      r.minAt = at;
    }
    if (r.dated === 0 || date >= r.maxDate) {
      r.maxDate = date;
      r.maxAt = at;
    }
    r.dated++;
    if (r.closedDate !== undefined && !r.afterClosed && date >= r.closedDate && status !== "closed")
      r.afterClosed = { date, at };
    if (status === "new") {
      r.news++;
      if (r.news > 1)
        this.push(
          at,
          ["recordStatus"],
          "multiple_statements_in_series_with_record_status_new",
          "error",
          `Record ${recordId} already has a statement with status new: a series has one`,
        );
      else {
        r.newDate = date;
        r.newAt = at;
      }
    } else if (status === "closed") {
      r.closeds++;
      if (r.closeds > 1)
        this.push(
          at,
          ["recordStatus"],
          "multiple_statements_in_series_with_record_status_closed",
          "error",
          `Record ${recordId} is already closed: a series has at most one closed statement`,
        );
      else {
        r.closedDate = date;
        r.closedAt = at;
        // A statement of the series dated later came earlier in the file.
        if (r.maxDate > date && r.maxAt) r.afterClosed = { date: r.maxDate, at: r.maxAt };
      }
    }
  }

  private reference(ref: PendingRef): void {
    // A record named before it appears is resolved at finish(); most are known already.
    if (this.records.has(ref.target)) this.resolve(ref);
    else this.pending.push(ref);
  }

  private resolve(ref: PendingRef): void {
    const { at, path, target, want } = ref;
    const r = this.records.get(target);
    if (!r) {
      if (want === "component" && this.statementIds.has(target)) {
        this.push(
          at,
          path,
          "component_record_is_statement_id",
          "error",
          `Component ${target} is a statement id: componentRecords lists record ids`,
        );
        return;
      }
      const [check, what] =
        want === "subject"
          ? ["subject_must_be_record_id", "Subject"]
          : want === "interestedParty"
            ? ["interested_party_must_be_record_id", "Interested party"]
            : want === "component"
              ? ["component_record_id_not_in_dataset", "Component"]
              : ["statement_declaration_subject_not_exist", "Declaration subject"];
      this.outside(
        at,
        path,
        check as string,
        `${what} ${target} is not in this file: a record published elsewhere`,
      );
      this.external.push({ recordId: target, as: want, statementId: at.sid, line: at.line });
      return;
    }
    if (want === "declarationSubject") {
      if (r.type !== "entity" && r.type !== "person")
        this.push(
          at,
          path,
          "statement_declaration_subject_not_entity_person",
          "error",
          `Declaration subject ${target} is a ${r.type}: it must be an entity or a person`,
        );
      return;
    }
    if (want === "subject") {
      if (r.type !== "entity") {
        this.push(
          at,
          path,
          "subject_can_only_refer_to_entity",
          "error",
          `Subject ${target} is a ${r.type}: the subject must be an entity`,
        );
        return;
      }
      const types = ref.interestTypes ?? [];
      if (
        types.some((t) => NOMINEE_INTERESTS.has(t)) &&
        !(r.entityType === "arrangement" && r.entitySubtype === "nomination")
      )
        this.push(
          at,
          path,
          "relationship_interests_subject_should_be_entity_nomination_arrangement",
          "warning",
          `A nominee or nominator interest's subject should be a nomination arrangement; ${target} is ${r.entityType ?? "an entity"}${r.entitySubtype ? `/${r.entitySubtype}` : ""}`,
        );
      if (types.some((t) => TRUST_INTERESTS.has(t)) && r.entitySubtype !== "trust")
        this.push(
          at,
          path,
          "relationship_interests_subject_should_be_entity_trust",
          "warning",
          `A settlor, trustee or protector interest's subject should be a trust; ${target} is ${r.entityType ?? "an entity"}${r.entitySubtype ? `/${r.entitySubtype}` : ""}`,
        );
      if (r.firstIndex > at.index)
        this.push(
          at,
          path,
          "relationship_subject_not_before_relationship_in_dataset",
          "warning",
          `Subject ${target} first appears after this relationship: records come before the relationships that name them`,
        );
      return;
    }
    if (want === "interestedParty") {
      if (r.type !== "entity" && r.type !== "person") {
        this.push(
          at,
          path,
          "interested_party_can_only_refer_to_entity_or_person",
          "error",
          `Interested party ${target} is a ${r.type}: it must be an entity or a person`,
        );
        return;
      }
      if (ref.beneficial && r.type !== "person")
        this.push(
          at,
          path,
          "interest_beneficial_ownership_interested_party_not_person",
          "error",
          `An interest declares beneficialOwnershipOrControl but the interested party ${target} is an entity: a beneficial owner is a person`,
        );
      if (r.firstIndex > at.index)
        this.push(
          at,
          path,
          "relationship_interested_party_not_before_relationship_in_dataset",
          "warning",
          `Interested party ${target} first appears after this relationship: records come before the relationships that name them`,
        );
      return;
    }
    // A component.
    if (!r.isComponent)
      this.push(
        at,
        path,
        "component_record_not_marked_component",
        "error",
        `Component ${target} is not marked as a component (isComponent must be true)`,
      );
  }

  private relationship(recordId: string | undefined, d: Record<string, unknown>, at: Where): void {
    const subject = str(d.subject);
    const party = str(d.interestedParty);
    let special: string[] | undefined;
    let beneficial = false;
    if (Array.isArray(d.interests))
      for (const i of d.interests) {
        if (!isObj(i)) continue;
        if (i.beneficialOwnershipOrControl === true) beneficial = true;
        const t = str(i.type);
        if (t !== undefined && (TRUST_INTERESTS.has(t) || NOMINEE_INTERESTS.has(t))) {
          special ??= [];
          special.push(t);
        }
      }
    if (subject !== undefined)
      this.reference({
        at,
        path: ["recordDetails", "subject"],
        target: subject,
        want: "subject",
        ...(special ? { interestTypes: special } : {}),
      });
    if (party !== undefined)
      this.reference({
        at,
        path: ["recordDetails", "interestedParty"],
        target: party,
        want: "interestedParty",
        beneficial,
      });
    if (subject !== undefined && subject === party)
      this.push(
        at,
        ["recordDetails", "interestedParty"],
        "relationship_interested_party_is_subject",
        "error",
        `The interested party is the subject itself (${subject})`,
      );
    if (Array.isArray(d.componentRecords))
      for (const [i, c] of d.componentRecords.entries()) {
        const target = str(c);
        if (target === undefined) continue;
        if (target === recordId) {
          this.push(
            at,
            ["recordDetails", "componentRecords", i],
            "component_record_is_own_record",
            "error",
            `Record ${target} lists itself as its own component`,
          );
          continue;
        }
        if (!this.listedComponents.has(target)) this.listedComponents.set(target, at);
        this.reference({
          at,
          path: ["recordDetails", "componentRecords", i],
          target,
          want: "component",
          ...(recordId === undefined ? {} : { listedBy: recordId }),
        });
      }
    if (!Array.isArray(d.interests)) return;
    for (const [i, interest] of d.interests.entries()) {
      if (!isObj(interest)) continue;
      const base = ["recordDetails", "interests", i];
      // An end date may lie ahead (an agreed expiry); a start date may not: BODS declares facts.
      this.future(
        at,
        [...base, "startDate"],
        "statement_relationship_interests_start_date_is_future_date",
        interest.startDate,
      );
      const start = str(interest.startDate);
      const end = str(interest.endDate);
      if (start !== undefined && end !== undefined && firstDayOf(end) < firstDayOf(start))
        this.push(
          at,
          [...base, "endDate"],
          "statement_relationship_interests_start_after_end_date",
          "error",
          `The interest ends (${end}) before it starts (${start})`,
        );
      if (isObj(interest.share))
        for (const p of shareProblems(interest.share))
          this.push(at, [...base, "share"], p.check, p.severity, p.message);
    }
  }

  private finishSeries(id: string, r: RecordFacts): void {
    if (r.dated === 0 || !r.minAt) return;
    if (r.news === 1 && r.newDate !== undefined && r.newAt && r.newDate > r.minDate)
      this.push(
        r.newAt,
        ["recordStatus"],
        "statement_with_record_status_new_must_be_first",
        "error",
        `Record ${id}: the new statement (${r.newDate}) is not the first; an earlier one is dated ${r.minDate}`,
      );
    if (r.closeds === 1 && r.afterClosed)
      this.push(
        r.afterClosed.at,
        ["recordStatus"],
        "statement_with_record_status_closed_must_be_last",
        "error",
        `Record ${id} is closed on ${r.closedDate} but has a statement dated ${r.afterClosed.date}: closed must be last`,
      );
    if (r.news === 0 && r.minStatus !== undefined && r.minStatus !== "new") {
      this.outside(
        r.minAt,
        ["recordStatus"],
        "statement_series_continues_earlier_publication",
        `Record ${id} starts here with status ${r.minStatus}: the series continues statements published elsewhere`,
      );
      this.external.push({
        recordId: id,
        as: "series",
        statementId: r.minAt.sid,
        line: r.minAt.line,
        status: r.minStatus,
      });
    }
  }

  /** Every finding, once all statements have been added. */
  finish(): Issue[] {
    for (const ref of this.pending) this.resolve(ref);
    this.pending.length = 0;
    for (const [id, r] of this.records) {
      this.finishSeries(id, r);
      if (!r.isComponent) continue;
      const listed = this.listedComponents.get(id);
      const first = r.firstAt;
      const check = `statement_${r.type === "relationship" ? "relationship" : r.type === "person" ? "person" : "entity"}_is_component_not_in_component_details`;
      if (!listed)
        this.outside(
          first,
          ["recordDetails", "isComponent"],
          check,
          `Record ${id} is a component but no relationship in this file lists it in componentRecords`,
        );
      else if (listed.index < r.firstIndex)
        this.push(
          first,
          ["recordDetails", "isComponent"],
          check,
          "warning",
          `Component ${id} first appears after the relationship that lists it: components come before their primary relationship`,
        );
    }
    return this.issues;
  }

  /** The records this file names but does not hold, and the series it continues. */
  externalReferences(): ExternalReference[] {
    return this.external;
  }
}

const NONE: ShareProblem[] = [];

export interface ShareProblem {
  check: string;
  severity: Severity;
  message: string;
}

/**
 * What is wrong with a BODS share: both an inclusive and an exclusive bound on one side, an
 * exact value together with a range, a range with nothing in it, or a closed range of one value
 * (which is an exact share).
 */
export function shareProblems(share: Record<string, unknown>): ShareProblem[] {
  const exact = num(share.exact);
  const min = num(share.minimum);
  const max = num(share.maximum);
  const xmin = num(share.exclusiveMinimum);
  const xmax = num(share.exclusiveMaximum);
  // The common case, an exact share or one bound, has nothing to check.
  const bounds =
    (min === undefined ? 0 : 1) +
    (max === undefined ? 0 : 1) +
    (xmin === undefined ? 0 : 1) +
    (xmax === undefined ? 0 : 1);
  if (bounds === 0 || (bounds === 1 && exact === undefined)) return NONE;
  const out: ShareProblem[] = [];
  if (min !== undefined && xmin !== undefined)
    out.push({
      check: "statement_relationship_interests_share_min_and_exclusivemin",
      severity: "error",
      message: `The share has both minimum (${min}) and exclusiveMinimum (${xmin}): give one`,
    });
  if (max !== undefined && xmax !== undefined)
    out.push({
      check: "statement_relationship_interests_share_max_and_exclusivemax",
      severity: "error",
      message: `The share has both maximum (${max}) and exclusiveMaximum (${xmax}): give one`,
    });
  if (exact !== undefined) {
    // exact with minimum = maximum = exact says one thing twice; with any other range, two.
    const same = xmin === undefined && xmax === undefined && min === exact && max === exact;
    out.push({
      check: "statement_relationship_interests_exact_has_min_max",
      severity: same ? "warning" : "error",
      message: `The share gives exact (${exact}) and a range ${rangeText(share)}: an exact share has no minimum or maximum`,
    });
    return out;
  }
  if (out.length > 0) return out;
  const lo = min ?? xmin;
  const hi = max ?? xmax;
  if (lo !== undefined && hi !== undefined) {
    if (lo > hi)
      out.push({
        check: "statement_relationship_interests_not_exact_max_greater_than_min",
        severity: "error",
        message: `The share range ${rangeText(share)} is empty: its maximum is below its minimum`,
      });
    else if (lo === hi && (xmin !== undefined || xmax !== undefined))
      out.push({
        check: "statement_relationship_interests_share_range_empty",
        severity: "error",
        message: `The share range ${rangeText(share)} is empty`,
      });
    else if (lo === hi)
      out.push({
        check: "statement_relationship_interests_exact_max_equals_min",
        severity: "warning",
        message: `The share range ${rangeText(share)} holds one value: give it as exact`,
      });
  }
  return out;
}

/** A BODS share range in interval notation: `[20, 30)`, `(50, 100]`. */
export function rangeText(share: Record<string, unknown>): string {
  const lo = share.minimum ?? share.exclusiveMinimum;
  const hi = share.maximum ?? share.exclusiveMaximum;
  const left = share.exclusiveMinimum !== undefined && share.minimum === undefined ? "(" : "[";
  const right = share.exclusiveMaximum !== undefined && share.maximum === undefined ? ")" : "]";
  return `${left}${lo === undefined ? "0" : String(lo)}, ${hi === undefined ? "100" : String(hi)}${right}`;
}
