// LTI 1.3 in a real browser, from an LMS that is not Homeroom: a small platform in this
// test (Node's own crypto signs its tokens; it serves its keys, the authentication
// response as an auto-posted form, and a deep-linking return that checks Homeroom's
// signed answer against Homeroom's published keys). The site admin registers it; the
// instructor's first launch links the LMS course to a new Homeroom course; a student's
// launch lands in that course as a student; the instructor deep-links a space, and the
// student's launch of that link lands on the space. A launch inside the LMS's iframe
// (cross-site) hands off to a window of Homeroom's own, which lands signed in.

import assert from "node:assert/strict";
import { createPublicKey, createSign, createVerify, generateKeyPairSync, randomUUID } from "node:crypto";
import { createServer } from "node:http";
import { after, before, describe, test } from "node:test";
import { checkAccessibility, databases, launchBrowser, signIn, startDemo, withPage } from "./harness.mjs";

const CLIENT = "e2e-lms-client";
const DEPLOYMENT = "e2e-deployment-1";
const ROLES = {
  instructor: "http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor",
  learner: "http://purl.imsglobal.org/vocab/lis/v2/membership#Learner",
};
const CLAIM = "https://purl.imsglobal.org/spec/lti/claim/";
const DL = "https://purl.imsglobal.org/spec/lti-dl/claim/";

const b64 = (v) => Buffer.from(typeof v === "string" ? v : JSON.stringify(v)).toString("base64url");
const unb64 = (s) => JSON.parse(Buffer.from(s, "base64url").toString());
const escape = (s) => String(s).replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]);

/** The test's LMS, on a free loopback port; `tool` is Homeroom's address. */
async function startPlatform(tool) {
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const jwk = { ...publicKey.export({ format: "jwk" }), kid: "e2e-lms-key", alg: "RS256", use: "sig" };
  const sign = (claims) => {
    const body = `${b64({ alg: "RS256", typ: "JWT", kid: jwk.kid })}.${b64(claims)}`;
    return `${body}.${createSign("RSA-SHA256").update(body).sign(privateKey).toString("base64url")}`;
  };
  const returned = [];
  const server = createServer(async (req, res) => {
    const url = new URL(req.url, base);
    const q = Object.fromEntries(url.searchParams);
    const html = (status, body) => {
      res.writeHead(status, { "content-type": "text/html; charset=utf-8" });
      res.end(`<!doctype html><html lang="en"><head><title>Test LMS</title></head><body>${body}</body></html>`);
    };
    if (url.pathname === "/jwks") {
      res.writeHead(200, { "content-type": "application/json" });
      return res.end(JSON.stringify({ keys: [jwk] }));
    }
    if (url.pathname === "/frame") {
      // The LMS's course page with the tool in an iframe (the usual placement). The test
      // opens it as http://localhost:…, so Homeroom at 127.0.0.1 is a third party here.
      const start = `${base}/start?${new URLSearchParams(q)}`;
      return html(200, `<h1>E2E LMS course</h1><iframe title="Homeroom" src="${escape(start)}" width="800" height="500"></iframe>`);
    }
    if (url.pathname === "/start") {
      // The LMS's third-party-initiated login; what to launch travels in the message hint.
      const hint = JSON.stringify({ role: q.role, context: q.context, dl: q.dl === "1", place: q.place ?? null });
      const login = new URL(`${tool}/lti/login`);
      for (const [k, v] of Object.entries({
        iss: base, login_hint: q.user, target_link_uri: `${tool}/lti/launch`, client_id: CLIENT,
        lti_deployment_id: DEPLOYMENT, lti_message_hint: hint,
      })) login.searchParams.set(k, v);
      res.writeHead(302, { location: login.href });
      return res.end();
    }
    if (url.pathname === "/auth") {
      const hint = JSON.parse(q.lti_message_hint);
      const now = Math.floor(Date.now() / 1000);
      const claims = {
        iss: base, aud: CLIENT, sub: q.login_hint, exp: now + 300, iat: now, nonce: q.nonce,
        name: `E2E ${q.login_hint}`, email: `${q.login_hint}@e2e-lms.example`,
        [`${CLAIM}deployment_id`]: DEPLOYMENT, [`${CLAIM}version`]: "1.3.0",
        [`${CLAIM}message_type`]: hint.dl ? "LtiDeepLinkingRequest" : "LtiResourceLinkRequest",
        [`${CLAIM}context`]: { id: hint.context, title: "E2E LMS course" },
        [`${CLAIM}roles`]: [ROLES[hint.role]],
      };
      if (hint.dl) {
        claims[`${DL}deep_linking_settings`] = {
          deep_link_return_url: `${base}/dl-return`, accept_types: ["ltiResourceLink"],
          accept_presentation_document_targets: ["window"], data: "e2e-data",
        };
      } else {
        claims[`${CLAIM}resource_link`] = { id: randomUUID() };
        if (hint.place) claims[`${CLAIM}custom`] = { homeroom_place: hint.place };
      }
      // The LMS's own page posts the token on (its script, not Homeroom's).
      return html(200, `<form method="post" action="${escape(q.redirect_uri)}">
        <input type="hidden" name="id_token" value="${sign(claims)}">
        <input type="hidden" name="state" value="${escape(q.state)}">
        <button>Continue</button></form><script>document.forms[0].submit()</script>`);
    }
    if (url.pathname === "/dl-return" && req.method === "POST") {
      let body = "";
      for await (const chunk of req) body += chunk;
      const jwt = new URLSearchParams(body).get("JWT") ?? "";
      const [h, p, s] = jwt.split(".");
      const keys = await (await fetch(`${tool}/lti/jwks`)).json();
      const key = keys.keys.find((k) => k.kid === unb64(h).kid);
      const ok = key && createVerify("RSA-SHA256").update(`${h}.${p}`).verify(createPublicKey({ key, format: "jwk" }), Buffer.from(s, "base64url"));
      if (!ok) return html(400, "<h1>Signature refused</h1>");
      const claims = unb64(p);
      returned.push(claims);
      const item = claims[`${DL}content_items`][0];
      return html(200, `<h1>Link added</h1><p id="item">${escape(item.title)} (${escape(item.custom.homeroom_place)})</p>`);
    }
    html(404, "<h1>Not found</h1>");
  });
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  const base = `http://127.0.0.1:${server.address().port}`;
  return { base, returned, stop: () => server.close() };
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

  describe(`LTI from an LMS on ${label}`, () => {
    let demo;
    let lms;
    let course;
    before(async () => {
      demo = await startDemo(database);
      lms = await startPlatform(demo.base);
    });
    after(() => {
      demo?.stop();
      lms?.stop();
    });

    test("students land in the right course and role; the instructor deep-links a space", async () => {
      await withPage(browser, `${label}-lti-admin`, async (admin) => {
        await signIn(admin, demo.base, demo.signIns["site admin"]);
        await admin.goto(`${demo.base}/admin/lti`);
        await checkAccessibility(admin, "LTI admin");
        await admin.getByLabel("Name (for you)").fill("E2E LMS");
        await admin.getByLabel("Issuer (platform id)").fill(lms.base);
        await admin.getByLabel("Client id", { exact: true }).fill(CLIENT);
        await admin.getByLabel("Authentication request address").fill(`${lms.base}/auth`);
        await admin.getByLabel("Access token address").fill(`${lms.base}/token`);
        await admin.getByLabel("Platform's public keys (JWKS) address").fill(`${lms.base}/jwks`);
        await admin.getByLabel("Deployment ids").fill(DEPLOYMENT);
        await admin.getByRole("button", { name: "Register" }).click();
        await admin.getByText(lms.base).first().waitFor();
      });

      await withPage(browser, `${label}-lti-instructor`, async (ines) => {
        // First launch: the LMS course is not linked yet; the instructor links it.
        await ines.goto(`${lms.base}/start?user=ines&role=instructor&context=e2e-1`);
        await ines.waitForURL(/\/lti\/contexts\/\d+\/link$/);
        await checkAccessibility(ines, "link the LMS course");
        await ines.getByRole("button", { name: "Connect" }).click();
        await ines.waitForURL(/\/courses\/\d+$/);
        course = new URL(ines.url()).pathname;
        await ines.getByText("Tutor tools").waitFor();

        await withPage(browser, `${label}-lti-student`, async (sol) => {
          await sol.goto(`${lms.base}/start?user=sol&role=learner&context=e2e-1`);
          await sol.waitForURL((u) => u.pathname === course);
          await checkAccessibility(sol, "course home after a launch");
          await sol.locator(".course-menu-title", { hasText: "E2E LMS course" }).waitFor();
          // A student: no tutor tools, and the tutor sees them as a student.
          assert.equal(await sol.getByText("Tutor tools").count(), 0);
        });
        await ines.goto(`${demo.base}${course}/members`);
        const row = ines.getByRole("row", { name: /E2E sol/ });
        assert.equal(await row.locator("select").first().inputValue(), "student");

        // Deep linking: from the LMS's "add content", pick a space; the LMS gets the link.
        await ines.goto(`${lms.base}/start?user=ines&role=instructor&context=e2e-1&dl=1`);
        await ines.waitForURL(/\/lti\/deep-links\/\d+$/);
        await checkAccessibility(ines, "deep-linking picker");
        await ines.getByLabel("Coffee shop").check();
        await ines.getByRole("button", { name: "Add the link" }).click();
        await ines.waitForURL(`${lms.base}/dl-return`);
        await ines.locator("#item", { hasText: "Coffee shop" }).waitFor();
      });
      assert.equal(lms.returned.length, 1);
      const answer = lms.returned[0];
      assert.equal(answer.aud, lms.base);
      assert.equal(answer[`${DL}data`], "e2e-data");
      const place = answer[`${DL}content_items`][0].custom.homeroom_place;
      assert.match(place, /^space:\d+$/);

      await withPage(browser, `${label}-lti-student-link`, async (sol) => {
        await sol.goto(`${lms.base}/start?user=sol&role=learner&context=e2e-1&place=${encodeURIComponent(place)}`);
        await sol.waitForURL((u) => u.pathname === `${course}/spaces/${place.split(":")[1]}`);
        await sol.getByRole("heading", { name: "Coffee shop" }).first().waitFor();
        await checkAccessibility(sol, "deep-linked space");
      });
    });

    test("a launch in the LMS's frame continues in a window of Homeroom's own", async () => {
      assert.ok(course, "the course was linked by the test before");
      await withPage(browser, `${label}-lti-framed`, async (lmsPage) => {
        const framed = new URL(`${lms.base}/frame?user=tia&role=learner&context=e2e-1`);
        framed.hostname = "localhost";
        await lmsPage.goto(framed.href);
        const frame = lmsPage.frameLocator('iframe[title="Homeroom"]');
        const open = frame.getByRole("button", { name: "Open Homeroom in a new window" });
        await open.waitFor();
        const [win] = await Promise.all([lmsPage.waitForEvent("popup"), open.click()]);
        await win.waitForURL((u) => u.pathname === course);
        await win.locator(".course-menu-title", { hasText: "E2E LMS course" }).waitFor();
        await checkAccessibility(win, "course home after a framed launch");
        assert.equal(await win.getByText("Tutor tools").count(), 0);
        await win.close();
      });
    });
  });
}
