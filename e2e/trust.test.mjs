// Everyday trust, as people meet it in the browser: a refused photo keeps everything
// typed (and every visibility choice), a very long post keeps its text and says the
// limit in words, and an invited student who has not joined is not placed in groups.

import assert from "node:assert/strict";
import { writeFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { checkAccessibility, databases, launchBrowser, signIn, startDemo, withPage } from "./harness.mjs";

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

for (const database of databases()) {
  const label = database === "sqlite" ? "sqlite" : "postgres";

  describe(`everyday trust on ${label}`, () => {
    let demo;
    before(async () => {
      demo = await startDemo(database);
    });
    after(() => demo?.stop());

    test("a text file renamed .jpg keeps the other fields and visibilities", async () => {
      await withPage(browser, `${label}-trust-upload`, async (page) => {
        await signIn(page, demo.base, "priya.raman@demo.homeroom.test");
        await page.goto(`${demo.base}/account/profile`);
        const fake = join(mkdtempSync(join(tmpdir(), "trust-")), "me.jpg");
        writeFileSync(fake, "this is only text, renamed to look like a photo");
        await page.locator("#photo").setInputFiles(fake);
        await page.locator("#pronouns").fill("they/them");
        await page.locator("#location").fill("Chennai, India");
        await page.locator("#vis_location").selectOption("me");
        await page.locator("#vis_pronouns").selectOption("tutors");
        await page.getByRole("button", { name: "Save" }).click();
        await page.locator("#photo-error").waitFor();
        assert.equal(await page.locator("#pronouns").inputValue(), "they/them");
        assert.equal(await page.locator("#location").inputValue(), "Chennai, India");
        assert.equal(await page.locator("#vis_location").inputValue(), "me");
        assert.equal(await page.locator("#vis_pronouns").inputValue(), "tutors");
        // Focus is on the message, so it is read first.
        assert.equal(await page.evaluate(() => document.activeElement?.id), "profile-errors");
        await checkAccessibility(page, "profile after a refused photo");
      });
    });

    test("a 100,000-character post keeps its text and says the limit", async () => {
      await withPage(browser, `${label}-trust-long-post`, async (page) => {
        await signIn(page, demo.base, "priya.raman@demo.homeroom.test");
        await page.getByRole("link", { name: "Flexible Learning in Practice" }).click();
        await page.getByRole("link", { name: "Spaces", exact: true }).first().click();
        await page.locator("a[href*='/spaces/']").first().click();
        const long = "a".repeat(100_000);
        await page.locator("#thread-title").fill("A long story");
        await page.locator("#thread-body").fill(long);
        await page.locator(".char-count.over").waitFor();
        await page.locator("#thread-body").evaluate((f) => f.form.requestSubmit());
        await page.getByText("up to 20,000 characters").first().waitFor();
        assert.equal((await page.locator("#thread-body").inputValue()).length, 100_000);
        // The page answers at its own address, focus on the field, its message right under it.
        assert.ok(!page.url().includes("_csrf") && !page.url().endsWith("/threads"), page.url());
        assert.equal(await page.evaluate(() => document.activeElement?.id), "thread-body");
        assert.match(await page.locator("#thread-body-error").textContent(), /20,000 characters/);
      });
    });

    test("a message starts from the members list and people are added by typing a name", async () => {
      await withPage(browser, `${label}-trust-message`, async (page) => {
        await signIn(page, demo.base, demo.signIns["tutor"]);
        await page.getByRole("link", { name: "Flexible Learning in Practice" }).click();
        const course = page.url().split("?")[0].replace(/\/$/, "");
        await page.goto(`${course}/members`);
        await page.locator("tr", { hasText: "Diego Fernández" }).locator("a[href*='/messages/new?to=']").click();
        await page.locator("#chosen input[name=to]:checked").first().waitFor();
        assert.equal(await page.locator("#chosen input[name=to]:checked").count(), 1);
        await checkAccessibility(page, "new message");
        await page.locator("#find-person").fill("Priya");
        await page.locator("#people-suggestions li").first().waitFor();
        await page.locator("#find-person").press("Enter");
        assert.equal(await page.locator("#chosen input[name=to]:checked").count(), 2);
        await page.locator("#new-body").fill("Welcome to the course, both of you!");
        await page.getByRole("button", { name: "Send" }).click();
        await page.waitForURL(/\/messages\/\d+/);
        await page.getByText("Welcome to the course, both of you!").waitFor();
      });
    });

    test("an invited student is not placed in groups", async () => {
      await withPage(browser, `${label}-trust-invitee`, async (page) => {
        await signIn(page, demo.base, demo.signIns["tutor"]);
        await page.getByRole("link", { name: "Flexible Learning in Practice" }).click();
        // The home names who has not joined yet.
        await page.getByText("Leilani Kahale").first().waitFor();
        await page.getByRole("link", { name: "Groups", exact: true }).first().click();
        await page.getByRole("link", { name: "Plan groups" }).click();
        await page.getByLabel("Name", { exact: true }).fill("Everyone who joined");
        await page.getByLabel("Breakout rooms for live sessions").check();
        await page.getByLabel("People per group").fill("4");
        await page.getByLabel("Rounds to plan ahead").fill("1");
        await page.getByRole("button", { name: "Plan the groups" }).click();
        await page.getByRole("heading", { name: "How good is this plan?" }).waitFor();
        const groups = await page.locator("section.round").first().innerText();
        assert.ok(!groups.includes("Leilani Kahale"), "an invitee was placed");
        assert.ok(!groups.includes("Grace Kim"), "an invitee was placed");
      });
    });
  });
}
