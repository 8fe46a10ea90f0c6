// The foundation, as people use it: a tutor starts a course and imports the class, a
// student joins through the link, and a student of another course is kept out.

import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { checkAccessibility, databases, launchBrowser, signIn, startDemo, visit, withPage } from "./harness.mjs";

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

for (const database of databases()) {
  const label = database === "sqlite" ? "sqlite" : "postgres";

  describe(`foundation on ${label}`, () => {
    let demo;
    let courseUrl;
    let joinUrl;
    before(async () => {
      demo = await startDemo(database);
    });
    after(() => demo?.stop());

    test("a tutor creates a course and imports a roster, fixing one bad row", async () => {
      await withPage(browser, `${label}-tutor`, async (page) => {
        await visit(page, `${demo.base}/`, "landing page");
        await signIn(page, demo.base, demo.signIns["tutor"]);
        await checkAccessibility(page, "my courses");
        await page.getByRole("link", { name: "Start a new course" }).click();
        await checkAccessibility(page, "new course form");
        await page.getByLabel("Course title").fill("Designing for Belonging");
        await page.getByLabel("Short description").fill("A short course on building community online.");
        await page.getByLabel("Start date").fill("2026-09-07");
        await page.getByLabel("Live online").check();
        await page.getByRole("button", { name: "Create the course" }).click();
        await page.waitForURL(/\/courses\/\d+\/invite$/);
        await checkAccessibility(page, "invite page");
        courseUrl = page.url().replace(/\/invite$/, "");
        joinUrl = await page.getByRole("textbox", { name: "Join link" }).inputValue();
        assert.match(joinUrl, /\/join\/[a-z0-9]+$/);

        const bad = "name,email,role\nAda Lovelace,ada@example.org,student\nBo Berg,bo(at)example.org,student\nCy Chen,cy@example.org,ta\n";
        await page.getByLabel("…or paste the list here").fill(bad);
        await page.getByRole("button", { name: "Preview" }).click();
        await page.getByText("One row needs fixing").waitFor();
        await checkAccessibility(page, "roster preview with errors");
        assert.equal(await page.getByRole("button", { name: /^Import/ }).count(), 0, "no import while a row is wrong");

        await page.getByLabel("The class list (you can correct it here)").fill(bad.replace("bo(at)example.org", "bo@example.org"));
        await page.getByRole("button", { name: "Check again" }).click();
        await page.getByText("All 3 rows are ready to import.").waitFor();
        await page.getByRole("button", { name: "Import 3 people" }).click();
        await page.waitForURL(/\/members$/);
        await checkAccessibility(page, "members page");
        for (const name of ["Ada Lovelace", "Bo Berg", "Cy Chen"]) {
          await page.getByRole("cell", { name: new RegExp(`^${name}`) }).waitFor();
        }
      });
    });

    test("a student opens the join link, sets a password and sees the course home", async () => {
      assert.ok(joinUrl, "the tutor test made a join link");
      await withPage(browser, `${label}-join`, async (page) => {
        await visit(page, joinUrl, "join page");
        await page.getByLabel("Name", { exact: true }).fill("Noor Haddad");
        await page.getByLabel("Email", { exact: true }).fill("noor.haddad@example.org");
        await page.getByLabel("New password", { exact: true }).fill("a long enough password");
        await page.getByLabel("Type the new password again").fill("a long enough password");
        await page.getByRole("button", { name: "Join the course" }).click();
        // Nothing until the address is confirmed: the link waits in the outbox (the demo
        // has no SMTP), where the site admin reads it.
        await page.getByRole("heading", { name: "Check your email" }).waitFor();
        let link;
        await withPage(browser, `${label}-outbox`, async (admin) => {
          await signIn(admin, demo.base, demo.signIns["site admin"]);
          await visit(admin, `${demo.base}/admin/outbox`, "outbox");
          const mail = admin.locator("li.card", { hasText: "noor.haddad@example.org" }).locator("pre.mail-body").first();
          link = (await mail.textContent()).match(/https?:\/\/\S+\/confirm\/[A-Za-z0-9_-]+/)[0];
        });
        await visit(page, link, "confirm address");
        await page.getByLabel("Password", { exact: true }).fill("a long enough password");
        await page.getByRole("button", { name: "Confirm" }).click();
        await page.getByText("Your address is confirmed. Welcome!").waitFor();
        await visit(page, courseUrl, "course home (student)");
        await page.getByRole("heading", { name: "Designing for Belonging" }).waitFor();
        // She is among the newest members and the faces of the class.
        await page.locator("section.class-summary").getByText("Noor Haddad", { exact: true }).first().waitFor();
        await checkAccessibility(page, "course home (student)");
        // Students do not get the tutor's tools.
        assert.equal(await page.getByRole("link", { name: "Invite people" }).count(), 0);
      });
    });

    test("a student of another course is refused", async () => {
      await withPage(browser, `${label}-outsider`, async (page) => {
        await signIn(page, demo.base, demo.signIns["student of another course"]);
        const res = await page.goto(courseUrl);
        assert.equal(res.status(), 403);
        await page.getByText("You do not have access to this page").waitFor();
        await checkAccessibility(page, "refusal page");
        assert.equal(await page.getByText("Designing for Belonging").count(), 0, "nothing of the course leaks");
      });
    });
  });
}
