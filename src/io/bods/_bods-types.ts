/**
 * The parts of BODS 0.4 statements Orebook reads and writes (schemas/bods-0.4). Fields are
 * optional where the schema lets them be; anything else a statement carries is ignored.
 */

export type BodsRecordType = "entity" | "person" | "relationship";
export type BodsRecordStatus = "new" | "updated" | "closed";

export interface BodsUnspecified {
  reason: string;
  description?: string;
}

export interface BodsSource {
  type?: string[];
  description?: string;
  url?: string;
  retrievedAt?: string;
  assertedBy?: { name?: string; uri?: string }[];
}

export interface BodsPublicationDetails {
  publicationDate: string;
  bodsVersion: string;
  license?: string;
  publisher: { name?: string; url?: string };
}

export interface BodsAnnotation {
  statementPointerTarget: string;
  motivation: "commenting" | "correcting" | "identifying" | "linking" | "transformation";
  description?: string;
  creationDate?: string;
  createdBy?: { name?: string; uri?: string };
  url?: string;
  transformedContent?: string;
  /** Orebook's own fields, so an export re-imports to the same records (custom property). */
  orebook?: Record<string, unknown>;
}

export interface BodsJurisdiction {
  name: string;
  code?: string;
}

export interface BodsShare {
  exact?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
}

export interface BodsInterest {
  type?: string;
  directOrIndirect?: "direct" | "indirect" | "unknown";
  beneficialOwnershipOrControl?: boolean;
  details?: string;
  share?: BodsShare;
  startDate?: string;
  endDate?: string;
}

export interface BodsEntityDetails {
  isComponent: boolean;
  entityType: { type: string; subtype?: string; details?: string };
  unspecifiedEntityDetails?: BodsUnspecified;
  name?: string;
  alternateNames?: string[];
  jurisdiction?: BodsJurisdiction;
  identifiers?: { id?: string; scheme?: string; schemeName?: string; uri?: string }[];
  foundingDate?: string;
  dissolutionDate?: string;
  uri?: string;
  publicListing?: {
    hasPublicListing: boolean;
    securitiesListings?: {
      stockExchangeName: string;
      stockExchangeJurisdiction: string;
      security: { ticker?: string; idScheme?: string; id?: string };
      marketIdentifierCode?: string;
    }[];
  };
}

export interface BodsPersonDetails {
  isComponent: boolean;
  personType: "knownPerson" | "anonymousPerson" | "unknownPerson";
  unspecifiedPersonDetails?: BodsUnspecified;
  names?: { type?: string; fullName: string }[];
  nationalities?: { name: string; code?: string }[];
}

export interface BodsRelationshipDetails {
  isComponent: boolean;
  componentRecords?: string[];
  subject: string | BodsUnspecified;
  interestedParty: string | BodsUnspecified;
  interests?: BodsInterest[];
}

export interface BodsStatement {
  statementId: string;
  statementDate: string;
  declarationSubject: string;
  recordId: string;
  recordType: BodsRecordType;
  recordStatus?: BodsRecordStatus;
  recordDetails: BodsEntityDetails | BodsPersonDetails | BodsRelationshipDetails;
  annotations?: BodsAnnotation[];
  publicationDetails?: BodsPublicationDetails;
  source?: BodsSource;
  declaration?: string;
}

export const BODS_VERSION = "0.4";
