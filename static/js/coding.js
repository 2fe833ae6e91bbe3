// Coding page: selecting text in an answer fills that answer's coding form (the excerpt
// and its character offsets). Without JavaScript, the analyst picks a passage or pastes
// the excerpt; the server finds its offsets. No inline script (CSP).
(function () {
  "use strict";
  var texts = document.querySelectorAll("[data-coding-text]");
  if (!texts.length || !window.getSelection) { return; }

  function formFor(answerId) {
    return document.querySelector('[data-coding-form="' + answerId + '"]');
  }

  function field(form, name) {
    return form.querySelector('[name$="-' + name + '"]');
  }

  function status(form) {
    var node = form.querySelector(".syn-selection");
    if (!node) {
      node = document.createElement("p");
      node.className = "syn-selection";
      node.setAttribute("aria-live", "polite");
      var excerpt = field(form, "excerpt");
      excerpt.parentNode.insertBefore(node, excerpt.parentNode.firstChild);
    }
    return node;
  }

  function fill(root) {
    var selection = window.getSelection();
    if (!selection || selection.rangeCount === 0 || selection.isCollapsed) { return; }
    var range = selection.getRangeAt(0);
    if (!root.contains(range.startContainer) || !root.contains(range.endContainer)) { return; }
    var form = formFor(root.getAttribute("data-coding-text"));
    if (!form) { return; }
    var before = document.createRange();
    before.setStart(root, 0);
    before.setEnd(range.startContainer, range.startOffset);
    var text = range.toString();
    // Trim the selection's surrounding spaces, keeping the offsets right.
    var lead = text.length - text.replace(/^\s+/, "").length;
    var core = text.trim();
    if (!core) { return; }
    var start = before.toString().length + lead;
    field(form, "excerpt").value = core;
    field(form, "start").value = String(start);
    field(form, "end").value = String(start + core.length);
    var passage = field(form, "passage");
    if (passage) { passage.value = ""; }
    // The sentence is translated in the template (data-selected).
    var sentence = form.getAttribute("data-selected") || "Extrait sélectionné ({count} caractères) : il sera codé.";
    status(form).textContent = sentence.replace("{count}", String(core.length));
  }

  Array.prototype.forEach.call(texts, function (root) {
    root.addEventListener("mouseup", function () { fill(root); });
    root.addEventListener("keyup", function () { fill(root); });
    root.addEventListener("touchend", function () { fill(root); });
  });

  Array.prototype.forEach.call(document.querySelectorAll("[data-coding-form]"), function (form) {
    var excerpt = field(form, "excerpt");
    var passage = field(form, "passage");
    function clearOffsets() {
      field(form, "start").value = "";
      field(form, "end").value = "";
    }
    if (excerpt) { excerpt.addEventListener("input", clearOffsets); }
    if (passage) {
      passage.addEventListener("change", function () {
        if (passage.value) { excerpt.value = ""; clearOffsets(); }
      });
    }
  });
})();
