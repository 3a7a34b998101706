// Ticks an action done or open without reloading the page. Without
// JavaScript the same form posts and the page reloads.
(function () {
  "use strict";
  document.querySelectorAll("[data-action-toggle]").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var button = form.querySelector("button");
      var done = form.querySelector("input[name=done]");
      button.disabled = true;
      fetch(form.action, {
        method: "POST",
        body: new FormData(form),
        headers: { "Accept": "application/json" },
        credentials: "same-origin"
      }).then(function (response) {
        if (!response.ok) { throw new Error(String(response.status)); }
        return response.json();
      }).then(function (result) {
        var row = form.closest(".action-row");
        row.classList.toggle("is-done", result.done);
        done.value = result.done ? "0" : "1";
        button.setAttribute("aria-pressed", result.done ? "true" : "false");
        button.setAttribute("aria-label", result.done ? button.dataset.labelDone : button.dataset.labelOpen);
      }).catch(function () {
        form.submit();  // Fall back to a normal post, which shows any problem.
      }).finally(function () {
        button.disabled = false;
      });
    });
  });
})();
