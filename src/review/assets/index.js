(function () {
  var t = document.getElementById("articles");
  if (t) {
    var body = t.tBodies[0];
    var heads = Array.prototype.slice.call(t.tHead.rows[0].cells);
    heads.forEach(function (th, c) {
      th.querySelector("button").addEventListener("click", function () {
        var dir = th.getAttribute("aria-sort") === "descending" ? 1 : -1;
        heads.forEach(function (h) { h.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", dir < 0 ? "descending" : "ascending");
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (x, y) {
          var a = x.cells[c].getAttribute("data-v"), b = y.cells[c].getAttribute("data-v");
          var na = Number(a), nb = Number(b);
          var r = (a !== "" && b !== "" && !isNaN(na) && !isNaN(nb)) ? na - nb : a.localeCompare(b);
          return dir * r || x.getAttribute("data-n") - y.getAttribute("data-n");
        });
        rows.forEach(function (r) { body.appendChild(r); });
      });
    });
  }
  document.body.setAttribute("data-ready", "1");
})();
