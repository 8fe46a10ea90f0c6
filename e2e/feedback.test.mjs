// Feedback end to end: a student posts in the coffee shop; the tutor records voice
// feedback on the post with Chromium's fake microphone, types the transcript and
// releases it; the student finds it (new) from the course home, plays it, and replies;
// the reply is under the feedback for the tutor. Every page is checked with axe-core.

import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { checkAccessibility, databases, launchBrowser, signIn, startDemo, visit, withPage } from "./harness.mjs";

// A demo student who has no feedback in the demo.
const STUDENT = { name: "Jonas Becker", email: "jonas.becker@demo.homeroom.test" };
const TITLE = "How I give feedback on drafts";
const POST = "I write comments in the margin, then a summary at the end.";
const TRANSCRIPT = "Jonas, thank you: try one voice note per draft next week and tell me how it went.";
const REPLY = "Thanks! I will try it with my Tuesday group.";

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

  describe(`feedback on ${label}`, () => {
    let demo;
    before(async () => {
      demo = await startDemo(database);
    });
    after(() => demo?.stop());

    test("the tutor records voice feedback on a post; the student plays it and replies", async () => {
      let thread;
      let feedback;
      await withPage(browser, `${label}-feedback-student-posts`, async (page) => {
        await signIn(page, demo.base, STUDENT.email);
        const course = await openCourse(page, demo.base);
        await visit(page, `${course}/spaces`, "spaces");
        await page.getByRole("link", { name: "Coffee shop" }).first().click();
        await page.getByLabel("Title", { exact: true }).fill(TITLE);
        await page.getByLabel("Your post", { exact: true }).fill(POST);
        await page.getByRole("button", { name: "Post", exact: true }).click();
        await page.getByRole("heading", { name: TITLE }).waitFor();
        thread = page.url().split("#")[0];
      });

      await withPage(browser, `${label}-feedback-tutor-records`, async (page) => {
        await signIn(page, demo.base, demo.signIns["tutor"]);
        await visit(page, thread, "thread (tutor)");
        const opening = page.locator("article.forum-post").first();
        await opening.getByRole("link", { name: "Give feedback" }).click();
        await page.getByRole("heading", { name: "Give feedback" }).waitFor();
        await checkAccessibility(page, "give feedback");
        // Record a short voice note with the fake microphone, listen back.
        await page.getByRole("button", { name: "Record voice" }).click();
        await page.getByRole("button", { name: "Stop" }).waitFor();
        await page.waitForTimeout(1500);
        await page.getByRole("button", { name: "Stop" }).click();
        await page.locator("[data-preview] audio").waitFor();
        // The transcript goes with it (releasing without one is refused: tests/it/feedback.rs).
        await page.getByLabel("Your feedback, or the transcript of your recording").fill(TRANSCRIPT);
        await page.getByRole("button", { name: "Release now" }).click();
        await page.waitForURL(/\/feedback\/\d+$/);
        await page.locator("article.feedback audio").waitFor({ state: "attached" });
        assert.equal(await page.getByText("This feedback is a draft").count(), 0, "released, not a draft");
        await checkAccessibility(page, "feedback (tutor)");
        feedback = page.url().split("#")[0];
      });

      await withPage(browser, `${label}-feedback-student-plays`, async (page) => {
        await signIn(page, demo.base, STUDENT.email);
        const course = await openCourse(page, demo.base);
        // The feedback is also under the post it is about, with its player and transcript
        // (seeing it there does not open it: the course home still says it is new).
        await visit(page, thread, "thread with feedback (student)");
        const under = page.locator("article.forum-post").first().locator(".feedback.on-item");
        await under.getByText(TRANSCRIPT).waitFor();
        await under.locator("audio").waitFor({ state: "attached" });
        await page.goto(course);
        // The course home says there is new feedback.
        await page.getByRole("link", { name: "Feedback (1 new)" }).click();
        await checkAccessibility(page, "feedback inbox");
        await page.getByRole("link", { name: POST }).click();
        assert.equal(page.url().split("#")[0], feedback);
        await page.getByText(TRANSCRIPT).waitFor();
        await checkAccessibility(page, "feedback (student)");
        // The recording plays: the stored file is served to the student and has a length.
        const audio = page.locator("article.feedback audio");
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
        await page.getByLabel("Your reply").fill(REPLY);
        await page.getByRole("button", { name: "Send reply" }).click();
        await page.getByText("Reply sent.").waitFor();
        await page.getByText(REPLY).waitFor();
        // Opened: no longer new on the course home.
        await page.goto(course);
        assert.equal(await page.getByRole("link", { name: /^Feedback \(\d+ new\)$/ }).count(), 0);
      });

      await withPage(browser, `${label}-feedback-tutor-reads-reply`, async (page) => {
        await signIn(page, demo.base, demo.signIns["tutor"]);
        await visit(page, feedback, "feedback with reply (tutor)");
        await page.getByText(REPLY).waitFor();
      });
    });
  });
}
