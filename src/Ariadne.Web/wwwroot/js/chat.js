// The anonymous web chat (/chat). Nothing of the visit is kept by the browser beyond this tab: only the chat's token lives
// in sessionStorage (ASVS 14.3.3); a reload reads the conversation again from the server with it, and the quick exit removes
// it. The messages themselves are never written to the browser's storage. No cookie, no localStorage. The token travels only in the X-Chat-Token header, so the live stream is read with fetch, not EventSource.

const PREFIX = "ariadne.chat.";
const chat = document.querySelector("[data-chat]");
const exitButton = document.querySelector("[data-quick-exit]");

function store(name, value) {
  if (value === null || value === undefined) sessionStorage.removeItem(PREFIX + name);
  else sessionStorage.setItem(PREFIX + name, JSON.stringify(value));
}

function stored(name, fallback) {
  try {
    const raw = sessionStorage.getItem(PREFIX + name);
    return raw === null ? fallback : JSON.parse(raw);
  } catch {
    return fallback;
  }
}

function forgetAll() {
  for (const key of Object.keys(sessionStorage)) {
    if (key.startsWith(PREFIX)) sessionStorage.removeItem(key);
  }
}

// Quick exit: the button, or Shift pressed three times within a second. The chat is ended (keepalive, so the request
// outlives the page), this tab's chat data is removed and the page is replaced in history by the exit address.
function quickExit() {
  const token = stored("token", null);
  if (token) {
    try {
      fetch("/chat/end", {
        method: "POST", keepalive: true, credentials: "omit",
        headers: { "Content-Type": "application/json", "X-Chat-Token": token },
        body: JSON.stringify({ keep: document.querySelector("[data-chat-keep]")?.checked === true }),
      }).catch(() => {});
    } catch { /* leaving matters more */ }
  }
  forgetAll();
  const log = document.querySelector("[data-chat-log]");
  if (log) log.textContent = "";
  document.body.hidden = true;
  location.replace(exitButton?.dataset.exitUrl || "https://www.google.com/");
}

if (exitButton) {
  exitButton.addEventListener("click", quickExit);
  let presses = [];
  document.addEventListener("keydown", (event) => {
    // Only Shift on its own counts: typing capitals (Shift then a letter) starts the count again.
    if (event.key !== "Shift") {
      presses = [];
      return;
    }
    if (event.repeat) return;
    const now = performance.now();
    presses = presses.filter((t) => now - t < 1000);
    presses.push(now);
    if (presses.length >= 3) {
      presses = [];
      quickExit();
    }
  });
}

if (chat) setUpChat();

function setUpChat() {
  chat.hidden = false;
  const lang = chat.dataset.lang;
  const log = chat.querySelector("[data-chat-log]");
  const form = chat.querySelector("[data-chat-form]");
  const textarea = chat.querySelector("[data-chat-text]");
  const error = chat.querySelector("[data-chat-error]");
  const group = chat.querySelector("[data-chat-group]");
  const keep = chat.querySelector("[data-chat-keep]");
  const status = chat.querySelector("[data-chat-status]");
  const outOfHours = chat.querySelector("[data-chat-ooh]");
  const endButton = chat.querySelector("[data-chat-end]");
  let messages = [];
  store("messages", null); // what an earlier version kept in the tab
  let streaming = null;
  let ended = false;

  keep.checked = stored("keep", false) === true;
  keep.addEventListener("change", () => store("keep", keep.checked ? true : null));
  if (stored("ooh", false)) outOfHours.hidden = false;
  if (stored("token", null)) connect();

  function render(m) {
    const item = document.createElement("p");
    item.className = "app-chat-msg " + (m.fromVisitor ? "app-chat-msg--visitor" : "app-chat-msg--helpline");
    item.dataset.seq = m.seq;
    const who = document.createElement("span");
    who.className = "app-chat-msg__who";
    who.textContent = m.fromVisitor ? chat.dataset.textYou : chat.dataset.textHelpline;
    item.append(who, document.createTextNode(m.text));
    log.append(item);
    log.scrollTop = log.scrollHeight;
  }

  function lastSeq() {
    return messages.reduce((max, m) => Math.max(max, m.seq), 0);
  }

  function accept(list) {
    for (const m of list) {
      if (messages.some((x) => x.seq === m.seq)) continue;
      messages.push(m);
      render(m);
    }
    messages.sort((a, b) => a.seq - b.seq);
  }

  function showState(view) {
    if (view.outOfHours) {
      outOfHours.hidden = false;
      store("ooh", true);
    }
    if (view.ended) finish();
    else status.textContent = view.taken ? chat.dataset.textTaken : chat.dataset.textWaiting;
  }

  function headers(token) {
    const h = { "Content-Type": "application/json", "X-Chat-Lang": lang };
    if (token) h["X-Chat-Token"] = token;
    else h["X-Chat-Start"] = "1";
    return h;
  }

  function showError(message) {
    error.hidden = !message;
    error.textContent = message || "";
    group.classList.toggle("govuk-form-group--error", !!message);
    textarea.classList.toggle("govuk-textarea--error", !!message);
  }

  async function start() {
    const response = await fetch("/chat/start", { method: "POST", credentials: "omit", headers: headers(null), body: JSON.stringify({ language: lang }) });
    if (!response.ok) throw new Error(await errorOf(response));
    const started = await response.json();
    store("token", started.token);
    if (started.outOfHours) showState({ outOfHours: true, taken: false, ended: false });
    status.textContent = chat.dataset.textWaiting;
    connect();
    return started.token;
  }

  async function errorOf(response) {
    try {
      const body = await response.json();
      return body.error || chat.dataset.textFailed;
    } catch {
      return chat.dataset.textFailed;
    }
  }

  async function send() {
    const text = textarea.value.trim();
    if (!text || ended) return;
    showError(null);
    try {
      const token = stored("token", null) || await start();
      const id = crypto.randomUUID();
      const body = JSON.stringify({ clientMessageId: id, text, keep: keep.checked });
      let response;
      for (let attempt = 0; attempt < 3; attempt++) {
        try {
          response = await fetch("/chat/send", { method: "POST", credentials: "omit", headers: headers(token), body });
          break;
        } catch (e) {
          if (attempt === 2) throw e; // the same id: a retry stores the message once
        }
      }
      if (!response.ok) {
        showError(await errorOf(response));
        return;
      }
      textarea.value = "";
      await poll();
    } catch (e) {
      showError(e.message || chat.dataset.textFailed);
    }
  }

  async function poll() {
    const token = stored("token", null);
    if (!token) return;
    const response = await fetch("/chat/messages?after=" + lastSeq(), { credentials: "omit", headers: headers(token) });
    if (response.status === 404) return finish();
    if (!response.ok) return;
    const view = await response.json();
    accept(view.messages);
    showState(view);
  }

  // The live stream: server-sent events read from a fetch body. It ends after a few minutes and is opened again; when it
  // cannot be used, the page polls.
  async function connect() {
    if (streaming || ended) return;
    const token = stored("token", null);
    if (!token) return;
    streaming = new AbortController();
    try {
      const response = await fetch("/chat/stream?after=" + lastSeq(), { credentials: "omit", headers: headers(token), signal: streaming.signal });
      if (response.status === 404) return finish();
      if (!response.ok || !response.body) throw new Error("stream");
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = "";
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += value;
        let cut;
        while ((cut = buffer.indexOf("\n\n")) >= 0) {
          const block = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          const data = block.split("\n").filter((l) => l.startsWith("data:")).map((l) => l.slice(5).trimStart()).join("\n");
          if (!data) continue;
          const view = JSON.parse(data);
          accept(view.messages);
          showState(view);
        }
      }
    } catch {
      await poll().catch(() => {});
    } finally {
      streaming = null;
    }
    if (!ended) setTimeout(connect, 3000);
  }

  function finish() {
    ended = true;
    status.textContent = chat.dataset.textEnded;
    textarea.disabled = true;
    chat.querySelector("[data-chat-send]").disabled = true;
    endButton.disabled = true;
    if (streaming) streaming.abort();
    forgetAll();
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    send();
  });
  textarea.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      send();
    }
  });
  endButton.addEventListener("click", async () => {
    const token = stored("token", null);
    if (token) {
      await fetch("/chat/end", { method: "POST", credentials: "omit", headers: headers(token), body: JSON.stringify({ keep: keep.checked }) }).catch(() => {});
    }
    finish();
  });
}
