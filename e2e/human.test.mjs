// One-to-one check-ins in Chromium: the tutor publishes Thursday afternoons (a mistake is
// refused in plain words next to the field, with everything typed kept); a student in
// Santiago sees the slots on their own clock, books one with a topic and cancels it;
// the tutor sees the topic. Every page is checked with axe-core, and any CSP violation
// fails the test.

import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { checkAccessibility, databases, launchBrowser, signIn, startDemo, withPage } from "./harness.mjs";

const TUTOR = "ingrid.solberg@demo.homeroom.test";
const STUDENT = "diego.fernandez@demo.homeroom.test";
const TOPIC = "Planning my final reflection around night shifts";

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

for (const database of databases()) {
  const label = database === "sqlite" ? "sqlite" : "postgres";

  describe(`check-ins on ${label}`, () => {
    let demo;
    before(async () => {
      demo = await startDemo(database);
    });
    after(() => demo?.stop());

    test("the tutor publishes Thursday slots; a student books one in their zone and cancels it", async () => {
      let course;
      await withPage(browser, `${label}-checkins-tutor`, async (page) => {
        await signIn(page, demo.base, TUTOR);
        await page.getByRole("link", { name: "Flexible Learning in Practice" }).click();
        course = page.url();
        await page.goto(`${course}/check-ins`);
        await checkAccessibility(page, "check-ins (tutor)");
        await page.getByRole("link", { name: "Set my check-in times" }).click();
        await checkAccessibility(page, "availability");
        await page.getByLabel("Tuesday").fill("");
        await page.getByLabel("Thursday").fill("13:00-16:00");
        await page.getByLabel("Meeting length (minutes)").fill("0");
        await page.getByRole("button", { name: "Save" }).click();
        await page.getByText("Give the meeting length in minutes, from 5 to 240.").waitFor();
        assert.equal(await page.getByLabel("Thursday").inputValue(), "13:00-16:00");
        await checkAccessibility(page, "availability (refused)");
        await page.getByLabel("Meeting length (minutes)").fill("30");
        await page.getByRole("button", { name: "Save" }).click();
        await page.getByText("Your check-in times are saved.").first().waitFor();
      });

      await withPage(browser, `${label}-checkins-student`, async (page) => {
        await signIn(page, demo.base, STUDENT);
        await page.goto(`${course}/check-ins`);
        await page.getByText("Times are shown in your time zone (America/Santiago).").waitFor();
        await checkAccessibility(page, "check-ins (student)");
        const offer = page.locator("form.offer", { hasText: "With Ingrid Solberg" });
        const first = offer.getByRole("radio").first();
        const label = await offer.locator("label.slot").first().innerText();
        // Thursday afternoon in Oslo is Thursday morning in Santiago in December (summer
        // there: four hours behind). The demo has booked 13:00 already.
        assert.match(label, /Thursday .*, (09|10|11):\d\d–\d\d:\d\d/);
        await first.check();
        await offer.getByLabel("What would you like to talk about? (optional)").fill(TOPIC);
        await offer.getByRole("button", { name: "Book" }).click();
        await page.getByText("Booked. A confirmation with a calendar invitation is on its way.").waitFor();
        const mine = page.locator(".meeting", { hasText: TOPIC });
        await mine.waitFor();
        await checkAccessibility(page, "check-ins (booked)");
      });

      await withPage(browser, `${label}-checkins-tutor-sees`, async (page) => {
        await signIn(page, demo.base, TUTOR);
        await page.goto(`${course}/check-ins`);
        await page.locator("li.meeting", { hasText: TOPIC }).waitFor();
      });

      await withPage(browser, `${label}-checkins-student-cancels`, async (page) => {
        await signIn(page, demo.base, STUDENT);
        await page.goto(`${course}/check-ins`);
        await page.locator(".meeting", { hasText: TOPIC }).getByRole("button", { name: "Cancel" }).click();
        await page.getByText("The check-in is cancelled.").waitFor();
        assert.equal(await page.locator(".meeting", { hasText: TOPIC }).count(), 0);
      });
    });
  });
}
