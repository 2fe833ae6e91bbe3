// Voicemail review: turn the segment timestamps into buttons that move the player.
// Without JavaScript the timestamps stay plain text. No inline script (CSP).
(function () {
  "use strict";
  var player = document.getElementById("voicemail-player");
  if (!player) { return; }
  var stamps = document.querySelectorAll("[data-seek]");
  Array.prototype.forEach.call(stamps, function (stamp) {
    var link = document.createElement("a");
    link.href = "#voicemail-player";
    link.textContent = stamp.textContent;
    // The label is translated in the template (data-seek-label).
    var label = player.getAttribute("data-seek-label") || "Écouter à partir de";
    link.setAttribute("aria-label", label + " " + stamp.textContent);
    link.addEventListener("click", function (event) {
      event.preventDefault();
      player.currentTime = parseFloat(stamp.getAttribute("data-seek")) || 0;
      player.play();
    });
    stamp.textContent = "";
    stamp.appendChild(link);
  });
})();
