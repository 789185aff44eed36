"""The page's CSS and its few lines of script, inlined so the file needs nothing else to open."""

from __future__ import annotations

# No network, ever: the policy forbids every fetch, so a stray URL in the data cannot load anything either.
CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:"

CSS = """
:root { --ink: #1d3557; --muted: #5c677d; --line: #d8dee9; --accent: #457b9d; --paper: #fff; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", "Noto Sans", sans-serif;
       color: var(--ink); background: #f6f8fb; }
main { max-width: 1100px; margin: 0 auto; padding: 1rem; }
header.page { background: var(--ink); color: #fff; padding: 1.5rem 1rem; }
header.page h1 { margin: 0 auto; max-width: 1100px; font-size: 1.6rem; }
header.page p { margin: .25rem auto 0; max-width: 1100px; opacity: .85; }
section { background: var(--paper); border: 1px solid var(--line); border-radius: 8px;
          padding: 1rem; margin: 1rem 0; break-inside: avoid; }
h2 { margin: 0 0 .75rem; font-size: 1.25rem; }
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(150px, 1fr)); gap: .75rem; }
.card { border: 1px solid var(--line); border-radius: 6px; padding: .75rem; }
.card .value { font-size: 1.6rem; font-weight: 700; display: block; }
.card .label { color: var(--muted); font-size: .9rem; }
.chart { width: 100%; height: auto; display: block; }
.chart .axis { stroke: #555; }
.chart .line { fill: none; stroke: var(--ink); stroke-width: 2; }
.chart text { font-size: 12px; fill: var(--muted); }
.chart .band-label { font-size: 12px; font-weight: 600; }
.chart .bar-label, .chart .bar-value { fill: var(--ink); font-size: 13px; }
.two { display: grid; grid-template-columns: repeat(auto-fit, minmax(320px, 1fr)); gap: 1rem; }
.scroll { overflow-x: auto; }
.wide { min-width: 560px; }
table { border-collapse: collapse; width: 100%; font-size: .92rem; }
th, td { text-align: left; padding: .35rem .5rem; border-bottom: 1px solid var(--line); vertical-align: top; }
th { background: #eef2f7; }
td.num, th.num { text-align: right; white-space: nowrap; }
details { margin: .5rem 0; }
summary { cursor: pointer; font-weight: 600; }
.muted { color: var(--muted); }
.problems li { color: #8a5300; }
footer { color: var(--muted); font-size: .85rem; text-align: center; padding: 1rem; }
@media (max-width: 600px) {
  body { font-size: 15px; }
  main { padding: .5rem; }
  section { padding: .75rem; }
  header.page h1 { font-size: 1.25rem; }
}
@media print {
  body { background: #fff; font-size: 11pt; }
  header.page { background: none; color: #000; border-bottom: 2px solid #000; }
  section { border: none; padding: 0; margin: 0 0 1.2rem; }
  .scroll { overflow: visible; }
  .wide { min-width: 0; }
  summary { list-style: none; }
  a { color: inherit; text-decoration: none; }
  footer { display: none; }
}
"""

# Printing shows what is folded away, and the page says when it has laid out its charts.
SCRIPT = """
(function () {
  function unfold() { document.querySelectorAll("details").forEach(function (d) { d.open = true; }); }
  window.addEventListener("beforeprint", unfold);
  if (window.matchMedia) {
    var print = window.matchMedia("print");
    if (print.addEventListener) { print.addEventListener("change", function (e) { if (e.matches) { unfold(); } }); }
  }
  function drawn() {
    var charts = document.querySelectorAll("svg.chart");
    var ok = Array.prototype.every.call(charts, function (svg) {
      var box = svg.getBoundingClientRect();
      return box.width > 0 && box.height > 0;
    });
    document.documentElement.setAttribute("data-charts", ok ? String(charts.length) : "failed");
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", drawn); } else { drawn(); }
})();
"""
