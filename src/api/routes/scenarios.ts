/**
 * Scenarios and deals: the shipped scenarios, a scenario (shipped, or given in the body and
 * validated by the scenario schema) applied to the dataset the caller may see and evaluated,
 * scenarios compared side by side with the first, the deals with their status on a date, and
 * what one deal changes when it closes. Evaluations write nothing: viewers may ask for them, and
 * so may the public with `--public`. Each answer is kept per snapshot and body, with an ETag.
 */

import { createRoute, z } from "@hono/zod-openapi";
import { commoditiesFor, type EvaluationRequest } from "../../app/compare-scenarios.js";
import { DEFAULT_STOCKPILE, today } from "../../app/reading.js";
import type { ScenarioRef } from "../../app/scenario-evaluation.js";
import { emptyScenario, type Scenario, scenarioSchema } from "../../engine/scenario/index.js";
import { COMMODITIES } from "../../model/commodity.js";
import { isIsoDate, PERIOD_EXPECTED, PERIOD_PATTERN } from "../../model/dates.js";
import { DEAL_STATUSES } from "../../model/deal.js";
import { OrebookError } from "../../model/errors.js";
import { ID_PATTERN } from "../../model/ids.js";
import { boundAnonymousWork } from "../limits.js";
import { comparisonSchema, NAMED_RECORD_SCHEMAS, scenarioEvaluationSchema } from "../schemas.js";
import {
  type ApiApp,
  type ApiContext,
  bearer,
  computed,
  datasetParam,
  knownAtParam,
  openapi,
  PROBLEMS,
  queryKey,
  reportRoute,
  type Services,
  snapshotOf,
  WRITE_PROBLEMS,
} from "./common.js";

/** The scenario schema, named once for the document. */
export const SCENARIO_SCHEMA = scenarioSchema.meta({ id: "Scenario" });

const scenarioIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9._-]{1,100}$/, "Expected a shipped scenario's id, as GET /api/scenarios lists")
  .openapi({ description: "A shipped scenario's id", example: "orion-cmc-closes" });

const scenarioRefSchema = z
  .union([scenarioIdSchema, SCENARIO_SCHEMA])
  .openapi({ description: "A shipped scenario's id, or a scenario (see the Scenario schema)" });

const periodBody = z
  .string()
  .regex(new RegExp(PERIOD_PATTERN), PERIOD_EXPECTED)
  .optional()
  .openapi({
    description:
      "Production period for every scenario (default the first's, else the latest actual year)",
  });

const commoditiesBody = z
  .array(z.enum(COMMODITIES))
  .min(1)
  .max(COMMODITIES.length)
  .optional()
  .openapi({ description: "Commodities (default the scenarios' own, else cobalt and copper)" });

/** The engine parts beyond control and allocation, as `orebook compare` runs them by default. */
const partsBody = {
  routes: z
    .boolean()
    .optional()
    .openapi({ description: "Route the allocated tonnes (min-cost flow, HiGHS); default true" }),
  holder: z
    .string()
    .regex(/^[A-Za-z0-9._:-]{1,200}$/, "Expected a stockpile id or its holder entity")
    .optional()
    .openapi({
      description: `The stockpile whose coverage and shortfall each scenario measures (default ${DEFAULT_STOCKPILE}, when the dataset has it)`,
    }),
  stockpile: z.boolean().optional().openapi({ description: "Measure the stockpile; default true" }),
};

const evaluateBodySchema = z
  .strictObject({
    scenario: scenarioRefSchema,
    commodities: commoditiesBody,
    period: periodBody,
    ...partsBody,
  })
  .openapi("EvaluateRequest");

const compareBodySchema = z
  .strictObject({
    scenarios: z
      .array(scenarioRefSchema)
      .min(2, "Compare at least two scenarios: the first is the base")
      .max(8, "Compare at most eight scenarios at once"),
    commodities: commoditiesBody,
    period: periodBody,
    ...partsBody,
    includeUnchanged: z
      .boolean()
      .optional()
      .openapi({ description: "List metrics that do not change too" }),
  })
  .openapi("CompareRequest");

const dealEvaluateBodySchema = z
  .strictObject({
    date: z
      .string()
      .refine(isIsoDate, "Expected a calendar date as YYYY-MM-DD")
      .optional()
      .openapi({ description: "The day the deal closes (default today)", example: "2026-06-30" }),
    commodities: commoditiesBody,
    period: periodBody,
    ...partsBody,
  })
  .openapi("DealEvaluateRequest");

const snapshotOnly = z.object({ dataset: datasetParam, knownAt: knownAtParam });

const json = <S extends z.ZodType>(schema: S, description: string) => ({
  description,
  content: { "application/json": { schema } },
});

export function registerScenarioRoutes(app: ApiApp, services: Services): void {
  /** A scenario reference resolved: the shipped one by id, or the body's own. */
  const resolve = (ref: string | Scenario): ScenarioRef =>
    typeof ref === "string"
      ? { id: ref, scenario: services.scenarios.get(ref) }
      : { id: null, scenario: ref };

  /** The public may ask for a bounded amount of work: so many evaluations, so many changes. */
  const bound = (c: ApiContext, scenarios: readonly Scenario[], req: EvaluationRequest) => {
    const limits = services.limits.opts;
    const caller = c.var.caller;
    const evaluations = scenarios.length * commoditiesFor(req.commodities, scenarios).length;
    boundAnonymousWork(
      caller,
      evaluations,
      limits.anonymousEvaluations,
      "scenario evaluations (scenarios × commodities)",
    );
    for (const s of scenarios)
      boundAnonymousWork(
        caller,
        s.changes.length,
        limits.anonymousChanges,
        "changes in a scenario",
      );
  };

  openapi(
    app,
    createRoute({
      method: "get",
      path: "/api/scenarios",
      tags: ["Scenarios"],
      summary: "The scenarios shipped with Orebook",
      description: "Each with its id (for the other routes), name, base date and changes.",
      security: bearer,
      responses: {
        200: json(
          z
            .object({
              items: z.array(
                z.object({
                  id: z.string(),
                  name: z.string(),
                  description: z.string().nullable(),
                  baseDate: z.string(),
                  period: z.string().nullable(),
                  commodities: z.array(z.string()),
                  changes: z.number().int(),
                  scenario: SCENARIO_SCHEMA,
                }),
              ),
              problems: z.array(z.object({ id: z.string(), problems: z.array(z.string()) })),
            })
            .openapi("ScenarioList"),
          "The shipped scenarios",
        ),
        ...PROBLEMS,
      },
    }),
    (c) =>
      c.json(
        {
          items: services.scenarios.list().map(({ id, scenario: s }) => ({
            id,
            name: s.name,
            description: s.description ?? null,
            baseDate: s.baseDate,
            period: s.period ?? null,
            commodities: s.commodities ?? [],
            changes: s.changes.length,
            scenario: s,
          })),
          problems: [...services.scenarios.problems],
        },
        200,
        { "Cache-Control": "private, max-age=60" },
      ),
  );

  openapi(
    app,
    createRoute({
      method: "post",
      path: "/api/scenarios/evaluate",
      tags: ["Scenarios"],
      summary: "Apply a scenario's changes and report the result",
      description:
        "The scenario (a shipped id or a scenario in the body) is applied to the dataset the caller may see and evaluated: control and allocation per commodity, the headline metrics with their parts, and which engine parts were computed. Writes nothing.",
      security: bearer,
      request: {
        query: snapshotOnly,
        body: { required: true, content: { "application/json": { schema: evaluateBodySchema } } },
      },
      responses: {
        200: json(scenarioEvaluationSchema, "The evaluation"),
        304: { description: "Not modified (If-None-Match)" },
        ...WRITE_PROBLEMS,
      },
    }),
    async (c) => {
      const body = c.req.valid("json");
      const snap = await snapshotOf(services, c.var.caller, c.req.valid("query"));
      const ref = resolve(body.scenario);
      bound(c, [ref.scenario], body);
      return computed(
        c,
        services,
        [snap],
        `${queryKey(c)}|${JSON.stringify(body)}`,
        "scenario-evaluate",
        { datasetId: snap.datasetId, scenario: ref, evaluation: body },
      );
    },
  );

  openapi(
    app,
    createRoute({
      method: "post",
      path: "/api/scenarios/compare",
      tags: ["Scenarios"],
      summary: "Compare scenarios side by side with the first",
      description:
        "Each scenario applied to the same dataset and evaluated; every headline metric with its change from the first, the largest changes first, each explained by the parts that moved. As `orebook compare --format json`. Writes nothing.",
      security: bearer,
      request: {
        query: snapshotOnly,
        body: { required: true, content: { "application/json": { schema: compareBodySchema } } },
      },
      responses: {
        200: json(comparisonSchema, "The comparison"),
        304: { description: "Not modified (If-None-Match)" },
        ...WRITE_PROBLEMS,
      },
    }),
    async (c) => {
      const body = c.req.valid("json");
      const snap = await snapshotOf(services, c.var.caller, c.req.valid("query"));
      const refs = body.scenarios.map(resolve);
      bound(
        c,
        refs.map((r) => r.scenario),
        body,
      );
      return computed(
        c,
        services,
        [snap],
        `${queryKey(c)}|${JSON.stringify(body)}`,
        "scenario-compare",
        { datasetId: snap.datasetId, scenarios: refs, evaluation: body },
      );
    },
  );

  const dealAsOfSchema = z
    .object({
      statusAsOf: z.enum(DEAL_STATUSES).nullable(),
    })
    .and(NAMED_RECORD_SCHEMAS.deals as z.ZodType<object>)
    .openapi("DealAsOf");

  reportRoute(app, services, {
    path: "/api/deals",
    tag: "Deals",
    summary: "Deals with their status on asOf",
    description:
      "Every deal with its status on the date (from its dated history), conditions, valuation, probability and the changes it makes when it closes. As `orebook deals --format json`.",
    query: {
      status: z
        .enum(DEAL_STATUSES)
        .optional()
        .openapi({ description: "Only deals with this status on asOf" }),
    },
    answer: [
      z.object({ asOf: z.string(), deals: z.array(dealAsOfSchema) }).openapi("DealList"),
      "The deals",
    ],
    task: "report-deals",
    params: (q, { asOf }) => ({ asOf, status: q.status }),
  });

  openapi(
    app,
    createRoute({
      method: "post",
      path: "/api/deals/{id}/evaluate",
      tags: ["Deals"],
      summary: "What a deal changes when it closes",
      description:
        "The world on the date without and with the deal closed, evaluated and compared: every headline metric that moves, with why. Obligations such as security assistance are listed, not computed. Writes nothing.",
      security: bearer,
      request: {
        params: z.object({
          id: z
            .string()
            .regex(ID_PATTERN, "Expected a deal id")
            .openapi({
              param: { name: "id", in: "path" },
              example: "orion-cmc-glencore-kcc-mutanda",
            }),
        }),
        query: snapshotOnly,
        body: {
          required: true,
          content: { "application/json": { schema: dealEvaluateBodySchema } },
        },
      },
      responses: {
        200: json(
          z
            .object({
              deal: z.string(),
              date: z.string(),
              evaluation: scenarioEvaluationSchema,
              comparison: comparisonSchema,
            })
            .openapi("DealEvaluation"),
          "Today and with the deal closed, compared",
        ),
        304: { description: "Not modified (If-None-Match)" },
        ...WRITE_PROBLEMS,
      },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const body = c.req.valid("json");
      const snap = await snapshotOf(services, c.var.caller, c.req.valid("query"));
      const dataset = await services.data.dataset(snap);
      // A deal the caller may not see answers exactly as one that does not exist.
      const deal = dataset.deals.find((d) => d.id === id);
      if (!deal)
        throw new OrebookError("NOT_FOUND", `No deals record ${id} in dataset ${snap.datasetId}`);
      const date = body.date ?? today();
      bound(c, [emptyScenario(date), emptyScenario(date)], body);
      return computed(
        c,
        services,
        [snap],
        `${queryKey(c)}|${JSON.stringify(body)}|${date}`,
        "deal-evaluate",
        { deal: id, dealName: deal.name, date, evaluation: body },
      );
    },
  );
}
