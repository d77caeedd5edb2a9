(function () {
  var d = document;
  function all(sel) { return Array.prototype.slice.call(d.querySelectorAll(sel)); }
  function mark(sel, on) { all(sel).forEach(function (e) { e.classList.toggle("hl", on); }); }
  function hover(el, sel) {
    el.addEventListener("mouseenter", function () { mark(sel, true); });
    el.addEventListener("mouseleave", function () { mark(sel, false); });
  }
  all(".q[data-q]").forEach(function (q) {
    var s = q.getAttribute("data-s");
    var sel = '[data-q="' + q.getAttribute("data-q") + '"]';
    if (s !== null) {
      var first = d.getElementById("s" + s);
      if (first) { q.setAttribute("aria-describedby", first.id); }
      all('.spk[data-s="' + s + '"]').forEach(function (e) { e.classList.add("linked"); });
      sel += ',.spk[data-s="' + s + '"]';
    }
    hover(q, sel);
  });
  all(".spk[data-s]").forEach(function (s) {
    var sel = '.spk[data-s="' + s.getAttribute("data-s") + '"]';
    (s.getAttribute("data-quotes") || "").split(" ").forEach(function (n) {
      if (n) { sel += ',.q[data-q="' + n + '"]'; }
    });
    hover(s, sel);
  });
  d.body.setAttribute("data-ready", "1");
})();
