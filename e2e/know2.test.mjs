// Getting to know each other, part two: a student fills in the full profile with a
// photo, records a short voice introduction with the browser's (fake) microphone and
// posts it; a classmate then sees the introduction and the profile, but not the fields
// kept for the teaching team. Every page is checked with axe-core.

import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { checkAccessibility, databases, launchBrowser, signIn, startDemo, withPage } from "./harness.mjs";

// A 48×48 PNG made for this test: a figure on a yellow ground.
const PHOTO = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAADAAAAAwCAIAAADYYG7QAAAAaUlEQVR42u3WUQ0AIAxDwSlBE3KQiBwkoACSsRBW8pIKuK+2NnpNFQMECBAgQD+DSuurPABtNBGT3aBEWPogl+bAZLc1XhMgQIAAaYHSNTXjKvqHkj5GTj4gQdDxUET6CRAgQIAAAVIHTTw1cslN3rKWAAAAAElFTkSuQmCC",
  "base64",
);
// Siosaia is one of the demo students who has not introduced themselves yet.
const STUDENT = "siosaia.fifita@demo.homeroom.test";
const CLASSMATE = "jonas.becker@demo.homeroom.test";
const PRIVATE = "Looking after my grandmother on weekends";
const INTRO = "Mālō e lelei! Siosaia here, teaching science in Nukuʻalofa.";

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

for (const database of databases()) {
  const label = database === "sqlite" ? "sqlite" : "postgres";

  describe(`profiles and introductions on ${label}`, () => {
    let demo;
    before(async () => {
      demo = await startDemo(database);
    });
    after(() => demo?.stop());

    test("a student fills the profile, records an introduction; a classmate sees only what is for the class", async () => {
      let course;
      await withPage(browser, `${label}-profile`, async (page) => {
        await signIn(page, demo.base, STUDENT);
        await page.goto(`${demo.base}/account/profile`);
        await checkAccessibility(page, "edit profile");
        await page.getByLabel("Pronouns", { exact: true }).fill("he/him");
        await page.getByLabel("Choose an image", { exact: true }).setInputFiles({ name: "me.png", mimeType: "image/png", buffer: PHOTO });
        await page.getByLabel("Caption", { exact: true }).fill("Me at the beach");
        await page.getByLabel("A short bio", { exact: true }).fill("Science teacher and keen fisherman.");
        await page.getByLabel("Interests", { exact: true }).fill("fishing; rugby");
        await page.getByLabel("Anything else about my circumstances", { exact: true }).fill(PRIVATE);
        // Say the name into the (fake) microphone too.
        await page.getByRole("button", { name: "Record my name" }).click();
        await page.waitForTimeout(800);
        await page.getByRole("button", { name: "Stop" }).click();
        await page.locator("[data-preview] audio").waitFor();
        await page.getByRole("button", { name: "Save" }).click();
        await page.getByText("Saved.").waitFor();
        await page.getByRole("img", { name: "Your current image" }).waitFor();
        await page.getByRole("checkbox", { name: "Remove the recording" }).waitFor();
        await checkAccessibility(page, "edit profile (saved)");

        await page.getByRole("link", { name: "My courses" }).click();
        await page.getByRole("link", { name: "Flexible Learning in Practice" }).click();
        course = page.url();
        await page.goto(`${course}/introductions`);
        await checkAccessibility(page, "introductions");
        await page.getByLabel("A few words about you").fill(INTRO);
        // Record a short voice clip with the fake microphone, listen back, and post.
        await page.getByRole("button", { name: "Record voice" }).click();
        await page.getByRole("button", { name: "Stop" }).waitFor();
        await page.waitForTimeout(1500);
        await page.getByRole("button", { name: "Stop" }).click();
        await page.locator("[data-preview] audio").waitFor();
        await page.getByRole("button", { name: "Record again" }).waitFor();
        await page.getByLabel("Transcript or captions").fill("Mālō e lelei, I'm Siosaia.");
        await page.getByRole("button", { name: "Post my introduction" }).click();
        const mine = page.locator("li.intro", { hasText: INTRO });
        await mine.waitFor();
        await mine.locator("audio").waitFor({ state: "attached" });
        // The browser's recording was made seekable on upload: its length is listed.
        assert.match(await mine.locator(".clip-length").innerText(), /^Length \d+:\d\d$/);
        await checkAccessibility(page, "introductions (posted)");
      });

      await withPage(browser, `${label}-classmate`, async (page) => {
        await signIn(page, demo.base, CLASSMATE);
        await page.goto(`${course}/introductions`);
        await checkAccessibility(page, "introductions (classmate)");
        const intro = page.locator("li.intro", { hasText: INTRO });
        await intro.waitFor();
        // The recording plays for classmates.
        const src = await intro.locator("audio").getAttribute("src");
        const clip = await page.request.get(`${demo.base}${src}`);
        assert.equal(clip.status(), 200);
        assert.match(clip.headers()["content-type"], /^audio\/webm/);
        // Chromium reads a finite length from the stored file, so its player can seek.
        const seconds = await intro.locator("audio").evaluate(
          (a) =>
            new Promise((done) => {
              if (a.readyState >= 1) return done(a.duration);
              a.addEventListener("loadedmetadata", () => done(a.duration), { once: true });
              a.preload = "metadata";
              a.load();
            }),
        );
        assert.ok(Number.isFinite(seconds) && seconds > 0, `duration ${seconds}`);
        await intro.getByLabel("Welcome Siosaia Fifita").fill("Welcome, Siosaia!");
        await intro.getByRole("button", { name: "Welcome" }).click();
        await page.getByText("Welcome, Siosaia!").waitFor();

        await page.goto(`${course}/class?interest=fishing`);
        await checkAccessibility(page, "meet the class");
        await page.getByRole("link", { name: "Siosaia Fifita" }).click();
        await checkAccessibility(page, "profile (classmate)");
        await page.getByText("Science teacher and keen fisherman.").waitFor();
        await page.getByRole("img", { name: "Me at the beach" }).waitFor();
        const name = await page.getByLabel("How Siosaia Fifita says their name").getAttribute("src");
        assert.equal((await page.request.get(`${demo.base}${name}`)).status(), 200);
        assert.equal(await page.getByText(PRIVATE).count(), 0, "circumstances are for the teaching team");
      });

      await withPage(browser, `${label}-tutor`, async (page) => {
        await signIn(page, demo.base, demo.signIns.tutor);
        await page.goto(`${course}/class?interest=fishing`);
        await page.getByRole("link", { name: "Siosaia Fifita" }).click();
        await checkAccessibility(page, "profile (tutor)");
        await page.getByText(PRIVATE).waitFor();
        await page.goto(`${course}/introductions`);
        await checkAccessibility(page, "introductions (tutor)");
        await page.getByRole("heading", { name: /Not introduced yet/ }).waitFor();
      });
    });
  });
}
