// Record a voice or video clip in the browser: record, stop, preview, re-record, then
// post with the form. Each `[data-recorder]` box fills the file field named by its
// `data-field`; without MediaRecorder (or without JavaScript) that file field does the
// job on its own. Messages come from the page, in the reader's language.

const supported = window.MediaRecorder && navigator.mediaDevices && navigator.mediaDevices.getUserMedia;

const pickType = (video) => {
  const wanted = video
    ? ["video/webm;codecs=vp8,opus", "video/webm", "video/mp4"]
    : ["audio/webm;codecs=opus", "audio/webm", "audio/ogg;codecs=opus", "audio/mp4"];
  return wanted.find((t) => MediaRecorder.isTypeSupported(t)) || "";
};

function setUp(box) {
  const form = box.closest("form");
  const field = box.dataset.field || "clip";
  const status = box.querySelector("[data-record-status]");
  const preview = box.querySelector("[data-preview]");
  const stopButton = box.querySelector("[data-stop]");
  const againButton = box.querySelector("[data-rerecord]");
  const startButtons = box.querySelectorAll("[data-record]");
  let recorder = null;
  let stream = null;
  let chunks = [];
  box.recorded = null;
  box.hidden = false;

  const say = (text) => {
    status.textContent = text || "";
  };

  const showButtons = (recording) => {
    startButtons.forEach((b) => (b.hidden = recording || box.recorded !== null));
    stopButton.hidden = !recording;
    againButton.hidden = recording || box.recorded === null;
  };

  const start = async (video) => {
    try {
      stream = await navigator.mediaDevices.getUserMedia(video ? { audio: true, video: true } : { audio: true });
    } catch {
      say(box.dataset.msgDenied);
      return;
    }
    chunks = [];
    const type = pickType(video);
    recorder = new MediaRecorder(stream, type ? { mimeType: type } : undefined);
    recorder.addEventListener("dataavailable", (e) => {
      if (e.data && e.data.size > 0) chunks.push(e.data);
    });
    recorder.addEventListener("stop", () => {
      stream.getTracks().forEach((t) => t.stop());
      const blob = new Blob(chunks, { type: recorder.mimeType || type || (video ? "video/webm" : "audio/webm") });
      box.recorded = { blob, field };
      const el = document.createElement(video ? "video" : "audio");
      el.controls = true;
      el.src = URL.createObjectURL(blob);
      el.setAttribute("aria-label", box.dataset.msgPreview);
      preview.replaceChildren(el);
      say(box.dataset.msgDone);
      showButtons(false);
    });
    recorder.start(250);
    say(box.dataset.msgRecording);
    showButtons(true);
  };

  startButtons.forEach((b) => b.addEventListener("click", () => start(b.dataset.record === "video")));
  stopButton.addEventListener("click", () => recorder && recorder.state !== "inactive" && recorder.stop());
  againButton.addEventListener("click", () => {
    box.recorded = null;
    preview.replaceChildren();
    say("");
    showButtons(false);
  });

  if (form.dataset.recorderReady) return;
  form.dataset.recorderReady = "1";
  // Recordings go up with the form, each in its file field's place (a file chosen by
  // hand wins).
  form.addEventListener("submit", async (e) => {
    const boxes = [...form.querySelectorAll("[data-recorder]")].filter((b) => b.recorded);
    const pending = boxes.filter((b) => {
      const input = form.querySelector(`input[type=file][name="${b.recorded.field}"]`);
      return !(input && input.files.length > 0);
    });
    if (pending.length === 0) return;
    e.preventDefault();
    // The button pressed carries its value (feedback's "Save as draft" / "Release now").
    const data = e.submitter ? new FormData(form, e.submitter) : new FormData(form);
    for (const b of pending) {
      const t = b.recorded.blob.type;
      const ext = t.includes("mp4") ? "mp4" : t.includes("ogg") ? "ogg" : "webm";
      data.set(b.recorded.field, b.recorded.blob, `recording.${ext}`);
    }
    for (const b of pending) {
      const s = b.querySelector("[data-record-status]");
      if (s) s.textContent = b.dataset.msgPosting || "";
    }
    const res = await fetch(form.action, { method: "POST", body: data, credentials: "same-origin" });
    // Show the page the server answered with (the saved page with its notice, or the
    // form with what is wrong) as if the form had been posted the ordinary way.
    const html = await res.text();
    if (res.redirected) history.replaceState(null, "", res.url);
    document.open();
    document.write(html);
    document.close();
  });
}

if (supported) {
  document.querySelectorAll("[data-recorder]").forEach(setUp);
}
