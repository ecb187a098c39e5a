/**
 * Browser sessions. `EventSource` cannot send an Authorization header, so the dashboard trades
 * its token for a session once (`POST /api/session` with the bearer token) and the browser then
 * sends an HttpOnly, SameSite=Strict cookie holding a random session id (256 bits). The id maps,
 * in this server's memory only, to the token it stands for; every request through a session
 * checks that token as a bearer request would (a revoked token ends its sessions within the
 * token cache's few seconds). Only a hash of each id is kept as the map key.
 *
 * Sessions live in one process: behind several servers, use sticky routing or sign in on each
 * (a shared session table is a proposal, not built).
 */
import { createHash, randomBytes } from "node:crypto";

export const SESSION_COOKIE = "orebook_session";

/** The header a cookie-authenticated write must carry (a cross-site form cannot set it). */
export const CSRF_HEADER = "X-Orebook-Request";

export interface Session {
  token: string;
  tokenId: string;
  expiresAt: number;
}

const hashOf = (id: string) => createHash("sha256").update(id).digest("base64url");

export class SessionStore {
  private readonly map = new Map<string, Session>();

  constructor(
    /** Lifetime of a session, in milliseconds (default 8 hours). */
    readonly ttlMs = 8 * 3600_000,
    /** Sessions kept at most; the oldest go first (default 10,000). */
    private readonly max = 10_000,
  ) {}

  /** A new session for a checked token; returns its id (for the cookie) and expiry. */
  create(token: string, tokenId: string, now = Date.now()): { id: string; expiresAt: number } {
    const id = randomBytes(32).toString("base64url");
    const expiresAt = now + this.ttlMs;
    this.map.set(hashOf(id), { token, tokenId, expiresAt });
    while (this.map.size > this.max) {
      const first = this.map.keys().next();
      if (first.done) break;
      this.map.delete(first.value);
    }
    return { id, expiresAt };
  }

  /** The live session with this id; an expired one is removed. */
  get(id: string, now = Date.now()): Session | undefined {
    const key = hashOf(id);
    const s = this.map.get(key);
    if (!s) return undefined;
    if (s.expiresAt <= now) {
      this.map.delete(key);
      return undefined;
    }
    return s;
  }

  delete(id: string): void {
    this.map.delete(hashOf(id));
  }

  /** Ends every session of a token (after it is revoked). */
  deleteForToken(tokenId: string): void {
    for (const [k, s] of this.map) if (s.tokenId === tokenId) this.map.delete(k);
  }

  get size(): number {
    return this.map.size;
  }
}

/** The session id a Cookie header carries, if any. */
export function sessionIdFrom(cookie: string | undefined): string | undefined {
  if (!cookie) return undefined;
  for (const part of cookie.split(";")) {
    const eq = part.indexOf("=");
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === SESSION_COOKIE) {
      const v = part.slice(eq + 1).trim();
      return /^[A-Za-z0-9_-]{43}$/.test(v) ? v : "";
    }
  }
  return undefined;
}

/** The Set-Cookie value of a session; `Secure` when the request came over HTTPS. */
export function sessionCookie(id: string, maxAgeSeconds: number, secure: boolean): string {
  return `${SESSION_COOKIE}=${id}; Path=/api; HttpOnly; SameSite=Strict; Max-Age=${maxAgeSeconds}${secure ? "; Secure" : ""}`;
}

/** The Set-Cookie value that removes the session cookie. */
export function clearedSessionCookie(secure: boolean): string {
  return sessionCookie("", 0, secure);
}
