// The start-of-course survey in the demo: a student who has not answered yet fills it in
// (after a first try that leaves out a required answer), and the tutor sees the results
// and the start-up kit's count go up. Every page is checked with axe-core.

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

  describe(`start-of-course survey on ${label}`, () => {
    let demo;
    before(async () => {
      demo = await startDemo(database);
    });
    after(() => demo?.stop());

    test("a student answers the survey and the tutor sees the results", async () => {
      let course;
      await withPage(browser, `${label}-survey-student`, async (page) => {
        // Siosaia is one of the few demo students who has not answered yet.
        await signIn(page, demo.base, "siosaia.fifita@demo.homeroom.test");
        await page.getByRole("link", { name: "Flexible Learning in Practice" }).click();
        course = page.url();
        await page.getByRole("link", { name: "Start-of-course survey", exact: true }).click();
        await checkAccessibility(page, "survey (student)");
        await page.getByRole("heading", { name: "Getting to know you" }).waitFor();

        // Leaving out a required answer keeps what was typed and says what is missing.
        await page.getByLabel(/What are you interested in/).fill("rugby, radio and teaching maths");
        await page.getByRole("button", { name: "Send my answers" }).click();
        await page.getByText(/answers need another look/).waitFor();
        await checkAccessibility(page, "survey with errors");
        assert.equal(await page.getByLabel(/What are you interested in/).inputValue(), "rugby, radio and teaching maths");

        await page.getByLabel(/What do you hope to get out of this course/).fill("Ideas for teaching across islands online.");
        await page.getByLabel("Show this answer on my profile (what I look forward to learning)").check();
        const communication = page.getByRole("group", { name: /How do you like to communicate/ });
        await communication.getByLabel("Video calls").check();
        await communication.getByLabel("Chat messages").check();
        await page.getByRole("group", { name: /How confident/ }).getByLabel("4", { exact: true }).check();
        await page.getByLabel("Weekday evenings").fill("5");
        await page.getByLabel("Weekends").fill("3");
        await page.getByRole("button", { name: "Send my answers" }).click();
        await page.getByText("Thank you! Your answers are saved.").waitFor();
        await checkAccessibility(page, "survey answered");
        await page.getByRole("button", { name: "Save my changes" }).waitFor();
      });

      await withPage(browser, `${label}-survey-tutor`, async (page) => {
        await signIn(page, demo.base, "ingrid.solberg@demo.homeroom.test");
        await page.goto(course);
        await checkAccessibility(page, "course home (tutor)");
        const item = page.locator(".kit-list li", { hasText: "Start-of-course survey from the template" });
        await item.getByText("31 of 34 students have taken part").waitFor();
        await item.getByRole("link").click();
        await checkAccessibility(page, "survey (tutor)");
        await page.getByRole("link", { name: /See the results/ }).click();
        await checkAccessibility(page, "survey results");
        await page.getByText("31 of 34 students have answered.").waitFor();
        await page.getByText("Ideas for teaching across islands online.").waitFor();
        await page.getByRole("link", { name: "Siosaia Fifita" }).click();
        await checkAccessibility(page, "one student's answers");
        await page.getByText("Weekdays, daytime: 0; Weekday evenings: 5; Weekends: 3").waitFor();
      });
    });
  });
}
