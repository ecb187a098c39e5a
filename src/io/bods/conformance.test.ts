/**
 * Conformance suite: every additional check of the BODS reference validator (and the checks
 * Orebook adds), each with a valid and an invalid case of our own, named after the check, with
 * the outcome expected: which check reports, at which severity, where. The cases are written
 * here rather than copied (the reference validator's fixtures are under the AGPL): each starts
 * from one small valid package (an entity, a person, a relationship) and changes one thing.
 * Published examples of the standard are covered by the fixtures beside this suite
 * (test/fixtures/bods), written after the standard's own examples.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { Severity } from "../../model/errors.js";
import { validateBodsFile } from "./read-bods.js";

const today = "2025-06-30";
const dir = mkdtempSync(join(tmpdir(), "orebook-conformance-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// biome-ignore lint/suspicious/noExplicitAny: statements of any shape, changed case by case
type Json = Record<string, any>;
const pub = {
  publicationDate: "2025-01-15",
  bodsVersion: "0.4",
  publisher: { name: "Orebook conformance" },
};

/** The valid package every case starts from: entity e1, person p1, relationship r1 (p1 → e1). */
function base(): Json[] {
  return [
    {
      statementId: "conformance-statement-0000000001",
      statementDate: "2024-01-10",
      declarationSubject: "e1",
      recordId: "e1",
      recordType: "entity",
      recordStatus: "new",
      recordDetails: {
        isComponent: false,
        entityType: { type: "registeredEntity" },
        name: "Entity One",
        jurisdiction: { name: "DR Congo", code: "CD" },
      },
      publicationDetails: pub,
      source: { type: ["officialRegister"], retrievedAt: "2024-01-11" },
    },
    {
      statementId: "conformance-statement-0000000002",
      statementDate: "2024-01-10",
      declarationSubject: "e1",
      recordId: "p1",
      recordType: "person",
      recordStatus: "new",
      recordDetails: {
        isComponent: false,
        personType: "knownPerson",
        names: [{ type: "legal", fullName: "Person One" }],
        birthDate: "1970-05",
      },
      publicationDetails: pub,
    },
    {
      statementId: "conformance-statement-0000000003",
      statementDate: "2024-01-10",
      declarationSubject: "e1",
      recordId: "r1",
      recordType: "relationship",
      recordStatus: "new",
      recordDetails: {
        isComponent: false,
        subject: "e1",
        interestedParty: "p1",
        interests: [
          {
            type: "shareholding",
            directOrIndirect: "direct",
            beneficialOwnershipOrControl: true,
            share: { exact: 30 },
            startDate: "2020-01-01",
          },
        ],
      },
      publicationDetails: pub,
    },
  ];
}
const E = 0;
const P = 1;
const R = 2;
const at = (s: Json[], i: number) => s[i] as Json;
const entity = (s: Json[]) => at(s, E).recordDetails as Json;
const person = (s: Json[]) => at(s, P).recordDetails as Json;
const rel = (s: Json[]) => at(s, R).recordDetails as Json;
const interest = (s: Json[]) => rel(s).interests[0] as Json;
const copy = (s: Json, over: Json): Json => ({ ...structuredClone(s), ...over });

/** A finding: check, severity, statement index in the package, JSON path. */
type Finding = [check: string, severity: Severity, statement: number, path: string];
interface Case {
  name: string;
  change: (s: Json[]) => unknown;
  /** Every finding expected (none for a valid case). */
  expect: Finding[];
  knownSchemes?: string[];
}

const valid = (name: string, change: Case["change"]): Case => ({ name, change, expect: [] });

const CASES: Case[] = [
  valid("the base package", () => undefined),
  // duplicate_statement_id
  {
    name: "duplicate_statement_id-invalid",
    change: (s) => {
      at(s, R).statementId = at(s, E).statementId;
    },
    expect: [["duplicate_statement_id", "error", R, "statementId"]],
  },
  // Dates not in the future
  {
    name: "statement_date_is_future_date-invalid",
    change: (s) => {
      at(s, E).statementDate = "2025-07-01";
    },
    expect: [["statement_date_is_future_date", "error", E, "statementDate"]],
  },
  valid("statement_date_is_future_date-valid (today)", (s) => {
    at(s, E).statementDate = today;
  }),
  {
    name: "statement_publication_date_is_future_date-invalid",
    change: (s) => {
      at(s, P).publicationDetails = { ...pub, publicationDate: "2026-01-15" };
    },
    expect: [
      [
        "statement_publication_date_is_future_date",
        "error",
        P,
        "publicationDetails.publicationDate",
      ],
    ],
  },
  {
    name: "statement_source_retrieved_at_future_date-invalid",
    change: (s) => {
      at(s, E).source.retrievedAt = "2025-12-01T10:00:00Z";
    },
    expect: [["statement_source_retrieved_at_future_date", "error", E, "source.retrievedAt"]],
  },
  {
    name: "statement_annotation_creation_date_is_future_date-invalid",
    change: (s) => {
      at(s, E).annotations = [
        { statementPointerTarget: "", motivation: "commenting", creationDate: "2030-01-01" },
      ];
    },
    expect: [
      [
        "statement_annotation_creation_date_is_future_date",
        "error",
        E,
        "annotations.0.creationDate",
      ],
    ],
  },
  {
    name: "statement_relationship_interests_start_date_is_future_date-invalid",
    change: (s) => {
      interest(s).startDate = "2026-01-01";
    },
    expect: [
      [
        "statement_relationship_interests_start_date_is_future_date",
        "error",
        R,
        "recordDetails.interests.0.startDate",
      ],
    ],
  },
  valid("an interest's end date may lie ahead (an agreed expiry)", (s) => {
    interest(s).endDate = "2030-01-01";
  }),
  // Persons
  {
    name: "statement_person_birth_date_in_future-invalid",
    change: (s) => {
      person(s).birthDate = "2026";
    },
    expect: [["statement_person_birth_date_in_future", "error", P, "recordDetails.birthDate"]],
  },
  {
    name: "statement_person_birth_date_too_far_in_past-invalid",
    change: (s) => {
      person(s).birthDate = "1799-12";
    },
    expect: [
      ["statement_person_birth_date_too_far_in_past", "warning", P, "recordDetails.birthDate"],
    ],
  },
  valid("statement_person_birth_date-valid (1800)", (s) => {
    person(s).birthDate = "1800";
  }),
  {
    name: "statement_person_death_date_not_sensible_value-invalid (before birth)",
    change: (s) => {
      person(s).deathDate = "1969";
    },
    expect: [
      ["statement_person_death_date_not_sensible_value", "error", P, "recordDetails.deathDate"],
    ],
  },
  {
    name: "statement_person_death_date_not_sensible_value-invalid (over 120 years after birth)",
    change: (s) => {
      person(s).birthDate = "1850-01-01";
      person(s).deathDate = "1975-01-01";
    },
    expect: [
      ["statement_person_death_date_not_sensible_value", "error", P, "recordDetails.deathDate"],
    ],
  },
  {
    name: "statement_person_death_date_not_sensible_value-invalid (future)",
    change: (s) => {
      person(s).deathDate = "2026-02";
    },
    expect: [
      ["statement_person_death_date_not_sensible_value", "error", P, "recordDetails.deathDate"],
    ],
  },
  valid("statement_person_death_date_not_sensible_value-valid", (s) => {
    person(s).deathDate = "2021-03-04";
  }),
  {
    name: "person_identifiers_invalid_composition-invalid",
    change: (s) => {
      person(s).identifiers = [{ id: "123", scheme: "PASSPORT" }];
    },
    expect: [
      [
        "person_identifiers_invalid_composition",
        "warning",
        P,
        "recordDetails.identifiers.0.scheme",
      ],
    ],
  },
  {
    name: "person_identifiers_no_valid_iso_3166_1_alpha_3_code-invalid",
    change: (s) => {
      person(s).identifiers = [{ id: "123", scheme: "GB-PASSPORT" }];
    },
    expect: [
      [
        "person_identifiers_no_valid_iso_3166_1_alpha_3_code",
        "warning",
        P,
        "recordDetails.identifiers.0.scheme",
      ],
    ],
  },
  {
    name: "person_identifiers_not_passport_taxid_idcard-invalid",
    change: (s) => {
      person(s).identifiers = [{ id: "123", scheme: "COD-LICENCE" }];
    },
    expect: [
      [
        "person_identifiers_not_passport_taxid_idcard",
        "warning",
        P,
        "recordDetails.identifiers.0.scheme",
      ],
    ],
  },
  valid("person_identifiers-valid (GBR-PASSPORT, D-IDCARD, COD-TAXID)", (s) => {
    person(s).identifiers = [
      { id: "1", scheme: "GBR-PASSPORT" },
      { id: "2", scheme: "D-IDCARD" },
      { id: "3", scheme: "COD-TAXID" },
    ];
  }),
  // Entities
  {
    name: "statement_entity_dissolution_before_founding_date-invalid",
    change: (s) => {
      entity(s).foundingDate = "2010-05-01";
      entity(s).dissolutionDate = "2009-12-31";
    },
    expect: [
      [
        "statement_entity_dissolution_before_founding_date",
        "error",
        E,
        "recordDetails.dissolutionDate",
      ],
    ],
  },
  {
    name: "statement_entity_founding_date_is_future_date-invalid",
    change: (s) => {
      entity(s).foundingDate = "2025-07-01";
    },
    expect: [
      ["statement_entity_founding_date_is_future_date", "error", E, "recordDetails.foundingDate"],
    ],
  },
  {
    name: "statement_entity_dissolution_date_is_future_date-invalid",
    change: (s) => {
      entity(s).dissolutionDate = "2026-01-01";
    },
    expect: [
      [
        "statement_entity_dissolution_date_is_future_date",
        "error",
        E,
        "recordDetails.dissolutionDate",
      ],
    ],
  },
  valid("statement_entity_dissolution_before_founding_date-valid", (s) => {
    entity(s).foundingDate = "2010-05-01";
    entity(s).dissolutionDate = "2020-01-01";
  }),
  {
    name: "statement_entity_securities_listings_haspubliclisting_is_false-invalid",
    change: (s) => {
      entity(s).publicListing = {
        hasPublicListing: false,
        securitiesListings: [
          {
            stockExchangeName: "Test exchange",
            stockExchangeJurisdiction: "GB",
            security: { ticker: "ONE" },
          },
        ],
      };
    },
    expect: [
      [
        "statement_entity_securities_listings_haspubliclisting_is_false",
        "error",
        E,
        "recordDetails.publicListing.hasPublicListing",
      ],
    ],
  },
  valid(
    "statement_entity_securities_listings_haspubliclisting_is_false-valid (no listings)",
    (s) => {
      entity(s).publicListing = { hasPublicListing: false, securitiesListings: [] };
    },
  ),
  {
    name: "has_public_listing_information_but_has_public_listing_is_false-invalid",
    change: (s) => {
      entity(s).publicListing = {
        hasPublicListing: false,
        companyFilingsURLs: ["https://example.org/filings"],
      };
    },
    expect: [
      [
        "has_public_listing_information_but_has_public_listing_is_false",
        "warning",
        E,
        "recordDetails.publicListing.hasPublicListing",
      ],
    ],
  },
  {
    name: "entity_security_listing_market_identifier_code_set_but_not_operating_market_identifier_code-invalid",
    change: (s) => {
      entity(s).publicListing = {
        hasPublicListing: true,
        securitiesListings: [
          {
            stockExchangeName: "Test exchange",
            stockExchangeJurisdiction: "GB",
            marketIdentifierCode: "XLON",
            security: { ticker: "ONE" },
          },
        ],
      };
    },
    expect: [
      [
        "entity_security_listing_market_identifier_code_set_but_not_operating_market_identifier_code",
        "warning",
        E,
        "recordDetails.publicListing.securitiesListings.0.operatingMarketIdentifierCode",
      ],
    ],
  },
  {
    name: "entity_security_listing_operating_market_identifier_code_set_but_not_market_identifier_code-invalid",
    change: (s) => {
      entity(s).publicListing = {
        hasPublicListing: true,
        securitiesListings: [
          {
            stockExchangeName: "Test exchange",
            stockExchangeJurisdiction: "GB",
            operatingMarketIdentifierCode: "XLON",
            security: { ticker: "ONE" },
          },
        ],
      };
    },
    expect: [
      [
        "entity_security_listing_operating_market_identifier_code_set_but_not_market_identifier_code",
        "warning",
        E,
        "recordDetails.publicListing.securitiesListings.0.marketIdentifierCode",
      ],
    ],
  },
  valid("entity_security_listing-valid (both codes)", (s) => {
    entity(s).publicListing = {
      hasPublicListing: true,
      securitiesListings: [
        {
          stockExchangeName: "Test exchange",
          stockExchangeJurisdiction: "GB",
          marketIdentifierCode: "XLON",
          operatingMarketIdentifierCode: "XLON",
          security: { ticker: "ONE" },
        },
      ],
    };
  }),
  {
    name: "entity_identifiers_not_known_scheme-invalid (form)",
    change: (s) => {
      entity(s).identifiers = [{ id: "1", scheme: "" }];
    },
    expect: [
      ["entity_identifiers_not_known_scheme", "warning", E, "recordDetails.identifiers.0.scheme"],
    ],
  },
  {
    name: "entity_identifiers_not_known_scheme-invalid (not in the list given)",
    change: (s) => {
      entity(s).identifiers = [{ id: "1", scheme: "ME-XYZ" }];
    },
    knownSchemes: ["GB-COH", "CD-RCCM"],
    expect: [
      ["entity_identifiers_not_known_scheme", "warning", E, "recordDetails.identifiers.0.scheme"],
    ],
  },
  valid("entity_identifiers_not_known_scheme-valid", (s) => {
    entity(s).identifiers = [{ id: "1", scheme: "GB-COH" }];
  }),
  // Shares
  ...(
    [
      [
        "statement_relationship_interests_share_min_and_exclusivemin",
        "error",
        { minimum: 10, exclusiveMinimum: 10, maximum: 20 },
      ],
      [
        "statement_relationship_interests_share_max_and_exclusivemax",
        "error",
        { minimum: 10, maximum: 20, exclusiveMaximum: 20 },
      ],
      [
        "statement_relationship_interests_exact_has_min_max",
        "error",
        { exact: 15, minimum: 10, maximum: 20 },
      ],
      [
        "statement_relationship_interests_exact_has_min_max",
        "warning",
        { exact: 20, minimum: 20, maximum: 20 },
      ],
      [
        "statement_relationship_interests_not_exact_max_greater_than_min",
        "error",
        { minimum: 40, maximum: 30 },
      ],
      [
        "statement_relationship_interests_share_range_empty",
        "error",
        { exclusiveMinimum: 20, exclusiveMaximum: 20 },
      ],
      [
        "statement_relationship_interests_exact_max_equals_min",
        "warning",
        { minimum: 20, maximum: 20 },
      ],
    ] as [string, Severity, Json][]
  ).map(
    ([check, severity, share]): Case => ({
      name: `${check}-invalid ${JSON.stringify(share)}`,
      change: (s) => {
        interest(s).share = share;
      },
      expect: [[check, severity, R, "recordDetails.interests.0.share"]],
    }),
  ),
  valid("share-valid [20, 30)", (s) => {
    interest(s).share = { minimum: 20, exclusiveMaximum: 30 };
  }),
  valid("share-valid (50, 100]", (s) => {
    interest(s).share = { exclusiveMinimum: 50, maximum: 100 };
  }),
  {
    name: "statement_relationship_interests_start_after_end_date-invalid",
    change: (s) => {
      interest(s).endDate = "2019-12-31";
    },
    expect: [
      [
        "statement_relationship_interests_start_after_end_date",
        "error",
        R,
        "recordDetails.interests.0.endDate",
      ],
    ],
  },
  // References
  {
    name: "subject_must_be_record_id-information (a delta)",
    change: (s) => {
      rel(s).subject = "e-elsewhere";
    },
    expect: [["subject_must_be_record_id", "information", R, "recordDetails.subject"]],
  },
  {
    name: "subject_can_only_refer_to_entity-invalid",
    change: (s) => {
      rel(s).subject = "p1";
      rel(s).interestedParty = { reason: "informationUnknownToPublisher" };
      interest(s).beneficialOwnershipOrControl = false;
    },
    expect: [["subject_can_only_refer_to_entity", "error", R, "recordDetails.subject"]],
  },
  {
    name: "interested_party_must_be_record_id-information (a delta)",
    change: (s) => {
      rel(s).interestedParty = "p-elsewhere";
    },
    expect: [
      ["interested_party_must_be_record_id", "information", R, "recordDetails.interestedParty"],
    ],
  },
  {
    name: "interested_party_can_only_refer_to_entity_or_person-invalid",
    change: (s) => [
      ...s,
      copy(at(s, R), {
        statementId: "conformance-statement-0000000004",
        recordId: "r2",
        recordDetails: { ...structuredClone(rel(s)), interestedParty: "r1", interests: [] },
      }),
    ],
    expect: [
      [
        "interested_party_can_only_refer_to_entity_or_person",
        "error",
        3,
        "recordDetails.interestedParty",
      ],
    ],
  },
  {
    name: "interest_beneficial_ownership_interested_party_not_person-invalid",
    change: (s) => [
      at(s, E),
      copy(at(s, E), {
        statementId: "conformance-statement-0000000005",
        recordId: "e2",
        declarationSubject: "e1",
        recordDetails: { ...structuredClone(entity(s)), name: "Entity Two" },
      }),
      copy(at(s, R), { recordDetails: { ...structuredClone(rel(s)), interestedParty: "e2" } }),
    ],
    expect: [
      [
        "interest_beneficial_ownership_interested_party_not_person",
        "error",
        2,
        "recordDetails.interestedParty",
      ],
    ],
  },
  {
    name: "relationship_interested_party_is_subject-invalid",
    change: (s) => {
      rel(s).interestedParty = "e1";
      interest(s).beneficialOwnershipOrControl = false;
    },
    expect: [
      ["relationship_interested_party_is_subject", "error", R, "recordDetails.interestedParty"],
    ],
  },
  {
    name: "statement_declaration_subject_not_exist-information (a delta)",
    change: (s) => {
      at(s, P).declarationSubject = "e-elsewhere";
    },
    expect: [["statement_declaration_subject_not_exist", "information", P, "declarationSubject"]],
  },
  {
    name: "statement_declaration_subject_not_entity_person-invalid",
    change: (s) => {
      at(s, P).declarationSubject = "r1";
    },
    expect: [["statement_declaration_subject_not_entity_person", "error", P, "declarationSubject"]],
  },
  // Serialisation
  {
    name: "relationship_subject_not_before_relationship_in_dataset-warning",
    change: (s) => [at(s, P), at(s, R), at(s, E)],
    expect: [
      [
        "relationship_subject_not_before_relationship_in_dataset",
        "warning",
        1,
        "recordDetails.subject",
      ],
    ],
  },
  {
    name: "relationship_interested_party_not_before_relationship_in_dataset-warning",
    change: (s) => [at(s, E), at(s, R), at(s, P)],
    expect: [
      [
        "relationship_interested_party_not_before_relationship_in_dataset",
        "warning",
        1,
        "recordDetails.interestedParty",
      ],
    ],
  },
  // Components
  ...componentCases(),
  // Annotations
  {
    name: "annotation_statement_pointer_target_invalid-invalid",
    change: (s) => {
      at(s, P).annotations = [
        { statementPointerTarget: "/recordDetails/nowhere", motivation: "commenting" },
      ];
    },
    expect: [
      [
        "annotation_statement_pointer_target_invalid",
        "warning",
        P,
        "annotations.0.statementPointerTarget",
      ],
    ],
  },
  valid("annotation_statement_pointer_target-valid (statement, recordDetails, whole)", (s) => {
    at(s, R).annotations = [
      { statementPointerTarget: "/recordDetails/interests/0", motivation: "commenting" },
      { statementPointerTarget: "/interestedParty", motivation: "commenting" },
      { statementPointerTarget: "", motivation: "commenting" },
    ];
  }),
  // Trusts and nominees
  {
    name: "relationship_interests_subject_should_be_entity_trust-warning",
    change: (s) => {
      interest(s).type = "trustee";
      delete interest(s).share;
    },
    expect: [
      [
        "relationship_interests_subject_should_be_entity_trust",
        "warning",
        R,
        "recordDetails.subject",
      ],
    ],
  },
  valid("relationship_interests_subject_should_be_entity_trust-valid", (s) => {
    entity(s).entityType = { type: "arrangement", subtype: "trust" };
    interest(s).type = "trustee";
    delete interest(s).share;
  }),
  {
    name: "relationship_interests_subject_should_be_entity_nomination_arrangement-warning",
    change: (s) => {
      interest(s).type = "nominee";
      delete interest(s).share;
    },
    expect: [
      [
        "relationship_interests_subject_should_be_entity_nomination_arrangement",
        "warning",
        R,
        "recordDetails.subject",
      ],
    ],
  },
  valid("relationship_interests_subject_should_be_entity_nomination_arrangement-valid", (s) => {
    entity(s).entityType = { type: "arrangement", subtype: "nomination" };
    interest(s).type = "nominator";
    delete interest(s).share;
  }),
  // Series
  ...seriesCases(),
  // Shape
  {
    name: "statements_not_array-invalid (one object)",
    change: (s) => at(s, E) as unknown as Json[],
    expect: [["statements_not_array", "error", 0, ""]],
  },
  // Schema (a sample of each kind of schema rule)
  ...(
    [
      [
        "required field missing",
        (s: Json[]) => {
          delete at(s, E).statementId;
        },
        "",
      ],
      [
        "codelist",
        (s: Json[]) => {
          entity(s).entityType.type = "company";
        },
        "recordDetails.entityType.type",
      ],
      [
        "share above 100",
        (s: Json[]) => {
          interest(s).share = { exact: 101 };
        },
        "recordDetails.interests.0.share.exact",
      ],
      [
        "date format",
        (s: Json[]) => {
          at(s, E).statementDate = "10/01/2024";
        },
        "statementDate",
      ],
      [
        "jurisdiction code length",
        (s: Json[]) => {
          entity(s).jurisdiction.code = "C";
        },
        "recordDetails.jurisdiction.code",
      ],
      [
        "boolean",
        (s: Json[]) => {
          entity(s).isComponent = "no";
        },
        "recordDetails.isComponent",
      ],
    ] as [string, (s: Json[]) => void, string][]
  ).map(
    ([what, f, path]): Case => ({
      name: `schema-invalid (${what})`,
      change: (s) => {
        f(s);
      },
      expect: [["schema", "error", path.startsWith("recordDetails.interests") ? R : E, path]],
    }),
  ),
];

function componentCases(): Case[] {
  /** e1 ← e2 (component) ← p1: r2 (e2 → e1) and r3 (p1 → e2) components of r1 (p1 → e1). */
  const indirect = (s: Json[]): Json[] => {
    const e2 = copy(at(s, E), {
      statementId: "conformance-statement-0000000006",
      recordId: "e2",
      recordDetails: { ...structuredClone(entity(s)), name: "Entity Two", isComponent: true },
    });
    const r2 = copy(at(s, R), {
      statementId: "conformance-statement-0000000007",
      recordId: "r2",
      recordDetails: {
        isComponent: true,
        subject: "e1",
        interestedParty: "e2",
        interests: [{ type: "shareholding", directOrIndirect: "direct", share: { exact: 60 } }],
      },
    });
    const r3 = copy(at(s, R), {
      statementId: "conformance-statement-0000000008",
      recordId: "r3",
      recordDetails: {
        isComponent: true,
        subject: "e2",
        interestedParty: "p1",
        interests: [{ type: "shareholding", directOrIndirect: "direct", share: { exact: 50 } }],
      },
    });
    const r1 = copy(at(s, R), {
      recordDetails: {
        ...structuredClone(rel(s)),
        componentRecords: ["e2", "r2", "r3"],
        interests: [{ ...structuredClone(interest(s)), directOrIndirect: "indirect" }],
      },
    });
    return [at(s, E), at(s, P), e2, r2, r3, r1];
  };
  const withComponents = (s: Json[], list: string[]) => {
    const out = indirect(s);
    (out[5] as Json).recordDetails.componentRecords = list;
    return out;
  };
  return [
    valid("componentRecords-valid (an indirect interest with its components)", indirect),
    {
      name: "component_record_is_statement_id-invalid",
      change: (s) => withComponents(s, ["e2", "r2", "conformance-statement-0000000008"]),
      expect: [
        ["component_record_is_statement_id", "error", 5, "recordDetails.componentRecords.2"],
        [
          "statement_relationship_is_component_not_in_component_details",
          "information",
          4,
          "recordDetails.isComponent",
        ],
      ],
    },
    {
      name: "component_record_id_not_in_dataset-information (a delta)",
      change: (s) => withComponents(s, ["e2", "r2", "r3", "r-elsewhere"]),
      expect: [
        [
          "component_record_id_not_in_dataset",
          "information",
          5,
          "recordDetails.componentRecords.3",
        ],
      ],
    },
    {
      name: "component_record_not_marked_component-invalid",
      change: (s) => {
        const out = indirect(s);
        (out[3] as Json).recordDetails.isComponent = false;
        return out;
      },
      expect: [
        ["component_record_not_marked_component", "error", 5, "recordDetails.componentRecords.1"],
      ],
    },
    {
      name: "component_record_is_own_record-invalid",
      change: (s) => withComponents(s, ["e2", "r2", "r3", "r1"]),
      expect: [["component_record_is_own_record", "error", 5, "recordDetails.componentRecords.3"]],
    },
    {
      name: "statement_entity_is_component_not_in_component_details-information (listed elsewhere)",
      change: (s) => withComponents(s, ["r2", "r3"]),
      expect: [
        [
          "statement_entity_is_component_not_in_component_details",
          "information",
          2,
          "recordDetails.isComponent",
        ],
      ],
    },
    {
      name: "statement_relationship_is_component_not_in_component_details-warning (after its primary)",
      change: (s) => {
        const out = indirect(s);
        return [out[0], out[1], out[2], out[3], out[5], out[4]] as Json[];
      },
      expect: [
        [
          "statement_relationship_is_component_not_in_component_details",
          "warning",
          5,
          "recordDetails.isComponent",
        ],
      ],
    },
    {
      name: "statement_person_is_component_not_in_component_details-information",
      change: (s) => {
        person(s).isComponent = true;
      },
      expect: [
        [
          "statement_person_is_component_not_in_component_details",
          "information",
          P,
          "recordDetails.isComponent",
        ],
      ],
    },
  ];
}

function seriesCases(): Case[] {
  const update = (s: Json[], id: string, date: string, status: string): Json =>
    copy(at(s, E), { statementId: id, statementDate: date, recordStatus: status });
  return [
    valid("statement_series-valid (new, updated, closed)", (s) => [
      ...s,
      update(s, "conformance-statement-0000000011", "2024-03-01", "updated"),
      update(s, "conformance-statement-0000000012", "2024-06-01", "closed"),
    ]),
    {
      name: "multiple_statements_in_series_with_record_status_new-invalid",
      change: (s) => [...s, update(s, "conformance-statement-0000000011", "2024-03-01", "new")],
      expect: [
        ["multiple_statements_in_series_with_record_status_new", "error", 3, "recordStatus"],
      ],
    },
    {
      name: "statement_with_record_status_new_must_be_first-invalid",
      change: (s) => [...s, update(s, "conformance-statement-0000000011", "2023-03-01", "updated")],
      expect: [["statement_with_record_status_new_must_be_first", "error", E, "recordStatus"]],
    },
    {
      name: "multiple_statements_in_series_with_record_status_closed-invalid",
      change: (s) => [
        ...s,
        update(s, "conformance-statement-0000000011", "2024-03-01", "closed"),
        update(s, "conformance-statement-0000000012", "2024-06-01", "closed"),
      ],
      expect: [
        ["multiple_statements_in_series_with_record_status_closed", "error", 4, "recordStatus"],
      ],
    },
    {
      name: "statement_with_record_status_closed_must_be_last-invalid",
      change: (s) => [
        ...s,
        update(s, "conformance-statement-0000000011", "2024-03-01", "closed"),
        update(s, "conformance-statement-0000000012", "2024-06-01", "updated"),
      ],
      expect: [["statement_with_record_status_closed_must_be_last", "error", 4, "recordStatus"]],
    },
    {
      name: "statements_in_series_with_different_record_types-invalid",
      change: (s) => [
        ...s,
        copy(at(s, P), {
          statementId: "conformance-statement-0000000011",
          statementDate: "2024-03-01",
          recordId: "e1",
          recordStatus: "updated",
        }),
      ],
      expect: [["statements_in_series_with_different_record_types", "error", 3, "recordType"]],
    },
    {
      name: "statement_series_continues_earlier_publication-information (a delta)",
      change: (s) => {
        at(s, E).recordStatus = "updated";
      },
      expect: [
        ["statement_series_continues_earlier_publication", "information", E, "recordStatus"],
      ],
    },
  ];
}

describe("BODS conformance: every additional check, valid and invalid", () => {
  for (const [n, c] of CASES.entries())
    it(`${c.name}: ${c.expect.length === 0 ? "accepted without findings" : c.expect.map((f) => `${f[1]} ${f[0]}`).join(", ")}`, async () => {
      const s = base();
      const out = c.change(s);
      const changed = (typeof out === "object" && out !== null ? out : s) as Json[];
      const file = join(dir, `case-${n}.json`);
      writeFileSync(file, JSON.stringify(changed, null, 2));
      const r = await validateBodsFile(file, {
        today,
        ...(c.knownSchemes ? { knownSchemes: new Set(c.knownSchemes) } : {}),
      });
      // Each statement's first line in the file, to name the statement a finding is on.
      const list = Array.isArray(changed) ? changed : [changed];
      const firstLines: number[] = [];
      let line = Array.isArray(changed) ? 2 : 1;
      for (const x of list) {
        firstLines.push(line);
        line += JSON.stringify(x, null, 2).split("\n").length;
      }
      const got: Finding[] = r.issues.map((i) => [
        i.check ?? "",
        i.severity ?? "error",
        firstLines.indexOf(i.line ?? -1),
        i.path.join("."),
      ]);
      expect(got.sort()).toEqual([...c.expect].sort());
      // Every finding names its check in its message, so a user can look it up.
      for (const i of r.issues)
        if (i.check !== "schema") expect(i.message.endsWith(`[${i.check}]`)).toBe(true);
      expect(r.errors).toBe(c.expect.filter((f) => f[1] === "error").length);
    });
});
