/**
 * Schemas of what the API sends that is not a model record: report results, record versions,
 * pages, jobs and tokens. Records themselves use the model's schemas as they are. Each report
 * schema is checked against the engine's result type at compile time (bottom of the file), so
 * the OpenAPI document cannot drift from what the engine returns.
 */
import { z } from "@hono/zod-openapi";
import { type ControlSeries, SERIES_EVENT_KINDS } from "../app/control-series-report.js";
import type { ChainsReport } from "../app/ownership-chains-report.js";
import {
  COUNTRY_BASES,
  COUNTRY_GROUPS,
  PERIOD_CHOICES,
  SHARE_BASES,
  STALE_KINDS,
} from "../engine/common/index.js";
import type { FlowsReport } from "../engine/metrics/index.js";
import type {
  ControlReport,
  DeFactoSeries,
  Explanation,
  HeldAreasReport,
  LookThroughReport,
} from "../engine/ownership/index.js";
import { CONTROL_BASIS_KINDS, PLACEMENT_BASES } from "../engine/ownership/index.js";
import type { RoutesReport } from "../engine/routes/index.js";
import type { Comparison, ScenarioEvaluation } from "../engine/scenario/index.js";
import type { StockpileCoverage, StockpileShortfall } from "../engine/stockpile/index.js";
import { COMMODITIES } from "../model/commodity.js";
import { NATIONAL_ESTIMATE_METHODS } from "../model/country-production.js";
import { RECORD_KINDS, RECORD_SCHEMAS, type RecordKind } from "../model/dataset.js";
import { ADMIN_LEVELS, geometrySchema, HELD_EXTENTS } from "../model/territory.js";
import { ROLES } from "./token-store.js";

const shareRow = {
  locationShare: z.number(),
  attributableShare: z.number(),
  attributableMin: z.number(),
  attributableMax: z.number(),
  consolidatedShare: z.number(),
  /** The part of the consolidated share held jointly with another controller. */
  consolidatedJointShare: z.number(),
  deFactoShare: z.number(),
  deFactoJointShare: z.number(),
  locationTonnes: z.number(),
  attributableTonnes: z.number(),
  consolidatedTonnes: z.number(),
  consolidatedJointTonnes: z.number(),
  deFactoTonnes: z.number(),
  deFactoJointTonnes: z.number(),
};

/** One link of a control chain (engine/ownership/consolidated-control.ts). */
export const controlStepSchema = z
  .object({
    node: z.string(),
    by: z.array(z.string()),
    basis: z.enum(CONTROL_BASIS_KINDS),
    record: z.string().optional(),
    shares: z.array(z.number()).optional(),
    sources: z.array(z.string()).optional(),
  })
  .openapi("ControlStep");

const hhiSchema = z.object({
  location: z.number(),
  attributable: z.number(),
  consolidated: z.number(),
  deFacto: z.number(),
});

/** Why an asset is under an armed group's de facto control (engine/ownership/de-facto.ts). */
export const placementSchema = z
  .object({
    controller: z.string(),
    territory: z.string(),
    validFrom: z.string(),
    validTo: z.string().optional(),
    basis: z.enum(PLACEMENT_BASES),
    unit: z
      .object({ name: z.string(), level: z.enum(ADMIN_LEVELS), pcode: z.string().optional() })
      .optional(),
    edgeKm: z.number().optional(),
    sources: z.array(z.string()),
  })
  .openapi("DeFactoPlacement");

/** A record holding part of an asset's territoire without placing the asset (a gap). */
export const partialHoldSchema = z
  .object({
    controller: z.string(),
    territory: z.string(),
    unit: z.string(),
    held: z.enum(["partial", "town"]),
  })
  .openapi("PartialHold");

const unitSchema = z.object({
  name: z.string(),
  level: z.enum(ADMIN_LEVELS),
  within: z.string().optional(),
  pcode: z.string().optional(),
  held: z.enum(HELD_EXTENTS),
  location: z.object({ lat: z.number(), lon: z.number() }).optional(),
  boundary: z
    .object({ geometry: geometrySchema, sources: z.array(z.string()), note: z.string().optional() })
    .optional(),
  note: z.string().optional(),
});

/** The held areas on a date and where each site stands (engine/ownership/held-areas.ts). */
export const heldAreasReportSchema = z
  .object({
    asOf: z.string(),
    areas: z.array(
      z.object({
        territory: z.string(),
        controller: z.string(),
        controllerName: z.string(),
        country: z.string(),
        province: z.string(),
        validFrom: z.string(),
        validTo: z.string().optional(),
        units: z.array(unitSchema),
        territories: z.array(z.string()),
        assets: z.array(z.string()),
        boundary: z
          .object({
            geometry: geometrySchema,
            sources: z.array(z.string()),
            note: z.string().optional(),
          })
          .optional(),
        sources: z.array(z.string()),
        note: z.string().optional(),
      }),
    ),
    sites: z.array(
      z.object({
        asset: z.string(),
        name: z.string(),
        province: z.string().nullable(),
        territory: z.string().nullable(),
        location: z.object({ lat: z.number(), lon: z.number() }).nullable(),
        commodities: z.array(z.enum(COMMODITIES)),
        deFactoBy: placementSchema.optional(),
        partlyHeld: z.array(partialHoldSchema).optional(),
      }),
    ),
    notes: z.array(z.string()),
  })
  .openapi("HeldAreasReport");

/** The armed groups' de facto share of each commodity, year by year (engine/ownership/de-facto-series.ts). */
export const deFactoSeriesSchema = z
  .object({
    from: z.number(),
    to: z.number(),
    basis: z.string(),
    commodities: z.array(
      z.object({
        commodity: z.enum(COMMODITIES),
        points: z.array(
          z.object({
            year: z.number(),
            asOf: z.string(),
            totalTonnes: z.number(),
            heldTonnes: z.number(),
            share: z.number().nullable(),
            byGroup: z.array(
              z.object({ controller: z.string(), name: z.string(), tonnes: z.number() }),
            ),
            bases: z.array(z.enum(["actual", "estimate", "guidance", "capacity"])),
            sitesWithFigures: z.number(),
            sitesHeld: z.array(
              z.object({
                asset: z.string(),
                name: z.string(),
                controller: z.string(),
                territory: z.string(),
                basis: z.enum(PLACEMENT_BASES),
                tonnes: z.number().nullable(),
              }),
            ),
            label: z.string().nullable(),
          }),
        ),
      }),
    ),
  })
  .openapi("DeFactoSeries");

export const controlSeriesSchema = z
  .object({
    commodity: z.enum(COMMODITIES),
    from: z.number(),
    to: z.number(),
    asOf: z.string(),
    basis: z.string(),
    points: z.array(
      z.object({
        year: z.number(),
        asOf: z.string(),
        label: z.string().nullable(),
        producedTonnes: z.number(),
        exportedTonnes: z.number(),
        openMarketShare: z.number().nullable(),
        hhi: z.object({
          location: z.number().nullable(),
          attributable: z.number().nullable(),
          consolidated: z.number().nullable(),
          deFacto: z.number().nullable(),
          buyerCountry: z.number().nullable(),
        }),
        countries: z.array(
          z.object({
            country: z.string(),
            name: z.string(),
            location: z.number().nullable(),
            attributable: z.number().nullable(),
            consolidated: z.number().nullable(),
            deFacto: z.number().nullable(),
          }),
        ),
        companies: z.array(
          z.object({ id: z.string(), name: z.string(), share: z.number().nullable() }),
        ),
        coverage: z
          .object({
            basis: z.enum(["national", "recorded"]),
            nationalTonnes: z.number().nullable(),
            share: z.number().nullable(),
            sources: z.array(z.string()),
          })
          .openapi({
            description:
              "national: the year's shares are of the country's mine total (the rest is the row not-on-a-recorded-asset); recorded: the dataset has no national total for the year, so the shares are of the recorded assets' output only and not comparable with a national year's",
          }),
        yearComplete: z
          .boolean()
          .openapi({ description: "False when the year is read before its last day" }),
      }),
    ),
    events: z.array(
      z.object({
        date: z.string(),
        kind: z.enum(SERIES_EVENT_KINDS),
        label: z.string(),
        record: z.string(),
        sources: z.array(z.string()),
      }),
    ),
  })
  .openapi("ControlSeries");

/** How a report's production period was chosen (engine/common/report-period.ts). */
export const periodChoiceSchema = z
  .object({
    period: z.string(),
    how: z.enum(PERIOD_CHOICES),
    requested: z.string().optional(),
    bases: z.array(z.enum(["actual", "estimate", "guidance", "capacity"])),
    latestYearWithFigures: z.string().optional(),
    label: z.string().nullable(),
  })
  .openapi("PeriodChoice");

/** How a report counts holders' countries. */
const countryViewSchema = z.object({
  countryBasis: z.enum(COUNTRY_BASES),
  group: z.enum(COUNTRY_GROUPS).optional(),
});

/** What a report's shares are of, and how much of it the recorded assets hold. */
export const coverageSchema = z
  .object({
    requestedBasis: z.enum(SHARE_BASES),
    basis: z.enum(SHARE_BASES).openapi({
      description: "The basis of the shares: recorded when asked, or when no national total exists",
    }),
    countries: z.array(z.string()),
    period: z.string(),
    stage: z.literal("mine"),
    recordedTonnes: z.number().openapi({ description: "Tonnes on recorded assets" }),
    nationalTonnes: z
      .number()
      .nullable()
      .openapi({ description: "The preferred national total; null (with a note) when none" }),
    share: z.number().nullable().openapi({ description: "recordedTonnes ÷ nationalTonnes" }),
    residualTonnes: z
      .number()
      .openapi({ description: "National output not on a recorded asset (never negative)" }),
    excessTonnes: z
      .number()
      .openapi({ description: "Recorded tonnes above the national total, when they exceed it" }),
    denominatorTonnes: z.number().openapi({ description: "The tonnes every share is of" }),
    records: z.array(z.string()),
    sources: z.array(z.string()),
    alternatives: z.array(
      z.object({
        tonnes: z.number(),
        share: z.number().nullable(),
        sources: z.array(z.string()),
        note: z.string().optional(),
      }),
    ),
    estimates: z
      .array(
        z.object({
          record: z.string(),
          country: z.string(),
          method: z.enum(NATIONAL_ESTIMATE_METHODS),
          fromYear: z.number().optional(),
          ageYears: z.number().optional(),
          label: z.string(),
        }),
      )
      .openapi({
        description:
          "National totals used that are estimates (exports standing in for mine output, an earlier year carried forward with its age, or derived from sourced inputs), each with its label",
      }),
    note: z.string().nullable(),
  })
  .openapi("Coverage");

/** An input used for a later date or period than its own (engine/common/stale-inputs.ts). */
export const staleInputSchema = z
  .object({
    record: z.string(),
    kind: z.enum(STALE_KINDS),
    what: z.string().openapi({ description: "What it is, in plain words" }),
    date: z.string().openapi({ description: "Its own date or period" }),
    usedFor: z.string().openapi({ description: "The date or period it is used for" }),
    ageYears: z.number().openapi({ description: "From its date to usedFor, in years" }),
    assets: z.array(z.string()),
    tonnes: z.number().openapi({ description: "The counted tonnes it bears on" }),
    share: z
      .number()
      .nullable()
      .openapi({ description: "Those tonnes as a share of what the shares are of" }),
    affects: z.string().optional(),
    view: z.literal("carried-forward").optional().openapi({
      description: "Set when it is used only in the carried-forward view, not in the headline",
    }),
  })
  .openapi("StaleInput");

/** A control report's coverage: the shares' basis, and the sites without a figure. */
const reportCoverageSchema = coverageSchema.extend({
  assetsWithFigures: z.number(),
  missing: z.array(
    z.object({
      asset: z.string(),
      name: z.string(),
      reason: z.string(),
      deFactoBy: placementSchema.optional(),
      partlyHeld: z.array(partialHoldSchema).optional(),
    }),
  ),
  reference: z.array(
    z.object({
      country: z.string().nullable(),
      year: z.number(),
      tonnes: z.number(),
      stage: z.string(),
      sources: z.array(z.string()),
    }),
  ),
});

/** The control report's carried-forward view (engine/ownership/control-report.ts), beside the headline. */
const carriedForwardSchema = z
  .object({
    label: z.string(),
    maxAgeYears: z.number(),
    assets: z.array(
      z.object({
        assets: z.array(z.string()),
        name: z.string(),
        tonnes: z.number(),
        period: z.string().openapi({ description: "The carried figure's own period" }),
        basis: z.enum(["actual", "estimate", "guidance", "capacity"]),
        ageYears: z.number(),
        record: z.string().openapi({ description: "The figure carried" }),
        sources: z.array(z.string()),
      }),
    ),
    carriedTonnes: z.number(),
    coverage: coverageSchema,
    shareOfTonnes: z.number(),
    byCountry: z.array(z.object({ country: z.string(), name: z.string(), ...shareRow })),
    hhi: hhiSchema,
  })
  .openapi("CarriedForwardView", {
    description:
      "The report if every producer without a figure for the year kept its last published figure (at most maxAgeYears old): an assumption, never part of the headline",
  });

export const controlReportSchema = z
  .object({
    commodity: z.enum(COMMODITIES),
    asOf: z.string(),
    period: z.string(),
    basis: z.enum(SHARE_BASES),
    countryView: countryViewSchema,
    periodChoice: periodChoiceSchema,
    controlThreshold: z.number(),
    totalTonnes: z.number().openapi({ description: "Tonnes on recorded assets" }),
    shareOfTonnes: z.number().openapi({
      description: "The tonnes the shares are of: the national total, or the recorded tonnes",
    }),
    byCountry: z.array(z.object({ country: z.string(), name: z.string(), ...shareRow })),
    byCompany: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        country: z.string().nullable(),
        kind: z.string(),
        attributableTonnes: z.number(),
        attributableMin: z.number(),
        attributableMax: z.number(),
        attributableShare: z.number(),
        ultimateTonnes: z.number(),
        consolidatedTonnes: z.number(),
        consolidatedShare: z.number(),
        consolidatedJointTonnes: z.number(),
      }),
    ),
    hhi: hhiSchema,
    assets: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        tonnes: z.number(),
        basis: z.enum(["actual", "estimate", "guidance", "capacity"]),
        periods: z.array(z.string()),
        records: z.array(z.string()),
        joint: z
          .object({
            record: z.string(),
            assets: z.array(z.string()),
            weight: z.number(),
            splitBasis: z.string(),
          })
          .optional(),
        country: z.string(),
        controller: z.string(),
        controllerName: z.string(),
        controllerCountry: z.string(),
        controlChain: z.array(z.string()),
        controlBasis: z.enum(CONTROL_BASIS_KINDS).nullable(),
        controllers: z.array(
          z.object({
            id: z.string(),
            name: z.string(),
            country: z.string(),
            share: z.number(),
            joint: z.boolean(),
            chain: z.array(z.string()),
          }),
        ),
        controlSteps: z.array(controlStepSchema),
        deFacto: z.string(),
        deFactoBy: placementSchema.optional(),
        partlyHeld: z.array(partialHoldSchema).optional(),
        sources: z.array(z.string()),
      }),
    ),
    coverage: reportCoverageSchema,
    staleInputs: z.array(staleInputSchema),
    carriedForward: carriedForwardSchema.nullable().optional(),
    notes: z.array(z.string()),
  })
  .openapi("ControlReport");

export const VIEW_VALUES = ["attributable", "consolidated", "deFacto", "location"] as const;

export const explanationSchema = z
  .object({
    commodity: z.string(),
    asOf: z.string(),
    period: z.string(),
    view: z.enum(VIEW_VALUES),
    country: z.string(),
    name: z.string(),
    tonnes: z.number(),
    share: z.number(),
    totalTonnes: z.number(),
    shareOfTonnes: z.number(),
    basis: z.enum(SHARE_BASES),
    rows: z.array(
      z.object({
        asset: z.string(),
        name: z.string(),
        assetTonnes: z.number(),
        share: z.number(),
        tonnes: z.number(),
        reason: z.string(),
        sources: z.array(z.string()).optional(),
        control: z
          .object({
            basis: z.enum(CONTROL_BASIS_KINDS).nullable(),
            steps: z.array(controlStepSchema),
          })
          .optional(),
        paths: z.array(
          z.object({
            chain: z.array(z.string()),
            ids: z.array(z.string()),
            shares: z.array(z.number()),
            share: z.number(),
            tonnes: z.number(),
            declared: z.array(z.string()).optional(),
          }),
        ),
      }),
    ),
    report: z.object({
      hhi: hhiSchema,
      notes: z.array(z.string()),
      periodChoice: periodChoiceSchema,
      coverage: reportCoverageSchema,
    }),
    staleInputs: z.array(staleInputSchema),
  })
  .openapi("Explanation");

const nodeRef = {
  id: z.string(),
  name: z.string(),
  kind: z.string(),
  country: z.string().nullable(),
};
const lookThroughRow = z.object({
  ...nodeRef,
  share: z.number(),
  min: z.number(),
  max: z.number(),
  end: z.enum(["root", "remainder"]).optional(),
  declared: z.number().optional().openapi({
    description: "The indirect share declared by this owner (or of this holding), if declared",
  }),
});

const declaredRow = z.object({
  id: z.string(),
  owner: z.object(nodeRef),
  owned: z.object(nodeRef),
  share: z.number(),
  min: z.number(),
  max: z.number(),
  through: z.array(z.string()),
  placement: z.enum(["components", "derived", "spanned", "unplaced"]),
  note: z.string(),
});

export const lookThroughReportSchema = z
  .object({
    asOf: z.string(),
    subject: z.object(nodeRef),
    owners: z.array(lookThroughRow),
    holdings: z.array(lookThroughRow),
    declared: z.array(declaredRow).openapi({
      description:
        "Declared indirect interests of the subject or in it (BODS), and how each is counted",
    }),
    dataset: z.string().optional().openapi({ description: "The dataset the report read" }),
    foundElsewhere: z.boolean().optional().openapi({
      description: "True when the default dataset had no exact match and another dataset did",
    }),
  })
  .openapi("LookThroughReport");

const chainRange = { share: z.number(), min: z.number(), max: z.number() };
export const chainsReportSchema = z
  .object({
    asOf: z.string(),
    from: z.object(nodeRef),
    to: z.object(nodeRef),
    lookThrough: z.object(chainRange).nullable().openapi({
      description: "The solver's look-through share of from in to (cross-holdings counted)",
    }),
    chains: z.array(
      z.object({
        ids: z.array(z.string()),
        names: z.array(z.string()),
        links: z.array(
          z.object({
            owner: z.string(),
            owned: z.string(),
            stakes: z.array(z.string()),
            ...chainRange,
          }),
        ),
        ...chainRange,
      }),
    ),
    chainsShare: z.number(),
    truncated: z.boolean(),
    maxHops: z.number(),
    minShare: z.number(),
  })
  .openapi("ChainsReport");

/** The component name of each record kind's schema in the OpenAPI document. */
export const RECORD_NAMES: Record<RecordKind, string> = {
  sources: "Source",
  entities: "Entity",
  assets: "Asset",
  stakes: "Stake",
  production: "Production",
  offtakes: "Offtake",
  tradeRules: "TradeRule",
  routeNodes: "RouteNode",
  routeLegs: "RouteLeg",
  stockpiles: "Stockpile",
  stockpileMovements: "StockpileMovement",
  demand: "Demand",
  prices: "Price",
  deals: "Deal",
  territories: "TerritoryControl",
  countryProduction: "CountryProduction",
  controlAgreements: "ControlAgreement",
  tradeFlows: "TradeFlow",
  indirectInterests: "IndirectInterest",
  transportRates: "TransportRate",
  corridorTargets: "CorridorTarget",
};

/**
 * The model's record schemas, each named for the document. Named once per process: Zod's
 * registry refuses an id twice.
 */
export const NAMED_RECORD_SCHEMAS = Object.fromEntries(
  RECORD_KINDS.map((k) => [k, (RECORD_SCHEMAS[k] as z.ZodType).meta({ id: RECORD_NAMES[k] })]),
) as unknown as Record<RecordKind, z.ZodType>;

export const recordKindSchema = z.enum(RECORD_KINDS as [string, ...string[]]);

/** One version of a record, with the record when it is not a tombstone. */
export function recordVersionSchemaFor<S extends z.ZodType>(record: S, name: string) {
  return z
    .object({
      datasetId: z.string(),
      kind: z.string(),
      id: z.string(),
      version: z.number().int(),
      validFrom: z.string().nullable(),
      validTo: z.string().nullable(),
      recordedAt: z.string(),
      recordedBy: z.string(),
      sources: z.array(z.string()),
      note: z.string().nullable(),
      deleted: z.boolean(),
      record: record.optional(),
    })
    .openapi(name);
}

export const datasetInfoSchema = z
  .object({
    id: z.string(),
    createdAt: z.string(),
    createdBy: z.string(),
    updatedAt: z.string(),
    sequence: z
      .number()
      .int()
      .openapi({ description: "A count of the dataset's writes: every write moves it by one" }),
  })
  .openapi("DatasetInfo");

export const JOB_STATES = ["queued", "running", "done", "failed", "cancelled"] as const;

export const jobStatusSchema = z
  .object({
    id: z.string(),
    kind: z.string(),
    state: z.enum(JOB_STATES),
    createdAt: z.string(),
    startedAt: z.string().nullable(),
    finishedAt: z.string().nullable(),
    progress: z.object({ done: z.number(), total: z.number(), message: z.string() }),
    error: z.object({ code: z.string(), detail: z.string() }).nullable(),
    links: z.object({ self: z.string(), events: z.string(), result: z.string() }),
  })
  .openapi("JobStatus");

export const tokenInfoSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    role: z.enum(ROLES),
    createdAt: z.string(),
    createdBy: z.string(),
    revokedAt: z.string().nullable(),
  })
  .openapi("TokenInfo");

// Compile-time agreement between the engine's result types and the documented schemas.
type Agrees<T, S extends z.ZodType> = T extends z.input<S> ? true : false;
const _controlAgrees: Agrees<ControlReport, typeof controlReportSchema> = true;
const _explainAgrees: Agrees<Explanation, typeof explanationSchema> = true;
const _lookAgrees: Agrees<LookThroughReport, typeof lookThroughReportSchema> = true;
const _heldAgrees: Agrees<HeldAreasReport, typeof heldAreasReportSchema> = true;
const _seriesAgrees: Agrees<DeFactoSeries, typeof deFactoSeriesSchema> = true;
const _controlSeriesAgrees: Agrees<ControlSeries, typeof controlSeriesSchema> = true;
const _chainsAgrees: Agrees<ChainsReport, typeof chainsReportSchema> = true;
void _chainsAgrees;
void _controlSeriesAgrees;
void _heldAgrees;
void _seriesAgrees;
void _controlAgrees;
void _explainAgrees;
void _lookAgrees;

// Reports and evaluations added with their engines. Inner rows the dashboard reads are typed;
// the rest of each row is documented as open (additional properties allowed), never invented.
const open = <T extends z.ZodRawShape>(shape: T) => z.object(shape).catchall(z.unknown());
const shareOf = { tonnes: z.number(), share: z.number() };

export const flowsReportSchema = z
  .object({
    commodity: z.enum(COMMODITIES),
    period: z.string(),
    asOf: z.string(),
    quotaMode: z.enum(["apply", "ignore"]),
    offtakeStatuses: z.array(z.string()),
    basis: z.enum(SHARE_BASES),
    shareOfTonnes: z.number().openapi({
      description:
        "The tonnes the shares are of: the national output (basis national), else the exported tonnes",
    }),
    countryView: countryViewSchema.partial(),
    coverage: coverageSchema,
    staleInputs: z.array(staleInputSchema),
    producedTonnes: z.number(),
    heldBackTonnes: z.number(),
    exportedTonnes: z.number(),
    toBuyersTonnes: z.number(),
    openMarketTonnes: z.number(),
    byBuyer: z.array(
      z.object({ buyer: z.string(), name: z.string(), country: z.string().nullable(), ...shareOf }),
    ),
    byBuyerCountry: z.array(z.object({ country: z.string(), name: z.string(), ...shareOf })),
    byDestination: z.array(z.object({ destination: z.string(), ...shareOf })),
    bySeller: z.array(
      z.object({
        asset: z.string(),
        name: z.string(),
        producedTonnes: z.number(),
        heldBackTonnes: z.number(),
        toBuyersTonnes: z.number(),
        openMarketTonnes: z.number(),
      }),
    ),
    lines: z.array(
      z.object({
        asset: z.string(),
        offtake: z.string(),
        buyer: z.string(),
        buyerCountry: z.string().nullable(),
        term: z.string(),
        tonnes: z.number(),
      }),
    ),
    heldBack: z.array(z.object({ asset: z.string(), ruleId: z.string(), tonnes: z.number() })),
    usAccessible: z.object({ tonnes: z.number(), share: z.number(), buyers: z.array(z.string()) }),
    hhi: z.object({
      byBuyer: z.number().nullable(),
      byBuyerCountry: z.number().nullable(),
      byDestination: z.number().nullable(),
    }),
    netImportReliance: open({
      country: z.string(),
      year: z.number(),
      value: z.number().nullable(),
      min: z.number().nullable(),
    }).nullable(),
    supplyRisk: open({ value: z.number().nullable(), missing: z.array(z.string()) }),
    regimes: z.array(open({ country: z.string(), period: z.string() })),
    assets: z.array(
      open({
        asset: z.string(),
        name: z.string(),
        producedTonnes: z.number(),
        heldBackTonnes: z.number(),
        openMarketTonnes: z.number(),
        explanations: z.array(z.string()),
      }),
    ),
    unknownProduction: z.array(z.object({ asset: z.string(), name: z.string(), note: z.string() })),
    notes: z.array(z.string()),
    missing: z.array(z.string()),
    refining: open({
      commodity: z.string(),
      year: z.number(),
      byForm: z.array(open({ form: z.string(), stage: z.string(), tonnes: z.number() })),
      refiners: z.array(
        open({
          refiner: z.string(),
          name: z.string(),
          country: z.string(),
          controllerCountry: z.string(),
          tonnes: z.number(),
        }),
      ),
      chineseControlled: open({ tonnes: z.number(), share: z.number() }),
      usUsable: open({ tonnes: z.number(), share: z.number() }),
      notes: z.array(z.string()),
    }).optional(),
  })
  .openapi("FlowsReport");

const sankeySchema = z
  .object({
    nodes: z.array(
      z.object({
        id: z.string(),
        label: z.string(),
        layer: z.union([z.literal(0), z.literal(1), z.literal(2), z.literal(3)]),
      }),
    ),
    links: z.array(z.object({ source: z.string(), target: z.string(), tonnes: z.number() })),
  })
  .openapi("RouteSankey");

export const routesReportSchema = z
  .object({
    commodity: z.string(),
    period: z.string(),
    asOf: z.string(),
    shipmentsFrom: z.enum(["allocation", "control"]),
    heldBackTonnes: z.number(),
    objective: z.enum(["generalised", "cost", "days", "distance", "legs"]),
    objectiveUnit: z.string(),
    legs: z.array(
      open({
        id: z.string(),
        from: z.string(),
        to: z.string(),
        tonnes: z.number(),
        capacity: z.number().nullable(),
        utilisation: z.number().nullable(),
      }),
    ),
    routes: z.array(
      open({
        asset: z.string(),
        destination: z.string(),
        port: z.string().nullable(),
        tonnes: z.number(),
      }),
    ),
    ports: z.array(open({ id: z.string(), name: z.string(), tonnes: z.number() })),
    bottlenecks: z.array(open({ leg: z.string(), capacity: z.number(), tonnes: z.number() })),
    shipments: z.array(open({ asset: z.string(), tonnes: z.number() })),
    unshipped: z.array(open({ asset: z.string(), unshippedTonnes: z.number() })),
    unshippedTonnes: z.number(),
    totals: open({
      tonnes: z.number(),
      shippedTonnes: z.number(),
      unshippedTonnes: z.number(),
      costUsd: z.number().nullable(),
    }),
    opened: z.array(z.string()),
    closed: z.array(z.string()),
    notes: z.array(z.string()),
    notOnRecordedAsset: z
      .object({ tonnes: z.number(), nationalTonnes: z.number(), sources: z.array(z.string()) })
      .nullable()
      .openapi({
        description:
          "The country's mine output on no recorded asset (national total less the recorded assets' tonnes), with the national total and its sources; null without a national total or a residual. The Sankey draws it to 'Destination unknown'.",
      }),
    trailEnds: z
      .array(
        z.object({
          asset: z.string(),
          from: z.string(),
          ends: z.array(z.string()),
          deliveredTo: z.string().nullable(),
          country: z.string().nullable(),
          flows: z.array(z.string()),
          tonnes: z.number(),
          message: z.string(),
        }),
      )
      .openapi({
        description:
          "Assets whose open routes reach no port: the nodes their recorded trail ends at, and whether their tonnes without a recorded destination were delivered to an end whose country a trade record names (deliveredTo, country, flows) or left unshipped (deliveredTo null).",
      }),
    sankey: sankeySchema,
  })
  .catchall(z.unknown())
  .openapi("RoutesReport");

const metricSchema = z
  .object({
    id: z.string(),
    label: z.string(),
    commodity: z.string().nullable(),
    part: z.enum(["control", "allocation", "routes", "stockpile"]),
    unit: z.enum(["share", "tonnes", "hhi", "usd", "count"]),
    value: z.number().nullable(),
    parts: z.record(z.string(), z.number()),
    labels: z.record(z.string(), z.string()).optional(),
  })
  .openapi("Metric");

const partStatusSchema = z.object({
  part: z.enum(["control", "allocation", "routes", "stockpile"]),
  computed: z.boolean(),
  note: z.string(),
});

export const scenarioEvaluationSchema = z
  .object({
    scenario: z.string(),
    asOf: z.string(),
    applied: z.array(
      z.object({
        index: z.number(),
        kind: z.string(),
        date: z.string(),
        summary: z.string(),
        records: z.array(z.string()),
        changesNothing: z.boolean().optional(),
      }),
    ),
    obligations: z.array(
      z.object({ deal: z.string(), party: z.string(), description: z.string() }),
    ),
    parts: z.array(partStatusSchema),
    commodities: z.array(
      z.object({
        commodity: z.string(),
        period: z.string(),
        control: z.union([controlReportSchema, z.null()]),
        flows: open({ producedTonnes: z.number() }).nullable(),
        notes: z.array(z.string()),
      }),
    ),
    metrics: z.array(metricSchema),
  })
  .openapi("ScenarioEvaluation");

export const comparisonSchema = z
  .object({
    base: z.string(),
    scenarios: z.array(z.string()),
    rows: z.array(
      z.object({
        id: z.string(),
        label: z.string(),
        commodity: z.string().nullable(),
        part: z.enum(["control", "allocation", "routes", "stockpile"]),
        unit: z.enum(["share", "tonnes", "hhi", "usd", "count"]),
        base: z.number().nullable(),
        cells: z.array(
          z.object({
            scenario: z.string(),
            value: z.number().nullable(),
            change: z.number().nullable(),
            explanation: z.string(),
          }),
        ),
        magnitude: z.number(),
      }),
    ),
    parts: z.array(z.object({ scenario: z.string(), parts: z.array(partStatusSchema) })),
    changes: z.array(
      z.object({
        scenario: z.string(),
        applied: z.array(z.string()),
        obligations: z.array(z.string()),
        changeNothing: z.array(z.string()).openapi({
          description:
            "Changes that touch no figure of the records evaluated (an outage dated where they have no production figure): they change nothing",
        }),
      }),
    ),
  })
  .openapi("Comparison");

export const stockpileReportSchema = z
  .object({
    coverage: open({
      stockpile: z.string(),
      name: z.string(),
      holder: z.string(),
      country: z.string(),
      asOf: z.string(),
      unavailableFraction: z.number(),
      assumeEmpty: z.boolean(),
      commodities: z.array(
        open({
          commodity: z.string(),
          usableTonnes: z.number().nullable(),
          monthlyNeedTonnes: z.number().nullable(),
          monthsCovered: z.number().nullable(),
          status: z.string(),
          targetTonnes: z.number().nullable(),
          gapTonnes: z.number().nullable(),
        }),
      ),
      notes: z.array(z.string()),
    }),
    shortfall: open({
      stockpile: z.string(),
      country: z.string(),
      asOf: z.string(),
      year: z.number(),
      baseline: z.boolean(),
      commodities: z.array(
        open({
          commodity: z.string(),
          months: z.array(open({ month: z.string(), shortfallTonnes: z.number().nullable() })),
          shortfallTonnes: z.number().nullable(),
          supplyLostTonnes: z.number().nullable(),
          coverUsd: z.number().nullable(),
          notes: z.array(z.string()),
        }),
      ),
      notes: z.array(z.string()),
    }),
  })
  .openapi("StockpileReport");

// Open rows (additional properties allowed) agree when their named fields do.
type Named<T> = T extends readonly (infer U)[]
  ? Named<U>[]
  : T extends object
    ? { [K in keyof T as string extends K ? never : K]: Named<T[K]> }
    : T;
type AgreesOpen<T, S extends z.ZodType> = T extends Named<z.input<S>> ? true : false;
const _flowsAgrees: AgreesOpen<FlowsReport, typeof flowsReportSchema> = true;
const _routesAgrees: AgreesOpen<RoutesReport, typeof routesReportSchema> = true;
const _evaluationAgrees: AgreesOpen<ScenarioEvaluation, typeof scenarioEvaluationSchema> = true;
const _comparisonAgrees: Agrees<Comparison, typeof comparisonSchema> = true;
const _stockpileAgrees: AgreesOpen<
  { coverage: StockpileCoverage; shortfall: StockpileShortfall },
  typeof stockpileReportSchema
> = true;
void _stockpileAgrees;
void _flowsAgrees;
void _routesAgrees;
void _evaluationAgrees;
void _comparisonAgrees;
