/* Leaflet maps of the analyst pages: clustered circle markers from a JSON script element, over offline country
   outlines (static/kb/basemap) and, when KB_MAP_TILES is set, a tile layer.
   Markers are vector circles, so they show even when no tile (and no marker image) can load.
   A map with data-bbox-form narrows that form's results to an area: shift-drag a box, or "Filter to this view". */
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

  var basemap = null;  // one fetch of the outlines per page, shared by its maps

  function addBasemap(map) {
    var meta = document.querySelector('meta[name="kb-basemap"]');
    if (!meta || !window.fetch) {
      return;
    }
    basemap = basemap || fetch(meta.content).then(function (response) { return response.json(); });
    basemap.then(function (outlines) {
      var layer = L.geoJSON(outlines, {
        style: { color: "#94a3b8", weight: 0.8, fillColor: "#e2e8f0", fillOpacity: 1 }, interactive: false,
      });
      layer.addTo(map);
      layer.bringToBack();
    }).catch(function () { /* the markers still show on a plain background */ });
  }

  function bboxText(bounds) {
    return [bounds.getWest(), bounds.getSouth(), bounds.getEast(), bounds.getNorth()].map(function (value) {
      return Math.max(-180, Math.min(180, value)).toFixed(3);
    }).join(",");
  }

  function enableAreaFilter(map, element) {
    var form = document.getElementById(element.dataset.bboxForm);
    if (!form) {
      return;
    }
    var field = form.querySelector('input[name="bbox"]');
    function filterTo(bounds) {
      field.value = bboxText(bounds);
      form.submit();
    }
    map.on("boxzoomend", function (event) { filterTo(event.boxZoomBounds); });
    var button = document.querySelector('[data-bbox-from="' + element.id + '"]');
    if (button) {
      button.hidden = false;
      button.addEventListener("click", function () { filterTo(map.getBounds()); });
    }
  }

  function initMap(element) {
    var data = document.getElementById(element.dataset.markers);
    var markers = data ? JSON.parse(data.textContent) : [];
    var note = element.parentElement.querySelector("[data-map-note]");
    // maxZoom on the map itself: with no tile layer (the offline default) nothing else sets it, and clustering needs it.
    var map = L.map(element, { scrollWheelZoom: false, maxZoom: 18 });
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
    addBasemap(map);
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
    enableAreaFilter(map, element);
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
