/**
 * The dashboard on a server without --public: the page asks for a token before anything else,
 * signs in through an API session (the token is not kept by the page) and then shows the data.
 */
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  launchChromium,
  missingPrerequisite,
  openPage,
  type Served,
  startServe,
} from "./_harness.js";

const missing = missingPrerequisite();
if (missing) console.warn(`NOTICE: dashboard sign-in browser test skipped: ${missing}`);

describe.skipIf(missing !== undefined)("dashboard sign-in in Chromium", () => {
  let served: Served;
  let browser: Browser;

  beforeAll(async () => {
    served = await startServe({ publicRead: false });
    browser = await launchChromium();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await served?.stop();
  });

  it("asks for a token, signs in with a session cookie and then shows the overview", async () => {
    const { page, errors } = await openPage(browser, served, "overview");
    await page.getByRole("heading", { name: "Sign in" }).waitFor();
    await page.getByLabel(/API token/).fill(served.token);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await page.getByTestId("country-table").waitFor();
    expect(await page.getByTestId("token-button").textContent()).toBe("Signed in: analyst");
    const cookies = await page.context().cookies();
    expect(cookies.find((c) => c.name === "orebook_session")?.httpOnly).toBe(true);
    expect(
      await page.evaluate("JSON.stringify(sessionStorage) + JSON.stringify(localStorage)"),
    ).not.toContain(served.token);
    // The one expected error: the first GET /api/session answers 401 before the token is given.
    expect(errors.filter((e) => !e.includes("401"))).toEqual([]);
    expect(errors.length).toBeLessThanOrEqual(1);
    await page.context().close();
  });
});
