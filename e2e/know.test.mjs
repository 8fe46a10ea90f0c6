// Getting to know each other, as a student uses it: read the tutor's expectations, add a
// sticky note, plan the week's hours and edit the "About the class" page. Every page is
// checked with axe-core.

import assert from "node:assert/strict";
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

  describe(`getting to know each other on ${label}`, () => {
    let demo;
    before(async () => {
      demo = await startDemo(database);
    });
    after(() => demo?.stop());

    test("a student reads the expectations, adds a note, plans the week and edits the wiki", async () => {
      await withPage(browser, `${label}-know`, async (page) => {
        // The fourth demo student has not read the expectations yet.
        await signIn(page, demo.base, "jonas.becker@demo.homeroom.test");
        await page.getByRole("link", { name: "Flexible Learning in Practice" }).click();
        await checkAccessibility(page, "course home (student)");
        const course = page.url();

        await page.getByRole("link", { name: "Our expectations" }).first().click();
        await checkAccessibility(page, "expectations");
        const readButton = page.getByRole("button", { name: "I have read this" });
        if (await readButton.count()) {
          await readButton.click();
          await page.getByText("You have read the course's expectations.").waitFor();
        }

        await page.goto(`${course}/board`);
        await checkAccessibility(page, "expectations board");
        const column = page.getByRole("region", { name: "What I expect of each other" });
        await column.getByLabel("Add a note").fill("Say hello in the coffee shop each Monday");
        await column.getByLabel("Colour").selectOption("green");
        await column.getByRole("button", { name: "Add note" }).click();
        await page.getByText("Your note is on the board.").waitFor();
        await page.getByText("Say hello in the coffee shop each Monday").waitFor();

        await page.goto(`${course}/time-budget`);
        await checkAccessibility(page, "time budget");
        await page.getByLabel("Hours a week for Reading").fill("3");
        await page.getByLabel("Hours a week for Discussion").fill("1,5");
        await page.getByRole("button", { name: "Save my plan" }).click();
        await page.getByRole("heading", { name: /hours a week in all/ }).waitFor();

        await page.goto(`${course}/wiki/about-the-class`);
        await checkAccessibility(page, "wiki page");
        await page.getByRole("link", { name: "Edit" }).click();
        await checkAccessibility(page, "wiki editor");
        const body = page.getByLabel("Text");
        await body.fill(`${await body.inputValue()}\n\n## Jonas says\n\nHello from Cologne!`);
        await page.getByRole("button", { name: "Save the page" }).click();
        await page.getByRole("heading", { name: "Jonas says" }).waitFor();
        await page.getByRole("link", { name: "History" }).click();
        await checkAccessibility(page, "wiki history");
        assert.ok((await page.getByText("Jonas Becker").count()) >= 1, "the edit is in the history");
      });
    });
  });
}
