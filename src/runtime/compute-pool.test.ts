import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { getPriority, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Dataset } from "../model/dataset.js";
import { OrebookError } from "../model/errors.js";
import { type ComputeAnswer, ComputePool, type ComputeTasks } from "./compute-pool.js";

const built = fileURLToPath(new URL("../../dist/runtime/compute-pool.js", import.meta.url));

/** The tasks, written once for the worker module and for this thread. */
const TASKS_SOURCE = `
const spin = (ms) => { const end = Date.now() + ms; while (Date.now() < end); };
export const tasks = {
  count: (snaps, p) => {
    const s = snaps[0];
    const seen = (s.memo.get("seen") ?? 0) + 1;
    s.memo.set("seen", seen);
    return { entities: s.dataset.entities.length, seen, echo: p };
  },
  spin: (snaps, p) => { spin(p.ms); return { spun: p.ms }; },
  refuse: () => { throw new OrebookError("INVALID_DATA", "Refused", { issues: [{ path: ["a", 1], message: "bad" }] }); },
  crash: () => { throw new TypeError("boom"); },
  // The thread's own nice value, read back two ways: its stat line and getPriority of its id.
  nice: async () => {
    const { readFileSync } = await import("node:fs");
    const { getPriority } = await import("node:os");
    const stat = readFileSync("/proc/thread-self/stat", "utf8");
    const tid = Number(stat.slice(0, stat.indexOf(" ")));
    return { tid, pid: process.pid, priority: getPriority(tid) };
  },
};
`;

let dir: string;
let script: string;
// biome-ignore lint/suspicious/noExplicitAny: the tasks are plain JavaScript shared with the worker.
let tasks: any;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "orebook-pool-"));
  const pool = pathToFileURL(built).href;
  const errors = pathToFileURL(
    fileURLToPath(new URL("../../dist/model/errors.js", import.meta.url)),
  ).href;
  writeFileSync(
    join(dir, "tasks.mjs"),
    `import { OrebookError } from ${JSON.stringify(errors)};\n${TASKS_SOURCE}`,
  );
  script = join(dir, "worker.mjs");
  writeFileSync(
    script,
    `import { serveComputeTasks } from ${JSON.stringify(pool)};\nimport { tasks } from "./tasks.mjs";\nserveComputeTasks(tasks);\n`,
  );
  if (existsSync(built)) tasks = (await import(pathToFileURL(join(dir, "tasks.mjs")).href)).tasks;
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const dataset = (n: number) =>
  ({
    entities: Array.from({ length: n }, (_, i) => ({ id: `e${i}` })),
  }) as unknown as Dataset;
const soon = (ms = 30_000) => ({ deadline: Date.now() + ms });
const json = (a: ComputeAnswer) => JSON.parse(new TextDecoder().decode(a.body));

describe.skipIf(!existsSync(built))("the compute pool", () => {
  test("a task answers the same in a worker as on this thread, and each dataset is sent once", async () => {
    const inWorker = new ComputePool<ComputeTasks>({ workers: 1, script });
    const here = new ComputePool<ComputeTasks>({ workers: 0, tasks });
    try {
      const snap = { key: "a|1", dataset: dataset(3) };
      const a = json(await inWorker.run("count", [snap], { x: 1 }, soon()));
      const b = json(await here.run("count", [snap], { x: 1 }, soon()));
      expect(a).toEqual({ entities: 3, seen: 1, echo: { x: 1 } });
      expect(b).toEqual(a);
      // The worker kept the dataset and its memo: the second task sees the first's mark.
      expect(json(await inWorker.run("count", [snap], {}, soon())).seen).toBe(2);
      expect(json(await here.run("count", [snap], {}, soon())).seen).toBe(2);
      // A new revision is a new key: a fresh dataset and memo.
      const next = { key: "a|2", dataset: dataset(5) };
      expect(json(await inWorker.run("count", [next], {}, soon()))).toMatchObject({
        entities: 5,
        seen: 1,
      });
    } finally {
      await inWorker.close();
      await here.close();
    }
  });

  test.runIf(process.platform === "linux")(
    "a worker lowers its own thread's CPU priority (nice 19 by default), never the server's thread",
    async () => {
      // The suite may itself run niced: a thread cannot raise its priority above what it has.
      const server = getPriority(process.pid);
      const lowest = new ComputePool<ComputeTasks>({ workers: 1, script });
      const ten = new ComputePool<ComputeTasks>({ workers: 1, script, nice: 10 });
      try {
        const snap = { key: "n|1", dataset: dataset(1) };
        const a = json(await lowest.run("nice", [snap], {}, soon()));
        expect(a.pid).toBe(process.pid);
        expect(a.tid).not.toBe(process.pid);
        expect(a.priority).toBe(19);
        expect(json(await ten.run("nice", [snap], {}, soon())).priority).toBe(Math.max(10, server));
        // The process's main thread (the server's event loop) keeps its priority.
        expect(getPriority(process.pid)).toBe(server);
      } finally {
        await lowest.close();
        await ten.close();
      }
    },
  );

  test("a worker keeps at most keepDatasets datasets: the oldest is sent again", async () => {
    const pool = new ComputePool<ComputeTasks>({ workers: 1, script, keepDatasets: 2 });
    try {
      const snaps = [1, 2, 3].map((i) => ({ key: `k${i}`, dataset: dataset(i) }));
      for (const s of snaps) await pool.run("count", [s], {}, soon());
      // k1 was dropped when k3 came: its memo starts again; k3's does not.
      expect(json(await pool.run("count", [snaps[0] as never], {}, soon())).seen).toBe(1);
      expect(json(await pool.run("count", [snaps[2] as never], {}, soon())).seen).toBe(2);
    } finally {
      await pool.close();
    }
  });

  test("a known error comes back with its code and issues; anything else as a plain error", async () => {
    const pool = new ComputePool<ComputeTasks>({ workers: 1, script });
    const snap = { key: "a", dataset: dataset(1) };
    try {
      const refused = await pool.run("refuse", [snap], {}, soon()).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(OrebookError);
      expect(refused).toMatchObject({
        code: "INVALID_DATA",
        issues: [{ path: ["a", 1], message: "bad" }],
      });
      const crashed = await pool.run("crash", [snap], {}, soon()).catch((e: unknown) => e);
      expect(crashed).not.toBeInstanceOf(OrebookError);
      expect(String((crashed as Error).stack)).toContain("boom");
      // The worker still answers.
      expect(json(await pool.run("count", [snap], {}, soon())).entities).toBe(1);
    } finally {
      await pool.close();
    }
  });

  test("a task past its deadline fails UNAVAILABLE, its worker is replaced and the next task answers", async () => {
    const pool = new ComputePool<ComputeTasks>({ workers: 1, script });
    const snap = { key: "a", dataset: dataset(2) };
    try {
      await pool.run("count", [snap], {}, soon());
      const late = await pool.run("spin", [snap], { ms: 60_000 }, soon(300)).catch((e) => e);
      expect(late).toBeInstanceOf(OrebookError);
      expect(late).toMatchObject({ code: "UNAVAILABLE", details: { deadline: true } });
      expect((late as Error).message).toMatch(/did not finish within 0\.3 s/);
      // A new worker: the dataset is sent again, its memo starts again.
      expect(json(await pool.run("count", [snap], {}, soon()))).toMatchObject({
        entities: 2,
        seen: 1,
      });
    } finally {
      await pool.close();
    }
  });

  test("a task waiting past its deadline is dropped, and a full queue is refused", async () => {
    const pool = new ComputePool<ComputeTasks>({ workers: 1, script, queue: 1 });
    const snap = { key: "a", dataset: dataset(1) };
    try {
      const running = pool.run("spin", [snap], { ms: 1500 }, soon());
      const waiting = pool.run("count", [snap], {}, soon(200)).catch((e) => e);
      const refused = await pool.run("count", [snap], {}, soon()).catch((e) => e);
      expect(refused).toMatchObject({ code: "UNAVAILABLE", details: { busy: true } });
      const dropped = await waiting;
      expect(dropped).toMatchObject({ code: "UNAVAILABLE", details: { waited: true } });
      expect((dropped as Error).message).toMatch(/waited 0\.2 s for a free worker/);
      expect(json(await running)).toEqual({ spun: 1500 });
    } finally {
      await pool.close();
    }
  });

  test("a waiting task whose client went away is dropped without running", async () => {
    const pool = new ComputePool<ComputeTasks>({ workers: 1, script });
    const snap = { key: "a", dataset: dataset(1) };
    try {
      const running = pool.run("spin", [snap], { ms: 500 }, soon());
      const ac = new AbortController();
      const gone = pool
        .run("count", [snap], {}, { ...soon(), signal: ac.signal })
        .catch((e: unknown) => e);
      expect(pool.stats()).toEqual({ running: 1, waiting: 1 });
      ac.abort();
      expect(await gone).toMatchObject({ code: "UNAVAILABLE", details: { gone: true } });
      expect(pool.stats().waiting).toBe(0);
      await running;
      // The count task never ran: the memo's first mark is the next one.
      expect(json(await pool.run("count", [snap], {}, soon())).seen).toBe(1);
    } finally {
      await pool.close();
    }
  });
});
