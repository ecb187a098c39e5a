import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { type Issue, issueToString } from "../../model/errors.js";
import { csvFileRows } from "./csv-file-rows.js";
import { CsvParser, type CsvRow, parseCsv } from "./parse-csv.js";

const dir = mkdtempSync(join(tmpdir(), "orebook-csv-rows-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("CsvParser", () => {
  it("a text pushed in pieces, cut anywhere, gives the rows of the whole text", () => {
    const piece = fc.constantFrom("a", "b", ",", '"', '""', "\n", "\r\n", "\r", " ", "é", "\ufeff");
    fc.assert(
      fc.property(
        fc.array(piece, { maxLength: 40 }),
        fc.array(fc.nat(), { maxLength: 6 }),
        (parts, cuts) => {
          const text = parts.join("");
          let whole: CsvRow[] | Error;
          try {
            whole = parseCsv(text, "x.csv");
          } catch (e) {
            whole = e as Error;
          }
          const at = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b);
          const parser = new CsvParser("x.csv");
          const rows: CsvRow[] = [];
          let pieced: CsvRow[] | Error = rows;
          try {
            let from = 0;
            for (const c of at) {
              parser.push(text.slice(from, c), false, rows);
              from = c;
            }
            parser.push(text.slice(from), true, rows);
          } catch (e) {
            pieced = e as Error;
          }
          if (whole instanceof Error) expect((pieced as Error).message).toBe(whole.message);
          else expect(pieced).toEqual(whole);
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe("csvFileRows()", () => {
  it("reads a file of several chunks with characters and line ends cut between them", () => {
    const lines = ["id,name"];
    for (let i = 0; i < 60_000; i++) lines.push(`e${i},"Gécamines ${i}, ""SA""\r\nline two"`);
    const text = `${lines.join("\r\n")}\r\n`;
    const file = join(dir, "big.csv");
    writeFileSync(file, text);
    const bytes: number[] = [];
    const rows = [...csvFileRows(file, { onBytes: (n) => bytes.push(n) })];
    expect(rows).toEqual(parseCsv(text));
    expect(bytes.length).toBeGreaterThan(1);
    expect(bytes.at(-1)).toBe(Buffer.byteLength(text));
  });

  it("a file that is not UTF-8 past its first chunk is read as Windows-1252 from the start and the byte's line declared", () => {
    const head = `id,name\n${"a,Gecamines\n".repeat(100_000)}`;
    const file = join(dir, "latin1.csv");
    writeFileSync(
      file,
      Buffer.concat([Buffer.from(head, "latin1"), Buffer.from("b,Kolwézi\n", "latin1")]),
    );
    const notices: Issue[] = [];
    const rows = [...csvFileRows(file, { notices })];
    expect(rows.at(-1)?.cells).toEqual(["b", "Kolwézi"]);
    expect(rows[1]?.cells).toEqual(["a", "Gecamines"]);
    expect(notices.map(issueToString)).toEqual([
      `${file}:100002: warning: The file is not UTF-8 (byte 0xE9 on line 100002 is not valid UTF-8): read as Windows-1252 (Latin-1) and converted; save it as UTF-8 to be sure every character is right`,
    ]);
  });

  it("a NUL byte deep in a file is refused with its line before any row is read", () => {
    const file = join(dir, "nul.csv");
    writeFileSync(file, `id\n${"x\n".repeat(700_000)}y\u0000\n`);
    expect(() => [...csvFileRows(file)]).toThrow(
      `${file}:700002: a NUL character: this is not a text file (expected UTF-8 text)`,
    );
  });
});
