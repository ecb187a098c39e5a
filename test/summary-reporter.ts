/**
 * Prints the closing line CI reads: `N passed, N failed` (and `, N skipped`). A test file that
 * fails to load (syntax error, import error, a throw at top level) counts as one failed test,
 * and so does an unhandled error during the run.
 */
import type { Reporter, TestModule } from "vitest/node";

export default class SummaryReporter implements Reporter {
  onTestRunEnd(
    testModules: ReadonlyArray<TestModule>,
    unhandledErrors: ReadonlyArray<unknown>,
  ): void {
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    for (const mod of testModules) {
      let tests = 0;
      for (const t of mod.children.allTests()) {
        tests++;
        const s = t.result().state;
        if (s === "passed") passed++;
        else if (s === "failed") failed++;
        else skipped++;
      }
      // A module that failed to load has errors of its own and, usually, no tests.
      if (mod.errors().length > 0 || (tests === 0 && mod.state() === "failed")) failed++;
    }
    failed += unhandledErrors.length;
    process.stdout.write(
      `\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}\n`,
    );
  }
}
