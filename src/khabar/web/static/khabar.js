// khabar web: details of highlighted spans on hover, focus and click, and legend toggles.
// Every text shown comes from the page's JSON and is set with textContent, never as HTML.
(function () {
  "use strict";
  var data = document.getElementById("marks");
  var body = document.getElementById("body");
  var tip = document.getElementById("tip");
  if (!data || !body || !tip) { return; }
  var marks = JSON.parse(data.textContent || "{}");
  var pinned = null;

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) { node.className = cls; }
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    return node;
  }

  function render(span) {
    tip.replaceChildren();
    var keys = (span.getAttribute("data-a") || "").split(" ");
    keys.forEach(function (key) {
      var m = marks[key];
      if (!m) { return; }
      var item = el("div", "item");
      item.setAttribute("data-key", key);
      item.appendChild(el("span", "kind", m.label));
      var title = el("span", "title", m.title);
      if (m.href && m.href.charAt(0) === "/" && m.href.charAt(1) !== "/") {
        var link = el("a", null, m.title);
        link.href = m.href;
        title.replaceChildren(link);
      }
      item.appendChild(title);
      if (m.fields && m.fields.length) {
        var dl = el("dl");
        m.fields.forEach(function (f) { dl.appendChild(el("dt", null, f[0])); dl.appendChild(el("dd", null, f[1])); });
        item.appendChild(dl);
      }
      tip.appendChild(item);
    });
  }

  function place(span) {
    var r = span.getBoundingClientRect();
    tip.hidden = false;
    var w = tip.offsetWidth, h = tip.offsetHeight;
    var left = Math.min(Math.max(8, r.right - w), window.innerWidth - w - 8);
    var top = r.bottom + 6;
    if (top + h > window.innerHeight - 8) { top = Math.max(8, r.top - h - 6); }
    tip.style.left = left + "px";
    tip.style.top = top + "px";
  }

  function entityOf(span) {
    var keys = (span.getAttribute("data-a") || "").split(" ");
    for (var i = 0; i < keys.length; i++) {
      if (keys[i].charAt(0) === "e") { return keys[i].split("-")[0] + "-"; }
    }
    return null;
  }

  function markSame(span, on) {
    var prefix = entityOf(span);
    if (!prefix) { return; }
    body.querySelectorAll(".hl").forEach(function (other) {
      var hit = (other.getAttribute("data-a") || "").split(" ").some(function (k) { return k.indexOf(prefix) === 0; });
      if (hit) { other.classList.toggle("same", on); }
    });
  }

  function show(span) { render(span); place(span); markSame(span, true); }
  function hide(span) {
    if (span) { markSame(span, false); }
    if (!pinned) { tip.hidden = true; }
  }

  body.addEventListener("mouseover", function (ev) {
    var span = ev.target.closest(".hl");
    if (span && !pinned) { show(span); }
  });
  body.addEventListener("mouseout", function (ev) {
    var span = ev.target.closest(".hl");
    if (span && !span.contains(ev.relatedTarget)) { hide(span); }
  });
  body.addEventListener("focusin", function (ev) {
    var span = ev.target.closest(".hl");
    if (span && !pinned) { show(span); }
  });
  body.addEventListener("focusout", function (ev) {
    var span = ev.target.closest(".hl");
    if (span) { hide(span); }
  });
  body.addEventListener("click", function (ev) {
    var span = ev.target.closest(".hl");
    if (!span) { return; }
    ev.stopPropagation();
    if (pinned) { pinned.classList.remove("pinned-span"); }
    pinned = span;
    show(span);
    tip.classList.add("pinned");
  });
  function unpin() { pinned = null; tip.classList.remove("pinned"); tip.hidden = true; }
  document.addEventListener("click", function (ev) { if (pinned && !tip.contains(ev.target)) { unpin(); } });
  document.addEventListener("keydown", function (ev) {
    if (ev.key === "Escape") { unpin(); }
    if (ev.key === "Enter" && ev.target.classList && ev.target.classList.contains("hl")) { ev.target.click(); }
  });

  document.querySelectorAll("#legend .key").forEach(function (button) {
    button.addEventListener("click", function () {
      var kind = button.getAttribute("data-kind");
      var on = button.getAttribute("aria-pressed") !== "true";
      button.setAttribute("aria-pressed", on ? "true" : "false");
      body.classList.toggle("off-" + kind, !on);
    });
  });
}());
