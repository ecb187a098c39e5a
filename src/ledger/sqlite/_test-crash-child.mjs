// Child process of sqlite-crash.test.ts: loads a large synthetic import into a SQLite store,
// says HALFWAY on stdout when half of it is written, and then, with --hold, waits to be killed
// inside the open transaction.
//
//   node _test-crash-child.mjs BUILD_DIR DB_PATH COMPANIES [--hold]
import { join } from "node:path";
import { pathToFileURL } from "node:url";

const [, , buildDir, dbPath, companies, hold] = process.argv;
const { openSqliteLedger } = await import(
  pathToFileURL(join(buildDir, "ledger/sqlite/sqlite-store.js")).href
);

function dataset(n) {
  const src = ["src-synthetic"];
  const asOf = "2025-01-01";
  const ds = {
    sources: [{ id: "src-synthetic", title: "Synthetic data", kind: "derived", confidence: "low" }],
    entities: [],
    assets: [],
    stakes: [],
    production: [],
  };
  for (let i = 0; i < n; i++) {
    ds.entities.push({
      id: `co-${i}`,
      name: `Company ${i}`,
      kind: "company",
      country: "CD",
      sources: src,
      asOf,
    });
    ds.assets.push({
      id: `mine-${i}`,
      name: `Mine ${i}`,
      kind: "mine",
      country: "CD",
      province: null,
      location: null,
      status: "operating",
      commodities: ["cobalt"],
      sources: src,
      asOf,
    });
    ds.stakes.push({
      id: `st-${i}`,
      owner: `co-${i}`,
      owned: `mine-${i}`,
      share: 1,
      sources: src,
      asOf,
    });
    ds.production.push({
      id: `p-${i}`,
      asset: `mine-${i}`,
      commodity: "cobalt",
      period: "2024",
      tonnes: 10 + i,
      basis: "actual",
      sources: src,
      asOf,
    });
  }
  return ds;
}

// A small page cache makes the transaction spill to the write-ahead log before it commits,
// so the kill leaves uncommitted pages on disk for recovery to ignore.
const ledger = await openSqliteLedger({ path: dbPath, cacheMb: 2 });
let said = false;
await ledger.load("import", dataset(Number(companies)), {
  actor: "crash-test",
  onProgress(done, total) {
    if (said || done < total / 2) return;
    said = true;
    process.stdout.write("HALFWAY\n");
    // Blocks the thread with the transaction open: the kill lands mid-transaction.
    if (hold === "--hold") Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 60_000);
  },
});
process.stdout.write("COMMITTED\n");
await ledger.close();
