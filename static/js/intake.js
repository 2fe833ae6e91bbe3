// Transcription page: "Effacer le brouillon" empties the text area in place (the ticked
// boxes and other fields the person already corrected stay) and puts the cursor in it.
// Without JavaScript the link reloads the page with an empty text area. No inline script.
(function () {
  "use strict";
  var links = document.querySelectorAll("[data-clear-draft]");
  Array.prototype.forEach.call(links, function (link) {
    var area = document.getElementById(link.getAttribute("data-clear-draft"));
    if (!area) { return; }
    link.addEventListener("click", function (event) {
      event.preventDefault();
      area.value = "";
      area.focus();
      link.parentNode.removeChild(link);
    });
  });
})();
