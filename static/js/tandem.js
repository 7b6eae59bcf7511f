/* Tandem's page behaviour, kept small and without inline code (the Content-Security-Policy
   forbids it): ask before leaving typed work unsaved, bring a refused form's errors into
   view, let Enter press the button meant for it, and fold the navigation into one menu on
   narrow screens. */
(function () {
  "use strict";

  // --- Nothing typed is lost without a word -------------------------------------------
  const dirty = new Set();
  const tracked = (form) => form.method && form.method.toLowerCase() === "post" && !form.hasAttribute("data-no-guard");

  document.addEventListener("input", (event) => {
    const form = event.target.form;
    if (form && tracked(form)) dirty.add(form);
  });
  document.addEventListener("submit", (event) => dirty.delete(event.target));
  // A form htmx saved (or swapped away) no longer holds unsaved work.
  document.addEventListener("htmx:afterRequest", (event) => {
    const form = event.detail.elt && event.detail.elt.closest ? event.detail.elt.closest("form") : null;
    if (form && event.detail.successful) dirty.delete(form);
  });
  document.addEventListener("htmx:afterSwap", () => {
    for (const form of Array.from(dirty)) if (!document.contains(form)) dirty.delete(form);
  });
  window.addEventListener("beforeunload", (event) => {
    if (dirty.size) {
      event.preventDefault();
      event.returnValue = "";
    }
  });

  // --- A refused form: its error summary takes the focus --------------------------------
  function focusErrors(root) {
    const summary = root.querySelector(".error-summary");
    if (summary) {
      summary.focus();
      summary.scrollIntoView({ block: "start" });
    }
  }
  document.addEventListener("DOMContentLoaded", () => focusErrors(document));
  document.addEventListener("htmx:afterSwap", (event) => focusErrors(event.detail.target.parentNode || document));

  // --- Enter presses the button meant for it -------------------------------------------
  // A browser submits a form on Enter with its first button; a form with several names the
  // one Enter means: a group's own (data-enter-presses: the finder's "Find"), else the
  // form's main act (data-default), never "Add another" because it comes first.
  const TYPED = new Set(["text", "search", "email", "tel", "url", "number", "date", "time", "datetime-local", "password"]);
  document.addEventListener("keydown", (event) => {
    const field = event.target;
    if (event.key !== "Enter" || !(field instanceof HTMLInputElement) || !TYPED.has(field.type) || !field.form) return;
    const group = field.closest("[data-enter-presses]");
    const button = group ? group.querySelector(group.dataset.enterPresses) : field.form.querySelector("button[data-default]");
    if (!button) return;
    event.preventDefault();
    field.form.requestSubmit(button);
  });

  // --- The navigation folds into one menu on narrow screens ----------------------------
  document.addEventListener("DOMContentLoaded", () => {
    const button = document.querySelector(".menu-toggle");
    const nav = document.getElementById("main-nav");
    if (!button || !nav) return;
    button.hidden = false;
    nav.classList.add("folding");
    button.addEventListener("click", () => {
      const open = button.getAttribute("aria-expanded") === "true";
      button.setAttribute("aria-expanded", String(!open));
      nav.classList.toggle("open", !open);
    });
  });

  // --- A button copies a field's text (the calendar feed's address) ---------------------
  document.addEventListener("DOMContentLoaded", () => {
    document.querySelectorAll("button[data-copy]").forEach((button) => {
      const field = document.getElementById(button.dataset.copy);
      const status = document.querySelector(`[data-copy-status="${button.dataset.copy}"]`);
      if (!field || !navigator.clipboard) return; // without a clipboard, the field is there to select
      button.hidden = false;
      button.addEventListener("click", async () => {
        await navigator.clipboard.writeText(field.value);
        if (status) status.textContent = button.dataset.copied;
      });
    });
  });
})();
