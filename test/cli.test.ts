/**
 * End-to-end: the built `orebook` command on a small fixture dataset, as a user runs it.
 * `npm test` builds first; run `npm run build` before running this file alone.
 */
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const root = resolve(import.meta.dirname, "..");
const cli = join(root, "dist/cli/main.js");
const mini = join(root, "test/fixtures/mini");
const work = mkdtempSync(join(tmpdir(), "orebook-cli-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function orebook(...args: string[]): { code: number; out: string; err: string } {
  const r = spawnSync(process.execPath, [cli, ...args], {
    cwd: work,
    encoding: "utf8",
    env: { ...process.env, OREBOOK_DB: join(work, "cli.db"), OREBOOK_DATABASE_URL: "" },
  });
  return { code: r.status ?? -1, out: r.stdout, err: r.stderr };
}

describe("orebook report control", () => {
  it("prints the JSON form with country shares as fractions and HHI on 0–10,000", () => {
    const r = orebook(
      "report",
      "control",
      "--commodity",
      "cobalt",
      "--data",
      mini,
      "--as-of",
      "2025-12-31",
      "--format",
      "json",
    );
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(j.commodity).toBe("cobalt");
    expect(j.asOf).toBe("2025-12-31");
    expect(j.totalTonnes).toBe(1250);
    const cn = j.byCountry.find((x: { country: string }) => x.country === "CN");
    expect(cn).toMatchObject({ locationShare: 0, consolidatedShare: 0.2 });
    expect(cn.attributableShare).toBeCloseTo(0.312, 12);
    expect(cn.deFactoShare).toBe(0);
    const sum = j.byCountry.reduce(
      (s: number, x: { attributableShare: number }) => s + x.attributableShare,
      0,
    );
    expect(sum).toBeCloseTo(1, 12);
    expect(Object.keys(j.hhi)).toEqual(["location", "attributable", "consolidated", "deFacto"]);
    expect(j.hhi.consolidated).toBeCloseTo(80 ** 2 + 20 ** 2, 9);
    expect(j.byCompany[0]).toMatchObject({ id: "bigco", attributableTonnes: 800 });
  });

  it("prints CSV with a header row", () => {
    const r = orebook(
      "report",
      "control",
      "--commodity",
      "cobalt",
      "--data",
      mini,
      "--as-of",
      "2025-12-31",
      "--format",
      "csv",
    );
    expect(r.code).toBe(0);
    expect(r.out.split("\n")[0]).toBe(
      "country,name,locationShare,attributableShare,attributableMin,attributableMax,consolidatedShare,deFactoShare,locationTonnes,attributableTonnes,consolidatedTonnes,deFactoTonnes",
    );
  });

  it("names an unknown commodity and exits non-zero", () => {
    const r = orebook("report", "control", "--commodity", "unobtainium", "--data", mini);
    expect(r.code).toBe(2);
    expect(r.err.trim()).toBe(
      'orebook: Unknown commodity "unobtainium": expected one of cobalt, copper, gallium, germanium, gold, lithium, tantalum, tin, tungsten, zinc',
    );
  });

  it("rejects a wrong flag with commander's message and exit code 2", () => {
    const r = orebook("report", "control", "--commodity", "cobalt", "--colour", "red");
    expect(r.code).toBe(2);
    expect(r.err).toContain("error: unknown option '--colour'");
  });

  it("rejects a date that is not one", () => {
    const r = orebook(
      "report",
      "control",
      "--commodity",
      "cobalt",
      "--data",
      mini,
      "--as-of",
      "2025-13-40",
    );
    expect(r.code).toBe(2);
    expect(r.err.trim()).toBe(
      "orebook: --as-of 2025-13-40 is not a date: expected YYYY-MM-DD, e.g. 2025-12-31",
    );
  });

  it("points at the file, line and field of a malformed data file", () => {
    const bad = join(work, "bad");
    cpSync(mini, bad, { recursive: true });
    writeFileSync(
      join(bad, "extra.yaml"),
      'stakes:\n  - { id: s9, owner: bigco, owned: east-mine, share: 40, sources: [fixture], asOf: "2025" }\n',
    );
    const r = orebook("report", "control", "--commodity", "cobalt", "--data", bad);
    expect(r.code).toBe(5);
    expect(r.err).toContain("orebook: Dataset bad has 1 problem");
    expect(r.err).toContain(
      "extra.yaml:2:47: stakes s9 share: A share must be ≤ 1 (a fraction, not a percentage)",
    );
  });
});

describe("orebook explain and lookthrough", () => {
  it("explains a country's share asset by asset with its ownership chain", () => {
    const r = orebook(
      "explain",
      "--commodity",
      "cobalt",
      "--country",
      "cn",
      "--data",
      mini,
      "--as-of",
      "2025-12-31",
      "--format",
      "json",
    );
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(j.country).toBe("CN");
    expect(j.tonnes).toBeCloseTo(390, 9);
    expect(j.rows.map((x: { asset: string }) => x.asset)).toEqual(["north-mine", "east-mine"]);
    expect(j.rows[0].paths[0].ids).toEqual(["north-mine", "bigco", "fundco"]);
  });

  it("looks through an entity found by part of its name, with share ranges", () => {
    const r = orebook("lookthrough", "--entity", "fund", "--data", mini, "--format", "json");
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(j.subject.id).toBe("fundco");
    const north = j.holdings.find((h: { id: string }) => h.id === "north-mine");
    expect(north.share).toBeCloseTo(0.24, 12);
    expect(north.min).toBeCloseTo(0.2, 12);
    expect(north.max).toBeCloseTo(0.28, 12);
  });

  it("asks which one when a name matches several entities", () => {
    const r = orebook("lookthrough", "--entity", "mine", "--data", mini);
    expect(r.code).toBe(4);
    expect(r.err).toContain(`orebook: "mine" matches 2 entities or assets: name one by its id`);
    expect(r.err).toContain("north-mine: North Mine (mine, CD)");
    expect(r.err).toContain("east-mine: East Mine (mine, CD)");
  });

  it("says when nothing matches", () => {
    const r = orebook("lookthrough", "--entity", "nobody-at-all", "--data", mini);
    expect(r.code).toBe(3);
    expect(r.err.trim()).toBe('orebook: No entity or asset matches "nobody-at-all"');
  });
});

describe("orebook explain --flows", () => {
  it("explains where the tonnes go, asset by asset, and asks for a country otherwise", () => {
    const r = orebook(
      "explain",
      "--commodity",
      "cobalt",
      "--flows",
      "--data",
      mini,
      "--as-of",
      "2025-12-31",
      "--format",
      "json",
    );
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(j.assets.map((a: { asset: string }) => a.asset).sort()).toEqual([
      "east-mine",
      "north-mine",
    ]);
    const none = orebook("explain", "--commodity", "cobalt", "--data", mini);
    expect(none.code).toBe(2);
    expect(none.err.trim()).toBe(
      "orebook: explain needs --country CODE (or --flows to explain where the tonnes go)",
    );
  });
});
