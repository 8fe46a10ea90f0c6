// The collage and pictures on the expectations board: a student adds a picture with its
// description to the collage and a sticky note with a picture to the board; a classmate
// sees both, the pictures load for them, and the class can look at the collage together.
// Every page is checked with axe-core.

import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { checkAccessibility, databases, launchBrowser, signIn, startDemo, withPage } from "./harness.mjs";

// A 48×48 PNG made for these tests: a figure on a yellow ground.
const PICTURE = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAADAAAAAwCAIAAADYYG7QAAAAaUlEQVR42u3WUQ0AIAxDwSlBE3KQiBwkoACSsRBW8pIKuK+2NnpNFQMECBAgQD+DSuurPABtNBGT3aBEWPogl+bAZLc1XhMgQIAAaYHSNTXjKvqHkj5GTj4gQdDxUET6CRAgQIAAAVIHTTw1cslN3rKWAAAAAElFTkSuQmCC",
  "base64",
);
const STUDENT = "siosaia.fifita@demo.homeroom.test";
const CLASSMATE = "jonas.becker@demo.homeroom.test";
const CAPTION = "A sunny figure waving hello to everyone";
const NOTE = "Say hello before asking for help";
const NOTE_ALT = "A yellow square with a waving figure";

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

for (const database of databases()) {
  const label = database === "sqlite" ? "sqlite" : "postgres";

  describe(`collage and board pictures on ${label}`, () => {
    let demo;
    before(async () => {
      demo = await startDemo(database);
    });
    after(() => demo?.stop());

    test("a student adds to the collage and the board; a classmate sees both", async () => {
      let course;
      await withPage(browser, `${label}-collage-student`, async (page) => {
        await signIn(page, demo.base, STUDENT);
        await page.getByRole("link", { name: "Flexible Learning in Practice" }).click();
        course = page.url();
        await page.getByRole("link", { name: "Collage", exact: true }).click();
        await checkAccessibility(page, "collage");
        // The demo's pictures are there already.
        await page.getByRole("img", { name: "A bridge: we meet halfway when we disagree" }).waitFor();
        // A description is required: a file name is refused in plain words.
        await page.getByLabel("Picture", { exact: true }).setInputFiles({ name: "hello.png", mimeType: "image/png", buffer: PICTURE });
        await page.getByLabel("What it shows").fill("IMG_0001.png");
        await page.getByRole("button", { name: "Add to the collage" }).click();
        await page.getByText("Describe what the picture shows rather than giving its file name.").waitFor();
        await checkAccessibility(page, "collage (refused)");
        await page.getByLabel("Picture", { exact: true }).setInputFiles({ name: "hello.png", mimeType: "image/png", buffer: PICTURE });
        await page.getByLabel("What it shows").fill(CAPTION);
        await page.getByRole("button", { name: "Add to the collage" }).click();
        await page.getByText("Your picture is on the collage.").waitFor();
        await page.getByRole("img", { name: CAPTION }).waitFor();
        await checkAccessibility(page, "collage (added)");

        await page.goto(`${course}/board`);
        await checkAccessibility(page, "board");
        const column = page.locator("section.board-column", { hasText: "What I expect of each other" });
        await column.getByLabel("Add a note").fill(NOTE);
        await column.getByText("A picture (optional)", { exact: true }).first().click();
        await column.getByLabel("A picture (optional)").setInputFiles({ name: "note.png", mimeType: "image/png", buffer: PICTURE });
        await column.getByLabel("What the picture shows").fill(NOTE_ALT);
        await column.getByRole("button", { name: "Add note" }).click();
        await page.getByText("Your note is on the board.").waitFor();
        await page.locator("li.note", { hasText: NOTE }).getByRole("img", { name: NOTE_ALT }).waitFor();
        await checkAccessibility(page, "board (note with a picture)");
      });

      await withPage(browser, `${label}-collage-classmate`, async (page) => {
        await signIn(page, demo.base, CLASSMATE);
        await page.goto(`${course}/collage`);
        const img = page.getByRole("img", { name: CAPTION });
        await img.waitFor();
        const src = await img.getAttribute("src");
        const res = await page.request.get(`${demo.base}${src}`);
        assert.equal(res.status(), 200);
        assert.equal(res.headers()["content-type"], "image/jpeg");
        // No remove button on someone else's picture.
        assert.equal(await page.getByRole("button", { name: `Remove: ${CAPTION}` }).count(), 0);
        await page.getByRole("link", { name: "Show together" }).click();
        await checkAccessibility(page, "collage shown together");
        await page.getByRole("img", { name: CAPTION }).waitFor();
        await page.getByRole("link", { name: "Next" }).first().click();
        assert.match(page.url(), /#slide-2$/);

        await page.goto(`${course}/board`);
        const note = page.locator("li.note", { hasText: NOTE });
        const pic = note.getByRole("img", { name: NOTE_ALT });
        await pic.waitFor();
        const noteSrc = await pic.getAttribute("src");
        assert.equal((await page.request.get(`${demo.base}${noteSrc}`)).status(), 200);
        await checkAccessibility(page, "board (classmate)");
      });
    });
  });
}
