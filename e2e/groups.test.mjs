// Groups, as a tutor and a student use them: plan three breakout rounds for the demo
// class, move one student by hand, publish, and see one's group and its facilitator.

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

  describe(`groups on ${label}`, () => {
    let demo;
    let setUrl;
    before(async () => {
      demo = await startDemo(database);
    });
    after(() => demo?.stop());

    test("a tutor plans three breakout rounds, moves one student and publishes", async () => {
      await withPage(browser, `${label}-groups-tutor`, async (page) => {
        await signIn(page, demo.base, demo.signIns["tutor"]);
        await page.getByRole("link", { name: "Flexible Learning in Practice" }).click();
        await page.getByRole("link", { name: "Groups", exact: true }).click();
        await checkAccessibility(page, "groups list");
        await page.getByRole("link", { name: "Plan groups" }).click();
        await checkAccessibility(page, "plan groups form");
        await page.getByLabel("Name", { exact: true }).fill("Week 3 breakouts");
        await page.getByLabel("Breakout rooms for live sessions").check();
        await page.getByLabel("People per group").fill("4");
        await page.getByLabel("Rounds to plan ahead").fill("3");
        await page.getByLabel("Prompts, one per line").fill("What is one thing you tried this week?");
        await page.getByRole("button", { name: "Plan the groups" }).click();
        await page.getByRole("heading", { name: "How good is this plan?" }).waitFor();
        await checkAccessibility(page, "planned groups");
        setUrl = page.url();
        assert.match(setUrl, /\/groups\/\d+$/);
        // One round at a time for the teaching team; the others are a link away.
        await page.getByRole("heading", { name: "Round 1" }).waitFor();
        for (const n of [2, 3]) await page.getByRole("link", { name: `Round ${n}`, exact: true }).waitFor();

        // Move the first student in the list to another group of round 1.
        const who = page.locator("#move-who-1");
        const name = (await who.locator("option").first().textContent()).trim();
        const round1 = page.locator("section.round").first();
        const groups = round1.locator("article.group");
        let from = 0;
        for (let i = 0; i < (await groups.count()); i++) {
          if ((await groups.nth(i).getByText(name, { exact: true }).count()) > 0) from = i;
        }
        const to = from === 0 ? 1 : 0;
        await page.locator("#move-to-1").fill(String(to + 1));
        await page.getByRole("button", { name: "Move in round 1" }).click();
        await page.getByText("Moved. The report below is updated.").waitFor();
        await page.locator("section.round").first().locator("article.group").nth(to).getByText(name, { exact: true }).waitFor();

        await page.getByRole("button", { name: "Publish to the class" }).click();
        await page.getByText("Published: students now see their groups.").waitFor();
      });
    });

    test("a student sees their group and its facilitator", async () => {
      assert.ok(setUrl, "the tutor test planned a set");
      await withPage(browser, `${label}-groups-student`, async (page) => {
        await signIn(page, demo.base, demo.signIns["student"]);
        await visit(page, setUrl, "student's groups");
        await page.getByRole("heading", { name: "Round 1" }).waitFor();
        assert.equal(await page.getByRole("heading", { name: "Your group" }).count(), 3, "one group per round");
        assert.ok((await page.getByText("facilitator", { exact: true }).count()) >= 3, "each group shows its facilitator");
        await page.getByText("What is one thing you tried this week?").first().waitFor();
        assert.equal(await page.getByText("How good is this plan?").count(), 0, "the report is for tutors");
      });
    });
  });
}
