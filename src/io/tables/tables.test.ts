import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import ExcelJS from "exceljs";
import { afterAll, describe, expect, it } from "vitest";
import { controlReportFor } from "../../engine/ownership/control-report.js";
import { issueToString, OrebookError } from "../../model/errors.js";
import { worldFrom } from "../../model/world.js";
import { loadDatasetDir } from "../load-dataset.js";
import { assetsGeoJson } from "./assets-geojson.js";
import { columnsFor } from "./columns-for.js";
import { parseCsv } from "./parse-csv.js";
import { readRecordsCsv } from "./read-records-csv.js";
import { readRecordsXlsx } from "./read-records-xlsx.js";
import { tablesFromControlReport } from "./report-tables.js";
import { tablesFromDataset, writeTablesCsv, writeTablesXlsx } from "./write-tables.js";

const dir = mkdtempSync(join(tmpdir(), "orebook-tables-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const reference = () =>
  loadDatasetDir(fileURLToPath(new URL("../../../data/drc", import.meta.url))).dataset;

// An empty cell cannot tell an optional field's null from its absence: it reads as absent.
const withoutNullTerritory = (ds: ReturnType<typeof reference>) =>
  ds.assets.map(({ territory, ...a }) => (territory === null ? a : { ...a, territory }));

const issuesOf = async (f: () => unknown) => {
  try {
    await f();
  } catch (e) {
    if (e instanceof OrebookError) return e.issues.map(issueToString);
    throw e;
  }
  return [];
};

describe("parseCsv", () => {
  it("parseCsv() reads quoted fields with commas, quotes and line breaks, CRLF and a BOM", () => {
    const rows = parseCsv('\ufeffid,note\r\na,"x, ""y""\nz"\r\nb,\n');
    expect(rows).toEqual([
      { line: 1, cells: ["id", "note"] },
      { line: 2, cells: ["a", 'x, "y"\nz'] },
      { line: 4, cells: ["b", ""] },
    ]);
  });
  it("parseCsv() reports a quote left open with its line", () => {
    expect(() => parseCsv('id\n"abc\n', "x.csv")).toThrow(
      "x.csv:2: a quoted field is never closed",
    );
  });
});

describe("columnsFor", () => {
  it("columnsFor() flattens nested fields and keeps schema order", () => {
    expect(columnsFor("assets").map((c) => c.name)).toEqual([
      "id",
      "name",
      "kind",
      "country",
      "province",
      "territory",
      "location.lat",
      "location.lon",
      "location.precision",
      "location.sources",
      "location.note",
      "status",
      "commodities",
      "operator",
      "aliases",
      "sources",
      "asOf",
      "note",
      "restricted",
    ]);
  });
});

describe("CSV and XLSX import", () => {
  it("writeTablesCsv() then readRecordsCsv() gives back the reference dataset", () => {
    const ds = reference();
    writeTablesCsv(join(dir, "csv"), tablesFromDataset(ds));
    const back = readRecordsCsv([join(dir, "csv")]);
    expect(back.stakes).toEqual(ds.stakes);
    expect(back.assets).toEqual(withoutNullTerritory(ds));
    expect(back.deals).toEqual(ds.deals);
    expect(back.production).toEqual(ds.production);
  });

  it("writeTablesXlsx() then readRecordsXlsx() gives back the reference dataset", async () => {
    const ds = reference();
    const file = join(dir, "all.xlsx");
    await writeTablesXlsx(file, tablesFromDataset(ds));
    const back = await readRecordsXlsx(file);
    expect(back.stakes).toEqual(ds.stakes);
    expect(back.assets).toEqual(withoutNullTerritory(ds));
    expect(back.offtakes).toEqual(ds.offtakes);
  });

  it("readRecordsCsv() locates every problem as file:row:column", async () => {
    const d = join(dir, "bad");
    writeTablesCsv(d, []);
    writeFileSync(
      join(d, "entities.csv"),
      "id,name,kind,country,sources,asOf,colour\nk,Kamoto,company,CD,s1,2025,\nx,X,bank,CDX,s1,2025,red\n",
    );
    writeFileSync(join(d, "sources.csv"), "id,title,kind,confidence\ns1,A source,primary,high\n");
    writeFileSync(
      join(d, "stakes.csv"),
      "id,owner,owned,share,sources,asOf\nst1,k,nowhere,0.5,s1,2025\nst2,k,k,abc,s1,2025\n",
    );
    expect(await issuesOf(() => readRecordsCsv([d]))).toEqual([
      `${join(d, "entities.csv")}:1:7: colour: Unknown column colour for entities: see orebook template csv`,
      `${join(d, "entities.csv")}:3:7: colour: Unknown column colour for entities`,
      `${join(d, "stakes.csv")}:3:4: share: Expected a number, found "abc"`,
      `${join(d, "stakes.csv")}:2:3: stakes st1 owned: Unknown entity or asset nowhere`,
    ]);
  });

  it("readRecordsXlsx() locates problems as sheet!cell", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("sources");
    ws.addRow(["id", "title", "kind", "confidence"]);
    ws.addRow(["s1", "A source", "primary", "sure"]);
    const file = join(dir, "bad.xlsx");
    await wb.xlsx.writeFile(file);
    expect(await issuesOf(() => readRecordsXlsx(file))).toEqual([
      'bad.xlsx: sources!D2 confidence: Invalid option: expected one of "high"|"medium"|"low"',
    ]);
  });
});

describe("report and GeoJSON export", () => {
  it("tablesFromControlReport() writes countries, companies and assets as CSV", () => {
    const world = worldFrom(reference(), "2025-12-31");
    const report = controlReportFor(world, { commodity: "cobalt" });
    const [files] = [writeTablesCsv(join(dir, "report"), tablesFromControlReport(report))];
    expect(files.map((f) => f.slice(dir.length))).toEqual([
      "/report/countries.csv",
      "/report/companies.csv",
      "/report/assets.csv",
    ]);
    const rows = parseCsv(readFileSync(join(dir, "report", "countries.csv"), "utf8"));
    expect(rows).toHaveLength(report.byCountry.length + 1);
  });

  it("assetsGeoJson() gives each located asset as a point with its production and controller", () => {
    const world = worldFrom(reference(), "2025-12-31");
    const report = controlReportFor(world, { commodity: "cobalt" });
    const fc = assetsGeoJson(world, report);
    const located = [...world.assets.values()].filter((a) => a.location);
    expect(fc.features).toHaveLength(located.length);
    const row = report.assets.find((a) => fc.features.some((f) => f.id === a.id));
    const f = fc.features.find((x) => x.id === row?.id);
    expect(f?.properties).toMatchObject({ tonnes: row?.tonnes, controller: row?.controller });
    const a = world.assets.get(f?.id as never);
    expect(f?.geometry.coordinates).toEqual([a?.location?.lon, a?.location?.lat]);
  });
});
