// Single sign-on in a real browser against a real OpenID Connect provider on loopback:
// the PyPI package `oidc-provider-mock`, started by this test through
// tests/sso_idp/idp.py (scripts/test installs it). Homeroom is given the provider in a
// config file (`[[sso]]`, with its domain SSO-only). A person presses "Sign in with …",
// signs in at the provider's own page and lands back in Homeroom signed in; the password
// form then refuses an address at the SSO-only domain and names the button to use.

import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { resolve } from "node:path";
import { after, before, describe, test } from "node:test";
import { checkAccessibility, databases, launchBrowser, startDemo, visit, withPage } from "./harness.mjs";

const IDP_SCRIPT = resolve("../tests/sso_idp/idp.py");

/** Start the identity provider; resolve with its address once it listens. */
async function startIdp() {
  const child = spawn("python3", ["-W", "ignore", IDP_SCRIPT], { stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  const base = await new Promise((resolveBase, reject) => {
    const timer = setTimeout(() => reject(new Error(`the identity provider did not start:\n${output}`)), 30_000);
    child.stdout.on("data", (chunk) => {
      output += chunk.toString();
      const m = output.match(/listening (http:\/\/\S+)/);
      if (m) {
        clearTimeout(timer);
        resolveBase(m[1]);
      }
    });
    child.stderr.on("data", (c) => (output += c.toString()));
    child.on("exit", (code) =>
      reject(new Error(`the identity provider exited with ${code} (scripts/test installs oidc-provider-mock):\n${output}`)),
    );
  });
  /** Set a person's claims at the provider. */
  const person = async (sub, claims) => {
    const r = await fetch(`${base}/users/${encodeURIComponent(sub)}`, {
      method: "PUT",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(claims),
    });
    assert.equal(r.status, 204);
  };
  return { base, person, stop: () => child.kill("SIGTERM") };
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

  describe(`single sign-on on ${label}`, () => {
    let idp;
    let demo;
    before(async () => {
      idp = await startIdp();
      demo = await startDemo(database, {
        config: [
          "[[sso]]",
          'id = "uni"',
          'name = "Uni Login"',
          `issuer = "${idp.base}"`,
          'client_id = "homeroom-e2e"',
          'client_secret = "e2e-secret"',
          'sso_only_domains = ["uni.example"]',
          "",
        ].join("\n"),
      });
    });
    after(() => {
      demo?.stop();
      idp?.stop();
    });

    test("a person signs in at the identity provider and lands signed in", async () => {
      await idp.person("ada-e2e", { email: "ada@uni.example", email_verified: true, name: "Ada Unilogin" });
      await withPage(browser, `${label}-sso-sign-in`, async (page) => {
        await visit(page, `${demo.base}/sign-in`, "sign-in with SSO");
        await page.getByRole("link", { name: "Sign in with Uni Login" }).click();
        // The provider's own page (not ours: no accessibility check of it).
        await page.waitForURL((u) => u.href.startsWith(`${idp.base}/oauth2/authorize`));
        await page.locator('input[name="sub"]').fill("ada-e2e");
        await page.getByRole("button", { name: "Authorize" }).click();
        await page.waitForURL((u) => u.origin === demo.base && !u.pathname.startsWith("/sso/"));
        assert.ok(!page.url().includes("/sign-in"), page.url());
        await checkAccessibility(page, "after SSO sign-in");
        // Signed in: the account's own page opens instead of sending us to sign in.
        const res = await page.goto(`${demo.base}/account/data`);
        assert.equal(res.status(), 200);
        assert.equal(new URL(page.url()).pathname, "/account/data");
      });
    });

    test("the password form refuses an address at the SSO-only domain", async () => {
      await withPage(browser, `${label}-sso-only`, async (page) => {
        await visit(page, `${demo.base}/sign-in`, "sign-in");
        await page.getByLabel("Email").fill("ada@uni.example");
        await page.getByLabel("Password").fill("any-password-at-all");
        await page.getByRole("button", { name: "Sign in", exact: true }).click();
        await page.getByText("Addresses at your institution sign in with Uni Login").waitFor();
        assert.ok(new URL(page.url()).pathname.startsWith("/sign-in"), page.url());
        await checkAccessibility(page, "SSO-only refusal");
        // Still signed out.
        await page.goto(`${demo.base}/account/data`);
        assert.ok(new URL(page.url()).pathname.startsWith("/sign-in"), page.url());
      });
    });
  });
}
