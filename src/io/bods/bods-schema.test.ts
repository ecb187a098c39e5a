import { describe, expect, it } from "vitest";
import { bodsSchemaIssues } from "./bods-schema.js";

const ok = {
  statementId: "0123456789abcdef0123456789abcdef",
  statementDate: "2024-01-01",
  declarationSubject: "a",
  recordId: "a",
  recordType: "entity",
  recordDetails: { isComponent: false, entityType: { type: "registeredEntity" }, name: "A" },
};

describe("bodsSchemaIssues", () => {
  it("bodsSchemaIssues() accepts a valid entity statement", () => {
    expect(bodsSchemaIssues(ok)).toEqual([]);
  });
  it("bodsSchemaIssues() names each missing field", () => {
    expect(bodsSchemaIssues({ statementId: "0123456789abcdef0123456789abcdef" })).toEqual([
      { path: [], message: "Missing required field declarationSubject" },
      { path: [], message: "Missing required field recordId" },
      { path: [], message: "Missing required field recordType" },
      { path: [], message: "Missing required field recordDetails" },
      { path: [], message: "Missing required field statementDate" },
    ]);
  });
  it("bodsSchemaIssues() locates problems inside record details", () => {
    const bad = {
      ...ok,
      statementDate: "2024-13-01",
      recordType: "relationship",
      recordDetails: {
        isComponent: false,
        subject: "a",
        interestedParty: { reason: "nope" },
        interests: [{ type: "shareholding", share: { exact: 120 } }],
      },
    };
    expect(bodsSchemaIssues(bad)).toEqual([
      {
        path: ["recordDetails", "interestedParty", "reason"],
        message:
          'Must be one of "noBeneficialOwners", "subjectUnableToConfirmOrIdentifyBeneficialOwner", "interestedPartyHasNotProvidedInformation", "subjectExemptFromDisclosure", "interestedPartyExemptFromDisclosure", "unknown", "informationUnknownToPublisher"',
      },
      { path: ["recordDetails", "interests", 0, "share", "exact"], message: "Must be <= 100" },
      { path: ["statementDate"], message: "Must be a valid date or date-time" },
    ]);
  });
});
