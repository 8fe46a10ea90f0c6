// Personalised messages, end to end: the tutor opens the radar, filters it, picks
// students, writes one message with a merge field and a condition, previews it, sends it
// and watches the progress; a student reads it and replies; the tutor finds the reply in
// messages and the contact in the ledger. Every page is checked with axe-core, and any
// Content Security Policy violation fails the test.

import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { checkAccessibility, databases, launchBrowser, signIn, startDemo, withPage } from "./harness.mjs";

const TUTOR = "ingrid.solberg@demo.homeroom.test";
const STUDENT = "amara.okafor@demo.homeroom.test";

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

for (const database of databases()) {
  const label = database === "sqlite" ? "sqlite" : "postgres";

  describe(`personalised messages on ${label}`, () => {
    let demo;
    before(async () => {
      demo = await startDemo(database);
    });
    after(() => demo?.stop());

    test("from the radar to a reply in the ledger", async () => {
      let course;
      let conversation;
      let contactsBefore;
      await withPage(browser, `${label}-personal-before`, async (page) => {
        await signIn(page, demo.base, STUDENT);
        await page.getByRole("link", { name: "Flexible Learning in Practice" }).click();
        await page.goto(`${page.url()}/my-contacts`);
        contactsBefore = await page.locator("ul.contacts li").count();
      });
      await withPage(browser, `${label}-personal-tutor`, async (page) => {
        await signIn(page, demo.base, TUTOR);
        await page.getByRole("link", { name: "Flexible Learning in Practice" }).click();
        course = new URL(page.url()).pathname;
        // The radar's rows come from a job: look until they are there.
        for (let i = 0; i < 30; i++) {
          await page.goto(`${demo.base}${course}/radar?signal=not-contacted`);
          if ((await page.getByRole("checkbox").count()) > 0) break;
          await page.waitForTimeout(1000);
        }
        await checkAccessibility(page, "radar");
        await page.getByLabel("Show", { exact: true }).first().selectOption("isolated");
        await page.getByRole("button", { name: "Show" }).click();
        await page.waitForURL(/signal=isolated/);
        // The demo may have nobody isolated: then the whole class, which is never empty.
        if ((await page.getByRole("checkbox").count()) === 0) {
          for (let i = 0; i < 30; i++) {
            await page.goto(`${demo.base}${course}/radar`);
            if ((await page.getByRole("checkbox").count()) > 0) break;
            await page.waitForTimeout(1000);
          }
        }
        await page.getByRole("checkbox").first().check();
        await page.getByRole("button", { name: "Write a personalised message to the selected" }).click();
        await page.waitForURL(/\/personal\/new/);
        await checkAccessibility(page, "compose");
        // Amara is one of them, so that she can answer below.
        await page.getByLabel("Amara Okafor").check();
        await page.getByLabel("Only the students ticked here").check();
        await page.getByLabel("Subject", { exact: true }).fill("A quick hello, {{ first_name }}");
        await page.getByLabel("Message", { exact: true }).fill("Hi {{ firstname }}");
        await page.getByRole("button", { name: "Save and preview" }).click();
        // An unknown field is named next to the message, with the text kept.
        await page.getByText("There is no field called firstname").waitFor();
        assert.equal(await page.getByLabel("Message", { exact: true }).inputValue(), "Hi {{ firstname }}");
        await page
          .getByLabel("Message", { exact: true })
          .fill("Hi {{ first_name }},\n{% if days_since_contact >= 0 %}\nHow are the first weeks going for you?\n{% endif %}");
        await page.getByRole("button", { name: "Save and preview" }).click();
        await page.waitForURL(/\/personal\/\d+$/);
        await checkAccessibility(page, "preview");
        await page.locator("article.preview").getByText("How are the first weeks going for you?").waitFor();
        await page.getByRole("button", { name: /^Send to \d+ students?$/ }).click();
        // The progress fills in, live, and survives a reload.
        await page.getByText("Progress").waitFor();
        await checkAccessibility(page, "progress");
        await page.reload();
        await page.locator("[data-progress-text]").filter({ hasText: /^(\d+) of \1 done$/ }).waitFor({ timeout: 30_000 });
        const row = page.getByRole("row", { name: /Amara Okafor/ });
        const href = await row.getByRole("link").getAttribute("href");
        conversation = href;
      });

      await withPage(browser, `${label}-personal-student`, async (page) => {
        await signIn(page, demo.base, STUDENT);
        await page.goto(`${demo.base}${conversation}`);
        await checkAccessibility(page, "conversation (student)");
        await page.getByText("How are the first weeks going for you?").waitFor();
        await page.getByLabel("Reply", { exact: true }).fill("Thank you! Busy, but good.");
        await page.getByRole("button", { name: "Send", exact: true }).click();
        await page.getByText("Thank you! Busy, but good.").waitFor();
      });

      await withPage(browser, `${label}-personal-reply`, async (page) => {
        await signIn(page, demo.base, TUTOR);
        await page.goto(`${demo.base}${conversation}`);
        await page.getByText("Thank you! Busy, but good.").waitFor();
        // The message is a contact in the ledger: one more in Amara's list of contacts.
      });

      await withPage(browser, `${label}-personal-ledger`, async (page) => {
        await signIn(page, demo.base, STUDENT);
        let rows = 0;
        for (let i = 0; i < 30; i++) {
          await page.goto(`${demo.base}${course}/my-contacts`);
          rows = await page.locator("ul.contacts li").count();
          if (rows > contactsBefore) break;
          await page.waitForTimeout(2000);
        }
        assert.ok(rows > contactsBefore, `a new contact in the ledger (${contactsBefore} before, ${rows} after)`);
        await page.getByText(/Ingrid Solberg/).first().waitFor();
      });
    });
  });
}
