/**
 * What the dashboard's browser tests share: a real `orebook serve` on a temporary store (with
 * the reference dataset it loads on first start), an analyst token for the writes, Debian's
 * Chromium driven by playwright-core, pages that record console errors, and screenshots into
 * docs/screenshots/. Without Chromium the tests skip with a notice, except under CI=true, where
 * a missing browser is a failure.
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { type Browser, chromium, type Locator, type Page } from "playwright-core";
import { afterAll, beforeAll } from "vitest";
import { todayIso } from "../../src/model/dates.js";

export const ROOT = fileURLToPath(new URL("../..", import.meta.url));
export const CHROMIUM = process.env.OREBOOK_CHROMIUM ?? "/usr/bin/chromium";
/**
 * Where screenshots go: docs/screenshots/ when OREBOOK_SCREENSHOTS=1 (`npm run screenshots`, to
 * refresh the README's pictures), else a temporary folder, so a test run never changes tracked
 * files.
 */
export const SCREENSHOTS =
  process.env.OREBOOK_SCREENSHOTS === "1"
    ? join(ROOT, "docs", "screenshots")
    : join(tmpdir(), "orebook-screenshots");
const MAIN = join(ROOT, "dist", "cli", "main.js");
const WEB = join(ROOT, "dist", "web", "index.html");

/** Why the browser tests cannot run here, or undefined when they can. */
export function missingPrerequisite(): string | undefined {
  if (!existsSync(CHROMIUM)) {
    const why = `Chromium not found at ${CHROMIUM} (install Debian's chromium package)`;
    if (process.env.CI === "true") throw new Error(`${why}: the browser tests must run in CI`);
    return why;
  }
  if (!existsSync(MAIN) || !existsSync(WEB))
    throw new Error(
      "The build is missing (dist/cli/main.js, dist/web/index.html): run npm run build",
    );
  return undefined;
}

export interface Served {
  url: string;
  token: string;
  stop(): Promise<void>;
}

/**
 * Starts `orebook serve` on a free port and a fresh store (with `--public` unless told not to)
 * and creates an analyst token. With `dataDir`, that folder is loaded as the dataset first
 * (instead of the reference dataset the server loads on first start).
 */
export async function startServe(
  opts: { publicRead?: boolean; dataDir?: string } = {},
): Promise<Served> {
  const dir = mkdtempSync(join(tmpdir(), "orebook-e2e-"));
  const db = join(dir, "e2e.db");
  if (opts.dataDir !== undefined) {
    const loaded = spawnSync(
      process.execPath,
      [MAIN, "db", "load", opts.dataDir, "--db", db, "--actor", "e2e"],
      { cwd: dir, encoding: "utf8" },
    );
    if (loaded.status !== 0) throw new Error(`orebook db load failed: ${loaded.stderr}`);
  }
  const made = spawnSync(
    process.execPath,
    [MAIN, "token", "create", "--role", "analyst", "--name", "e2e", "--db", db],
    { encoding: "utf8", cwd: dir },
  );
  if (made.status !== 0) throw new Error(`orebook token create failed: ${made.stderr}`);
  const token = made.stdout.trim();
  const child: ChildProcess = spawn(
    process.execPath,
    [MAIN, "serve", "--port", "0", ...(opts.publicRead === false ? [] : ["--public"]), "--db", db],
    { cwd: dir, stdio: ["ignore", "ignore", "pipe"] },
  );
  const url = await new Promise<string>((ok, fail) => {
    let err = "";
    const timer = setTimeout(() => fail(new Error(`orebook serve did not start: ${err}`)), 90_000);
    child.stderr?.on("data", (b: Buffer) => {
      err += b.toString();
      const m = /serving (http:\/\/\S+?) /.exec(err);
      if (m?.[1]) {
        clearTimeout(timer);
        ok(m[1]);
      }
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      fail(new Error(`orebook serve exited with ${code}: ${err}`));
    });
  });
  return {
    url,
    token,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((r) => child.once("exit", r));
        child.kill("SIGTERM");
        // A server that does not stop within 10 s is killed, so a stuck shutdown cannot hold
        // the suite (and the test run, on one worker) until it is killed from outside.
        const killer = setTimeout(() => child.kill("SIGKILL"), 10_000);
        await exited;
        clearTimeout(killer);
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** What a suite of browser tests runs against: its server and its browser. */
export interface Suite {
  served: Served;
  browser: Browser;
}

/**
 * Starts one server (as `startServe` with `opts`) and one Chromium before the suite's tests and
 * stops both after them; call it in the `describe` body. The fields are set once the suite has
 * started.
 */
export function servedBrowser(opts: Parameters<typeof startServe>[0] = {}): Suite {
  const suite = {} as Suite;
  beforeAll(async () => {
    suite.served = await startServe(opts);
    suite.browser = await launchChromium();
  }, 180_000);
  afterAll(async () => {
    await suite.browser?.close();
    await suite.served?.stop();
  });
  return suite;
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

export interface WatchedPage {
  page: Page;
  /** Console errors, uncaught exceptions and requests that left the origin. */
  errors: string[];
}

/** A page of its own context, at `width`×`height`, recording what should never happen. */
/** Waits until no request of the page is under way (the header's loading state is off). */
export async function settled(page: Page): Promise<void> {
  await page
    .locator('[data-testid="busy"][data-busy="0"]')
    .waitFor({ state: "attached", timeout: 120_000 });
}

export async function openPage(
  browser: Browser,
  served: Served,
  hash: string,
  size: { width: number; height: number } = { width: 1280, height: 800 },
): Promise<WatchedPage> {
  const context = await browser.newContext({ viewport: size });
  const page = await context.newPage();
  const errors: string[] = [];
  const origin = new URL(served.url).origin;
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(`console: ${m.text()}`);
  });
  page.on("pageerror", (e) => errors.push(`page error: ${e.message}`));
  page.on("request", (r) => {
    const u = r.url();
    if (!u.startsWith(origin) && !u.startsWith("data:") && !u.startsWith("blob:"))
      errors.push(`request off the origin: ${u}`);
  });
  await page.goto(`${served.url}/#/${hash}`);
  return { page, errors };
}

/** Saves a screenshot as <SCREENSHOTS>/<name>.png. */
export async function screenshot(page: Page, name: string, fullPage = false): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage });
}

/** Saves a screenshot of one element (a figure, a section) as <SCREENSHOTS>/<name>.png. */
export async function screenshotOf(locator: Locator, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await locator.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });
}

/** GET an API path as JSON (no token: the server runs with --public). */
export async function apiJson<T>(served: Served, path: string): Promise<T> {
  const res = await fetch(`${served.url}${path}`);
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/** The dashboard's share format: one decimal and " %". */
export function pct(x: number): string {
  return `${(x * 100).toFixed(1)} %`;
}

/** The date the dashboard opens on: today, UTC (the model's one rule for it). */
export function todayUtc(): string {
  return todayIso();
}
