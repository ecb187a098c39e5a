/**
 * The fixture every API test shares: an in-memory ledger with the reference dataset and a few
 * restricted records (a fund, a mine, its production and stake, a deal, a source), a token
 * per role, and the app.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadDatasetDir, REFERENCE_DATA_DIR } from "../io/load-dataset.js";
import type { Ledger } from "../ledger/ledger.js";
import { openSqliteLedger } from "../ledger/sqlite/sqlite-store.js";
import { type AppOptions, createApp } from "./app.js";
import type { JobRunner } from "./jobs/job-runner.js";
import { type Role, TokenStore } from "./token-store.js";

/** Restricted records added to the reference data; none may reach a viewer. */
export const SECRET = {
  entity: {
    id: "shadow-fund",
    name: "Shadow Fund",
    kind: "fund",
    country: "AE",
    sources: ["congojob-kamoto"],
    asOf: "2025",
    restricted: true,
  },
  asset: {
    id: "secret-mine",
    name: "Secret Mine",
    kind: "mine",
    country: "CD",
    province: "Lualaba",
    location: null,
    status: "development",
    commodities: ["cobalt"],
    sources: ["congojob-kamoto"],
    asOf: "2025",
    restricted: true,
  },
  stake: {
    id: "stake-shadow-secret",
    owner: "shadow-fund",
    owned: "secret-mine",
    share: 1,
    sources: ["congojob-kamoto"],
    asOf: "2025",
  },
  production: {
    id: "secret-mine-co-2024",
    asset: "secret-mine",
    commodity: "cobalt",
    period: "2024",
    tonnes: 5000,
    basis: "actual",
    sources: ["congojob-kamoto"],
    asOf: "2025",
  },
  deal: {
    id: "deal-shadow-gecamines",
    name: "Shadow Fund to buy a stake from Gecamines",
    parties: [
      { entity: "gecamines", role: "seller" },
      { entity: "glencore", role: "adviser" },
    ],
    status: "negotiating",
    statusHistory: [{ date: "2025-11-01", status: "negotiating", sources: ["congojob-kamoto"] }],
    valuationUsd: 120000000,
    probability: 0.4,
    sources: ["congojob-kamoto"],
    asOf: "2025-11",
    restricted: true,
  },
  offtake: {
    id: "offtake-secret-glencore",
    seller: "secret-mine",
    buyer: "glencore",
    commodity: "cobalt",
    term: { kind: "share-of-production", share: 0.5 },
    priority: 1,
    status: "active",
    sources: ["congojob-kamoto"],
    asOf: "2025",
  },
} as const;

/** Strings that must never appear in anything a viewer receives. */
export const SECRET_STRINGS = [
  "shadow-fund",
  "Shadow Fund",
  "secret-mine",
  "Secret Mine",
  "stake-shadow-secret",
  "secret-mine-co-2024",
  "deal-shadow-gecamines",
  "offtake-secret-glencore",
];

export interface Fixture {
  app: ReturnType<typeof createApp>;
  ledger: Ledger;
  tokenStore: TokenStore;
  tokens: Record<Role, string>;
  auth(role: Role | "none"): Record<string, string>;
  close(): Promise<void>;
}

/**
 * Builds the fixture; `opts` go to createApp. `onDisk`: the ledger is a SQLite file in a
 * folder of its own (removed by `close`) instead of in memory, so a job worker can open it too:
 * imports then run in a worker with their own connection, as they do on a server.
 */
export async function fixture({
  onDisk,
  ...opts
}: Partial<AppOptions> & { jobs?: JobRunner; onDisk?: boolean } = {}): Promise<Fixture> {
  const dir = onDisk ? mkdtempSync(join(tmpdir(), "orebook-fixture-")) : undefined;
  const ledger = await openSqliteLedger({
    path: dir === undefined ? ":memory:" : join(dir, "ledger.db"),
  });
  const { dataset } = loadDatasetDir(REFERENCE_DATA_DIR);
  dataset.entities.push(SECRET.entity as never);
  dataset.deals.push(SECRET.deal as never);
  dataset.offtakes.push(SECRET.offtake as never);
  dataset.assets.push(SECRET.asset as never);
  dataset.stakes.push(SECRET.stake as never);
  dataset.production.push(SECRET.production as never);
  await ledger.load("drc", dataset, { actor: "test", recordedAt: "2026-01-01T00:00:00Z" });
  const tokenStore = await TokenStore.open({ db: ":memory:" });
  const tokens = {
    viewer: (await tokenStore.create({ role: "viewer", name: "viewer" })).token,
    analyst: (await tokenStore.create({ role: "analyst", name: "analyst" })).token,
    admin: (await tokenStore.create({ role: "admin", name: "admin" })).token,
  };
  const app = createApp({ ledger, tokens: tokenStore, ...opts });
  return {
    app,
    ledger,
    tokenStore,
    tokens,
    auth: (role) => (role === "none" ? {} : { authorization: `Bearer ${tokens[role]}` }),
    async close() {
      await app.services.jobs.close();
      await app.services.compute.close();
      await tokenStore.close();
      await ledger.close();
      if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
    },
  };
}
