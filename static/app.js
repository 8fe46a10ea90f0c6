// Small progressive enhancements. Every page works without this file.
import "./forms.js";

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

// The expectations board: drag a note to another column; the move is saved with the
// same endpoint the plain form uses. Without JavaScript, each note's "Move" form works.
for (const board of document.querySelectorAll("[data-board]")) {
  const csrf = board.dataset.csrf;
  const course = board.dataset.course;
  let dragged = null;
  board.addEventListener("dragstart", (event) => {
    dragged = event.target.closest("[data-note]");
    if (dragged) event.dataTransfer.effectAllowed = "move";
  });
  for (const column of board.querySelectorAll("[data-column]")) {
    column.addEventListener("dragover", (event) => {
      if (!dragged) return;
      event.preventDefault();
      column.classList.add("drop-target");
    });
    column.addEventListener("dragleave", () => column.classList.remove("drop-target"));
    column.addEventListener("drop", async (event) => {
      event.preventDefault();
      column.classList.remove("drop-target");
      const note = dragged;
      dragged = null;
      if (!note || note.closest("[data-column]") === column) return;
      const body = new URLSearchParams({ column_id: column.dataset.column });
      const res = await fetch(`/courses/${course}/board/notes/${note.dataset.note}/move`, {
        method: "POST",
        headers: { "x-csrf-token": csrf, "content-type": "application/x-www-form-urlencoded" },
        body,
      });
      if (res.ok) {
        column.querySelector(".notes").append(note);
        const select = note.querySelector("select[name=column_id]");
        if (select) select.value = column.dataset.column;
      }
    });
  }
}
