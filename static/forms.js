// Forms: after a refused form, move focus to the first message (the summary, or the
// first field marked invalid), so a keyboard or screen reader user lands on it; and a
// character counter under long text areas. Without JavaScript the messages are still
// next to their fields and the limit is still enforced by the server.

const firstError =
  document.querySelector("[data-error-summary]") ||
  document.querySelector("[aria-invalid=true]") ||
  document.querySelector(".field-error") ||
  document.querySelector("main .error[role=alert]");
if (firstError) {
  if (!firstError.matches("input, select, textarea, button, a, [tabindex]")) {
    firstError.setAttribute("tabindex", "-1");
  }
  firstError.focus();
  firstError.scrollIntoView({ block: "center" });
}

// Long text areas (a limit of 500 characters or more) count down as people type.
const lang = document.documentElement.lang === "nb" ? "nb" : "en";
const words = {
  en: (left) => (left >= 0 ? `${left} characters left` : `${-left} characters over the limit`),
  nb: (left) => (left >= 0 ? `${left} tegn igjen` : `${-left} tegn over grensen`),
};
for (const area of document.querySelectorAll("textarea[maxlength], textarea[data-max]")) {
  const max = Number(area.dataset.max || area.getAttribute("maxlength"));
  if (!max || max < 500) continue;
  const counter = document.createElement("p");
  counter.className = "char-count muted";
  counter.id = `${area.id || area.name}-count`;
  counter.setAttribute("aria-live", "polite");
  area.insertAdjacentElement("afterend", counter);
  const described = area.getAttribute("aria-describedby");
  area.setAttribute("aria-describedby", described ? `${described} ${counter.id}` : counter.id);
  const update = () => {
    const left = max - area.value.length;
    counter.textContent = words[lang](left);
    counter.classList.toggle("over", left < 0);
  };
  area.addEventListener("input", update);
  update();
}
