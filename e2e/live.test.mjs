// A live session in two browsers: the tutor starts next week's session from the demo and
// puts its check-in question on every screen; a student joins from the course's live
// sessions page, answers, and the word appears in the cloud on the tutor's screen
// without a reload; the tutor takes everyone back to the main view and the student's
// screen follows. Then breakouts: the tutor opens the rooms, the student sees their
// room, its facilitator and the timer, calls for the tutor (the call shows on the
// tutor's screen live), gets the tutor's message, and everyone comes back together.

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

  describe(`live session on ${label}`, () => {
    let demo;
    before(async () => {
      demo = await startDemo(database);
    });
    after(() => demo?.stop());

    test("a check-in answer reaches the tutor's word cloud live", async () => {
      await withPage(browser, `${label}-live-tutor`, async (tutor) => {
        await signIn(tutor, demo.base, demo.signIns["tutor"]);
        await tutor.getByRole("link", { name: "Flexible Learning in Practice" }).click();
        await tutor.getByRole("link", { name: "Live sessions" }).click();
        await checkAccessibility(tutor, "live sessions");
        // Last week's summary is kept.
        await tutor.getByRole("link", { name: "Week 2 live session" }).click();
        await tutor.getByRole("heading", { name: "Summary" }).waitFor();
        await checkAccessibility(tutor, "session summary");
        await tutor.goBack();
        await tutor.getByRole("link", { name: "Week 4 live session" }).click();
        await tutor.getByRole("button", { name: "Start the session" }).click();
        await tutor.getByRole("button", { name: "Put on every screen" }).first().click();
        await tutor.locator("[data-cloud]").waitFor();
        await checkAccessibility(tutor, "running session (tutor)");
        await tutor.getByText("Connected: updates arrive as they happen.").waitFor();

        await withPage(browser, `${label}-live-student`, async (student) => {
          await signIn(student, demo.base, demo.signIns["student"]);
          await student.goto(tutor.url().replace(/\/live\/\d+$/, "/live"));
          await student.getByText("Live now:").waitFor();
          await student.getByRole("link", { name: "Join" }).click();
          await student.getByText("What are you taking from this week into your own teaching?").first().waitFor();
          await checkAccessibility(student, "running session (student)");
          await student.getByText("Connected: updates arrive as they happen.").waitFor();
          // The live region announces the step.
          await student.locator("#live-announce", { hasText: "Now on every screen" }).waitFor();
          await student.getByLabel("Your word 1").fill("Curiosity");
          await student.getByRole("button", { name: "Send" }).click();
          await student.getByText("Saved.").waitFor();
          // Over the socket, not a reload: the tutor's cloud shows the word.
          await tutor.locator("[data-cloud] svg text", { hasText: "Curiosity" }).waitFor();
          assert.equal(await tutor.locator("[data-people]").textContent(), "1");
          await tutor.getByText("Curiosity", { exact: false }).first().waitFor();
          // Back together: the student's screen follows.
          await tutor.getByRole("button", { name: "Back to the main view" }).click();
          await student.getByText("Welcome! The session will start on your screen in a moment.").waitFor();

          // Breakouts: the tutor opens the rooms; the student's screen shows their room,
          // its facilitator and why, and a timer counting down.
          await tutor
            .locator("li", { hasText: "Plan one small change with your group" })
            .getByRole("button", { name: "Put on every screen" })
            .click();
          await tutor.getByRole("heading", { name: "Running the breakouts" }).waitFor();
          await checkAccessibility(tutor, "breakouts (tutor)");
          await student.getByRole("heading", { name: /Your room: room \d+/ }).waitFor();
          // Their group: their own card and their room mates' (no other room's).
          const room = student.locator("[data-my-room]");
          await room.locator(".people-cards li", { hasText: "Amara Okafor" }).waitFor();
          assert.ok((await room.locator(".people-cards li").count()) >= 2, "room mates are shown");
          await student.locator("[data-facilitator]", { hasText: "facilitates" }).waitFor();
          await student.locator("[data-countdown]", { hasText: /\d+:\d\d/ }).waitFor();
          await student.locator("#live-announce", { hasText: "breakout rooms" }).waitFor();
          await checkAccessibility(student, "breakouts (student)");
          // The student asks for the tutor; the call appears on the tutor's screen live.
          await student.getByRole("button", { name: "Call the tutor" }).click();
          await student.getByText("You asked for the tutor.").waitFor();
          await tutor.locator("[data-calls] li", { hasText: "Amara Okafor" }).waitFor();
          await tutor.locator("[data-no-calls]").waitFor({ state: "hidden" });
          // A message to every room arrives without a reload.
          await tutor.getByLabel("Message to every room").fill("Two minutes left");
          await tutor.getByRole("button", { name: "Send to all rooms" }).click();
          await student.locator("[data-breakout-message]", { hasText: "Two minutes left" }).waitFor();
          // Back together: everyone returns to the main view.
          await tutor.getByRole("button", { name: "Back together" }).first().click();
          await student.getByText("Welcome! The session will start on your screen in a moment.").waitFor();
          await student.locator("[data-my-room]").waitFor({ state: "detached" });
          await student.locator("#live-announce", { hasText: "Everyone is in the main view." }).waitFor();
        });
      });
    });
  });
}
