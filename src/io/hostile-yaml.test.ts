/**
 * Careless dataset folders and text files (issue 24): future-dated actuals, empty files and
 * files that are not text were accepted in silence.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { issueToString, OrebookError } from "../model/errors.js";
import { decodeText } from "./decode-text.js";
import { loadDatasetDir } from "./load-dataset.js";

const dirs: string[] = [];
function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "orebook-hostile-yaml-"));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function problems(dir: string, today: string): string[] {
  try {
    loadDatasetDir(dir, { today });
  } catch (e) {
    if (e instanceof OrebookError) return e.issues.map(issueToString);
    throw e;
  }
  return [];
}

const DATA = `sources:
  - { id: s, title: A source, kind: primary, confidence: high }
entities:
  - { id: k, name: Kamoto, kind: company, country: CD, sources: [s], asOf: "2025" }
assets:
  - { id: m, name: Mine, kind: mine, country: CD, province: Lualaba, location: null, status: operating, commodities: [cobalt], sources: [s], asOf: "2025" }
stakes:
  - { id: st, owner: k, owned: m, share: 0.5, sources: [s], asOf: 2099-02 }
  - { id: later, owner: k, owned: m, share: 0.2, validFrom: 2027-01-25, sources: [s], asOf: 2027-01-25 }
production:
  - { id: p, asset: m, commodity: cobalt, period: "2098", tonnes: 10, basis: actual, sources: [s], asOf: "2025" }
  - { id: g, asset: m, commodity: cobalt, period: "2098", tonnes: 10, basis: guidance, sources: [s], asOf: "2025" }
`;

describe("dataset folder probes", () => {
  it("an actual figure for a period not begun and a stake as of a month to come are refused with file and line; a scheduled stake and guidance pass", () => {
    const dir = folder({ "data.yaml": DATA });
    expect(problems(dir, "2026-06-30")).toEqual([
      `${join(dir, "data.yaml")}:8:61: stakes st asOf: asOf 2099-02 is after today (2026-06-30): a source cannot have said it yet. A fact that starts later is scheduled with validFrom; otherwise correct the date`,
      `${join(dir, "data.yaml")}:11:43: production p period: An actual figure for period 2098, which begins 2098-01-01, after today (2026-06-30): a figure for the future is basis estimate, guidance or capacity`,
    ]);
  });

  it("an empty YAML file is refused with its name, not read as no records", () => {
    const dir = folder({
      "a.yaml": "",
      "b.yaml": DATA.replace(/ {2}- \{ id: st,.*\n/, "").replace(/ {2}- \{ id: p,.*\n/, ""),
    });
    expect(problems(dir, "2026-06-30")).toEqual([
      `${join(dir, "a.yaml")}:1:1: The file is empty: expected a mapping of record kinds (sources, entities, assets, …) to lists; delete it if it is not needed`,
    ]);
  });
});

describe("decodeText", () => {
  it("decodeText() refuses a file holding a NUL character as not text, with its line", () => {
    expect(() => decodeText(Buffer.from("id,title\ns1,a\u0000b\n"), "x.csv")).toThrow(
      "x.csv:2: a NUL character: this is not a text file (expected UTF-8 text)",
    );
  });

  it("decodeText() converts UTF-16 with its byte-order mark and says so", () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("id,title\n", "utf16le")]);
    const r = decodeText(bytes, "x.csv");
    expect(r.text).toBe("id,title\n");
    expect(r.notice?.message).toBe(
      "The file is UTF-16LE (its byte-order mark says so): converted to UTF-8",
    );
  });
});
