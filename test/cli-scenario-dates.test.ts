/**
 * Issue 19 item 4: with `--scenario` and no `--as-of`, every report reads the scenario's date
 * and the period it names. The built `orebook` on the mini fixture; `npm test` builds first.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const root = resolve(import.meta.dirname, "..");
const cli = join(root, "dist/cli/main.js");
const mini = join(root, "test/fixtures/mini");
const work = mkdtempSync(join(tmpdir(), "orebook-dates-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

// A date and a period that neither today nor the fixture's latest year would give.
const scenario = join(work, "mid-2025.yaml");
writeFileSync(
  scenario,
  'name: Mid 2025\nbaseDate: 2025-06-30\nperiod: "2025-H1"\ncommodities: [cobalt]\nchanges: []\n',
);

function reportJson(kind: string, ...args: string[]): { asOf: string; period: string } {
  const r = spawnSync(
    process.execPath,
    [cli, "report", kind, "--commodity", "cobalt", "--data", mini, "--format", "json", ...args],
    { cwd: work, encoding: "utf8" },
  );
  expect(r.stderr).toBe("");
  expect(r.status).toBe(0);
  return JSON.parse(r.stdout);
}

describe("reports with --scenario and no --as-of", () => {
  it("report flows --scenario reads the scenario's base date and the period it names", () => {
    const j = reportJson("flows", "--scenario", scenario);
    expect([j.asOf, j.period]).toEqual(["2025-06-30", "2025-H1"]);
  });

  it("report control --scenario reads the scenario's base date and the period it names", () => {
    const j = reportJson("control", "--scenario", scenario);
    expect([j.asOf, j.period]).toEqual(["2025-06-30", "2025-H1"]);
  });

  it("--as-of and --period asked for win over the scenario's", () => {
    const j = reportJson(
      "flows",
      "--scenario",
      scenario,
      "--as-of",
      "2025-12-31",
      "--period",
      "2025",
    );
    expect([j.asOf, j.period]).toEqual(["2025-12-31", "2025"]);
  });
});
