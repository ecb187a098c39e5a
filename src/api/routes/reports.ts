/**
 * Reports: each route takes the world the caller may see at `asOf` (as known at `knownAt`),
 * calls one engine function and sends its result, ETagged and cached per dataset revision.
 */
import { createRoute, z } from "@hono/zod-openapi";
import { DEFAULT_STOCKPILE, readingDates } from "../../app/reading.js";
import { flowsDates } from "../../app/world-reports.js";
import { COUNTRY_BASES, COUNTRY_GROUPS, SHARE_BASES } from "../../engine/common/index.js";
import { lookThroughReportFor } from "../../engine/ownership/index.js";
import { ROUTE_OBJECTIVES, type RouteObjective } from "../../engine/routes/index.js";
import { COMMODITIES, type Commodity } from "../../model/commodity.js";
import { PERIOD_EXPECTED, PERIOD_PATTERN } from "../../model/dates.js";
import { OFFTAKE_STATUSES } from "../../model/offtake.js";
import { boundAnonymousWork } from "../limits.js";
import {
  chainsReportSchema,
  controlReportSchema,
  controlSeriesSchema,
  deFactoSeriesSchema,
  explanationSchema,
  flowsReportSchema,
  heldAreasReportSchema,
  lookThroughReportSchema,
  routesReportSchema,
  stockpileReportSchema,
  VIEW_VALUES,
} from "../schemas.js";
import {
  type ApiApp,
  bearer,
  cachedJson,
  computed,
  fastNotModified,
  jsonAnswer,
  openapi,
  PROBLEMS,
  queryKey,
  reportRoute,
  type Services,
  shippedScenario,
  snapshotOf,
  snapshotQuery,
} from "./common.js";

const commodityParam = z
  .enum(COMMODITIES, { error: () => `Expected one of ${COMMODITIES.join(", ")}` })
  .openapi({ description: "The commodity", example: "cobalt" });
const periodParam = z
  .string()
  .regex(new RegExp(PERIOD_PATTERN), PERIOD_EXPECTED)
  .optional()
  .openapi({
    description: "Production period (default the latest year with actual figures)",
    example: "2024",
  });
const yearParam = (description: string) =>
  z
    .string()
    .regex(/^(19|20|21)\d{2}$/, "Expected a year such as 2018")
    .optional()
    .openapi({ description, example: "2018" });
const thresholdParam = z
  .string()
  .regex(/^0?\.\d+$/, "Expected a fraction between 0 and 1, e.g. 0.5")
  .optional()
  .openapi({ description: "Majority threshold for control (default 0.5)", example: "0.5" });

/** The options of every report that gives shares (the CLI's --basis, --country-basis, --group). */
const shareQuery = {
  basis: z
    .enum(SHARE_BASES, { error: () => `Expected one of ${SHARE_BASES.join(", ")}` })
    .optional()
    .openapi({
      description:
        "What shares are of: national (the country's mine output, with a row for what no recorded asset holds; default) or recorded (the recorded assets' tonnes)",
      example: "national",
    }),
  countryBasis: z
    .enum(COUNTRY_BASES, { error: () => `Expected one of ${COUNTRY_BASES.join(", ")}` })
    .optional()
    .openapi({
      description:
        "Which country a holder counts for: incorporation (default) or headquarters (where it is run from)",
      example: "headquarters",
    }),
  group: z
    .enum(COUNTRY_GROUPS, { error: () => `Expected one of ${COUNTRY_GROUPS.join(", ")}` })
    .optional()
    .openapi({
      description: "Count countries together: greater-china (China, Hong Kong and Macao)",
      example: "greater-china",
    }),
};

const scenarioParam = z
  .string()
  .regex(/^[A-Za-z0-9._-]{1,100}$/, "Expected a shipped scenario's id, as GET /api/scenarios lists")
  .optional()
  .openapi({
    description:
      "A shipped scenario (GET /api/scenarios) applied first; asOf then defaults to its base date",
    example: "lobito-closed",
  });

const listParam = (what: string, example: string) =>
  z
    .string()
    .max(2000)
    .regex(/^[A-Za-z0-9._:-]+(,[A-Za-z0-9._:-]+)*$/, `Expected ${what}, comma-separated`)
    .optional()
    .openapi({ description: `${what}, comma-separated`, example });

const offtakesParam = z
  .string()
  .refine(
    (v) => v.split(",").every((s) => (OFFTAKE_STATUSES as readonly string[]).includes(s.trim())),
    `Expected offtake statuses from ${OFFTAKE_STATUSES.join(", ")}, comma-separated`,
  )
  .optional()
  .openapi({
    description: `Offtake statuses that take part (default active): ${OFFTAKE_STATUSES.join(", ")}`,
    example: "active,option",
  });

/** `cobalt=10000,copper=2e4` → tonnes by commodity (the CLI's `--need` without its unit). */
export const commodityTonnesParam = (description: string) =>
  z
    .string()
    .max(500)
    .regex(
      new RegExp(
        `^(${COMMODITIES.join("|")})=[0-9.eE+]+(,(${COMMODITIES.join("|")})=[0-9.eE+]+)*$`,
      ),
      "Expected COMMODITY=TONNES pairs, comma-separated, e.g. cobalt=10000",
    )
    .refine(
      (v) =>
        v
          .split(",")
          .every((p) => Number.isFinite(Number(p.split("=")[1])) && Number(p.split("=")[1]) >= 0),
      "Expected tonnes as non-negative numbers",
    )
    .optional()
    .openapi({ description, example: "cobalt=10000" });

/** The tonnes of a `commodityTonnesParam`. */
export function commodityTonnesOf(
  v: string | undefined,
): Partial<Record<Commodity, number>> | undefined {
  if (v === undefined) return undefined;
  return Object.fromEntries(v.split(",").map((p) => [p.split("=")[0], Number(p.split("=")[1])]));
}

export function registerReportRoutes(app: ApiApp, services: Services): void {
  reportRoute(app, services, {
    path: "/api/reports/territory",
    summary: "The areas armed groups hold on a date, and the sites in them",
    description:
      "Every territory record in force on asOf with its administrative units (how much of each is held, boundaries with their sources), and each site placed in a held area (named by the record, in a unit held whole, or by its point inside a held boundary) or in a unit held only in part.",
    query: {},
    answer: [heldAreasReportSchema, "The held areas and the sites"],
    task: "report-territory",
    params: (_q, { asOf }) => ({ asOf }),
  });

  reportRoute(app, services, {
    path: "/api/reports/de-facto-series",
    summary: "Armed groups' de facto share of each commodity, year by year",
    description:
      "For each year from `from` to `to`, the tonnes recorded on named sites for the year and the share on ground an armed group holds on the year's last day (or asOf, if earlier), with the sites held with or without a figure. Shares are of the recorded tonnes, not of national output.",
    query: {
      commodities: listParam(
        "Commodities (default tin, tantalum, tungsten, gold)",
        "tin,tantalum",
      ).refine(
        (v) =>
          v === undefined ||
          v.split(",").every((x) => (COMMODITIES as readonly string[]).includes(x)),
        `Expected commodities from ${COMMODITIES.join(", ")}, comma-separated`,
      ),
      from: yearParam("First year (default 2018)"),
      to: yearParam("Last year (default the year of asOf)"),
    },
    answer: [deFactoSeriesSchema, "The series"],
    task: "report-de-facto-series",
    params: (q, { asOf }) => ({
      asOf,
      commodities: q.commodities?.split(",") as Commodity[] | undefined,
      from: q.from !== undefined ? Number(q.from) : undefined,
      to: q.to !== undefined ? Number(q.to) : undefined,
    }),
  });

  reportRoute(app, services, {
    path: "/api/reports/chains",
    summary: "Every chain of stakes from one entity down to another entity or asset",
    description:
      "The chains of stakes from `from` down to `to`, each with its nodes, the stakes of each link and the product of the shares (with its range), largest first, beside the solver's look-through share of the pair (which also counts cross-holdings). Chains longer than maxHops links or below one millionth are left out.",
    query: {
      from: z
        .string()
        .min(1)
        .max(200)
        .openapi({ description: "The holder: an id or a name", example: "cmoc" }),
      to: z
        .string()
        .min(1)
        .max(200)
        .openapi({ description: "The entity or asset held", example: "tenke-fungurume" }),
      maxHops: z
        .string()
        .regex(/^([1-9]|1[0-2])$/, "Expected a whole number from 1 to 12")
        .optional()
        .openapi({ description: "Most links on a chain (default 8)", example: "6" }),
    },
    answer: [chainsReportSchema, "The chains and the look-through share"],
    task: "report-chains",
    params: (q, { asOf }) => ({
      asOf,
      from: q.from,
      to: q.to,
      maxHops: q.maxHops !== undefined ? Number(q.maxHops) : undefined,
    }),
  });

  reportRoute(app, services, {
    path: "/api/reports/series",
    summary: "A commodity year by year: shares, output, exports, HHI and the events between",
    description:
      "For each year from `from` to `to`, the control and flows reports of that year's output, read on the year's last day (or asOf, if earlier): output counted and exported, the HHI of every view and of buyer countries, country shares in the four control views and the leading companies' shares; with the dated export bans and quotas, deals signed, closed or collapsed, and sites armed groups took or left.",
    query: {
      commodity: commodityParam,
      from: yearParam("First year (default 2018)"),
      to: yearParam("Last year (default the year of asOf)"),
    },
    answer: [controlSeriesSchema, "The series and its events"],
    task: "report-series",
    params: (q, { asOf }) => ({
      commodity: q.commodity,
      asOf,
      from: q.from !== undefined ? Number(q.from) : undefined,
      to: q.to !== undefined ? Number(q.to) : undefined,
    }),
  });

  reportRoute(app, services, {
    path: "/api/reports/control",
    summary: "Who owns and controls a commodity's production",
    description:
      "Country shares by location, look-through attributable interest, consolidated (majority) control and de facto control, with HHI, companies and assets.",
    query: {
      commodity: commodityParam,
      period: periodParam,
      threshold: thresholdParam,
      ...shareQuery,
    },
    answer: [controlReportSchema, "The control report"],
    task: "report-control",
    params: (q) => ({
      request: { ...q, threshold: q.threshold ? Number(q.threshold) : undefined },
    }),
  });

  reportRoute(app, services, {
    path: "/api/reports/explain",
    summary: "Why a country has its share",
    description:
      "Asset by asset, the tonnes that reach a country (or bucket: unknown, public-float, armed-group:ID) in one view, and the ownership or control chains that carry them.",
    query: {
      commodity: commodityParam,
      country: z.string().min(1).max(200).openapi({
        description: "ISO code (CN, US, CD), unknown, public-float or armed-group:ID",
        example: "CN",
      }),
      view: z.enum(VIEW_VALUES).optional().openapi({ description: "Default attributable" }),
      period: periodParam,
      ...shareQuery,
    },
    answer: [explanationSchema, "The explanation"],
    task: "report-explain",
    params: (q) => ({ request: q }),
  });

  openapi(
    app,
    createRoute({
      method: "get",
      path: "/api/reports/lookthrough",
      tags: ["Reports"],
      middleware: [fastNotModified(services)] as const,
      summary: "Who ultimately owns an entity or asset, and what it ultimately holds",
      security: bearer,
      request: {
        query: z.object({
          ...snapshotQuery,
          entity: z
            .string()
            .min(1)
            .max(200)
            .openapi({ description: "An id, a name or part of one", example: "gecamines" }),
        }),
      },
      responses: {
        200: jsonAnswer(lookThroughReportSchema, "The look-through report"),
        304: { description: "Not modified (If-None-Match)" },
        ...PROBLEMS,
        409: {
          description: "The name matches several entities or assets: the candidates are listed",
          content: {
            "application/problem+json": {
              schema: PROBLEMS[400].content["application/problem+json"].schema,
            },
          },
        },
      },
    }),
    async (c) => {
      const q = c.req.valid("query");
      const { asOf } = readingDates(q, undefined);
      const home = await snapshotOf(services, c.var.caller, q);
      // An id everyone may see, at what the store knows now: answered from the register this
      // server keeps compiled (checked against the dataset's write sequence, updated in place
      // by its writes), on this thread; the look-through reads only what reaches the node.
      // Its Server-Timing header says where the time went: the register (kept, or read and
      // built again), the report (0 when the body was kept) with its rows, and the body (the
      // report and its JSON).
      if (home.scope === "all" && home.knownAt === undefined) {
        const t0 = performance.now();
        const live = await services.live.at(home.datasetId, asOf, home.sequence);
        const t1 = performance.now();
        const id = q.entity.trim();
        if (live.graph.indexOf.has(id)) {
          let reportMs = 0;
          let rows = "";
          const res = await cachedJson(c, services, home, `${queryKey(c)}|${asOf}`, () => {
            const t = performance.now();
            const r = lookThroughReportFor(live.world, id, live.graph);
            reportMs = performance.now() - t;
            rows = `${r.owners.length} owners, ${r.holdings.length} holdings`;
            return { ...r, dataset: home.datasetId, foundElsewhere: false };
          });
          const t2 = performance.now();
          res.headers.append(
            "Server-Timing",
            `register;dur=${(t1 - t0).toFixed(1)}, report;desc="${rows}";dur=${reportMs.toFixed(1)}, body;dur=${(t2 - t1).toFixed(1)}`,
          );
          return res;
        }
      }
      if (q.dataset !== undefined)
        return computed(c, services, [home], `${queryKey(c)}|${asOf}`, "report-lookthrough", {
          asOf,
          entity: q.entity,
          datasets: [home.datasetId],
          only: true,
        });
      // No dataset named: an exact match in the default dataset wins, else every dataset is
      // searched and the report says where the match is. The answer is kept per revision of
      // every dataset.
      const others = (await services.data.ledger.datasets())
        .map((d) => d.id)
        .filter((d) => d !== home.datasetId);
      const snaps = [
        home,
        ...(await Promise.all(
          others.map((dataset) => snapshotOf(services, c.var.caller, { ...q, dataset })),
        )),
      ];
      const all = { ...home, datasetId: "*", revision: snaps.map((s) => s.revision).join(",") };
      return computed(
        c,
        services,
        snaps,
        `${queryKey(c)}|${asOf}|${snaps.map((s) => s.datasetId).join(",")}`,
        "report-lookthrough",
        { asOf, entity: q.entity, datasets: snaps.map((s) => s.datasetId), only: false },
        all,
      );
    },
  );

  reportRoute(app, services, {
    path: "/api/reports/flows",
    summary: "Where a commodity's tonnes go: held back, offtakes by buyer and country, open market",
    description:
      "The allocation waterfall (export bans and quotas, offtakes in priority order, the rest to the open market) and its metrics: by seller, buyer, buyer country and destination, US-accessible tonnes, HHI, US net import reliance, EU supply risk. As `orebook report flows --format json`.",
    query: {
      commodity: commodityParam,
      period: periodParam.openapi({
        description: "Production period (default the year of asOf)",
        example: "2024",
      }),
      quota: z
        .enum(["on", "off"])
        .optional()
        .openapi({ description: "off: what would flow without bans and quotas (default on)" }),
      offtakes: offtakesParam,
      ...shareQuery,
      scenario: scenarioParam,
    },
    answer: [flowsReportSchema, "The flows report"],
    task: "report-flows",
    scenario: (q) => q.scenario,
    dates: flowsDates,
    params: (q, { scenario }) => ({
      scenario,
      request: {
        ...q,
        quota: q.quota !== "off",
        offtakeStatuses: (q.offtakes ?? "active")
          .split(",")
          .map((s) => s.trim()) as (typeof OFFTAKE_STATUSES)[number][],
      },
    }),
  });

  reportRoute(app, services, {
    path: "/api/reports/routes",
    summary: "Which way the tonnes leave: legs, ports, unshipped tonnes and binding capacities",
    description:
      "The tonnes to ship (offtakes and open market, or production to the controller's country) routed over the network as a min-cost flow (HiGHS), with the Sankey graph. As `orebook report routes --format json`.",
    query: {
      commodity: commodityParam,
      period: periodParam,
      shipments: z
        .enum(["allocation", "control"])
        .optional()
        .openapi({ description: "Where the shipments come from (default allocation)" }),
      open: listParam("Planned nodes, legs or corridors to open", "banana"),
      close: listParam("Nodes, legs or corridors to close", "lobito"),
      openMarket: z
        .string()
        .regex(/^[A-Za-z0-9._:-]{1,200}$/, "Expected a route node id")
        .optional()
        .openapi({
          description: "Where open-market tonnes go (default the controller country's market)",
        }),
      defaultMarket: z
        .string()
        .regex(/^[A-Za-z0-9._:-]{1,200}$/, "Expected a route node id")
        .optional()
        .openapi({ description: "Where tonnes go whose buyer country has no market node" }),
      objective: z
        .enum(ROUTE_OBJECTIVES as [RouteObjective, ...RouteObjective[]])
        .optional()
        .openapi({ description: "Force the objective (default cost where known)" }),
      timeLimit: z
        .string()
        .regex(/^([1-9]|[1-5][0-9]|60)$/, "Expected whole seconds from 1 to 60")
        .optional()
        .openapi({ description: "Solver time limit in seconds (default 20, at most 60)" }),
      scenario: scenarioParam,
    },
    answer: [routesReportSchema, "The routes report"],
    task: "report-routes",
    scenario: (q) => q.scenario,
    params: (q, { scenario, c }) => {
      const list = (v: string | undefined) =>
        v === undefined ? [] : v.split(",").filter((s) => s !== "");
      const timeLimit = q.timeLimit === undefined ? 20 : Number(q.timeLimit);
      if (q.timeLimit !== undefined)
        boundAnonymousWork(
          c.var.caller,
          timeLimit,
          services.limits.opts.anonymousRouteSeconds,
          "seconds of routing (timeLimit)",
        );
      return {
        scenario,
        request: {
          ...q,
          shipmentsFrom: q.shipments,
          open: list(q.open),
          close: list(q.close),
          timeLimitSeconds: timeLimit,
        },
      };
    },
  });

  reportRoute(app, services, {
    path: "/api/reports/stockpile",
    summary: "A stockpile's coverage and its shortfall, under a scenario when named",
    description:
      "Coverage: months of the holder country's net imports the usable inventory covers (unknown holdings stay unknown unless assumeEmpty). Shortfall: per commodity and month of the year, need less the DRC supply still reaching the holder's country; with a scenario, against the dataset without it (or baseline). User inputs (need, assumeEmpty) are marked in the result. As `orebook stockpile status --format json`.",
    query: {
      holder: z
        .string()
        .regex(/^[A-Za-z0-9._:-]{1,200}$/, "Expected a stockpile id or its holder entity")
        .openapi({
          description: "A stockpile id or its holder entity",
          example: DEFAULT_STOCKPILE,
        }),
      unavailable: z
        .string()
        .regex(/^(0(\.\d+)?|1(\.0+)?)$/, "Expected a fraction from 0 to 1")
        .optional()
        .openapi({ description: "Share of the inventory that cannot be drawn (default 0)" }),
      assumeEmpty: z.enum(["1"]).optional().openapi({
        description: "1: treat holdings missing from the sources as empty (stated)",
      }),
      need: commodityTonnesParam(
        "USER INPUT need in tonnes a year where the sources lack net-import tonnes",
      ),
      year: z
        .string()
        .regex(/^(19|20)\d{2}$/, "Expected a year")
        .optional()
        .openapi({
          description: "The year whose months the shortfall examines (default asOf's)",
        }),
      scenario: scenarioParam,
      baseline: scenarioParam.openapi({
        description:
          "A shipped scenario as the shortfall's baseline (default with scenario: the dataset without it)",
      }),
    },
    answer: [stockpileReportSchema, "Coverage and shortfall"],
    task: "report-stockpile",
    scenario: (q) => q.scenario,
    params: (q, { scenario }) => ({
      scenario,
      baseline: shippedScenario(services, q.baseline),
      request: {
        ...q,
        unavailable: q.unavailable === undefined ? 0 : Number(q.unavailable),
        assumeEmpty: q.assumeEmpty === "1",
        need: commodityTonnesOf(q.need),
        year: q.year === undefined ? undefined : Number(q.year),
      },
    }),
  });
}
