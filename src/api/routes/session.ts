/**
 * Browser sessions: `POST /api/session` with a bearer token sets the HttpOnly, SameSite=Strict
 * session cookie the dashboard (and its EventSource streams) then authenticate with;
 * `GET /api/session` says who the caller is; `DELETE /api/session` signs out. See
 * session-store.ts for the design and auth.ts for the CSRF rule on cookie writes.
 */
import { createRoute, z } from "@hono/zod-openapi";
import { isHttps } from "../auth.js";
import { httpError } from "../problem.js";
import { clearedSessionCookie, sessionCookie } from "../session-store.js";
import { ROLES } from "../token-store.js";
import { type ApiApp, bearer, openapi, PROBLEMS, type Services } from "./common.js";

const whoSchema = z
  .object({
    role: z.enum([...ROLES, "public"]),
    name: z.string(),
    via: z.enum(["bearer", "session", "public"]),
    expiresAt: z.string().nullable(),
  })
  .openapi("Session");

const json = (description: string) => ({
  description,
  content: { "application/json": { schema: whoSchema } },
});

export function registerSessionRoutes(app: ApiApp, services: Services): void {
  openapi(
    app,
    createRoute({
      method: "post",
      path: "/api/session",
      tags: ["Tokens"],
      summary: "Start a browser session from a token",
      description:
        "Send the token as Authorization: Bearer <token> (never in the body). Answers with the `orebook_session` cookie (HttpOnly, SameSite=Strict, Path=/api, 8 hours); the browser then sends it with every API call and EventSource. Writes through the cookie must carry X-Orebook-Request: 1.",
      security: bearer,
      responses: { 201: json("The session started"), ...PROBLEMS },
    }),
    (c) => {
      const caller = c.var.caller;
      if (caller.via !== "bearer" || caller.token === undefined || caller.tokenId === null)
        throw httpError(
          "UNAUTHORIZED",
          "A session starts from a token: send Authorization: Bearer <token>",
          { headers: { "WWW-Authenticate": 'Bearer realm="orebook"' } },
        );
      const s = services.sessions.create(caller.token, caller.tokenId);
      const secure = isHttps(c.req.url, c.req.header("x-forwarded-proto"));
      c.header(
        "Set-Cookie",
        sessionCookie(s.id, Math.floor(services.sessions.ttlMs / 1000), secure),
      );
      return c.json(
        {
          role: caller.role,
          name: caller.name,
          via: "session" as const,
          expiresAt: new Date(s.expiresAt).toISOString(),
        },
        201,
      );
    },
  );

  openapi(
    app,
    createRoute({
      method: "get",
      path: "/api/session",
      tags: ["Tokens"],
      summary: "Who the caller is, and how it authenticated",
      security: bearer,
      responses: { 200: json("The caller"), ...PROBLEMS },
    }),
    (c) => {
      const caller = c.var.caller;
      const s =
        caller.sessionId === undefined ? undefined : services.sessions.get(caller.sessionId);
      return c.json(
        {
          role: caller.role,
          name: caller.name,
          via: caller.via,
          expiresAt: s ? new Date(s.expiresAt).toISOString() : null,
        },
        200,
      );
    },
  );

  openapi(
    app,
    createRoute({
      method: "delete",
      path: "/api/session",
      tags: ["Tokens"],
      summary: "End the browser session (sign out)",
      description:
        "Removes the session and clears the cookie. Through the cookie, send X-Orebook-Request: 1.",
      security: bearer,
      responses: { 204: { description: "Signed out" }, ...PROBLEMS },
    }),
    (c) => {
      const id = c.var.caller.sessionId;
      if (id !== undefined) services.sessions.delete(id);
      c.header(
        "Set-Cookie",
        clearedSessionCookie(isHttps(c.req.url, c.req.header("x-forwarded-proto"))),
      );
      return c.body(null, 204);
    },
  );
}
