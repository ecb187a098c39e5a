/**
 * The Orebook HTTP API as a Hono app: thin routes over the ledger and the engine, every error
 * a problem+json, security headers on every response, the OpenAPI 3.1 document generated from
 * the same Zod schemas that validate requests, and a mount point for the dashboard's static
 * files. `createApp` builds it without a socket (tests call `app.request()`); `server.ts` puts
 * it on one.
 *
 * @example
 * ```ts
 * const app = createApp({ ledger, tokens, publicRead: false });
 * const res = await app.request("/api/reports/control?commodity=cobalt", { headers: { authorization: `Bearer ${token}` } });
 * ```
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import { extname, join, normalize, resolve, sep } from "node:path";
import { OpenAPIHono } from "@hono/zod-openapi";
import type { MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import { LiveRegisters } from "../app/live-register.js";
import { type AppComputePool, openComputePool } from "../app/open-compute-pool.js";
import type { Ledger } from "../ledger/ledger.js";
import { OrebookError } from "../model/errors.js";
import { authMiddleware } from "./auth.js";
import { DataService } from "./data-service.js";
import { DOCS_CSS, docsPageFrom } from "./docs-page.js";
import { JOB_KINDS } from "./jobs/job-kinds.js";
import { JobRunner } from "./jobs/job-runner.js";
import { type ComputeLimits, Limits } from "./limits.js";
import {
  httpError,
  issuesFromZod,
  type Problem,
  problemFrom,
  problemFromError,
} from "./problem.js";
import type { ApiEnv, Services } from "./routes/common.js";
import { registerDataRoutes } from "./routes/data.js";
import { registerJobRoutes } from "./routes/jobs.js";
import { registerPlannedRoutes } from "./routes/planned.js";
import { registerRecordRoutes } from "./routes/records.js";
import { registerReportRoutes } from "./routes/reports.js";
import { registerScenarioRoutes } from "./routes/scenarios.js";
import { registerSessionRoutes } from "./routes/session.js";
import { registerTokenRoutes } from "./routes/tokens.js";
import { ScenarioCatalogue } from "./scenario-catalogue.js";
import type { TokenStore } from "./token-store.js";

export const API_VERSION = "0.1.0";

export interface AppOptions {
  ledger: Ledger;
  tokens: TokenStore;
  /** Serve read-only public data to requests without a token (`--public`). */
  publicRead?: boolean;
  /** The job runner (default one with a worker per spare core). */
  jobs?: JobRunner;
  /** A folder of static files (the dashboard) served at `/` when it exists. */
  staticDir?: string;
  /** Largest request body, in bytes (default 1 MiB); imports get `importBytes` (default 32 MiB). */
  bodyBytes?: number;
  importBytes?: number;
  /** The shipped scenarios (default: read scenarios/*.yaml once, now). */
  scenarios?: ScenarioCatalogue;
  /** Where computations run (default a pool with a worker per spare core, when built). */
  compute?: AppComputePool;
  /** How much computing each caller may ask for (default `DEFAULT_LIMITS`). */
  limits?: Partial<ComputeLimits>;
}

/** Same-origin everything, no inline script or style, no framing. */
export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

const SECURITY_HEADERS: Record<string, string> = {
  "Content-Security-Policy": CONTENT_SECURITY_POLICY,
  "X-Content-Type-Options": "nosniff",
  "X-Frame-Options": "DENY",
  "Referrer-Policy": "no-referrer",
  "Cross-Origin-Opener-Policy": "same-origin",
  "Cross-Origin-Resource-Policy": "same-origin",
  "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=()",
  "Strict-Transport-Security": "max-age=31536000; includeSubDomains",
};

function problemResponse(p: Problem, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(p), {
    status: p.status,
    headers: {
      "Content-Type": "application/problem+json",
      "Cache-Control": "no-store",
      ...headers,
    },
  });
}

/** Whether `e` comes of the client closing the request (not of the server failing). */
export function clientWentAway(req: Request, e: unknown): boolean {
  if (req.signal.aborted) return true;
  const err = e as { code?: unknown; message?: unknown } | null;
  return (
    err?.code === "ECONNRESET" ||
    err?.code === "ERR_STREAM_PREMATURE_CLOSE" ||
    err?.message === "aborted" ||
    err?.message === "Client connection prematurely closed."
  );
}

const securityHeaders: MiddlewareHandler = async (c, next) => {
  await next();
  const h = c.res.headers;
  for (const [k, v] of Object.entries(SECURITY_HEADERS)) h.set(k, v);
  if (!h.has("Cache-Control")) h.set("Cache-Control", "no-store");
};

const MIME: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".ico": "image/x-icon",
  ".woff2": "font/woff2",
  ".map": "application/json",
  ".geojson": "application/geo+json",
};

/** A file under `root` for a URL path, never outside it; index.html for the app's own routes. */
function staticFile(root: string, urlPath: string): string | undefined {
  let rel: string;
  try {
    rel = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  if (rel.includes("\0")) return undefined;
  const full = normalize(join(root, rel));
  if (full !== root && !full.startsWith(root + sep)) return undefined;
  if (existsSync(full) && statSync(full).isFile()) return full;
  if (extname(rel) === "") {
    const index = join(root, "index.html");
    if (existsSync(index)) return index;
  }
  return undefined;
}

/** Builds the app and the services behind it. */
export function createApp(opts: AppOptions): OpenAPIHono<ApiEnv> & { services: Services } {
  const auth = authMiddleware(opts.tokens, { publicRead: opts.publicRead ?? false });
  const services: Services = {
    data: new DataService(opts.ledger),
    tokens: opts.tokens,
    jobs: opts.jobs ?? new JobRunner(),
    scenarios: opts.scenarios ?? ScenarioCatalogue.load(),
    sessions: auth.sessions,
    forgetTokens: () => auth.forget(),
    compute: opts.compute ?? openComputePool(),
    limits: new Limits(opts.limits),
    computing: new Map(),
    live: new LiveRegisters(opts.ledger),
    importBytes: opts.importBytes ?? 32 * 1024 * 1024,
  };

  const app = new OpenAPIHono<ApiEnv>({
    // Problems are rendered by onError, one place for all: the hook only throws.
    defaultHook: (result) => {
      if (result.success) return;
      const target = (result as { target?: string }).target ?? "query";
      const issues = issuesFromZod(result.error);
      const first = issues[0];
      const where =
        target === "json"
          ? "the body"
          : target === "param"
            ? "the path"
            : target === "header"
              ? "the headers"
              : "the query";
      const detail = `${issues.length} problem${issues.length === 1 ? "" : "s"} in ${where}${
        first ? `, the first: ${first.path.join(".") || "(root)"}: ${first.message}` : ""
      }`;
      if (target === "json") throw new OrebookError("INVALID_DATA", detail, { issues });
      throw httpError("BAD_INPUT", detail, { issues });
    },
  });

  app.use("*", securityHeaders);
  app.onError((e, c) => {
    const { problem, headers } = problemFromError(e, new URL(c.req.url).pathname);
    // A client that went away (its body cut short, the connection closed) is no server error:
    // nothing is logged, and the answer goes nowhere.
    if (clientWentAway(c.req.raw, e))
      return problemResponse(
        problemFrom(
          "BAD_INPUT",
          "The client closed the request before it was read",
          new URL(c.req.url).pathname,
        ),
      );
    if (problem.status >= 500 && problem.code === "INTERNAL")
      process.stderr.write(
        `orebook api: ${c.req.method} ${new URL(c.req.url).pathname}: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`,
      );
    return problemResponse(problem, headers);
  });
  app.notFound((c) =>
    problemResponse(
      problemFrom(
        "NOT_FOUND",
        `No route ${c.req.method} ${new URL(c.req.url).pathname}: the routes are listed at /docs and /openapi.json`,
        new URL(c.req.url).pathname,
      ),
    ),
  );

  const smallBody = bodyLimit({
    maxSize: opts.bodyBytes ?? 1024 * 1024,
    onError: () => {
      throw httpError(
        "PAYLOAD_TOO_LARGE",
        `The request body is larger than ${opts.bodyBytes ?? 1024 * 1024} bytes`,
      );
    },
  });
  const bigBody = bodyLimit({
    maxSize: services.importBytes,
    onError: () => {
      throw httpError(
        "PAYLOAD_TOO_LARGE",
        `The import is larger than ${services.importBytes} bytes: split it into several imports`,
      );
    },
  });
  app.use("/api/*", (c, next) => {
    // An import (any format) streams its body to a file and counts it as it goes
    // (api/import-body.ts): the limit is checked there, without holding the body here.
    if (c.req.path === "/api/import") return next();
    return c.req.path.startsWith("/api/import") || c.req.path === "/api/jobs"
      ? bigBody(c, next)
      : smallBody(c, next);
  });

  app.get("/api/health", (c) =>
    c.json({ ok: true, version: API_VERSION, store: opts.ledger.dialect }),
  );
  app.use("/api/*", auth);

  app.openAPIRegistry.registerComponent("securitySchemes", "bearer", {
    type: "http",
    scheme: "bearer",
    description: "An Orebook API token (orebook token create --role viewer|analyst|admin)",
  });
  // The job kinds' parameter schemas, named so clients can build a POST /api/jobs body.
  for (const [name, kind] of Object.entries(JOB_KINDS))
    app.openAPIRegistry.register(
      `${name
        .split("-")
        .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
        .join("")}Params`,
      kind.params as unknown as Parameters<typeof app.openAPIRegistry.register>[1],
    );
  registerReportRoutes(app, services);
  registerRecordRoutes(app, services);
  registerDataRoutes(app, services);
  registerJobRoutes(app, services);
  registerTokenRoutes(app, services);
  registerScenarioRoutes(app, services);
  registerSessionRoutes(app, services);
  registerPlannedRoutes(app, services);

  const docConfig = {
    openapi: "3.1.0",
    info: {
      title: "Orebook API",
      version: API_VERSION,
      description:
        "Who owns and controls critical-mineral production in the DR Congo: records with their history, snapshots at any date as known at any time, reports, jobs, imports and exports.",
      license: { name: "Apache-2.0", identifier: "Apache-2.0" },
    },
    servers: [{ url: "/" }],
    tags: [
      { name: "Reports" },
      { name: "Records" },
      { name: "Datasets" },
      { name: "Imports and exports" },
      { name: "Jobs" },
      { name: "Scenarios" },
      { name: "Deals" },
      { name: "Tokens" },
    ],
  };
  let docCache: { json: string; html: string } | undefined;
  const docs = () => {
    if (!docCache) {
      const doc = app.getOpenAPI31Document(docConfig);
      docCache = {
        json: JSON.stringify(doc),
        html: docsPageFrom(doc as unknown as Parameters<typeof docsPageFrom>[0]),
      };
    }
    return docCache;
  };
  app.get("/openapi.json", (c) =>
    c.body(docs().json, 200, {
      "Content-Type": "application/json; charset=utf-8",
      "Cache-Control": "public, max-age=300",
    }),
  );
  app.get("/docs", (c) => c.html(docs().html));
  app.get("/docs/style.css", (c) =>
    c.body(DOCS_CSS, 200, {
      "Content-Type": "text/css; charset=utf-8",
      "Cache-Control": "public, max-age=300",
    }),
  );

  // The dashboard's mount point: static files from staticDir, when the folder exists.
  const root = opts.staticDir ? resolve(opts.staticDir) : undefined;
  if (root && existsSync(root)) {
    app.get("*", (c, next) => {
      if (c.req.path.startsWith("/api/")) return next();
      const file = staticFile(root, c.req.path);
      if (!file) return next();
      return c.body(readFileSync(file), 200, {
        "Content-Type": MIME[extname(file)] ?? "application/octet-stream",
        "Cache-Control": extname(file) === ".html" ? "no-cache" : "public, max-age=3600",
      });
    });
  }

  return Object.assign(app, { services });
}
