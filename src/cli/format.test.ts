import { describe, expect, it } from "vitest";
import { csvFrom } from "./format.js";

describe("csvFrom", () => {
  it("csvFrom() writes text a spreadsheet would run as a formula with a leading apostrophe, numbers as they are", () => {
    const rows = [
      { name: '=HYPERLINK("http://evil.example","Click")', share: -0.25 },
      { name: "@SUM(A1)", share: 0.5 },
      { name: "-cmd|' /C calc'!A0", share: 1 },
      { name: "Gécamines", share: 0 },
    ];
    const csv = csvFrom(rows, [
      { header: "name", value: (r) => r.name },
      { header: "share", value: (r) => r.share },
    ]);
    expect(csv).toBe(
      [
        "name,share",
        `"'=HYPERLINK(""http://evil.example"",""Click"")",-0.25`,
        "'@SUM(A1),0.5",
        "'-cmd|' /C calc'!A0,1",
        "Gécamines,0",
        "",
      ].join("\n"),
    );
  });
});
