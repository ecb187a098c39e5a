import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { issueToString, OrebookError } from "../../model/errors.js";
import { worldFrom } from "../../model/world.js";
import { importBodsFile, validateBodsFile } from "./read-bods.js";

const fixture = (name: string) =>
  fileURLToPath(new URL(`../../../test/fixtures/bods/${name}`, import.meta.url));
const today = "2025-06-30";

describe("importBodsFile", () => {
  it("importBodsFile() maps entity types, persons, states and state bodies to entity kinds", async () => {
    const { dataset } = await importBodsFile(fixture("ownership.json"), { today });
    const kinds = Object.fromEntries(dataset.entities.map((e) => [e.id, [e.kind, e.country]]));
    expect(kinds).toEqual({
      "kamoto-holding": ["company", "CD"],
      "lualaba-mining": ["company", "GB"],
      "drc-state": ["state", "CD"],
      gecamines: ["state-enterprise", "CD"],
      "trust-1": ["fund", "JE"],
      "anon-co": ["unknown", null],
      "person-amani": ["person", "CD"],
      "person-anon": ["unknown", null],
      "person-unknown": ["unknown", null],
      "unknown-owner-of-lualaba-mining": ["unknown", null],
      "unknown-owner-of-kamoto-holding": ["unknown", null],
    });
    const byId = new Map(dataset.entities.map((e) => [e.id as string, e]));
    expect(byId.get("anon-co")?.note).toBe(
      "Anonymous entity: subjectExemptFromDisclosure (Listed on a regulated market)",
    );
    expect(byId.get("person-anon")?.note).toBe(
      "Anonymous person: interestedPartyExemptFromDisclosure",
    );
    expect(byId.get("person-amani")?.aliases).toEqual(["A. Kabila"]);
    expect(byId.get("person-amani")?.note).toBe(
      "Annotation (commenting at /recordDetails/names/0): Name as spelled in the register",
    );
    expect(byId.get("unknown-owner-of-lualaba-mining")?.note).toBe(
      "Interested party not specified: interestedPartyHasNotProvidedInformation (Bearer shares)",
    );
  });

  it("importBodsFile() carries exact shares and inclusive and exclusive ranges into share, shareMin and shareMax", async () => {
    const { dataset } = await importBodsFile(fixture("ownership.json"), { today });
    const stake = (id: string) => dataset.stakes.find((s) => s.id === id);
    expect(stake("rel-k-l")).toMatchObject({ owner: "kamoto-holding", share: 0.3 });
    expect(stake("rel-k-l")?.shareMin).toBeUndefined();
    expect(stake("rel-state-k")).toMatchObject({
      share: 0.25,
      shareMin: 0.2,
      shareMax: 0.3,
      note: "Declared share range [20, 30); the share is its midpoint",
    });
    expect(stake("rel-trust-k")).toMatchObject({
      share: 0.125,
      shareMin: 0.1,
      shareMax: 0.15,
      note: "Declared share range (10, 15]; the share is its midpoint",
    });
    expect(stake("rel-unk-k")).toMatchObject({
      owner: "unknown-owner-of-kamoto-holding",
      share: 0.025,
      shareMin: 0,
      shareMax: 0.05,
    });
    expect(stake("rel-g-l")?.note).toBe("Declared directOrIndirect unknown");
  });

  it("importBodsFile() keeps a cross-holding cycle as two stakes", async () => {
    const { dataset } = await importBodsFile(fixture("ownership.json"), { today });
    const pairs = dataset.stakes.map((s) => `${s.owner}>${s.owned}`);
    expect(pairs).toContain("kamoto-holding>lualaba-mining");
    expect(pairs).toContain("lualaba-mining>kamoto-holding");
  });

  it("importBodsFile() keeps interests other than shareholding as interests, not stakes", async () => {
    const { dataset, interests } = await importBodsFile(fixture("ownership.json"), { today });
    expect(interests.map((i) => [i.relationship, i.type, i.interestedParty])).toEqual([
      ["rel-state-k", "controlByLegalFramework", "drc-state"],
      ["rel-amani-k", "votingRights", "person-amani"],
      ["rel-amani-k", "appointmentOfBoard", "person-amani"],
      ["rel-unknownp-l", "unknownInterest", "person-unknown"],
    ]);
    expect(dataset.stakes.some((s) => s.owner === "person-amani")).toBe(false);
    expect(dataset.entities.find((e) => e.id === "kamoto-holding")?.note).toBe(
      "Interest: Democratic Republic of the Congo holds controlByLegalFramework (direct); Interest: Amani Kabila holds votingRights [50, 75]% (indirect); Interest: Amani Kabila holds appointmentOfBoard (indirect)",
    );
  });

  it("importBodsFile() names one source per distinct source and publisher, and every record names it", async () => {
    const { dataset } = await importBodsFile(fixture("ownership.json"), { today });
    expect(dataset.sources).toEqual([
      {
        id: "bods-35cd95dd",
        title: "RCCM extract",
        kind: "primary",
        confidence: "high",
        url: "https://example.org/rccm/extract",
        publisher: "Registre du Commerce (test)",
        published: "2025-01-15",
        note: "BODS source type officialRegister",
      },
    ]);
    for (const r of [...dataset.entities, ...dataset.stakes])
      expect(r.sources).toEqual(["bods-35cd95dd"]);
  });

  it("importBodsFile() counts an indirect interest through its components only, reading JSON Lines", async () => {
    const { dataset, interests } = await importBodsFile(fixture("indirect.jsonl"), { today });
    expect(dataset.stakes.map((s) => [s.id, s.owner, s.owned, s.share])).toEqual([
      ["rel-p-h", "investor-p", "holdco-h", 1],
      ["rel-h-t", "holdco-h", "tenke-mine-co", 0.8],
      ["rel-q-t", "investor-q", "tenke-mine-co", 0.1],
    ]);
    expect(dataset.stakes.find((s) => s.id === "rel-q-t")?.note).toBe(
      "Declared as an indirect interest without its components: counted as if held directly",
    );
    expect(interests).toMatchObject([
      { relationship: "rel-p-t", why: "Indirect: counted through its component relationships" },
    ]);
  });

  it("importBodsFile() folds a series with an update and a closing into dated stakes, by statement date", async () => {
    const { dataset } = await importBodsFile(fixture("series.json"), { today });
    expect(dataset.stakes.map((s) => [s.id, s.share, s.validFrom, s.validTo, s.asOf])).toEqual([
      ["rel-crec-s", 0.4, "2008-04-22", "2022-06-29", "2020-01-01"],
      ["rel-crec-s:2022-06-30", 0.55, "2022-06-30", "2024-03-31", "2022-06-30"],
    ]);
    expect(dataset.entities[0]).toMatchObject({
      id: "sicomines",
      name: "La Sino-Congolaise des Mines SA",
      aliases: ["Sicomines SARL"],
      asOf: "2022-06-30",
    });
    const on = (d: string) => worldFrom(dataset, d).stakes.map((s) => s.share);
    expect(on("2021-01-01")).toEqual([0.4]);
    expect(on("2023-01-01")).toEqual([0.55]);
    expect(on("2024-06-01")).toEqual([]);
  });

  it("importBodsFile() refuses a file with problems and lists them all", async () => {
    const err = await importBodsFile(fixture("invalid.json"), { today }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OrebookError);
    expect((err as OrebookError).message).toBe(
      "invalid.json has 12 problems: nothing was imported (use --skip-invalid to import the valid statements)",
    );
  });

  it("importBodsFile() with skipInvalid imports only the valid statements", async () => {
    const r = await importBodsFile(fixture("invalid.json"), { today, skipInvalid: true });
    expect(r.dataset.entities.map((e) => e.id)).toEqual(["e2", "p1"]);
    expect(r.dataset.stakes.map((s) => s.id)).toEqual([]);
    expect(r.issues).toHaveLength(15);
    expect(r.counts.skipped).toBeGreaterThan(0);
  });
});

describe("validateBodsFile", () => {
  it("validateBodsFile() reports every invalid case with statement id, line, JSON path and message", async () => {
    const { issues, statements } = await validateBodsFile(fixture("invalid.json"), { today });
    expect(statements).toBe(15);
    expect(issues.map(issueToString)).toEqual([
      "invalid.json:96: statement orebook-test-statement-0000000301 statementId: Statement id orebook-test-statement-0000000301 is used by an earlier statement [duplicate_statement_id]",
      "invalid.json:124: statement orebook-test-statement-0000000305 recordDetails: Missing required field entityType",
      "invalid.json:149: statement orebook-test-statement-0000000306 recordDetails.subject: information: Subject e-missing is not in this file: a record published elsewhere [subject_must_be_record_id]",
      "invalid.json:184: statement orebook-test-statement-0000000307 recordDetails.subject: Subject p1 is a person: the subject must be an entity [subject_can_only_refer_to_entity]",
      "invalid.json:219: statement orebook-test-statement-0000000308 recordDetails.interests.0.share: The share range [40, 30] is empty: its maximum is below its minimum [statement_relationship_interests_not_exact_max_greater_than_min]",
      "invalid.json:219: statement orebook-test-statement-0000000308 recordDetails.interests.1.share: The share range (20, 20) is empty [statement_relationship_interests_share_range_empty]",
      "invalid.json:219: statement orebook-test-statement-0000000308 recordDetails.interests.2.share: The share gives exact (60) and a range [10, 50]: an exact share has no minimum or maximum [statement_relationship_interests_exact_has_min_max]",
      "invalid.json:219: statement orebook-test-statement-0000000308 recordDetails.interests.3.share: The share has both minimum (10) and exclusiveMinimum (10): give one [statement_relationship_interests_share_min_and_exclusivemin]",
      "invalid.json:280: statement orebook-test-statement-0000000309 recordDetails.componentRecords.0: Component orebook-test-statement-0000000301 is a statement id: componentRecords lists record ids [component_record_is_statement_id]",
      "invalid.json:351: statement orebook-test-statement-0000000311 recordStatus: Record r5 already has a statement with status new: a series has one [multiple_statements_in_series_with_record_status_new]",
      "invalid.json:386: statement orebook-test-statement-0000000312 recordStatus: information: Record r6 starts here with status closed: the series continues statements published elsewhere [statement_series_continues_earlier_publication]",
      "invalid.json:421: statement orebook-test-statement-0000000313 recordStatus: Record r6 is closed on 2023-01-01 but has a statement dated 2024-01-01: closed must be last [statement_with_record_status_closed_must_be_last]",
      "invalid.json:456: statement orebook-test-statement-0000000314 recordStatus: information: Record r7 starts here with status updated: the series continues statements published elsewhere [statement_series_continues_earlier_publication]",
      "invalid.json:491: statement orebook-test-statement-0000000315 statementDate: Date 2030-01-01 is in the future (today is 2025-06-30) [statement_date_is_future_date]",
      "invalid.json:491: statement orebook-test-statement-0000000315 recordDetails.interests.0.startDate: Date 2031-01-01 is in the future (today is 2025-06-30) [statement_relationship_interests_start_date_is_future_date]",
    ]);
  });

  it("validateBodsFile() accepts each valid fixture", async () => {
    for (const f of ["ownership.json", "indirect.jsonl", "series.json"])
      expect((await validateBodsFile(fixture(f), { today })).issues).toEqual([]);
  });
});

describe("BODS as publishers use it", () => {
  it("validateBodsFile() calls a file holding one statement object, not an array, an error", async () => {
    const { issues, errors } = await validateBodsFile(fixture("single-statement.json"), { today });
    expect(errors).toBe(1);
    expect(issues.map(issueToString)).toEqual([
      "single-statement.json:1: statement orebook-test-statement-0000000421: The file holds a single statement object, not an array of statements: BODS 0.4 data is an array of statements ([{…}, {…}]) or JSON Lines (one statement per line) [statements_not_array]",
    ]);
  });

  it("validateBodsFile() lists a delta's references outside the file as information, and --strict makes them errors", async () => {
    const open = await validateBodsFile(fixture("delta-update.json"), { today });
    expect(open.errors).toBe(0);
    expect(open.issues.map(issueToString)).toEqual([
      "delta-update.json:28: statement orebook-test-statement-0000000412 declarationSubject: information: Declaration subject mine-co is not in this file: a record published elsewhere [statement_declaration_subject_not_exist]",
      "delta-update.json:28: statement orebook-test-statement-0000000412 recordDetails.subject: information: Subject mine-co is not in this file: a record published elsewhere [subject_must_be_record_id]",
      "delta-update.json:57: statement orebook-test-statement-0000000413 declarationSubject: information: Declaration subject mine-co is not in this file: a record published elsewhere [statement_declaration_subject_not_exist]",
      "delta-update.json:57: statement orebook-test-statement-0000000413 recordDetails.subject: information: Subject mine-co is not in this file: a record published elsewhere [subject_must_be_record_id]",
      "delta-update.json:57: statement orebook-test-statement-0000000413 recordDetails.interestedParty: information: Interested party holder-co is not in this file: a record published elsewhere [interested_party_must_be_record_id]",
      "delta-update.json:57: statement orebook-test-statement-0000000413 recordStatus: information: Record rel-holder-mine starts here with status updated: the series continues statements published elsewhere [statement_series_continues_earlier_publication]",
    ]);
    const strict = await validateBodsFile(fixture("delta-update.json"), { today, strict: true });
    expect(strict.errors).toBe(6);
    expect(strict.issues.every((i) => i.severity === "error")).toBe(true);
  });

  it("importBodsFile() refuses a delta when the target lacks the records it names, listing each", async () => {
    const err = await importBodsFile(fixture("delta-update.json"), {
      today,
      existing: async () => undefined,
      target: "dataset imported",
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OrebookError);
    expect((err as OrebookError).message).toBe(
      "delta-update.json is a delta: it refers to 3 records that neither it nor dataset imported holds (mine-co, holder-co, rel-holder-mine): nothing was imported. Import the earlier publication first",
    );
    expect((err as OrebookError).issues.map(issueToString)).toEqual([
      "delta-update.json:28: statement orebook-test-statement-0000000412: Record mine-co (the subject) is neither in the file nor in dataset imported",
      "delta-update.json:57: statement orebook-test-statement-0000000413: Record mine-co (the subject) is neither in the file nor in dataset imported",
      "delta-update.json:57: statement orebook-test-statement-0000000413: Record holder-co (the interested party) is neither in the file nor in dataset imported",
      "delta-update.json:57: statement orebook-test-statement-0000000413: Record rel-holder-mine (a series continued) is neither in the file nor in dataset imported",
    ]);
  });

  it("importBodsFile() resolves a delta against the records of the target and continues its series as dated stakes", async () => {
    const first = await importBodsFile(fixture("delta-base.json"), { today });
    const r = await importBodsFile(fixture("delta-update.json"), {
      today,
      existing: async () => first.dataset,
    });
    expect(new Set(r.resolved.map((x) => x.recordId))).toEqual(
      new Set(["mine-co", "holder-co", "rel-holder-mine"]),
    );
    expect(r.dataset.entities.map((e) => e.id)).toEqual(["investor-co"]);
    expect(
      r.dataset.stakes.map((s) => [s.id, s.owner, s.owned, s.share, s.validFrom, s.validTo]),
    ).toEqual([
      ["rel-investor-mine", "investor-co", "mine-co", 0.2, undefined, undefined],
      ["rel-holder-mine", "holder-co", "mine-co", 0.6, undefined, "2024-05-31"],
      ["rel-holder-mine:2024-06-01", "holder-co", "mine-co", 0.4, "2024-06-01", undefined],
    ]);
  });
});

describe("declared indirect interests", () => {
  it("importBodsFile() derives a component share the declaration fixes and keeps the declaration", async () => {
    const { dataset } = await importBodsFile(fixture("indirect-ownership.json"), { today });
    expect(dataset.stakes.map((s) => [s.id, s.owner, s.owned, s.share, s.derivedFrom])).toEqual([
      ["rel-b-a", "company-b", "company-a", 0.6, undefined],
      ["rel-1-b", "person-1", "company-b", 0.5, "rel-1-a"],
    ]);
    expect(dataset.indirectInterests).toMatchObject([
      {
        id: "rel-1-a",
        owner: "person-1",
        owned: "company-a",
        share: 0.3,
        placement: "derived",
        derived: ["rel-1-b"],
        components: [
          { id: "rel-b-a", owner: "company-b", owned: "company-a" },
          { id: "rel-1-b", owner: "person-1", owned: "company-b" },
        ],
      },
    ]);
    const w = worldFrom(dataset, "2025-06-30");
    expect(w.indirectInterests).toHaveLength(1);
  });
});
