import { expect, test } from "vitest";
import { worldFrom, worldFromOwned } from "../../model/world.js";
import { testDataset } from "./_test-world.js";

test("worldFromOwned() folds a dataset exactly as worldFrom() does", () => {
  const ds = testDataset({
    entities: [
      ["a", "company", "CN"],
      ["m23", "armed-group", null],
    ],
    assets: [["m", "CD", ["cobalt"], "North Kivu", "Masisi"]],
    stakes: [["a", "m", 0.5]],
    production: [["m", "cobalt", "2025", 100]],
    territories: [["m23", "North Kivu", ["Masisi"], ["m"]]],
  });
  const first = ds.stakes[0];
  if (first) ds.stakes.push({ ...first, id: "old" as never, validTo: "2020-01-01" as never });
  for (const asOf of ["2019-06-30", "2025-12-31"])
    expect(worldFromOwned(ds, asOf)).toEqual(worldFrom(ds, asOf));
});
