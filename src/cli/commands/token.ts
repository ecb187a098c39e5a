/** `orebook token create|list|revoke`: API tokens, stored hashed beside the ledger. */
import type { Command } from "commander";
import { isRole, ROLES, TokenStore } from "../../api/token-store.js";
import { OrebookError } from "../../model/errors.js";
import { formatFrom, tableFrom } from "../format.js";
import { emit } from "../options.js";

type Opts = Record<string, string | undefined>;

function withStore(cmd: Command): Command {
  return cmd
    .option("--db <path>", "SQLite store (default ./orebook.db, or OREBOOK_DB)")
    .option("--database-url <url>", "PostgreSQL store (or OREBOOK_DATABASE_URL)");
}

async function using<T>(opts: Opts, fn: (s: TokenStore) => Promise<T>): Promise<T> {
  const store = await TokenStore.open({ db: opts.db, databaseUrl: opts.databaseUrl });
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

export function register(program: Command): void {
  const token = program.command("token").description("API tokens for orebook serve");
  withStore(
    token
      .command("create")
      .description("Create a token and print it once (only its hash is stored)")
      .requiredOption("--role <role>", `one of ${ROLES.join(", ")}`)
      .option("--name <name>", "who or what the token is for"),
  ).action(async (opts: Opts) => {
    const role = opts.role ?? "";
    if (!isRole(role))
      throw new OrebookError(
        "BAD_INPUT",
        `Unknown role "${role}": expected one of ${ROLES.join(", ")}`,
      );
    const made = await using(opts, (s) =>
      s.create({ role, ...(opts.name ? { name: opts.name } : {}), createdBy: "cli" }),
    );
    process.stderr.write(
      `orebook: token ${made.info.id} (${made.info.role}, "${made.info.name}") created; it is shown once, keep it safe\n`,
    );
    emit(made.token);
  });
  withStore(
    token
      .command("list")
      .description("List tokens (ids, names, roles; never the tokens)")
      .option("--format <format>", "table or json"),
  ).action(async (opts: Opts) => {
    const list = await using(opts, (s) => s.list());
    if (formatFrom(opts.format) === "json") emit(JSON.stringify(list, null, 2));
    else
      emit(
        tableFrom(list, [
          { header: "Id", value: (t) => t.id },
          { header: "Role", value: (t) => t.role },
          { header: "Name", value: (t) => t.name },
          { header: "Created", value: (t) => t.createdAt },
          { header: "Revoked", value: (t) => t.revokedAt ?? "" },
        ]),
      );
  });
  withStore(token.command("revoke").description("Revoke a token by id").argument("<id>")).action(
    async (id: string, opts: Opts) => {
      const info = await using(opts, (s) => s.revoke(id));
      process.stderr.write(`orebook: token ${info.id} revoked\n`);
    },
  );
}
