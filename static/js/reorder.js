// Adds "Move up" / "Move down" buttons to a list whose rows carry a position
// input ([data-reorder] > [data-row] with [data-order]). Without JavaScript the
// position numbers do the same job.
(function () {
  "use strict";

  function renumber(list) {
    list.querySelectorAll("[data-row]").forEach(function (row, index) {
      var order = row.querySelector("[data-order]");
      if (order) { order.value = String(index + 1); }
    });
  }

  function button(label, onClick) {
    var b = document.createElement("button");
    b.type = "button";
    b.className = "btn btn-outline-secondary btn-sm";
    b.textContent = label;
    b.addEventListener("click", onClick);
    return b;
  }

  document.querySelectorAll("[data-reorder]").forEach(function (list) {
    list.querySelectorAll("[data-row]").forEach(function (row, index) {
      var holder = row.querySelector("[data-order]").parentElement;
      var up = button("↑", function () {
        var previous = row.previousElementSibling;
        if (previous) { list.insertBefore(row, previous); renumber(list); up.focus(); }
      });
      var down = button("↓", function () {
        var next = row.nextElementSibling;
        if (next) { list.insertBefore(next, row); renumber(list); down.focus(); }
      });
      // The labels come translated from the page; the row's own label names it.
      up.setAttribute("aria-label", list.dataset.upLabel + " (" + (index + 1) + ")");
      down.setAttribute("aria-label", list.dataset.downLabel + " (" + (index + 1) + ")");
      holder.classList.add("d-flex", "gap-1");
      holder.appendChild(up);
      holder.appendChild(down);
    });
    renumber(list);
  });
})();
