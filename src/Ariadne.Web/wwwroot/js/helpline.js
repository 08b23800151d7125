// The helpline operator's keyboard and live queue. Loaded for helpline staff only.
// - N, from any page (outside a text field): a new contact opens (the form in the layout posts).
// - On the console, S, H, A, O log a silent, hang-up, abusive or out-of-scope contact in one keystroke.
// - The console's table updates itself: server-sent events say when the queue changed (counts only),
//   then the rows are fetched again; without the stream the page polls every 30 seconds.
function isTyping(target) {
  if (!target) return false;
  const tag = target.tagName;
  return target.isContentEditable || tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT";
}

document.addEventListener("keydown", (event) => {
  if (event.ctrlKey || event.metaKey || event.altKey || event.repeat || isTyping(event.target)) return;
  const key = event.key.toLowerCase();
  const onPage = document.querySelector(`[data-helpline-console] [data-hotkey="${key}"]`);
  if (onPage) { event.preventDefault(); onPage.click(); return; }
  if (key === "n") {
    const form = document.getElementById("helpline-new-contact");
    if (form) { event.preventDefault(); form.requestSubmit(); }
  }
});

function setUpQueue() {
  const queue = document.querySelector("[data-queue]");
  if (!queue) return;
  const rows = queue.querySelector("[data-queue-rows]");
  const status = queue.querySelector("[data-queue-status]");
  const waitingText = queue.dataset.waitingText || "";
  let polling = null;

  async function refresh() {
    const response = await fetch(queue.dataset.rowsUrl, { credentials: "same-origin", headers: { "Accept": "text/html" } });
    if (!response.ok) return;
    rows.innerHTML = await response.text();
    const empty = queue.querySelector("[data-queue-empty]");
    if (empty) empty.hidden = rows.children.length > 0;
  }

  function startPolling() {
    if (polling) return;
    polling = setInterval(refresh, 30000);
  }

  if (!window.EventSource) { startPolling(); return; }
  const source = new EventSource(queue.dataset.eventsUrl);
  let failures = 0;
  let first = true;
  source.addEventListener("queue", async (event) => {
    failures = 0;
    const state = JSON.parse(event.data);
    status.textContent = waitingText.replace("{0}", state.waiting);
    if (!first) await refresh();
    first = false;
    queue.dataset.live = "on";
  });
  source.addEventListener("error", () => {
    failures += 1;
    if (failures >= 3) { source.close(); startPolling(); }
  });
}

if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setUpQueue);
else setUpQueue();
