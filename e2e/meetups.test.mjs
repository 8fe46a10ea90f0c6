// Informal meet-ups in Chromium: the tutor plans a game night (a mistake is refused next
// to the field, with what was typed kept); two students in their own browsers answer
// "Yes" to the demo's lunch and each sees the other among who is coming; the tutor calls
// the game night off; the lunch is in Jonas's personal calendar feed. Every page is
// checked with axe-core, and any CSP violation fails the test.

import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { checkAccessibility, databases, launchBrowser, signIn, startDemo, withPage } from "./harness.mjs";

const TUTOR = "ingrid.solberg@demo.homeroom.test";
const JONAS = "jonas.becker@demo.homeroom.test";
const PRIYA = "priya.raman@demo.homeroom.test";

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

for (const database of databases()) {
  const label = database === "sqlite" ? "sqlite" : "postgres";

  describe(`meet-ups on ${label}`, () => {
    let demo;
    before(async () => {
      demo = await startDemo(database);
    });
    after(() => demo?.stop());

    test("the tutor plans a game night; two students say they are coming to lunch", async () => {
      let course;
      await withPage(browser, `${label}-meetups-tutor`, async (page) => {
        await signIn(page, demo.base, TUTOR);
        await page.getByRole("link", { name: "Flexible Learning in Practice" }).click();
        course = page.url();
        await page.goto(`${course}/meetups`);
        await checkAccessibility(page, "meet-ups (tutor)");
        await page.locator("p.note", { hasText: "Seven of us came." }).waitFor();
        await page.getByLabel("What is it called?").fill("Game night: Codenames");
        await page.getByLabel("Kind").selectOption("game-night");
        await page.getByLabel("Day").fill("2020-01-01");
        await page.getByLabel("Starts at").fill("19:00");
        await page.getByRole("button", { name: "Plan it" }).click();
        await page.getByText("Choose a day, today or later.").waitFor();
        assert.equal(await page.getByLabel("What is it called?").inputValue(), "Game night: Codenames");
        await checkAccessibility(page, "meet-ups (refused)");
        const next = new Date(Date.now() + 3 * 86400000).toISOString().slice(0, 10);
        await page.getByLabel("Day").fill(next);
        await page.getByRole("button", { name: "Plan it" }).click();
        await page.getByText("The meet-up is planned.").waitFor();
        await page.locator("article.meetup", { hasText: "Game night: Codenames" }).waitFor();
        // Calling it off asks first, then takes it off the page.
        page.once("dialog", (dialog) => dialog.accept());
        await page
          .locator("article.meetup", { hasText: "Game night: Codenames" })
          .getByRole("button", { name: "Call it off" })
          .click();
        await page.getByText("The meet-up is called off").waitFor();
        assert.equal(await page.locator("article.meetup", { hasText: "Game night: Codenames" }).count(), 0);
      });

      for (const [who, name] of [[JONAS, "Jonas Becker"], [PRIYA, "Priya Raman"]]) {
        await withPage(browser, `${label}-meetups-${name.split(" ")[0].toLowerCase()}`, async (page) => {
          await signIn(page, demo.base, who);
          await page.goto(`${course}/meetups`);
          const lunch = page.locator("article.meetup", { hasText: "Lunch together" }).first();
          await lunch.getByRole("button", { name: "Yes" }).click();
          await page.getByText("Thanks, your answer is saved.").waitFor();
          const again = page.locator("article.meetup", { hasText: "Lunch together" }).first();
          assert.equal(await again.getByRole("button", { name: "Yes" }).getAttribute("aria-pressed"), "true");
          await again.locator(".faces", { hasText: name }).waitFor();
          await checkAccessibility(page, `meet-ups (${name})`);
        });
      }

      await withPage(browser, `${label}-meetups-jonas-sees-priya`, async (page) => {
        await signIn(page, demo.base, JONAS);
        await page.goto(`${course}/meetups`);
        const lunch = page.locator("article.meetup", { hasText: "Lunch together" }).first();
        await lunch.locator(".faces", { hasText: "Priya Raman" }).waitFor();
        // The demo has four coming, Jonas among them: Priya makes five.
        await lunch.getByText(/5 coming/).waitFor();
        // The lunch is in Jonas's personal calendar feed, whose address the page shows.
        const feed = await page.getByLabel("Calendar address").inputValue();
        const ics = await (await page.request.get(`${demo.base}${new URL(feed).pathname}`)).text();
        assert.match(ics, /SUMMARY:Lunch together/);
      });
    });
  });
}
