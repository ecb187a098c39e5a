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
      "country,name,locationShare,attributableShare,attributableMin,attributableMax,consolidatedShare,deFactoShare,locationTonnes,attributableTonnes,consolidatedTonnes,deFactoTonnes,consolidatedJointShare,deFactoJointShare,consolidatedJointTonnes,deFactoJointTonnes",
    );
  });

  it("gives shares of national output with coverage and the residual row on the reference data, and the recorded assets' shares with --basis recorded", () => {
    const drc = join(root, "data/drc");
    const args = ["report", "control", "--commodity", "cobalt", "--data", drc];
    const at = ["--as-of", "2025-12-31", "--period", "2025"];
    const j = JSON.parse(orebook(...args, ...at, "--format", "json").out);
    expect(j.basis).toBe("national");
    expect(Object.keys(j.coverage)).toEqual(
      expect.arrayContaining(["recordedTonnes", "nationalTonnes", "share", "period", "sources"]),
    );
    expect(j.coverage.recordedTonnes).toBe(j.totalTonnes);
    expect(j.coverage.nationalTonnes).toBeGreaterThan(0);
    const residual = j.byCountry.find(
      (r: { country: string }) => r.country === "not-on-a-recorded-asset",
    );
    expect(residual?.consolidatedTonnes ?? 0).toBeCloseTo(j.coverage.residualTonnes, 6);
    const table = orebook(...args, ...at, "--format", "table").out;
    expect(table.split("\n")[0]).toMatch(/shares of DR Congo's mine production, [\d,]+ t \(/);
    expect(table).toMatch(/coverage: [\d,]+ t on \d+ recorded assets/);
    const csv = orebook(...args, ...at, "--format", "csv").out;
    expect(csv).toContain("not-on-a-recorded-asset,Not on a recorded asset");

    const rec = JSON.parse(orebook(...args, ...at, "--basis", "recorded", "--format", "json").out);
    expect(rec.basis).toBe("recorded");
    expect(rec.shareOfTonnes).toBe(rec.totalTonnes);
    const sum = rec.byCountry.reduce(
      (s: number, x: { consolidatedShare: number }) => s + x.consolidatedShare,
      0,
    );
    expect(sum).toBeCloseTo(1, 12);
    const bad = orebook(...args, "--basis", "everything");
    expect(bad.code).toBe(2);
    expect(bad.err.trim()).toBe(
      "orebook: --basis everything is not a basis: expected one of national, recorded",
    );
  });

  it("lists the stale inputs of control, flows and explain on the reference data: old stake statements and production read for a later year, with their age", () => {
    const drc = join(root, "data/drc");
    const base = ["--commodity", "cobalt", "--data", drc];
    // On 2026-06-30 the latest cobalt figures are 2025's: read for 2026, a year old.
    const j = JSON.parse(
      orebook("report", "control", ...base, "--as-of", "2026-06-30", "--format", "json").out,
    );
    expect(j.period).toBe("2025");
    // The carried-forward view's figures are listed apart (view: carried-forward), not counted.
    const prod = j.staleInputs.filter(
      (s: { kind: string; view?: string }) => s.kind === "production" && s.view === undefined,
    );
    for (const s of j.staleInputs.filter((x: { view?: string }) => x.view !== undefined))
      expect(s.ageYears).toBeGreaterThanOrEqual(2);
    // Every counted asset's figure is listed (a joint figure once, with its assets).
    expect(prod.flatMap((s: { assets: string[] }) => s.assets).sort()).toEqual(
      j.assets.map((a: { id: string }) => a.id).sort(),
    );
    for (const s of prod) expect(s).toMatchObject({ usedFor: "2026", ageYears: 1, date: "2025" });
    const stakes = j.staleInputs.filter((s: { kind: string }) => s.kind === "stake");
    expect(stakes.length).toBeGreaterThan(0);
    for (const s of stakes) {
      expect(s.ageYears).toBeGreaterThan(3);
      expect(s.tonnes).toBeGreaterThan(0);
      expect(s.share).toBeCloseTo(s.tonnes / j.shareOfTonnes, 12);
    }
    const table = orebook(
      "report",
      "control",
      ...base,
      "--as-of",
      "2026-06-30",
      "--format",
      "table",
    ).out;
    expect(table).toMatch(/^Stale inputs \(\d+: /m);
    expect(table).toMatch(/^ {2}1\.0 yr {2}.*output of 2025 \(actual\), read for 2026 \[/m);
    // With the period asked for, 2025's figures are not stale; old stakes still are.
    const asked = JSON.parse(
      orebook("report", "control", ...base, "--as-of", "2025-12-31", "--format", "json").out,
    );
    expect(
      asked.staleInputs.some(
        (s: { kind: string; view?: string }) => s.kind === "production" && s.view === undefined,
      ),
    ).toBe(false);
    expect(asked.staleInputs.length).toBeGreaterThan(0);
    const flows = JSON.parse(
      orebook("report", "flows", ...base, "--period", "2025", "--format", "json").out,
    );
    expect(Array.isArray(flows.staleInputs)).toBe(true);
    expect(flows.staleInputs.length).toBeGreaterThan(0);
    const x = JSON.parse(
      orebook("explain", ...base, "--country", "CN", "--as-of", "2025-12-31", "--format", "json")
        .out,
    );
    expect(x.staleInputs.length).toBeGreaterThan(0);
    for (const s of x.staleInputs)
      expect(
        s.assets.some((a: string) => x.rows.some((r: { asset: string }) => r.asset === a)),
      ).toBe(true);
  });

  it("answers --known-at on the shipped dataset with what was public then: a stake published in September 2025 is absent on 2025-06-30 and present on 2025-12-31, on first start and after db load", () => {
    const holders = (db: string, knownAt: string) =>
      JSON.parse(
        orebook(
          "report",
          "control",
          "--commodity",
          "copper",
          "--as-of",
          "2025-12-31",
          "--known-at",
          knownAt,
          "--db",
          join(work, db),
          "--format",
          "json",
        ).out,
      ).byCompany.map((c: { id: string }) => c.id);
    // First start: the store is filled from the reference data, known from its sources' dates.
    expect(holders("first-start.db", "2025-06-30")).not.toContain("qatar-investment-authority");
    expect(holders("first-start.db", "2025-12-31")).toContain("qatar-investment-authority");
    // db load into an empty store does the same.
    const store = join(work, "loaded.db");
    const loaded = orebook("db", "load", join(root, "data/drc"), "--db", store, "--dataset", "ref");
    expect(loaded.err).toBe("");
    const h = JSON.parse(
      orebook(
        "db",
        "history",
        "stake-ivanhoe-qia",
        "--db",
        store,
        "--dataset",
        "ref",
        "--format",
        "json",
      ).out,
    );
    expect(h.map((v: { recordedAt: string }) => v.recordedAt)).toEqual([
      "2025-09-30T00:00:00.000Z",
    ]);
  });

  it("counts holders by headquarters and China with Hong Kong and Macao on control, explain and flows when asked, and names a wrong value", () => {
    const drc = join(root, "data/drc");
    const view = ["--country-basis", "headquarters", "--group", "greater-china"];
    const at = ["--data", drc, "--as-of", "2025-12-31", "--format", "json"];
    const control = JSON.parse(
      orebook("report", "control", "--commodity", "cobalt", ...view, ...at).out,
    );
    expect(control.countryView).toEqual({ countryBasis: "headquarters", group: "greater-china" });
    const keys = control.byCountry.map((r: { country: string }) => r.country);
    for (const member of ["CN", "HK", "MO"]) expect(keys).not.toContain(member);
    const x = orebook("explain", "--commodity", "cobalt", "--country", "CN", ...view, ...at);
    expect(x.err).toBe("");
    expect(JSON.parse(x.out).country).toBe("greater-china");
    const flows = JSON.parse(
      orebook("report", "flows", "--commodity", "cobalt", "--period", "2025", ...view, ...at).out,
    );
    expect(flows.countryView).toEqual({ countryBasis: "headquarters", group: "greater-china" });
    const bad = orebook("report", "control", "--commodity", "cobalt", "--group", "asia", ...at);
    expect(bad.code).toBe(2);
    expect(bad.err.trim()).toBe(
      "orebook: --group asia is not a group: expected one of greater-china",
    );
    const badBasis = orebook(
      "explain",
      "--commodity",
      "cobalt",
      "--country",
      "CN",
      "--country-basis",
      "listing",
      ...at,
    );
    expect(badBasis.err.trim()).toBe(
      "orebook: --country-basis listing is not a country basis: expected one of incorporation, headquarters",
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

describe("orebook report control and explain on the eastern commodities of the reference data", () => {
  const drc = join(root, "data/drc");
  for (const commodity of ["tantalum", "tin", "tungsten", "gold"])
    for (const asOf of ["2024-12-31", "2025-12-31"])
      it(`answers ${commodity} as of ${asOf} without a period, never asking for a flag`, () => {
        const r = orebook(
          "report",
          "control",
          "--commodity",
          commodity,
          "--data",
          drc,
          "--as-of",
          asOf,
          "--format",
          "table",
        );
        expect(r.err).toBe("");
        expect(r.code).toBe(0);
        expect(r.out).not.toMatch(/--[a-z]/);
        expect(r.out.split("\n")[0]).toMatch(new RegExp(`^${commodity} \\d{4} — ownership`));
        // National totals, coverage and a residual row, each total that is not a reported
        // figure labelled as an estimate.
        expect(r.out.split("\n")[0]).toMatch(/shares of DR Congo's mine production, [\d,]+ t/);
        expect(r.out).toMatch(/coverage: [\d,]+ t on \d+ recorded assets? \(\d+\.\d%\)/);
        const j = JSON.parse(
          orebook(
            "report",
            "control",
            "--commodity",
            commodity,
            "--data",
            drc,
            "--as-of",
            asOf,
            "--format",
            "json",
          ).out,
        );
        expect(j.coverage.basis).toBe("national");
        expect(j.coverage.nationalTonnes).toBeGreaterThan(0);
        const residual = j.byCountry.find(
          (c: { country: string }) => c.country === "not-on-a-recorded-asset",
        );
        expect(residual.attributableTonnes).toBeCloseTo(j.coverage.residualTonnes, 6);
        for (const e of j.coverage.estimates) expect(r.out).toContain(e.label);
      });

  it("answers gold for 2025 with the 2024 exports carried forward, labelled with their age, and Twangiza's disputed output under AFC/M23 in the de facto view only", () => {
    const args = [
      "report",
      "control",
      "--commodity",
      "gold",
      "--data",
      drc,
      "--as-of",
      "2025-12-31",
    ];
    const j = JSON.parse(orebook(...args, "--format", "json").out);
    expect(j.period).toBe("2025");
    expect(j.coverage.estimates).toEqual([
      expect.objectContaining({
        record: "cp-cd-gold-2025",
        method: "carried-forward",
        fromYear: 2024,
        ageYears: 1,
      }),
    ]);
    const row = (c: string) => j.byCountry.find((x: { country: string }) => x.country === c);
    expect(row("armed-group:afc-m23").consolidatedShare).toBe(0);
    expect(row("armed-group:afc-m23").deFactoShare).toBeGreaterThan(0);
    expect(row("CD").deFactoShare).toBeLessThan(row("CD").consolidatedShare);
    const twangiza = j.assets.find((a: { id: string }) => a.id === "twangiza");
    expect(twangiza.basis).toBe("estimate");
    const table = orebook(...args, "--format", "table").out;
    expect(table).toMatch(
      /national total CD is an ESTIMATE \(an earlier year carried forward: the 2024 figure, 1 year old/,
    );
  });

  it("answers tungsten with a derived national total carried forward from 2019, all of it in the residual row, and says no site has a figure", () => {
    const args = [
      "report",
      "control",
      "--commodity",
      "tungsten",
      "--data",
      drc,
      "--as-of",
      "2024-12-31",
    ];
    const table = orebook(...args, "--format", "table");
    expect(table.code).toBe(0);
    expect(table.out).toMatch(/the 2019 figure, 5 years old/);
    expect(table.out).toMatch(
      /Not on a recorded asset \(artisanal and unlisted output\) +0\.0% +100\.0% +100\.0% +100\.0%/,
    );
    expect(table.out).toContain("No recorded site has a tungsten figure for 2024");
    expect(table.out).not.toContain("No shares");
  });

  it("answers germanium from the plants' stated capacity when no output figure exists, labelled in the table and the JSON", () => {
    const args = ["report", "control", "--commodity", "germanium", "--data", drc];
    const table = orebook(...args, "--as-of", "2025-12-31", "--format", "table");
    expect(table.err).toBe("");
    expect(table.code).toBe(0);
    expect(table.out).not.toMatch(/--[a-z]/);
    const j = JSON.parse(orebook(...args, "--as-of", "2025-12-31", "--format", "json").out);
    expect(j.totalTonnes).toBeGreaterThan(0);
    const capacity = j.assets.filter((a: { basis: string }) => a.basis === "capacity");
    // Capacity is counted only when the year has no output figure, and then it is labelled.
    if (capacity.length > 0) {
      expect(j.periodChoice.bases).toEqual(["capacity"]);
      expect(j.periodChoice.label).toMatch(/capacity .*not output/);
      expect(table.out.split("\n")[1]).toMatch(/capacity .*not output/);
    }
  });

  it("gives tantalum's de facto view to AFC/M23 through Rubaya's territory record, with its sources, and labels the estimate", () => {
    const r = orebook(
      "explain",
      "--commodity",
      "tantalum",
      "--country",
      "armed-group:afc-m23",
      "--view",
      "deFacto",
      "--data",
      drc,
      "--as-of",
      "2025-12-31",
      "--format",
      "table",
    );
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    const lines = r.out.split("\n");
    expect(lines[1]).toBe(
      "  No actual tantalum production figure up to 2025 in the dataset: the figures are 2024 estimates, not reported output.",
    );
    expect(r.out).toContain("named by territory record afc-m23-masisi (held since 2024-04-30)");
    expect(r.out).toMatch(/Rubaya \(Bibatama concession\): sources \S+/);
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

describe("orebook import bods and lookups by name", () => {
  const bods = (name: string) => join(root, "test/fixtures/bods", name);
  /** Runs the command against its own fresh store. */
  function inStore(db: string) {
    return (...args: string[]) => {
      const r = spawnSync(process.execPath, [cli, ...args], {
        cwd: work,
        encoding: "utf8",
        env: { ...process.env, OREBOOK_DB: join(work, db), OREBOOK_DATABASE_URL: "" },
      });
      return { code: r.status ?? -1, out: r.stdout, err: r.stderr };
    };
  }

  it("import bods then lookthrough --entity by name shows the declared indirect owner with 30 %, found in the imported dataset", () => {
    const run = inStore("indirect.db");
    const imp = run("import", "bods", bods("indirect-ownership.json"), "--today", "2025-06-30");
    expect(imp.code).toBe(0);
    expect(imp.out).toContain(
      "indirect.db: 7 records written, 0 unchanged (sources 1, entities 3, stakes 2, indirectInterests 1); 6 statements read, 1 non-equity interests kept in notes, 1 declared indirect interest kept",
    );
    expect(imp.out).toContain(
      'Query it with --dataset imported, e.g. orebook lookthrough --dataset imported --entity "Company A"',
    );
    const look = run("lookthrough", "--entity", "Company A", "--format", "table");
    expect(look.code).toBe(0);
    const lines = look.out.split("\n");
    expect(lines[1]).toBe(
      "(found in dataset imported: the default dataset has no match; --dataset imported to read it directly)",
    );
    const person = lines.find((l) => l.startsWith("person-1"));
    expect(person?.replace(/\s+/g, " ")).toBe("person-1 Person 1 person BE 30.00% 30.00% indirect");
    expect(look.out).toContain(
      "  Person 1 declares 30.00% of Company A through Company B (rel-1-a): a component share is derived from it\n    Derived from the declared indirect interest rel-1-a (Person 1 declares 30% of Company A): 30% = 60% × x gives x = 50%",
    );
    const json = JSON.parse(run("lookthrough", "--entity", "Company A", "--format", "json").out);
    expect(json.dataset).toBe("imported");
    expect(json.owners.find((o: { id: string }) => o.id === "person-1").share).toBeCloseTo(0.3, 12);
  });

  it("lookthrough --entity names every dataset it searched when none has a match", () => {
    const run = inStore("indirect.db");
    const r = run("lookthrough", "--entity", "No Such Company");
    expect(r.code).toBe(3);
    expect(r.err.trim()).toBe(
      'orebook: No entity or asset matches "No Such Company" in any dataset (searched drc, imported)',
    );
  });

  it("import bods refuses a delta into a store without its earlier publication, and resolves it once that is imported", () => {
    const run = inStore("delta.db");
    const refused = run("import", "bods", bods("delta-update.json"), "--today", "2025-06-30");
    expect(refused.code).toBe(5);
    expect(refused.err).toContain(
      "orebook: delta-update.json is a delta: it refers to 3 records that neither it nor dataset imported holds (mine-co, holder-co, rel-holder-mine): nothing was imported. Import the earlier publication first",
    );
    expect(refused.err).toContain(
      "delta-update.json:57: statement orebook-test-statement-0000000413: Record rel-holder-mine (a series continued) is neither in the file nor in dataset imported",
    );
    expect(run("import", "bods", bods("delta-base.json"), "--today", "2025-06-30").code).toBe(0);
    const ok = run("import", "bods", bods("delta-update.json"), "--today", "2025-06-30");
    expect(ok.code).toBe(0);
    expect(ok.out).toContain("3 records named by the file resolved in dataset imported");
    const look = JSON.parse(
      run("lookthrough", "--entity", "Mine Co SARL", "--as-of", "2024-07-01", "--format", "json")
        .out,
    );
    expect(look.owners.map((o: { id: string; share: number }) => [o.id, o.share])).toEqual([
      ["holder-co", 0.4],
      ["investor-co", 0.2],
    ]);
  });

  it("validate bods exits 0 on a delta, listing its information, and 5 with --strict", () => {
    const open = orebook("validate", "bods", bods("delta-update.json"), "--today", "2025-06-30");
    expect(open.code).toBe(0);
    expect(open.out).toContain("delta-update.json: valid BODS 0.4 (3 statements); 6 information");
    const strict = orebook(
      "validate",
      "bods",
      bods("delta-update.json"),
      "--today",
      "2025-06-30",
      "--strict",
    );
    expect(strict.code).toBe(5);
    expect(strict.err.trim()).toBe(
      `orebook: ${bods("delta-update.json")} has 6 problems in 2 of 3 statements`,
    );
  });

  it("validate bods calls a single statement object an error", () => {
    const r = orebook("validate", "bods", bods("single-statement.json"), "--today", "2025-06-30");
    expect(r.code).toBe(5);
    expect(r.out.trim()).toBe(
      "single-statement.json:1: statement orebook-test-statement-0000000421: The file holds a single statement object, not an array of statements: BODS 0.4 data is an array of statements ([{…}, {…}]) or JSON Lines (one statement per line) [statements_not_array]",
    );
  });
});

describe("orebook report control on the by-product metals of the reference data", () => {
  const drc = join(root, "data/drc");
  const json = (...args: string[]) =>
    JSON.parse(
      orebook("report", "control", "--data", drc, "--format", "json", "--as-of", ...args).out,
    );

  it("answers gallium with the sourced national zero and Kipushi's zero recovery, labelled as derived", () => {
    for (const asOf of ["2025-12-31", "2026-06-30"]) {
      const j = json(asOf, "--commodity", "gallium");
      expect(j.period).toBe("2025");
      expect(j.periodChoice.how).toBe("latest-actual");
      expect(j.coverage.basis).toBe("national");
      expect(j.coverage.nationalTonnes).toBe(0);
      expect(j.coverage.records).toEqual(["cp-cd-gallium-mine-2025"]);
      expect(j.coverage.estimates).toEqual([
        expect.objectContaining({ record: "cp-cd-gallium-mine-2025", method: "derived" }),
      ]);
      expect(j.assets.map((a: { id: string; tonnes: number }) => [a.id, a.tonnes])).toEqual([
        ["kipushi", 0],
      ]);
    }
    // The table says the national total is zero instead of printing empty percentages.
    const t = orebook(
      "report",
      "control",
      "--data",
      drc,
      "--commodity",
      "gallium",
      "--as-of",
      "2025-12-31",
      "--format",
      "table",
    );
    expect(t.code).toBe(0);
    expect(t.out).toContain("national total is 0 t (");
    expect(t.out).not.toContain("()");
  });

  it("answers germanium with Big Hill's capacity, labelled as capacity, never an error", () => {
    const r = orebook(
      "report",
      "control",
      "--data",
      drc,
      "--commodity",
      "germanium",
      "--as-of",
      "2025-12-31",
      "--format",
      "table",
    );
    expect(r.code).toBe(0);
    expect(r.err).toBe("");
    expect(r.out).not.toMatch(/--[a-z]/);
    const j = json("2025-12-31", "--commodity", "germanium");
    expect(j.periodChoice.how).toBe("latest-capacity");
    expect(j.periodChoice.label).toMatch(/capacity/);
    expect(j.totalTonnes).toBeGreaterThan(0);
  });
});

describe("orebook report routes", () => {
  it("prints each corridor target the base case misses with its note, the why recorded in the data", () => {
    const args = ["report", "routes", "--data", join(root, "data/drc"), "--commodity", "cobalt"];
    const json = orebook(...args, "--as-of", "2025-12-31", "--format", "json");
    expect(json.code).toBe(0);
    const rows = (
      JSON.parse(json.out) as {
        calibration: { rows: { target: string; within: boolean | null; note: string }[] };
      }
    ).calibration.rows;
    expect(rows.length).toBeGreaterThan(0);
    const table = orebook(...args, "--as-of", "2025-12-31", "--format", "table");
    expect(table.code).toBe(0);
    expect(table.out).toContain("Calibration: the base case against the sourced corridor targets");
    for (const row of rows)
      if (row.within === false)
        expect(table.out).toContain(`Out of range: ${row.target} — ${row.note}`);
      else expect(table.out).not.toContain(`Out of range: ${row.target}`);
  });
});
