import { describe, expect, it } from "vitest";
import { benchDatabaseName, benchDatabaseUrl } from "./bench-store-target.js";

describe("bench-store --database-url", () => {
  it("puts the run's database in place of the URL's, keeping user, host and port", () => {
    expect(benchDatabaseUrl("postgres://postgres@127.0.0.1:5432/postgres", "orebook_bench_x")).toBe(
      "postgres://postgres@127.0.0.1:5432/orebook_bench_x",
    );
    expect(benchDatabaseUrl("postgresql://u:p@db.example:6543", "b1")).toBe(
      "postgresql://u:p@db.example:6543/b1",
    );
  });

  it("refuses what is not a PostgreSQL URL, saying what is expected", () => {
    expect(() => benchDatabaseUrl("bench.db", "b1")).toThrow(/not a URL; expected postgres:\/\//);
    expect(() => benchDatabaseUrl("mysql://root@localhost/x", "b1")).toThrow(
      /mysql:.*not a PostgreSQL URL; expected postgres:\/\//,
    );
    expect(() => benchDatabaseUrl("postgres:///x", "b1")).toThrow(/no host/);
  });

  it("names the run's database as a plain identifier within PostgreSQL's 63 bytes", () => {
    const name = benchDatabaseName(1_000_000, "Seed-7!", 4242);
    expect(name).toBe("orebook_bench_n1000000_sseed7_4242");
    expect(benchDatabaseName(1e6, "9".repeat(80), 1).length).toBe(63);
    expect(() => benchDatabaseUrl("postgres://h/x", "Bad-Name")).toThrow(/plain identifier/);
  });
});
