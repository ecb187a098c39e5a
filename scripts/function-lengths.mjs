// Lists the functions of src/ by length (lines from declaration to closing brace), longest first,
// with the TypeScript compiler API. For the architecture notes: which functions to split next.
//   node scripts/function-lengths.mjs [--min 150] [--most 20] [--under src/engine] [--tests]
// Nested functions are counted on their own as well as inside their parent.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import ts from "typescript";

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const at = args.indexOf(name);
  return at >= 0 && args[at + 1] !== undefined ? args[at + 1] : fallback;
};
const min = Number(option("--min", "0"));
const most = Number(option("--most", "20"));
const under = option("--under", "src");
const withTests = args.includes("--tests");

const isTest = (file) =>
  /\.test\.tsx?$/.test(file) || /\/_test-/.test(file) || /\.contract\.ts$/.test(file);

function* sourceFiles(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* sourceFiles(path);
    else if (/\.tsx?$/.test(name) && !name.endsWith(".d.ts") && (withTests || !isTest(path)))
      yield path;
  }
}

const nameOf = (node) => {
  if (node.name && ts.isIdentifier(node.name)) return node.name.text;
  if (node.name && ts.isPrivateIdentifier(node.name)) return node.name.text;
  const parent = node.parent;
  if (parent && ts.isVariableDeclaration(parent) && ts.isIdentifier(parent.name))
    return parent.name.text;
  if (parent && ts.isPropertyAssignment(parent) && ts.isIdentifier(parent.name))
    return parent.name.text;
  if (parent && ts.isCallExpression(parent)) {
    const callee = parent.expression.getText().slice(0, 40);
    return `(callback of ${callee})`;
  }
  return "(anonymous)";
};

const rows = [];
for (const file of sourceFiles(under)) {
  const text = readFileSync(file, "utf8");
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const visit = (node) => {
    if (
      (ts.isFunctionDeclaration(node) ||
        ts.isFunctionExpression(node) ||
        ts.isArrowFunction(node) ||
        ts.isMethodDeclaration(node)) &&
      node.body
    ) {
      const start = source.getLineAndCharacterOfPosition(node.getStart(source)).line;
      const end = source.getLineAndCharacterOfPosition(node.getEnd()).line;
      rows.push({
        name: nameOf(node),
        file: relative(".", file),
        line: start + 1,
        lines: end - start + 1,
      });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
}
rows.sort((a, b) => b.lines - a.lines);
const shown = rows.filter((row) => row.lines >= min).slice(0, most);
for (const row of shown)
  console.log(`${String(row.lines).padStart(5)}  ${row.name}  ${row.file}:${row.line}`);
console.log(
  `${rows.length} functions; over 150 lines: ${rows.filter((r) => r.lines > 150).length}; over 200: ${rows.filter((r) => r.lines > 200).length}`,
);
