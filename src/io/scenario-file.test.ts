import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { testDataset } from "../engine/common/_test-world.js";
import { OrebookError } from "../model/errors.js";
import { applyScenarioFileTo, parseScenarioText, scenarioJsonSchema } from "./scenario-file.js";

function issuesOf(f: () => unknown): unknown[] {
  try {
    f();
  } catch (e) {
    if (e instanceof OrebookError) return [...e.issues];
    throw e;
  }
  throw new Error("expected an error");
}

describe("parseScenarioText()", () => {
  test("reads a valid scenario with its defaults", () => {
    const { scenario } = parseScenarioText(
      [
        "name: Quota tightened",
        "baseDate: 2026-03-01",
        "changes:",
        "  - kind: export-ban",
        "    commodity: cobalt",
      ].join("\n"),
    );
    expect(scenario.changes).toEqual([{ kind: "export-ban", commodity: "cobalt", country: "CD" }]);
    expect(scenario.sources).toEqual([]);
  });

  test("a scenario file with mistakes gets every problem listed with its line", () => {
    const text = [
      "name: Broken", //                          1
      "baseDate: 2026-02-30", //                  2  not a date
      "changes:", //                              3
      "  - kind: deal-closes", //                 4
      "    deal: orion-glencore", //              5
      "    probabilty: 0.6", //                   6  misspelt field
      "  - kind: outage", //                      7  unknown kind
      "    asset: tfm", //                        8
      "  - kind: production-outage", //           9
      "    asset: tfm", //                        10
      "    factor: 50", //                        11 out of range
      "  - kind: stake-transfer", //              12
      "    from: glencore", //                    13
      "    owned: kcc", //                        14 `to` missing
      "    share: 40", //                         15 a percentage
    ].join("\n");
    expect(issuesOf(() => parseScenarioText(text, "scenarios/broken.yaml"))).toEqual([
      {
        file: "scenarios/broken.yaml",
        line: 2,
        column: 1,
        path: ["baseDate"],
        message: "Expected a calendar date as YYYY-MM-DD",
      },
      {
        file: "scenarios/broken.yaml",
        line: 4,
        column: 5,
        path: ["changes", 0],
        message: "Unknown field probabilty",
      },
      {
        file: "scenarios/broken.yaml",
        line: 7,
        column: 5,
        path: ["changes", 1, "kind"],
        message: expect.stringMatching(/^Unknown change kind: expected one of deal-closes, /),
      },
      {
        file: "scenarios/broken.yaml",
        line: 11,
        column: 5,
        path: ["changes", 2, "factor"],
        message: "A factor above 10 is almost certainly a typo",
      },
      {
        file: "scenarios/broken.yaml",
        line: 12,
        column: 5,
        path: ["changes", 3, "to"],
        message: expect.stringMatching(/expected string/),
      },
      {
        file: "scenarios/broken.yaml",
        line: 15,
        column: 5,
        path: ["changes", 3, "share"],
        message: expect.stringMatching(/<=1/),
      },
    ]);
  });

  test("reports YAML syntax errors at their line", () => {
    const issues = issuesOf(() =>
      parseScenarioText("name: x\nbaseDate: 2026-01-01\nchanges:\n  - kind: [unclosed\n", "s.yaml"),
    );
    expect(issues[0]).toMatchObject({ file: "s.yaml", line: 5 });
    expect(String((issues[0] as { message: string }).message)).toMatch(/^YAML syntax: /);
  });

  test("a change that cannot apply to the dataset is reported at its line", () => {
    const sf = parseScenarioText(
      [
        "name: Unknown deal",
        "baseDate: 2026-03-01",
        "changes:",
        "  - kind: deal-closes",
        "    deal: no-such-deal",
        "  - kind: production-outage",
        "    asset: nowhere",
        "    factor: 0",
      ].join("\n"),
      "u.yaml",
    );
    const ds = testDataset({ assets: [["tfm", "CD"]] });
    expect(issuesOf(() => applyScenarioFileTo(ds, sf))).toEqual([
      {
        file: "u.yaml",
        line: 5,
        column: 5,
        path: ["changes", 0, "deal"],
        message: "Unknown deal no-such-deal",
      },
      {
        file: "u.yaml",
        line: 7,
        column: 5,
        path: ["changes", 1, "asset"],
        message: "Unknown asset nowhere",
      },
    ]);
  });
});

describe("scenarioJsonSchema()", () => {
  test("the committed schemas/scenario.schema.json is the one the Zod schema generates", () => {
    const committed = JSON.parse(
      readFileSync(new URL("../../schemas/scenario.schema.json", import.meta.url), "utf8"),
    );
    expect(committed).toEqual(scenarioJsonSchema());
  });
});
