/* Leaflet maps of the analyst pages: clustered circle markers from a JSON script element.
   Markers are vector circles, so they show even when no tile (and no marker image) can load. */
(function () {
  "use strict";

  function escapeText(text) {
    var div = document.createElement("div");
    div.textContent = String(text);
    return div.innerHTML;
  }

  function popupHtml(marker) {
    var html = "<strong>" + escapeText(marker.name) + "</strong>";
    if (marker.count !== undefined) {
      html += "<br>" + escapeText(marker.count) + " incident" + (marker.count === 1 ? "" : "s");
    }
    if (marker.url) {
      html += '<br><a href="' + escapeText(marker.url) + '">' + (marker.count !== undefined ? "Show these incidents" : "Open place") + "</a>";
    }
    return html;
  }

  function initMap(element) {
    var data = document.getElementById(element.dataset.markers);
    var markers = data ? JSON.parse(data.textContent) : [];
    var note = element.parentElement.querySelector("[data-map-note]");
    var map = L.map(element, { scrollWheelZoom: false });
    var tilesMeta = document.querySelector('meta[name="kb-map-tiles"]');
    var failedTiles = 0;
    if (tilesMeta && tilesMeta.content) {
      var tiles = L.tileLayer(tilesMeta.content, { maxZoom: 18, attribution: "&copy; OpenStreetMap contributors" });
      tiles.on("tileerror", function () {
        failedTiles += 1;
        if (failedTiles === 1 && note) {
          note.textContent += " Map tiles could not be loaded (offline?); the markers are shown on a plain background.";
        }
      });
      tiles.addTo(map);
    }
    var group = element.dataset.cluster === "false" ? L.featureGroup() : L.markerClusterGroup({ showCoverageOnHover: false, maxClusterRadius: 40 });
    markers.forEach(function (marker) {
      var circle = L.circleMarker([marker.lat, marker.lon], {
        radius: 8, color: "#1e3a8a", weight: 2, fillColor: "#3b82f6", fillOpacity: 0.85,
      });
      circle.bindPopup(popupHtml(marker));
      circle.bindTooltip(escapeText(marker.name));
      group.addLayer(circle);
    });
    group.addTo(map);
    if (markers.length) {
      map.fitBounds(group.getBounds(), { padding: [30, 30], maxZoom: 9, animate: false });
    } else {
      map.setView([35.0, 40.0], 3);
    }
    element.dataset.ready = "true";
    element.dataset.markerCount = String(markers.length);
  }

  function initAll() {
    if (typeof L === "undefined") {
      return;
    }
    document.querySelectorAll("[data-markers]").forEach(initMap);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", initAll);
  } else {
    initAll();
  }
})();
