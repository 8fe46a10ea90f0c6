// Live sessions: one WebSocket per participant. The server sends the session's state
// (with a sequence number) whenever it changes; this page redraws the results in place,
// and reloads itself when the step on screen changes (the server renders the new step's
// form). During breakouts it keeps the timer, the tutor's message and (for staff) the
// calls for the tutor current. Answers go over the socket; without it the form posts as usual. Reconnects
// with the last number seen, so the server sends only what was missed, or a snapshot.

const root = document.getElementById("live");

function text(el, s) {
  if (el) el.textContent = s;
}

function list(el, items) {
  if (!el) return;
  el.replaceChildren(
    ...items.map(([strong, rest]) => {
      const li = document.createElement("li");
      if (strong !== null) {
        const b = document.createElement("strong");
        b.textContent = strong;
        li.append(b, rest === null ? "" : `: ${rest}`);
      } else {
        li.textContent = rest;
      }
      return li;
    }),
  );
}

function countsInto(el, counts, people) {
  if (!el) return;
  [...el.children].forEach((li, i) => {
    const n = counts[i] ?? 0;
    let p = li.querySelector("progress");
    let c = li.querySelector(".count");
    if (!p) {
      p = document.createElement("progress");
      c = document.createElement("span");
      c.className = "count";
      li.append(" ", p, " ", c);
    }
    p.max = Math.max(people, 1);
    p.value = n;
    c.textContent = String(n);
  });
}

// A breakout's timer counts down to the server's closing time (the page says the time
// too, for readers without JavaScript).
function tick() {
  const el = root.querySelector("[data-countdown]");
  if (!el) return;
  const left = Math.max(0, Math.round((Number(el.dataset.endsAt) - Date.now()) / 1000));
  const mm = String(Math.floor(left / 60));
  const ss = String(left % 60).padStart(2, "0");
  el.textContent = left > 0 ? `${mm}:${ss}` : root.dataset.msgTimeUp;
}

function redrawBreakout(b) {
  const el = root.querySelector("[data-countdown]");
  if (el && b.ends_at) el.dataset.endsAt = String(b.ends_at);
  const msg = root.querySelector("[data-breakout-message]");
  if (msg) {
    msg.textContent = b.message || "";
    msg.hidden = !b.message;
  }
  const calls = root.querySelector("[data-calls]");
  if (calls && b.calls) {
    const csrf = root.querySelector("input[name=_csrf]");
    const step = root.dataset.step;
    calls.replaceChildren(
      ...b.calls.map((c) => {
        const li = document.createElement("li");
        li.append(c.room ? `${c.name} · ${c.room}` : c.name, " ");
        const f = document.createElement("form");
        f.method = "post";
        f.className = "inline";
        f.action = `/courses/${root.dataset.course}/live/${root.dataset.session}/breakout/clear`;
        for (const [k, v] of [["_csrf", csrf ? csrf.value : ""], ["step", step], ["user", String(c.user_id)]]) {
          const i = document.createElement("input");
          i.type = "hidden";
          i.name = k;
          i.value = v;
          f.append(i);
        }
        const btn = document.createElement("button");
        btn.type = "submit";
        btn.className = "link";
        btn.textContent = calls.dataset.clearLabel;
        f.append(btn);
        li.append(f);
        return li;
      }),
    );
    const none = root.querySelector("[data-no-calls]");
    if (none) none.hidden = b.calls.length > 0;
  }
  tick();
}

function redraw(state) {
  text(root.querySelector("[data-here-count]"), String(state.here));
  if (state.step && state.step.breakout) redrawBreakout(state.step.breakout);
  if (state.here_names) list(root.querySelector("[data-here-names]"), state.here_names.map((n) => [null, n]));
  const step = state.step;
  const box = root.querySelector("[data-results]");
  if (!step || !box) return;
  const r = step.results;
  text(box.querySelector("[data-people]"), String(r.people ?? 0));
  if (step.kind === "checkin") {
    const cloud = box.querySelector("[data-cloud]");
    // The SVG is drawn and escaped by the server (homeroom-live::cloud).
    if (cloud && r.svg) cloud.innerHTML = r.svg;
    if (root.dataset.staff !== "true") {
      list(box.querySelector("[data-words]"), r.words.map((w) => [null, `${w.label} ${w.count}`]));
    }
  } else if (step.kind === "mood") {
    countsInto(box.querySelector("[data-moods]"), r.moods, r.people);
  } else if (step.kind === "poll" && r.counts) {
    countsInto(box.querySelector("[data-counts]"), r.counts, r.people);
  }
  if (r.by_person) {
    list(
      box.querySelector("[data-by-person]"),
      r.by_person.map((p) => [p.name, p.words ? p.words.join(", ") : p.word !== undefined ? `${p.mood} ${p.word}` : (p.choices || []).map((i) => step.options[i]).join(", ")]),
    );
  }
}

function start() {
  const session = root.dataset.session;
  const course = root.dataset.course;
  const status = root.querySelector("[data-status]");
  let seen = Number(root.dataset.seq) || 0;
  let socket = null;
  let tries = 0;
  let ref = 0;
  const pending = new Map();

  // Announce the step on screen once per step (the live region is empty on load).
  const announce = root.querySelector("#live-announce");
  const key = `live-step-${session}`;
  const here = `${root.dataset.state}:${root.dataset.step}`;
  if (announce && sessionStorage.getItem(key) !== here) {
    sessionStorage.setItem(key, here);
    setTimeout(() => text(announce, announce.dataset.announce), 400);
  }

  function connect() {
    const proto = location.protocol === "https:" ? "wss:" : "ws:";
    socket = new WebSocket(`${proto}//${location.host}/courses/${course}/live/${session}/socket?seen=${seen}`);
    socket.addEventListener("open", () => {
      tries = 0;
      text(status, root.dataset.msgConnected);
    });
    socket.addEventListener("message", (e) => {
      let m;
      try {
        m = JSON.parse(e.data);
      } catch {
        return;
      }
      if (m.type === "state") {
        if (m.seq <= seen && m.seq !== 0) return;
        seen = m.seq;
        const stepId = m.step ? String(m.step.id) : "0";
        const revealed = m.step && m.step.results ? m.step.results.revealed : undefined;
        if (m.state !== root.dataset.state || stepId !== root.dataset.step) {
          location.reload();
          return;
        }
        if (m.step && m.step.kind === "poll" && root.dataset.staff !== "true" && revealed !== undefined && revealed !== (root.dataset.revealed === "true")) {
          location.reload();
          return;
        }
        redraw(m);
      } else if (m.type === "ack" || m.type === "refused") {
        const form = pending.get(m.ref);
        pending.delete(m.ref);
        if (m.type === "ack") text(status, root.dataset.msgSaved);
        // A refusal is explained by the server's page: send the form the plain way.
        else if (form) form.submit();
      }
    });
    socket.addEventListener("close", () => {
      socket = null;
      text(status, root.dataset.msgReconnecting);
      tries += 1;
      setTimeout(connect, Math.min(10000, 500 * 2 ** Math.min(tries, 5)) + Math.random() * 500);
    });
  }

  for (const form of root.querySelectorAll("form[data-answer]")) {
    form.addEventListener("submit", (e) => {
      if (!socket || socket.readyState !== WebSocket.OPEN) return;
      e.preventDefault();
      const data = new FormData(form);
      const msg = { type: "answer", step: Number(data.get("step")), ref: ++ref };
      const kind = form.dataset.kind;
      if (kind === "checkin") msg.words = data.getAll("words").map(String).filter((w) => w.trim() !== "");
      if (kind === "poll") msg.choices = data.getAll("choices").map(Number);
      if (kind === "mood") {
        msg.mood = Number(data.get("mood"));
        msg.word = String(data.get("word") || "");
      }
      pending.set(msg.ref, form);
      socket.send(JSON.stringify(msg));
    });
  }
  if (root.dataset.state !== "ended") connect();
  if (root.querySelector("[data-countdown]")) {
    tick();
    setInterval(tick, 1000);
  }
}

if (root) start();
