// Writes the dashboard's API types (src/web/api-types.ts) from the OpenAPI document the API
// serves. Run by `npm run api-types`, after the compiler has built dist/.
import { writeFileSync } from "node:fs";
import { API_TYPES_FILE, apiTypesFrom } from "../dist/api/api-types.js";
import { openApiDocument } from "../dist/api/openapi-document.js";

const source = await apiTypesFrom(await openApiDocument());
writeFileSync(new URL(`../${API_TYPES_FILE}`, import.meta.url), source);
console.log(`${API_TYPES_FILE}: ${source.split("\n").length} lines`);
