import { describe, expect, it } from "vitest";
import { OrebookError } from "../model/errors.js";
import { ownershipCsvFrom } from "./read-ownership-csv.js";

const b = (s: string) => Buffer.from(s, "utf8");

describe("ownershipCsvFrom()", () => {
  it("ownershipCsvFrom() reads numeric ids, keeps NA as Namibia and sums nothing itself", () => {
    const r = ownershipCsvFrom(
      b("id,name,kind,country\nE002,Mine,asset,NA\nE001,Co,company,CN\nE003,State,state,NA\n"),
      b("owner_id,owned_id,share\nE001,E002,0.6\nE003,E001,1\n"),
      b("asset_id,commodity,tonnes\nE002,zinc,10.5\nE002,germanium,0.125\n"),
    );
    expect(r.ids).toEqual(["E002", "E001", "E003"]);
    expect(r.countries).toEqual(["CN", "NA"]);
    expect(Array.from(r.country)).toEqual([1, 0, 1]);
    expect(r.stakes.count).toBe(2);
    expect(Array.from(r.stakes.owner.subarray(0, 2))).toEqual([1, 2]);
    expect(Array.from(r.stakes.owned.subarray(0, 2))).toEqual([0, 1]);
    expect(Array.from(r.stakes.share.subarray(0, 2))).toEqual([0.6, 1]);
    expect(r.commodities).toEqual(["germanium", "zinc"]);
    expect(Array.from(r.production.commodity.subarray(0, 2))).toEqual([1, 0]);
    expect(Array.from(r.production.tonnes.subarray(0, 2))).toEqual([10.5, 0.125]);
    expect(r.indexOf.get("E003")).toBe(2);
  });

  it("ownershipCsvFrom() reads free-form ids, CRLF lines and exponent numbers", () => {
    const r = ownershipCsvFrom(
      b("country,id\r\nCD,kamoto-copper\r\nCD,gécamines\r\n"),
      b("owner_id,owned_id,share\r\ngécamines,kamoto-copper,2.5e-1\r\n"),
      b("asset_id,commodity,tonnes\r\nkamoto-copper,copper,1e3\r\n"),
    );
    expect(r.ids).toEqual(["kamoto-copper", "gécamines"]);
    expect(r.stakes.share[0]).toBe(0.25);
    expect(r.production.tonnes[0]).toBe(1000);
  });

  it("ownershipCsvFrom() reports every unknown id and bad share with file, line and column", () => {
    try {
      ownershipCsvFrom(
        b("id,country\nE1,CD\nE1,CD\n"),
        b("owner_id,owned_id,share\nE9,E1,0.5\nE1,E1,1.5\n"),
        b("asset_id,commodity,tonnes\nE1,copper,x\n"),
      );
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(OrebookError);
      const err = e as OrebookError;
      expect(err.message).toBe("The ownership register has 4 problems");
      expect(err.issues.map((i) => `${i.file}:${i.line}:${i.column ?? ""} ${i.message}`)).toEqual([
        'entities.csv:3: Duplicate id "E1"',
        'stakes.csv:2:1 Unknown entity id "E9"',
        'stakes.csv:3:3 Expected a share in (0, 1], got "1.5"',
        'production.csv:2:3 Expected tonnes ≥ 0, got "x"',
      ]);
    }
  });
});
