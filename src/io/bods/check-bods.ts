/**
 * The checks a BODS user expects beyond the JSON Schema, made in one streaming pass: statement
 * ids unique, references that resolve (subjects are entities, interested parties entities or
 * persons), component records that are record ids of component records, one `new` first and at
 * most one `closed` last in each series, share ranges that are neither empty nor contradictory,
 * and no date in the future. Only ids and a few facts per record are kept, never statements.
 *
 * @example
 * const checker = new BodsChecker({ today: "2025-06-30" });
 * for (const [i, s] of statements.entries()) checker.add(s, { line: i + 1 });
 * const issues = checker.finish();
 */
import type { Issue } from "../../model/errors.js";

interface Where {
  sid: string;
  line: number | undefined;
}

interface RecordFacts {
  type: string;
  isComponent: boolean;
  minDate: string;
  minStatus: string | undefined;
  minAt: Where;
  maxDate: string;
  news: number;
  newDate: string | undefined;
  newAt: Where | undefined;
  closeds: number;
  closedDate: string | undefined;
  closedAt: Where | undefined;
  laterThanClosed: { date: string; at: Where } | undefined;
}

interface PendingRef {
  at: Where;
  path: (string | number)[];
  target: string;
  want: "subject" | "interestedParty" | "component";
}

export interface CheckOptions {
  /** Today (YYYY-MM-DD): later dates are in the future. Default: the clock's date, UTC. */
  today?: string;
  /** The file name put on each issue. */
  file?: string;
}

export interface StatementPlace {
  line?: number;
}

const isObj = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);

/** Accumulates statements and reports every semantic problem at `finish()`. */
export class BodsChecker {
  private readonly today: string;
  private readonly file: string | undefined;
  private readonly statementIds = new Set<string>();
  private readonly records = new Map<string, RecordFacts>();
  private readonly pending: PendingRef[] = [];
  private readonly listedComponents = new Set<string>();
  private readonly issues: Issue[] = [];

  constructor(opts: CheckOptions = {}) {
    this.today = opts.today ?? new Date().toISOString().slice(0, 10);
    this.file = opts.file;
  }

  private push(at: Where, path: (string | number)[], message: string): void {
    this.issues.push({
      ...(this.file === undefined ? {} : { file: this.file }),
      ...(at.line === undefined ? {} : { line: at.line }),
      record: `statement ${at.sid}`,
      path,
      message,
    });
  }

  private future(at: Where, path: (string | number)[], v: unknown): void {
    const d = str(v);
    if (d !== undefined && d.slice(0, 10) > this.today)
      this.push(at, path, `Date ${d} is in the future (today is ${this.today})`);
  }

  /** Checks one statement (already parsed JSON) and remembers what later checks need. */
  add(s: unknown, place: StatementPlace = {}): void {
    if (!isObj(s)) return;
    const sid = str(s.statementId) ?? `#${this.statementIds.size + 1}`;
    const at: Where = { sid, line: place.line };
    if (str(s.statementId) !== undefined) {
      if (this.statementIds.has(sid))
        this.push(at, ["statementId"], `Statement id ${sid} is used by an earlier statement`);
      this.statementIds.add(sid);
    }
    const date = str(s.statementDate);
    this.future(at, ["statementDate"], date);
    if (isObj(s.publicationDetails))
      this.future(
        at,
        ["publicationDetails", "publicationDate"],
        s.publicationDetails.publicationDate,
      );
    if (isObj(s.source)) this.future(at, ["source", "retrievedAt"], s.source.retrievedAt);
    if (Array.isArray(s.annotations))
      for (const [i, a] of s.annotations.entries())
        if (isObj(a)) this.future(at, ["annotations", i, "creationDate"], a.creationDate);

    const recordId = str(s.recordId);
    const type = str(s.recordType);
    const d = isObj(s.recordDetails) ? s.recordDetails : undefined;
    if (recordId !== undefined && type !== undefined && date !== undefined)
      this.series(recordId, type, d?.isComponent === true, date, str(s.recordStatus), at);
    if (!d) return;
    if (type === "entity") {
      this.future(at, ["recordDetails", "foundingDate"], d.foundingDate);
      this.future(at, ["recordDetails", "dissolutionDate"], d.dissolutionDate);
    }
    if (type === "relationship") this.relationship(recordId, d, at);
  }

  private series(
    recordId: string,
    type: string,
    isComponent: boolean,
    date: string,
    status: string | undefined,
    at: Where,
  ): void {
    let r = this.records.get(recordId);
    if (!r) {
      r = {
        type,
        isComponent,
        minDate: date,
        minStatus: status,
        minAt: at,
        maxDate: date,
        news: 0,
        newDate: undefined,
        newAt: undefined,
        closeds: 0,
        closedDate: undefined,
        closedAt: undefined,
        laterThanClosed: undefined,
      };
      this.records.set(recordId, r);
    } else {
      if (r.type !== type)
        this.push(
          at,
          ["recordType"],
          `Record ${recordId} is a ${r.type} in an earlier statement but a ${type} here`,
        );
      if (date < r.minDate) {
        r.minDate = date;
        r.minStatus = status;
        r.minAt = at;
      }
      if (date > r.maxDate) r.maxDate = date;
      r.isComponent ||= isComponent;
      if (r.closedDate !== undefined && date > r.closedDate && !r.laterThanClosed)
        r.laterThanClosed = { date, at };
      if (r.closedDate !== undefined && date === r.closedDate && status !== "closed")
        r.laterThanClosed ??= { date, at };
    }
    if (status === "new") {
      r.news++;
      if (r.news > 1)
        this.push(
          at,
          ["recordStatus"],
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
          `Record ${recordId} is already closed: a series has at most one closed statement`,
        );
      else {
        r.closedDate = date;
        r.closedAt = at;
        if (r.maxDate > date) r.laterThanClosed = { date: r.maxDate, at };
      }
    }
  }

  private reference(ref: PendingRef): void {
    const r = this.records.get(ref.target);
    if (!r) {
      this.pending.push(ref);
      return;
    }
    this.resolve(ref, r);
  }

  private resolve(ref: PendingRef, r: RecordFacts | undefined): void {
    const { at, path, target, want } = ref;
    if (!r) {
      if (want === "component" && this.statementIds.has(target))
        this.push(
          at,
          path,
          `Component ${target} is a statement id: componentRecords lists record ids`,
        );
      else this.push(at, path, `Unknown record ${target}: no statement has this recordId`);
      return;
    }
    if (want === "subject" && r.type !== "entity")
      this.push(at, path, `Subject ${target} is a ${r.type}: the subject must be an entity`);
    else if (want === "interestedParty" && r.type === "relationship")
      this.push(
        at,
        path,
        `Interested party ${target} is a relationship: it must be an entity or a person`,
      );
    else if (want === "component" && !r.isComponent)
      this.push(
        at,
        path,
        `Component ${target} is not marked as a component (isComponent must be true)`,
      );
  }

  private relationship(recordId: string | undefined, d: Record<string, unknown>, at: Where): void {
    const subject = str(d.subject);
    const party = str(d.interestedParty);
    if (subject !== undefined)
      this.reference({ at, path: ["recordDetails", "subject"], target: subject, want: "subject" });
    if (party !== undefined)
      this.reference({
        at,
        path: ["recordDetails", "interestedParty"],
        target: party,
        want: "interestedParty",
      });
    if (subject !== undefined && subject === party)
      this.push(
        at,
        ["recordDetails", "interestedParty"],
        `The interested party is the subject itself (${subject})`,
      );
    if (Array.isArray(d.componentRecords))
      for (const [i, c] of d.componentRecords.entries()) {
        const target = str(c);
        if (target === undefined) continue;
        if (target === recordId)
          this.push(
            at,
            ["recordDetails", "componentRecords", i],
            `Record ${target} lists itself as its own component`,
          );
        this.listedComponents.add(target);
        this.reference({
          at,
          path: ["recordDetails", "componentRecords", i],
          target,
          want: "component",
        });
      }
    if (!Array.isArray(d.interests)) return;
    for (const [i, interest] of d.interests.entries()) {
      if (!isObj(interest)) continue;
      const base = ["recordDetails", "interests", i];
      // An end date may lie ahead (an agreed expiry); a start date may not: BODS declares facts.
      this.future(at, [...base, "startDate"], interest.startDate);
      const start = str(interest.startDate);
      const end = str(interest.endDate);
      if (start !== undefined && end !== undefined && end < start)
        this.push(
          at,
          [...base, "endDate"],
          `The interest ends (${end}) before it starts (${start})`,
        );
      if (isObj(interest.share)) {
        const problem = shareRangeProblem(interest.share);
        if (problem) this.push(at, [...base, "share"], problem);
      }
    }
  }

  /** Every problem found, once all statements have been added. */
  finish(): Issue[] {
    for (const ref of this.pending) this.resolve(ref, this.records.get(ref.target));
    this.pending.length = 0;
    for (const [id, r] of this.records) {
      if (r.news === 1 && r.newDate !== undefined && r.newAt && r.newDate > r.minDate)
        this.push(
          r.newAt,
          ["recordStatus"],
          `Record ${id}: the new statement (${r.newDate}) is not the first; an earlier one is dated ${r.minDate}`,
        );
      if (r.news === 0 && r.minStatus !== undefined && r.minStatus !== "new")
        this.push(
          r.minAt,
          ["recordStatus"],
          `Record ${id} starts with status ${r.minStatus}: the first statement of a series is new`,
        );
      if (r.laterThanClosed && r.closedAt)
        this.push(
          r.laterThanClosed.at.sid === r.closedAt.sid ? r.closedAt : r.laterThanClosed.at,
          ["recordStatus"],
          `Record ${id} is closed on ${r.closedDate} but has a statement dated ${r.laterThanClosed.date}: closed must be last`,
        );
      if (r.isComponent && !this.listedComponents.has(id))
        this.push(
          r.minAt,
          ["recordDetails", "isComponent"],
          `Record ${id} is a component but no relationship lists it in componentRecords`,
        );
    }
    return this.issues;
  }
}

/**
 * What is wrong with a BODS share, or undefined: an exact value outside the range, both an
 * inclusive and an exclusive bound on one side, or a range with nothing in it.
 */
export function shareRangeProblem(share: Record<string, unknown>): string | undefined {
  const n = (k: string) => (typeof share[k] === "number" ? (share[k] as number) : undefined);
  const exact = n("exact");
  const min = n("minimum");
  const max = n("maximum");
  const xmin = n("exclusiveMinimum");
  const xmax = n("exclusiveMaximum");
  if (min !== undefined && xmin !== undefined)
    return `The share has both minimum (${min}) and exclusiveMinimum (${xmin}): give one`;
  if (max !== undefined && xmax !== undefined)
    return `The share has both maximum (${max}) and exclusiveMaximum (${xmax}): give one`;
  const lo = min ?? xmin;
  const hi = max ?? xmax;
  if (lo !== undefined && hi !== undefined) {
    const empty = min !== undefined && max !== undefined ? lo > hi : lo >= hi;
    if (empty) return `The share range ${rangeText(share)} is empty`;
  }
  if (exact !== undefined) {
    const below = (min !== undefined && exact < min) || (xmin !== undefined && exact <= xmin);
    const above = (max !== undefined && exact > max) || (xmax !== undefined && exact >= xmax);
    if (below || above)
      return `The exact share ${exact} lies outside its range ${rangeText(share)}`;
  }
  return undefined;
}

/** A BODS share range in interval notation: `[20, 30)`, `(50, 100]`. */
export function rangeText(share: Record<string, unknown>): string {
  const lo = share.minimum ?? share.exclusiveMinimum;
  const hi = share.maximum ?? share.exclusiveMaximum;
  const left = share.exclusiveMinimum !== undefined && share.minimum === undefined ? "(" : "[";
  const right = share.exclusiveMaximum !== undefined && share.maximum === undefined ? ")" : "]";
  return `${left}${lo === undefined ? "0" : String(lo)}, ${hi === undefined ? "100" : String(hi)}${right}`;
}
