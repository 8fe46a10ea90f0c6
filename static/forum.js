// @mention suggestions in the spaces' text boxes. Typing "@" and a few letters lists
// matching members of the course (from /api/courses/{id}/members); arrow keys move,
// Enter or Tab picks, Escape closes. Without this file, people type names themselves.

const cache = new Map();

async function members(course) {
  if (!cache.has(course)) {
    cache.set(
      course,
      fetch(`/api/courses/${course}/members`, { headers: { accept: "application/json" } })
        .then((r) => (r.ok ? r.json() : { members: [] }))
        .then((j) => (j.members || []).map((m) => m.name))
        .catch(() => []),
    );
  }
  return cache.get(course);
}

// The "@partial" just before the caret, if the caret is in one.
function partialAt(text, caret) {
  const before = text.slice(0, caret);
  const at = before.lastIndexOf("@");
  if (at < 0) return null;
  if (at > 0 && /[\p{L}\p{N}_]/u.test(before[at - 1])) return null;
  const partial = before.slice(at + 1);
  if (partial.length > 40 || partial.includes("\n")) return null;
  return { at, partial };
}

let counter = 0;

for (const area of document.querySelectorAll("textarea[data-mentions]")) {
  const course = area.dataset.mentions;
  const list = document.createElement("ul");
  list.className = "mention-list";
  list.id = `mentions-${++counter}`;
  list.setAttribute("role", "listbox");
  list.hidden = true;
  area.after(list);
  area.setAttribute("aria-autocomplete", "list");
  area.setAttribute("aria-controls", list.id);
  let options = [];
  let active = 0;
  let where = null;

  const close = () => {
    list.hidden = true;
    options = [];
    area.removeAttribute("aria-activedescendant");
  };
  const pick = (name) => {
    if (!where) return;
    const text = area.value;
    const end = where.at + 1 + where.partial.length;
    area.value = `${text.slice(0, where.at)}@${name} ${text.slice(end)}`;
    const caret = where.at + name.length + 2;
    area.setSelectionRange(caret, caret);
    close();
    area.focus();
  };
  const show = () => {
    list.replaceChildren();
    options.forEach((name, i) => {
      const li = document.createElement("li");
      li.id = `${list.id}-${i}`;
      li.setAttribute("role", "option");
      li.setAttribute("aria-selected", String(i === active));
      li.textContent = name;
      li.addEventListener("mousedown", (e) => {
        e.preventDefault();
        pick(name);
      });
      list.append(li);
    });
    list.hidden = options.length === 0;
    if (options.length) area.setAttribute("aria-activedescendant", `${list.id}-${active}`);
  };

  area.addEventListener("input", async () => {
    where = partialAt(area.value, area.selectionStart);
    if (!where) return close();
    const q = where.partial.toLocaleLowerCase();
    const names = await members(course);
    options = names.filter((n) => n.toLocaleLowerCase().startsWith(q) || n.toLocaleLowerCase().includes(` ${q}`)).slice(0, 8);
    active = 0;
    show();
  });
  area.addEventListener("keydown", (e) => {
    if (list.hidden) return;
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      active = (active + (e.key === "ArrowDown" ? 1 : options.length - 1)) % options.length;
      show();
    } else if (e.key === "Enter" || e.key === "Tab") {
      e.preventDefault();
      pick(options[active]);
    } else if (e.key === "Escape") {
      close();
    }
  });
  area.addEventListener("blur", () => setTimeout(close, 150));
}
