// Choosing whom to write to by typing a name. The field asks the course for matching
// people (a page at a time, from /courses/{id}/messages/people) and lists them; arrow
// keys move, Enter picks, Escape closes. A picked person joins the ticked list above,
// which is what the form sends. Without this file, the "Find" button posts the form
// back and the page lists the matches to tick.

const input = document.querySelector("input[data-people]");
const chosen = document.querySelector("#chosen");
if (input && chosen) {
  const url = input.dataset.people;
  const list = document.createElement("ul");
  list.className = "mention-list";
  list.id = "people-suggestions";
  list.setAttribute("role", "listbox");
  list.hidden = true;
  input.parentElement.after(list);
  input.setAttribute("role", "combobox");
  input.setAttribute("aria-autocomplete", "list");
  input.setAttribute("aria-controls", list.id);
  input.setAttribute("aria-expanded", "false");
  let options = [];
  let active = 0;
  let next = null;
  let asked = 0;

  const picked = () => new Set([...chosen.querySelectorAll("input[name=to]:checked")].map((i) => i.value));

  const close = () => {
    list.hidden = true;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
  };

  const add = (p) => {
    if (!picked().has(String(p.id))) {
      const existing = chosen.querySelector(`input[name=to][value="${p.id}"]`);
      if (existing) {
        existing.checked = true;
      } else {
        const li = document.createElement("li");
        const label = document.createElement("label");
        label.className = "check";
        const box = document.createElement("input");
        box.type = "checkbox";
        box.name = "to";
        box.value = String(p.id);
        box.checked = true;
        label.append(box, ` ${p.name}`);
        li.append(label);
        chosen.append(li);
      }
    }
    document.querySelector("#nobody-yet")?.remove();
    input.value = "";
    close();
    input.focus();
  };

  const show = () => {
    list.replaceChildren();
    const already = picked();
    const rows = options.filter((p) => p.more || !already.has(String(p.id)));
    rows.forEach((p, i) => {
      const li = document.createElement("li");
      li.id = `${list.id}-${i}`;
      li.setAttribute("role", "option");
      li.setAttribute("aria-selected", String(i === active));
      li.textContent = p.more ? p.label : p.name;
      li.addEventListener("mousedown", (e) => {
        e.preventDefault();
        choose(p);
      });
      list.append(li);
    });
    options = rows;
    list.hidden = rows.length === 0;
    input.setAttribute("aria-expanded", String(!list.hidden));
    if (rows.length) input.setAttribute("aria-activedescendant", `${list.id}-${active}`);
  };

  const ask = async (after) => {
    const mine = ++asked;
    const params = new URLSearchParams({ q: input.value.trim() });
    if (after) params.set("after", after);
    try {
      const r = await fetch(`${url}?${params}`, { headers: { accept: "application/json" } });
      if (!r.ok || mine !== asked) return;
      const j = await r.json();
      const people = j.people || [];
      const kept = after ? options.filter((p) => !p.more) : [];
      next = j.next;
      options = kept.concat(people);
      if (next) options.push({ more: true, label: document.documentElement.lang === "nb" ? "Vis flere …" : "Show more …" });
      if (!after) active = 0;
      show();
    } catch {
      // The "Find" button still works.
    }
  };

  const choose = (p) => (p.more ? ask(next) : add(p));

  let timer = null;
  input.addEventListener("input", () => {
    clearTimeout(timer);
    if (!input.value.trim()) return close();
    timer = setTimeout(() => ask(null), 150);
  });
  input.addEventListener("keydown", (e) => {
    if (list.hidden) return;
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      active = (active + (e.key === "ArrowDown" ? 1 : options.length - 1)) % options.length;
      show();
    } else if (e.key === "Enter") {
      e.preventDefault();
      choose(options[active]);
    } else if (e.key === "Escape") {
      close();
    }
  });
  input.addEventListener("blur", () => setTimeout(close, 150));
}
