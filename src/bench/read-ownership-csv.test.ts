import fc from "fast-check";
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
  it("ownershipCsvFrom() reads numeric registers the same on its fast path as on the general one", () => {
    // Columns in the usual order take the fast path; the same rows with the id columns swapped
    // in the header take the general reader. Odd lines (blank, CRLF, exponents, unknown ids,
    // shares out of range, quotes, too many digits) make the fast path give up, and then both
    // must report the same problems.
    const odd = fc.constantFrom(
      "",
      "E9999,E0001,0.5",
      "E0001,E0002,1e-1",
      "E0001,E0002,1.5",
      'E0001,"E0002",0.5',
      "E0001,E0002,0.1234567890123456",
      "E0001,E0002",
      "E0001,E0002,0.5\r",
    );
    const row = fc.record({
      o: fc.integer({ min: 0, max: 5 }),
      d: fc.integer({ min: 0, max: 5 }),
      s: fc.integer({ min: 1, max: 1_000_000 }),
      c: fc.constantFrom("copper", "cobalt", "NA"),
      t: fc.integer({ min: 0, max: 10_000_000 }),
    });
    fc.assert(
      fc.property(fc.array(row, { maxLength: 12 }), fc.option(odd), fc.nat(12), (rows, bad, at) => {
        const id = (i: number) => `E${String(i).padStart(4, "0")}`;
        const ents = b(`id,country\n${[0, 1, 2, 3, 4, 5].map((i) => `${id(i)},CD`).join("\n")}\n`);
        const st = rows.map((r) => [id(r.o), id(r.d), (r.s / 1e6).toString()]);
        const pr = rows.map((r) => `${id(r.d)},${r.c},${r.t / 1000}`);
        const lines = st.map((f) => f.join(","));
        const swapped = st.map(([o, d, x]) => [d, o, x].join(","));
        if (bad !== null) {
          lines.splice(at, 0, bad);
          const [o, d, ...rest] = bad.split(",");
          swapped.splice(at, 0, d === undefined ? bad : [d, o, ...rest].join(","));
          pr.splice(at, 0, bad.replace("E0002", "copper"));
        }
        const run = (stakes: string, order: "owner_id,owned_id" | "owned_id,owner_id") => {
          try {
            return ownershipCsvFrom(
              ents,
              b(`${order},share\n${stakes}\n`),
              b(`asset_id,commodity,tonnes\n${pr.join("\n")}\n`),
            );
          } catch (e) {
            return (e as OrebookError).issues.map((i) => `${i.file}:${i.line}:${i.column ?? ""}`);
          }
        };
        const fast = run(lines.join("\n"), "owner_id,owned_id");
        const general = run(swapped.join("\n"), "owned_id,owner_id");
        if (Array.isArray(fast) || Array.isArray(general)) {
          // The same lines are at fault; columns differ only where the id columns were swapped.
          expect(Array.isArray(fast) && Array.isArray(general)).toBe(true);
          const line = (x: string) => x.split(":").slice(0, 2).join(":");
          expect((fast as string[]).map(line)).toEqual((general as string[]).map(line));
          return;
        }
        const cut = (a: { subarray(s: number, e: number): ArrayLike<number> }, n: number) =>
          Array.from(a.subarray(0, n));
        expect(fast.stakes.count).toBe(general.stakes.count);
        expect(cut(fast.stakes.owner, fast.stakes.count)).toEqual(
          cut(general.stakes.owner, general.stakes.count),
        );
        expect(cut(fast.stakes.owned, fast.stakes.count)).toEqual(
          cut(general.stakes.owned, general.stakes.count),
        );
        expect(cut(fast.stakes.share, fast.stakes.count)).toEqual(
          cut(general.stakes.share, general.stakes.count),
        );
        expect(fast.commodities).toEqual(general.commodities);
        expect(cut(fast.production.tonnes, fast.production.count)).toEqual(
          cut(general.production.tonnes, general.production.count),
        );
      }),
      { numRuns: 400 },
    );
  });
  it("ownershipCsvFrom() reads entities the same on its fast scan as on the general reader", () => {
    const odd = fc.constantFrom("", "E0009", '"E0009",CD', ",CD", "E0009,CD,extra", "E0009,CD\r");
    const entity = fc.record({
      id: fc.integer({ min: 0, max: 40 }),
      country: fc.constantFrom("CD", "NA", "CHN", "", "Ü"),
    });
    fc.assert(
      fc.property(
        fc.array(entity, { maxLength: 10 }),
        fc.option(odd),
        fc.nat(10),
        (es, bad, at) => {
          const lines = es.map((e) => `E${String(e.id).padStart(4, "0")},${e.country}`);
          const swapped = lines.map((l) => l.split(",").reverse().join(","));
          if (bad !== null) {
            lines.splice(at, 0, bad);
            const cr = bad.endsWith("\r") ? "\r" : "";
            const body = bad.replace("\r", "");
            swapped.splice(
              at,
              0,
              body.includes(",") ? body.split(",").reverse().join(",") + cr : bad,
            );
          }
          const empty = [b("owner_id,owned_id,share\n"), b("asset_id,commodity,tonnes\n")] as const;
          const run = (header: string, rows: string[]) => {
            try {
              const r = ownershipCsvFrom(b(`${header}\n${rows.join("\n")}\n`), ...empty);
              return { ids: r.ids, countries: r.countries, country: Array.from(r.country) };
            } catch (e) {
              return (e as OrebookError).issues.map((i) => `${i.line} ${i.message}`);
            }
          };
          const fast = run("id,country", lines);
          const general = run("country,id", swapped);
          if (Array.isArray(fast) && Array.isArray(general)) {
            // The same lines at fault (a field count or a quote reads the same either way).
            expect(fast.map((x) => x.split(" ")[0])).toEqual(general.map((x) => x.split(" ")[0]));
            return;
          }
          expect(fast).toEqual(general);
        },
      ),
      { numRuns: 400 },
    );
  });
});
