// Ticks an action done or open without reloading the page. Without
// JavaScript the same button posts the goals page's shared form to its own
// address (formaction) and the page reloads.
(function () {
  "use strict";
  document.querySelectorAll("[data-action-toggle]").forEach(function (button) {
    button.addEventListener("click", function (event) {
      event.preventDefault();
      var form = button.form;
      var body = new FormData(form);
      body.append(button.name, button.value);
      button.disabled = true;
      fetch(button.formAction, {
        method: "POST",
        body: body,
        headers: { "Accept": "application/json" },
        credentials: "same-origin"
      }).then(function (response) {
        if (!response.ok) { throw new Error(String(response.status)); }
        return response.json();
      }).then(function (result) {
        button.closest(".action-row").classList.toggle("is-done", result.done);
        button.value = result.done ? "0" : "1";
        button.setAttribute("aria-pressed", result.done ? "true" : "false");
        button.disabled = false;
      }).catch(function () {
        button.disabled = false;
        form.requestSubmit(button);  // A normal post, which shows any problem.
      });
    });
  });
})();
