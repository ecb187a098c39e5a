import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const root = resolve(import.meta.dirname, "..");

function runVitest(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "orebook-reporter-"));
  try {
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
    writeFileSync(
      join(dir, "vitest.config.mjs"),
      `export default { test: { include: ["*.test.mjs"], reporters: [${JSON.stringify(join(root, "test/summary-reporter.ts"))}] } };`,
    );
    try {
      return execFileSync(join(root, "node_modules/.bin/vitest"), ["run", "--root", dir], {
        encoding: "utf8",
        env: { ...process.env, CI: "true" },
        stdio: ["ignore", "pipe", "pipe"],
      });
    } catch (e) {
      return String((e as { stdout?: string }).stdout ?? "");
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe("summary reporter", () => {
  it("counts a file that fails to load as failed and ends with the totals line", () => {
    const out = runVitest({
      "ok.test.mjs": `import { it, expect } from "vitest"; it("a", () => expect(1).toBe(1)); it("b", () => expect(2).toBe(2));`,
      "bad.test.mjs": `import { it } from "vitest"; import "./does-not-exist.mjs"; it("never", () => {});`,
      "fail.test.mjs": `import { it, expect } from "vitest"; it("c", () => expect(1).toBe(2));`,
    });
    const last = out.trim().split("\n").at(-1);
    expect(last).toBe("2 passed, 2 failed");
  });
});
