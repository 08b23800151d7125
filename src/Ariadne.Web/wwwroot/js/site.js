// Ariadne's script: GOV.UK Frontend's components plus progressive enhancement, no inline handlers
// (CSP script-src 'self'). A module, so it runs after the document is parsed.
import { initAll } from "../lib/govuk-frontend.min.js";

document.body.classList.add("govuk-frontend-supported");
initAll();
labelTableCells(document);
enhancePicks(document);

// A long list of coded values (countries, languages) becomes GOV.UK's accessible autocomplete:
// type part of the name; the select underneath still carries the code.
function enhancePicks(root) {
  if (!window.accessibleAutocomplete) return;
  for (const select of root.querySelectorAll("select[data-autocomplete]")) {
    window.accessibleAutocomplete.enhanceSelectElement({
      selectElement: select,
      defaultValue: "",
      showAllValues: true,
      dropdownArrow: () => "",
      tNoResults: () => select.dataset.noResults,
      tStatusResults: (count) => select.dataset.statusResults.replace("{0}", count),
    });
  }
}

// On a phone, tables show as cards: each cell carries its column's name (see ariadne.css).
export function labelTableCells(root) {
  for (const table of root.querySelectorAll("table.govuk-table")) {
    const names = [...table.querySelectorAll("thead th")].map((th) => th.textContent.trim());
    for (const row of table.querySelectorAll("tbody tr")) {
      [...row.children].forEach((cell, i) => { if (names[i]) cell.dataset.label = names[i]; });
    }
  }
}

document.addEventListener("DOMContentLoaded", () => {
  const summary = document.querySelector("[data-autofocus]");
  if (summary) summary.focus();

  setUpPasskeySignIn();
  setUpPasskeyCreation();
  setUpDutyDesk();
});

// The duty desk's queue updates itself: server-sent events say when it changed (counts only), then
// the table body is fetched again. If the stream cannot be used, the page polls every 30 seconds.
function setUpDutyDesk() {
  const desk = document.querySelector("[data-desk]");
  if (!desk) return;
  const rows = desk.querySelector("[data-desk-rows]");
  const status = desk.querySelector("[data-desk-status]");
  const waitingText = desk.querySelector("[data-desk-waiting-text]").textContent;
  const newText = desk.querySelector("[data-desk-new-text]").textContent;
  let polling = null;
  // The open referrals this page has shown: an open row not among them is new, also when it arrived while the stream was
  // reconnecting (a new stream's first event cannot tell) or when the page only polls. (A referral that arrived and was closed
  // between two refreshes is not announced: there is nothing left to do.)
  const shown = new Set();
  const rememberRows = () => {
    let fresh = 0;
    rows.querySelectorAll("tr[data-referral][data-open]").forEach((row) => {
      if (!shown.has(row.dataset.referral)) { shown.add(row.dataset.referral); fresh += 1; }
    });
    return fresh;
  };
  rememberRows();
  // The status line: the waiting count from the last event (or as the page came), after "new" when something arrived.
  let statusText = status.textContent;

  async function refresh(announceNew) {
    const response = await fetch(desk.dataset.rowsUrl, { credentials: "same-origin", headers: { "Accept": "text/html" } });
    if (!response.ok) return;
    rows.innerHTML = await response.text();
    labelTableCells(desk);
    const empty = desk.querySelector("[data-desk-empty]");
    if (empty) empty.hidden = rows.children.length > 0;
    const fresh = rememberRows();
    status.textContent = (announceNew || fresh > 0 ? newText + " " : "") + statusText;
  }

  function startPolling() {
    if (polling) return;
    polling = setInterval(() => refresh(false), 30000);
  }

  if (!window.EventSource) { startPolling(); return; }
  const source = new EventSource(desk.dataset.eventsUrl);
  let failures = 0;
  source.addEventListener("desk", async (event) => {
    failures = 0;
    const state = JSON.parse(event.data);
    // The server counts the open referrals this stream had not seen before: new ones, whatever their keys' order.
    const isNew = state.arrived > 0;
    statusText = waitingText.replace("{0}", state.waiting);
    status.textContent = statusText;
    // An event means the queue changed (new, acknowledged, closed or made a case): fetch the table again.
    await refresh(isNew);
    desk.dataset.live = "on";
  });
  source.addEventListener("error", () => {
    failures += 1;
    if (failures >= 3) { source.close(); startPolling(); }
  });
}

function antiforgery(form) {
  const field = form.querySelector("input[name='__csrf']");
  return field ? field.value : "";
}

async function fetchOptions(url, form) {
  const body = new URLSearchParams({ __csrf: antiforgery(form) });
  const response = await fetch(url, { method: "POST", body, credentials: "same-origin" });
  if (!response.ok) throw new Error("options " + response.status);
  return response.json();
}

function setUpPasskeySignIn() {
  const section = document.querySelector("[data-passkey-signin]");
  if (!section || !window.PublicKeyCredential || !PublicKeyCredential.parseRequestOptionsFromJSON) return;
  section.hidden = false;
  const form = document.getElementById("passkey-form");
  const button = document.getElementById("passkey-button");
  const error = document.getElementById("passkey-error");
  button.addEventListener("click", async () => {
    error.hidden = true;
    try {
      const options = await fetchOptions(button.dataset.optionsUrl, form);
      const credential = await navigator.credentials.get({ publicKey: PublicKeyCredential.parseRequestOptionsFromJSON(options) });
      document.getElementById("passkey-credential").value = JSON.stringify(credential);
      form.submit();
    } catch (e) {
      error.hidden = false;
    }
  });
}

function setUpPasskeyCreation() {
  const form = document.querySelector("[data-passkey-create]");
  if (!form) return;
  if (!window.PublicKeyCredential || !PublicKeyCredential.parseCreationOptionsFromJSON) {
    form.hidden = true;
    return;
  }
  const error = document.getElementById("passkey-create-error");
  form.addEventListener("submit", async (event) => {
    const credentialField = document.getElementById("passkey-create-credential");
    if (credentialField.value) return;
    event.preventDefault();
    error.hidden = true;
    try {
      const options = await fetchOptions(form.dataset.optionsUrl, form);
      const credential = await navigator.credentials.create({ publicKey: PublicKeyCredential.parseCreationOptionsFromJSON(options) });
      credentialField.value = JSON.stringify(credential);
      form.submit();
    } catch (e) {
      error.hidden = false;
    }
  });
}
