// The tutor's weekly message end to end: the tutor records this week's voice message
// with Chromium's fake microphone and types its transcript (it replaces the demo's
// message for this week); a student finds it pinned on the course home, plays it,
// reacts and replies; the tutor sees the reply. Every page is checked with axe-core.

import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { checkAccessibility, databases, launchBrowser, signIn, startDemo, visit, withPage } from "./harness.mjs";

const STUDENT = { name: "Jonas Becker", email: "jonas.becker@demo.homeroom.test" };
const TITLE = "Week of shared examples";
const TRANSCRIPT = "Hello everyone: this week each group brings one example of a course where people felt they belonged.";
const REPLY = "I will bring the Tuesday evening course I took last spring.";

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

async function openCourse(page, base) {
  await page.goto(`${base}/`);
  await page.getByRole("link", { name: "Flexible Learning in Practice" }).first().click();
  return page.url().split("#")[0].replace(/\/$/, "");
}

for (const database of databases()) {
  const label = database === "sqlite" ? "sqlite" : "postgres";

  describe(`weekly message on ${label}`, () => {
    let demo;
    before(async () => {
      demo = await startDemo(database);
    });
    after(() => demo?.stop());

    test("the tutor records this week's voice message; a student plays it, reacts and replies", async () => {
      let message;
      await withPage(browser, `${label}-weekly-tutor-records`, async (page) => {
        await signIn(page, demo.base, demo.signIns["tutor"]);
        const course = await openCourse(page, demo.base);
        await visit(page, `${course}/weekly`, "weekly messages (tutor)");
        await page.getByRole("link", { name: "Replace this week's message" }).first().click();
        await page.getByRole("heading", { name: "Record this week's message" }).waitFor();
        await checkAccessibility(page, "record weekly message");
        await page.getByRole("button", { name: "Record voice" }).click();
        await page.getByRole("button", { name: "Stop" }).waitFor();
        await page.waitForTimeout(1500);
        await page.getByRole("button", { name: "Stop" }).click();
        await page.locator("[data-preview] audio").waitFor();
        await page.getByLabel("Title", { exact: true }).fill(TITLE);
        await page.getByLabel("Transcript (required)").fill(TRANSCRIPT);
        await page.getByRole("button", { name: "Post to the class" }).click();
        await page.waitForURL(/\/weekly\/\d+$/);
        await page.getByRole("heading", { name: TITLE }).waitFor();
        await page.locator("article.weekly-message audio").waitFor({ state: "attached" });
        await checkAccessibility(page, "weekly message (tutor)");
        message = page.url().split("#")[0];
      });

      await withPage(browser, `${label}-weekly-student-plays`, async (page) => {
        await signIn(page, demo.base, STUDENT.email);
        await openCourse(page, demo.base);
        // Pinned on the course home, with its player.
        const pin = page.locator("section.weekly-pin");
        await pin.getByText(TITLE).waitFor();
        await pin.locator("audio").waitFor({ state: "attached" });
        await checkAccessibility(page, "course home with the weekly message");
        await pin.getByRole("link", { name: "Watch or listen, and reply" }).click();
        assert.equal(page.url().split("#")[0], message);
        await page.getByText(TRANSCRIPT).waitFor();
        await checkAccessibility(page, "weekly message (student)");
        // The recording plays: served to the student, with a length.
        const audio = page.locator("article.weekly-message audio");
        const src = await audio.getAttribute("src");
        const clip = await page.request.get(`${demo.base}${src}`);
        assert.equal(clip.status(), 200);
        assert.match(clip.headers()["content-type"], /^audio\/webm/);
        const seconds = await audio.evaluate(
          (a) =>
            new Promise((done) => {
              if (a.readyState >= 1) return done(a.duration);
              a.addEventListener("loadedmetadata", () => done(a.duration), { once: true });
              a.preload = "metadata";
              a.load();
            }),
        );
        assert.ok(Number.isFinite(seconds) && seconds > 0, `duration ${seconds}`);
        // React: the button shows it pressed afterwards.
        await page.locator('form.reactions button[value="💡"]').click();
        await page.getByText("Reaction saved.").waitFor();
        assert.equal(await page.locator('form.reactions button[value="💡"]').getAttribute("aria-pressed"), "true");
        // Reply, for the class to see.
        await page.getByLabel("Your reply (the class sees it)").fill(REPLY);
        await page.getByRole("button", { name: "Reply", exact: true }).click();
        await page.getByText("Your reply is posted.").waitFor();
        await page.getByText(REPLY).waitFor();
      });

      await withPage(browser, `${label}-weekly-tutor-reads-reply`, async (page) => {
        await signIn(page, demo.base, demo.signIns["tutor"]);
        await visit(page, message, "weekly message with reply (tutor)");
        await page.getByText(REPLY).waitFor();
        await page.getByRole("link", { name: `Answer ${STUDENT.name}` }).waitFor();
      });
    });
  });
}
