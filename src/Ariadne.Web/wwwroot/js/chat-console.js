// The operator's chat console: the queue and the open conversation update live from /helpline/chats/stream (server-sent
// events, cookie-authenticated); taking a chat and replying post the page's own forms with fetch. Without script, or when
// the stream cannot be used, the forms and the refresh link still work.
const root = document.querySelector("[data-chat-console]");
if (root) setUp();

function setUp() {
  const queue = root.querySelector("[data-chat-queue]");
  const waiting = root.querySelector("[data-chat-waiting]");
  const log = root.querySelector("[data-chat-log]");
  const reply = root.querySelector("[data-chat-reply]");
  const status = root.querySelector("[data-chat-status]");
  const current = root.dataset.current || null;
  const seen = new Set([...root.querySelectorAll("[data-seq]")].map((e) => Number(e.dataset.seq)));

  function render(m) {
    if (!log || seen.has(m.seq)) return;
    seen.add(m.seq);
    const item = document.createElement("p");
    item.className = "app-chat-msg " + (m.fromVisitor ? "app-chat-msg--helpline" : "app-chat-msg--visitor");
    item.dataset.seq = m.seq;
    const who = document.createElement("span");
    who.className = "app-chat-msg__who";
    who.textContent = m.fromVisitor ? root.dataset.textVisitor : root.dataset.textYou;
    item.append(who, document.createTextNode(m.text));
    const after = [...log.children].find((e) => Number(e.dataset.seq) > m.seq);
    log.insertBefore(item, after || null);
    log.scrollTop = log.scrollHeight;
  }

  function lastSeq() {
    return seen.size ? Math.max(...seen) : 0;
  }

  async function catchUp() {
    if (!current) return;
    const response = await fetch(`?handler=Messages&id=${current}&after=${lastSeq()}`, { credentials: "same-origin", headers: { Accept: "application/json" } });
    if (!response.ok) return;
    const view = await response.json();
    view.messages.forEach(render);
    if (view.ended) ended();
  }

  function ended() {
    if (status) status.textContent = root.dataset.textEnded;
    if (reply) reply.hidden = true;
    const end = root.querySelector("[data-chat-end-form]");
    if (end) end.hidden = true;
  }

  async function refreshQueue() {
    const response = await fetch("?handler=Queue", { credentials: "same-origin", headers: { Accept: "application/json" } });
    if (!response.ok) return;
    const rows = await response.json();
    waiting.textContent = rows.length;
    const token = root.querySelector("input[name=__csrf]")?.value;
    queue.replaceChildren();
    if (rows.length === 0) {
      const li = document.createElement("li");
      li.className = "app-muted";
      li.dataset.chatNone = "";
      li.textContent = root.dataset.textNone;
      queue.append(li);
    }
    for (const row of rows) {
      const li = document.createElement("li");
      li.dataset.chatRow = row.id;
      const form = document.createElement("form");
      form.method = "post";
      form.action = `?handler=Take&id=${row.id}`;
      form.className = "app-inline-form";
      form.dataset.chatTake = "";
      if (token) {
        const hidden = document.createElement("input");
        hidden.type = "hidden";
        hidden.name = "__csrf";
        hidden.value = token;
        form.append(hidden);
      }
      const button = document.createElement("button");
      button.type = "submit";
      button.className = "govuk-button govuk-button--secondary govuk-!-margin-bottom-2";
      button.textContent = `${root.dataset.textTake}: ${row.language} — ${root.dataset.textMinutes.replace("{0}", row.waitingMinutes)}`;
      form.append(button);
      li.append(form);
      queue.append(li);
    }
  }

  async function stream() {
    try {
      const response = await fetch(root.dataset.streamUrl, { credentials: "same-origin", headers: { Accept: "text/event-stream" } });
      if (!response.ok || !response.body) throw new Error("stream");
      catchUp().catch(() => {});
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
          const event = (block.split("\n").find((l) => l.startsWith("event:")) || "event: message").slice(6).trim();
          const data = block.split("\n").filter((l) => l.startsWith("data:")).map((l) => l.slice(5).trimStart()).join("\n");
          if (!data) continue;
          const payload = JSON.parse(data);
          if (event === "queue") refreshQueue().catch(() => {});
          if (event === "chat" && payload.id === current) {
            payload.messages.forEach(render);
            if (payload.ended) ended();
          }
        }
      }
      setTimeout(stream, 1000);
    } catch {
      // No stream: refresh the page's data every 20 seconds instead.
      setTimeout(async () => {
        await refreshQueue().catch(() => {});
        await catchUp().catch(() => {});
        stream();
      }, 20000);
    }
  }

  if (reply) {
    const textarea = reply.querySelector("[data-chat-text]");
    const error = reply.querySelector("[data-chat-error]");
    const group = reply.querySelector("[data-chat-group]");
    textarea.focus();
    const send = async () => {
      const text = textarea.value.trim();
      if (!text) return;
      const data = new FormData(reply);
      data.set("clientMessageId", crypto.randomUUID());
      const response = await fetch(reply.action, { method: "POST", credentials: "same-origin", headers: { Accept: "application/json" }, body: data });
      if (response.ok) {
        textarea.value = "";
        error.hidden = true;
        group.classList.remove("govuk-form-group--error");
        await catchUp();
      } else {
        let message = "";
        try { message = (await response.json()).error; } catch { /* empty */ }
        error.textContent = message || response.statusText;
        error.hidden = false;
        group.classList.add("govuk-form-group--error");
      }
    };
    reply.addEventListener("submit", (event) => {
      event.preventDefault();
      send();
    });
    textarea.addEventListener("keydown", (event) => {
      if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
        event.preventDefault();
        send();
      }
    });
  }

  stream();
}
