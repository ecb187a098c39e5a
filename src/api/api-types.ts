/**
 * The dashboard's API types, generated from the OpenAPI document (openapi-typescript), so that
 * the paths it calls and the answers it reads are paired by the compiler, not by hand. Written
 * to src/web/api-types.ts by every `npm run build` (and `npm run api-types`), after the compiler
 * and before the dashboard's bundle; the file is not in git. A test fails when it is stale.
 */
import openapiTS, { astToString, type OpenAPI3 } from "openapi-typescript";

/** Where the generated types live, from the repository's root. */
export const API_TYPES_FILE = "src/web/api-types.ts";

const HEADER = `/**
 * The API's paths and schemas as types, generated from its OpenAPI document by
 * \`npm run build\` or \`npm run api-types\` (src/api/api-types.ts). Not in git; do not edit.
 */
`;

type Operations = Record<string, Record<string, { responses?: Record<string, unknown> }>>;

/**
 * `doc` with only the answers a client reads as data (2xx): every other answer is a Problem
 * (components.schemas.Problem, kept), and repeating it on each operation would make the file
 * ten times larger for no type a page uses.
 */
function successesOnly(doc: Record<string, unknown>): Record<string, unknown> {
  const copy = structuredClone(doc) as { paths?: Operations };
  for (const operations of Object.values(copy.paths ?? {}))
    for (const operation of Object.values(operations))
      if (typeof operation === "object" && operation?.responses)
        operation.responses = Object.fromEntries(
          Object.entries(operation.responses).filter(([status]) => status.startsWith("2")),
        );
  return copy;
}

/**
 * The TypeScript source of the types of `doc` (an OpenAPI 3.1 document): its paths with their
 * parameters, bodies and 2xx answers, and its schemas.
 * @example writeFileSync(API_TYPES_FILE, await apiTypesFrom(await openApiDocument()))
 */
export async function apiTypesFrom(doc: Record<string, unknown>): Promise<string> {
  return HEADER + astToString(await openapiTS(successesOnly(doc) as unknown as OpenAPI3));
}
