// LTI pages. A deep-linking answer goes back to the LMS by a form post: submit it at once
// (the page's button does the same without JavaScript). After a dynamic registration,
// tell the LMS's window that opened us that we are done, as the spec asks.
for (const form of document.querySelectorAll("form[data-autosubmit]")) form.submit();
if (document.querySelector("[data-lti-close]")) {
  const to = window.opener || (window.parent !== window ? window.parent : null);
  if (to) to.postMessage({ subject: "org.imsglobal.lti.close" }, "*");
}
