// Shared pieces of the end-to-end tests: start a real Homeroom server, drive a real
// headless Chromium, check every visited page with axe-core, fail on any Content
// Security Policy violation, keep screenshots of failures.

import { spawn } from "node:child_process";
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { chromium } from "playwright-core";

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

export const BIN = resolve(process.env.HOMEROOM_BIN ?? "../target/debug/homeroom");
export const ARTIFACTS = resolve("artifacts");
export const DEMO_PASSWORD = "homeroom-demo";

/** The databases to run against: "sqlite" and any postgres:// URLs. */
export function databases() {
  return (process.env.HOMEROOM_E2E_DATABASES ?? "sqlite").split(",").map((s) => s.trim()).filter(Boolean);
}

/** Start `homeroom demo` on a free port and resolve once it prints its address.
 * `config` is the text of a config file (e.g. `[[sso]]` tables), passed as `--config`. */
export async function startDemo(database, { config } = {}) {
  const dataDir = mkdtempSync(join(tmpdir(), "homeroom-e2e-"));
  const args = ["demo", "--port", "0", "--data-dir", dataDir];
  if (database !== "sqlite") args.push("--database-url", database);
  if (config !== undefined) {
    const file = join(dataDir, "homeroom.toml");
    writeFileSync(file, config);
    args.push("--config", file);
  }
  const child = spawn(BIN, args, { stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  const base = await new Promise((resolveBase, reject) => {
    const timer = setTimeout(() => reject(new Error(`demo did not start:\n${output}`)), 60_000);
    const onData = (chunk) => {
      output += chunk.toString();
      // The sign-ins are printed after the address; wait for the line that ends them.
      const m = output.match(/Open (http:\/\/[^\s/]+)\//);
      if (m && output.includes("Every demo account's password is")) {
        clearTimeout(timer);
        resolveBase(m[1]);
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", (c) => (output += c.toString()));
    child.on("exit", (code) => reject(new Error(`demo exited with ${code}:\n${output}`)));
    child.on("error", (err) => reject(new Error(`cannot start ${BIN}: ${err.message}`)));
  });
  const signIns = {};
  for (const line of output.split("\n")) {
    const m = line.match(/^\s{4}(.+?)\s{2,}(\S+@\S+)$/);
    if (m) signIns[m[1].trim()] = m[2];
  }
  return { base, signIns, stop: () => child.kill("SIGTERM") };
}

export async function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    args: [
      "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync",
      "--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream",
    ],
  });
}

/** Run axe-core on the current page; fail on serious or critical violations. */
export async function checkAccessibility(page, label) {
  // Evaluated through the DevTools protocol, which the page's CSP does not govern (an
  // injected <script> would be refused, rightly).
  await page.evaluate(AXE_SOURCE);
  const result = await page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] } });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(" ")) }));
  });
  const serious = result.filter((v) => v.impact === "serious" || v.impact === "critical");
  if (serious.length > 0) {
    throw new Error(`accessibility violations on ${label} (${page.url()}):\n${JSON.stringify(serious, null, 2)}`);
  }
  return result;
}

/** Messages that mean the page's Content Security Policy refused something. */
const CSP_MESSAGE = /Content Security Policy|Refused to (load|execute|apply|frame|connect|create|evaluate|send form)/i;

/** Run a test body with a fresh browser page; keep a screenshot if it fails. Any CSP
 * violation on any page fails the test: the browser reports it as a
 * `securitypolicyviolation` event (relayed to the console) and a console error. */
export async function withPage(browser, name, body) {
  const context = await browser.newContext({ locale: "en-GB", timezoneId: "Europe/Oslo" });
  await context.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => {
      console.error(`Content Security Policy violation: ${e.violatedDirective} blocked ${e.blockedURI || "inline"} at ${e.sourceFile || document.location.href}:${e.lineNumber}`);
    });
  });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  const violations = [];
  page.on("console", (msg) => {
    if (CSP_MESSAGE.test(msg.text())) violations.push(`${page.url()}: ${msg.text()}`);
  });
  try {
    await body(page);
    if (violations.length > 0) {
      throw new Error(`Content Security Policy violations:\n${[...new Set(violations)].join("\n")}`);
    }
  } catch (err) {
    mkdirSync(ARTIFACTS, { recursive: true });
    const file = join(ARTIFACTS, `${name.replace(/[^a-z0-9]+/gi, "-")}.png`);
    await page.screenshot({ path: file, fullPage: true }).catch(() => {});
    err.message += `\n(screenshot: ${file})`;
    throw err;
  } finally {
    await context.close();
  }
}

/** Go to a page and check it for accessibility. */
export async function visit(page, url, label) {
  const res = await page.goto(url);
  await checkAccessibility(page, label);
  return res;
}

export async function signIn(page, base, email, password = DEMO_PASSWORD) {
  await visit(page, `${base}/sign-in`, "sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((u) => !u.pathname.startsWith("/sign-in"));
}
