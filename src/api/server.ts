/**
 * The API on a socket: opens the ledger and the token table from the same options, builds the
 * app and listens. `orebook serve` calls `startServer`; tests call it with port 0.
 */
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { serve } from "@hono/node-server";
import type { LiveRegisters } from "../app/live-register.js";
import { openComputePool } from "../app/open-compute-pool.js";
import { openDefaultLedger } from "../app/open-default-ledger.js";
import type { Ledger } from "../ledger/ledger.js";
import { createApp } from "./app.js";
import { JobRunner } from "./jobs/job-runner.js";
import type { ComputeLimits } from "./limits.js";
import { TokenStore } from "./token-store.js";

/** Where the dashboard's built files are looked for: the repository's dist/web. */
export const DEFAULT_STATIC_DIR = fileURLToPath(new URL("../../dist/web", import.meta.url));

export interface ServerOptions {
  port?: number;
  host?: string;
  publicRead?: boolean;
  db?: string | undefined;
  databaseUrl?: string | undefined;
  /** Use this ledger instead of opening one (tests). */
  ledger?: Ledger;
  tokens?: TokenStore;
  staticDir?: string;
  jobConcurrency?: number;
  bodyBytes?: number;
  /** Threads for computations (default the cores less one); 0 computes on the event loop. */
  computeWorkers?: number;
  /** How much computing each caller may ask for (default `DEFAULT_LIMITS`). */
  limits?: Partial<ComputeLimits>;
}

export interface RunningServer {
  url: string;
  port: number;
  /** The registers the server keeps compiled (for tests and the benchmark's counts). */
  live: LiveRegisters;
  close(): Promise<void>;
}

/** Opens the stores and listens; resolves once the socket is bound. */
export async function startServer(opts: ServerOptions = {}): Promise<RunningServer> {
  const store = { db: opts.db, databaseUrl: opts.databaseUrl };
  const ownsLedger = opts.ledger === undefined;
  const ledger = opts.ledger ?? (await openDefaultLedger(store));
  const ownsTokens = opts.tokens === undefined;
  const tokens = opts.tokens ?? (await TokenStore.open(store));
  const jobs = new JobRunner(
    opts.jobConcurrency === undefined ? {} : { concurrency: opts.jobConcurrency },
  );
  const compute = openComputePool({ workers: opts.computeWorkers });
  compute.warm();
  const app = createApp({
    ledger,
    tokens,
    jobs,
    compute,
    ...(opts.limits === undefined ? {} : { limits: opts.limits }),
    publicRead: opts.publicRead ?? false,
    staticDir: opts.staticDir ?? DEFAULT_STATIC_DIR,
    ...(opts.bodyBytes === undefined ? {} : { bodyBytes: opts.bodyBytes }),
  });
  const host = opts.host ?? "127.0.0.1";
  const server = await new Promise<ReturnType<typeof serve>>((ok, fail) => {
    const s = serve({ fetch: app.fetch, port: opts.port ?? 4173, hostname: host }, () => ok(s));
    s.once("error", fail);
  });
  // Headers must arrive promptly; bodies are bounded by the body limit.
  const http = server as Server;
  http.headersTimeout = 20_000;
  http.requestTimeout = 120_000;
  const port = (server.address() as AddressInfo).port;
  const shownHost = host.includes(":") ? `[${host}]` : host;
  return {
    url: `http://${shownHost}:${port}`,
    port,
    live: app.services.live,
    async close() {
      await jobs.close();
      await compute.close();
      await new Promise<void>((ok) => {
        server.close(() => ok());
        (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
      });
      if (ownsTokens) await tokens.close();
      if (ownsLedger) await ledger.close();
    },
  };
}
