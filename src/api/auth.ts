/**
 * Who is calling: a bearer token's holder (viewer, analyst, admin), or, when the server was
 * started with `--public`, an anonymous reader who may only read public data. Viewers and the
 * public share one scope (`public`): they never see a restricted record.
 */
import type { MiddlewareHandler } from "hono";
import { Lru } from "./data-service.js";
import { ApiError } from "./problem.js";
import type { Role, TokenInfo, TokenStore } from "./token-store.js";
import type { Scope } from "./visibility.js";

export type CallerRole = Role | "public";

export interface Caller {
  role: CallerRole;
  /** The token's id; null for the anonymous public. */
  tokenId: string | null;
  name: string;
  scope: Scope;
}

export interface AuthEnv {
  Variables: { caller: Caller };
}

const RANK: Record<CallerRole, number> = { public: 0, viewer: 1, analyst: 2, admin: 3 };

/** Throws FORBIDDEN unless the caller has at least `role`. */
export function requireRole(caller: Caller, role: Role, what: string): void {
  if (RANK[caller.role] >= RANK[role]) return;
  if (caller.role === "public")
    throw new ApiError(
      "UNAUTHORIZED",
      `${what} needs a token with the ${role} role: send Authorization: Bearer <token>`,
      { headers: { "WWW-Authenticate": 'Bearer realm="orebook"' } },
    );
  throw new ApiError(
    "FORBIDDEN",
    `${what} needs the ${role} role; this token has the ${caller.role} role`,
  );
}

/** How long a checked token is trusted before the store is asked again (revocation delay). */
const TOKEN_TTL_MS = 5_000;

/** Resolves the caller of every `/api` request. */
export function authMiddleware(
  tokens: TokenStore,
  opts: { publicRead: boolean },
): MiddlewareHandler<AuthEnv> & { forget(): void } {
  const seen = new Lru<{ info: TokenInfo | undefined; at: number }>(1024);
  const handler = (async (c, next) => {
    const header = c.req.header("authorization");
    if (header === undefined) {
      if (!opts.publicRead)
        throw new ApiError(
          "UNAUTHORIZED",
          "This server needs a token: send Authorization: Bearer <token> (create one with orebook token create --role viewer)",
          { headers: { "WWW-Authenticate": 'Bearer realm="orebook"' } },
        );
      const method = c.req.method;
      if (method !== "GET" && method !== "HEAD")
        throw new ApiError(
          "UNAUTHORIZED",
          "Without a token this server is read-only: send Authorization: Bearer <token> to write",
          { headers: { "WWW-Authenticate": 'Bearer realm="orebook"' } },
        );
      c.set("caller", { role: "public", tokenId: null, name: "public", scope: "public" });
      return next();
    }
    const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
    const token = m?.[1];
    const bad = () =>
      new ApiError("UNAUTHORIZED", "The token is not valid: it is malformed, unknown or revoked", {
        headers: { "WWW-Authenticate": 'Bearer realm="orebook", error="invalid_token"' },
      });
    if (!token) throw bad();
    const now = Date.now();
    let hit = seen.get(token);
    if (!hit || now - hit.at > TOKEN_TTL_MS) {
      hit = { info: await tokens.verify(token), at: now };
      seen.set(token, hit);
    }
    const info = hit.info;
    if (!info) throw bad();
    c.set("caller", {
      role: info.role,
      tokenId: info.id,
      name: info.name,
      scope: info.role === "viewer" ? "public" : "all",
    });
    return next();
  }) as MiddlewareHandler<AuthEnv> & { forget(): void };
  handler.forget = () => seen.clear();
  return handler;
}

/** Route middleware: the role check runs before the body is read or validated. */
export function needs(role: Role, what: string): MiddlewareHandler<AuthEnv> {
  return async (c, next) => {
    requireRole(c.var.caller, role, what);
    await next();
  };
}
