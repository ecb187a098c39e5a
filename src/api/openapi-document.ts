/**
 * The API's OpenAPI document as a server serves it at /openapi.json, built without a server: an
 * app over an empty in-memory store (the document is made of the routes, not of the data).
 */
import { openSqliteLedger } from "../ledger/sqlite/sqlite-store.js";
import { createApp } from "./app.js";
import { TokenStore } from "./token-store.js";

/**
 * The document /openapi.json answers with.
 * @example const doc = await openApiDocument(); doc.paths["/api/reports/control"]
 */
export async function openApiDocument(): Promise<Record<string, unknown>> {
  const ledger = await openSqliteLedger({ path: ":memory:" });
  const tokens = await TokenStore.open({ db: ":memory:" });
  const app = createApp({ ledger, tokens });
  try {
    return (await (await app.request("/openapi.json")).json()) as Record<string, unknown>;
  } finally {
    await app.services.jobs.close();
    await app.services.compute.close();
    await tokens.close();
    await ledger.close();
  }
}
