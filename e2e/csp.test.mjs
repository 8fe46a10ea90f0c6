// The Content-Security-Policy holds, and the harness's check of it can fail: an inline
// script or style attribute slipped into a page is refused by the browser, and
// `withPage` turns the report into a failed test.

import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { databases, launchBrowser, startDemo, visit, withPage } from "./harness.mjs";

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

for (const database of databases().slice(0, 1)) {
  describe("content security policy", () => {
    let demo;
    before(async () => {
      demo = await startDemo(database);
    });
    after(() => demo?.stop());

    test("an injected inline script does not run and fails the test", async () => {
      let ran = null;
      await assert.rejects(
        withPage(browser, "csp-inline-script", async (page) => {
          await visit(page, `${demo.base}/sign-in`, "sign-in");
          ran = await page.evaluate(async () => {
            const s = document.createElement("script");
            s.textContent = "window.__injected = true;";
            document.body.append(s);
            const d = document.createElement("div");
            d.setAttribute("style", "color: red");
            document.body.append(d);
            await new Promise((r) => setTimeout(r, 200));
            return window.__injected === true;
          });
        }),
        /Content Security Policy violations/,
      );
      assert.equal(ran, false, "the inline script ran");
    });
  });
}
