// The progress of a personalised message, kept up to date while it goes out: the page
// reads a small JSON status every two seconds (without JavaScript, the page offers a
// link to look again). Reloading the page loses nothing: the status is the server's.
// When the sending is done the page reloads once to show each student's status.
const box = document.querySelector("[data-progress]");
if (box) {
  const bar = box.querySelector("progress");
  const text = box.querySelector("[data-progress-text]");
  const template = text.textContent;
  const tick = async () => {
    try {
      const res = await fetch(box.dataset.progress, { headers: { accept: "application/json" } });
      if (!res.ok) return setTimeout(tick, 5000);
      const p = await res.json();
      bar.value = p.percent;
      bar.textContent = `${p.percent}%`;
      for (const el of box.querySelectorAll("[data-count]")) el.textContent = p[el.dataset.count];
      // The sentence keeps its language: only its numbers change.
      const numbers = [p.sent + p.failed, p.total];
      let i = 0;
      text.textContent = template.replace(/\d+/g, () => String(numbers[i++] ?? ""));
      if (p.done) {
        box.dataset.done = "true";
        // Each student's status and the link to their conversation are the server's:
        // once everything went out, show the page as it now stands (it has no script then).
        location.reload();
        return;
      }
    } catch {
      // Offline for a moment: try again a little later.
    }
    setTimeout(tick, 2000);
  };
  setTimeout(tick, 1000);
}
