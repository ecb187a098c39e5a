import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { issueToString, OrebookError } from "../model/errors.js";
import { loadDatasetDir } from "./load-dataset.js";

const dirs: string[] = [];
function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "orebook-load-"));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const SOURCES = `sources:
  - id: src-a
    title: A source
    kind: primary
    confidence: high
`;
const OWNERS = `entities:
  - id: gecamines
    name: Gécamines
    kind: state-enterprise
    country: CD
    sources: [src-a]
    asOf: "2024"
`;

function problems(dir: string): string[] {
  try {
    loadDatasetDir(dir);
  } catch (e) {
    if (e instanceof OrebookError) return e.issues.map(issueToString);
    throw e;
  }
  return [];
}

describe("loadDatasetDir()", () => {
  it("loads a valid folder and merges kinds across files", () => {
    const dir = folder({ "sources.yaml": SOURCES, "owners.yaml": OWNERS });
    const { dataset } = loadDatasetDir(dir);
    expect(dataset.sources.map((s) => s.id)).toEqual(["src-a"]);
    expect(dataset.entities.map((e) => e.id)).toEqual(["gecamines"]);
  });

  it("lists every problem at once with file, line, column and field", () => {
    const dir = folder({
      "sources.yaml": SOURCES,
      "mine.yaml": `${OWNERS}
assets:
  - id: kipushi
    name: Kipushi
    kind: mine
    country: CD
    province: Haut-Katanga
    location: null
    status: operating
    commodities: [zinc, unobtainium]
    sources: [src-a]
    asOf: "2025"
stakes:
  - id: st-1
    owner: gecamines
    owned: kipushi
    share: 38
    sources: [src-a]
    asOf: "2025"
  - id: st-2
    owner: nobody
    owned: kipushi
    share: 0.5
    sources: [src-missing]
    asOf: "2025"
`,
    });
    const p = problems(dir);
    const f = join(dir, "mine.yaml");
    expect(p).toEqual([
      `${f}:17:25: assets kipushi commodities.1: Expected one of cobalt, copper, gallium, germanium, gold, lithium, tantalum, tin, tungsten, zinc`,
      `${f}:24:5: stakes st-1 share: A share must be ≤ 1 (a fraction, not a percentage)`,
      `${f}:31:15: stakes st-2 sources.0: Unknown source src-missing: add it to sources`,
      `${f}:28:5: stakes st-2 owner: Unknown entity nobody: owners must be entities`,
    ]);
  });

  it("reports YAML syntax errors and unknown kinds with their line", () => {
    const dir = folder({
      "a.yaml": "entities:\n  - id: x\n    name: [unclosed\n",
      "b.yaml": "stakez: []\n",
    });
    const p = problems(dir);
    expect(p.some((x) => /a\.yaml:\d+:\d+: YAML syntax/.test(x))).toBe(true);
    expect(p).toContain(
      `${join(dir, "b.yaml")}:1:1: stakez: Unknown record kind "stakez": expected one of sources, entities, assets, stakes, production, offtakes, tradeRules, routeNodes, routeLegs, stockpiles, stockpileMovements, demand, prices, deals, territories, countryProduction, controlAgreements, tradeFlows, indirectInterests, transportRates, corridorTargets`,
    );
  });

  it("refuses a source address that is not an absolute http(s) URL, with its line", () => {
    const dir = folder({
      "s.yaml": `sources:
  - id: src-a
    title: A repository file
    url: "github: owner/repo data/file.json"
    kind: secondary
    confidence: medium
`,
    });
    expect(problems(dir)).toEqual([
      `${join(dir, "s.yaml")}:4:5: sources src-a url: expected an absolute http(s) address such as https://example.org/report.pdf`,
    ]);
  });

  it("refuses duplicate ids and stakes adding up to more than 100%", () => {
    const dir = folder({
      "sources.yaml": SOURCES,
      "a.yaml": `${OWNERS}  - id: gecamines
    name: Again
    kind: company
    country: CD
    sources: [src-a]
    asOf: "2024"
  - id: other
    name: Other
    kind: company
    country: CN
    sources: [src-a]
    asOf: "2024"
stakes:
  - { id: s1, owner: gecamines, owned: other, share: 0.7, sources: [src-a], asOf: "2024" }
  - { id: s2, owner: gecamines, owned: other, share: 0.4, sources: [src-a], asOf: "2024" }
`,
    });
    const p = problems(dir);
    expect(p.some((x) => x.includes("Duplicate id gecamines in entities"))).toBe(true);
    expect(
      p.some((x) => x.includes("Stakes in other add up to 110.00%, more than 100% (s1, s2)")),
    ).toBe(true);
  });

  it("names a missing folder", () => {
    expect(() => loadDatasetDir("/nonexistent/orebook")).toThrow(
      "Dataset folder /nonexistent/orebook not found",
    );
  });
});
