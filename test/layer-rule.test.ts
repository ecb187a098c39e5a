/**
 * The layer table of docs/architecture.md is the lint rule, row by row: for each folder a probe
 * file imports every other layer, and `biome lint` must refuse exactly the imports the row does
 * not allow. A cycle between two probe files must fail the lint too. The probes are written into
 * the real folders (the rule is chosen by path) and removed afterwards.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, test } from "vitest";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const BIOME = join(ROOT, "node_modules", ".bin", "biome");

interface Row {
  layer: string;
  may: string[];
}

/** The rows of the table: each folder and the layers it may import. */
function layerTable(): Row[] {
  const doc = readFileSync(join(ROOT, "docs", "architecture.md"), "utf8");
  const rows: Row[] = [];
  for (const line of doc.split("\n")) {
    const m = /^\| `src\/([a-z]+)` \| [^|]+ \| ([^|]+) \|/.exec(line);
    if (!m) continue;
    const may = [...(m[2] ?? "").matchAll(/`([a-z]+)`/g)].map((x) => x[1] as string);
    rows.push({ layer: m[1] as string, may });
  }
  return rows;
}

interface Diagnostic {
  category: string;
  description: string;
  location: { path: { file: string }; span: [number, number] | null; sourceCode: string | null };
}

/** Lints the files; every diagnostic with the text it points at. */
function lint(
  files: string[],
): { file: string; category: string; text: string; message: string }[] {
  const r = spawnSync(BIOME, ["lint", "--reporter=json", "--max-diagnostics=none", ...files], {
    cwd: ROOT,
    encoding: "utf8",
  });
  const json = r.stdout.slice(r.stdout.indexOf("{"));
  const report = JSON.parse(json) as { diagnostics: Diagnostic[] };
  return report.diagnostics.map((d) => ({
    file: d.location.path.file,
    category: d.category,
    text:
      d.location.span && d.location.sourceCode
        ? d.location.sourceCode.slice(d.location.span[0], d.location.span[1])
        : "",
    message: d.description,
  }));
}

const written: string[] = [];
const made: string[] = [];
afterAll(() => {
  for (const f of written) rmSync(join(ROOT, f), { force: true });
  for (const d of made) rmSync(join(ROOT, d), { recursive: true, force: true });
});
/** Writes a probe file (and its folder, for a row whose folder is still empty). */
function probe(path: string, text: string): string {
  const dir = dirname(path);
  if (!existsSync(join(ROOT, dir))) {
    mkdirSync(join(ROOT, dir), { recursive: true });
    made.push(dir);
  }
  writeFileSync(join(ROOT, path), text);
  written.push(path);
  return path;
}

const rows = layerTable();
const layers = rows.map((r) => r.layer);
const tag = `${process.pid}`;

describe("the layer rule", () => {
  test("docs/architecture.md names every folder of src in its table", () => {
    expect(layers.sort()).toEqual(
      ["api", "app", "bench", "cli", "engine", "io", "ledger", "model", "runtime", "web"].sort(),
    );
  });

  test("biome lint refuses, in each folder, exactly the imports its row does not allow", () => {
    const files = rows.map(({ layer }) => {
      const ext = layer === "web" ? "tsx" : "ts";
      const imports = layers
        .filter((l) => l !== layer)
        .map((l) => `import type { Probe as P_${l} } from "../${l}/lint-probe-target.js";`);
      const uses = layers.filter((l) => l !== layer).map((l) => `P_${l}`);
      return probe(
        `src/${layer}/lint-probe-${tag}.${ext}`,
        `${imports.join("\n")}\nexport type Probes = [${uses.join(", ")}];\n`,
      );
    });
    const found = lint(files).filter((d) => d.category === "lint/style/noRestrictedImports");
    for (const { layer, may } of rows) {
      const file = `src/${layer}/lint-probe-${tag}.${layer === "web" ? "tsx" : "ts"}`;
      const refused = found
        .filter((d) => d.file === file)
        .map((d) => /^"\.\.\/([a-z]+)\//.exec(d.text)?.[1] ?? d.text)
        .sort();
      const forbidden = layers.filter((l) => l !== layer && !may.includes(l)).sort();
      expect({ layer, refused }).toEqual({ layer, refused: forbidden });
      for (const d of found.filter((x) => x.file === file))
        expect(d.message).toMatch(new RegExp(`^${layer}/ may import `));
    }
  });

  test("biome lint refuses an import cycle, even one of type imports", () => {
    const a = probe(
      `src/engine/lint-probe-cycle-a-${tag}.ts`,
      `import type { B } from "./lint-probe-cycle-b-${tag}.js";\nexport type A = { b?: B };\n`,
    );
    const b = probe(
      `src/engine/lint-probe-cycle-b-${tag}.ts`,
      `import type { A } from "./lint-probe-cycle-a-${tag}.js";\nexport type B = { a?: A };\n`,
    );
    const cycles = lint([a, b]).filter((d) => d.category === "lint/nursery/noImportCycles");
    expect(cycles.map((d) => d.file).sort()).toEqual([a, b].sort());
  });
  test("the engine is rooms: no file in engine/ itself, and each room has an index.ts", () => {
    const entries = readdirSync(join(ROOT, "src", "engine"), { withFileTypes: true });
    const loose = entries.filter((e) => e.isFile() && !e.name.startsWith("lint-probe-"));
    expect(loose.map((e) => e.name)).toEqual([]);
    const rooms = entries.filter((e) => e.isDirectory()).map((e) => e.name);
    expect(rooms.length).toBeGreaterThan(1);
    for (const room of rooms)
      expect({ room, index: existsSync(join(ROOT, "src", "engine", room, "index.ts")) }).toEqual({
        room,
        index: true,
      });
  });

  test("biome lint refuses an import of a file inside an engine room, outside or in another room", () => {
    const users = rows.filter((r) => r.may.includes("engine"));
    expect(users.length).toBeGreaterThan(0);
    const files = users.map(({ layer }) =>
      probe(
        `src/${layer}/lint-probe-room-${tag}.${layer === "web" ? "tsx" : "ts"}`,
        [
          `import type { ControlReport as Deep } from "../engine/ownership/control-report.js";`,
          `import type { ControlReport as Face } from "../engine/ownership/index.js";`,
          "export type Probes = [Deep, Face];",
          "",
        ].join("\n"),
      ),
    );
    const inEngine = probe(
      `src/engine/metrics/lint-probe-room-${tag}.ts`,
      [
        `import type { ControlReport as Deep } from "../ownership/control-report.js";`,
        `import type { ControlReport as Face } from "../ownership/index.js";`,
        `import type { FlowsReport as Sibling } from "./flows-report.js";`,
        "export type Probes = [Deep, Face, Sibling];",
        "",
      ].join("\n"),
    );
    const found = lint([...files, inEngine]).filter(
      (d) => d.category === "lint/style/noRestrictedImports",
    );
    for (const file of [...files, inEngine]) {
      const refused = found.filter((d) => d.file === file).map((d) => d.text);
      expect({ file, refused }).toEqual({
        file,
        refused: [
          file === inEngine
            ? `"../ownership/control-report.js"`
            : `"../engine/ownership/control-report.js"`,
        ],
      });
    }
  });
});
