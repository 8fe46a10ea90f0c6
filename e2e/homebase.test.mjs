// Homebase end to end: a student starts a thread in the coffee shop; a classmate asks a
// follow-up question and @mentions her; she sees the notification in the header badge
// and the notification centre and follows it to the reply. A tutor schedules an
// announcement and sees it in the upcoming list; a student gives a shout-out and it
// shows in "What's new" on the course home. Every page is checked with axe-core.

import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { checkAccessibility, databases, launchBrowser, signIn, startDemo, visit, withPage } from "./harness.mjs";

const FIRST = { name: "Amara Okafor", email: "amara.okafor@demo.homeroom.test" };
const SECOND = { name: "Priya Raman", email: "priya.raman@demo.homeroom.test" };
const TITLE = "Who else marks on the bus?";
const QUESTION = "@Amara Okafor does it work with handwritten essays too?";

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

async function openCourse(page, base) {
  await visit(page, `${base}/`, "my courses");
  await page.getByRole("link", { name: "Flexible Learning in Practice" }).first().click();
  await page.waitForURL(/\/courses\/\d+$/);
  await checkAccessibility(page, "course home");
  return page.url();
}

for (const database of databases()) {
  const label = database === "sqlite" ? "sqlite" : "postgres";

  describe(`homebase on ${label}`, () => {
    let demo;
    before(async () => {
      demo = await startDemo(database);
    });
    after(() => demo?.stop());

    test("a thread, a follow-up question with a mention, and the notification that leads back", async () => {
      let thread;
      await withPage(browser, `${label}-homebase-first`, async (page) => {
        await signIn(page, demo.base, FIRST.email);
        const course = await openCourse(page, demo.base);
        await visit(page, `${course}/spaces`, "spaces");
        await page.getByRole("link", { name: "Coffee shop" }).first().click();
        await checkAccessibility(page, "coffee shop");
        await page.getByLabel("Title", { exact: true }).fill(TITLE);
        await page.getByLabel("Your post", { exact: true }).fill("I mark essays on the bus home. Twenty minutes, five essays.");
        await page.getByRole("button", { name: "Post", exact: true }).click();
        await page.getByRole("heading", { name: TITLE }).waitFor();
        await checkAccessibility(page, "new thread");
        thread = page.url().split("#")[0];
      });

      await withPage(browser, `${label}-homebase-second`, async (page) => {
        await signIn(page, demo.base, SECOND.email);
        await visit(page, thread, "thread");
        const opening = page.locator("article.forum-post").first();
        await opening.locator("summary", { hasText: "Ask a follow-up question" }).click();
        await opening.locator("details.follow-up a").first().click();
        const box = page.getByLabel(`Reply to ${FIRST.name}`);
        await box.waitFor();
        const starter = await box.inputValue();
        assert.ok(starter.length > 0, "the starter is in the reply box");
        await box.fill(`${starter} ${QUESTION}`);
        await checkAccessibility(page, "follow-up question");
        await page.getByRole("button", { name: "Post reply" }).click();
        await page.getByText("does it work with handwritten essays too?").waitFor();
      });

      await withPage(browser, `${label}-homebase-notified`, async (page) => {
        await signIn(page, demo.base, FIRST.email);
        await openCourse(page, demo.base);
        const bell = page.getByRole("link", { name: /Notifications/ }).first();
        await bell.locator(".badge").waitFor();
        await bell.click();
        await checkAccessibility(page, "notification centre");
        await page.getByRole("link", { name: new RegExp(TITLE.replace(/[?]/g, "\\?")) }).first().click();
        await page.waitForURL((u) => u.pathname.includes("/threads/"));
        await page.getByText("does it work with handwritten essays too?").waitFor();
        await checkAccessibility(page, "the reply");
      });
    });

    test("a tutor schedules an announcement; a shout-out reaches the course home", async () => {
      await withPage(browser, `${label}-homebase-tutor`, async (page) => {
        await signIn(page, demo.base, demo.signIns["tutor"]);
        const course = await openCourse(page, demo.base);
        await page.getByRole("link", { name: "Scheduled posts" }).first().click();
        await checkAccessibility(page, "scheduled posts");
        // The demo's recurring posts are listed already.
        await page.getByText("Every weekday at 12:00").waitFor();
        await page.getByLabel("Title", { exact: true }).fill("Reading for next week");
        await page.getByLabel("Message", { exact: true }).fill("Chapter 4 of the wiki, please.");
        // The form suggests tomorrow at 08:00 in the course's zone: the near future.
        await page.getByRole("button", { name: "Schedule", exact: true }).click();
        await page.getByText("The post is scheduled.").waitFor();
        const upcoming = page.locator("li.scheduled", { hasText: "Reading for next week" });
        await upcoming.waitFor();
        await checkAccessibility(page, "scheduled posts (added)");
        assert.ok(course.length > 0);
      });

      await withPage(browser, `${label}-homebase-shout-out`, async (page) => {
        await signIn(page, demo.base, SECOND.email);
        const course = await openCourse(page, demo.base);
        await visit(page, `${course}/shout-outs`, "shout-outs");
        // The person is found by name (a short list, whatever the class size), then picked.
        await page.getByLabel("Find a person by name").fill(FIRST.name.split(" ").pop());
        await page.getByRole("button", { name: "Find", exact: true }).click();
        await page.getByRole("radio", { name: FIRST.name }).check();
        await page.getByLabel("What did they do?").fill("The bus-marking trick saved my Sunday!");
        await page.getByRole("button", { name: "Give a shout-out" }).click();
        await page.goto(course);
        const feed = page.locator("section.feed");
        await feed.getByText(`${SECOND.name} gave ${FIRST.name} a shout-out`).waitFor();
        await feed.getByText("The bus-marking trick saved my Sunday!").waitFor();
        await checkAccessibility(page, "course home with the shout-out");
      });
    });
  });
}
