// Analyses page: while an analysis is queued or running, fetch the page again every few
// seconds and replace the state table (or reload once it is finished). Without
// JavaScript, the "Rafraîchir" link does the same. No inline script (CSP).
(function () {
  "use strict";
  var busy = document.querySelector("[data-runs-busy]");
  if (!busy || !window.fetch || !window.DOMParser) { return; }
  var delay = (parseInt(busy.getAttribute("data-runs-busy"), 10) || 5) * 1000;
  function poll() {
    fetch(window.location.href, { credentials: "same-origin", headers: { "X-Requested-With": "fetch" } })
      .then(function (response) { return response.ok ? response.text() : null; })
      .then(function (html) {
        if (!html) { return; }
        var fresh = new DOMParser().parseFromString(html, "text/html").getElementById("analyses");
        var current = document.getElementById("analyses");
        if (!fresh || !current) { return; }
        if (!fresh.hasAttribute("data-runs-busy")) { window.location.reload(); return; }
        current.innerHTML = fresh.innerHTML;
        window.setTimeout(poll, delay);
      })
      .catch(function () { window.setTimeout(poll, delay * 3); });
  }
  window.setTimeout(poll, delay);
})();
