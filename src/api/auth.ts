/**
 * Who is calling: a bearer token's holder (viewer, analyst, admin), a browser session standing
 * for such a token (the `orebook_session` cookie; see session-store.ts), or, when the server was
 * started with `--public`, an anonymous reader who may only read public data. Viewers and the
 * public share one scope (`public`): they never see a restricted record.
 *
 * An Authorization header wins over a cookie. A request authenticated by the cookie that is not
 * a read (GET, HEAD) must carry `X-Orebook-Request: 1` and, when it sends Origin, come from this
 * server's own origin: a cross-site page can make the browser send the cookie (SameSite=Strict
 * already stops most of it) but can neither set that header without a CORS preflight, which this
 * server never grants, nor forge Origin.
 */
import type { MiddlewareHandler } from "hono";
import { Lru } from "./data-service.js";
import { httpError } from "./problem.js";
import { CSRF_HEADER, clearedSessionCookie, SessionStore, sessionIdFrom } from "./session-store.js";
import type { Role, TokenInfo, TokenStore } from "./token-store.js";
import type { Scope } from "./visibility.js";

export type CallerRole = Role | "public";

export interface Caller {
  role: CallerRole;
  /** The token's id; null for the anonymous public. */
  tokenId: string | null;
  name: string;
  scope: Scope;
  /** How the caller proved it: a bearer token, a session cookie, or nothing (public). */
  via: "bearer" | "session" | "public";
  /** The session's id, when `via` is session. */
  sessionId?: string;
  /** The bearer token itself, when `via` is bearer (to start a session with). */
  token?: string;
}

/**
 * POST routes that only read (evaluations write nothing): open to the public with `--public`,
 * and to cookie sessions without the CSRF header.
 */
export function isReadingPost(path: string): boolean {
  return (
    path === "/api/scenarios/evaluate" ||
    path === "/api/scenarios/compare" ||
    /^\/api\/deals\/[^/]+\/evaluate$/.test(path)
  );
}

/** True when the request is served over HTTPS (directly or behind a proxy that says so). */
export function isHttps(url: string, forwardedProto: string | undefined): boolean {
  return url.startsWith("https:") || forwardedProto?.split(",")[0]?.trim() === "https";
}

export interface AuthEnv {
  Variables: { caller: Caller };
}

const RANK: Record<CallerRole, number> = { public: 0, viewer: 1, analyst: 2, admin: 3 };

/** Throws FORBIDDEN unless the caller has at least `role`. */
export function requireRole(caller: Caller, role: Role, what: string): void {
  if (RANK[caller.role] >= RANK[role]) return;
  if (caller.role === "public")
    throw httpError(
      "UNAUTHORIZED",
      `${what} needs a token with the ${role} role: send Authorization: Bearer <token>`,
      { headers: { "WWW-Authenticate": 'Bearer realm="orebook"' } },
    );
  throw httpError(
    "FORBIDDEN",
    `${what} needs the ${role} role; this token has the ${caller.role} role`,
  );
}

/** How long a checked token is trusted before the store is asked again (revocation delay). */
const TOKEN_TTL_MS = 5_000;

/** Resolves the caller of every `/api` request. */
export function authMiddleware(
  tokens: TokenStore,
  opts: { publicRead: boolean; sessions?: SessionStore },
): MiddlewareHandler<AuthEnv> & { forget(): void; sessions: SessionStore } {
  const seen = new Lru<{ info: TokenInfo | undefined; at: number }>(1024);
  const sessions = opts.sessions ?? new SessionStore();
  const check = async (token: string): Promise<TokenInfo | undefined> => {
    const now = Date.now();
    let hit = seen.get(token);
    if (!hit || now - hit.at > TOKEN_TTL_MS) {
      hit = { info: await tokens.verify(token), at: now };
      seen.set(token, hit);
    }
    return hit.info;
  };
  const callerOf = (info: TokenInfo) => ({
    role: info.role,
    tokenId: info.id,
    name: info.name,
    scope: (info.role === "viewer" ? "public" : "all") as Scope,
  });
  const handler = (async (c, next) => {
    const method = c.req.method;
    const reading = method === "GET" || method === "HEAD" || isReadingPost(c.req.path);
    const header = c.req.header("authorization");
    const sessionId = header === undefined ? sessionIdFrom(c.req.header("cookie")) : undefined;
    if (header === undefined && sessionId !== undefined) {
      const secure = isHttps(c.req.url, c.req.header("x-forwarded-proto"));
      const session = sessionId === "" ? undefined : sessions.get(sessionId);
      const info = session ? await check(session.token) : undefined;
      if (!session || !info) {
        if (session) sessions.delete(sessionId as string);
        throw httpError(
          "UNAUTHORIZED",
          "The session has ended (expired, signed out or its token revoked): start a new one with POST /api/session and your token",
          {
            headers: {
              "WWW-Authenticate": 'Bearer realm="orebook"',
              "Set-Cookie": clearedSessionCookie(secure),
            },
          },
        );
      }
      if (!reading) {
        if (c.req.header(CSRF_HEADER) !== "1")
          throw httpError(
            "FORBIDDEN",
            `A write through a browser session must send the header ${CSRF_HEADER}: 1`,
          );
        const origin = c.req.header("origin");
        if (origin !== undefined && origin !== new URL(c.req.url).origin)
          throw httpError(
            "FORBIDDEN",
            "A write through a browser session must come from this server's own pages",
          );
      }
      c.set("caller", { ...callerOf(info), via: "session", sessionId: sessionId as string });
      return next();
    }
    if (header === undefined) {
      if (!opts.publicRead)
        throw httpError(
          "UNAUTHORIZED",
          "This server needs a token: send Authorization: Bearer <token> (create one with orebook token create --role viewer)",
          { headers: { "WWW-Authenticate": 'Bearer realm="orebook"' } },
        );
      if (!reading)
        throw httpError(
          "UNAUTHORIZED",
          "Without a token this server is read-only: send Authorization: Bearer <token> to write",
          { headers: { "WWW-Authenticate": 'Bearer realm="orebook"' } },
        );
      c.set("caller", {
        role: "public",
        tokenId: null,
        name: "public",
        scope: "public",
        via: "public",
      });
      return next();
    }
    const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
    const token = m?.[1];
    const bad = () =>
      httpError("UNAUTHORIZED", "The token is not valid: it is malformed, unknown or revoked", {
        headers: { "WWW-Authenticate": 'Bearer realm="orebook", error="invalid_token"' },
      });
    if (!token) throw bad();
    const info = await check(token);
    if (!info) throw bad();
    c.set("caller", { ...callerOf(info), via: "bearer", token });
    return next();
  }) as MiddlewareHandler<AuthEnv> & { forget(): void; sessions: SessionStore };
  handler.forget = () => seen.clear();
  handler.sessions = sessions;
  return handler;
}

/** Route middleware: the role check runs before the body is read or validated. */
export function needs(role: Role, what: string): MiddlewareHandler<AuthEnv> {
  return async (c, next) => {
    requireRole(c.var.caller, role, what);
    await next();
  };
}
