/**
 * Routes the design names whose engine has not landed in this build. Each is documented and
 * answers 501 NOT_IMPLEMENTED as a problem (after the caller's role is checked), never made-up
 * data; when the engine lands, its route replaces the entry here.
 */
import { createRoute, z } from "@hono/zod-openapi";
import { needs } from "../auth.js";
import { httpError } from "../problem.js";
import type { Role } from "../token-store.js";
import {
  type ApiApp,
  bearer,
  NOT_IMPLEMENTED,
  openapi,
  PROBLEMS,
  type Services,
  snapshotQuery,
} from "./common.js";

interface Planned {
  method: "get" | "post";
  path: string;
  tag: string;
  summary: string;
  waitsFor: string;
  role: Role;
}

export const PLANNED_ROUTES: readonly Planned[] = [];

export function registerPlannedRoutes(app: ApiApp, _services: Services): void {
  for (const p of PLANNED_ROUTES) {
    const hasId = p.path.includes("{id}");
    openapi(
      app,
      createRoute({
        method: p.method,
        path: p.path,
        tags: [p.tag],
        summary: `${p.summary} (not implemented yet)`,
        // Reads are open to whoever passed authentication (the public too, with --public).
        ...(p.method === "get" ? {} : { middleware: [needs(p.role, p.summary)] as const }),
        description: `Answers 501 until ${p.waitsFor} lands.`,
        security: bearer,
        request: {
          query: z.object(p.method === "get" ? snapshotQuery : {}).catchall(z.string()),
          ...(hasId
            ? {
                params: z.object({ id: z.string().openapi({ param: { name: "id", in: "path" } }) }),
              }
            : {}),
        },
        responses: { ...PROBLEMS, ...NOT_IMPLEMENTED },
      }),
      () => {
        throw httpError(
          "NOT_IMPLEMENTED",
          `${p.summary} is not in this build yet: it waits for ${p.waitsFor}`,
        );
      },
    );
  }
}
