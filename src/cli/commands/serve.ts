/** `orebook serve`: the HTTP API (and the dashboard, once built) on the store the CLI uses. */
import type { Command } from "commander";
import { startServer } from "../../api/server.js";
import { OrebookError } from "../../model/errors.js";

function portOption(v: string | undefined): number {
  if (v === undefined) return 4173;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0 || n > 65535)
    throw new OrebookError(
      "BAD_INPUT",
      `--port ${v} is not a port: expected a whole number from 0 to 65535`,
    );
  return n;
}

export function register(program: Command): void {
  program
    .command("serve")
    .description("Serve the HTTP API (docs at /docs, OpenAPI at /openapi.json) on the store")
    .option("--port <port>", "port to listen on (default 4173; 0 picks a free one)")
    .option("--host <host>", "address to listen on (default 127.0.0.1)")
    .option("--public", "serve read-only public data to requests without a token")
    .option("--db <path>", "SQLite store (default ./orebook.db, or OREBOOK_DB)")
    .option("--database-url <url>", "PostgreSQL store (or OREBOOK_DATABASE_URL)")
    .action(async (opts: Record<string, string | boolean | undefined>) => {
      const server = await startServer({
        port: portOption(opts.port as string | undefined),
        host: (opts.host as string | undefined) ?? "127.0.0.1",
        publicRead: opts.public === true,
        db: opts.db as string | undefined,
        databaseUrl: opts.databaseUrl as string | undefined,
      });
      process.stderr.write(
        `orebook: serving ${server.url} (docs ${server.url}/docs)${opts.public === true ? ", public data readable without a token" : ""}\n`,
      );
      await new Promise<void>((resolve) => {
        const stop = () => {
          process.off("SIGINT", stop);
          process.off("SIGTERM", stop);
          server.close().then(resolve, resolve);
        };
        process.on("SIGINT", stop);
        process.on("SIGTERM", stop);
      });
    });
}
