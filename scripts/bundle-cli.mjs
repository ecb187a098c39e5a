/**
 * Bundles the CLI (`dist/cli/main.js`, as tsc wrote it) into `dist/bundle/`: one file per
 * command's module graph instead of about 500 modules (Kysely alone is 262 files, Zod 95), so
 * a cold `orebook` process does not spend a third of a second of CPU resolving, reading and
 * linking them before it starts (issue 23). `dist/cli/main.js` then loads the bundle. The
 * rest of `dist/` stays as tsc wrote it: the worker threads load their own files, and the
 * library's modules keep their paths.
 *
 * A bundled module's `import.meta.url` is rewritten to the URL of the file tsc wrote for it,
 * so the paths it works out relative to itself (the repository root, the reference data, the
 * workers) stay the same. Native, WebAssembly and CommonJS-heavy packages stay outside.
 */
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "rolldown";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const dist = resolve(root, "dist");
const out = resolve(dist, "bundle");
const entry = resolve(dist, "cli/main.js");

/** Packages loaded from node_modules as they are (native code, WebAssembly, large CommonJS). */
const EXTERNAL = [
  "better-sqlite3",
  "pg",
  "highs",
  "exceljs",
  "ajv",
  "ajv-formats",
  "openapi-typescript",
  "autocannon",
  "vitest",
];
const external = (id) =>
  id.startsWith("node:") || EXTERNAL.some((p) => id === p || id.startsWith(`${p}/`));

const source = readFileSync(entry, "utf8");
if (source.includes("../bundle/main.js")) {
  throw new Error("dist/cli/main.js is already the bundle's loader: run tsc before this script");
}
rmSync(out, { recursive: true, force: true });
await build({
  input: { main: entry },
  external,
  platform: "node",
  logLevel: "warn",
  plugins: [
    {
      name: "keep-import-meta-url",
      transform(code, id) {
        if (!id.startsWith(`${dist}/`) || !code.includes("import.meta.url")) return null;
        const rel = relative(out, id);
        return code.replaceAll(
          "import.meta.url",
          `new URL(${JSON.stringify(rel)}, import.meta.url).href`,
        );
      },
    },
  ],
  output: {
    dir: out,
    format: "esm",
    entryFileNames: "[name].js",
    chunkFileNames: "[name]-[hash].js",
  },
});
// The bin keeps its path; it loads the bundle (its shebang stays).
writeFileSync(entry, `#!/usr/bin/env node\nimport "../bundle/main.js";\n`);
