// Ariadne — the only script: progressive enhancement, no inline handlers (CSP script-src 'self').
"use strict";

document.addEventListener("DOMContentLoaded", () => {
  // Move focus to the error summary so that screen-reader and keyboard users meet it first.
  const summary = document.querySelector("[data-autofocus]");
  if (summary) summary.focus();

  setUpPasskeySignIn();
  setUpPasskeyCreation();
});

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
