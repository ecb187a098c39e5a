/** Token administration (admins): list, create (shown once), revoke. */
import { createRoute, z } from "@hono/zod-openapi";
import { needs } from "../auth.js";
import { tokenInfoSchema } from "../schemas.js";
import { ROLES } from "../token-store.js";
import { type ApiApp, bearer, openapi, PROBLEMS, type Services, WRITE_PROBLEMS } from "./common.js";

export function registerTokenRoutes(app: ApiApp, services: Services): void {
  openapi(
    app,
    createRoute({
      method: "get",
      path: "/api/tokens",
      tags: ["Tokens"],
      summary: "List tokens (never their secrets)",
      middleware: [needs("admin", "Listing tokens")] as const,
      security: bearer,
      responses: {
        200: {
          description: "The tokens",
          content: {
            "application/json": { schema: z.object({ items: z.array(tokenInfoSchema) }) },
          },
        },
        ...PROBLEMS,
      },
    }),
    async (c) => {
      return c.json({ items: await services.tokens.list() }, 200);
    },
  );

  openapi(
    app,
    createRoute({
      method: "post",
      path: "/api/tokens",
      tags: ["Tokens"],
      summary: "Create a token; the reply is the only time it is shown",
      middleware: [needs("admin", "Creating tokens")] as const,
      security: bearer,
      request: {
        body: {
          required: true,
          content: {
            "application/json": {
              schema: z
                .strictObject({ role: z.enum(ROLES), name: z.string().min(1).max(200).optional() })
                .openapi("TokenRequest"),
            },
          },
        },
      },
      responses: {
        201: {
          description: "The token, in clear, once",
          content: {
            "application/json": {
              schema: z.object({ token: z.string(), info: tokenInfoSchema }).openapi("NewToken"),
            },
          },
        },
        ...WRITE_PROBLEMS,
      },
    }),
    async (c) => {
      const caller = c.var.caller;
      const body = c.req.valid("json");
      const made = await services.tokens.create({
        role: body.role,
        ...(body.name ? { name: body.name } : {}),
        createdBy: `${caller.name} (token ${caller.tokenId})`,
      });
      c.header("Cache-Control", "no-store");
      return c.json(made, 201);
    },
  );

  openapi(
    app,
    createRoute({
      method: "delete",
      path: "/api/tokens/{id}",
      tags: ["Tokens"],
      summary: "Revoke a token",
      middleware: [needs("admin", "Revoking tokens")] as const,
      security: bearer,
      request: {
        params: z.object({
          id: z
            .string()
            .regex(/^[a-f0-9]{12}$/, "Expected a token id (12 hex digits)")
            .openapi({ param: { name: "id", in: "path" } }),
        }),
      },
      responses: {
        200: {
          description: "The revoked token",
          content: { "application/json": { schema: tokenInfoSchema } },
        },
        ...PROBLEMS,
      },
    }),
    async (c) => {
      const info = await services.tokens.revoke(c.req.valid("param").id);
      services.forgetTokens();
      services.sessions.deleteForToken(info.id);
      return c.json(info, 200);
    },
  );
}
