// Nudge dashboard: the only script of our own. No inline script anywhere (the CSP forbids it).
"use strict";
(function () {
  // every htmx request carries the session's CSRF token, read from <meta name="csrf-token">
  document.addEventListener("htmx:configRequest", function (e) {
    var meta = document.querySelector('meta[name="csrf-token"]');
    if (meta) e.detail.headers["X-CSRF-Token"] = meta.content;
  });

  // charts: an element with data-series='[[epoch seconds...],[values...]]' becomes a uPlot line chart
  function drawCharts() {
    if (typeof uPlot === "undefined") return;
    document.querySelectorAll("[data-series]").forEach(function (el) {
      if (el.dataset.drawn) return;
      el.dataset.drawn = "1";
      var data = JSON.parse(el.dataset.series);
      var width = Math.max(280, el.clientWidth || 600);
      new uPlot({
        width: width, height: 220,
        series: [{}, { label: el.dataset.label || "members", stroke: "#2f6fdf", width: 2, fill: "rgba(47,111,223,0.08)" }],
        axes: [{}, { size: 60 }],
        scales: { y: { range: function (u, min, max) { return [0, Math.max(1, Math.ceil(max * 1.2))]; } } },
        legend: { show: false }
      }, data, el);
    });
  }
  document.addEventListener("DOMContentLoaded", drawCharts);
  document.addEventListener("htmx:afterSettle", drawCharts);
})();
