// Notifications that help, as a student meets them: the demo's notification centre
// groups repeated replies ("2 new replies in ..."), the notice opens the thread, and the
// student mutes that thread and finds the choice on the notification settings page.

import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { checkAccessibility, databases, launchBrowser, signIn, startDemo, visit, withPage } from "./harness.mjs";

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

for (const database of databases()) {
  const label = database === "sqlite" ? "sqlite" : "postgres";

  describe(`notifications on ${label}`, () => {
    let demo;
    before(async () => {
      demo = await startDemo(database);
    });
    after(() => demo?.stop());

    test("a student sees grouped replies and mutes the thread", async () => {
      await withPage(browser, `${label}-notify-student`, async (page) => {
        await signIn(page, demo.base, demo.signIns["student"]);
        await visit(page, `${demo.base}/notifications`, "notification centre");
        const grouped = page.getByRole("link", { name: /2 new replies in “Amara from Lagos/ });
        await grouped.waitFor();
        await grouped.click();
        await page.waitForURL(/\/threads\/\d+/);
        await page.getByRole("heading", { level: 1, name: /Amara from Lagos/ }).waitFor();
        await checkAccessibility(page, "thread with follow and mute");
        const threadUrl = new URL(page.url());

        await page.getByRole("button", { name: "Mute this thread" }).click();
        await page.getByText("You muted this thread: you hear only when someone mentions you by name.").waitFor();
        assert.equal(new URL(page.url()).pathname, threadUrl.pathname);
        await page.getByRole("button", { name: "Unmute" }).waitFor();

        await visit(page, `${demo.base}/notifications/settings`, "notification settings");
        const row = page.locator("li", { hasText: "Amara from Lagos" });
        await row.getByText("Muted", { exact: true }).waitFor();
        // The demo student also follows a thread of the demo.
        await page.getByText("Following", { exact: true }).first().waitFor();
        await row.getByRole("button", { name: "Remove" }).click();
        await page.getByText("Back to the usual").waitFor();
        assert.equal(await page.locator("li", { hasText: "Amara from Lagos" }).count(), 0);
      });
    });
  });
}
