/**
 * Hostile and careless BODS files (issue 24): empty files and `[]` were imported as nothing
 * with exit 0, and shares adding up to more than 100% were reported without file or line.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { issueToString, OrebookError } from "../../model/errors.js";
import { importBodsFile, validateBodsFile } from "./read-bods.js";

const dir = mkdtempSync(join(tmpdir(), "orebook-bods-hostile-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const today = "2025-06-30";

async function refusal(f: () => Promise<unknown>): Promise<OrebookError> {
  try {
    await f();
  } catch (e) {
    if (e instanceof OrebookError) return e;
    throw e;
  }
  throw new Error("Expected a refusal");
}

const publication = {
  publicationDate: "2025-01-15",
  bodsVersion: "0.4",
  publisher: { name: "Test register" },
};

function entity(n: number, id: string): object {
  return {
    statementId: `orebook-hostile-statement-${String(n).padStart(10, "0")}`,
    statementDate: "2024-01-10",
    declarationSubject: id,
    recordId: id,
    recordType: "entity",
    recordStatus: "new",
    recordDetails: {
      isComponent: false,
      entityType: { type: "registeredEntity" },
      name: id,
      jurisdiction: { name: "CD", code: "CD" },
    },
    publicationDetails: publication,
  };
}

function holding(n: number, id: string, party: string, subject: string, exact: number): object {
  return {
    statementId: `orebook-hostile-statement-${String(n).padStart(10, "0")}`,
    statementDate: "2024-01-10",
    declarationSubject: subject,
    recordId: id,
    recordType: "relationship",
    recordStatus: "new",
    recordDetails: {
      isComponent: false,
      subject,
      interestedParty: party,
      interests: [{ type: "shareholding", directOrIndirect: "direct", share: { exact } }],
    },
    publicationDetails: publication,
  };
}

describe("BODS probes", () => {
  it("an empty file and an empty array are refused with their file and line, not imported as nothing", async () => {
    for (const [name, text] of [
      ["empty.json", ""],
      ["array.json", "[]\n"],
    ]) {
      const file = join(dir, name as string);
      writeFileSync(file, text as string);
      const e = await refusal(() => importBodsFile(file, { today }));
      expect(e.message).toBe(`${name} holds no statements: nothing to import`);
      expect(e.issues.map(issueToString)).toEqual([
        `${name}:1: The file holds no statements: BODS 0.4 data is an array of statements ([{…}, {…}]) or JSON Lines (one statement per line)`,
      ]);
      expect((await validateBodsFile(file, { today })).errors).toBe(1);
    }
  });

  it("shares adding up to more than 100% name the file, the line and the statement of the stake", async () => {
    const statements = [
      entity(1, "mine-co"),
      entity(2, "owner-a"),
      entity(3, "owner-b"),
      holding(4, "rel-a", "owner-a", "mine-co", 60),
      holding(5, "rel-b", "owner-b", "mine-co", 60),
    ];
    const file = join(dir, "shares.jsonl");
    writeFileSync(file, `${statements.map((s) => JSON.stringify(s)).join("\n")}\n`);
    const e = await refusal(() => importBodsFile(file, { today }));
    expect(e.issues.map(issueToString)).toEqual([
      "shares.jsonl:5: statement orebook-hostile-statement-0000000005 (stakes rel-b) share: Stakes in mine-co add up to 120.00%, more than 100% (rel-a, rel-b)",
    ]);
  });
});
