namespace HyperBus.Reporting.Dashboard;

/// <summary>
/// The dashboard's script: polls the API, fills the cards and table from one trial list (so they agree) and
/// draws the charts with axes, ticks and labels: history (log scale switched on by itself when the values
/// span decades), intermediate values, and the Pareto front of a multi-objective study.
/// </summary>
public static class DashboardScript
{
    public const string Js = """
        "use strict";
        var params = new URLSearchParams(location.search);
        var chosen = params.get("study");
        var interval = Math.max(250, parseInt(params.get("interval") || "1000", 10));
        var logChoice = params.get("log") === "on" ? true : params.get("log") === "off" ? false : null; // null: automatic
        var ns = "http://www.w3.org/2000/svg";
        var select = document.getElementById("study"), logBox = document.getElementById("log-scale");
        select.addEventListener("change", function () { chosen = select.value; refresh(); });
        logBox.addEventListener("change", function () { logChoice = logBox.checked; refresh(); });
        function text(id, value) { document.getElementById(id).textContent = value; }
        function fmt(v) { return v === null || v === undefined ? "-" : Math.abs(v) >= 1e-4 && Math.abs(v) < 1e6 || v === 0 ? String(Number(Number(v).toPrecision(6))) : Number(v).toExponential(3).replace(/\.?0+e/, "e"); }
        function getJson(url) {
          return fetch(url, { cache: "no-store" }).then(function (r) { if (!r.ok) { throw new Error(url + ": HTTP " + r.status); } return r.json(); });
        }
        function showError(message) { var e = document.getElementById("error"); e.textContent = message; e.hidden = !message; }
        function refresh() {
          return getJson("api/studies").then(function (studies) {
            if (studies.length === 0) { document.body.dataset.state = "empty"; text("status", "no studies yet"); showError(""); return; }
            if (!chosen || !studies.some(function (s) { return s.id === chosen; })) {
              var running = studies.filter(function (s) { return s.status === "running"; });
              chosen = (running.length ? running[running.length - 1] : studies[studies.length - 1]).id;
            }
            select.replaceChildren.apply(select, studies.map(function (s) {
              var o = document.createElement("option"); o.value = s.id; o.textContent = s.name + " (" + s.status + ")"; o.selected = s.id === chosen; return o;
            }));
            var study = studies.filter(function (s) { return s.id === chosen; })[0];
            return getJson("api/studies/" + encodeURIComponent(study.id) + "/trials").then(function (trials) { render(study, trials); });
          }).then(function () { showError(""); text("updated", "updated " + new Date().toLocaleTimeString()); })
            .catch(function (e) { document.body.dataset.state = "error"; showError("Cannot load the dashboard data: " + e.message); });
        }
        function count(trials, state) { return trials.filter(function (t) { return t.state === state; }).length; }
        function render(study, trials) {
          // Cards from the same list as the table, so a trial that finished between two requests is counted once everywhere.
          text("trial-count", trials.length); text("completed-count", count(trials, "completed")); text("running-count", count(trials, "running"));
          text("pruned-failed", count(trials, "pruned") + " / " + count(trials, "failed")); text("best-value", fmt(study.bestValue));
          text("metric", study.metric); text("status", study.status);
          var pause = document.getElementById("pause-reason"); pause.textContent = study.pauseReason || ""; pause.hidden = !study.pauseReason;
          directions = study.directions || [study.direction];
          var names = [];
          trials.forEach(function (t) { Object.keys(t.params).forEach(function (k) { if (names.indexOf(k) < 0) { names.push(k); } }); });
          var head = document.getElementById("head");
          head.replaceChildren.apply(head, ["#", "state", study.metric, "seconds"].concat(names).map(function (n) { var th = document.createElement("th"); th.textContent = n; return th; }));
          var body = document.getElementById("trials");
          body.replaceChildren.apply(body, trials.slice().reverse().map(function (t) {
            var tr = document.createElement("tr"); tr.className = t.state + (t.number === study.bestTrial ? " best" : "");
            [t.number, t.state, fmt(t.value), fmt(t.durationSeconds)].concat(names.map(function (n) {
              var v = t.params[n]; return v === undefined ? "" : typeof v === "number" ? fmt(v) : String(v);
            })).forEach(function (v) { var td = document.createElement("td"); td.textContent = v; tr.appendChild(td); });
            return tr;
          }));
          drawHistory(study, trials); drawIntermediate(study, trials); drawPareto(study, trials);
          document.body.dataset.state = "loaded";
          document.body.dataset.trials = String(trials.length);
        }
        function el(svg, name, attrs, content) {
          var e = document.createElementNS(ns, name);
          Object.keys(attrs).forEach(function (k) { e.setAttribute(k, attrs[k]); });
          if (content !== undefined) { e.textContent = content; }
          svg.appendChild(e); return e;
        }
        function niceTicks(lo, hi) {
          var step = Math.pow(10, Math.floor(Math.log10((hi - lo) / 5))), span = (hi - lo) / step;
          step *= span > 35 ? 10 : span > 15 ? 5 : span > 7 ? 2 : 1;
          var ticks = [];
          for (var v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step) { ticks.push(Math.abs(v) < step * 1e-9 ? 0 : v); }
          return ticks;
        }
        function logTicks(lo, hi) {
          var ticks = [];
          for (var e = Math.floor(Math.log10(lo)); e <= Math.ceil(Math.log10(hi)); e++) { ticks.push(Math.pow(10, e)); }
          return ticks;
        }
        // A chart frame: axes, ticks, tick labels and axis labels; returns the x and y scales.
        function frame(svg, xs, ys, xLabel, yLabel, log) {
          var W = +svg.getAttribute("width"), H = +svg.getAttribute("height"), L = 64, R = 16, T = 12, B = 44;
          var xlo = Math.min.apply(null, xs), xhi = Math.max.apply(null, xs), ylo = Math.min.apply(null, ys), yhi = Math.max.apply(null, ys);
          if (xhi === xlo) { xlo -= 1; xhi += 1; }
          if (yhi === ylo) { ylo -= log ? ylo / 2 : 1; yhi += log ? yhi : 1; }
          var yt = log ? logTicks(ylo, yhi) : niceTicks(ylo, yhi), xt = niceTicks(xlo, xhi);
          if (log) { ylo = Math.min(ylo, yt[0]); yhi = Math.max(yhi, yt[yt.length - 1]); }
          var f = function (v) { return log ? Math.log10(v) : v; };
          var x = function (v) { return L + (W - L - R) * (v - xlo) / (xhi - xlo); };
          var y = function (v) { return H - B - (H - B - T) * (f(v) - f(ylo)) / (f(yhi) - f(ylo)); };
          el(svg, "line", { x1: L, y1: H - B, x2: W - R, y2: H - B, stroke: "#444", "class": "axis x-axis" });
          el(svg, "line", { x1: L, y1: T, x2: L, y2: H - B, stroke: "#444", "class": "axis y-axis" });
          xt.forEach(function (v) {
            if (v < xlo || v > xhi) { return; }
            el(svg, "line", { x1: x(v), y1: H - B, x2: x(v), y2: H - B + 4, stroke: "#444" });
            el(svg, "text", { x: x(v), y: H - B + 16, "font-size": 10, "text-anchor": "middle", "class": "tick x-tick" }, fmt(v));
          });
          yt.forEach(function (v) {
            if (v < ylo || v > yhi) { return; }
            el(svg, "line", { x1: L - 4, y1: y(v), x2: W - R, y2: y(v), stroke: "#eee" });
            el(svg, "text", { x: L - 6, y: y(v) + 3, "font-size": 10, "text-anchor": "end", "class": "tick y-tick" }, fmt(v));
          });
          el(svg, "text", { x: (L + W - R) / 2, y: H - 8, "font-size": 12, "text-anchor": "middle", "class": "axis-label" }, xLabel);
          el(svg, "text", { x: 14, y: (T + H - B) / 2, "font-size": 12, "text-anchor": "middle", transform: "rotate(-90 14 " + (T + H - B) / 2 + ")", "class": "axis-label" }, yLabel + (log ? " (log)" : ""));
          return { x: x, y: y, top: T, bottom: H - B };
        }
        function useLog(values) {
          var positive = values.length > 1 && values.every(function (v) { return v > 0; });
          var auto = positive && Math.max.apply(null, values) / Math.min.apply(null, values) >= 100; // two decades or more
          var log = positive && (logChoice === null ? auto : logChoice);
          logBox.checked = log; logBox.disabled = !positive;
          return log;
        }
        function drawHistory(study, trials) {
          var svg = document.getElementById("history");
          svg.replaceChildren();
          var valued = trials.filter(function (t) { return (t.state === "completed" || t.state === "pruned") && t.value !== null && t.value !== undefined; });
          if (valued.length === 0) { return; }
          var values = valued.map(function (t) { return t.value; });
          var log = useLog(values);
          svg.dataset.scale = log ? "log" : "linear";
          var s = frame(svg, trials.map(function (t) { return t.number; }), values, "trial number", study.metric, log);
          var best = null, path = [];
          valued.forEach(function (t) {
            var pruned = t.state === "pruned";
            el(svg, "circle", { cx: s.x(t.number), cy: s.y(t.value), r: 3, fill: pruned ? "#f0a030" : "steelblue", "class": "point " + t.state });
            if (!pruned) {
              best = best === null ? t.value : study.direction === "maximize" ? Math.max(best, t.value) : Math.min(best, t.value);
              path.push((path.length ? "L" : "M") + s.x(t.number) + " " + s.y(best));
            }
          });
          trials.filter(function (t) { return t.state === "failed"; }).forEach(function (t) {
            el(svg, "text", { x: s.x(t.number), y: s.bottom - 2, "font-size": 12, fill: "crimson", "text-anchor": "middle", "class": "point failed" }, "\u00d7");
          });
          if (path.length) { el(svg, "path", { d: path.join(" "), stroke: "orangered", fill: "none", "stroke-width": 2 }); }
        }
        function drawIntermediate(study, trials) {
          var svg = document.getElementById("intermediate"), box = document.getElementById("intermediate-view");
          svg.replaceChildren();
          var reported = trials.filter(function (t) { return t.reports && t.reports.some(function (r) { return r.value !== null; }); });
          box.hidden = reported.length === 0;
          if (reported.length === 0) { return; }
          var points = [];
          reported.forEach(function (t) { t.reports.forEach(function (r) { if (r.value !== null) { points.push(r); } }); });
          var s = frame(svg, points.map(function (r) { return r.step; }), points.map(function (r) { return r.value; }), "step", study.metric, false);
          reported.forEach(function (t) {
            var d = t.reports.filter(function (r) { return r.value !== null; }).map(function (r, i) { return (i ? "L" : "M") + s.x(r.step) + " " + s.y(r.value); }).join(" ");
            el(svg, "path", { d: d, fill: "none", stroke: t.state === "pruned" ? "crimson" : "steelblue", "stroke-opacity": 0.6, "class": "curve " + t.state });
          });
        }
        function drawPareto(study, trials) {
          var svg = document.getElementById("pareto"), box = document.getElementById("pareto-view");
          svg.replaceChildren();
          var multi = trials.filter(function (t) { return t.state === "completed" && t.values && t.values.length >= 2; });
          box.hidden = multi.length === 0;
          if (multi.length === 0) { return; }
          var front = multi.filter(function (a) {
            return !multi.some(function (b) { return b !== a && dominates(b.values, a.values); });
          }).sort(function (a, b) { return a.values[0] - b.values[0]; });
          var label = function (i) { return ((study.objectives || [])[i] || "objective " + (i + 1)) + " (" + (directions[i] || "minimize") + ")"; };
          var s = frame(svg, multi.map(function (t) { return t.values[0]; }), multi.map(function (t) { return t.values[1]; }), label(0), label(1), false);
          multi.forEach(function (t) { el(svg, "circle", { cx: s.x(t.values[0]), cy: s.y(t.values[1]), r: 3, fill: "#bbb", "class": "point completed" }); });
          el(svg, "path", { d: front.map(function (t, i) { return (i ? "L" : "M") + s.x(t.values[0]) + " " + s.y(t.values[1]); }).join(" "), stroke: "crimson", fill: "none" });
          front.forEach(function (t) { el(svg, "circle", { cx: s.x(t.values[0]), cy: s.y(t.values[1]), r: 4, fill: "crimson", "class": "front" }); });
        }
        var directions = [];
        function dominates(a, b) {
          // Minimising by default; a study's directions flip the comparison per objective.
          var better = false;
          for (var i = 0; i < a.length; i++) {
            var sign = directions[i] === "maximize" ? -1 : 1, d = sign * (a[i] - b[i]);
            if (d > 0) { return false; } if (d < 0) { better = true; }
          }
          return better;
        }
        refresh();
        setInterval(refresh, interval);
        """;
}
