/* Draws the dashboard's charts with the vendored Chart.js (no inline script: the data comes from
   the page's json_script element). Each chart also has a table and a CSV link in the page. */
(function () {
  "use strict";
  // Wagtail's admin loads extra scripts before the page's content: draw once the page is parsed.
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", draw);
  } else {
    draw();
  }

  function draw() {
    var source = document.getElementById("helix-dashboard-charts");
    if (!source || typeof window.Chart === "undefined") {
      return;
    }
    var charts = JSON.parse(source.textContent);
    var root = document.documentElement;
    var rtl = root.dir === "rtl";
    var locale = root.lang || undefined;
    var calm = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;

    charts.forEach(function (figure) {
      var canvas = document.querySelector('canvas[data-chart="' + figure.key + '"]');
      if (!canvas) {
        return;
      }
      var stacked = figure.kind === "stacked";
      var type = stacked ? "bar" : figure.kind;
      var axes = type === "doughnut" ? {} : {
        x: { stacked: stacked, reverse: rtl },
        y: { stacked: stacked, beginAtZero: true, position: rtl ? "right" : "left", ticks: { precision: 0 } }
      };
      new window.Chart(canvas, {
        type: type,
        data: {
          labels: figure.labels,
          datasets: figure.series.map(function (item) {
            return { label: item.label, data: item.data };
          })
        },
        options: {
          locale: locale,
          animation: calm ? false : undefined,
          maintainAspectRatio: false,
          scales: axes,
          plugins: {
            legend: { rtl: rtl, display: figure.series.length > 1 || type === "doughnut" },
            tooltip: { rtl: rtl }
          }
        }
      });
    });
  }
})();
