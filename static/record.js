// Record a voice or video introduction in the browser: record, stop, preview,
// re-record, then post with the form. Without MediaRecorder (or without JavaScript)
// the file field of the same form does the job.

const form = document.querySelector("[data-intro-form]");
const box = form && form.querySelector("[data-recorder]");

if (box && window.MediaRecorder && navigator.mediaDevices && navigator.mediaDevices.getUserMedia) {
  const status = box.querySelector("[data-record-status]");
  const preview = box.querySelector("[data-preview]");
  const stopButton = box.querySelector("[data-stop]");
  const againButton = box.querySelector("[data-rerecord]");
  const startButtons = box.querySelectorAll("[data-record]");
  const fileInput = form.querySelector('input[name="clip"]');
  let recorder = null;
  let stream = null;
  let chunks = [];
  let recorded = null;

  box.hidden = false;

  const say = (text) => {
    status.textContent = text;
  };

  const pickType = (video) => {
    const wanted = video
      ? ["video/webm;codecs=vp8,opus", "video/webm", "video/mp4"]
      : ["audio/webm;codecs=opus", "audio/webm", "audio/ogg;codecs=opus", "audio/mp4"];
    return wanted.find((t) => MediaRecorder.isTypeSupported(t)) || "";
  };

  const showButtons = (recording) => {
    startButtons.forEach((b) => (b.hidden = recording || recorded !== null));
    stopButton.hidden = !recording;
    againButton.hidden = recording || recorded === null;
  };

  const start = async (video) => {
    try {
      stream = await navigator.mediaDevices.getUserMedia(video ? { audio: true, video: true } : { audio: true });
    } catch (e) {
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
      recorded = { blob, video };
      preview.replaceChildren();
      const el = document.createElement(video ? "video" : "audio");
      el.controls = true;
      el.src = URL.createObjectURL(blob);
      el.setAttribute("aria-label", box.dataset.msgPreview);
      preview.append(el);
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
    recorded = null;
    preview.replaceChildren();
    say("");
    showButtons(false);
  });

  // The recording goes up with the form, in the clip field's place.
  form.addEventListener("submit", async (e) => {
    if (!recorded || (fileInput && fileInput.files.length > 0)) return;
    e.preventDefault();
    const data = new FormData(form);
    const ext = recorded.blob.type.includes("mp4") ? "mp4" : recorded.blob.type.includes("ogg") ? "ogg" : "webm";
    data.set("clip", recorded.blob, "introduction." + ext);
    say(box.dataset.msgPosting);
    const res = await fetch(form.action, { method: "POST", body: data, credentials: "same-origin" });
    if (res.redirected) {
      window.location.assign(res.url);
    } else {
      document.open();
      document.write(await res.text());
      document.close();
    }
  });
}
