import { describe, expect, it } from "vitest";
import { storeFrom } from "./open-ledger.js";

describe("storeFrom()", () => {
  it("storeFrom() prefers --database-url, then --db, then the environment, then ./orebook.db", () => {
    const env = { OREBOOK_DATABASE_URL: "postgres://env/db", OREBOOK_DB: "env.db" };
    expect(storeFrom({ databaseUrl: "postgres://flag/db", db: "x.db", env })).toEqual({
      dialect: "postgres",
      url: "postgres://flag/db",
    });
    expect(storeFrom({ db: "flag.db", env })).toEqual({ dialect: "sqlite", path: "flag.db" });
    expect(storeFrom({ env })).toEqual({ dialect: "postgres", url: "postgres://env/db" });
    expect(storeFrom({ env: { OREBOOK_DB: "env.db" } })).toEqual({
      dialect: "sqlite",
      path: "env.db",
    });
    expect(storeFrom({ env: {} })).toEqual({ dialect: "sqlite", path: "orebook.db" });
  });
});
