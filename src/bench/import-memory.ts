/**
 * Import memory benchmark (issue 24; part of `npm run bench`, not of the test suite). Run after a
 * build: `node dist/bench/import-memory.js [badMb] [rows] [apiMb]` (defaults 200, 1000000, 31).
 * A size of 0 skips that measurement. Generates its files in bench-data/import-memory/ and
 * measures, each import in a fresh process:
 *   1. bad row: `orebook import csv` of an entities table of `badMb` MB (about 175 bytes a row)
 *      with one bad row ten rows from its end: the peak RSS, the seconds and the located error
 *      (expected: exit 5, the file, line and column of the bad row, nothing written);
 *   2. rows: `orebook import csv` of a register of `rows` rows (half entities, half stakes, as a
 *      register comes: id,name,kind,country and owner_id,owned_id,share): peak RSS and seconds;
 *   3. API: `POST /api/import?format=csv` of an entities table of `apiMb` MB (the body limit is
 *      32 MiB) to an `orebook serve` process: its RSS before, at its peak and after.
 * Prints one JSON object with the machine's load average. Targets: the bad row named, not a
 * crash; under 500 MB of peak RSS at one million rows, whatever the file's size.
 */
import { spawn, spawnSync } from "node:child_process";
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, statSync, writeSync } from "node:fs";
import { loadavg } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const CLI = fileURLToPath(new URL("../cli/main.js", import.meta.url));
const OUT = resolve("bench-data", "import-memory");
/** Loaded before the command: reports the process's peak RSS (kB) and CPU seconds on exit. */
const PEAK_HOOK = `data:text/javascript,${encodeURIComponent(
  'import { writeSync } from "node:fs"; process.on("exit", () => { const u = process.resourceUsage(); writeSync(2, "\\nbench-peak " + u.maxRSS + " " + (u.userCPUTime + u.systemCPUTime) / 1e6 + "\\n"); });',
)}`;

const mb = (kb: number) => Math.round(kb / 1024);

/** Writes `rows` lines made by `line(i)` to `file` after `header`, a thousand at a time. */
function writeRows(file: string, header: string, rows: number, line: (i: number) => string) {
  const fd = openSync(file, "w");
  writeSync(fd, `${header}\n`);
  for (let from = 0; from < rows; from += 1000) {
    let chunk = "";
    for (let i = from; i < Math.min(rows, from + 1000); i++) chunk += `${line(i)}\n`;
    writeSync(fd, chunk);
  }
  closeSync(fd);
}

const PAD = "x".repeat(120);
const entityLine = (bad: number) => (i: number) =>
  `e${i},Entity ${i} ${PAD},${i === bad ? "compnay" : "company"},CD,bench,2025`;

interface Run {
  exit: number | null;
  seconds: number;
  cpuSeconds: number;
  peakRssMb: number;
  stderr: string;
}

/** `orebook args…` in a fresh process, with its peak RSS. */
function orebook(args: string[]): Run {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ["--import", PEAK_HOOK, CLI, ...args], {
    encoding: "utf8",
    maxBuffer: 64 << 20,
    env: { ...process.env, OREBOOK_DATABASE_URL: "" },
  });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const peak = /bench-peak (\d+) ([\d.]+)/.exec(r.stderr);
  return {
    exit: r.status,
    seconds: Math.round(seconds * 10) / 10,
    cpuSeconds: Math.round(Number(peak?.[2] ?? Number.NaN) * 10) / 10,
    peakRssMb: mb(Number(peak?.[1] ?? Number.NaN)),
    stderr: r.stderr.replace(/\nbench-peak .*\n/, ""),
  };
}

function freshDb(name: string): string {
  const db = join(OUT, name);
  for (const f of [db, `${db}-wal`, `${db}-shm`]) rmSync(f, { force: true });
  return db;
}

function badRow(badMb: number) {
  const dir = join(OUT, `bad-${badMb}mb`);
  mkdirSync(dir, { recursive: true });
  const rows = Math.max(20, Math.round((badMb * 1e6) / 175));
  const bad = rows - 10;
  writeRows(
    join(dir, "sources.csv"),
    "id,title,kind,confidence",
    1,
    () => "bench,Generated,derived,low",
  );
  writeRows(join(dir, "entities.csv"), "id,name,kind,country,sources,asOf", rows, entityLine(bad));
  const r = orebook(["import", "csv", dir, "--db", freshDb("bad.db")]);
  const located = r.stderr.split("\n").find((l) => /^\s+\S*entities\.csv:/.test(l)) ?? "";
  return {
    fileMb: Math.round(statSync(join(dir, "entities.csv")).size / 1e6),
    rows,
    badLine: bad + 2,
    exit: r.exit,
    located: located.trim().replace(`${dir}/`, ""),
    seconds: r.seconds,
    cpuSeconds: r.cpuSeconds,
    peakRssMb: r.peakRssMb,
  };
}

function manyRows(rows: number) {
  const dir = join(OUT, `register-${rows}`);
  mkdirSync(dir, { recursive: true });
  const entities = Math.ceil((rows + 1) / 2);
  const stakes = rows - entities;
  writeRows(
    join(dir, "entities.csv"),
    "id,name,kind,country",
    entities,
    (i) => `e${i},Entity ${i},company,CD`,
  );
  // Entity i+1 is held 60% by entity floor(i/2): a forest, no cycle, no share over 100%.
  writeRows(
    join(dir, "stakes.csv"),
    "owner_id,owned_id,share",
    stakes,
    (i) => `e${i >> 1},e${i + 1},0.6`,
  );
  const r = orebook(["import", "csv", dir, "--db", freshDb("rows.db"), "--as-of", "2025-06-30"]);
  if (r.exit !== 0) process.stderr.write(r.stderr);
  return {
    rows,
    exit: r.exit,
    seconds: r.seconds,
    cpuSeconds: r.cpuSeconds,
    peakRssMb: r.peakRssMb,
  };
}

/** The server's resident memory now and at its peak, in MB, from /proc. */
function rssOf(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = (key: string) =>
    Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1] ?? Number.NaN);
  return { rss: mb(kb("VmRSS")), peak: mb(kb("VmHWM")) };
}

async function apiImport(apiMb: number) {
  const db = freshDb("api.db");
  const created = spawnSync(
    process.execPath,
    [CLI, "token", "create", "--role", "analyst", "--name", "bench", "--db", db],
    { encoding: "utf8" },
  );
  const token = /\S{20,}/.exec(created.stdout)?.[0];
  if (created.status !== 0 || token === undefined)
    throw new Error(`orebook token create failed: ${created.stderr}`);
  const server = spawn(process.execPath, [CLI, "serve", "--port", "0", "--db", db], {
    stdio: ["ignore", "ignore", "pipe"],
  });
  try {
    const url = await new Promise<string>((ok, fail) => {
      let err = "";
      server.stderr.on("data", (d: Buffer) => {
        err += d.toString();
        const m = /serving (http:\/\/\S+)/.exec(err);
        if (m?.[1]) ok(m[1]);
      });
      server.once("exit", () => fail(new Error(`orebook serve exited: ${err}`)));
    });
    const pid = server.pid as number;
    // Warm: the first requests load the store's dataset and the workers.
    await fetch(`${url}/api/datasets`, { headers: { authorization: `Bearer ${token}` } });
    await new Promise((r) => setTimeout(r, 1000));
    const before = rssOf(pid);
    const rows = Math.round((apiMb * 1e6) / 176);
    let entities = "id,name,kind,country,sources,asOf\n";
    const line = entityLine(-1);
    const lines: string[] = [];
    for (let i = 0; i < rows; i++) lines.push(line(i));
    entities += `${lines.join("\n")}\n`;
    const body = JSON.stringify({
      sources: "id,title,kind,confidence\nbench,Generated,derived,low\n",
      entities,
    });
    let highest = before.rss;
    const sampler = setInterval(() => {
      highest = Math.max(highest, rssOf(pid).rss);
    }, 100);
    const t0 = process.hrtime.bigint();
    const res = await fetch(`${url}/api/import?format=csv&dataset=bench-api`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body,
    });
    const answer = (await res.json()) as { writtenTotal?: number; detail?: string };
    const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
    clearInterval(sampler);
    await new Promise((r) => setTimeout(r, 2000));
    const after = rssOf(pid);
    return {
      bodyMb: Math.round(Buffer.byteLength(body) / 1e6),
      rows,
      status: res.status,
      written: answer.writtenTotal ?? null,
      ...(answer.detail === undefined ? {} : { detail: answer.detail }),
      seconds: Math.round(seconds * 10) / 10,
      rssBeforeMb: before.rss,
      rssPeakMb: Math.max(highest, after.peak),
      rssAfterMb: after.rss,
    };
  } finally {
    server.kill("SIGTERM");
  }
}

async function main() {
  const badMb = Number(process.argv[2] ?? 200);
  const rows = Number(process.argv[3] ?? 1_000_000);
  const apiMb = Number(process.argv[4] ?? 31);
  mkdirSync(OUT, { recursive: true });
  const loadBefore = loadavg().map((x) => Math.round(x * 100) / 100);
  // A size of 0 skips that measurement.
  const result = {
    badRow: badMb > 0 ? badRow(badMb) : null,
    rows: rows > 0 ? manyRows(rows) : null,
    api: apiMb > 0 ? await apiImport(apiMb) : null,
    loadAverage: { before: loadBefore, after: loadavg().map((x) => Math.round(x * 100) / 100) },
  };
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
}

await main();
