/* Concerto: a map of the points listed on the page (progressive enhancement).
 *
 * The page carries its points in <script type="application/json" id="map-data"> (no inline
 * script: the Content-Security-Policy forbids it) and an empty, hidden <div id="map"> with
 * the tiles URL, their attribution and the path of Leaflet's marker images as data-
 * attributes. Without JavaScript, or when Leaflet is missing, the list stays the content.
 */
(function () {
  "use strict";

  function start() {
    var container = document.getElementById("map");
    var data = document.getElementById("map-data");
    if (!container || !data || typeof window.L === "undefined") {
      return;
    }
    var points;
    try {
      points = JSON.parse(data.textContent || "[]");
    } catch (error) {
      return;
    }
    if (!Array.isArray(points) || points.length === 0) {
      return;
    }
    var L = window.L;
    container.hidden = false;
    L.Icon.Default.imagePath = container.getAttribute("data-icons") || "";
    // No fade: popups appear at once (readable at full contrast, kinder with reduced motion).
    var map = L.map(container, { scrollWheelZoom: false, zoomControl: false, fadeAnimation: false });
    L.control
      .zoom({
        zoomInTitle: container.getAttribute("data-zoom-in") || "Zoomer",
        zoomOutTitle: container.getAttribute("data-zoom-out") || "Dézoomer"
      })
      .addTo(map);
    // Leaflet labels its popup close button in English.
    map.on("popupopen", function (event) {
      var close = event.popup.getElement().querySelector(".leaflet-popup-close-button");
      if (close) {
        close.setAttribute("aria-label", container.getAttribute("data-close") || "Fermer");
      }
    });
    L.tileLayer(container.getAttribute("data-tiles"), {
      maxZoom: 19,
      attribution: container.getAttribute("data-attribution") || ""
    }).addTo(map);
    map.attributionControl.setPrefix(false);

    var bounds = [];
    points.forEach(function (point) {
      if (typeof point.lat !== "number" || typeof point.lng !== "number") {
        return;
      }
      var marker = L.marker([point.lat, point.lng], {
        title: point.title,
        alt: point.title,
        keyboard: true
      }).addTo(map);
      // Built with DOM nodes, never from HTML strings: titles come from users.
      var popup = document.createElement("div");
      var link = document.createElement("a");
      link.href = point.url;
      link.className = "map-popup-link";
      link.textContent = point.title;
      popup.appendChild(link);
      if (point.detail) {
        var detail = document.createElement("p");
        detail.textContent = point.detail;
        popup.appendChild(detail);
      }
      marker.bindPopup(popup);
      bounds.push([point.lat, point.lng]);
    });
    if (bounds.length === 1) {
      map.setView(bounds[0], 16);
    } else if (bounds.length > 1) {
      map.fitBounds(bounds, { padding: [24, 24], maxZoom: 16 });
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
