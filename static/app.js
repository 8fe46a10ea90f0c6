// Small progressive enhancements. Every page works without this file.

// Forms for signing up send the browser's time zone, so times are right from the start.
for (const input of document.querySelectorAll("[data-browser-time-zone]")) {
  try {
    input.value = Intl.DateTimeFormat().resolvedOptions().timeZone || "";
  } catch {
    // Leave it empty: the server falls back to the course's time zone.
  }
}

// Ask before actions that cannot be undone, such as removing a member.
for (const form of document.querySelectorAll("form[data-confirm]")) {
  form.addEventListener("submit", (event) => {
    if (!window.confirm(form.dataset.confirm)) event.preventDefault();
  });
}

// Select the whole join link on focus so it is easy to copy.
for (const input of document.querySelectorAll("input[data-copy]")) {
  input.addEventListener("focus", () => input.select());
}
