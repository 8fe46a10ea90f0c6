// Classmates like you, end to end: the tutor opens an isolated student's suggestions
// from the radar, introduces the student to the first suggestion (both get the message,
// and it is a contact with each), and a student who turns suggestions on sees their own.
// Every page is checked with axe-core, and any Content Security Policy violation fails.

import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { checkAccessibility, databases, launchBrowser, signIn, startDemo, withPage } from "./harness.mjs";

const TUTOR = "ingrid.solberg@demo.homeroom.test";
// Not opted in by the demo (Amara is), so the test turns suggestions on itself.
const PRIYA = "priya.raman@demo.homeroom.test";

/** A hand-written demo student's address: first and last name, letters only
 * ("Aisha Al-Mansouri" is aisha.almansouri@…, see src/demo/people.rs). */
function demoEmail(name) {
  const words = name.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().split(/\s+/);
  const letters = (w) => w.replace(/[^a-z]/g, "");
  return `${letters(words[0])}.${letters(words[words.length - 1])}@demo.homeroom.test`;
}

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

for (const database of databases()) {
  const label = database === "sqlite" ? "sqlite" : "postgres";

  describe(`classmates like you on ${label}`, () => {
    let demo;
    before(async () => {
      demo = await startDemo(database);
    });
    after(() => demo?.stop());

    test("from the radar to an introduction, and a student's own suggestions", async () => {
      let course;
      let student;
      let studentId;
      let classmate;
      let conversation;
      const intro = `Hello you two (${label})! You both answered the survey alike; say hello here.`;
      await withPage(browser, `${label}-like-you-tutor`, async (page) => {
        await signIn(page, demo.base, TUTOR);
        await page.getByRole("link", { name: "Flexible Learning in Practice" }).click();
        course = new URL(page.url()).pathname;
        // The radar's rows come from a job: look until they are there.
        for (let i = 0; i < 30; i++) {
          await page.goto(`${demo.base}${course}/radar`);
          if ((await page.getByRole("checkbox").count()) > 0) break;
          await page.waitForTimeout(1000);
        }
        // Isolated students first; the demo may have none this week (everyone met in
        // the breakouts), and then any student's suggestions are as good a test.
        await page.goto(`${demo.base}${course}/radar?signal=isolated`);
        if ((await page.getByRole("checkbox").count()) === 0) await page.goto(`${demo.base}${course}/radar`);
        await checkAccessibility(page, "radar");
        const first = page.getByRole("checkbox").first();
        const id = await first.getAttribute("value");
        studentId = id;
        student = (await page.locator(`label[for="pick-${id}"]`).innerText()).trim();
        await first.check();
        await page.getByRole("button", { name: "Pair with a classmate" }).click();
        await page.waitForURL(new RegExp(`/like-you/${id}$`));
        await page.getByRole("heading", { level: 1, name: `Classmates like ${student}` }).waitFor();
        await checkAccessibility(page, "classmates like (tutor)");
        const card = page.locator("ol.like-you > li").first();
        classmate = (await card.getByRole("heading", { level: 2 }).innerText()).trim();
        assert.notEqual(classmate, student);
        // Each suggestion says why, in words, from what the two shared.
        assert.match(await card.locator(".why").innerText(), /never grouped/);
        // The introduction is prefilled with both first names; the tutor rewrites it.
        const box = card.getByLabel("Introduction to both (you can change it)");
        assert.match(await box.inputValue(), new RegExp(`${classmate.split(" ")[0]}`));
        await box.fill(intro);
        await card.getByRole("button", { name: "Send the introduction to both" }).click();
        await page.waitForURL(/\/messages\/\d+/);
        await page.getByText("The introduction was sent to both").waitFor();
        await page.getByText(intro).waitFor();
        conversation = new URL(page.url()).pathname;
      });

      // Both students find it in their messages, in the same conversation.
      for (const who of [student, classmate]) {
        await withPage(browser, `${label}-like-you-${who}`, async (page) => {
          await signIn(page, demo.base, demoEmail(who));
          await page.goto(`${demo.base}${conversation}`);
          await page.getByText(intro).waitFor();
          await checkAccessibility(page, `the introduction (${who})`);
        });
      }

      await withPage(browser, `${label}-like-you-student`, async (page) => {
        await signIn(page, demo.base, PRIYA);
        // Another student's suggestions are the teaching team's only.
        const res = await page.goto(`${demo.base}${course}/like-you/${studentId}`);
        assert.ok([403, 404].includes(res.status()), `a student is refused (${res.status()})`);
        await page.goto(`${demo.base}${course}/like-you`);
        await checkAccessibility(page, "classmates like me (off)");
        assert.equal(await page.locator("ul.like-you > li").count(), 0, "nothing until they turn it on");
        await page.getByRole("button", { name: "Show me classmates I have not met yet who share my circumstances" }).click();
        await page.getByText("Suggestions are on.").waitFor();
        await checkAccessibility(page, "classmates like me (on)");
        const items = page.locator("ul.like-you > li");
        assert.ok((await items.count()) > 0, "Priya has classmates like her");
        const name = (await items.first().getByRole("heading", { level: 2 }).innerText()).trim();
        assert.notEqual(name, "Priya Raman");
        await items.first().getByRole("link", { name: `Write to ${name}` }).waitFor();
        // And off again: the list goes.
        await page.getByRole("button", { name: "Stop showing me suggestions" }).click();
        await page.getByText("Suggestions are off.").waitFor();
        assert.equal(await page.locator("ul.like-you > li").count(), 0);
      });
    });
  });
}
