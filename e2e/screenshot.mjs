// Takes the README's screenshot of the demo course home: `node screenshot.mjs`.
// Not a test; run it by hand when the course home changes.

import { mkdirSync } from "node:fs";
import { launchBrowser, signIn, startDemo } from "./harness.mjs";

const out = process.argv[2] ?? "../docs/images/course-home.png";
const demo = await startDemo("sqlite");
const browser = await launchBrowser();
try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "en-GB" });
  const page = await context.newPage();
  await signIn(page, demo.base, demo.signIns["tutor"]);
  await page.getByRole("link", { name: "Flexible Learning in Practice" }).click();
  await page.waitForLoadState("networkidle");
  mkdirSync(new URL("../docs/images/", import.meta.url), { recursive: true });
  await page.screenshot({ path: out, fullPage: false });
  console.log(`wrote ${out}`);
} finally {
  await browser.close();
  demo.stop();
}
